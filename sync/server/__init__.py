"""The central Welcome Center server: the HTTP API desks sync with, and its admin CLI.

Nothing outside ``sync/server`` and the tests imports this package: desks talk to it over
HTTP only (an import-linter contract keeps it so).
"""
