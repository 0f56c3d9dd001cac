"""Plain-words, translated messages for the typed errors of ``models.errors``.

The core raises typed errors with structured fields and never formats text for people
(STYLE.md lesson 10); this module is the one place that turns them into sentences in the
operator's language. The command line (``desktop.deskctl``) and the windows use it alike.

Messages never include ``str(exc)``: core errors keep their details in fields, and the text
of an unexpected exception may carry personal data (a value from a failed SQL statement,
for example). For those, only the exception's type name is shown.

Every string goes through ``QCoreApplication.translate("Errors", ...)`` (or
``QT_TRANSLATE_NOOP`` for the label tables), so ``pyside6-lupdate`` extracts it into
``translations/arco_*.ts``.
"""

from __future__ import annotations

import errno
import math
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from models import errors as e
from models.passwords import MAX_LENGTH, MIN_LENGTH
from models.reference import desk_codes
from models.settings import OFFLINE_DAYS
from ui.i18n import Labels, arg
from ui.vocabulary import purpose_label, role_label, status_label

_CONTEXT = "Errors"


# Completes "Your role (%1) does not allow you to %2."
_ACTIONS = {
    "person.read": QT_TRANSLATE_NOOP("Errors", "view people's records"),
    "person.write": QT_TRANSLATE_NOOP("Errors", "change people's records"),
    "referral.write": QT_TRANSLATE_NOOP("Errors", "create or change referrals"),
    "consent.write": QT_TRANSLATE_NOOP("Errors", "record consent"),
    "consultation.exists": QT_TRANSLATE_NOOP("Errors", "see legal consultations"),
    "consultation.content": QT_TRANSLATE_NOOP("Errors", "read or write legal consultation notes"),
    "audit.read": QT_TRANSLATE_NOOP("Errors", "read the audit trail"),
    "reports.read": QT_TRANSLATE_NOOP("Errors", "see the indicators"),
    "gdpr.export": QT_TRANSLATE_NOOP("Errors", "export a person's data"),
    "gdpr.erase": QT_TRANSLATE_NOOP("Errors", "erase a person's data"),
    "retention.purge": QT_TRANSLATE_NOOP("Errors", "delete records past the retention period"),
    "reference.write": QT_TRANSLATE_NOOP("Errors", "change the reference lists"),
    "store.verify": QT_TRANSLATE_NOOP("Errors", "check the database"),
    "store.backup": QT_TRANSLATE_NOOP("Errors", "make backups"),
    "store.restore": QT_TRANSLATE_NOOP("Errors", "restore a backup"),
    "store.rekey": QT_TRANSLATE_NOOP("Errors", "change the database key"),
    "operators.manage": QT_TRANSLATE_NOOP("Errors", "manage operators"),
    "sync.run": QT_TRANSLATE_NOOP("Errors", "synchronise with the Welcome Center"),
    "sync.enrol": QT_TRANSLATE_NOOP("Errors", "enrol this computer with the Welcome Center"),
    "conflict.resolve": QT_TRANSLATE_NOOP("Errors", "decide synchronisation conflicts"),
    "duplicates.merge": QT_TRANSLATE_NOOP("Errors", "merge duplicate people"),
}

