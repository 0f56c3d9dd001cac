"""``ui.errors.message_for`` and ``ui.i18n``: one plain, translated message per core error.

The translations are compiled from the committed ``.ts`` files into a temporary folder, so
these tests do not depend on ``make translations`` having run.
"""

from __future__ import annotations

import errno
import inspect
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from models import errors as e
from models.audit import CREATE, DELETE, ERASE, EXPORT, UPDATE, VIEW
from models.consent import PURPOSES
from models.integrity import KEY_FILE_PROBLEMS
from models.passwords import check_password, personal_words
from models.referrals import STATUSES
from models.roles import ROLES
from sync.entities import ENTITIES
from ui import i18n, vocabulary
from ui.errors import is_known, message_for, unexpected_message
from ui.i18n import Labels
from ui.vocabulary import key_file_problem_label

REPO = Path(__file__).resolve().parents[2]
SECRET = "Mario Rossi 1980-01-01"  # stands for personal data inside an exception's text


def _lrelease() -> str:
    found = Path(sys.executable).with_name("pyside6-lrelease")
    return str(found) if found.exists() else (shutil.which("pyside6-lrelease") or "")


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("qm")
    for ts in ("arco_it.ts", "arco_en.ts"):
        qm = out / ts.replace(".ts", ".qm")
        subprocess.run(
            [_lrelease(), "-silent", str(REPO / "translations" / ts), "-qm", str(qm)], check=True
        )
    return out


@pytest.fixture
def italian(qapp: QApplication, qm_dir: Path) -> Iterator[None]:
    i18n.install_translator(qapp, "it", directory=qm_dir)
    yield
    i18n.uninstall_translators(qapp)


@pytest.fixture
def english(qapp: QApplication, qm_dir: Path) -> Iterator[None]:
    i18n.install_translator(qapp, "en", directory=qm_dir)
    yield
    i18n.uninstall_translators(qapp)


def sample(cls: type[e.ArcoError]) -> e.ArcoError:
    """An instance of any core error, whatever its constructor wants."""
    samples: dict[type[e.ArcoError], e.ArcoError] = {
        e.Throttled: e.Throttled(42.0),
        e.WeakPassword: e.WeakPassword("too_short"),
        e.PermissionDenied: e.PermissionDenied("gdpr.erase", "desk_operator"),
        e.NotFound: e.NotFound("person", "0190abcd"),
        e.ValidationFailed: e.ValidationFailed("birth_date", "in_future"),
        e.IllegalTransition: e.IllegalTransition("draft", "completed"),
        e.StatusOwnedByService: e.StatusOwnedByService("accepted"),
        e.ConsentRequired: e.ConsentRequired("sharing"),
        e.AuditChainBroken: e.AuditChainBroken(7),
        e.OfflineTooLong: e.OfflineTooLong(40, 30),
    }
    if cls in samples:
        return samples[cls]
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    return cls(*(SECRET for p in params if p.default is inspect.Parameter.empty))


CORE_ERRORS = sorted(
    (
        obj
        for obj in vars(e).values()
        if isinstance(obj, type) and issubclass(obj, e.ArcoError) and obj.__module__ == e.__name__
    ),
    key=lambda cls: cls.__name__,
)
ABSTRACT = {e.ArcoError, e.StoreError, e.DomainError}


@pytest.mark.parametrize("cls", CORE_ERRORS, ids=lambda cls: cls.__name__)
def test_every_core_error_has_its_own_translated_message(
    cls: type[e.ArcoError], qapp: QApplication, qm_dir: Path
) -> None:
    exc = sample(cls)
    i18n.install_translator(qapp, "en", directory=qm_dir)
    try:
        english = message_for(exc)
        families = {message_for(family("x")) for family in ABSTRACT}
        i18n.install_translator(qapp, "it", directory=qm_dir)
        italian = message_for(exc)
    finally:
        i18n.uninstall_translators(qapp)
    assert is_known(exc)
    assert english and italian and english != italian
    assert SECRET not in english + italian
    if cls not in ABSTRACT:  # not the generic message of its family
        assert english not in families


