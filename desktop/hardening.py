"""No core dumps of the desk programs.

An unlocked desk process holds the database key and decrypted records in memory; a core
dump (a crash, ``kill -QUIT``, ``gcore``) would write them to disk in clear, where
``systemd-coredump`` or ``apport`` may keep them for weeks. So ``arco-desk`` and
``arco-deskctl`` call ``disable_core_dumps`` first thing:

- ``RLIMIT_CORE`` soft and hard limits to 0 (POSIX): the kernel writes no core file, and
  the process cannot raise the limit again;
- on Linux, ``prctl(PR_SET_DUMPABLE, 0)``: no core either when a crash handler pipes cores
  (``core_pattern = |…`` ignores the limit), and other processes of the same user may not
  attach a debugger (ptrace) or read ``/proc/<pid>/mem``; ``/proc/<pid>`` becomes root's.

Best effort: on a system without one of them (Windows has neither), the program still
runs and a warning is logged (no personal data).
"""

from __future__ import annotations

import ctypes
import logging
import sys
from dataclasses import dataclass

log = logging.getLogger(__name__)

PR_GET_DUMPABLE = 3
PR_SET_DUMPABLE = 4


@dataclass(frozen=True)
class CoreDumps:
    """What ``disable_core_dumps`` achieved; ``None`` where the system has no such knob."""

    limit_zero: bool | None
    undumpable: bool | None


def _prctl(option: int, arg: int = 0) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    result: int = libc.prctl(option, arg, 0, 0, 0)
    return result


def disable_core_dumps() -> CoreDumps:
    """Make this process leave no core dump (see the module docstring)."""
    limit_zero: bool | None = None
    try:
        import resource
    except ImportError:  # Windows
        pass
    else:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            limit_zero = True
        except (OSError, ValueError) as exc:
            log.warning("could not disable core dumps (RLIMIT_CORE): %s", type(exc).__name__)
            limit_zero = False
    undumpable: bool | None = None
    if sys.platform.startswith("linux"):
        try:
            undumpable = _prctl(PR_SET_DUMPABLE, 0) == 0
        except (OSError, AttributeError):  # no libc with prctl
            undumpable = False
        if not undumpable:
            log.warning("could not mark the process undumpable (prctl)")
    return CoreDumps(limit_zero=limit_zero, undumpable=undumpable)


def is_dumpable() -> bool | None:
    """Linux: whether this process may leave a core dump or be traced (``None`` elsewhere)."""
    if not sys.platform.startswith("linux"):
        return None
    return _prctl(PR_GET_DUMPABLE) != 0
