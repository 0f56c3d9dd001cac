"""Core dumps off: the function, then the real programs in subprocesses.

Each child starts with its core-file limit raised to the hard limit, so a limit of 0 seen
in ``/proc/<pid>/limits`` can only come from the program. The dumpable flag has no outside
trace for a process of one's own user (``/proc/<pid>`` turns root's, and the suite may run
as root), so it is read inside a fresh interpreter after the same call the programs make.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc")


def _raise_core_limit() -> None:
    hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


def _needs_a_raisable_limit() -> None:
    if resource.getrlimit(resource.RLIMIT_CORE)[1] == 0:
        pytest.skip("the hard core limit is already 0 here: nothing to see lowered")


def test_disable_core_dumps_sets_both_limits_and_the_dumpable_flag() -> None:
    """In a fresh interpreter (the test process keeps its own limits)."""
    _needs_a_raisable_limit()
    code = (
        "import json, resource; from desktop.hardening import disable_core_dumps, is_dumpable;"
        "before = [resource.getrlimit(resource.RLIMIT_CORE), is_dumpable()];"
        "done = disable_core_dumps();"
        "print(json.dumps([before, resource.getrlimit(resource.RLIMIT_CORE), is_dumpable(),"
        " done.limit_zero, done.undumpable]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        preexec_fn=_raise_core_limit,
        check=True,
    )
    before, after, dumpable, limit_zero, undumpable = json.loads(result.stdout)
    assert before[0] != [0, 0]
    assert after == [0, 0] and limit_zero is True
    if sys.platform.startswith("linux"):
        assert before[1] is True
        assert dumpable is False and undumpable is True


def _core_limit(pid: int) -> str | None:
    try:
        text = Path(f"/proc/{pid}/limits").read_text()
    except OSError:
        return None
    line = next(line for line in text.splitlines() if line.startswith("Max core file size"))
    return " ".join(line.split()[4:6])  # soft, hard


def _start(args: list[str]) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCO_")}
    env.update(QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-m", *args],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_raise_core_limit,
        start_new_session=True,
    )


def _watch(child: subprocess.Popen[str], seconds: float = 60.0) -> str | None:
    """The child's core limit once it reads 0 0 (or the last one seen)."""
    deadline = time.monotonic() + seconds
    limit = None
    while time.monotonic() < deadline and child.poll() is None:
        limit = _core_limit(child.pid)
        if limit == "0 0":
            break
        time.sleep(0.05)
    return limit


def _stop(child: subprocess.Popen[str]) -> None:
    if child.poll() is None:
        child.terminate()
    try:
        child.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()


@linux_only
@pytest.mark.parametrize(
    "program",
    [
        # init waits for the new password on standard input, so it stays up to be looked at
        ["desktop.deskctl", "init", "--desk", "acli", "--admin", "anna", "--password-stdin"],
        ["desktop.app"],  # the set-up wizard, offscreen
    ],
    ids=["arco-deskctl", "arco-desk"],
)
def test_the_real_programs_run_without_core_dumps(program: list[str], tmp_path: Path) -> None:
    _needs_a_raisable_limit()
    module, *rest = program
    child = _start([module, "--data-dir", str(tmp_path / "desk"), *rest])
    try:
        limit = _watch(child)
        assert child.poll() is None, child.communicate()
        assert limit == "0 0"
    finally:
        _stop(child)