_FIELDS = {
    "login": QT_TRANSLATE_NOOP("Errors", "login"),
    "password": QT_TRANSLATE_NOOP("Errors", "password"),
    "recovery_key": QT_TRANSLATE_NOOP("Errors", "recovery key"),
    "role": QT_TRANSLATE_NOOP("Errors", "role"),
    "desk": QT_TRANSLATE_NOOP("Errors", "desk"),
    "display_name": QT_TRANSLATE_NOOP("Errors", "display name"),
    "given_name": QT_TRANSLATE_NOOP("Errors", "given name"),
    "family_name": QT_TRANSLATE_NOOP("Errors", "family name"),
    "sex": QT_TRANSLATE_NOOP("Errors", "sex"),
    "birth_date": QT_TRANSLATE_NOOP("Errors", "date of birth"),
    "birth_year": QT_TRANSLATE_NOOP("Errors", "year of birth"),
    "birth_country": QT_TRANSLATE_NOOP("Errors", "country of birth"),
    "citizenships": QT_TRANSLATE_NOOP("Errors", "citizenship"),
    "languages": QT_TRANSLATE_NOOP("Errors", "languages spoken"),
    "language": QT_TRANSLATE_NOOP("Errors", "language"),
    "preferred_language": QT_TRANSLATE_NOOP("Errors", "preferred language"),
    "phone": QT_TRANSLATE_NOOP("Errors", "phone"),
    "email": QT_TRANSLATE_NOOP("Errors", "e-mail"),
    "address": QT_TRANSLATE_NOOP("Errors", "address"),
    "municipio": QT_TRANSLATE_NOOP("Errors", "Municipio"),
    "arrival_date": QT_TRANSLATE_NOOP("Errors", "arrival date"),
    "legal_status": QT_TRANSLATE_NOOP("Errors", "legal status"),
    "permit_expiry": QT_TRANSLATE_NOOP("Errors", "permit expiry date"),
    "person_id": QT_TRANSLATE_NOOP("Errors", "person"),
    "relationship_code": QT_TRANSLATE_NOOP("Errors", "relationship"),
    "doc_type": QT_TRANSLATE_NOOP("Errors", "document type"),
    "number": QT_TRANSLATE_NOOP("Errors", "number"),
    "issue_date": QT_TRANSLATE_NOOP("Errors", "issue date"),
    "expiry_date": QT_TRANSLATE_NOOP("Errors", "expiry date"),
    "code": QT_TRANSLATE_NOOP("Errors", "code"),
    "reason": QT_TRANSLATE_NOOP("Errors", "reason"),
    "channel": QT_TRANSLATE_NOOP("Errors", "channel of access"),
    "service_code": QT_TRANSLATE_NOOP("Errors", "service"),
    "target_service": QT_TRANSLATE_NOOP("Errors", "service"),
    "urgency": QT_TRANSLATE_NOOP("Errors", "urgency"),
    "status": QT_TRANSLATE_NOOP("Errors", "status"),
    "appointment_at": QT_TRANSLATE_NOOP("Errors", "appointment"),
    "due_date": QT_TRANSLATE_NOOP("Errors", "due date"),
    "topic": QT_TRANSLATE_NOOP("Errors", "topic"),
    "purpose": QT_TRANSLATE_NOOP("Errors", "purpose"),
    "notes": QT_TRANSLATE_NOOP("Errors", "notes"),
    "retention_years": QT_TRANSLATE_NOOP("Errors", "retention period"),
    "years": QT_TRANSLATE_NOOP("Errors", "retention period"),
    "name": QT_TRANSLATE_NOOP("Errors", "name"),
    "given_name_latin": QT_TRANSLATE_NOOP("Errors", "given name in Latin letters"),
    "family_name_latin": QT_TRANSLATE_NOOP("Errors", "family name in Latin letters"),
    "person": QT_TRANSLATE_NOOP("Errors", "person"),
    "lives_in": QT_TRANSLATE_NOOP("Errors", "lives in"),
    "country": QT_TRANSLATE_NOOP("Errors", "country"),
    "dependent": QT_TRANSLATE_NOOP("Errors", "dependent"),
    "linked_person_id": QT_TRANSLATE_NOOP("Errors", "linked person"),
    "issuer": QT_TRANSLATE_NOOP("Errors", "issued by"),
    "visit_id": QT_TRANSLATE_NOOP("Errors", "visit"),
    "need_id": QT_TRANSLATE_NOOP("Errors", "need"),
    "consultation_id": QT_TRANSLATE_NOOP("Errors", "legal consultation"),
    "description": QT_TRANSLATE_NOOP("Errors", "description"),
    "note": QT_TRANSLATE_NOOP("Errors", "note"),
    "outcome": QT_TRANSLATE_NOOP("Errors", "outcome"),
    "question": QT_TRANSLATE_NOOP("Errors", "question"),
    "advice": QT_TRANSLATE_NOOP("Errors", "advice given"),
    "escalate": QT_TRANSLATE_NOOP("Errors", "escalation"),
    "escalation_reason": QT_TRANSLATE_NOOP("Errors", "reason for escalation"),
    "appointment_place": QT_TRANSLATE_NOOP("Errors", "place of the appointment"),
    "mediator_called": QT_TRANSLATE_NOOP("Errors", "mediator called"),
    "basis": QT_TRANSLATE_NOOP("Errors", "legal basis"),
    "notice_version": QT_TRANSLATE_NOOP("Errors", "privacy notice version"),
    "offline_days": QT_TRANSLATE_NOOP("Errors", "days without synchronising"),
    "period": QT_TRANSLATE_NOOP("Errors", "period"),
    "target_people": QT_TRANSLATE_NOOP("Errors", "people to reach"),
    "project_start": QT_TRANSLATE_NOOP("Errors", "start of the project"),
    "project_months": QT_TRANSLATE_NOOP("Errors", "length of the project"),
}

