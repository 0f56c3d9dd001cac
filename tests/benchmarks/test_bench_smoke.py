"""A bounded smoke run of the sync benchmark's code (tiny sizes, no timing asserted): the
benchmark stays runnable. The full benchmark (``python -m tests.benchmarks --sync
--peer``) is never part of the test run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.benchmarks import bench_peer, bench_sync


def test_initial_sync_rounds_and_profiles_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "profile"
    bench_sync.bench_initial_and_incremental(
        records=40, runs=2, tmp=tmp_path / "work", rounds=1, peer=False, profile=profile
    )
    out = capsys.readouterr().out
    assert "ratio push time / raw copy" in out
    assert "ratio pull time / raw copy" in out
    assert "one changed field, p50" in out
    for name in ("client-push", "client-pull", "server"):
        assert (profile / f"{name}.prof").stat().st_size > 0


def test_peer_documents_are_the_desk_records(tmp_path: Path) -> None:
    template = tmp_path / "template"
    bench_sync.build_template(template, 3)
    store = bench_sync.open_copy(template, tmp_path / "copy")
    try:
        count = bench_peer.export_docs(store, tmp_path / "docs.json")
    finally:
        store.lock()
    docs = json.loads((tmp_path / "docs.json").read_text())
    assert count == len(docs) == 3 * bench_sync.RECORDS_PER_INTAKE
    assert {d["entity"] for d in docs} >= {"persons", "visits", "needs", "referrals"}
    assert all(d["_id"] and isinstance(d["data"], dict) for d in docs)
