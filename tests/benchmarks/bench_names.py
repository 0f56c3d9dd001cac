"""Name search recall on the evaluation set (``name_variants``), next to a per-token Soundex
baseline computed in the same run, and search latency at the largest size.

For each size the store holds the 51 registered targets and that many background people
(sharing their name parts); every typed variant is searched as the operator typed it
(``find_people(session, query)``: a year in the query is used, nothing else is passed). A
variant counts for recall@k when its target is among the first k answers.

The baseline indexes the Soundex code of every word of every name field (transliterated to
Latin letters with anyascii first, so that it too can compare scripts) and ranks people by
how many typed words' codes they share, then by fewer words, then by registration order.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from anyascii import anyascii

from models.clock import utcnow
from models.people import PersonForm, check_person, new_person
from models.search import find_people
from models.store import OpenStore
from tests.benchmarks import stores
from tests.benchmarks.harness import Timings, ms, row
from tests.benchmarks.name_variants import KINDS, TARGETS, background, variant_count

_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def soundex(word: str) -> str:
    """American Soundex of one folded word (``robert`` → ``R163``)."""
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return ""
    out = [letters[0].upper()]
    last = _CODES.get(letters[0], "")
    for ch in letters[1:]:
        code = _CODES.get(ch, "")
        if code and code != last:
            out.append(code)
        if ch not in "hw":
            last = code
    return "".join(out)[:4].ljust(4, "0")


def _folded_words(text: str) -> list[str]:
    cleaned = "".join(ch if ch.isalpha() else " " for ch in anyascii(text).lower())
    return cleaned.split()


class SoundexBaseline:
    """Per-token Soundex over every name field, in memory."""

    def __init__(self) -> None:
        self.by_code: dict[str, set[int]] = defaultdict(set)
        self.sizes: list[int] = []
        self.ids: list[str] = []

    def add(self, person_id: str, form: PersonForm) -> None:
        names = (form.given_name, form.family_name, form.given_name_latin, form.family_name_latin)
        codes = {soundex(w) for name in names for w in _folded_words(name)}
        codes.discard("")
        index = len(self.ids)
        self.ids.append(person_id)
        self.sizes.append(len(codes))
        for code in codes:
            self.by_code[code].add(index)

    def search(self, query: str, limit: int = 5) -> list[str]:
        codes = {soundex(w) for w in _folded_words(query)}
        codes.discard("")
        hits: Counter[int] = Counter()
        for code in codes:
            for index in self.by_code.get(code, ()):
                hits[index] += 1
        ranked = sorted(hits, key=lambda i: (-hits[i], self.sizes[i], i))
        return [self.ids[i] for i in ranked[:limit]]


def _load(store: OpenStore, forms: list[PersonForm], baseline: SoundexBaseline) -> list[str]:
    """Register people as a sync pull would (no outbox); the index is kept on flush."""
    ids = []
    now = utcnow()
    for start in range(0, len(forms), 5000):
        with store.session() as session:
            session.info["replicating"] = True
            for form in forms[start : start + 5000]:
                person = new_person(check_person(form))
                person.origin_desk = "central"
                person.created_at = person.updated_at = now
                session.add(person)
                ids.append(person.id)
                baseline.add(person.id, form)
    return ids


def _recall(
    store: OpenStore, targets: dict[str, str], baseline: SoundexBaseline
) -> tuple[dict[str, list[tuple[str, str, int]]], Timings]:
    """Rank of each variant's target (0: not in the first 20) for both searches."""
    ranks: dict[str, list[tuple[str, str, int]]] = {"ours": [], "soundex": []}
    timings = Timings()
    with store.session() as session:
        for target in TARGETS:
            wanted = targets[target.key]
            for query, kind in target.variants:
                with timings.measure():
                    found = [m.person_id for m in find_people(session, query)]
                ours = found.index(wanted) + 1 if wanted in found else 0
                ranks["ours"].append((query, kind, ours))
                theirs = baseline.search(query, limit=20)
                base = theirs.index(wanted) + 1 if wanted in theirs else 0
                ranks["soundex"].append((query, kind, base))
    return ranks, timings


def _rate(ranks: list[tuple[str, str, int]], k: int, kind: str | None = None) -> float:
    chosen = [r for _, kd, r in ranks if kind is None or kd == kind]
    return 100.0 * sum(1 for r in chosen if 0 < r <= k) / max(1, len(chosen))


def bench_recall(sizes: tuple[int, ...] = (10_000, 50_000), latency_size: int = 100_000) -> None:
    print(
        f"\nName search recall: {len(TARGETS)} registered people, {variant_count()} typed "
        f"variants, against background people sharing their name parts"
    )
    biggest = max((*sizes, latency_size))
    people = list(background(biggest))
    with tempfile.TemporaryDirectory() as tmp:
        store = stores.encrypted(Path(tmp) / "names")
        baseline = SoundexBaseline()
        ids = _load(store, [t.form() for t in TARGETS], baseline)
        targets = {t.key: pid for t, pid in zip(TARGETS, ids, strict=True)}
        loaded = 0
        last: dict[str, list[tuple[str, str, int]]] = {}
        for size in sorted(sizes):
            start = time.perf_counter()
            _load(store, people[loaded:size], baseline)
            loaded = size
            took = time.perf_counter() - start
            ranks, timings = _recall(store, targets, baseline)
            last = ranks
            print(f"  with {size:,} background people (loaded in {took:.0f} s)")
            for name, label in (("ours", "name search"), ("soundex", "per-token Soundex")):
                row(
                    f"{label}: recall@1 / recall@5",
                    f"{_rate(ranks[name], 1):.1f}% / {_rate(ranks[name], 5):.1f}%",
                    "target >= 90% / 98% at 50,000" if name == "ours" else "",
                )
            row("name search p50 / p95", f"{ms(timings.median)} / {ms(timings.p(0.95))}")
        print("  by kind of variation (largest size): name search @1/@5 | Soundex @1/@5")
        for kind in KINDS:
            count = sum(1 for _, kd, _ in last["ours"] if kd == kind)
            ours = f"{_rate(last['ours'], 1, kind):.0f}/{_rate(last['ours'], 5, kind):.0f}"
            theirs = f"{_rate(last['soundex'], 1, kind):.0f}/{_rate(last['soundex'], 5, kind):.0f}"
            row(f"{kind} ({count})", f"{ours} | {theirs}")
        missed = [(q, kd, r) for q, kd, r in last["ours"] if not 0 < r <= 1]
        if missed:
            listed = "; ".join(f"{q!r} [{kd}] rank {r or '>20'}" for q, kd, r in missed)
            print(f"  not first (largest size): {listed}")
        if latency_size > loaded:
            _load(store, people[loaded:latency_size], baseline)
            timings = Timings()
            with store.session() as session:
                for _ in range(2):
                    for target in TARGETS:
                        for query, _kind in target.variants:
                            with timings.measure():
                                find_people(session, query)
            print(f"  latency with {latency_size:,} background people")
            row("name search p50", ms(timings.median))
            row("name search p95", ms(timings.p(0.95)), "target <= 20 ms")
        store.lock()
