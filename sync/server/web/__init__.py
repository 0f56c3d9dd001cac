"""The MWC web workspace of the central server (``/mwc/``): see ``routes.py``."""
