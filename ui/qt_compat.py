"""Work-arounds for defects of the Qt binding, each with a probe that detects it.

PySide6 6.12.0 returns a *borrowed* ``True``/``False`` from ``SignalInstance.emit()`` and
``disconnect()`` as if it were a new reference, so every call drops the interpreter's
reference count of ``True`` (or ``False``) by one. From Python 3.12 the bool singletons are
immortal and nothing happens; on Python 3.11 the count reaches zero after a few hundred
emits and the interpreter aborts ("bool_dealloc: deallocating True or False").

``protect_bool_singletons()`` probes for the defect and, only when it is present on an
interpreter without immortal objects, adds 2**40 references to both singletons — what
Python 3.12 does by design. Call it once at start-up, before signals are emitted
(``desktop.app.main`` and the widget tests do).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_RESERVE = 1 << 40
_protected = False


class _Probe(QObject):
    ping = Signal()


def emit_steals_bool_reference() -> bool:
    """Whether this binding's ``emit()`` drops a reference it does not own."""
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()
    after = sys.getrefcount(True)
    return after < before


def protect_bool_singletons() -> bool:
    """Make ``True``/``False`` effectively immortal if the binding needs it; True if done."""
    global _protected
    if _protected:
        return True
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False  # immortal bools, or a debug build with another object layout
    if not emit_steals_bool_reference():
        return False
    for singleton in (True, False):
        before = sys.getrefcount(singleton)
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt comes first
        refcount.value += _RESERVE
        if sys.getrefcount(singleton) - before != _RESERVE:  # not the layout we expected
            refcount.value -= _RESERVE
            return False
    _protected = True
    return True