def test_codes_are_unique() -> None:
    codes = [cls.code for cls in CORE_ERRORS]
    assert len(codes) == len(set(codes))


def test_wrong_password_and_recovery_key(italian: None) -> None:
    assert message_for(e.WrongPassword("x")).startswith("Password errata.")
    assert message_for(e.WrongPassword("x"), recovery_key=True).startswith(
        "La chiave di recupero non è corretta."
    )
    assert message_for(e.StoreNotFound("x"), recovery_key=True).startswith("Nella cartella")


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0.2, "Attendi 1 secondo prima di riprovare."),
        (29.4, "Attendi 30 secondi prima di riprovare."),
        (119, "Attendi 119 secondi prima di riprovare."),
        (600, "Attendi 10 minuti prima di riprovare."),
        (899.5, "Attendi 15 minuti prima di riprovare."),
    ],
)
def test_throttled_says_how_long_to_wait(italian: None, seconds: float, expected: str) -> None:
    message = message_for(e.Throttled(seconds))
    assert message.startswith("Troppi tentativi non riusciti.")
    assert message.endswith(expected)


def test_throttled_in_english(english: None) -> None:
    assert message_for(e.Throttled(1)).endswith("Wait 1 second before trying again.")
    assert message_for(e.Throttled(45)).endswith("Wait 45 seconds before trying again.")


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("too_short", "La password è troppo corta: usa almeno 10 caratteri."),
        ("too_long", "La password è troppo lunga: usa al massimo 256 caratteri."),
        ("too_guessable", "Questa password è troppo facile da indovinare. Scegline un'altra"),
        ("something_new", "Questa password non è abbastanza sicura."),
    ],
)
def test_weak_password_reasons(italian: None, reason: str, expected: str) -> None:
    assert message_for(e.WeakPassword(reason)).startswith(expected)


def test_a_guessable_password_is_explained_in_our_words(italian: None) -> None:
    """zxcvbn's verdict (not its English feedback) as a translated sentence or three."""
    exc = check_refused("Welcome2026")
    assert (exc.crack_time, exc.hint) == ("minutes", "common")
    assert message_for(exc) == (
        "Questa password è troppo facile da indovinare. "
        "Un programma che prova le password potrebbe trovarla in pochi minuti. "
        "È una delle password più usate, o molto simile a una di esse. "
        "Scegline un'altra: una breve frase di quattro o cinque parole che conosci solo tu "
        "è facile da ricordare e difficile da indovinare."
    )
    personal = check_refused("quarenghi2026", personal_words("anna", "", "quarenghi"))
    assert "Contiene il tuo nome utente, il tuo nome o il nome dello sportello." in message_for(
        personal
    )


def test_a_guessable_password_in_english(english: None) -> None:
    text = message_for(check_refused("password12"))
    assert text.startswith("This password is too easy to guess. ")
    assert "could find it in less than a minute." in text
    assert "This is a very common password" not in text  # zxcvbn's own words stay out


def check_refused(password: str, words: list[str] | None = None) -> e.WeakPassword:
    with pytest.raises(e.WeakPassword) as refused:
        check_password(password, words or [])
    return refused.value


