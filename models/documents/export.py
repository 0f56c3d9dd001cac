"""Personal data export (GDPR art. 15 and 20): a PDF for the person and JSON for machines.

Built on :func:`models.gdpr.export_person`, which checks the role, withholds legal
consultation content from anyone but a legal advisor and audits the export: this module
only lays the result out.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from models.documents.catalog import catalog
from models.documents.document import Document, pick_language
from models.documents.layout import ACCENT, INK, MUTED, Writer, printable
from models.gdpr import export_person
from models.lookup import live_person
from models.roles import Actor

SECTIONS = (
    "person",
    "merged_records",
    "household",
    "documents",
    "vulnerabilities",
    "visits",
    "needs",
    "referrals",
    "consents",
    "consultations",
    "audit",
)
_SKIP = frozenset({"person_id", "origin_desk", "hlc", "deleted"})


def data_export(
    session: Session, actor: Actor, person_id: str, language: str | None = None
) -> Document:
    """Everything held about one person, as a PDF (``pdf``) and JSON (``data``).

    Raises what ``export_person`` raises (``PermissionDenied``, ``NotFound``).
    """
    person = live_person(session, person_id)
    lang = pick_language(language, person)
    doc = export_person(session, actor, person_id)
    cat = catalog(lang)

    writer = Writer(lang, "Personal data export")
    writer.paragraph(cat.t("export.title"), 16, True, ACCENT, space_after=2)
    writer.paragraph(
        cat.t("export.generated", date=doc["exported_at"][:10], desk=doc["desk"]), 8, False, MUTED
    )
    writer.paragraph(cat.t("export.intro"), 9.5, space_after=4)
    if doc["consultations_content_withheld"]:
        writer.paragraph(cat.t("export.withheld"), 9.5, True, space_after=4)
    for section in SECTIONS:
        value = doc[section]
        rows = [value] if isinstance(value, dict) else list(value)
        writer.space(4)
        writer.paragraph(cat.t(f"export.section.{section}"), 11.5, True, ACCENT, space_after=2)
        if not rows:
            writer.paragraph(cat.t("export.empty"), 9, False, MUTED)
            continue
        for row in rows:
            _row(writer, row, lang, 0)
            writer.rule(2)
    pdf, pages = writer.finish()
    data = json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8")
    return Document(
        kind="data_export",
        language=lang,
        pdf=pdf,
        pages=pages,
        suggested_name=f"personal-data-export-{doc['exported_at'][:10]}.pdf",
        data=data,
    )


def _row(writer: Writer, row: dict[str, Any], language: str, depth: int) -> None:
    for key, value in row.items():
        if key in _SKIP or value in (None, "", [], {}):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            writer.paragraph(key, 8.5, True, MUTED, indent=depth * 12)
            for item in value:
                _row(writer, item, language, depth + 1)
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        text, _ = printable(f"{key}: {value}", language)
        writer.paragraph(text, 8.5, False, INK, indent=depth * 12, space_after=0.5)
