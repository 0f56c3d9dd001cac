"""Enrolment: this desk joins the central server with a one-time code (``POST /v1/enrol``).

An administrator types the server's address and the code the central coordinators issued.
The server answers with the device id and the device secret; the secret is wrapped at once
(``sync.credential``) and kept with the server's address in the store's ``meta`` table
(``sync.state``). The sync cycle (``sync.client``) reads them from there.
"""

from __future__ import annotations

from models.roles import Actor
from models.store import OpenStore
from sync import credential as creds
from sync import state
from sync.protocol import EnrolResponse
from sync.transport import Transport


def enrol(
    store: OpenStore,
    actor: Actor,
    server_url: str,
    code: str,
    device_name: str = "",
    ca_bundle: str | None = None,
    allow_insecure: bool = False,
    keystore: creds.Keystore | None = None,
) -> str:
    """Enrol this desk with the central server using a one-time code; returns the device id.

    Raises ``PermissionDenied`` for non-admins, ``InsecureServer`` for a plain-HTTP URL off
    loopback, ``ServerRefused`` (code ``enrolment_code_invalid``…) or ``TransportError``.
    """
    actor.require("sync.enrol")
    url = server_url.strip().rstrip("/")
    transport = Transport(url, ca_bundle=ca_bundle, allow_insecure=allow_insecure)
    try:
        body = transport.post(
            "/v1/enrol", {"code": code, "desk": store.desk, "device_name": device_name[:100]}
        )
    finally:
        transport.close()
    answer = EnrolResponse.model_validate(body)
    with store.session(actor) as session:
        state.record_enrolment(
            session,
            keystore or creds.Keystore(),
            answer,
            transport.base_url,
            ca_bundle,
            allow_insecure,
        )
    return answer.device_id
