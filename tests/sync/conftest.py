"""The sync fixtures live in ``tests/sync/fixtures.py`` (a plugin every test folder can
use); the names are re-exported here for the modules that import them from this file."""

from tests.sync.fixtures import *  # noqa: F403
