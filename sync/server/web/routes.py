"""The MWC web workspace: server-rendered pages under ``/mwc/`` of the central server.

Plain HTML forms (no script at all: the Content-Security-Policy forbids every script), Jinja2
templates, Italian by default and English (``i18n.py``). Every action goes through the
functions the staff API calls (``sync.server.referrals``, ``duplicates``, ``admin``), with
their rules and their audit; nothing here decides what a status may become.

Security:
- sign-in with the staff accounts and the API's check (``staff_auth.verify``: the same
  password hashes, throttle and audit); the sign-in form carries its own CSRF token
  (double submit: a SameSite=Strict cookie and the form field);
- a server-side session (``sessions.py``) in an HttpOnly, SameSite=Strict cookie scoped to
  ``/mwc``, Secure over TLS; ended by signing out, 15 idle minutes, 10 hours, or disabling
  the user;
- every POST checks the session's CSRF token (synchronizer token) before anything else;
- pages are never cached (``no-store``), never framed, and send no referrer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import quote
from zoneinfo import ZoneInfo

import jinja2
from fastapi import APIRouter, FastAPI, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from models.errors import ValidationFailed
from models.indicators import CUSTOM, LAST_12_MONTHS, PRESETS, Period, preset, today_in_milan
from models.referrals import CENTRAL_STATUSES, OVERDUE_AFTER_DAYS
from sync.entities import NO_NUL
from sync.protocol import UUID_PATTERN, MergeApprovalRequest, StatusUpdate
from sync.server import admin, audit, duplicates, legal_keys, referrals, staff_auth
from sync.server import indicators as citywide
from sync.server.database import reader_factory
from sync.server.errors import Forbidden, NotFound, Refused, TooManyAttempts
from sync.server.schema import StaffUser
from sync.server.web import figures, i18n, sessions, views
from sync.server.web.sessions import Signed

log = logging.getLogger(__name__)
T = TypeVar("T")

PREFIX = "/mwc"
HERE = Path(__file__).parent
ROME = ZoneInfo("Europe/Rome")
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
Number = Annotated[str, PathParam(max_length=32, pattern=NO_NUL)]
Choice = Annotated[str, Query(max_length=32, pattern=NO_NUL)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Field = Annotated[str, Form(max_length=4000)]


class SignInNeeded(Exception):
    """No valid session: to the sign-in page (then back to ``next``)."""

    def __init__(self, next_path: str, expired: bool) -> None:
        super().__init__(next_path)
        self.next_path = next_path
        self.expired = expired


class PageError(Exception):
    """A page refused as a whole (403, 404, a form without its CSRF token)."""

    def __init__(self, status: int, code: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code


class SecurityHeaders:
    """The headers of every ``/mwc`` answer (pages, static files, errors, redirects)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith(PREFIX):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)


def safe_next(value: str | None) -> str:
    """A path of this workspace to go back to, or the inbox (never another site)."""
    if (
        not value
        or len(value) > 300
        or not value.startswith(PREFIX + "/")
        or "//" in value
        or "\\" in value
        or any(ord(c) < 32 or ord(c) == 127 for c in value)
    ):
        return PREFIX + "/inbox"
    return value


