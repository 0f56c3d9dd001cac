"""Sync with the central Welcome Center server: protocol, desk client, server (later issue).

Plain Python: never imports Qt.
"""
