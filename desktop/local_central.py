"""``make run``: ARCO Desk together with a central server on this computer.

Starts ``arco-central serve`` on its embedded SQLite default (in a ``central`` folder next
to the desk's data folder) on 127.0.0.1:8765 unless one already answers there, prints a
fresh one-time enrolment code for every desk (Sync → Enrol in the app, or
``arco-deskctl enroll``), runs the desk application, and stops the server it started when
the application closes. The desk talks to the server over HTTP only: the server runs as
its own process, through its command line.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from desktop.paths import default_data_dir
from models import reference

HOST, PORT = "127.0.0.1", 8765
URL = f"http://{HOST}:{PORT}"
SERVER_URL_ENV = "ARCO_SERVER_URL"  # pre-fills the enrolment form


def _answers() -> bool:
    try:
        with urllib.request.urlopen(URL + "/v1/health", timeout=1) as response:  # noqa: S310
            return bool(response.status == 200)
    except OSError:
        return False


def _central(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "sync.server.cli", "--data-dir", str(folder), *args]


def start_server(folder: Path) -> subprocess.Popen[bytes] | None:
    """The server process this launcher started (None when one was already running)."""
    if _answers():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    log = (folder / "server.log").open("ab")
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and module, fixed arguments)
        _central(folder, "serve", "--host", HOST, "--port", str(PORT), "--quiet"),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while not _answers():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"The local central server did not start: see {folder / 'server.log'}")
        time.sleep(0.1)
    return process


def main() -> int:
    folder = default_data_dir().parent / "central"
    # The desk runs as its own process: this one stays plain Python, so a SIGTERM (or the
    # desk closing, or a failure here) always reaches the finally below, which stops the
    # server this launcher started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server = start_server(folder)
    desk: subprocess.Popen[bytes] | None = None
    try:
        print(f"Central server: {URL} (data: {folder})")
        for code_of in reference.desk_codes():
            code = subprocess.run(  # noqa: S603 (our own interpreter and module, fixed arguments)
                _central(folder, "code", code_of, "--hours", "24"),
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            print(f"  enrolment code for {code_of:18} {code}")
        environment = {**os.environ, SERVER_URL_ENV: os.environ.get(SERVER_URL_ENV, URL)}
        desk = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "desktop.app", *sys.argv[1:]], env=environment
        )
        return desk.wait()
    finally:
        if desk is not None and desk.poll() is None:
            desk.terminate()
            desk.wait(timeout=15)
        if server is not None:
            server.terminate()
            server.wait(timeout=15)


if __name__ == "__main__":
    sys.exit(main())
