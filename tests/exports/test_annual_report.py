"""The annual activity report from plain data (no database): the headcount's figures
checked by hand, the workbook reopened with openpyxl and LibreOffice, the PDF with pypdf,
in the three languages.

The year 2026 of a GE capped at 50 workers, alert at 90 % (45 workers):

- 1 January to 31 March (90 days): 44 workers;
- 1 to 30 April (30 days): 46 workers (at the alert threshold or above);
- 1 May to 31 December (245 days): 51 workers (above the cap).

Peak 51, first reached on 1 May; average (44 × 90 + 46 × 30 + 51 × 245) / 365 =
17,835 / 365 = 48.863… → 48.86; 30 + 245 = 275 days at 45 or more, 245 days above 50.
"""

import io
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdf
import pytest

from exports.annual_report import (
    AnnualReport,
    DerogationUsed,
    FindingCount,
    Headcount,
    HeadcountSpan,
    MemberHours,
    ReportContract,
    ReportMember,
    ReportWorker,
    annual_report_pdf,
    annual_report_workbook,
)
from exports.document import Party
from tests.libreoffice import first_sheets_as_csv, needs_libreoffice

D = Decimal


def at(year: int, month: int, day: int) -> datetime:
    """A date as openpyxl reads it back: a naive datetime at midnight."""
    return datetime.combine(date(year, month, day), time())


GE = Party(
    name="GE Bruxelles Solidaire",
    legal_form="ASBL",
    street="Rue de la Loi 1",
    postal_code="1000",
    city="Bruxelles",
    country="BE",
    enterprise_number="0123456749",
)
HEADCOUNT = Headcount(
    cap=50,
    alert_percent=90,
    spans=(
        HeadcountSpan(date(2026, 1, 1), date(2026, 3, 31), 44),
        HeadcountSpan(date(2026, 4, 1), date(2026, 4, 30), 46),
        HeadcountSpan(date(2026, 5, 1), date(2026, 12, 31), 51),
    ),
)


def _report(language: str = "fr") -> AnnualReport:
    return AnnualReport(
        language=language,
        groupement=GE,
        year=2026,
        authorisation_reference="AUT/2019/042",
        authorisation_date=date(2019, 3, 1),
        joint_committee="329.02",
        members=(
            ReportMember("Maison des Marolles", "0987654312", date(2020, 1, 1), None),
            ReportMember('=HYPERLINK("http://x.example")', "0417497106", date(2021, 5, 1), None),
            ReportMember("Théâtre du Parc", "0203201340", date(2022, 1, 1), date(2026, 6, 30)),
        ),
        workers=(
            ReportWorker(
                "Sophie Lambert",
                (
                    ReportContract(
                        "fixed_term", D("19"), date(2025, 1, 1), date(2026, 3, 31), "329.02"
                    ),
                    ReportContract("open_ended", D("30"), date(2026, 4, 1), None, "329.02"),
                ),
                D("800.50"),
                D("120.25"),
            ),
        ),
        headcount=HEADCOUNT,
        member_hours=(
            MemberHours("Maison des Marolles", D("500.50"), D("70.25"), D("20000.00")),
            MemberHours("Théâtre du Parc", D("300.00"), D("50.00"), D("11999.99")),
        ),
        derogations=(
            DerogationUsed("WT-SUNDAY", "cct", "CCT 329.02 du 3 mai 2021", date(2026, 1, 1), None),
        ),
        findings=(
            FindingCount("GE-CAP-50", "blocking", 1),
            FindingCount("WT-WEEK-40", "warning", 3),
        ),
        made_on=date(2027, 2, 1),
    )


def test_the_headcount_figures_checked_by_hand() -> None:
    assert HEADCOUNT.days == 365
    assert HEADCOUNT.threshold == 45
    assert HEADCOUNT.maximum == 51
    assert HEADCOUNT.maximum_on == date(2026, 5, 1)
    assert HEADCOUNT.average == D("48.86")
    assert HEADCOUNT.days_near_cap == 275
    assert HEADCOUNT.days_over_cap == 245
    assert len(HEADCOUNT.per_day()) == 365
    assert Headcount(50, 90, ()).average == D("0.00")