_FIELD_WORDS = Labels(_CONTEXT, _FIELDS)

# List items are named like ``household[2].given_name``; these complete "%1 (%2)".
_GROUPS = {
    "needs": QT_TRANSLATE_NOOP("Errors", "need no. %1"),
    "household": QT_TRANSLATE_NOOP("Errors", "household member no. %1"),
    "documents": QT_TRANSLATE_NOOP("Errors", "document no. %1"),
    "consents": QT_TRANSLATE_NOOP("Errors", "consent no. %1"),
}
_ITEM = re.compile(r"^([a-z_]+)\[(\d+)\]\.(.+)$")

# Completes "The field “%1” %2."
_REASONS = {
    "invalid": QT_TRANSLATE_NOOP("Errors", "is not valid"),
    "required": QT_TRANSLATE_NOOP("Errors", "is required"),
    "missing": QT_TRANSLATE_NOOP("Errors", "is required"),
    "empty": QT_TRANSLATE_NOOP("Errors", "is required"),
    "unknown": QT_TRANSLATE_NOOP("Errors", "is not one of the allowed values"),
    "unknown_code": QT_TRANSLATE_NOOP("Errors", "is not one of the allowed values"),
    "too_long": QT_TRANSLATE_NOOP("Errors", "is too long"),
    "too_short": QT_TRANSLATE_NOOP("Errors", "is too short"),
    "exists": QT_TRANSLATE_NOOP("Errors", "is already in use"),
    "duplicate": QT_TRANSLATE_NOOP("Errors", "is already in use"),
    "format": QT_TRANSLATE_NOOP("Errors", "is not in the expected format"),
    "in_future": QT_TRANSLATE_NOOP("Errors", "cannot be in the future"),
    "in_past": QT_TRANSLATE_NOOP("Errors", "cannot be in the past"),
    "out_of_range": QT_TRANSLATE_NOOP("Errors", "is out of the allowed range"),
    "too_small": QT_TRANSLATE_NOOP("Errors", "is too small"),
    "invalid_type": QT_TRANSLATE_NOOP("Errors", "is not valid"),
    "invalid_format": QT_TRANSLATE_NOOP("Errors", "is not in the expected format"),
    "invalid_characters": QT_TRANSLATE_NOOP("Errors", "contains characters that are not allowed"),
    "not_latin": QT_TRANSLATE_NOOP("Errors", "must be written in Latin letters"),
    "not_allowed": QT_TRANSLATE_NOOP("Errors", "is not allowed here"),
    "not_found": QT_TRANSLATE_NOOP("Errors", "refers to a record that does not exist"),
    "before_1900": QT_TRANSLATE_NOOP("Errors", "cannot be before 1900"),
    "before_birth": QT_TRANSLATE_NOOP("Errors", "cannot be before the date of birth"),
    "before_issue": QT_TRANSLATE_NOOP("Errors", "cannot be before the issue date"),
    "mismatch": QT_TRANSLATE_NOOP("Errors", "does not match the date of birth"),
    "closed": QT_TRANSLATE_NOOP("Errors", "is already closed"),
    "not_a_number": QT_TRANSLATE_NOOP("Errors", "is not a whole number"),
    "invalid_tax_code": QT_TRANSLATE_NOOP(
        "Errors", "is not an Italian tax code (16 letters and digits in the right places)"
    ),
    "tax_code_checksum": QT_TRANSLATE_NOOP(
        "Errors", "does not add up: a letter or digit of the tax code was mistyped"
    ),
    "not_restorable": QT_TRANSLATE_NOOP(
        "Errors", "cannot be restored from a conflict (the desk does not set it): keep the value"
    ),
}


