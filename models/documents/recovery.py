"""The recovery key sheet printed once at desk set-up."""

from __future__ import annotations

from datetime import date

from models.documents.catalog import catalog
from models.documents.document import Document, pick_language
from models.documents.layout import ACCENT, INK, MUTED, Writer


def recovery_sheet(
    desk_code: str, desk_name: str, recovery_key: str, language: str = "it"
) -> Document:
    """A one-page sheet with the desk's recovery key, to keep sealed and away from the PC.

    The key is never logged; the file name carries only the desk code.
    """
    lang = pick_language(language, None)
    cat = catalog(lang)
    writer = Writer(lang, f"Recovery key {desk_code}")
    writer.paragraph(cat.t("recovery.title"), 18, True, ACCENT, space_after=8)
    writer.paragraph(cat.t("recovery.desk"), 8, True, MUTED, space_after=0)
    writer.paragraph(f"{desk_name} ({desk_code})", 13, True, space_after=8)
    writer.paragraph(cat.t("recovery.key"), 8, True, MUTED, space_after=2)
    # Groups of four characters on short lines: easy to read aloud and type back.
    key = recovery_key.strip()
    groups = [key[i : i + 4] for i in range(0, len(key), 4)] if " " not in key else key.split()
    for start in range(0, len(groups), 6):
        writer.paragraph(" ".join(groups[start : start + 6]), 17, True, INK, "en", space_after=3)
    writer.space(8)
    writer.paragraph(cat.t("recovery.instructions"), 10.5, space_after=6)
    writer.paragraph(
        cat.t("recovery.date", date=date.today().strftime("%d/%m/%Y")), 9, False, MUTED
    )
    pdf, pages = writer.finish()
    return Document(
        kind="recovery_sheet",
        language=lang,
        pdf=pdf,
        pages=pages,
        suggested_name=f"recovery-key-{desk_code}.pdf",
    )
