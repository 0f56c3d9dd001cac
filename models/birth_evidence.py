"""How two people's births compare, as evidence that they are one person.

Used by the two places that weigh it: the central server's duplicate flags across desks
(``models.duplicates``) and the question at save (``models.likely_matches``). Each gives
the codes its own weights; the codes are the reasons the interface translates.
"""

from __future__ import annotations

from datetime import date

SAME_BIRTH_DATE = "same_birth_date"
SAME_BIRTH_YEAR = "same_birth_year"
BIRTH_YEAR_CLOSE = "birth_year_close"  # a year apart: a date guessed at registration
OTHER_BIRTH_YEAR = "other_birth_year"  # against: two years or more apart


def birth_agreement(
    date_a: date | None, date_b: date | None, year_a: int | None, year_b: int | None
) -> str | None:
    """The reason code for two births, or ``None`` when there is nothing to compare.

    The same full date wins; otherwise the years (as each caller knows them) decide.
    """
    if date_a is not None and date_a == date_b:
        return SAME_BIRTH_DATE
    if year_a is None or year_b is None:
        return None
    gap = abs(year_a - year_b)
    if gap == 0:
        return SAME_BIRTH_YEAR
    return BIRTH_YEAR_CLOSE if gap == 1 else OTHER_BIRTH_YEAR
