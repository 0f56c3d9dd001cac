"""Legal keys through the central server: two laptops of one desk read each other's
consultations, MWC's legal staff read the ones escalated to them, and the server holds
only public keys, sealed rings and sealed content (real server process, SQLite and
PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import requests
from sqlalchemy import select

from models.consultations import get_consultation, record_consultation
from models.referrals import SENT, change_status
from models.store import DeskStore, OpenStore
from sync import client
from sync.server.schema import LegalGrant, LegalRecipient, Record, StaffLegalKey
from tests.conftest import ADMIN_PASSWORD
from tests.models.service_helpers import add_person, share
from tests.sync.fixtures import STAFF_PASSWORD, Central, Desk

QUESTION = "LEGALCANARY can the family join before the permit is renewed?"


def as_advisor(desk: Desk, login: str) -> tuple[DeskStore, OpenStore]:
    """The desk's store, locked by its admin and unlocked by legal advisor ``login``."""
    desk.store.add_operator(login, "legal_advisor", ADMIN_PASSWORD)
    files = desk.store.files
    desk.store.lock()
    return files, files.unlock(login, ADMIN_PASSWORD)


def escalated(lucia: OpenStore, pid: str, why: str) -> tuple[str, str]:
    """lucia records a consultation, escalates it and sends the referral: (id, number)."""
    share(lucia, lucia.actor, pid)
    with lucia.session() as session:
        consultation = record_consultation(
            session, lucia.actor, pid, "family_reunification", QUESTION, "", "",
            escalate=True, escalation_reason=why,
        )  # fmt: skip
        assert consultation.escalation_referral_id is not None
        referral = change_status(session, lucia.actor, consultation.escalation_referral_id, SENT)
        return consultation.id, referral.number


def synced(store: OpenStore) -> client.SyncReport:
    report = client.SyncClient(store).sync()
    assert report.ok, report.error
    return report


def test_two_laptops_of_a_desk_and_mwc_legal_staff_share_the_legal_keys(
    central: Central, make_desk: Callable[..., Desk], tmp_path: Path
) -> None:
    central.add_staff("giulia", ["mwc_legal_second_level"])  # MWC legal: gets a key pair
    central.add_staff("paolo", ["mwc_family_reunification"])  # another service: none
    first, second = make_desk(central, "acli", "laptop1"), make_desk(central, "acli", "laptop2")
    files1, lucia = as_advisor(first, "lucia")
    files2, marco = as_advisor(second, "marco")

    # lucia writes a consultation and escalates it; her laptop pushes it.
    pid = add_person(lucia, lucia.actor, given_name="Amina", family_name="Esempio")
    cid, number = escalated(lucia, pid, "needs the second level")
    synced(lucia)  # lucia's laptop registers her and seals its ring to MWC legal
    synced(marco)  # marco's laptop: registers him, seals its ring to lucia, pulls the note
    with marco.session() as session:  # lucia's laptop has not sealed its ring to him yet
        assert get_consultation(session, marco.actor, cid).question is None
    assert synced(lucia).legal_keys_sent == 1  # now it seals its ring to marco
    assert synced(marco).legal_keys_received == 1  # and his laptop keeps it in his slot
    marco.lock()
    marco = files2.unlock("marco", ADMIN_PASSWORD)  # his ring takes it in at his unlock
    try:
        with marco.session() as session:
            assert get_consultation(session, marco.actor, cid).question == QUESTION
    finally:
        marco.lock()

    # MWC's legal staff member reads the escalated consultation; nobody else does.
    url = f"{central.url}/v1/staff/referrals/{number}/consultation"
    answer = requests.get(url, auth=("giulia", STAFF_PASSWORD), timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.json()["question"] == QUESTION
    assert answer.json()["escalation_reason"] == "needs the second level"
    other = requests.get(url, auth=("paolo", STAFF_PASSWORD), timeout=30)
    assert other.status_code == 404 and other.json()["code"] == "referral_unknown"

    # The server's database: public keys, sealed rings and sealed content only.
    def stored(session: object) -> str:
        rows: list[object] = []
        for model in (Record, LegalGrant, LegalRecipient, StaffLegalKey):
            rows += [vars(row) for row in session.scalars(select(model))]  # type: ignore[attr-defined]
        return repr(rows)

    everything = central.run(stored)
    assert "LEGALCANARY" not in everything and "needs the second level" not in everything
    lucia.lock()
    files1.unlock("lucia", ADMIN_PASSWORD).lock()  # took in marco's ring too


def test_mwc_legal_staff_wait_until_the_desk_shares_its_key(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    central = central_sqlite
    desk = make_desk(central, "acli")
    _files, lucia = as_advisor(desk, "lucia")
    _cid, number = escalated(lucia, add_person(lucia, lucia.actor), "second level")
    synced(lucia)  # no legal staff yet: nobody to seal to
    central.add_staff("giulia", ["mwc_legal_second_level"])
    url = f"{central.url}/v1/staff/referrals/{number}/consultation"
    waiting = requests.get(url, auth=("giulia", STAFF_PASSWORD), timeout=30)
    assert waiting.status_code == 403 and waiting.json()["code"] == "legal_key_not_shared"
    synced(lucia)
    shared = requests.get(url, auth=("giulia", STAFF_PASSWORD), timeout=30)
    assert shared.status_code == 200 and shared.json()["question"] == QUESTION
    lucia.lock()