# A password refused as too easy to guess: how long a guessing program would need
# (completes "A password-guessing program could find it %1."), and what gave it away.
_CRACK_TIMES = {
    "instant": QT_TRANSLATE_NOOP("Errors", "in less than a minute"),
    "minutes": QT_TRANSLATE_NOOP("Errors", "in a few minutes"),
    "hours": QT_TRANSLATE_NOOP("Errors", "in a few hours"),
    "days": QT_TRANSLATE_NOOP("Errors", "in a few days"),
    "months": QT_TRANSLATE_NOOP("Errors", "in a few months"),
    "years": QT_TRANSLATE_NOOP("Errors", "in a few years"),
    "centuries": QT_TRANSLATE_NOOP("Errors", "only in centuries"),
}
_PASSWORD_HINTS = {
    "personal": QT_TRANSLATE_NOOP(
        "Errors", "It contains your login, your name or the desk's name."
    ),
    "common": QT_TRANSLATE_NOOP("Errors", "It is one of the most used passwords, or close to one."),
    "keyboard": QT_TRANSLATE_NOOP(
        "Errors", "Rows of neighbouring keys, like qwerty, are among the first guesses."
    ),
    "repeat": QT_TRANSLATE_NOOP(
        "Errors", "Repeated letters or words, like aaa or abcabc, are easy to guess."
    ),
    "sequence": QT_TRANSLATE_NOOP("Errors", "Sequences like abc or 1234 are easy to guess."),
    "dates": QT_TRANSLATE_NOOP("Errors", "Dates and years are easy to guess."),
    "names": QT_TRANSLATE_NOOP("Errors", "First names and surnames are easy to guess."),
    "words": QT_TRANSLATE_NOOP("Errors", "A common word on its own is easy to guess."),
}


def _tr(text: object) -> str:
    """Translate a string that was marked with ``QT_TRANSLATE_NOOP("Errors", ...)``."""
    return QCoreApplication.translate(_CONTEXT, str(text))  # lupdate: marked where declared


def field_label(field: str) -> str:
    """A readable, translated name for a field code used in ``ValidationFailed``.

    List items (``household[2].given_name``) read as "given name (household member no. 3)".
    """
    item = _ITEM.match(field)
    if item is not None and item.group(1) in _GROUPS:
        group = arg(_tr(_GROUPS[item.group(1)]), int(item.group(2)) + 1)
        return arg(
            QCoreApplication.translate("Errors", "%1 (%2)"), field_label(item.group(3)), group
        )
    return _FIELD_WORDS(field)


# ----------------------------------------------------------------- per error
def _store_not_found(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "No desk store was found in the data folder, or its database file is missing. "
        "Check the folder; if the database file is missing, restore it from a backup.",
    )


def _store_exists(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors", "A desk store already exists at this location. Nothing was overwritten."
    )


def _key_file_missing(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "The key file (desk.keys.json) is missing from the data folder, so the database "
        "cannot be opened. Put the key file back or restore the store from a backup.",
    )


def _key_file_invalid(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "The key file (desk.keys.json) is damaged or is not an ARCO Desk key file. "
        "Restore it from a backup.",
    )


