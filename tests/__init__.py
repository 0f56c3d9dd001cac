"""The test suite, its helpers and the benchmarks.

Every process of the test harness imports this package first (pytest, the sync desk
workers, ``python -m tests.benchmarks``, ``tests.screenshots``, the fixture maker), so this
is the one place that lowers the desk store's floor for new key slots to the suite's fast
Argon2id parameters (``FAST_KDF`` in ``tests/conftest.py``). The programs under test run
in their own processes (``python -m desktop.deskctl``, ``desktop.app``) and keep the
production floor; reading is bounded the same way everywhere (``models.crypto``).
"""

from models.crypto import KdfParams
from models.store import DeskStore

DeskStore.kdf_floor = KdfParams(memory_kib=1024, iterations=1, lanes=1)
