"""The HTTP API (FastAPI). Stateless: every request opens its own database transaction, so
several workers can run behind a proxy. The OpenAPI description is at ``/openapi.json``.

Every body is validated against the schemas of ``sync.protocol`` on the way in and out.
Errors are ``Problem`` bodies with a stable code; validation errors name the fields that
are wrong but never echo their values (they may be personal data).
"""

import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

from fastapi import Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.entities import NO_NUL
from sync.protocol import (
    DEFAULT_PAGE,
    MAX_BODY_BYTES,
    MAX_PAGE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SUPPORTED_VERSIONS,
    UUID_PATTERN,
    EnrolRequest,
    EnrolResponse,
    HelloRequest,
    HelloResponse,
    MergeApprovalRequest,
    Problem,
    PullResponse,
    PushRequest,
    PushResponse,
    StaffDuplicate,
    StaffReferral,
    StatusUpdate,
)
from sync.server import approvals, credentials, duplicates, exchange, referrals
from sync.server.database import session_factory
from sync.server.errors import Refused, Unauthorised, UpgradeRequired
from sync.server.schema import Device, StaffUser

log = logging.getLogger(__name__)
T = TypeVar("T")

ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": Problem} for status in (400, 401, 403, 404, 409, 413, 422, 426)
}


def _problem(status: int, code: str, message: str, **extra: object) -> JSONResponse:
    body = Problem(code=code, message=message, **extra)  # type: ignore[arg-type]
    return JSONResponse(status_code=status, content=body.model_dump())


def _json(answer: PushResponse | PullResponse) -> Response:
    return Response(content=answer.model_dump_json(), media_type="application/json")


def create_app(engine: Engine) -> FastAPI:
    """The application serving the database behind ``engine``."""
    factory: sessionmaker[Session] = session_factory(engine)
    app = FastAPI(
        title="ARCO central sync server",
        version=str(PROTOCOL_VERSION),
        description="Sync between ARCO proximity desks and the Milano Welcome Center. "
        "See sync/PROTOCOL.md.",
        docs_url=None,
        redoc_url=None,
        responses=ERRORS,
    )

    # ------------------------------------------------------------ plumbing
    @app.middleware("http")
    async def limit_body(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            return _problem(413, "body_too_large", f"bodies are limited to {MAX_BODY_BYTES} bytes")
        if declared is None and request.method in ("POST", "PUT", "PATCH"):
            body = await request.body()  # chunked: read it, bounded
            if len(body) > MAX_BODY_BYTES:
                return _problem(413, "body_too_large", "body too large")
        return await call_next(request)

    @app.exception_handler(Refused)
    async def refused(_request: Request, exc: Refused) -> JSONResponse:
        return _problem(exc.status, exc.code, exc.message, mutation_ids=exc.mutation_ids)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        where = [
            ".".join(str(part) for part in error.get("loc", ())) + ": " + str(error.get("type"))
            for error in exc.errors()[:20]
        ]
        return _problem(422, "invalid_payload", "the request body is not valid", errors=where)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _problem(exc.status_code, "http_error", str(exc.detail))

    def protocol(
        version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
    ) -> int:
        if version is None or not version.isdigit() or int(version) not in SUPPORTED_VERSIONS:
            raise UpgradeRequired(
                "upgrade_required",
                f"protocol {version} is not supported; supported: "
                f"{', '.join(map(str, sorted(SUPPORTED_VERSIONS)))}",
            )
        return int(version)

    Version = Annotated[int, Depends(protocol)]
    Authorization = Annotated[str | None, Header()]
    basic = HTTPBasic(auto_error=False)
    Basic = Annotated[HTTPBasicCredentials | None, Depends(basic)]

    def as_device(authorization: str | None, work: Callable[[Session, Device], T]) -> T:
        """Run ``work`` for the calling device in one transaction, committed before the
        answer leaves (a 200 means it is on disk)."""
        with factory.begin() as session:
            return work(session, credentials.device_for(session, authorization))

    def as_staff(creds: HTTPBasicCredentials | None, work: Callable[[Session, StaffUser], T]) -> T:
        if creds is None:
            raise Unauthorised("staff_credential_missing", "this request needs a login")
        if "\x00" in creds.username:  # PostgreSQL text cannot hold NUL: no such login
            raise Unauthorised("staff_credential_invalid", "login or password not valid")
        with factory.begin() as session:
            return work(session, credentials.staff_for(session, creds.username, creds.password))

    # ------------------------------------------------------------ routes
    @app.get("/v1/health")
    def health() -> dict[str, object]:
        return {"status": "ok", "protocol_versions": sorted(SUPPORTED_VERSIONS)}

    @app.post("/v1/enrol", status_code=201)
    def enrol(body: EnrolRequest, _version: Version) -> EnrolResponse:
        with factory.begin() as session:
            return credentials.enrol(session, body)

    @app.post("/v1/hello")
    def hello(
        body: HelloRequest, version: Version, authorization: Authorization = None
    ) -> HelloResponse:
        return as_device(authorization, lambda s, d: exchange.hello(s, d, body, version))

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
        return _json(
            as_device(authorization, lambda s, d: exchange.pull(s, d, cursor, limit, epoch))
        )

    @app.get("/v1/staff/referrals")
    def staff_referrals(
        creds: Basic, status: Annotated[str | None, Query(max_length=20, pattern=NO_NUL)] = None
    ) -> list[StaffReferral]:
        return as_staff(creds, lambda s, u: referrals.listing(s, u, status))

    @app.post("/v1/staff/referrals/{number}/status")
    def staff_status(
        number: Annotated[str, Path(max_length=32, pattern=NO_NUL)],
        body: StatusUpdate,
        creds: Basic,
    ) -> StaffReferral:
        return as_staff(creds, lambda s, u: referrals.change_status(s, u, number, body))

    @app.get("/v1/staff/duplicates")
    def staff_duplicates(creds: Basic) -> list[StaffDuplicate]:
        return as_staff(creds, approvals.pending)

    @app.post("/v1/staff/duplicates/{flag_id}/approve")
    def staff_approve(
        flag_id: Annotated[str, Path(max_length=36, pattern=UUID_PATTERN)],
        body: MergeApprovalRequest,
        creds: Basic,
    ) -> StaffDuplicate:
        return as_staff(creds, lambda s, u: duplicates.approve_central(s, u, flag_id, body))

    app.state.instance = secrets.token_hex(4)  # tells restarts apart in tests and logs
    return app
