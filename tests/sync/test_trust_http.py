"""The central server's HTTP trust boundary (issue 9, part 4), against the real server
process on loopback and the real ``arco-central`` command line: headers parsed strictly,
streamed bodies cut off at the limit, guesses throttled in the database, MWC staff unable
to tell which referral numbers exist, staff users disabled, enrolment codes typed loosely,
and what staff and the administrator do in the server's audit trail."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, select

from models.exit_codes import EXIT_FAILED, EXIT_SIGN_IN_REFUSED, EXIT_USAGE
from models.referrals import SENT, change_status, create_referral
from sync.protocol import MAX_BODY_BYTES, PROTOCOL_HEADER
from sync.server.api import create_app
from sync.server.credentials import digest
from sync.server.schema import AuditEvent, AuthThrottle, EnrolmentCode
from sync.server.writes import utcnow
from tests.models.service_helpers import add_person, share
from tests.sync.fixtures import STAFF_PASSWORD, Central, Desk
from tests.sync.test_api_input import headers
from tests.sync.test_central_cli import central_cli

STAFF = "/v1/staff/referrals"
FAMILY = "mwc_family_reunification"
LEGAL = "mwc_legal_second_level"
THROTTLE_ENV = "ARCO_CENTRAL_THROTTLE"  # the policy the server process reads
SECRET_NOTE = "Qelmira Vostrikova-Secret"  # a personal value: never in the audit trail


def staff_get(central: Central, login: str, password: str, source: str = "") -> Any:
    """``GET /v1/staff/referrals``; ``source`` poses as a client behind a proxy (uvicorn
    trusts ``X-Forwarded-For`` from loopback, as from a proxy on the same host)."""
    extra = {"X-Forwarded-For": source} if source else {}
    return requests.get(central.url + STAFF, auth=(login, password), headers=extra, timeout=30)


def with_policy(central: Central, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """Restart the server with a throttling policy (read from its environment)."""
    monkeypatch.setenv(THROTTLE_ENV, value)
    central.restart()


def audit_rows(central: Central, action: str) -> list[AuditEvent]:
    rows = central.run(
        lambda s: list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))
    )
    return list(rows)


def sent_referral(desk: Desk, service: str, send: bool = True) -> str:
    """A referral of a new person to ``service`` (sent unless ``send`` is False); its number."""
    pid = add_person(desk.store, desk.admin, given_name="Omar", family_name="Said",
                     notes=SECRET_NOTE)  # fmt: skip
    share(desk.store, desk.admin, pid)
    with desk.session() as s:
        referral = create_referral(s, desk.admin, pid, service, SECRET_NOTE)
        if send:
            change_status(s, desk.admin, referral.id, SENT)
        return str(referral.number)


# ===================================================================== 1. strict headers
def test_protocol_header_of_non_ascii_digits_is_upgrade_required(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    """A version of "²" passed ``str.isdigit`` and broke ``int`` (500), "١" was read as 1, and
    5000 digits broke ``int`` too: only 1 to 3 ASCII digits are a version."""
    desk = make_desk(central, "acli")
    auth = headers(desk)["Authorization"]
    odd = ("²".encode("latin-1"), "¹".encode("latin-1"), "١".encode(), "２".encode(),
           b"1" * 5000, b"0002")  # fmt: skip
    for version in odd:
        answer = requests.post(
            f"{central.url}/v1/hello",
            json={"client_time_ms": 1},
            headers={"Authorization": auth, PROTOCOL_HEADER: version},
            timeout=30,
        )
        assert answer.status_code == 426, (version[:8], answer.status_code, answer.text[:200])
        body = answer.json()
        assert body["code"] == "upgrade_required"
        assert version.decode("latin-1") not in body["message"]  # never echoed
    good = requests.post(
        f"{central.url}/v1/hello", json={"client_time_ms": 1}, headers=headers(desk), timeout=30
    )
    assert good.status_code == 200, good.text


def _raw_post(central: Central, content_length: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", central.port), timeout=10) as s:
        s.sendall(
            b"POST /v1/enrol HTTP/1.1\r\nHost: x\r\nContent-Length: " + content_length
            + b"\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}"
        )  # fmt: skip
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    return answer


def _asgi_post(content_length: bytes) -> tuple[int, bytes]:
    """One request straight into the application (what a server or proxy that passes the
    header through would deliver)."""
    app = create_app(create_engine("sqlite://"))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/v1/push", "raw_path": b"/v1/push", "query_string": b"",
        "root_path": "", "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
        "headers": [(b"content-length", content_length), (b"content-type", b"application/json"),
                    (PROTOCOL_HEADER.lower().encode(), b"2")],
    }  # fmt: skip
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body


@pytest.mark.parametrize(
    "length", ["²".encode("latin-1"), b"1" * 5000, b"-1", "٢".encode(), "１".encode(), b""]
)
def test_content_length_of_non_ascii_digits_is_a_problem_never_a_500(length: bytes) -> None:
    """The body limit read Content-Length with ``str.isdigit`` and ``int``: "²" gave 500."""
    status, body = _asgi_post(length)
    assert (status, json.loads(body)["code"]) in (
        (400, "invalid_content_length"),
        (413, "body_too_large"),
    ), (status, body[:200])


def test_content_length_of_non_ascii_digits_over_http(central: Central) -> None:
    """Through the real server (its HTTP parser refuses most of these before the app)."""
    for length in ("²".encode("latin-1"), b"1" * 5000, "٢".encode(), b"99999999999999999999"):
        answer = _raw_post(central, length)
        status = int(answer.split(b" ", 2)[1])
        assert 400 <= status < 500, (length[:8], answer[:200])
    assert requests.get(central.url + "/v1/health", timeout=10).ok


# ===================================================================== 2. streamed bodies
def test_streamed_body_is_cut_off_at_the_limit(central: Central) -> None:
    """A chunked body was read whole before its size was checked: a 64 MiB stream was held
    in memory. Now reading stops a bounded amount past the limit."""
    total = 64 * 1024 * 1024
    piece = b"z" * 65536
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        yield b'{"batch_id": "'
        while sent < total:
            sent += len(piece)
            yield piece
        yield b'"}'

    h = {PROTOCOL_HEADER: "2", "Content-Type": "application/json"}
    try:
        answer = requests.post(f"{central.url}/v1/push", data=chunks(), headers=h, timeout=60)
    except requests.ConnectionError:
        pass  # the server stopped reading and closed the connection: what we want
    else:
        assert answer.status_code == 413 and answer.json()["code"] == "body_too_large"
    # the limit, the bounded drain past it and what socket buffers took (a few MiB)
    assert sent < 24 * 1024 * 1024, sent
    assert requests.get(central.url + "/v1/health", timeout=10).ok


def test_streamed_body_just_over_the_limit_gets_its_answer(central: Central) -> None:
    """A client that streamed a little too much reads a 413 Problem, never a reset."""

    def chunks() -> Iterator[bytes]:
        yield b'{"batch_id": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"y" * 65536
        yield b'"}'

    h = {PROTOCOL_HEADER: "2", "Content-Type": "application/json"}
    for _ in range(3):
        answer = requests.post(f"{central.url}/v1/push", data=chunks(), headers=h, timeout=60)
        assert answer.status_code == 413 and answer.json()["code"] == "body_too_large"
    small = requests.post(
        f"{central.url}/v1/push", data=iter([b"{}"]), headers=h, timeout=30
    )  # streamed and small: reaches the application, which validates it
    assert small.status_code == 422 and small.json()["code"] == "invalid_payload"


# ===================================================================== 3. throttling
def test_staff_sign_in_is_throttled_per_login_whether_it_exists_or_not(
    central: Central,
) -> None:
    central.add_staff("giulia", [FAMILY])
    refused: dict[str, Any] = {}
    throttled: dict[str, Any] = {}
    for login in ("giulia", "nobody"):
        for _ in range(5):
            answer = staff_get(central, login, "not the password")
            assert answer.status_code == 401, answer.text
            refused[login] = answer.json()
        answer = staff_get(central, login, "not the password")
        assert answer.status_code == 429, answer.text
        assert answer.json()["code"] == "too_many_attempts"
        assert 1 <= int(answer.headers["Retry-After"]) <= 30
        throttled[login] = answer.json()
        # while blocked the right password is refused too, from any address
        right = staff_get(central, login, STAFF_PASSWORD, source="10.20.30.40")
        assert right.status_code == 429 and "Retry-After" in right.headers
    # an unknown login is answered exactly like a known one
    assert refused["giulia"] == refused["nobody"]
    assert throttled["giulia"] == throttled["nobody"]
    assert "giulia" not in str(throttled["giulia"])
    # every refusal was kept though its request failed; blocked attempts are not counted
    rows = audit_rows(central, "staff_signin_refused")
    assert sorted(r.actor for r in rows) == ["giulia"] * 5 + ["nobody"] * 5
    assert {r.actor_kind for r in rows} == {"staff"}
    failures = central.run(lambda s: s.get(AuthThrottle, "login:giulia").failures)
    assert failures == 5


def test_concurrent_failures_are_each_counted(central: Central) -> None:
    """Workers failing on one login at once (PostgreSQL: concurrent transactions) each
    count, and none of them gets a 5xx."""
    central.add_staff("giulia", [FAMILY])
    with ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(lambda i: staff_get(central, "giulia", f"wrong {i}", f"10.0.0.{i}"), range(8))
        )
    statuses = [a.status_code for a in answers]
    assert set(statuses) <= {401, 429}, statuses
    failures = central.run(lambda s: s.get(AuthThrottle, "login:giulia").failures)
    assert failures == statuses.count(401) >= 5


def test_block_grows_expires_and_success_resets_the_login(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_policy(central, monkeypatch, "login=3,block=1,max_block=4")
    central.add_staff("giulia", [FAMILY])
    bad = lambda: staff_get(central, "giulia", "not the password")  # noqa: E731
    good = lambda: staff_get(central, "giulia", STAFF_PASSWORD)  # noqa: E731
    for _ in range(2):  # two failures, a success: the count starts again
        assert [bad().status_code, bad().status_code] == [401, 401]
        assert good().status_code == 200
    assert [bad().status_code for _ in range(3)] == [401, 401, 401]
    blocked = good()
    assert blocked.status_code == 429 and blocked.headers["Retry-After"] == "1"
    time.sleep(1.2)
    assert bad().status_code == 401  # one more failure after the block: twice as long
    again = good()
    assert again.status_code == 429 and again.headers["Retry-After"] == "2"
    time.sleep(2.2)
    assert good().status_code == 200
    assert central.run(lambda s: s.get(AuthThrottle, "login:giulia")) is None


def test_staff_sign_in_is_throttled_per_source(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_policy(central, monkeypatch, "source=3,login=10")
    central.add_staff("giulia", [FAMILY])
    for login in ("anna", "bruno", "carla"):  # guessing different logins from one address
        assert staff_get(central, login, "guess", source="10.9.9.9").status_code == 401
    blocked = staff_get(central, "giulia", STAFF_PASSWORD, source="10.9.9.9")
    assert blocked.status_code == 429 and blocked.json()["code"] == "too_many_attempts"
    # the login itself is not blocked: giulia signs in from her own address
    assert staff_get(central, "giulia", STAFF_PASSWORD, source="10.1.1.1").status_code == 200


def test_enrolment_codes_are_throttled_per_source(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_policy(central, monkeypatch, "enrol=3,block=1")
    code = central.code("acli")

    def enrol(typed: str, source: str = "10.5.5.5") -> Any:
        return requests.post(
            f"{central.url}/v1/enrol",
            json={"code": typed, "desk": "acli", "device_name": "pc"},
            headers={PROTOCOL_HEADER: "2", "X-Forwarded-For": source},
            timeout=30,
        )

    for _ in range(3):
        answer = enrol("AAAA-BBBB-CCCC")
        assert answer.status_code == 403 and answer.json()["code"] == "enrolment_code_invalid"
    blocked = enrol(code)  # a valid code, refused while the address is blocked
    assert blocked.status_code == 429 and blocked.json()["code"] == "too_many_attempts"
    assert blocked.headers["Retry-After"] == "1"
    time.sleep(1.2)
    assert enrol(code).status_code == 201  # and it was not used up by the refusal
    assert enrol(central.code("acli"), source="10.6.6.6").status_code == 201


# ===================================================================== 4. referral numbers
def test_staff_cannot_tell_which_referral_numbers_exist(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    elsewhere = sent_referral(desk, LEGAL)
    draft = sent_referral(desk, FAMILY, send=False)
    desk.sync()
    central.add_staff("giulia", [FAMILY])
    central.add_staff("marco", [LEGAL])

    def accept(number: str, login: str = "giulia") -> Any:
        return requests.post(
            f"{central.url}{STAFF}/{number}/status",
            json={"status": "accepted"},
            auth=(login, STAFF_PASSWORD),
            timeout=30,
        )

    unknown = accept("AC-2099-99999")
    assert unknown.status_code == 404 and unknown.json()["code"] == "referral_unknown"
    for number in (elsewhere, draft):  # another service's, not sent yet: the same answer
        answer = accept(number)
        assert (answer.status_code, answer.json()) == (404, unknown.json()), number
    assert accept(elsewhere, "marco").status_code == 200  # its own service may


# ===================================================================== 5, 7. users, audit
def test_disabled_user_is_refused_like_a_wrong_password_and_audited(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    number = sent_referral(desk, FAMILY)
    desk.sync()
    made = central_cli(central, "user", "add", "paola", "--role", "mwc_staff", "--service",
                       FAMILY, "--password-stdin", stdin=STAFF_PASSWORD + "\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    no_role = central_cli(central, "user", "add", "luca", "--password-stdin", stdin="x" * 12)
    assert no_role.returncode == EXIT_USAGE and "--role" in no_role.stderr
    listed = staff_get(central, "paola", STAFF_PASSWORD)
    assert listed.status_code == 200 and [r["number"] for r in listed.json()] == [number]
    changed = requests.post(
        f"{central.url}{STAFF}/{number}/status",
        json={"status": "accepted", "note": SECRET_NOTE},
        auth=("paola", STAFF_PASSWORD),
        timeout=30,
    )
    assert changed.status_code == 200, changed.text
    wrong = staff_get(central, "paola", "not the password")

    disabled = central_cli(central, "user", "disable", "paola")
    assert disabled.returncode == 0, disabled.stderr
    refused = staff_get(central, "paola", STAFF_PASSWORD)
    assert refused.status_code == 401 and refused.json() == wrong.json()
    cli_refused = central_cli(central, "referrals", "--as", "paola", "--password-stdin",
                              stdin=STAFF_PASSWORD + "\n")  # fmt: skip
    assert cli_refused.returncode == EXIT_SIGN_IN_REFUSED
    missing = central_cli(central, "user", "disable", "nobody")
    assert missing.returncode == EXIT_FAILED and "no user" in missing.stderr
    enabled = central_cli(central, "user", "enable", "paola")
    assert enabled.returncode == 0, enabled.stderr
    assert staff_get(central, "paola", STAFF_PASSWORD).status_code == 200

    trail = central_cli(central, "audit")
    assert trail.returncode == 0, trail.stderr
    lines = trail.stdout.splitlines()

    def line(action: str) -> str:
        found = [x for x in lines if f" {action} " in f"{x} "]
        assert found, (action, trail.stdout)
        return found[0]

    rid = central.run(lambda s: s.scalar(
        select(AuditEvent.record_id).where(AuditEvent.action == "referral_status")))  # fmt: skip
    assert "paola" in line("referral_status") and "sent->accepted" in line("referral_status")
    assert rid and rid in line("referral_status")
    for action in ("user_added", "user_disabled", "user_enabled"):
        assert "admin" in line(action) and "cli" in line(action) and "paola" in line(action)
    assert line("referrals_listed").split()[-1] == "1"
    assert "paola" in line("staff_signin_refused")
    assert "device_enrolled" in trail.stdout
    assert SECRET_NOTE not in trail.stdout and "Omar" not in trail.stdout
    only = central_cli(central, "audit", "--action", "user_disabled")
    assert len(only.stdout.splitlines()) == 1


# ===================================================================== 6. enrolment codes
def test_enrolment_code_typed_without_dashes_or_in_lower_case(central: Central) -> None:
    def enrol(typed: str) -> Any:
        return requests.post(
            f"{central.url}/v1/enrol",
            json={"code": typed, "desk": "acli", "device_name": "pc"},
            headers={PROTOCOL_HEADER: "2"},
            timeout=30,
        )

    plain = central.code("acli")
    spaced = central.code("acli")
    dashed = central.code("acli")
    # a code issued before this change: hashed in its dashed form (valid up to 14 days)
    central.run(lambda s: s.add(EnrolmentCode(
        code_hash=digest("ABCD-EFGH-JKLM"), desk="acli",
        expires_at=utcnow() + timedelta(hours=1))))  # fmt: skip
    typed = [
        plain.replace("-", "").lower(),
        " " + " ".join(spaced.lower().split("-")) + " ",
        dashed.replace("-", "–"),  # en dashes, as a word processor writes them
        "abcdefghjklm",
    ]
    devices = []
    for code in typed:
        answer = enrol(code)
        assert answer.status_code == 201, (code, answer.text)
        devices.append(answer.json()["device_id"])
    again = enrol(plain)
    assert again.status_code == 403 and again.json()["code"] == "enrolment_code_invalid"
    enrolled = audit_rows(central, "device_enrolled")
    assert sorted(r.actor for r in enrolled) == sorted(devices)
    assert {(r.actor_kind, r.desk, r.entity) for r in enrolled} == {("device", "acli", "devices")}
    assert sorted(r.record_id for r in enrolled) == sorted(devices)
