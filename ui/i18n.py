"""Operator language: which one, and loading its Qt Linguist translations.

Source strings are English; ``translations/arco_<lang>.ts`` are the committed Qt Linguist
sources and ``translations/arco_<lang>.qm`` the compiled files built by
``make translations`` (or on demand by ``make run`` / ``make pytest``). Italian is the
default: desk staff work in Italian. Install the translators before any widget or message
is created, as Anki does in ``setupLangAndBackend``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

log = logging.getLogger(__name__)

SUPPORTED = ("it", "en")
DEFAULT = "it"
# Beside ``resources/`` at the repository root (or the bundle root in a PyInstaller build,
# which must ship ``translations/*.qm`` there), like ``models.reference.RESOURCES``.
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"

# Translators currently installed by ``install_translator``, per application object.
_installed: dict[int, list[QTranslator]] = {}


def normalize(value: str | None) -> str | None:
    """``it_IT.UTF-8`` → ``it``, ``en-GB`` → ``en``; anything unsupported → ``None``."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in SUPPORTED else None


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """``ARCO_LANG``, then ``LANG`` (``it_*`` → it, ``en_*`` → en); otherwise Italian."""
    env = os.environ if environ is None else environ
    for name in ("ARCO_LANG", "LANG"):
        language = normalize(env.get(name))
        if language:
            return language
    return DEFAULT


_ARG = re.compile(r"%([1-9])")


def arg(text: str, *values: object) -> str:
    """Fill ``%1``…``%9`` in one pass (a value that contains ``%2`` stays as it is)."""

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if index < len(values) else match.group(0)

    return _ARG.sub(fill, text)


class Labels:
    """Stable codes and their English words, translated in ``context`` when asked for.

    The words are marked with ``QT_TRANSLATE_NOOP(context, ...)`` where a table is written,
    so ``pyside6-lupdate`` extracts them. A code without a word reads as itself with spaces
    (codes never hold personal data)::

        roles = Labels("Vocabulary", {"admin": QT_TRANSLATE_NOOP("Vocabulary", "administrator")})
        roles("admin")  # "amministratore" with the Italian catalog
    """

    def __init__(self, context: str, words: Mapping[str, object]) -> None:
        self._context = context
        # QT_TRANSLATE_NOOP returns its text unchanged; PySide types it as object
        self._words = {code: str(word) for code, word in words.items()}

    def __call__(self, code: str) -> str:
        word = self._words.get(code)
        if word is None:
            return code.replace("_", " ")
        return QCoreApplication.translate(self._context, word)

    def __contains__(self, code: object) -> bool:
        return code in self._words

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes that have a word, in the table's order."""
        return tuple(self._words)


_current = "en"  # the source strings are English until a translator is installed


def current_language() -> str:
    """The language of the installed translation (``en`` when none is): picks the
    ``*_it`` or ``*_en`` label of reference data."""
    return _current


def uninstall_translators(app: QCoreApplication) -> None:
    """Remove the translators an earlier ``install_translator`` put on ``app``."""
    global _current
    for translator in _installed.pop(id(app), []):
        app.removeTranslator(translator)
    _current = "en"


def install_translator(app: QCoreApplication, language: str, directory: Path | None = None) -> None:
    """Load ``arco_<language>.qm`` and Qt's own ``qtbase_<language>.qm`` into ``app``.

    Replaces translators installed by an earlier call, so the language can be switched.
    A missing ``.qm`` is logged, not fatal: the English source strings are shown.
    ``directory`` is for tests that compile the ``.ts`` files somewhere temporary.
    """
    if language not in SUPPORTED:
        raise ValueError(f"unsupported language {language!r}")
    uninstall_translators(app)
    directory = TRANSLATIONS if directory is None else Path(directory)
    installed: list[QTranslator] = []

    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folders in (("qtbase", (qt_dir, str(directory))), ("arco", (str(directory),))):
        translator = QTranslator(app)
        if any(translator.load(f"{name}_{language}", folder) for folder in folders):
            app.installTranslator(translator)
            installed.append(translator)
        elif name == "arco":
            log.warning("no compiled translations for %s in %s", language, directory)
    _installed[id(app)] = installed
    global _current
    _current = language
