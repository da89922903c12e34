"""The payroll reconciliation workbook, and its words (the page and the API read them
here too, so the sentence that says where to correct the model is written once).

Sheets: per worker and month, one row a component (the model's figure, the imported
one, the gap in euros and in percent of the model, above the threshold or not); the
same per month for the GE's workers together; the corrections (per year and
component, the months, the cost parameters of the year involved and their value, the
rate the imported figures make, and the sentence); the notes (the threshold and how
the components are matched). Amounts and percents are numbers (percents as 12.34, not
0.1234), months dates.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from allocation import formats
from allocation.reconciliation import WITH_TOTAL, Comparison, Correction
from allocation.translations import N_

from .cells import Book, CellValue
from .formats import t
from .xlsx import EURO_FORMAT, PARAMETERS, facts_sheet

PERCENT_NUMBER = '0.00" %"'
MONTH_FORMAT = "YYYY-MM"

COMPONENTS = {
    "gross": N_("reconciliation.gross"),
    "employer_contributions": N_("reconciliation.employer_contributions"),
    "holiday_provision": N_("reconciliation.holiday_provision"),
    "year_end_provision": N_("reconciliation.year_end_provision"),
    "other": N_("reconciliation.other"),
    "total": N_("reconciliation.total"),
}
# Euros a year or a voucher; the rest are percentages.
EUROS = ("prevention_service_per_year", "meal_voucher_employer_part")


@dataclass(frozen=True)
class Row:
    worker: str | None  # None: the month's workers together
    month: date
    comparison: Comparison
    flagged: bool
    worker_id: int | None = None


@dataclass(frozen=True)
class Reconciliation:
    period: str  # 2026, 2026-05
    threshold: Decimal  # percent
    rows: Sequence[Row]
    months: Sequence[Row]
    corrections: Sequence[Correction]


def component(name: str, language: str) -> str:
    return t(COMPONENTS[name], language)


def parameter(name: str, value: Decimal, language: str) -> str:
    """ "Cotisations patronales 32,4 %", "Chèque-repas, part patronale 8,91 €"."""
    shown = formats.money(value, language) if name in EUROS else formats.percent(value, language)
    return t(
        "reconciliation.parameter", language, name=t(PARAMETERS[name][0], language), value=shown
    )


def correction_text(correction: Correction, language: str) -> str:
    """Where the model should be looked at, as facts: the component's gap over the
    months, what to check of the year, and the imported rate when it is one."""
    gap = correction.gap
    months = ", ".join(formats.month(m, language) for m in correction.months)
    size = formats.percent(abs(gap.percent), language) if gap.percent is not None else "—"
    if gap.percent is None:
        head = t(
            "reconciliation.correction.nothing_modelled",
            language,
            component=component(correction.component, language),
            months=months,
        )
    else:
        direction = (
            N_("reconciliation.correction.under")
            if gap.difference > 0
            else N_("reconciliation.correction.over")
        )
        head = t(
            direction,
            language,
            component=component(correction.component, language),
            percent=size,
            months=months,
        )
    if not correction.parameters:
        check = t("reconciliation.check.gross", language)
    else:
        check = t(
            "reconciliation.check.parameters",
            language,
            year=correction.year,
            parameters="; ".join(
                parameter(name, value, language) for name, value in correction.parameters
            ),
        )
    text = t("reconciliation.correction", language, head=head, check=check)
    if correction.imported_rate is not None:
        text += " " + t(
            "reconciliation.imported_rate",
            language,
            rate=formats.percent(correction.imported_rate, language),
        )
    return text


def notes(threshold: Decimal, language: str) -> list[str]:
    """How to read the figures: the matching of the components and the threshold."""
    return [
        t("reconciliation.note.other", language),
        t("reconciliation.note.gap", language),
        t("reconciliation.note.threshold", language, percent=formats.percent(threshold, language)),
    ]


def _lines(row: Row, threshold: Decimal, language: str) -> list[list[CellValue]]:
    yes, no = t("reconciliation.yes", language), t("reconciliation.no", language)
    lines: list[list[CellValue]] = []
    for name in WITH_TOTAL:
        gap = row.comparison.gap(name)
        lines.append(
            [
                row.month,
                component(name, language),
                gap.modelled,
                gap.imported,
                gap.difference,
                gap.percent,
                yes if gap.exceeds(threshold) else no,
            ]
        )
    return lines


def workbook(data: Reconciliation, language: str) -> bytes:
    def header(*ids: str) -> list[str]:
        return [t(i, language) for i in ids]

    figures = (
        N_("reconciliation.month"),
        N_("reconciliation.component"),
        N_("reconciliation.modelled"),
        N_("reconciliation.imported"),
        N_("reconciliation.difference"),
        N_("reconciliation.percent"),
        N_("reconciliation.above_threshold"),
    )
    with Book() as book:
        book.sheet(
            t("reconciliation.sheet.workers", language),
            header(N_("reconciliation.worker"), *figures),
            [
                [row.worker, *line]
                for row in data.rows
                for line in _lines(row, data.threshold, language)
            ],
            {2: MONTH_FORMAT, 4: EURO_FORMAT, 5: EURO_FORMAT, 6: EURO_FORMAT, 7: PERCENT_NUMBER},
        )
        book.sheet(
            t("reconciliation.sheet.months", language),
            header(*figures),
            [line for row in data.months for line in _lines(row, data.threshold, language)],
            {1: MONTH_FORMAT, 3: EURO_FORMAT, 4: EURO_FORMAT, 5: EURO_FORMAT, 6: PERCENT_NUMBER},
        )
        book.sheet(
            t("reconciliation.sheet.corrections", language),
            header(
                N_("reconciliation.year"),
                N_("reconciliation.component"),
                N_("reconciliation.months"),
                N_("reconciliation.modelled"),
                N_("reconciliation.imported"),
                N_("reconciliation.difference"),
                N_("reconciliation.percent"),
                N_("reconciliation.imported_rate_header"),
                N_("reconciliation.what_to_check"),
            ),
            [
                [
                    c.year,
                    component(c.component, language),
                    ", ".join(f"{m:%Y-%m}" for m in c.months),
                    c.gap.modelled,
                    c.gap.imported,
                    c.gap.difference,
                    c.gap.percent,
                    c.imported_rate,
                    correction_text(c, language),
                ]
                for c in data.corrections
            ],
            {4: EURO_FORMAT, 5: EURO_FORMAT, 6: EURO_FORMAT, 7: PERCENT_NUMBER, 8: PERCENT_NUMBER},
            widest=120,
        )
        facts_sheet(
            book,
            t("reconciliation.sheet.notes", language),
            header(N_("reconciliation.note"), N_("reconciliation.value")),
            [
                (t("reconciliation.period", language), data.period, None),
                (t("reconciliation.threshold", language), data.threshold, PERCENT_NUMBER),
                *((text, None, None) for text in notes(data.threshold, language)),
            ],
        )
    return book.data
