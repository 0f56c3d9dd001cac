"""The words for the core's stable codes, shared by every view and the command line.

Roles, referral statuses, consent purposes, kinds of record and change, duplicate reasons
and the problems ``verify`` reports are codes in ``models`` and ``sync``; each has one label
here, translated in the ``Vocabulary`` context when shown. Sentences about errors live in
``ui/errors.py`` and ``ui/sync_messages.py`` and use these words.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.i18n import Labels

role_label = Labels(
    "Vocabulary",
    {
        "desk_operator": QT_TRANSLATE_NOOP("Vocabulary", "desk operator"),
        "legal_advisor": QT_TRANSLATE_NOOP("Vocabulary", "legal advisor"),
        "coordinator": QT_TRANSLATE_NOOP("Vocabulary", "coordinator"),
        "admin": QT_TRANSLATE_NOOP("Vocabulary", "administrator"),
    },
)
"""An operator role (``desk_operator``) in the current language."""

status_label = Labels(
    "Vocabulary",
    {
        "draft": QT_TRANSLATE_NOOP("Vocabulary", "draft"),
        "sent": QT_TRANSLATE_NOOP("Vocabulary", "sent"),
        "accepted": QT_TRANSLATE_NOOP("Vocabulary", "accepted"),
        "appointment_set": QT_TRANSLATE_NOOP("Vocabulary", "appointment set"),
        "completed": QT_TRANSLATE_NOOP("Vocabulary", "completed"),
        "declined": QT_TRANSLATE_NOOP("Vocabulary", "declined"),
        "cancelled": QT_TRANSLATE_NOOP("Vocabulary", "cancelled"),
        "closed": QT_TRANSLATE_NOOP("Vocabulary", "closed"),
        "expired": QT_TRANSLATE_NOOP("Vocabulary", "expired"),
        "no_show": QT_TRANSLATE_NOOP("Vocabulary", "did not come"),
    },
)
"""A referral status (``appointment_set``) in the current language."""

purpose_label = Labels(
    "Vocabulary",
    {
        "processing": QT_TRANSLATE_NOOP("Vocabulary", "processing of their data"),
        "sharing": QT_TRANSLATE_NOOP("Vocabulary", "sharing with the Welcome Center services"),
        "contact_phone": QT_TRANSLATE_NOOP("Vocabulary", "being contacted by phone"),
    },
)
"""A consent purpose (``sharing``) in the current language."""

record_kind_label = Labels(
    "Vocabulary",
    {
        "persons": QT_TRANSLATE_NOOP("Vocabulary", "person"),
        "household_members": QT_TRANSLATE_NOOP("Vocabulary", "family member"),
        "identity_documents": QT_TRANSLATE_NOOP("Vocabulary", "identity document"),
        "vulnerabilities": QT_TRANSLATE_NOOP("Vocabulary", "vulnerability"),
        "visits": QT_TRANSLATE_NOOP("Vocabulary", "visit"),
        "needs": QT_TRANSLATE_NOOP("Vocabulary", "need"),
        "referrals": QT_TRANSLATE_NOOP("Vocabulary", "referral"),
        "referral_events": QT_TRANSLATE_NOOP("Vocabulary", "referral status change"),
        "consultations": QT_TRANSLATE_NOOP("Vocabulary", "legal consultation"),
        "consents": QT_TRANSLATE_NOOP("Vocabulary", "consent"),
        "sync_conflicts": QT_TRANSLATE_NOOP("Vocabulary", "conflict decision"),
        "duplicate_flags": QT_TRANSLATE_NOOP("Vocabulary", "duplicate decision"),
        "desks": QT_TRANSLATE_NOOP("Vocabulary", "desk"),
        "services": QT_TRANSLATE_NOOP("Vocabulary", "service"),
        "reference_values": QT_TRANSLATE_NOOP("Vocabulary", "reference list"),
    },
)
"""A kind of record, by its table (``household_members`` → "household member")."""

change_label = Labels(
    "Vocabulary",
    {
        "insert": QT_TRANSLATE_NOOP("Vocabulary", "new"),
        "update": QT_TRANSLATE_NOOP("Vocabulary", "changed"),
        "delete": QT_TRANSLATE_NOOP("Vocabulary", "deleted"),
    },
)
"""A kind of change waiting to be sent or refused (``insert`` → "new")."""

duplicate_reason_label = Labels(
    "Vocabulary",
    {
        "same_name": QT_TRANSLATE_NOOP("Vocabulary", "same name"),
        "similar_name": QT_TRANSLATE_NOOP("Vocabulary", "similar name"),
        "same_birth_date": QT_TRANSLATE_NOOP("Vocabulary", "same date of birth"),
        "same_birth_year": QT_TRANSLATE_NOOP("Vocabulary", "same year of birth"),
        "birth_year_close": QT_TRANSLATE_NOOP("Vocabulary", "year of birth one year apart"),
        "same_citizenship": QT_TRANSLATE_NOOP("Vocabulary", "same citizenship"),
        "same_phone": QT_TRANSLATE_NOOP("Vocabulary", "same phone number"),
        "same_tax_code": QT_TRANSLATE_NOOP("Vocabulary", "same tax code"),
        "same_document": QT_TRANSLATE_NOOP("Vocabulary", "same document number"),
        "other_birth_year": QT_TRANSLATE_NOOP("Vocabulary", "another year of birth"),
    },
)
"""Why two people may be one: the central server's flags (``models.duplicates``) and the
warning at save (``models.likely_matches``)."""

key_file_problem_label = Labels(
    "Vocabulary",
    {
        "missing": QT_TRANSLATE_NOOP("Vocabulary", "the key file is missing"),
        "damaged": QT_TRANSLATE_NOOP(
            "Vocabulary", "the key file is damaged or is not an ARCO Desk key file"
        ),
        "too_new": QT_TRANSLATE_NOOP("Vocabulary", "the key file was written by a newer version"),
        "altered": QT_TRANSLATE_NOOP(
            "Vocabulary", "the key file was changed by something other than ARCO Desk"
        ),
        "not_upgraded": QT_TRANSLATE_NOOP(
            "Vocabulary", "the key file is still in an older format, not upgraded at unlock"
        ),
        "other_store": QT_TRANSLATE_NOOP(
            "Vocabulary", "the key file belongs to another desk store"
        ),
        "no_recovery_slot": QT_TRANSLATE_NOOP("Vocabulary", "the recovery key's slot is missing"),
        "two_recovery_slots": QT_TRANSLATE_NOOP("Vocabulary", "there are two recovery key slots"),
        "no_operator_slot": QT_TRANSLATE_NOOP("Vocabulary", "no operator can sign in"),
        "two_slots_for_one_login": QT_TRANSLATE_NOOP("Vocabulary", "one login has two slots"),
        "no_admin_slot": QT_TRANSLATE_NOOP("Vocabulary", "no active administrator can sign in"),
        "stale_operator_slot": QT_TRANSLATE_NOOP(
            "Vocabulary", "a disabled or unknown operator still has a slot"
        ),
        "operator_slot_after_revocation": QT_TRANSLATE_NOOP(
            "Vocabulary", "an operator still has a slot although this computer was revoked"
        ),
    },
)
"""A problem ``verify`` found in the key file (``models.integrity.KEY_FILE_PROBLEMS``)."""

journal_problem_label = Labels(
    "Vocabulary",
    {
        "seal_missing": QT_TRANSLATE_NOOP(
            "Vocabulary", "the journal seal (desk.journal.json) is missing"
        ),
        "seal_invalid": QT_TRANSLATE_NOOP(
            "Vocabulary", "the journal seal was changed or belongs to another desk store"
        ),
        "behind": QT_TRANSLATE_NOOP(
            "Vocabulary", "changes vouched for by the journal seal are missing"
        ),
    },
)
"""A problem ``verify`` found in the journal seal (``models.journal``)."""

audit_action_label = Labels(
    "Vocabulary",
    {
        "create": QT_TRANSLATE_NOOP("Vocabulary", "created"),
        "update": QT_TRANSLATE_NOOP("Vocabulary", "changed"),
        "delete": QT_TRANSLATE_NOOP("Vocabulary", "removed"),
        "view": QT_TRANSLATE_NOOP("Vocabulary", "viewed"),
        "export": QT_TRANSLATE_NOOP("Vocabulary", "exported"),
        "erase": QT_TRANSLATE_NOOP("Vocabulary", "erased"),
    },
)
"""What an operator did to a record, as the audit trail names it (``models.audit``)."""
