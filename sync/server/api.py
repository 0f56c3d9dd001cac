"""The HTTP API (FastAPI). Stateless: every request opens its own database transaction, so
several workers can run behind a proxy. The OpenAPI description is at ``/openapi.json``.

Every body is validated against the schemas of ``sync.protocol`` on the way in and out.
Errors are ``Problem`` bodies with a stable code; validation errors name the fields that
are wrong but never echo their values (they may be personal data).
"""

import logging
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Annotated, TypeVar

import anyio.to_thread
from fastapi import Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.entities import NO_NUL
from sync.protocol import (
    ANCHOR_VERSION,
    BULK_VERSION,
    DEFAULT_PAGE,
    MAX_BODY_BYTES,
    MAX_PAGE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SUPPORTED_VERSIONS,
    UUID_PATTERN,
    AnchorRequest,
    AnchorResponse,
    EnrolRequest,
    EnrolResponse,
    HelloRequest,
    HelloResponse,
    LegalKeysRequest,
    LegalKeysResponse,
    MergeApprovalRequest,
    Problem,
    PullResponse,
    PushRequest,
    PushResponse,
    StaffAnchor,
    StaffConsultation,
    StaffDuplicate,
    StaffReferral,
    StatusUpdate,
)
from sync.server import (
    anchors,
    approvals,
    audit,
    credentials,
    duplicates,
    exchange,
    legal_keys,
    referrals,
    staff_auth,
    throttle,
)
from sync.server.database import reader_factory, session_factory
from sync.server.errors import Forbidden, Refused, TooManyAttempts, Unauthorised, UpgradeRequired
from sync.server.schema import Device, StaffUser
from sync.server.web import routes as web

log = logging.getLogger(__name__)
T = TypeVar("T")

ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": Problem} for status in (400, 401, 403, 404, 409, 413, 422, 426, 429)
}
ERRORS[429]["headers"] = {
    "Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}
}
# Past the body limit the server reads (and drops) at most this much more before answering,
# so a client that sent a little too much still reads the 413; a longer stream is cut off.
DRAIN_BYTES = MAX_BODY_BYTES


def _ascii_number(value: str, digits: int) -> int | None:
    """``value`` as a number if it is 1 to ``digits`` ASCII digits (``str.isdigit`` also
    accepts "²" or "١", which ``int`` refuses or reads), else None."""
    if 0 < len(value) <= digits and value.isascii() and value.isdigit():
        return int(value)
    return None


def _problem(status: int, code: str, message: str, **extra: object) -> JSONResponse:
    body = Problem(code=code, message=message, **extra)  # type: ignore[arg-type]
    return JSONResponse(status_code=status, content=body.model_dump())


def _json(answer: PushResponse | PullResponse) -> Response:
    return Response(content=answer.model_dump_json(), media_type="application/json")


def _source(request: Request) -> str:
    """The caller's address (uvicorn puts the proxy's ``X-Forwarded-For`` here when it
    trusts the proxy)."""
    return request.client.host if request.client else "unknown"


