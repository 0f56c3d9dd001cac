"""The desk's sync credential: wrapped under a device secret outside the store, rotated by
the server at every sync, never lost to an answer cut on the network.

Real SQLCipher stores and the real server on loopback; the OS keystore is the only thing
replaced: the tests run with keyring's "fail" backend, so the documented fallback file is
what holds the device secret (``tests/conftest.py`` points it into the session's folder).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from models.schema import Meta
from sync import client, state
from sync import credential as creds
from sync.protocol import PROTOCOL_HEADER
from sync.server import admin
from sync.transport import Transport
from tests.models.service_helpers import add_person
from tests.sync.fixtures import Central, Desk
from tests.sync.tcp_proxy import FaultProxy


class SimulatedCrash(BaseException):
    pass


def pull_status(central: Central, bearer: str) -> int:
    h = {"Authorization": f"Bearer {bearer}", PROTOCOL_HEADER: "3"}
    return requests.get(f"{central.url}/v1/pull", headers=h, timeout=30).status_code


def stored_secret(desk: Desk) -> str:
    with desk.session() as s:
        row = s.get(Meta, state.SECRET)
        assert row is not None
        return row.value


def test_the_credential_in_the_store_is_wrapped(
    central_sqlite: Central, make_desk: Callable[..., Desk], tmp_path: Path
) -> None:
    desk = make_desk(central_sqlite, "acli")
    bearer = state.credential(desk.store)
    device, secret = bearer.split(".")
    wrapped = stored_secret(desk)
    assert wrapped.startswith(creds.PREFIX) and secret not in wrapped
    # the whole database, read with its key, does not hold the plaintext secret
    with desk.session() as s:
        values = [r.value for r in s.query(Meta)]
    assert not any(secret in v for v in values)
    # the device secret is outside the data folder, owner-only
    keystore = creds.Keystore()
    assert keystore.where == "file"
    files = list(keystore.folder.glob("*.json"))
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    data_dir = desk.store.files.data_dir.resolve()
    assert all(data_dir not in f.resolve().parents for f in files)
    assert stat.S_IMODE(keystore.folder.stat().st_mode) == 0o700
    # without the device secret (another computer, another user) it does not open
    elsewhere = creds.Keystore(tmp_path / "elsewhere")
    with pytest.raises(creds.CredentialUnavailable):
        state.credential(desk.store, elsewhere)
    report = client.SyncClient(desk.store, keystore=elsewhere).sync()
    assert not report.ok and report.error == "credential_unavailable"
    # nor under another device secret, nor with another device id as associated data
    with desk.session() as s:
        store_id = creds.store_id_of(s)
    with pytest.raises(creds.CredentialUnavailable):
        creds.unwrap(os.urandom(32), store_id, device, wrapped)
    entry = keystore.read(store_id)
    assert entry is not None
    real = creds._device_secret(entry)
    assert creds.unwrap(real, store_id, device, wrapped).secret == secret
    with pytest.raises(creds.CredentialUnavailable):
        creds.unwrap(real, store_id, "0" * 36, wrapped)
    flipped = wrapped[:-4] + ("AAAA" if not wrapped.endswith("AAAA") else "BBBB")
    with pytest.raises(creds.CredentialUnavailable):
        creds.unwrap(real, store_id, device, flipped)
    # the desk still syncs with its own keystore
    assert desk.sync().ok


def test_a_plaintext_credential_of_an_older_version_is_wrapped_at_first_use(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    bearer = state.credential(desk.store)
    with desk.session() as s:  # as an older version stored it
        s.merge(Meta(key=state.SECRET, value=bearer.split(".")[1]))
    assert desk.sync().ok
    assert stored_secret(desk).startswith(creds.PREFIX)


def test_each_sync_rotates_and_the_old_credential_stops_working(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    first = state.credential(desk.store)
    assert pull_status(central, first) == 200
    desk.sync()
    second = state.credential(desk.store)
    assert second != first and second.split(".")[0] == first.split(".")[0]
    assert pull_status(central, first) == 401  # stolen before the sync: useless now
    assert pull_status(central, second) == 200
    add_person(desk.store, desk.admin, family_name="Rotation")
    desk.sync()
    third = state.credential(desk.store)
    assert pull_status(central, second) == 401 and pull_status(central, third) == 200
    assert not state.status(desk.store).revoked


def test_a_lost_rotation_answer_never_locks_the_desk_out(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    desk.sync()
    before = state.credential(desk.store)
    proxy = FaultProxy(central.port)
    try:
        transport = Transport(proxy.url, before, timeout=(2.0, 10.0))
        transport.http.headers["Connection"] = "close"  # one request per connection
        transport.http.mount("http://", requests.adapters.HTTPAdapter(max_retries=0))
        sync = client.SyncClient(desk.store, transport=transport)
        # the server commits the rotation, the desk never reads the answer
        proxy.plan("/v1/anchor", "drop")
        add_person(desk.store, desk.admin, family_name="Cut")
        report = sync.sync()
        assert not report.ok and report.error == "offline"
        assert ("/v1/anchor", "drop") in proxy.seen
        assert state.credential(desk.store) == before  # nothing stored
        assert not state.status(desk.store).revoked
        # the next sync works with the credential the desk has, and rotates again
        report = sync.sync()
        assert report.ok, report.error
        after = state.credential(desk.store)
        assert after != before
        assert pull_status(central, before) == 401 and pull_status(central, after) == 200
        sync.close()
    finally:
        proxy.close()


def test_a_crash_before_the_new_secret_is_stored_loses_nothing(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    before = state.credential(desk.store)

    def crash(point: str) -> None:
        if point == "after_anchor_response":
            raise SimulatedCrash(point)

    with pytest.raises(SimulatedCrash):
        client.SyncClient(desk.store, crash=crash).sync()
    assert state.credential(desk.store) == before
    assert desk.sync().ok  # the old secret still works once, and is replaced
    assert pull_status(central_sqlite, before) == 401


def test_an_unused_rotation_is_replaced_by_the_next(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    """A thief's copy used before the desk's next request gets a secret of its own, which the
    desk's next anchor replaces again: at most one extra secret is ever valid."""
    desk = make_desk(central_sqlite, "acli")
    desk.sync()
    bearer = state.credential(desk.store)
    h = {"Authorization": f"Bearer {bearer}", PROTOCOL_HEADER: "3"}
    url = f"{central_sqlite.url}/v1/anchor"
    body = {"length": 0, "head": ""}
    one = requests.post(url, json=body, headers=h, timeout=30).json()["secret"]
    two = requests.post(url, json=body, headers=h, timeout=30).json()["secret"]
    device = bearer.split(".")[0]
    assert pull_status(central_sqlite, f"{device}.{one}") == 401  # replaced, never used
    assert pull_status(central_sqlite, f"{device}.{two}") == 200  # now the current one
    assert pull_status(central_sqlite, bearer) == 401


def test_a_wipe_removes_the_device_secret_too(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    desk.sync()
    device = state.credential(desk.store).split(".")[0]
    with desk.session() as s:
        store_id = creds.store_id_of(s)
    keystore = creds.Keystore()
    assert keystore.read(store_id) is not None
    central_sqlite.run(lambda s: admin.revoke(s, device, wipe=True))
    report = desk.client.sync()
    assert report.wiped
    assert keystore.read(store_id) is None