@pytest.mark.parametrize(
    ("field", "reason", "expected"),
    [
        ("birth_date", "in_future", "Il campo «data di nascita» non può essere nel futuro."),
        ("phone", "too_long", "Il campo «telefono» è troppo lungo."),
        (
            "household[1].given_name",
            "required",
            "Il campo «nome (familiare n. 2)» è obbligatorio.",
        ),
        (
            "documents[0].expiry_date",
            "before_issue",
            "Il campo «data di scadenza (documento n. 1)»",
        ),
        ("login", "exists", "Esiste già un operatore con questo nome utente."),
        ("duplicate", "already_approved", "Questo sportello ha già approvato questa unione"),
        ("survivor", "differs", "L'altra parte ha chiesto di tenere l'altra persona."),
        (
            "status",
            "not_restorable",
            "Il campo «stato» non può essere ripristinato da un conflitto",
        ),
        ("login", "self", "Non puoi disattivare il tuo stesso account"),
        (
            "documents[1].number",
            "tax_code_checksum",
            "Il campo «numero (documento n. 2)» non torna: una lettera o una cifra del codice",
        ),
        ("desk", "unknown", "Sportello sconosciuto. Scegli tra: villa-pallavicini, san-martino"),
        ("role", "unknown", "Ruolo sconosciuto. Scegli tra: operatore di sportello, consulente"),
        (
            "some_new_field",
            "odd_reason",
            "Il campo «some new field» non è stato accettato (odd_reason).",
        ),
    ],
)
def test_validation_names_the_field_in_plain_words(
    italian: None, field: str, reason: str, expected: str
) -> None:
    assert message_for(e.ValidationFailed(field, reason)).startswith(expected)


def test_permission_denied_names_role_and_action(italian: None) -> None:
    assert message_for(e.PermissionDenied("gdpr.erase", "desk_operator")) == (
        "Il tuo ruolo (operatore di sportello) non consente di cancellare i dati di una persona."
    )
    assert message_for(e.PermissionDenied("new.action", "coordinator")) == (
        "Il tuo ruolo (coordinatore) non consente questa operazione."
    )


def test_domain_messages(italian: None) -> None:
    assert message_for(e.NotFound("persons", "0190-1")) == (
        "In questo sportello non c'è nessuna persona con ID 0190-1."
    )
    assert message_for(e.IllegalTransition("draft", "completed")) == (
        "Questo invio non può passare da «bozza» a «concluso»."
    )
    assert message_for(e.StatusOwnedByService("accepted")) == (
        "Lo stato «accettato» lo registra il servizio che riceve l'invio (Milano Welcome "
        "Center), non lo sportello. Arriva a questo sportello con la prossima "
        "sincronizzazione."
    )
    assert message_for(e.ConsentRequired("sharing")).startswith(
        "Serve prima il consenso della persona alla condivisione dei dati"
    )
    assert "evento 7" in message_for(e.AuditChainBroken(7))


