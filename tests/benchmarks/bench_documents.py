"""Referral slips: warm render time and PDF size per language, side by side.

One person per language (name in the language's script), one referral each with an
appointment; each slip is rendered once to warm fonts and catalogs, then ``renders`` times.
Rendering includes the store reads, shaping, layout, font subsetting and the audit event
of printing; a rollback keeps the store unchanged.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from models.consent import ConsentForm, give_consent
from models.crypto import KdfParams
from models.documents import LANGUAGES, referral_slip
from models.people import PersonForm, create_person
from models.referrals import change_status, create_referral
from tests.benchmarks import stores
from tests.benchmarks.harness import Timings, ms, row, timed
from tests.models.service_helpers import as_service
from tests.models.test_documents import NAMES


def bench_documents(renders: int = 20) -> None:
    print(f"\nReferral slip per language: {renders} warm renders each, median / p95, PDF size")
    with tempfile.TemporaryDirectory() as tmp:
        store = stores.encrypted(
            Path(tmp) / "enc", KdfParams(memory_kib=1024, iterations=1, lanes=1)
        )
        actor = store.actor
        referrals = {}
        for lang in LANGUAGES:
            given, family = NAMES[lang]
            with store.session() as s:
                form = PersonForm(given_name=given, family_name=family, preferred_language=lang)
                person = create_person(s, actor, form)
                give_consent(s, actor, person.id, ConsentForm("sharing"))
                rid = create_referral(s, actor, person.id, "mwc_family_reunification", "r").id
                referrals[lang] = rid
            with store.session() as s:
                change_status(s, actor, rid, "sent")
            # accepted and the appointment come from the receiving service, by sync
            as_service(store, rid, "accepted")
            as_service(store, rid, "appointment_set", appointment_at=datetime(2027, 4, 12, 10, 30))
        results = {}
        for lang in LANGUAGES:
            timings = Timings()
            with store.session() as s:
                cold = timed(lambda lang=lang, s=s: referral_slip(s, actor, referrals[lang]))
                for _ in range(renders):
                    with timings.measure():
                        doc = referral_slip(s, actor, referrals[lang])
                s.rollback()
            results[lang] = (cold, timings, len(doc.pdf))
        store.lock()
    for lang, (cold, timings, size) in results.items():
        row(
            f"{lang}: first render {ms(cold)}, warm median / p95",
            f"{ms(timings.median)} / {ms(timings.p(0.95))}",
            f"{size / 1024:.0f} KB (targets <= 100 ms, <= 150 KB)",
        )