def _key_file_tampered(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "The key file (desk.keys.json) has been changed by something other than ARCO Desk "
        "(a key slot removed, added or altered), so the desk was not opened. Nothing was "
        "changed. Restore the key file from a backup and contact technical support.",
    )


def _key_file_too_new(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "The key file was written by a newer version of ARCO Desk. "
        "Update the application to open it.",
    )


def _wrong_password(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "Wrong password. Check Caps Lock and the keyboard layout, then try again.",
    )


def _wrong_recovery_key() -> str:
    return QCoreApplication.translate(
        "Errors",
        "The recovery key is not correct. Type it exactly as it was printed "
        "(dashes, spaces and upper or lower case do not matter).",
    )


def _unknown_operator(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "No operator with this login can sign in at this desk. Check the login; "
        "if the account was disabled, ask an administrator.",
    )


def _operator_disabled(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors", "This operator account is disabled. Ask an administrator."
    )


def _device_revoked(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "The Welcome Center revoked this computer, so no password opens the desk data any "
        "more. An administrator who has the desk's recovery key can reset their own password "
        "(arco-deskctl operator passwd LOGIN --recovery-key-stdin), sign in, and then enrol "
        "the desk again with a new code from the Welcome Center.",
    )


def _offline_too_long(exc: e.OfflineTooLong) -> str:
    return arg(
        QCoreApplication.translate(
            "Errors",
            "This computer has not synchronised with the Welcome Center for %1 days (the "
            "limit for this desk: %2), so only an administrator can unlock it now. Ask an "
            "administrator to sign in here, which allows another period, or to reset your "
            "password with the recovery key.",
        ),
        exc.days,
        exc.limit,
    )


def _legal_key_unavailable(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "Your account does not hold the legal key of this desk yet, so consultations cannot "
        "be written or read here. Ask another legal advisor to sign in at this computer "
        "(their sign-in shares it with you), or an administrator to reset your password "
        "with the recovery key; then sign in again.",
    )


class Errors(QObject):
    """Messages with a count (context "Errors", like the rest of this module).
    pyside6-lupdate (6.11) extracts plural forms only from ``self.tr(text, "", n)`` inside
    a QObject's method."""

    def wait_minutes(self, n: int) -> str:
        return self.tr("Too many failed attempts. Wait %n minute(s) before trying again.", "", n)

    def wait_seconds(self, n: int) -> str:
        return self.tr("Too many failed attempts. Wait %n second(s) before trying again.", "", n)


def _throttled(exc: e.Throttled) -> str:
    seconds = max(1, math.ceil(exc.retry_after))
    if seconds >= 120:
        minutes = math.ceil(seconds / 60)
        return Errors().wait_minutes(minutes)
    return Errors().wait_seconds(seconds)


def _corrupt_store(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "The database is damaged or has been altered, so it was not opened. Nothing was "
        "changed. Restore the latest backup, or ask technical support for help.",
    )


def _journal_damaged(exc: e.JournalDamaged) -> str:
    if exc.reason == "behind":
        return QCoreApplication.translate(
            "Errors",
            "Recent changes are missing from the database: its journal file (desk.db-wal) "
            "is damaged, cut short, deleted or older than the database. The desk was not "
            "opened and nothing was changed. Do not delete any file: restore the latest "
            "backup, or ask technical support for help.",
        )
    if exc.reason == "unreadable":
        return QCoreApplication.translate(
            "Errors",
            "The database's journal file (desk.db-wal) is damaged or belongs to another "
            "desk store, so it was not applied and the desk was not opened. Nothing was "
            "changed. Ask technical support for help, or restore the latest backup.",
        )
    return QCoreApplication.translate(
        "Errors",
        "The journal seal (desk.journal.json) is missing or has been altered, so recent "
        "changes cannot be vouched for and the desk was not opened. Nothing was changed. "
        "Restore the latest backup, or ask technical support for help.",
    )


def _schema_too_new(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "The database was written by a newer version of ARCO Desk. "
        "Update the application to open it.",
    )


def _store_locked(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors", "The desk store is locked. Sign in again to continue."
    )


