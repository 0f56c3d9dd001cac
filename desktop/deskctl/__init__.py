"""``arco-deskctl``: set up and look after a desk store from a terminal or a script.

Usage (global options may come before or after the command)::

    arco-deskctl [--data-dir DIR] [--lang it|en] [--operator LOGIN] [--password-stdin] COMMAND

    init --desk CODE --admin LOGIN [--display-name NAME]
                                    create the store; prints the recovery key once
    verify                          check pages, structure, foreign keys, audit trail,
                                    key file (seal, required slots)
    backup --to PATH                encrypted copy (PATH and PATH's .keys.json)
    restore --from PATH             replace the store with a backup (the store must be
                                    closed); the replaced files are moved aside, not deleted
    rekey [--keep-recovery-key]     re-encrypt under a new key sealed to every active
                                    operator (passwords unchanged); prints the new recovery
                                    key and any login that needs a new password
    offline-days [DAYS]             show or set the days without sync after which only
                                    administrators unlock this desk (default 30)
    operator add LOGIN --role ROLE [--display-name NAME]
    operator passwd LOGIN [--recovery-key-stdin | --use-recovery-key]
                          [--rekey [--keep-recovery-key]]
    operator disable LOGIN [--rekey [--keep-recovery-key]]
    operator list
    export-person PERSON_ID --out FILE    GDPR access: JSON, new file only, mode 0600
    erase-person PERSON_ID --yes          GDPR erasure (cannot be undone)
    purge [--years N] --yes               erase people past the retention period (5 years)
    enroll --server URL --code CODE [--ca-bundle FILE] [--allow-http]
                                    enrol this desk with the central server (admin)
    sync                            one sync cycle with the central server

Every command except ``init`` and a recovery-key ``operator passwd`` unlocks the store as
``--operator LOGIN``. Passwords are never taken from the command line: they are asked at
the terminal (without echo), or read one per line from standard input with
``--password-stdin``. When a command needs two secrets they are read in this order: the
acting operator's password, then the new password (``operator add``, ``operator passwd``);
with ``--recovery-key-stdin`` the recovery key comes first, then the new password.

``restore`` checks ``--operator``'s password against the backup, not the current store
(which may be the damaged one being replaced).

The store is locked again at the end of every command; commands that change data take a
rolling backup while locking. Commands that change files (``init``, ``restore``,
``rekey``, ``operator add|passwd|disable``, ``erase-person``, ``purge``) hold the data
folder's instance lock (``desktop.instance``), so they refuse to run while ARCO Desk has
the folder open. Messages come from ``ui.errors`` in the operator's language
(``--lang``, else ``ARCO_LANG``, else ``LANG``; Italian by default) and never show a
traceback. Like ``arco-desk``, the command first turns core dumps off
(``desktop.hardening``).

Exit codes (the table of all three programs, ``models.exit_codes``):

    0    success
    1    other error (no store, store already exists, invalid value, file problem, the
         central server refused or could not be reached, …)
    2    usage error (bad or missing option, missing confirmation, no password given)
    3    the data folder is in use by ARCO Desk or another ``arco-deskctl`` command
    4    sign-in refused: wrong password or recovery key, unknown or disabled operator,
         too many attempts (wait), the operator's role does not allow the command, this
         computer was revoked, or it went too long without a sync (administrators only)
    5    integrity problem: ``verify`` found problems, or the database or its key file is
         damaged, altered or missing
    6    unexpected internal error (a bug: only the error's type name is shown)
    130  interrupted (Ctrl+C)

Modules: ``context`` (what every command shares: secrets, unlocking, the folder lock,
printing, errors and their exit codes, the command table's row), one module per group of
commands with its table (``store_cmds``, ``operator_cmds``, ``gdpr_cmds``, ``sync_cmds``),
and ``cli`` (the parser built from those tables, and ``main``).
"""

from __future__ import annotations

from desktop.deskctl.cli import main

__all__ = ["main"]
