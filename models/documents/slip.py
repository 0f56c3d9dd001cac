"""Referral slip: where to go, when and what to bring, in the person's language and Italian."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.documents.catalog import Catalog, catalog
from models.documents.document import Document, person_name, pick_language
from models.documents.layout import ACCENT, MUTED, Block, Writer
from models.documents.text import is_rtl
from models.lookup import live_person, live_row
from models.roles import Actor
from models.schema import Desk, Operator, Referral, Service

PRINT = "print"  # audit action
MWC_HOURS = "Lun, Mar, Gio, Ven 9:00–17:00; Mer 9:00–13:00"


def referral_slip(
    session: Session, actor: Actor, referral_id: str, language: str | None = None
) -> Document:
    """The slip of one referral. ``language`` None: the person's preferred language.

    Raises ``PermissionDenied`` without ``documents.print``, ``NotFound`` for an unknown or
    removed referral or person, ``ValidationFailed`` for a language without a catalog.
    """
    actor.require("person.read")
    actor.require("documents.print")
    referral = live_row(session, Referral, referral_id)
    person = live_person(session, referral.person_id)
    lang = pick_language(language, person)
    service = session.scalar(select(Service).where(Service.code == referral.target_service))
    desk = session.scalar(select(Desk).where(Desk.code == referral.from_desk))
    operator = session.get(Operator, referral.created_by)

    name = person_name(person, lang)
    languages = [lang] if lang == "it" else [lang, "it"]
    columns = {code: _column(catalog(code), referral, service, name) for code in languages}
    desk_name = desk.name if desk is not None else referral.from_desk
    operator_name = (operator.display_name or operator.login) if operator else referral.created_by

    writer = Writer(lang, f"Referral {referral.number}")
    _title(writer, languages, referral.number)
    for index in range(len(columns[lang])):
        first = columns[lang][index]
        second = columns["it"][index] if lang != "it" else []
        writer.row(first, second)
        writer.rule(3)
    when = (referral.created_at or datetime.now()).strftime("%d/%m/%Y")
    writer.row(
        *_pair(
            languages,
            lambda cat: [
                Block(cat.t("slip.referred_by"), 8, True, MUTED),
                Block(
                    cat.t("slip.referred_line", desk=desk_name, operator=operator_name, date=when)
                ),
            ],
        )
    )
    writer.space(4)
    writer.row(*_pair(languages, lambda cat: [Block(cat.t("slip.qr_note"), 8, False, MUTED)]))
    pdf, pages = writer.finish()
    audit.record(session, actor.login, PRINT, "referrals", referral.id, "referral_slip:" + lang)
    return Document(
        kind="referral_slip",
        language=lang,
        pdf=pdf,
        pages=pages,
        suggested_name=f"referral-{referral.number}.pdf",
    )


def _pair(languages: list[str], make: object) -> tuple[list[Block], list[Block]]:
    assert callable(make)
    first = make(catalog(languages[0]))
    second = make(catalog(languages[1])) if len(languages) > 1 else []
    return first, second


def _title(writer: Writer, languages: list[str], number: str) -> None:
    qr_size = 30 * 4.0  # points
    top = writer.y
    qr_x = writer.left if is_rtl(writer.language) else writer.right - qr_size
    writer.qr(number, qr_x, top - qr_size, qr_size)
    saved_left, saved_right = writer.left, writer.right
    if is_rtl(writer.language):
        writer.left += qr_size + 10
    else:
        writer.right -= qr_size + 10
    for code in languages:
        cat = catalog(code)
        writer.paragraph(cat.t("slip.title"), 16, True, ACCENT, language=code, space_after=0)
    writer.space(6)
    for code in languages:
        writer.paragraph(
            catalog(code).t("slip.number"), 8, True, MUTED, language=code, space_after=0
        )
    writer.paragraph(number, 20, True, language="it", space_after=0)
    writer.left, writer.right = saved_left, saved_right
    writer.y = min(writer.y, top - qr_size) - 6
    writer.rule(2)


def _column(
    cat: Catalog, referral: Referral, service: Service | None, name: str
) -> list[list[Block]]:
    """The slip's sections in one language, one list of blocks per section."""
    italian = cat.language == "it"
    code = referral.target_service
    if service is None:
        service_name, provider, address, hours, contact, bring = code, "", "", "", "", []
    else:
        fallback = service.name_it if italian else service.name_en
        service_name = service.name_it if italian else cat.get(f"service.{code}", fallback)
        provider, address, contact = service.provider, service.address, service.contact
        hours = service.hours
        if hours == MWC_HOURS:
            hours = cat.t("hours.mwc")
        bring = [cat.get(f"bring.{c}", str(c).replace("_", " ")) for c in service.what_to_bring]

    def label(key: str) -> Block:
        return Block(cat.t(key), 8, True, MUTED, 1)

    where = [label("slip.service"), Block(service_name, 12, True)]
    if provider and provider not in service_name:
        where.append(Block(provider, 9.5))
    if address:
        where += [label("slip.address"), Block(address, 10)]
    if hours:
        where += [label("slip.hours"), Block(hours, 10)]
    if contact:
        where += [label("slip.contact"), Block(contact, 9.5)]

    appointment = [label("slip.appointment")]
    if referral.appointment_at is not None:
        at = referral.appointment_at
        when = cat.t(
            "slip.appointment_when",
            weekday=cat.t(f"weekday.{at.weekday()}"),
            date=at.strftime("%d/%m/%Y"),
            time=at.strftime("%H:%M"),
        )
        appointment.append(Block(when, 12, True))
        if referral.appointment_place:
            appointment.append(Block(referral.appointment_place, 10))
    else:
        appointment.append(Block(cat.t("slip.no_appointment"), 9.5))

    bring_blocks = [label("slip.bring")]
    if bring:
        bring_blocks += [Block("• " + item, 10, space_after=1) for item in bring]
    else:
        bring_blocks.append(Block(cat.t("slip.bring_none"), 10))

    return [
        [label("slip.name"), Block(name, 13, True)],
        where,
        appointment,
        bring_blocks,
    ]