def _weak_password(exc: e.WeakPassword) -> str:
    if exc.reason == "too_short":
        return arg(
            QCoreApplication.translate(
                "Errors", "The password is too short: use at least %1 characters."
            ),
            MIN_LENGTH,
        )
    if exc.reason == "too_long":
        return arg(
            QCoreApplication.translate(
                "Errors", "The password is too long: use at most %1 characters."
            ),
            MAX_LENGTH,
        )
    if exc.reason == "too_guessable":
        parts = [
            QCoreApplication.translate("Errors", "This password is too easy to guess."),
        ]
        when = _CRACK_TIMES.get(exc.crack_time)
        if when is not None:
            parts.append(
                arg(
                    QCoreApplication.translate(
                        "Errors", "A password-guessing program could find it %1."
                    ),
                    _tr(when),
                )
            )
        hint = _PASSWORD_HINTS.get(exc.hint)
        if hint is not None:
            parts.append(_tr(hint))
        parts.append(
            QCoreApplication.translate(
                "Errors",
                "Choose another one: a short sentence of four or five words that only you "
                "know is easy to remember and hard to guess.",
            )
        )
        return " ".join(parts)
    return QCoreApplication.translate("Errors", "This password is not strong enough.")


def _backup_error(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "The backup did not succeed: the copy is missing, incomplete or failed its check. "
        "A backup is two files (.db and .keys.json) that must stay together. "
        "The desk store itself was not changed.",
    )


def _permission_denied(exc: e.PermissionDenied) -> str:
    action = _ACTIONS.get(exc.action)
    if action is None:
        return arg(
            QCoreApplication.translate("Errors", "Your role (%1) does not allow this action."),
            role_label(exc.role),
        )
    return arg(
        QCoreApplication.translate("Errors", "Your role (%1) does not allow you to %2."),
        role_label(exc.role),
        _tr(action),
    )


def _not_found(exc: e.NotFound) -> str:
    if exc.entity in ("person", "persons"):
        text = QCoreApplication.translate("Errors", "No person with id %1 was found at this desk.")
    elif exc.entity in ("referral", "referrals"):
        text = QCoreApplication.translate(
            "Errors", "No referral with id %1 was found at this desk."
        )
    elif exc.entity in ("operator", "operators"):
        text = QCoreApplication.translate("Errors", "No operator with login %1 was found.")
    else:
        text = QCoreApplication.translate("Errors", "The requested record (%1) was not found.")
    return arg(text, exc.record_id)


# ``ValidationFailed`` (field, reason) pairs with a sentence of their own.
_VALIDATION_MESSAGES = {
    ("period", "end_before_start"): QT_TRANSLATE_NOOP(
        "Errors", "The end of the period comes before its start."
    ),
    ("period", "too_long"): QT_TRANSLATE_NOOP("Errors", "A period may be ten years at most."),
    ("login", "invalid"): QT_TRANSLATE_NOOP(
        "Errors",
        "A login may contain only letters, digits, dots, dashes and underscores, "
        "up to 64 characters.",
    ),
    ("login", "exists"): QT_TRANSLATE_NOOP("Errors", "An operator with this login already exists."),
    ("login", "self"): QT_TRANSLATE_NOOP(
        "Errors", "You cannot disable your own account: ask another administrator."
    ),
    ("login", "not_admin"): QT_TRANSLATE_NOOP(
        "Errors",
        "This computer was revoked: the recovery key can reset only an administrator's "
        "password. Choose an administrator's login.",
    ),
    ("recovery_key", "holds_the_legal_key"): QT_TRANSLATE_NOOP(
        "Errors",
        "The recovery key cannot be replaced yet: only the current one holds the key of "
        "the legal consultations. Ask a legal advisor to sign in at this computer first, "
        "or keep the recovery key.",
    ),
    ("person", "exactly_one"): QT_TRANSLATE_NOOP(
        "Errors", "Choose a person already registered or enter a new one, not both."
    ),
    ("name", "required"): QT_TRANSLATE_NOOP(
        "Errors", "Enter at least a given name or a family name."
    ),
    ("escalate", "already_escalated"): QT_TRANSLATE_NOOP(
        "Errors", "This consultation has already been passed on to the second level."
    ),
    ("conflict", "already_resolved"): QT_TRANSLATE_NOOP(
        "Errors", "This conflict has already been decided, here or at another computer."
    ),
    ("duplicate", "already_decided"): QT_TRANSLATE_NOOP(
        "Errors", "These two people have already been decided on, here or elsewhere."
    ),
    ("duplicate", "already_approved"): QT_TRANSLATE_NOOP(
        "Errors", "This desk has already approved this merge: it waits for the other desk."
    ),
    ("survivor", "differs"): QT_TRANSLATE_NOOP(
        "Errors",
        "The other side asked to keep the other person. Approve the merge into that "
        "person, or say they are not the same person.",
    ),
    ("survivor", "not_in_pair"): QT_TRANSLATE_NOOP(
        "Errors", "Choose one of the two people to keep when merging."
    ),
    ("preferred_language", "not_in_languages"): QT_TRANSLATE_NOOP(
        "Errors", "The preferred language must be one of the languages spoken."
    ),
}