def _source(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _lang(request: Request) -> str:
    lang = request.cookies.get(sessions.LANG_COOKIE, "")
    return lang if lang in i18n.LANGS else i18n.DEFAULT


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _utc_to_rome(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=ZoneInfo("UTC")).astimezone(ROME)


class Web:
    """The routes, bound to one database (``factory``)."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory
        bind = factory.kw.get("bind")
        # long reads (the indicators) take no write lock on SQLite
        self.reader = reader_factory(bind) if bind is not None else factory
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.router = APIRouter(include_in_schema=False)
        self._routes()

    # ------------------------------------------------------------- rendering
    def render(
        self,
        request: Request,
        template: str,
        signed: Signed | None = None,
        status: int = 200,
        **context: Any,
    ) -> HTMLResponse:
        lang = _lang(request)
        t = i18n.translator(lang)
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        html = self.env.get_template(template).render(
            _=t,
            lang=lang,
            prefix=PREFIX,
            here=safe_next(here),
            signed=signed,
            csrf=signed.csrf if signed is not None else "",
            section=context.pop("section", ""),
            idle_seconds=int(sessions.IDLE.total_seconds()),
            idle_minutes=int(sessions.IDLE.total_seconds() // 60),
            status_label=lambda s: t(i18n.STATUS.get(s, s)),
            urgency_label=lambda s: t(i18n.URGENCY.get(s, s)),
            role_label=lambda s: t(i18n.ROLES.get(s, s)),
            languages=lambda codes: ", ".join(i18n.language_name(lang, c) for c in codes),
            author=lambda by: (
                by[len("mwc:") :] + " (" + t("Welcome Center") + ")"
                if by.startswith("mwc:")
                else t("desk")
            ),
            date=lambda v: (lambda d: d.strftime("%d/%m/%Y") if d else "")(_utc_to_rome(v)),
            when=lambda v: (lambda d: d.strftime("%d/%m/%Y %H:%M") if d else "")(_utc_to_rome(v)),
            local=lambda v: v.strftime("%d/%m/%Y %H:%M") if v else "",
            **context,
        )
        return HTMLResponse(html, status_code=status)

    def message(
        self,
        request: Request,
        status: int,
        heading: str,
        text: str,
        signed: Signed | None = None,
        link: str = "",
        link_text: str = "",
    ) -> HTMLResponse:
        t = i18n.translator(_lang(request))
        return self.render(
            request,
            "message.html",
            signed,
            status,
            heading=t(heading),
            text=t(text),
            alert=status >= 400,
            link=link,
            link_text=t(link_text) if link_text else "",
        )

    def error_page(self, request: Request, status: int, code: str = "") -> HTMLResponse:
        heading, text = i18n.PAGE_ERRORS.get(
            code or str(status), i18n.PAGE_ERRORS.get(str(status), i18n.PAGE_ERRORS["500"])
        )
        return self.message(
            request, status, heading, text, link=PREFIX + "/inbox", link_text="Go to the referrals"
        )

    # ------------------------------------------------------------- sessions
    def signed(self, session: Session, request: Request, csrf: str | None = None) -> Signed:
        """The request's session, or ``SignInNeeded``; with ``csrf`` (every POST), the
        form's token must be the session's."""
        found = sessions.current(session, request.cookies.get(sessions.COOKIE))
        if found is None:
            path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            expired = sessions.COOKIE in request.cookies
            raise SignInNeeded(safe_next(path if request.method == "GET" else None), expired)
        if csrf is not None and not sessions.same(csrf, found.csrf):
            raise PageError(403, "csrf")
        return found

    def work(
        self, request: Request, run: Callable[[Session, Signed], T], csrf: str | None = None
    ) -> T:
        """``run`` for the signed-in user in one transaction; refusals that end the page
        (not found, not allowed) become ``PageError``."""
        try:
            with self.factory.begin() as session:
                return run(session, self.signed(session, request, csrf))
        except (NotFound, Forbidden) as exc:
            raise PageError(exc.status, exc.code) from exc
        except SignInNeeded:  # expired, or its user disabled: gone for good
            with self.factory.begin() as session:
                sessions.end(session, request.cookies.get(sessions.COOKIE))
            raise

    # ------------------------------------------------------------- routes
    def _routes(self) -> None:
        """Every page and form of the workspace."""
        r = self.router

        @r.get("/", response_class=RedirectResponse)
        def home() -> RedirectResponse:
            return RedirectResponse(PREFIX + "/inbox", status_code=303)

        @r.get("/lang/{code}")
        def language(
            code: Annotated[str, PathParam(max_length=5)], request: Request, next: str = ""
        ) -> Response:
            answer = RedirectResponse(safe_next(next), status_code=303)
            if code in i18n.LANGS:
                answer.set_cookie(
                    sessions.LANG_COOKIE,
                    code,
                    max_age=365 * 86400,
                    path=PREFIX,
                    secure=_secure(request),
                    httponly=True,
                    samesite="strict",
                )
            return answer

        @r.get("/signin")
        def signin_form(
            request: Request, next: str = "", bye: str = "", expired: str = ""
        ) -> Response:
            with self.factory.begin() as session:
                if sessions.current(session, request.cookies.get(sessions.COOKIE)) is not None:
                    return RedirectResponse(safe_next(next), status_code=303)
            t = i18n.translator(_lang(request))
            notice = t("You have signed out.") if bye else ""
            if expired:
                notice = t("Your session has ended. Sign in again.")
            return self._signin_page(request, next=next, notice=notice)

        @r.post("/signin")
        def signin(
            request: Request,
            login: Annotated[str, Form(max_length=64)] = "",
            password: Annotated[str, Form(max_length=200)] = "",
            csrf: Annotated[str, Form(max_length=100)] = "",
            next: Annotated[str, Form(max_length=300)] = "",
        ) -> Response:
            t = i18n.translator(_lang(request))
            if not sessions.same(csrf, request.cookies.get(sessions.PRE_COOKIE, "")):
                return self._signin_page(
                    request,
                    next=next,
                    login=login,
                    status=403,
                    error=t("The form had expired. Sign in again."),
                )
            try:
                who = staff_auth.verify(self.factory, login, password, _source(request))
            except TooManyAttempts as exc:
                page = self._signin_page(
                    request,
                    next=next,
                    login=login,
                    status=429,
                    error=t(
                        "Too many failed attempts: try again in {seconds} seconds.",
                        seconds=exc.retry_after,
                    ),
                )
                page.headers["Retry-After"] = str(exc.retry_after)
                return page
            except Refused:
                return self._signin_page(
                    request,
                    next=next,
                    login=login,
                    status=401,
                    error=t("Login or password not valid."),
                )
            with self.factory.begin() as session:
                user = session.get(StaffUser, who)
                if user is None or not user.active:  # disabled since the password was checked
                    return self._signin_page(
                        request,
                        next=next,
                        login=login,
                        status=401,
                        error=t("Login or password not valid."),
                    )
                legal_keys.ensure_staff_key(session, user, password)
                token = sessions.start(session, who)
                audit.by_staff(session, user, "web_signin", detail=f"from {_source(request)}")
            answer = RedirectResponse(safe_next(next), status_code=303)
            answer.set_cookie(
                sessions.COOKIE,
                token,
                path=PREFIX,
                secure=_secure(request),
                httponly=True,
                samesite="strict",
            )
            answer.delete_cookie(sessions.PRE_COOKIE, path=PREFIX)
            return answer

        @r.post("/signout")
        def signout(request: Request, csrf: Field = "") -> Response:
            def run(session: Session, signed: Signed) -> None:
                sessions.end(session, request.cookies.get(sessions.COOKIE))
                audit.by_staff(session, signed.user, "web_signout")

            self.work(request, run, csrf)
            answer = RedirectResponse(PREFIX + "/signin?bye=1", status_code=303)
            answer.delete_cookie(sessions.COOKIE, path=PREFIX)
            return answer

        @r.get("/expired")
        def expired(request: Request) -> Response:
            return self.message(
                request,
                200,
                "Page closed",
                "This page was closed after 15 minutes without activity, so that no personal "
                "data stays on an unattended screen.",
                link=PREFIX + "/inbox",
                link_text="Go to the referrals",
            )

        @r.get("/inbox")
        def inbox(request: Request, view: str = "open", service: str = "") -> Response:
            view = view if view in views.VIEWS else "open"
            lang = _lang(request)
            t = i18n.translator(lang)

            def run(session: Session, signed: Signed) -> Response:
                user = signed.user
                names = views.service_names(session, lang)
                mine = sorted(names) if user.role == "coordinator" else list(user.services)
                chosen = service if service in mine else ""
                return self.render(
                    request,
                    "inbox.html",
                    signed,
                    section="inbox",
                    rows=views.inbox(session, user, view, date.today(), chosen),
                    counts=views.counts(session, user),
                    view=view,
                    service=chosen,
                    view_labels=[(k, t(i18n.VIEWS[k])) for k in views.VIEWS],
                    caption=t(i18n.VIEW_CAPTIONS[view]),
                    service_choices=[(c, names.get(c, c)) for c in mine],
                    my_services=", ".join(names.get(c, c) for c in user.services),
                    services=names,
                    desks=views.desk_names(session),
                )

            return self.work(request, run)

        @r.get("/referrals/{number}")
        def referral(request: Request, number: Number, done: str = "") -> Response:
            return self._referral_page(request, number, done=done)

        @r.post("/referrals/{number}/status")
        def change_status(
            request: Request,
            number: Number,
            csrf: Field = "",
            status: Annotated[str, Form(max_length=20)] = "",
            note: Field = "",
            date_: Annotated[str, Form(alias="date", max_length=10)] = "",
            time_: Annotated[str, Form(alias="time", max_length=8)] = "",
            place: Annotated[str, Form(max_length=300)] = "",
        ) -> Response:
            form = {"date": date_, "time": time_, "place": place}
            self.work(request, lambda _s, _u: None, csrf)  # the token first, then the rest
            try:
                update = _status_update(status, note, date_, time_, place)
            except ValueError as exc:
                return self._referral_page(request, number, error=str(exc), status=400, form=form)
            try:
                self.work(
                    request,
                    lambda s, signed: referrals.change_status(s, signed.user, number, update),
                    csrf,
                )
            except Refused as exc:
                return self._referral_page(
                    request, number, error=exc.code, status=exc.status, form=form
                )
            path = f"{PREFIX}/referrals/{quote(number)}?done={status}"
            return RedirectResponse(path, status_code=303)

        @r.post("/referrals/{number}/note")
        def add_note(
            request: Request, number: Number, csrf: Field = "", note: Field = ""
        ) -> Response:
            try:
                self.work(
                    request,
                    lambda s, signed: referrals.add_note(s, signed.user, number, note),
                    csrf,
                )
            except Refused as exc:
                return self._referral_page(request, number, error=exc.code, status=exc.status)
            return RedirectResponse(
                f"{PREFIX}/referrals/{quote(number)}?done=note", status_code=303
            )

        @r.get("/coordination")
        def coordination(request: Request, done: str = "") -> Response:
            return self._coordination_page(request, done=done)

        @r.post("/duplicates/{flag_id}/approve")
        def approve(
            request: Request,
            flag_id: Annotated[str, PathParam(max_length=36, pattern=UUID_PATTERN)],
            csrf: Field = "",
            survivor: Annotated[str, Form(max_length=36)] = "",
        ) -> Response:
            self.work(request, lambda _s, _u: None, csrf)
            try:
                body = MergeApprovalRequest(survivor=survivor)
            except ValidationError:
                return self._coordination_page(request, error="survivor_not_in_pair", status=400)
            try:
                self.work(
                    request,
                    lambda s, signed: duplicates.approve_central(s, signed.user, flag_id, body),
                    csrf,
                )
            except Refused as exc:
                return self._coordination_page(request, error=exc.code, status=exc.status)
            return RedirectResponse(PREFIX + "/coordination?done=approved", status_code=303)

        @r.get("/indicators")
        def indicators_page(
            request: Request,
            period: Choice = "",
            start: Choice = "",
            end: Choice = "",
            shown_start: Choice = "",
            shown_end: Choice = "",
            desk: Choice = "",
        ) -> Response:
            choice = _period_choice(period, start, end, shown_start, shown_end)
            return self._indicators_page(request, choice, desk)

        @r.get("/indicators.xlsx")
        def indicators_sheet(
            request: Request,
            period: Choice = "",
            start: Choice = "",
            end: Choice = "",
            desk: Choice = "",
        ) -> Response:
            choice = _period_choice(period, start, end, "", "")
            return self._indicators_page(request, choice, desk, sheet=True)

        @r.get("/staff")
        def staff(request: Request, done: str = "") -> Response:
            return self._staff_page(request, done=done)

        @r.post("/staff/{login}/active")
        def set_active(
            request: Request,
            login: Annotated[str, PathParam(max_length=64, pattern=NO_NUL)],
            csrf: Field = "",
            active: Annotated[str, Form(max_length=1)] = "",
        ) -> Response:
            def run(session: Session, signed: Signed) -> str:
                _coordinator(signed.user)
                target = session.get(StaffUser, login)
                if target is None:
                    raise NotFound("user_unknown", "no user has this login")
                if target.role != "mwc_staff" or target.login == signed.user.login:
                    raise Forbidden("staff_role", "coordinators manage MWC staff accounts only")
                admin.set_active(
                    session, login, active == "1", by=signed.user.login, by_kind=audit.STAFF
                )
                return "enabled" if active == "1" else "disabled"

            done = self.work(request, run, csrf)
            return RedirectResponse(f"{PREFIX}/staff?done={done}", status_code=303)

    # ------------------------------------------------------------- pages
    def _signin_page(
        self,
        request: Request,
        status: int = 200,
        next: str = "",
        login: str = "",
        error: str = "",
        notice: str = "",
    ) -> HTMLResponse:
        token = sessions.new_token()
        page = self.render(
            request,
            "signin.html",
            None,
            status,
            form_csrf=token,
            next=safe_next(next),
            login=login,
            error=error,
            notice=notice,
        )
        page.set_cookie(
            sessions.PRE_COOKIE,
            token,
            max_age=3600,
            path=PREFIX,
            secure=_secure(request),
            httponly=True,
            samesite="strict",
        )
        return page

    def _referral_page(
        self,
        request: Request,
        number: str,
        done: str = "",
        error: str = "",
        status: int = 200,
        form: dict[str, str] | None = None,
    ) -> Response:
        lang = _lang(request)
        t = i18n.translator(lang)

        def run(session: Session, signed: Signed) -> Response:
            found = views.detail(session, signed.user, number, date.today())
            return self.render(
                request,
                "referral.html",
                signed,
                status,
                section="inbox",
                d=found,
                done=t(i18n.DONE[done]) if done in i18n.DONE else "",
                error=t(i18n.ERRORS.get(error, i18n.ERRORS["refused"])) if error else "",
                move_labels={s: t(i18n.MOVES[s]) for s in CENTRAL_STATUSES},
                form=form or {"date": "", "time": "", "place": ""},
                services=views.service_names(session, lang),
                desks=views.desk_names(session),
            )

        return self.work(request, run)

    def _coordination_page(
        self, request: Request, done: str = "", error: str = "", status: int = 200
    ) -> Response:
        lang = _lang(request)
        t = i18n.translator(lang)

        def run(session: Session, signed: Signed) -> Response:
            _coordinator(signed.user)
            return self.render(
                request,
                "coordination.html",
                signed,
                status,
                section="coordination",
                o=views.overview(session, signed.user, date.today()),
                bands=views.AGE_BANDS,
                open_statuses=views.VIEWS["open"],
                overdue_days=OVERDUE_AFTER_DAYS,
                done=t(i18n.DONE[done]) if done in i18n.DONE else "",
                error=t(i18n.ERRORS.get(error, i18n.ERRORS["refused"])) if error else "",
                services=views.service_names(session, lang),
                desks=views.desk_names(session),
            )

        return self.work(request, run)

    def _indicators_page(
        self, request: Request, choice: PeriodChoice, desk: str, sheet: bool = False
    ) -> Response:
        """The city-wide indicators (coordinators), or their spreadsheet."""
        lang = _lang(request)
        t = i18n.translator(lang)
        today = today_in_milan()

        def allowed(session: Session, signed: Signed) -> Signed:
            _coordinator(signed.user)
            return signed

        signed = self.work(request, allowed)
        period = choice.period(today)
        with self.reader.begin() as session:
            if session.get_bind().dialect.name == "postgresql":  # one snapshot for the page
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            desk_list = citywide.desks(session)
            chosen = desk if desk in dict(desk_list) else ""
            report = (
                citywide.compute(session, period, chosen or None, today)
                if period is not None
                else None
            )
            syncs = citywide.last_syncs(session)
        if report is not None:
            detail = f"{report.period.start}..{report.period.end} {chosen or 'all'}"
            action = "indicators_exported" if sheet else "indicators_viewed"
            self.work(request, lambda s, who: audit.by_staff(s, who.user, action, detail=detail))
        heading = _indicator_heading(report, dict(desk_list), t) if report is not None else []
        notes = [t(note) for note in i18n.INDICATOR_NOTES]
        shown = figures.tables(report, lang, t) if report is not None else []
        if sheet:
            if report is None:
                return self.error_page(request, 400)
            dates = f"{report.period.start}-{report.period.end}"
            name = f"arco-city-indicators-{chosen or 'all'}-{dates}"
            return Response(
                figures.xlsx(heading, notes, shown),
                media_type=XLSX,
                headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
            )
        shown_period = period or preset(LAST_12_MONTHS, today)
        query = "&".join(
            f"{k}={quote(v)}"
            for k, v in (
                ("period", CUSTOM),
                ("start", shown_period.start.isoformat()),
                ("end", shown_period.end.isoformat()),
                ("desk", chosen),
            )
            if v
        )
        return self.render(
            request,
            "indicators.html",
            signed,
            400 if choice.error else 200,
            section="indicators",
            report=report,
            tables=shown,
            heading=heading,
            notes=notes,
            choice=choice.key,
            start=choice.start if choice.error else shown_period.start.isoformat(),
            end=choice.end if choice.error else shown_period.end.isoformat(),
            shown_start=shown_period.start.isoformat(),
            shown_end=shown_period.end.isoformat(),
            period_choices=[(k, t(i18n.PERIODS[k])) for k in (*PRESETS, CUSTOM)],
            desk=chosen,
            desk_choices=desk_list,
            syncs=[(code, name, syncs.get(code)) for code, name in desk_list],
            sheet_query=query,
            error=t(i18n.PERIOD_ERRORS[choice.error]) if choice.error else "",
            number=lambda v: figures.format_number(v, lang),
        )

    def _staff_page(self, request: Request, done: str = "") -> Response:
        lang = _lang(request)
        t = i18n.translator(lang)

        def run(session: Session, signed: Signed) -> Response:
            _coordinator(signed.user)
            names = views.service_names(session, lang)
            return self.render(
                request,
                "staff.html",
                signed,
                section="staff",
                users=views.staff_users(session),
                service_list=lambda codes: ", ".join(names.get(c, c) for c in codes) or "—",
                done=t(i18n.DONE[done]) if done in i18n.DONE else "",
                error="",
            )

        return self.work(request, run)


def _coordinator(user: StaffUser) -> None:
    if user.role != "coordinator":
        raise Forbidden("staff_role", "only central coordinators")


@dataclass(frozen=True)
class PeriodChoice:
    """The period the indicators form asks for: a preset, or custom dates (``error``: a
    code of ``i18n.PERIOD_ERRORS`` when they are not a period)."""

    key: str  # a preset or ``custom``
    start: str = ""
    end: str = ""
    error: str = ""

    def period(self, today: date) -> Period | None:
        if self.error:
            return None
        if self.key != CUSTOM:
            return preset(self.key, today)
        return Period(date.fromisoformat(self.start), date.fromisoformat(self.end))


def _period_choice(
    period: str, start: str, end: str, shown_start: str, shown_end: str
) -> PeriodChoice:
    """The form's period. Dates changed from the ones shown (``shown_*``: hidden fields of
    the form), or ``custom`` chosen, ask for those dates; else the chosen preset (the last
    12 months by default). No script is needed to switch between the two."""
    key = period if period in (*PRESETS, CUSTOM) else LAST_12_MONTHS
    changed = (start or end) and (start, end) != (shown_start, shown_end)
    if key != CUSTOM and not changed:
        return PeriodChoice(key)
    try:
        Period(date.fromisoformat(start), date.fromisoformat(end))
    except ValueError:
        return PeriodChoice(CUSTOM, start, end, "invalid_format")
    except ValidationFailed as exc:
        return PeriodChoice(CUSTOM, start, end, exc.reason)
    return PeriodChoice(CUSTOM, start, end)


def _indicator_heading(report: Any, desk_names: dict[str, str], t: Callable[..., str]) -> list[str]:
    """Title, period, desk and making date: the top of the page's spreadsheet."""
    period = report.period
    desk = (
        t("Desk: {desk}", desk=desk_names.get(report.desk, report.desk))
        if report.desk
        else t("Desks: all")
    )
    made = _utc_to_rome(report.made_at)
    return [
        t("City-wide indicators") + " — ARCO",
        t(
            "Period: {start} to {end}",
            start=figures.format_day(period.start),
            end=figures.format_day(period.end),
        ),
        desk,
        t("Made on {date}", date=made.strftime("%d/%m/%Y %H:%M") if made else ""),
    ]


