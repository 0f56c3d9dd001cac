"""ARCO Desk core: domain model, encrypted store, services and change capture.

Plain Python: nothing here imports Qt or opens a socket, so every service can be used
from a script, a command line or a test.
"""
