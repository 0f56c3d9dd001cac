"""HTTP to the central server: TLS policy, timeouts, and errors sorted by what to do next.

HTTPS by default, checked against the system CAs or a configured CA bundle. Plain HTTP is
allowed to a loopback address (a local test server) or when the administrator explicitly
allows it. Every request has a connect and a read timeout (R4).
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from sync.errors import SyncError, SyncErrorCode
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

TIMEOUT = (5.0, 60.0)  # connect, read (seconds)


class TransportError(SyncError):
    """The server could not be reached or answered in a way worth retrying later."""

    code = SyncErrorCode.OFFLINE


class TlsError(TransportError):
    """The server's certificate could not be verified (wrong CA, name or date)."""

    code = SyncErrorCode.TLS_ERROR


class ServerError(TransportError):
    """5xx or 429: the server is there but cannot answer now."""

    code = SyncErrorCode.SERVER_BUSY


class InsecureServer(SyncError):
    """The URL would send data unencrypted (or is not a usable URL)."""

    code = SyncErrorCode.INSECURE_SERVER


class ServerRefused(Exception):
    """A 4xx answer with a Problem body: retrying the same request will not help.

    Not a ``SyncError``: ``code`` is the server's (``sync/PROTOCOL.md``), ``http_error`` when
    the answer had none."""

    def __init__(self, status: int, code: str, message: str, mutation_ids: list[str]) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.mutation_ids = mutation_ids


def is_loopback(host: str) -> bool:
    """True for an address of this computer (plain HTTP is acceptable there)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str, allow_insecure: bool = False) -> str:
    """The server URL without a trailing slash; refuses plain HTTP off loopback."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InsecureServer("the server address must start with https://")
    if parts.scheme == "http" and not (allow_insecure or is_loopback(parts.hostname)):
        raise InsecureServer("plain HTTP is only allowed to this computer")
    return url.strip().rstrip("/")


class Transport:
    """One server, one device credential; JSON in, JSON out."""

    def __init__(
        self,
        base_url: str,
        credential: str | None = None,
        ca_bundle: str | None = None,
        allow_insecure: bool = False,
        timeout: tuple[float, float] = TIMEOUT,
    ) -> None:
        self.base_url = check_url(base_url, allow_insecure)
        self.timeout = timeout
        self.http = requests.Session()
        # A kept-alive connection the server closed just as a request left is retried once
        # at once, POST included: every call is idempotent (a push carries its batch id).
        retry = Retry(total=1, connect=1, read=1, other=1, status=0, allowed_methods=None)
        self.http.mount("https://", HTTPAdapter(max_retries=retry))
        self.http.mount("http://", HTTPAdapter(max_retries=retry))
        self.version = PROTOCOL_VERSION
        self.http.headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
        if credential:
            self.http.headers["Authorization"] = f"Bearer {credential}"
        # passed with every request: requests lets REQUESTS_CA_BUNDLE override a session's
        # own setting, and the configured bundle must win
        self.verify: str | bool = ca_bundle or True

    def speak(self, version: int) -> None:
        """Use protocol ``version`` from the next request on (an older server)."""
        self.version = version
        self.http.headers[PROTOCOL_HEADER] = str(version)

    def set_credential(self, credential: str) -> None:
        """Use ``credential`` from the next request on (after a rotation)."""
        self.http.headers["Authorization"] = f"Bearer {credential}"

    def close(self) -> None:
        self.http.close()

    def post(
        self, path: str, body: dict[str, Any] | bytes, key: str | None = None
    ) -> dict[str, Any]:
        """POST ``body`` (a JSON object, or one already encoded) and return the answer."""
        headers = {"Idempotency-Key": key} if key else {}
        if isinstance(body, bytes):
            headers["Content-Type"] = "application/json"
            return self._call("POST", path, data=body, headers=headers)
        return self._call("POST", path, json_body=body, headers=headers)

    def get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        return self._call("GET", path, params=params)

    @contextmanager
    def lines(self, path: str, params: dict[str, Any]) -> Iterator[Iterator[bytes]]:
        """GET a streamed answer of JSON lines (NDJSON); yields an iterator of its lines.
        Errors as for any call; a stream cut short raises ``TransportError``."""
        try:
            response = self.http.get(
                self.base_url + path,
                params=params,
                stream=True,
                timeout=self.timeout,
                verify=self.verify,
            )
        except requests.exceptions.SSLError:
            raise TlsError("TLS verification failed") from None
        except requests.exceptions.RequestException as exc:
            raise TransportError(type(exc).__name__) from None
        try:
            if response.status_code >= 400:
                self._answer(response)  # raises the error the answer carries

            def read() -> Iterator[bytes]:
                try:
                    for line in response.iter_lines(chunk_size=256 * 1024):
                        if line:
                            yield line
                except requests.exceptions.RequestException as exc:
                    raise TransportError(type(exc).__name__) from None

            yield read()
        finally:
            response.close()

    def _call(
        self,
        method: str,
        path: str,
        json_body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        data: bytes | None = None,
    ) -> dict[str, Any]:
        try:
            response = self.http.request(
                method,
                self.base_url + path,
                json=json_body,
                data=data,
                params=params,
                headers=headers,
                timeout=self.timeout,
                verify=self.verify,
            )
        except requests.exceptions.SSLError:
            # no cause chain: request exceptions may carry URLs with parameters
            raise TlsError("TLS verification failed") from None
        except requests.exceptions.RequestException as exc:
            raise TransportError(type(exc).__name__) from None
        return self._answer(response)

    @staticmethod
    def _answer(response: requests.Response) -> dict[str, Any]:
        """The JSON object of an answer, or the error it stands for."""
        if response.status_code >= 500 or response.status_code == 429:
            raise ServerError(f"HTTP {response.status_code}")
        try:
            body = response.json()
        except (ValueError, json.JSONDecodeError):
            raise TransportError("the answer was cut short or is not JSON") from None
        if response.status_code >= 400:
            if not isinstance(body, dict):
                body = {}
            raise ServerRefused(
                response.status_code,
                str(body.get("code", "http_error")),
                str(body.get("message", "")),
                [str(m) for m in body.get("mutation_ids", []) or []],
            )
        if not isinstance(body, dict):
            raise TransportError("unexpected answer")
        return body