def _validation(exc: e.ValidationFailed) -> str:
    key = (exc.field, exc.reason)
    message = _VALIDATION_MESSAGES.get(key)
    if message is not None:
        return _tr(message)
    if key == ("offline_days", "out_of_range"):
        return arg(
            QCoreApplication.translate(
                "Errors", "The days without synchronising must be between %1 and %2."
            ),
            OFFLINE_DAYS.minimum,
            OFFLINE_DAYS.maximum,
        )
    if key == ("role", "unknown"):
        return arg(
            QCoreApplication.translate("Errors", "Unknown role. Choose one of: %1."),
            ", ".join(role_label(r) for r in role_label.codes),
        )
    if key == ("desk", "unknown"):
        return arg(
            QCoreApplication.translate("Errors", "Unknown desk. Choose one of: %1."),
            ", ".join(desk_codes()),
        )
    if exc.field.endswith("linked_person_id") and exc.reason == "self":
        return QCoreApplication.translate(
            "Errors", "A person cannot be listed in their own household."
        )
    reason = _REASONS.get(exc.reason)
    if reason is None:
        return arg(
            QCoreApplication.translate("Errors", "The field “%1” was not accepted (%2)."),
            field_label(exc.field),
            exc.reason,
        )
    return arg(
        QCoreApplication.translate("Errors", "The field “%1” %2."),
        field_label(exc.field),
        _tr(reason),
    )


def _illegal_transition(exc: e.IllegalTransition) -> str:
    return arg(
        QCoreApplication.translate("Errors", "This referral cannot go from “%1” to “%2”."),
        status_label(exc.current),
        status_label(exc.requested),
    )


def _status_owned_by_service(exc: e.StatusOwnedByService) -> str:
    return arg(
        QCoreApplication.translate(
            "Errors",
            "The status “%1” is recorded by the service that receives the referral (Milano "
            "Welcome Center), not by the desk. It reaches this desk at the next "
            "synchronisation.",
        ),
        status_label(exc.status),
    )


def _consent_required(exc: e.ConsentRequired) -> str:
    return arg(
        QCoreApplication.translate(
            "Errors",
            "The person's consent to %1 is needed first. Record the consent, then try again.",
        ),
        purpose_label(exc.purpose),
    )


def _person_restricted(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "The processing of this person's data is restricted at their request (GDPR "
        "art. 18): nothing new can be recorded for them. Ask a coordinator.",
    )


def _bypassed_outbox(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors",
        "The change was refused because it would not be sent to the Welcome Center. "
        "This is a program error: please report it to technical support.",
    )


def _audit_chain_broken(exc: e.AuditChainBroken) -> str:
    return arg(
        QCoreApplication.translate(
            "Errors",
            "The audit trail is broken at event %1: records may have been altered or "
            "removed. Stop working on this desk store and contact technical support.",
        ),
        exc.seq,
    )


