"""The password rule for operators: long enough, and not easy to guess.

A password is accepted when it has 10 to 256 characters and zxcvbn (Dropbox's estimator:
dictionaries of common passwords, names and words, keyboard rows, sequences, repeats,
dates, l33t and reversed forms) scores it at least 3 of 0..4, that is, at least 10^8
guesses. The operator's login and full name and the desk's code, name and host are
given to it as personal words, so ``quarenghi2026`` is refused at the Quarenghi desk.

The core never words the result: ``WeakPassword`` carries a stable ``reason``, a class of
the estimated guessing time and one ``hint`` code derived from what zxcvbn matched (not
its English feedback), and ``ui.errors`` turns those into a translated sentence. Every
place that sets a password goes through ``check_password``: the store's ``create``,
``add_operator``, ``set_password`` and ``reset_password``, and the forms that validate as
the operator types (``ui.operator_fields``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from models import reference
from models.errors import ValidationFailed, WeakPassword

MIN_LENGTH = 10
MAX_LENGTH = 256
MIN_SCORE = 3
# zxcvbn refuses more than 72 characters (its matching grows fast with length); a longer
# password is judged by its first 72, which it can only strengthen.
_ESTIMATED = 72
# Words of the application itself, guessed as early as the operator's own.
_APP_WORDS = ("arco", "desk", "sportello", "milano")

# Seconds to guess at 10^4 guesses a second (zxcvbn's slow-hash attacker) → class code.
CRACK_TIMES = (
    (60.0, "instant"),
    (3_600.0, "minutes"),
    (86_400.0, "hours"),
    (2_592_000.0, "days"),
    (31_536_000.0, "months"),
    (3_153_600_000.0, "years"),
)
LONGEST = "centuries"

# What made it guessable, most telling first: zxcvbn match → hint code.
HINTS = ("personal", "common", "keyboard", "repeat", "sequence", "names", "words", "dates")
_DICTIONARIES = {
    "user_inputs": "personal",
    "passwords": "common",
    "male_names": "names",
    "female_names": "names",
    "surnames": "names",
    "english_wikipedia": "words",
    "us_tv_and_film": "words",
}
_PATTERNS = {"spatial": "keyboard", "repeat": "repeat", "sequence": "sequence", "date": "dates"}


@dataclass(frozen=True)
class Strength:
    """zxcvbn's verdict in our terms: ``score`` 0..4, a ``crack_time`` class, a ``hint``."""

    score: int
    crack_time: str
    hint: str

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE


def personal_words(login: str, display_name: str = "", desk: str | None = None) -> list[str]:
    """The guesses an attacker tries first for this operator: login, name, desk."""
    words = [login, display_name, *_APP_WORDS]
    if desk:
        words.append(desk)
        try:
            known = reference.desk_by_code(desk)
        except ValidationFailed:
            known = {}
        words += [str(known.get(key) or "") for key in ("name", "host")]
    parts = [p for w in words for p in re.split(r"[\W_]+", w) if len(p) >= 3]
    return sorted({w.lower() for w in [*words, *parts] if w})


def _crack_time(seconds: float) -> str:
    for limit, code in CRACK_TIMES:
        if seconds < limit:
            return code
    return LONGEST


def _hint(sequence: Iterable[Mapping[str, object]]) -> str:
    found = set()
    for match in sequence:
        pattern = match.get("pattern")
        if pattern == "dictionary":
            found.add(_DICTIONARIES.get(str(match.get("dictionary_name")), ""))
        elif pattern == "regex" and match.get("regex_name") == "recent_year":
            found.add("dates")
        else:
            found.add(_PATTERNS.get(str(pattern), ""))
    return next((hint for hint in HINTS if hint in found), "")


def estimate(password: str, user_inputs: Iterable[str] = ()) -> Strength:
    """zxcvbn's estimate (imported on first use: its word lists take a moment to load)."""
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:_ESTIMATED], user_inputs=list(user_inputs))
    seconds = float(result["crack_times_seconds"]["offline_slow_hashing_1e4_per_second"])
    return Strength(int(result["score"]), _crack_time(seconds), _hint(result["sequence"]))


def check_password(password: str, user_inputs: Iterable[str] = ()) -> Strength:
    """``WeakPassword`` unless ``password`` may be set; ``user_inputs`` from
    ``personal_words``. Lengths follow ASVS 6.2 (at least 10, up to 256 allowed)."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword("too_short")
    if len(password) > MAX_LENGTH:
        raise WeakPassword("too_long")
    strength = estimate(password, user_inputs)
    if not strength.acceptable:
        raise WeakPassword("too_guessable", crack_time=strength.crack_time, hint=strength.hint)
    return strength
