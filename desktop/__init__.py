"""Composition root: start-up, settings, wiring and command-line entry points."""
