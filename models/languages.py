"""Which language a person's printed documents are in, and the privacy notice version.

Plain data and one function (no reportlab): consent records and the printed documents
(``models.documents``) share them.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("it", "en", "fr", "es", "ar", "bn", "zh", "ur")

# Version id of the printed privacy notice. Change it whenever the notice text in any
# catalog changes: consent records store it, so the desk can show what the person read.
NOTICE_VERSION = "2026-11"

# ISO 639-2/3 codes (and the main spoken varieties seen at the desks) -> catalog language.
_ALIASES: dict[str, str] = {
    "ita": "it",
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "ara": "ar",
    "arb": "ar",
    "arz": "ar",  # Egyptian
    "ary": "ar",  # Moroccan
    "arq": "ar",  # Algerian
    "aeb": "ar",  # Tunisian
    "apc": "ar",
    "ajp": "ar",
    "acm": "ar",
    "apd": "ar",  # Sudanese
    "ayl": "ar",  # Libyan
    "ben": "bn",
    "zho": "zh",
    "chi": "zh",
    "cmn": "zh",
    "wuu": "zh",  # Wu (Zhejiang)
    "yue": "zh",
    "urd": "ur",
}


def document_language(preferred: str | None) -> str:
    """The catalog language for a person's ``preferred_language`` (ISO 639-1 or -3).

    Unknown or empty gives ``"en"``: the documents are then English and Italian, the
    most widely understood pair at the desks.
    """
    code = (preferred or "").strip().lower().replace("_", "-").split("-")[0]
    if code in LANGUAGES:
        return code
    return _ALIASES.get(code, "en")