class BodyLimit:
    """Refuses bodies over ``MAX_BODY_BYTES``: a declared Content-Length before reading, a
    streamed (chunked) body while reading it, so no more than the limit is ever held."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            declared = declared.strip()
            size = _ascii_number(declared, 18)
            if size is None and not (declared.isascii() and declared.isdigit()):
                answer = _problem(400, "invalid_content_length", "Content-Length is not a number")
                await answer(scope, receive, send)
            elif size is None or size > MAX_BODY_BYTES:  # None: more than 18 digits
                await self._too_large(scope, receive, send, more=False)
            else:  # the HTTP server delivers no more than the declared length
                await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk: bytes = message.get("body", b"")
            more = bool(message.get("more_body", False))
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                await self._too_large(scope, receive, send, more)
                return
            chunks.append(chunk)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    @staticmethod
    async def _too_large(scope: Scope, receive: Receive, send: Send, more: bool) -> None:
        drained = 0
        while more and drained <= DRAIN_BYTES:
            message = await receive()
            if message["type"] != "http.request":
                return
            drained += len(message.get("body", b""))
            more = bool(message.get("more_body", False))
        answer = _problem(413, "body_too_large", f"bodies are limited to {MAX_BODY_BYTES} bytes")
        if more:  # still streaming: stop reading, close the connection after the answer
            answer.headers["Connection"] = "close"
        await answer(scope, receive, send)


class DuplicateWorker:
    """Runs the duplicate check of queued people in the background of one server process
    (``duplicates.drain``), for people whose desk did not pull within a minute of its push
    (a desk's own pull drains what it queued first: a desk pushing its outbox is not slowed
    down by the checks of its first batches). Several processes drain side by side
    (PostgreSQL skips people another one is checking)."""

    PERIOD_S = 5.0
    AGE = timedelta(minutes=1)

    def __init__(self, factory: sessionmaker[Session], reader: sessionmaker[Session]) -> None:
        self.factory, self.reader = factory, reader
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="duplicate-check", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.wait(self.PERIOD_S):
            try:
                duplicates.drain(self.factory, self.reader, wait=False, older_than=self.AGE)
            except Exception as exc:  # the next round tries again; never stop the worker
                log.error("background duplicate check failed: %s", type(exc).__name__)


# Requests a worker process runs at once (its thread pool; anyio's default is 40). Python
# runs one thread of a process at a time: a few threads keep it busy while others wait on
# the database, more only queue for that lock and for database locks. Measured with 200
# desks syncing at once on PostgreSQL: 40 threads 95 requests/s, server CPU 12-15 ms a
# request, 45-83 % of backends waiting on a lock; 3-6 threads 130-145 requests/s, 8-9 ms,
# 2-34 %.
THREADS_PER_WORKER = 4


def create_app(engine: Engine) -> FastAPI:
    """The application serving the database behind ``engine``."""
    factory: sessionmaker[Session] = session_factory(engine)
    reader: sessionmaker[Session] = reader_factory(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        worker = DuplicateWorker(factory, reader)
        worker.start()
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS_PER_WORKER
        try:
            yield
        finally:
            worker.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="ARCO central sync server",
        version=str(PROTOCOL_VERSION),
        description="Sync between ARCO proximity desks and the Milano Welcome Center. "
        "See sync/PROTOCOL.md.",
        docs_url=None,
        redoc_url=None,
        responses=ERRORS,
    )

    # ------------------------------------------------------------ plumbing
    app.add_middleware(BodyLimit)

    @app.exception_handler(Refused)
    async def refused(_request: Request, exc: Refused) -> JSONResponse:
        answer = _problem(exc.status, exc.code, exc.message, mutation_ids=exc.mutation_ids)
        if isinstance(exc, TooManyAttempts):
            answer.headers["Retry-After"] = str(exc.retry_after)
        return answer

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if web.is_web(request.url.path):
            return workspace.error_page(request, 422)
        where = [
            ".".join(str(part) for part in error.get("loc", ())) + ": " + str(error.get("type"))
            for error in exc.errors()[:20]
        ]
        return _problem(422, "invalid_payload", "the request body is not valid", errors=where)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if web.is_web(request.url.path):
            return workspace.error_page(request, exc.status_code)
        return _problem(exc.status_code, "http_error", str(exc.detail))

    def protocol(
        version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
    ) -> int:
        number = _ascii_number(version.strip(), 3) if version is not None else None
        if number is None or number not in SUPPORTED_VERSIONS:
            raise UpgradeRequired(
                "upgrade_required",
                "this protocol version is not supported; supported: "
                f"{', '.join(map(str, sorted(SUPPORTED_VERSIONS)))}",
            )
        return number

    Version = Annotated[int, Depends(protocol)]
    Authorization = Annotated[str | None, Header()]
    basic = HTTPBasic(auto_error=False)
    Basic = Annotated[HTTPBasicCredentials | None, Depends(basic)]

    def as_device(authorization: str | None, work: Callable[[Session, Device], T]) -> T:
        """Run ``work`` for the calling device in one transaction, committed before the
        answer leaves (a 200 means it is on disk)."""
        with factory.begin() as session:
            return work(session, credentials.device_for(session, authorization))

    def as_reader(authorization: str | None, work: Callable[[Session, Device], T]) -> T:
        """Run ``work`` (which only reads) for the calling device in a reading transaction:
        on SQLite it neither waits for writers nor holds them up. A credential rotated by
        this request is written first, in a transaction of its own."""
        session = reader()
        try:
            device = credentials.device_for(session, authorization)
            if session.is_modified(device):  # the desk used its new secret: keep it
                session.rollback()
                with factory.begin() as writing:
                    credentials.device_for(writing, authorization)
                device = credentials.device_for(session, authorization)
            return work(session, device)
        finally:
            session.rollback()  # nothing was written
            session.close()

    def sign_in(request: Request, creds: HTTPBasicCredentials | None) -> str:
        """The login of a central user whose password is right, or a refusal (throttled:
        ``sync.server.staff_auth``)."""
        if creds is None:
            raise Unauthorised("staff_credential_missing", "this request needs a login")
        return staff_auth.verify(factory, creds.username, creds.password, _source(request))

    def as_staff(
        request: Request,
        creds: HTTPBasicCredentials | None,
        work: Callable[[Session, StaffUser], T],
    ) -> T:
        """Run ``work`` for the signed-in central user in one transaction."""
        login = sign_in(request, creds)
        with factory.begin() as session:
            user = session.get(StaffUser, login)
            if user is None or not user.active:  # disabled since the password was checked
                raise Unauthorised("staff_credential_invalid", "login or password not valid")
            assert creds is not None  # sign_in refused a request without them
            legal_keys.ensure_staff_key(session, user, creds.password)
            return work(session, user)

    # ------------------------------------------------------------ routes
    @app.get("/v1/health")
    def health() -> dict[str, object]:
        return {"status": "ok", "protocol_versions": sorted(SUPPORTED_VERSIONS)}

    @app.post("/v1/enrol", status_code=201)
    def enrol(body: EnrolRequest, _version: Version, request: Request) -> EnrolResponse:
        keys = [throttle.enrol_key(_source(request))]
        try:
            with factory.begin() as session:
                throttle.check(session, keys)
                return credentials.enrol(session, body)
        except Forbidden:  # a wrong code: counted in a transaction of its own
            with factory.begin() as session:
                throttle.failed(session, keys)
            raise

    @app.post("/v1/hello", response_model=HelloResponse)
    def hello(
        body: HelloRequest, version: Version, authorization: Authorization = None
    ) -> Response:
        answer = as_device(authorization, lambda s, d: exchange.hello(s, d, body, version))
        older = version < ANCHOR_VERSION  # protocol 1 and 2 desks refuse unknown fields
        content = answer.model_dump_json(exclude=set(exchange.HELLO_V3_FIELDS) if older else None)
        return Response(content=content, media_type="application/json")

    @app.post("/v1/anchor")
    def anchor(
        body: AnchorRequest, version: Version, authorization: Authorization = None
    ) -> AnchorResponse:
        if version < ANCHOR_VERSION:
            raise UpgradeRequired("upgrade_required", "the audit anchor needs protocol 3")
        return as_device(authorization, lambda s, d: anchors.anchor(s, d, body))

    @app.post("/v1/legal-keys")
    def legal_keys_exchange(
        body: LegalKeysRequest, version: Version, authorization: Authorization = None
    ) -> LegalKeysResponse:
        if version < ANCHOR_VERSION:
            raise UpgradeRequired("upgrade_required", "legal keys need protocol 3")
        return as_device(authorization, lambda s, d: legal_keys.exchange(s, d, body))

    # Push and pull answers are pydantic models already (validated when built): they are
    # serialised in one step (pydantic's JSON encoder) rather than FastAPI's slower
    # validate-again-then-json.dumps; the response_model keeps them in the OpenAPI schema.
    @app.post("/v1/push", response_model=PushResponse)
    def push(body: PushRequest, _version: Version, authorization: Authorization = None) -> Response:
        return _json(as_device(authorization, lambda s, d: exchange.push(s, d, body)))

    @app.get("/v1/pull", response_model=PullResponse)
    def pull(
        _version: Version,
        authorization: Authorization = None,
        cursor: Annotated[int, Query(ge=0, lt=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
        epoch: Annotated[str, Query(max_length=64)] = "",
    ) -> Response:
        def read(session: Session, device: Device) -> bytes | str:
            if duplicates.queued(session, device.desk):
                return device.desk
            return exchange.pull(session, device, cursor, limit, epoch)

        content = as_reader(authorization, read)
        if isinstance(content, str):
            # the duplicate check of what this desk pushed runs first, so the flags it
            # raised are in this pull
            duplicates.drain(factory, reader, desk=content)
            content = as_reader(
                authorization, lambda s, d: exchange.pull(s, d, cursor, limit, epoch)
            )
        return Response(content=content, media_type="application/json")

    @app.get(
        "/v1/snapshot",
        response_class=StreamingResponse,
        responses={200: {"content": {"application/x-ndjson": {}}, "description": "NDJSON"}},
    )
    def snapshot(
        version: Version,
        authorization: Authorization = None,
        epoch: Annotated[str, Query(max_length=64)] = "",
    ) -> StreamingResponse:
        """Everything in the desk's scope as of one moment, streamed (protocol 4; see
        ``exchange.snapshot``): a new device's first sync, or a resync."""
        if version < BULK_VERSION:
            raise UpgradeRequired("upgrade_required", "the snapshot needs protocol 4")
        desk = as_reader(authorization, lambda _s, d: d.desk)
        duplicates.drain(factory, reader, desk=desk)
        session = reader()
        try:
            device = credentials.device_for(session, authorization)
            lines = exchange.snapshot(session, device, epoch)
        except BaseException:
            session.close()
            raise

        def stream() -> Iterator[bytes]:
            try:
                yield from lines
            finally:
                session.rollback()
                session.close()

        return StreamingResponse(stream(), media_type="application/x-ndjson")

    @app.get("/v1/staff/referrals")
    def staff_referrals(
        request: Request,
        creds: Basic,
        status: Annotated[str | None, Query(max_length=20, pattern=NO_NUL)] = None,
    ) -> list[StaffReferral]:
        return as_staff(request, creds, lambda s, u: referrals.listing(s, u, status))

    @app.post("/v1/staff/referrals/{number}/status")
    def staff_status(
        number: Annotated[str, Path(max_length=32, pattern=NO_NUL)],
        body: StatusUpdate,
        creds: Basic,
        request: Request,
    ) -> StaffReferral:
        return as_staff(request, creds, lambda s, u: referrals.change_status(s, u, number, body))

    @app.get("/v1/staff/referrals/{number}/consultation")
    def staff_consultation(
        number: Annotated[str, Path(max_length=32, pattern=NO_NUL)],
        creds: Basic,
        request: Request,
    ) -> StaffConsultation:
        password = creds.password if creds is not None else ""
        return as_staff(
            request,
            creds,
            lambda s, u: legal_keys.consultation_for_staff(
                s, u, password, referrals.find(s, number)
            ),
        )

    @app.get("/v1/staff/duplicates")
    def staff_duplicates(request: Request, creds: Basic) -> list[StaffDuplicate]:
        return as_staff(request, creds, approvals.pending)

    @app.post("/v1/staff/duplicates/{flag_id}/approve")
    def staff_approve(
        flag_id: Annotated[str, Path(max_length=36, pattern=UUID_PATTERN)],
        body: MergeApprovalRequest,
        creds: Basic,
        request: Request,
    ) -> StaffDuplicate:
        return as_staff(
            request, creds, lambda s, u: duplicates.approve_central(s, u, flag_id, body)
        )

    @app.get("/v1/staff/audit-anchors")
    def staff_anchors(request: Request, creds: Basic, flagged: bool = False) -> list[StaffAnchor]:
        return as_staff(request, creds, lambda s, u: anchors.staff_listing(s, u, flagged))

    @app.post("/v1/staff/audit-anchors/{device_id}/clear")
    def staff_clear_anchor(
        device_id: Annotated[str, Path(max_length=36, pattern=UUID_PATTERN)],
        creds: Basic,
        request: Request,
    ) -> StaffAnchor:
        def work(session: Session, user: StaffUser) -> StaffAnchor:
            if user.role != "coordinator":
                raise Forbidden("staff_role", "only central coordinators clear audit flags")
            anchors.clear(session, device_id, audit.STAFF, user.login)
            return next(
                a for a in anchors.staff_listing(session, user, False) if a.device_id == device_id
            )

        return as_staff(request, creds, work)

    # The MWC web workspace (/mwc/): pages for MWC staff and central coordinators.
    workspace = web.mount(app, factory)
    app.state.instance = secrets.token_hex(4)  # tells restarts apart in tests and logs
    return app