def _store_error(_: Any) -> str:
    return QCoreApplication.translate(
        "Errors", "There is a problem with the desk store. Nothing was changed."
    )


def _domain_error(_: Any) -> str:
    return QCoreApplication.translate("Errors", "The operation was refused.")


def _arco_error(_: Any) -> str:
    return QCoreApplication.translate("Errors", "The operation could not be completed.")


def _os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return QCoreApplication.translate(
            "Errors", "The disk is full. Free some space and try again."
        )
    name = exc.filename
    if isinstance(exc, FileExistsError):
        text = QCoreApplication.translate(
            "Errors", "The file already exists; nothing was overwritten: %1"
        )
    elif isinstance(exc, FileNotFoundError):
        text = QCoreApplication.translate("Errors", "File or folder not found: %1")
    elif isinstance(exc, PermissionError):
        text = QCoreApplication.translate("Errors", "The system refused access to: %1")
    else:
        text = QCoreApplication.translate("Errors", "A file could not be read or written: %1")
    if name is None:
        return QCoreApplication.translate("Errors", "A file could not be read or written.")
    return arg(text, name)


def _interrupted(_: Any) -> str:
    return QCoreApplication.translate("Errors", "Interrupted.")


_HANDLERS: dict[type[BaseException], Callable[[Any], str]] = {
    e.StoreNotFound: _store_not_found,
    e.StoreExists: _store_exists,
    e.KeyFileMissing: _key_file_missing,
    e.KeyFileTampered: _key_file_tampered,
    e.KeyFileInvalid: _key_file_invalid,
    e.KeyFileTooNew: _key_file_too_new,
    e.WrongPassword: _wrong_password,
    e.UnknownOperator: _unknown_operator,
    e.OperatorDisabled: _operator_disabled,
    e.Throttled: _throttled,
    e.DeviceRevoked: _device_revoked,
    e.OfflineTooLong: _offline_too_long,
    e.JournalDamaged: _journal_damaged,
    e.CorruptStore: _corrupt_store,
    e.SchemaTooNew: _schema_too_new,
    e.StoreLocked: _store_locked,
    e.WeakPassword: _weak_password,
    e.BackupError: _backup_error,
    e.PermissionDenied: _permission_denied,
    e.NotFound: _not_found,
    e.ValidationFailed: _validation,
    e.IllegalTransition: _illegal_transition,
    e.StatusOwnedByService: _status_owned_by_service,
    e.ConsentRequired: _consent_required,
    e.PersonRestricted: _person_restricted,
    e.LegalKeyUnavailable: _legal_key_unavailable,
    e.BypassedOutbox: _bypassed_outbox,
    e.AuditChainBroken: _audit_chain_broken,
    e.StoreError: _store_error,
    e.DomainError: _domain_error,
    e.ArcoError: _arco_error,
    OSError: _os_error,
    KeyboardInterrupt: _interrupted,
}


def unexpected_message(exc: BaseException) -> str:
    """For errors nobody planned for: the type name only, never the exception's text."""
    return arg(
        QCoreApplication.translate(
            "Errors",
            "An unexpected error occurred (%1). Write down what you were doing and "
            "contact technical support.",
        ),
        type(exc).__name__,
    )


def message_for(exc: BaseException, *, recovery_key: bool = False) -> str:
    """One translated sentence (or two) for ``exc``, in the installed language.

    ``recovery_key=True`` says the secret that was checked is the desk's recovery key, so a
    ``WrongPassword`` is reported as a wrong recovery key.
    """
    if recovery_key and isinstance(exc, e.WrongPassword):
        return _wrong_recovery_key()
    for cls in type(exc).__mro__:
        handler = _HANDLERS.get(cls)
        if handler is not None:
            return handler(exc)
    return unexpected_message(exc)


def is_known(exc: BaseException) -> bool:
    """Whether ``message_for`` has a specific message for ``exc`` (not the generic one)."""
    return any(cls in _HANDLERS for cls in type(exc).__mro__)