def _status_update(status: str, note: str, day: str, hour: str, place: str) -> StatusUpdate:
    """The form as the API's body; ``ValueError`` with an error code when it is incomplete."""
    note = note.strip()
    if status not in CENTRAL_STATUSES:
        raise ValueError("illegal_transition")
    if status == "declined" and not note:
        raise ValueError("reason_missing")
    at: datetime | None = None
    if status == "appointment_set":
        try:
            at = datetime.combine(date.fromisoformat(day), time.fromisoformat(hour))
        except ValueError:
            raise ValueError("appointment_missing") from None
        if not place.strip():
            raise ValueError("place_missing")
    try:
        return StatusUpdate.model_validate(
            {
                "status": status,
                "note": note,
                "appointment_at": at,
                "appointment_place": place.strip() if at else "",
            }
        )
    except ValidationError:
        raise ValueError("invalid_form") from None


def mount(app: FastAPI, factory: sessionmaker[Session]) -> Web:
    """Serve the workspace under ``/mwc`` of ``app``."""
    web = Web(factory)
    app.include_router(web.router, prefix=PREFIX)
    app.mount(PREFIX + "/static", StaticFiles(directory=HERE / "static"), name="mwc-static")
    app.add_middleware(SecurityHeaders)

    async def sign_in_needed(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInNeeded)
        query = "next=" + quote(exc.next_path, safe="/")
        if exc.expired:
            query += "&expired=1"
        answer = RedirectResponse(f"{PREFIX}/signin?{query}", status_code=303)
        answer.delete_cookie(sessions.COOKIE, path=PREFIX)
        return answer

    async def page_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PageError)
        return web.error_page(request, exc.status, exc.code)

    app.add_exception_handler(SignInNeeded, sign_in_needed)
    app.add_exception_handler(PageError, page_error)
    return web


def is_web(path: str) -> bool:
    """Whether a request path belongs to the workspace (its errors are pages, not JSON)."""
    return path == PREFIX or path.startswith(PREFIX + "/")