def test_the_report_counts_members_on_its_last_day_and_adds_up_the_hours() -> None:
    report = _report()
    assert report.members_on(date(2026, 12, 31)) == 2  # the Parc left on 30 June
    assert report.members_on(date(2026, 6, 30)) == 3
    assert report.worked_hours == D("800.50")
    assert report.absence_hours == D("120.25")
    assert report.billed == D("31999.99")


def test_the_workbook_has_one_typed_sheet_a_section() -> None:
    book = openpyxl.load_workbook(io.BytesIO(annual_report_workbook(_report())))
    assert book.sheetnames == [
        "Synthèse",
        "Membres",
        "Contrats",
        "Travailleurs",
        "Effectif",
        "Heures par membre",
        "Dérogations",
        "Constats",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    summary = {row[0]: row[1] for row in book["Synthèse"].iter_rows(min_row=2, values_only=True)}
    assert summary["Effectif maximal"] == 51
    assert summary["Atteint pour la première fois le"] == at(2026, 5, 1)
    assert summary["Effectif moyen par jour"] == 48.86
    assert summary["Jours à 90 % du plafond ou plus (45 travailleurs)"] == 275
    assert summary["Jours au-delà du plafond (50 travailleurs)"] == 245
    assert summary["Membres au 31 décembre"] == 2
    assert summary["Facturé hors TVA"] == 31999.99
    members = list(book["Membres"].iter_rows(min_row=2, values_only=True))
    assert members[2] == (
        "Théâtre du Parc",
        "0203201340",
        at(2022, 1, 1),
        at(2026, 6, 30),
    )
    assert members[1][0] == '\'=HYPERLINK("http://x.example")'  # text, never a formula
    contracts = list(book["Contrats"].iter_rows(min_row=2, values_only=True))
    assert contracts[0][:3] == ("Sophie Lambert", "Durée déterminée", 19)
    assert contracts[1][4] is None  # open-ended
    hours = list(book["Heures par membre"].iter_rows(min_row=2, values_only=True))
    assert hours[0] == ("Maison des Marolles", 500.5, 70.25, 570.75, 20000)
    assert book["Heures par membre"]["E2"].number_format == '#,##0.00 "€"'
    headcount = list(book["Effectif"].iter_rows(min_row=2, values_only=True))
    assert len(headcount) == 365 and headcount[120] == (at(2026, 5, 1), 51, 50)
    findings = list(book["Constats"].iter_rows(min_row=2, values_only=True))
    assert findings == [("GE-CAP-50", "Bloquant", 1), ("WT-WEEK-40", "Avertissement", 3)]
    derogations = list(book["Dérogations"].iter_rows(min_row=2, values_only=True))
    assert derogations[0][:3] == (
        "WT-SUNDAY",
        "Convention collective de travail",
        "CCT 329.02 du 3 mai 2021",
    )


def _text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ["Rapport d'activité annuel 2026", "Heures par membre", "Dérogations utilisées"]),
        ("nl", ["Jaarlijks activiteitenverslag 2026", "Uren per lid", "Gebruikte afwijkingen"]),
        ("en", ["Annual activity report 2026", "Hours per member", "Derogations used"]),
    ],
)
def test_the_pdf_speaks_the_ges_language(language: str, words: list[str]) -> None:
    text = _text(annual_report_pdf(_report(language)))
    for word in [*words, "GE Bruxelles Solidaire", "AUT/2019/042", "Sophie Lambert", "WT-SUNDAY"]:
        assert word in text, (language, word)


def test_an_empty_year_says_none() -> None:
    report = AnnualReport("fr", GE, 2026, None, None, None, (), (), Headcount(50, 90, ()), ())
    text = _text(annual_report_pdf(report))
    assert "Néant." in text
    book = openpyxl.load_workbook(io.BytesIO(annual_report_workbook(report)))
    assert book["Membres"].max_row == 1


@needs_libreoffice
def test_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    text = first_sheets_as_csv({"report.xlsx": annual_report_workbook(_report())}, tmp_path)[
        "report.xlsx"
    ]
    # The first sheet, as LibreOffice read it: the GE, the year and the peak.
    assert "GE Bruxelles Solidaire" in text and "2026" in text and "Effectif maximal,51" in text
