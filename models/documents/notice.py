"""Consent and privacy notice (GDPR art. 13), with the consent boxes and signature lines."""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from sqlalchemy.orm import Session

from models import audit
from models.documents.catalog import Catalog, catalog
from models.documents.document import Document, person_name, pick_language
from models.documents.layout import ACCENT, INK, MUTED, Writer
from models.documents.slip import PRINT
from models.documents.text import is_rtl
from models.languages import NOTICE_VERSION
from models.lookup import live_person
from models.roles import Actor
from models.schema import Person

PURPOSES = ("processing", "sharing", "contact_phone")
LINE = 90 * mm  # signature line length


def consent_notice(
    session: Session, actor: Actor, person_id: str | None, language: str | None = None
) -> Document:
    """The privacy notice in the person's language, then in Italian, to sign.

    ``person_id`` None prints a blank notice (at intake, before the person is saved); it
    is then in ``language``, or English when that is None. Consent records refer to
    :data:`NOTICE_VERSION`, printed on every page.
    """
    actor.require("documents.print")
    person: Person | None = None
    if person_id is not None:
        actor.require("person.read")
        person = live_person(session, person_id)
    lang = pick_language(language, person)
    name = person_name(person, lang) if person is not None else ""

    writer = Writer(lang, f"Privacy notice {NOTICE_VERSION} ({lang})")
    _notice(writer, catalog(lang), name)
    if lang != "it":
        writer.new_page()
        writer.paragraph(catalog("it").t("notice.italian_version"), 8, True, MUTED, "it")
        _notice(writer, catalog("it"), name)
    pdf, pages = writer.finish()
    if person is not None:
        audit.record(session, actor.login, PRINT, "persons", person.id, "consent_notice:" + lang)
    return Document(
        kind="consent_notice",
        language=lang,
        pdf=pdf,
        pages=pages,
        suggested_name=f"privacy-notice-{NOTICE_VERSION}-{lang}.pdf",
    )


def _notice(writer: Writer, cat: Catalog, name: str) -> None:
    code = cat.language
    saved = writer.language
    writer.language = code

    def heading(key: str) -> None:
        writer.space(3)
        writer.paragraph(cat.t(key), 11, True, ACCENT, code, space_after=1)

    def body(text: str, size: float = 9.5) -> None:
        writer.paragraph(text, size, False, INK, code, space_after=3)

    writer.paragraph(cat.t("notice.title"), 15, True, ACCENT, code, space_after=1)
    writer.paragraph(cat.t("notice.version", version=NOTICE_VERSION), 8, False, MUTED, code)
    body(cat.t("notice.intro"))
    heading("notice.controller_h")
    body(cat.t("notice.controller"))
    heading("notice.what_h")
    body(cat.t("notice.what"))
    heading("notice.purposes_h")
    for purpose in PURPOSES:
        body("• " + cat.t(f"notice.purpose.{purpose}"))
    body(cat.t("notice.basis"))
    heading("notice.retention_h")
    body(cat.t("notice.retention"))
    heading("notice.rights_h")
    body(cat.t("notice.rights"))
    heading("notice.exercise_h")
    body(cat.t("notice.exercise"))

    heading("notice.consent_h")
    box = 9.0
    for purpose in PURPOSES:
        lines = writer.lines_for(cat.t(f"notice.consent.{purpose}"), 9.5, box + 6)
        writer.ensure(sum(line.height for line in lines) + 4)
        top = writer.y
        box_x = writer.right - box if is_rtl(code) else writer.left
        writer.canvas.setStrokeColor(INK)
        writer.canvas.setLineWidth(0.8)
        writer.canvas.rect(box_x, top - box - 3, box, box, stroke=1, fill=0)
        writer.paragraph(cat.t(f"notice.consent.{purpose}"), 9.5, False, INK, code, box + 6)
        writer.space(3)

    writer.space(8)
    writer.ensure(3 * 36)  # the three signature lines stay together
    for key, value in (("notice.person", name), ("notice.signature", ""), ("notice.date", "")):
        writer.ensure(34)
        writer.paragraph(cat.t(key), 8, True, MUTED, code, space_after=0)
        if value:
            writer.paragraph(value, 11, False, INK, code, space_after=0)
        else:
            writer.space(16)
        writer.canvas.setStrokeColor(MUTED)
        writer.canvas.setLineWidth(0.5)
        x0 = writer.right - LINE if is_rtl(code) else writer.left
        writer.canvas.line(x0, writer.y, x0 + LINE, writer.y)
        writer.space(10)
    writer.language = saved
