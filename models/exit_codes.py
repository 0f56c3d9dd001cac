"""Exit codes of the three programs: ``arco-desk``, ``arco-deskctl`` and ``arco-central``.

One table for all three, so that an installer, a backup script or a service manager reads
any of them the same way. A program uses only the codes that can happen to it; no code
ever means something else.

    0    EXIT_OK                 success
    1    EXIT_FAILED             failure, other error: no store, store already exists,
                                 invalid value, file problem, refused by the central server,
                                 self-test failed, sync failed, …
    2    EXIT_USAGE              usage error: bad or missing option, missing confirmation,
                                 no password given, plain HTTP off loopback without
                                 ``--insecure-http``
    3    EXIT_IN_USE             the data folder is in use by ARCO Desk or another
                                 ``arco-deskctl`` command
    4    EXIT_SIGN_IN_REFUSED    sign-in refused: wrong password or recovery key, unknown or
                                 disabled operator or user, too many attempts (wait), the role
                                 does not allow the command, this computer was revoked, or it
                                 went too long without a sync (administrators only)
    5    EXIT_INTEGRITY          integrity problem: ``verify`` found problems, or the database
                                 or its key file is damaged, altered or missing
    6    EXIT_INTERNAL           unexpected internal error (a bug: ``arco-deskctl`` shows only
                                 the error's type name; the other two let Python report it,
                                 which exits 1)
    130  EXIT_INTERRUPTED        interrupted (Ctrl+C)

Who uses what: ``arco-desk`` 0, 1, 2, 3; ``arco-deskctl`` all of them; ``arco-central`` 0,
1, 2, 4 (``--as`` with a wrong password or a disabled user). Usage errors found by
``argparse`` exit 2 in all three.

Plain Python on purpose (no Qt): ``sync.server.cli`` imports it too.
"""

from __future__ import annotations

from typing import Final

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_USAGE: Final = 2
EXIT_IN_USE: Final = 3
EXIT_SIGN_IN_REFUSED: Final = 4
EXIT_INTEGRITY: Final = 5
EXIT_INTERNAL: Final = 6
EXIT_INTERRUPTED: Final = 130