def test_file_errors(italian: None, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    exists = FileExistsError(errno.EEXIST, "File exists", str(path))
    assert message_for(exists) == f"Il file esiste già; non è stato sovrascritto nulla: {path}"
    full = OSError(errno.ENOSPC, "No space left on device")
    assert message_for(full) == "Il disco è pieno. Libera un po' di spazio e riprova."
    assert message_for(PermissionError(errno.EACCES, "denied", "/x")).endswith(": /x")


def test_unexpected_errors_never_show_their_text(italian: None) -> None:
    for exc in (ValueError(SECRET), RuntimeError(SECRET), KeyError(SECRET), Exception(SECRET)):
        message = message_for(exc)
        assert SECRET not in message
        assert type(exc).__name__ in message
        assert message == unexpected_message(exc)
        assert message.startswith("Si è verificato un errore imprevisto")


def test_source_language_without_translator(qapp: QApplication) -> None:
    i18n.uninstall_translators(qapp)
    assert message_for(e.WrongPassword("x")).startswith("Wrong password.")


def test_key_lifecycle_messages_say_what_to_do(qapp: QApplication) -> None:
    i18n.uninstall_translators(qapp)
    offline = message_for(e.OfflineTooLong(40, 30))
    assert "for 40 days (the limit for this desk: 30)" in offline
    assert "only an administrator can unlock it" in offline and "recovery key" in offline
    revoked = message_for(e.DeviceRevoked())
    assert "revoked this computer" in revoked
    assert "arco-deskctl operator passwd LOGIN --recovery-key-stdin" in revoked
    assert "enrol the desk again" in revoked
    assert message_for(e.ValidationFailed("login", "not_admin")).startswith(
        "This computer was revoked: the recovery key can reset only an administrator's"
    )
    assert message_for(e.ValidationFailed("offline_days", "out_of_range")) == (
        "The days without synchronising must be between 1 and 365."
    )
    assert message_for(e.ValidationFailed("offline_days", "not_a_number")) == (
        "The field “days without synchronising” is not a whole number."
    )
    assert message_for(e.ValidationFailed("recovery_key", "holds_the_legal_key")).startswith(
        "The recovery key cannot be replaced yet"
    )
    assert key_file_problem_label("operator_slot_after_revocation") == (
        "an operator still has a slot although this computer was revoked"
    )


# ----------------------------------------------------------------- i18n
@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "it"),
        ({"LANG": "C"}, "it"),
        ({"LANG": "C.UTF-8"}, "it"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US"}, "en"),
        ({"LANG": "it_IT.UTF-8"}, "it"),
        ({"LANG": "fr_FR.UTF-8"}, "it"),
        ({"ARCO_LANG": "en", "LANG": "it_IT.UTF-8"}, "en"),
        ({"ARCO_LANG": "it", "LANG": "en_GB.UTF-8"}, "it"),
        ({"ARCO_LANG": "de", "LANG": "en_GB.UTF-8"}, "en"),
        ({"ARCO_LANG": "EN-gb"}, "en"),
    ],
)
def test_language_from_env(environ: dict[str, str], expected: str) -> None:
    assert i18n.language_from_env(environ) == expected


def test_supported_languages() -> None:
    assert i18n.SUPPORTED == ("it", "en")
    assert i18n.DEFAULT == "it"
    assert i18n.TRANSLATIONS == REPO / "translations"


def test_missing_translations_fall_back_to_english(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    try:
        i18n.install_translator(qapp, "it", directory=tmp_path)
        assert "no compiled translations" in caplog.text
        assert message_for(e.WrongPassword("x")).startswith("Wrong password.")
    finally:
        i18n.uninstall_translators(qapp)


def test_installing_again_switches_language(qapp: QApplication, qm_dir: Path) -> None:
    try:
        i18n.install_translator(qapp, "it", directory=qm_dir)
        assert message_for(e.WrongPassword("x")).startswith("Password errata.")
        i18n.install_translator(qapp, "en", directory=qm_dir)
        assert message_for(e.WrongPassword("x")).startswith("Wrong password.")
    finally:
        i18n.uninstall_translators(qapp)
    with pytest.raises(ValueError, match="unsupported"):
        i18n.install_translator(qapp, "fr", directory=qm_dir)


# ----------------------------------------------------------------- vocabulary
VOCABULARY = [
    ("roles", vocabulary.role_label, ROLES),
    ("referral statuses", vocabulary.status_label, STATUSES),
    ("consent purposes", vocabulary.purpose_label, PURPOSES),
    ("record kinds", vocabulary.record_kind_label, tuple(ENTITIES)),
    ("key file problems", vocabulary.key_file_problem_label, KEY_FILE_PROBLEMS),
    (
        "person history actions",
        vocabulary.audit_action_label,
        (CREATE, UPDATE, DELETE, VIEW, EXPORT, ERASE),
    ),
]


@pytest.mark.parametrize(
    ("labels", "codes"), [v[1:] for v in VOCABULARY], ids=[v[0] for v in VOCABULARY]
)
def test_every_code_the_core_uses_has_an_italian_word(
    italian: None, labels: Labels, codes: tuple[str, ...]
) -> None:
    missing = [code for code in codes if code not in labels]
    assert missing == []
    words = {code: labels(code) for code in codes}
    english = [code for code, word in words.items() if word == code.replace("_", " ")]
    assert english == []  # the fallback (the code itself) never shows in Italian
