"""The exit codes are an interface (installers, scripts, service managers read them): the
numbers stay as documented, and the module's table names every constant with its number."""

from __future__ import annotations

import re

from models import exit_codes


def test_the_numbers_are_the_documented_ones() -> None:
    assert (
        exit_codes.EXIT_OK,
        exit_codes.EXIT_FAILED,
        exit_codes.EXIT_USAGE,
        exit_codes.EXIT_IN_USE,
        exit_codes.EXIT_SIGN_IN_REFUSED,
        exit_codes.EXIT_INTEGRITY,
        exit_codes.EXIT_INTERNAL,
        exit_codes.EXIT_INTERRUPTED,
    ) == (0, 1, 2, 3, 4, 5, 6, 130)


def test_the_docstring_table_matches_the_constants() -> None:
    constants = {
        name: value for name, value in vars(exit_codes).items() if name.startswith("EXIT_")
    }
    documented = {
        name: int(code)
        for code, name in re.findall(r"^ {4}(\d+)\s+(EXIT_\w+)", exit_codes.__doc__ or "", re.M)
    }
    assert documented == constants
