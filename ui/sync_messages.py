"""Plain-words, translated text for the sync engine's codes: errors and refusals.

``sync.client`` reports trouble as stable codes (``SyncReport.error``, ``ServerRefused.code``,
``RejectedChange.reason``); this is the one place that turns them into sentences for the
operator. Unknown codes get a generic sentence that names the code (codes hold no personal
data).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from sync.client import Progress
from sync.transport import InsecureServer, ServerRefused, TransportError
from ui.errors import message_for
from ui.i18n import arg

_CONTEXT = "SyncMessages"

_ERRORS = {
    "offline": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "No connection to the Welcome Center server — changes are kept and will be sent later.",
    ),
    "server_busy": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The Welcome Center server is busy or not answering — changes are kept and will be "
        "sent later.",
    ),
    "device_revoked": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "This computer was revoked by the administrator of the Welcome Center: it no longer "
        "synchronises. The data stays on this computer; ask the administrator.",
    ),
    "credential_invalid": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The server no longer recognises this computer: it was revoked or enrolled again. "
        "Ask the administrator to enrol it.",
    ),
    "device_unknown": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The server no longer recognises this computer. Ask the administrator to enrol it.",
    ),
    "device_wipe": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The administrator asked for this computer's data to be erased: the desk store on "
        "this computer has been deleted.",
    ),
    "upgrade_required": QT_TRANSLATE_NOOP(
        "SyncMessages", "Update ARCO Desk: the server no longer accepts this version."
    ),
    "clock_ahead": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The computer's clock is wrong by more than two minutes. Correct the date and time, "
        "then synchronise again.",
    ),
    "not_enrolled": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "This computer is not enrolled with the Welcome Center: an administrator must enrol "
        "it in the Sync section.",
    ),
    "insecure_server": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The server address is not secure (plain HTTP): use an https:// address, or allow "
        "plain HTTP only on a network you trust.",
    ),
    "invalid_payload": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The server could not read some changes; they were set aside (see Refused changes).",
    ),
    "tls_error": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The server's certificate could not be verified. Check the address and the "
        "certificate file, or ask technical support.",
    ),
    "enrolment_code_invalid": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The enrolment code is wrong, expired or already used. Ask the Welcome Center for "
        "a new one.",
    ),
    "enrolment_wrong_desk": QT_TRANSLATE_NOOP(
        "SyncMessages", "This enrolment code was issued for another desk."
    ),
    "invalid_answer": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The server's answer could not be understood; nothing was changed here. It will be "
        "tried again later; if it keeps happening, ask technical support.",
    ),
    "internal": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "Synchronisation stopped because of an unexpected problem; changes are kept and it "
        "will be tried again later. If it keeps happening, ask technical support.",
    ),
    # the central server's findings about this computer's audit trail (sync.server.anchors);
    # synchronisation goes on, the Welcome Center's coordinators see the same finding
    "shortened": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "Events recorded before the last synchronisation are missing from this computer's "
        "audit trail. The Welcome Center has been told; synchronisation goes on. Ask the "
        "coordinator.",
    ),
    "rewritten": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "This computer's audit trail was changed below what the Welcome Center recorded at "
        "the last synchronisation. The Welcome Center has been told; synchronisation goes on. "
        "Ask the coordinator.",
    ),
    "restored": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "This computer's data was restored from a backup: what was recorded after that "
        "backup is not here. The Welcome Center has been told; synchronisation goes on.",
    ),
    "credential_unavailable": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "This computer's key for synchronising cannot be found (another user account, or "
        "the data was copied from another computer). Ask the administrator to enrol it again.",
    ),
    "desk_unknown": QT_TRANSLATE_NOOP(
        "SyncMessages", "The server does not know this desk. Ask the Welcome Center."
    ),
}

# Completes nothing: a sentence per reason a change was refused.
_REASONS = {
    "out_of_scope": QT_TRANSLATE_NOOP(
        "SyncMessages", "this desk may not change that record at the Welcome Center"
    ),
    "illegal_transition": QT_TRANSLATE_NOOP(
        "SyncMessages", "the status change is not allowed any more (it was changed elsewhere)"
    ),
    "unknown_record": QT_TRANSLATE_NOOP(
        "SyncMessages", "the record no longer exists at the Welcome Center"
    ),
    "invalid_payload": QT_TRANSLATE_NOOP("SyncMessages", "the server could not read the change"),
    "referral_not_yours": QT_TRANSLATE_NOOP("SyncMessages", "the referral belongs to another desk"),
    # what a desk may write (sync.server.ownership)
    "not_your_desk": QT_TRANSLATE_NOOP("SyncMessages", "the record belongs to another desk"),
    "not_your_number": QT_TRANSLATE_NOOP(
        "SyncMessages", "the referral number is not in this desk's series"
    ),
    "status_not_yours": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "that referral status is recorded by the service that receives the referral, not by "
        "the desk",
    ),
    "server_owned": QT_TRANSLATE_NOOP(
        "SyncMessages", "only the Welcome Center may change that information"
    ),
    "immutable_field": QT_TRANSLATE_NOOP(
        "SyncMessages", "that information cannot be changed once recorded"
    ),
    "event_mismatch": QT_TRANSLATE_NOOP(
        "SyncMessages", "the status history does not match the referral's status change"
    ),
    "unknown_reference": QT_TRANSLATE_NOOP(
        "SyncMessages", "the change points at a record the Welcome Center does not have"
    ),
    "number_taken": QT_TRANSLATE_NOOP(
        "SyncMessages", "the referral number is already in use at the Welcome Center"
    ),
    "already_decided": QT_TRANSLATE_NOOP("SyncMessages", "it had already been decided elsewhere"),
    "survivor_not_in_pair": QT_TRANSLATE_NOOP(
        "SyncMessages", "the person to keep is not one of the two"
    ),
    "consent_required": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "the consent to sharing of one of the two people is missing: a merge needs both",
    ),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(text))


def error_text(code: str) -> str:
    """One sentence for a sync error code (``SyncReport.error``, ``ServerRefused.code``)."""
    known = _ERRORS.get(code)
    if known is not None:
        return _tr(known)
    return arg(
        QCoreApplication.translate(
            "SyncMessages", "Synchronisation did not succeed (%1). It will be tried again later."
        ),
        code,
    )


def audit_flag_text(flag: str) -> str:
    """The central server's open finding about this computer's audit trail ("" for none)."""
    return error_text(flag) if flag else ""


def enrol_error_text(exc: BaseException) -> str:
    """A failed enrolment in plain words."""
    if isinstance(exc, ServerRefused | TransportError | InsecureServer):
        return error_text(getattr(exc, "code", "") or "offline")
    return message_for(exc)


def reason_text(code: str) -> str:
    known = _REASONS.get(code)
    return _tr(known) if known is not None else code


def progress_text(progress: Progress) -> str:
    """Where a running sync is: what it moves, how far it got, and the time left at the pace
    so far (``sync.client.Progress``)."""
    if progress.phase == "push":
        text = arg(
            QCoreApplication.translate("SyncMessages", "Sending changes: %1 of %2"),
            f"{progress.done:,}",
            f"{progress.total:,}",
        )
    else:
        text = arg(
            QCoreApplication.translate("SyncMessages", "Receiving: %1 records (%2 %)"),
            f"{progress.records:,}",
            progress_percent(progress),
        )
    if progress.eta_s is not None and progress.done < progress.total:
        text += " " + arg(
            QCoreApplication.translate("SyncMessages", "— about %1 s left"),
            max(1, round(progress.eta_s)),
        )
    return text


def progress_percent(progress: Progress) -> int:
    """How far the phase got, 0 to 100."""
    if progress.total <= 0:
        return 0
    return max(0, min(100, round(100 * progress.done / progress.total)))


def local_time(value: datetime | str) -> str:
    """A stored UTC time (naive, or an ISO string) as local day and time: 23/11/2026 14:05."""
    if isinstance(value, str):
        if not value:
            return ""
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%d/%m/%Y %H:%M")
