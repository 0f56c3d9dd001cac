"""After lock, no Python object holds the keys or a person's data; the process memory scan
(``memory_probe``) measures what freed memory still holds (Python never zeroes it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc/self/mem")
def test_a_locked_store_leaves_no_live_key_or_name_and_the_scan_says_what_memory_keeps() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.models.memory_probe"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    probe = json.loads(result.stdout)
    figures = dict(
        zip(probe["names"], zip(probe["before"], probe["memory"], strict=True), strict=True)
    )
    print("before lock / after lock, in the process memory:", figures)
    # The scan sees what is there: the keys and the name while unlocked.
    for name in ("database key", "legal key", "canary name"):
        assert figures[name][0] >= 1, name
    # After lock nothing reachable holds a key or the name (wiped buffers, closed
    # connections, dropped sessions); what is left is freed memory, counted above.
    assert probe["live"] == [0] * len(probe["names"])
