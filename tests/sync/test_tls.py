"""HTTPS by default: the desk checks the server's certificate against a configured CA."""

from __future__ import annotations

import ipaddress
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from models.exit_codes import EXIT_USAGE
from models.store import DeskStore
from sync import client, enrolment
from sync.server.cli import open_database
from sync.server.database import sqlite_url
from sync.transport import InsecureServer, TransportError, check_url
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.sync.fixtures import Central, free_port


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a certificate for 127.0.0.1 signed by it."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("ARCO test CA"))
        .issuer_name(_name("ARCO test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = folder / "ca.pem", folder / "server.pem", folder / "key.pem"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_path, cert_path, key_path


@pytest.fixture
def https_central(tmp_path: Path) -> Central:
    folder = tmp_path / "central"
    folder.mkdir()
    ca, cert, key = _certificates(folder)
    url = sqlite_url(folder)
    open_database(url).dispose()
    port = free_port()
    central = Central(f"https://127.0.0.1:{port}", url, folder, port)
    cmd = [sys.executable, "-m", "sync.server.cli", "--database-url", url, "serve", "--port",
           str(port), "--quiet", "--tls-cert", str(cert), "--tls-key", str(key)]  # fmt: skip
    central.process = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(central.url + "/v1/health", verify=str(ca), timeout=1).ok:
                break
        except requests.RequestException:
            time.sleep(0.1)
    central.ca = ca  # type: ignore[attr-defined]
    yield central  # type: ignore[misc]
    central.stop()


def test_the_desk_syncs_over_https_with_the_configured_ca(
    https_central: Central, tmp_path: Path
) -> None:
    store = DeskStore(tmp_path / "desk", kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD).store
    try:
        with pytest.raises(TransportError):  # not trusted by the system CAs
            enrolment.enrol(store, store.actor, https_central.url, https_central.code("acli"))
        enrolment.enrol(
            store,
            store.actor,
            https_central.url,
            https_central.code("acli"),
            ca_bundle=str(https_central.ca),  # type: ignore[attr-defined]
        )
        report = client.SyncClient(store).sync()
        assert report.ok and report.pulled > 0
    finally:
        store.lock()


def test_plain_http_only_to_this_computer_or_when_allowed() -> None:
    assert check_url("http://127.0.0.1:8765/") == "http://127.0.0.1:8765"
    assert check_url("http://localhost:8765") == "http://localhost:8765"
    assert check_url("https://central.example.org") == "https://central.example.org"
    for url in ("http://192.0.2.7:8765", "ftp://central.example.org", "central.example.org"):
        with pytest.raises(InsecureServer):
            check_url(url)
    assert check_url("http://192.0.2.7:8765", allow_insecure=True) == "http://192.0.2.7:8765"


def test_the_server_refuses_plain_http_off_loopback(tmp_path: Path) -> None:
    serve = ["serve", "--host", "0.0.0.0", "--port", str(free_port())]
    cmd = [sys.executable, "-m", "sync.server.cli", "--data-dir", str(tmp_path), *serve]
    refused = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert refused.returncode == EXIT_USAGE and "plain HTTP" in refused.stderr
