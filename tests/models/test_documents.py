"""Printed documents: referral slips, privacy notices, data exports, recovery sheets.

Every PDF is checked the way a reader meets it: poppler opens it and counts its pages,
lists its fonts (all embedded and subset), extracts its text (right-to-left text in logical
order), and renders it to a picture whose QR code must decode to the referral number.
PDFs stay in memory or under pytest's temporary folder; one PNG per language goes to
``$ARCO_ARTEFACTS_DIR`` (default ``build/test-artefacts/documents``) with fictional names.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from models.consent import ConsentForm, give_consent
from models.consultations import record_consultation
from models.documents import (
    LANGUAGES,
    NOTICE_VERSION,
    consent_notice,
    data_export,
    document_language,
    recovery_sheet,
    referral_slip,
)
from models.documents.catalog import CATALOG_DIR, catalog, keys, meta
from models.errors import NotFound, PermissionDenied, ValidationFailed
from models.intake import IntakeForm, register
from models.people import PersonForm, create_person
from models.referrals import change_status, create_referral
from models.roles import Actor
from models.schema import Consent
from models.store import OpenStore
from tests.conftest import CANARY, add_operator
from tests.models.service_helpers import as_service, shared_store

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext, pdffonts)"
)

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = Path(os.environ.get("ARCO_ARTEFACTS_DIR", ROOT / "build/test-artefacts/documents"))
APPOINTMENT = datetime(2027, 4, 12, 10, 30)

# Fictional people, one per language, their names in the script of the language.
NAMES: dict[str, tuple[str, str]] = {
    "it": ("Giulia", "Ferraresi"),
    "en": ("Grace", "Okafor"),
    "fr": ("Aïssatou", "Traoré"),
    "es": ("José", "Quispe Huamán"),
    "ar": ("محمد", "عبد الرحمن"),
    "bn": ("রহিম", "উদ্দিন"),
    "zh": ("小明", "王"),
    "ur": ("عمران", "خان"),
}
# The font family each language's text must be drawn with.
FONT_OF = {
    "ar": "NotoNaskhArabic",
    "ur": "NotoNastaliqUrdu",
    "bn": "NotoSansBengali",
    "zh": "DroidSansFallback",
}


# ===================================================================== poppler helpers
def _run(args: list[str], pdf: bytes, tmp: Path) -> str:
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([*args, str(path)], capture_output=True, check=True, text=True)
    return out.stdout


def pages_of(pdf: bytes, tmp: Path) -> int:
    info = _run(["pdfinfo"], pdf, tmp)
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def fonts_of(pdf: bytes, tmp: Path) -> list[tuple[str, str, str]]:
    """(name, embedded, subset) of every font, as pdffonts lists them."""
    rows = _run(["pdffonts"], pdf, tmp).splitlines()[2:]
    out = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni object ID
        out.append((parts[0], parts[-5], parts[-4]))
    return out


def text_of(pdf: bytes, tmp: Path) -> str:
    """Extracted text, bidi controls removed, presentation forms folded, spaces squeezed."""
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return _norm(out)


def _norm(text: str) -> str:
    text = re.sub("[\u202a-\u202e\u200e\u200f]", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " ", text)


def _loose(text: str) -> str:
    # Punctuation and spaces at the edge of right-to-left runs move around in extraction;
    # the letters, and their logical order, must not.
    return "".join(c for c in _norm(text) if not c.isspace() and not _punct(c))


def _punct(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def contains(text: str, expected: str) -> bool:
    return _loose(expected) in _loose(text)


def png_of(pdf: bytes, tmp: Path, dpi: int = 150) -> Path:
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(path), str(tmp / "page")],
        check=True,
    )
    return tmp / "page.png"


def decode_qr(png: Path) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    with Image.open(png) as image:
        return [r.text for r in zxingcpp.read_barcodes(image.convert("L"))]


# ===================================================================== fixtures
@dataclass
class Desk:
    store: OpenStore
    operator: Actor
    advisor: Actor
    coordinator: Actor
    people: dict[str, str]  # language -> person id
    referrals: dict[str, str]  # language -> referral id
    numbers: dict[str, str]  # language -> referral number


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    for store in shared_store(tmp_path_factory):
        operator = add_operator(store, "omar", "desk_operator")
        advisor = add_operator(store, "lucia", "legal_advisor")
        coordinator = add_operator(store, "carla", "coordinator")
        people, referrals, numbers = {}, {}, {}
        for lang in LANGUAGES:
            given, family = NAMES[lang]
            with store.session(operator) as s:
                person = create_person(
                    s,
                    operator,
                    PersonForm(given_name=given, family_name=family, preferred_language=lang),
                )
                give_consent(s, operator, person.id, ConsentForm("sharing"))
                service = "mwc_family_reunification" if lang != "zh" else "italian_language"
                referral = create_referral(s, operator, person.id, service, "reason")
                people[lang], referrals[lang], numbers[lang] = (
                    person.id,
                    referral.id,
                    referral.number,
                )
            with store.session(operator) as s:
                change_status(s, operator, referrals[lang], "sent")
            # accepted and the appointment come from the receiving service, by sync
            as_service(store, referrals[lang], "accepted")
            as_service(store, referrals[lang], "appointment_set", appointment_at=APPOINTMENT)
        yield Desk(store, operator, advisor, coordinator, people, referrals, numbers)


# ===================================================================== catalogs
def test_every_catalog_has_exactly_the_italian_keys_and_no_empty_text() -> None:
    reference = keys("it")
    assert len(reference) > 80
    for lang in LANGUAGES:
        assert (CATALOG_DIR / f"{lang}.json").is_file()
        assert keys(lang) == reference, f"{lang}: {sorted(keys(lang) ^ reference)}"
        data = json.loads((CATALOG_DIR / f"{lang}.json").read_text(encoding="utf-8"))
        empty = [k for k, v in data.items() if not (isinstance(v, str | dict) and v)]
        assert not empty, (lang, empty)
        assert meta(lang)["language"] == lang
        assert meta(lang)["notice_version"] == NOTICE_VERSION
        if lang != "it":
            assert "mediator" in meta(lang)["review"]


def test_placeholders_match_italian() -> None:
    pattern = re.compile(r"\{(\w+)\}")
    for key in keys("it"):
        expected = set(pattern.findall(catalog("it").t(key)))
        for lang in LANGUAGES:
            assert set(pattern.findall(catalog(lang).t(key))) == expected, (lang, key)


def test_catalog_covers_every_service_and_what_to_bring_code() -> None:
    services = json.loads((ROOT / "resources/reference/services.json").read_text("utf-8"))
    for service in services:
        assert f"service.{service['code']}" in keys("it")
        for code in service["what_to_bring"]:
            assert f"bring.{code}" in keys("it")


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [
        ("it", "it"),
        ("ar", "ar"),
        ("arz", "ar"),
        ("URD", "ur"),
        ("ben", "bn"),
        ("zh-CN", "zh"),
        ("wuu", "zh"),
        ("", "en"),
        (None, "en"),
        ("ti", "en"),
        ("pt", "en"),
    ],
)
def test_document_language(preferred: str | None, expected: str) -> None:
    assert document_language(preferred) == expected


# ===================================================================== referral slips
@pytest.mark.parametrize("lang", LANGUAGES)
def test_referral_slip_in_each_language(desk: Desk, lang: str, tmp_path: Path) -> None:
    with desk.store.session(desk.operator) as s:
        slip = referral_slip(s, desk.operator, desk.referrals[lang])
    number = desk.numbers[lang]
    assert slip.kind == "referral_slip"
    assert slip.language == lang
    assert slip.suggested_name == f"referral-{number}.pdf"
    assert slip.pdf.startswith(b"%PDF")
    assert slip.pages == 1 == pages_of(slip.pdf, tmp_path)
    assert len(slip.pdf) <= 150 * 1024

    fonts = fonts_of(slip.pdf, tmp_path)
    assert fonts and all(emb == "yes" and sub == "yes" for _, emb, sub in fonts), fonts
    if lang in FONT_OF:
        assert any(FONT_OF[lang] in name for name, _, _ in fonts), fonts

    text = text_of(slip.pdf, tmp_path)
    cat = catalog(lang)
    service = "mwc_family_reunification" if lang != "zh" else "italian_language"
    expected = [
        number,
        cat.t("slip.title"),
        cat.t("slip.bring"),
        # Italian shows the catalog name the coordinators keep in the store
        cat.t("service." + service) if lang != "it" else "Ricongiungimento familiare",
        cat.t("bring.passport" if lang != "zh" else "bring.tax_code"),
        cat.t("weekday.0"),
        *NAMES[lang],
        # the Italian half, for the receiving office
        "Foglio di invio",
        "Cosa portare",
        "lunedì 12/04/2027, ore 10:30",
    ]
    if lang != "zh":
        expected += ["Via Sammartini 75", "02.02.02", cat.t("hours.mwc").split(" ")[0]]
    missing = [e for e in expected if not contains(text, e)]
    assert not missing, (lang, missing)

    png = png_of(slip.pdf, tmp_path)
    assert decode_qr(png) == [number]
    _keep_artefact(slip.pdf, lang, tmp_path)


def _keep_artefact(pdf: bytes, lang: str, tmp: Path) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    png = png_of(pdf, tmp, dpi=72)
    shutil.copyfile(png, ARTEFACTS / f"referral-slip-{lang}.png")


def test_slip_without_preferred_language_is_english_and_italian(desk: Desk, tmp_path: Path) -> None:
    with desk.store.session(desk.operator) as s:
        person = create_person(
            s, desk.operator, PersonForm(given_name="Kofi", family_name="Mensah")
        )
        give_consent(s, desk.operator, person.id, ConsentForm("sharing"))
        rid = create_referral(s, desk.operator, person.id, "italian_language", "course").id
        slip = referral_slip(s, desk.operator, rid)
    assert slip.language == "en"
    text = text_of(slip.pdf, tmp_path)
    for expected in ("Referral slip", "Foglio di invio", "What to bring", "Cosa portare"):
        assert contains(text, expected)
    assert contains(text, "No appointment yet")


def test_an_explicit_language_overrides_the_preference(desk: Desk, tmp_path: Path) -> None:
    with desk.store.session(desk.operator) as s:
        slip = referral_slip(s, desk.operator, desk.referrals["ar"], language="fr")
    assert slip.language == "fr"
    assert contains(text_of(slip.pdf, tmp_path), "Fiche d'orientation")


def test_a_name_no_font_covers_falls_back_and_warns_without_the_name(
    desk: Desk, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    georgian, ethiopic = "ნინო ბერიძე", "ሰላም ተስፋዬ"
    with desk.store.session(desk.operator) as s:
        first = create_person(
            s,
            desk.operator,
            PersonForm(
                given_name=georgian.split()[0],
                family_name=georgian.split()[1],
                given_name_latin="Nino",
                family_name_latin="Beridze",
            ),
        )
        second = create_person(
            s,
            desk.operator,
            PersonForm(given_name=ethiopic.split()[0], family_name=ethiopic.split()[1]),
        )
        ids = []
        for person in (first, second):
            give_consent(s, desk.operator, person.id, ConsentForm("sharing"))
            ids.append(create_referral(s, desk.operator, person.id, "sai_access", "r").id)
        with caplog.at_level(logging.WARNING, logger="models.documents"):
            latin = referral_slip(s, desk.operator, ids[0])
            points = referral_slip(s, desk.operator, ids[1])

    text = text_of(latin.pdf, tmp_path)
    assert contains(text, "Nino Beridze")
    assert "ნ" not in text
    text = text_of(points.pdf, tmp_path)
    assert contains(text, "U+1230")  # ሰ, written as its code point
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) >= 2
    for record in warnings:
        message = record.getMessage()
        for word in (*georgian.split(), *ethiopic.split(), "Nino", "Beridze"):
            assert word not in message


def test_slip_refusals_carry_no_personal_data(desk: Desk) -> None:
    with desk.store.session(desk.operator) as s:
        with pytest.raises(NotFound) as missing:
            referral_slip(s, desk.operator, "0190aaaa-0000-7000-8000-000000000000")
        with pytest.raises(ValidationFailed):
            referral_slip(s, desk.operator, desk.referrals["it"], language="de")
    assert "Giulia" not in str(missing.value)


# ===================================================================== privacy notice
@pytest.mark.parametrize("lang", LANGUAGES)
def test_consent_notice_in_each_language(desk: Desk, lang: str, tmp_path: Path) -> None:
    with desk.store.session(desk.operator) as s:
        notice = consent_notice(s, desk.operator, desk.people[lang])
    assert notice.language == lang
    assert notice.suggested_name == f"privacy-notice-{NOTICE_VERSION}-{lang}.pdf"
    assert notice.pages == pages_of(notice.pdf, tmp_path)
    assert notice.pages >= (1 if lang == "it" else 2)
    fonts = fonts_of(notice.pdf, tmp_path)
    assert all(emb == "yes" and sub == "yes" for _, emb, sub in fonts)
    text = text_of(notice.pdf, tmp_path)
    cat = catalog(lang)
    for key in ("notice.title", "notice.rights_h", "notice.signature", "notice.consent_h"):
        assert contains(text, cat.t(key)), (lang, key)
    for expected in (
        NOTICE_VERSION,
        "MilanoWelcomeCenter@comune.milano.it",
        "www.garanteprivacy.it",
        # and the Italian text
        "Informativa sul trattamento dei dati personali",
        "I tuoi diritti",
        NAMES[lang][0],
    ):
        assert contains(text, expected), (lang, expected)


def test_blank_notice_before_the_person_is_saved(desk: Desk, tmp_path: Path) -> None:
    with desk.store.session(desk.operator) as s:
        blank = consent_notice(s, desk.operator, None, "bn")
        default = consent_notice(s, desk.operator, None)
    assert blank.language == "bn"
    assert default.language == "en"
    assert contains(text_of(blank.pdf, tmp_path), catalog("bn").t("notice.title"))


def test_consent_records_refer_to_the_printed_notice(desk: Desk) -> None:
    with desk.store.session(desk.operator) as s:
        result = register(
            s,
            desk.operator,
            IntakeForm(
                person=PersonForm(given_name="Rahim", family_name="Mia", preferred_language="ben"),
                needs=[("italian_language", "", "normal")],
                consents=[ConsentForm("processing"), ConsentForm("sharing", language="it")],
            ),
        )
        rows = {
            c.purpose: c for c in s.query(Consent).filter(Consent.person_id == result.person_id)
        }
        assert (rows["processing"].notice_version, rows["processing"].language) == (
            NOTICE_VERSION,
            "bn",
        )
        assert (rows["sharing"].notice_version, rows["sharing"].language) == (NOTICE_VERSION, "it")


# ===================================================================== data export
def test_data_export_pdf_and_json_with_and_without_legal_content(
    desk: Desk, tmp_path: Path
) -> None:
    pid = desk.people["ar"]
    with desk.store.session(desk.advisor) as s:
        record_consultation(
            s, desk.advisor, pid, "permit_of_stay", "Renewal question XQ1", "Advice XQ2", "Done"
        )
    with desk.store.session(desk.advisor) as s:
        full = data_export(s, desk.advisor, pid)
    with desk.store.session(desk.coordinator) as s:
        withheld = data_export(s, desk.coordinator, pid, language="it")
    with desk.store.session(desk.operator) as s, pytest.raises(PermissionDenied):
        data_export(s, desk.operator, pid)

    assert full.kind == "data_export"
    assert full.language == "ar"
    assert NAMES["ar"][0] not in full.suggested_name
    assert full.pages == pages_of(full.pdf, tmp_path)
    text = text_of(full.pdf, tmp_path)
    for expected in (
        catalog("ar").t("export.title"),
        catalog("ar").t("export.section.referrals"),
        *NAMES["ar"],
        desk.numbers["ar"],
        "Advice XQ2",
    ):
        assert contains(text, expected), expected
    assert json.loads(full.data)["consultations"][0]["advice"] == "Advice XQ2"

    text = text_of(withheld.pdf, tmp_path)
    assert contains(text, "I tuoi dati personali")
    assert contains(text, catalog("it").t("export.withheld"))
    assert "XQ1" not in text and "XQ2" not in text
    assert b"XQ2" not in withheld.data


# ===================================================================== recovery sheet
def test_recovery_sheet(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    key = "K7QF-M2XD-9WPL-4RTB-H8NC-3VYJ-6GSA-ZE5U"
    with caplog.at_level(logging.DEBUG):
        sheet = recovery_sheet("acli", "ACLI", key)
    assert (sheet.kind, sheet.language, sheet.pages) == ("recovery_sheet", "it", 1)
    assert sheet.suggested_name == "recovery-key-acli.pdf"
    text = text_of(sheet.pdf, tmp_path)
    assert contains(text, "Chiave di recupero dello sportello")
    assert contains(text, "K7QF-M2XD-9WPL-4RTB") or contains(text, "K7QF")
    assert re.sub(r"\W", "", key) in re.sub(r"\W", "", text)
    assert all(key not in r.getMessage() for r in caplog.records)
    arabic = recovery_sheet("acli", "ACLI", key, "ar")
    assert contains(text_of(arabic.pdf, tmp_path), catalog("ar").t("recovery.title"))


# ===================================================================== canary
def test_documents_never_reach_the_log(desk: Desk, caplog: pytest.LogCaptureFixture) -> None:
    """A person named like the canary: slip and notice print it, no log line holds it."""
    with caplog.at_level(logging.DEBUG), desk.store.session(desk.operator) as s:
        given, family = CANARY.split(" ", 1)
        person = create_person(s, desk.operator, PersonForm(given_name=given, family_name=family))
        give_consent(s, desk.operator, person.id, ConsentForm("sharing"))
        rid = create_referral(s, desk.operator, person.id, "italian_language", "r").id
        slip = referral_slip(s, desk.operator, rid)
        consent_notice(s, desk.operator, person.id)
    assert slip.pdf  # kept in memory only
    assert all(CANARY not in r.getMessage() for r in caplog.records)
    assert io.BytesIO(slip.pdf).read(5) == b"%PDF-"
