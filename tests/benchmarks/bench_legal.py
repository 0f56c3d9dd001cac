"""What the legal key costs: a legal advisor's unlock, and sealing a consultation."""

from __future__ import annotations

import tempfile
from pathlib import Path

from models import legal
from models.consent import ConsentForm, give_consent
from models.consultations import record_consultation
from models.ids import uuid7
from models.people import PersonForm, create_person
from models.store import DeskStore
from tests.benchmarks import stores
from tests.benchmarks.harness import Timings, ms, row

QUESTION = "Può chiedere il ricongiungimento familiare con il permesso in rinnovo? " * 4
ADVICE = "Sì, con la ricevuta postale della domanda di rinnovo e i documenti del reddito. " * 6


def bench_legal(count: int) -> None:
    print(f"\nLegal key: unlock of a legal advisor, {count:,} consultations sealed")
    with tempfile.TemporaryDirectory() as tmp:
        admin = stores.encrypted(Path(tmp) / "legal")
        admin.add_operator("lex", "legal_advisor", stores.PASSWORD)
        with admin.session() as session:
            pid = create_person(
                session, admin.actor, PersonForm(given_name="A", family_name="B")
            ).id
            give_consent(session, admin.actor, pid, ConsentForm("sharing", "consent"))
        files = admin.files
        admin.lock()
        admin_t, advisor_t = Timings(), Timings()
        for _ in range(5):  # alternate: the same machine conditions for both
            with admin_t.measure():
                DeskStore(files.data_dir).unlock("bench", stores.PASSWORD).lock()
            with advisor_t.measure():
                DeskStore(files.data_dir).unlock("lex", stores.PASSWORD).lock()
        row("unlock of an administrator (no legal key), median", ms(admin_t.median))
        row("unlock of a legal advisor (opens the legal key), median", ms(advisor_t.median))
        store = DeskStore(files.data_dir).unlock("lex", stores.PASSWORD)
        record, seal = Timings(), Timings()
        key = store.legal_keyring.primary() if store.legal_keyring else b""
        for _ in range(count):
            with record.measure(), store.session() as session:
                record_consultation(session, store.actor, pid, "asylum", QUESTION, ADVICE, "ok")
            row_id = uuid7()
            with seal.measure():
                for name, text in (("question", QUESTION), ("advice", ADVICE), ("outcome", "ok")):
                    legal.seal(key, row_id, name, text)
        store.lock()
    row("record a consultation (sealed, one transaction), p50", ms(record.median))
    row("record a consultation, p95", ms(record.p(0.95)))
    row("sealing its three fields alone, p50", ms(seal.median))
    row("share of sealing in recording", f"{seal.median / record.median:.1%}")
