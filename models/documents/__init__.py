"""Printed documents for people and desks: referral slips, privacy notices, data exports,
the recovery key sheet; the indicator report (PDF and XLSX) for the funders. Offline, with
reportlab; fonts embedded and subset; texts from ``translations/documents/`` (the report's
from ``translations/reports/``). See the modules for each document.
"""

from __future__ import annotations

from models.documents.document import Document
from models.documents.export import data_export
from models.documents.notice import consent_notice
from models.documents.recovery import recovery_sheet
from models.documents.report import report_pdf, report_xlsx
from models.documents.slip import referral_slip
from models.languages import LANGUAGES, NOTICE_VERSION, document_language

__all__ = [
    "LANGUAGES",
    "NOTICE_VERSION",
    "Document",
    "consent_notice",
    "data_export",
    "document_language",
    "recovery_sheet",
    "referral_slip",
    "report_pdf",
    "report_xlsx",
]
