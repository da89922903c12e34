"""Workbooks (XlsxWriter, constant_memory): typed cells, € and hour formats, dates as
dates, frozen header rows, filters, fitted columns; every sheet written by
``cells.Book.sheet``, which makes text harmless."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from allocation.translations import N_

from .cells import DATE_FORMAT, Book, CellValue, Sheet
from .formats import ABSENCE_POLICIES, t

EURO_FORMAT = '#,##0.00 "€"'
HOURS_FORMAT = "0.00"
PERCENT_FORMAT = "0.00%"

# A run's parameters (``MonthResult.parameters``: name -> the value as text), in the order
# the sheet lists them: each with its label and how its value is written, a choice by its
# label (the ids of its values), an amount in euros or a percentage as a number.
CHOICES = {
    "absence_policy": ABSENCE_POLICIES,
    "vat_mode": {
        "standard": N_("vat_mode.standard"),
        "cost_sharing_44_2bis": N_("vat_mode.cost_sharing_44_2bis"),
    },
    "management_fee_mode": {
        "none": N_("fee_mode.none"),
        "per_hour": N_("fee_mode.per_hour"),
        "percent_of_cost": N_("fee_mode.percent_of_cost"),
    },
}
PARAMETERS = {
    "absence_policy": (N_("parameter.absence_policy"), "choice"),
    "vat_mode": (N_("parameter.vat_mode"), "choice"),
    "management_fee_mode": (N_("parameter.management_fee_mode"), "choice"),
    "management_fee_per_hour": (N_("parameter.management_fee_per_hour"), "euros"),
    "management_fee_percent": (N_("parameter.management_fee_percent"), "percent"),
    "employer_contribution_percent": (N_("parameter.employer_contribution_percent"), "percent"),
    "holiday_pay_percent": (N_("parameter.holiday_pay_percent"), "percent"),
    "year_end_bonus_percent": (N_("parameter.year_end_bonus_percent"), "percent"),
    "accident_insurance_percent": (N_("parameter.accident_insurance_percent"), "percent"),
    "prevention_service_per_year": (N_("parameter.prevention_service_per_year"), "euros"),
    "meal_voucher_employer_part": (N_("parameter.meal_voucher_employer_part"), "euros"),
}


Fact = tuple[str, CellValue, str | None]


def facts_sheet(book: Book, title: str, header: Sequence[str], facts: Sequence[Fact]) -> None:
    """A sheet of facts, one a row: its label, its value typed with its own number format
    (None: as it is), under a bold, frozen, filtered header; columns fitted."""
    book.sheet(
        title,
        header,
        [(label, value) for label, value, _ in facts],
        row_formats=[{2: number_format} if number_format else None for *_, number_format in facts],
        widest=80,
    )


def write_sheet(
    book: Book,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    formats: dict[int, str],
) -> Sheet:
    """A sheet written in one streaming pass (constant_memory, so a hundred thousand rows
    stay light): bold header, frozen first row, a filter, typed cells and columns fitted
    to the header and the first thousand rows."""
    return book.sheet(title, header, rows, formats)


@dataclass(frozen=True)
class SplitWorkbook:
    """A billing run, as its month's workbook shows it."""

    period: str
    # member, staff, fee, overhead, lines total, VAT, total
    members: Sequence[tuple[str, Decimal, Decimal, Decimal, Decimal, Decimal, Decimal]]
    # worker, member, hours worked, paid absence, basis, share
    detail: Sequence[tuple[str, str, Decimal, Decimal, Decimal, Decimal]]
    # worker, member, day, planned hours
    days: Sequence[tuple[str, str, date, Decimal]]
    # rule, severity, first day, last day, message
    findings: Sequence[tuple[str, str, date, date, str]] = ()
    parameters: Sequence[tuple[str, str]] = field(default_factory=tuple)
    language: str = "fr"  # the GE's: the workbook is its accountant's


def split_workbook(data: SplitWorkbook) -> bytes:
    """The run's month, its sheets and headers in the GE's language."""
    with Book() as book:
        _split_sheets(book, data)
    return book.data


def _split_sheets(book: Book, data: SplitWorkbook) -> None:
    lang = data.language
    summary = write_sheet(
        book,
        t("sheet.members", lang),
        [
            t("member", lang),
            t("staff", lang),
            t("fee", lang),
            t("overhead", lang),
            t("total_excl", lang),
            t("vat", lang),
            t("total_plain", lang),
        ],
        data.members,
        {i: EURO_FORMAT for i in range(2, 8)},
    )
    if data.members:
        summary.column_chart(
            t("chart.total_per_member", lang, period=data.period),
            values_column=7,
            categories_column=1,
            axis="€",
            at="I2",
        )
    write_sheet(
        book,
        t("sheet.detail", lang),
        [
            t("worker", lang),
            t("member", lang),
            t("worked", lang),
            t("absence", lang),
            t("basis", lang),
            t("amount_plain", lang),
        ],
        data.detail,
        {3: HOURS_FORMAT, 4: HOURS_FORMAT, 5: HOURS_FORMAT, 6: EURO_FORMAT},
    )
    write_sheet(
        book,
        t("sheet.days", lang),
        [t("worker", lang), t("member", lang), t("day", lang), t("planned", lang)],
        data.days,
        {3: DATE_FORMAT, 4: HOURS_FORMAT},
    )
    write_sheet(
        book,
        t("sheet.findings", lang),
        [
            t("rule", lang),
            t("severity", lang),
            t("from", lang),
            t("until", lang),
            t("message", lang),
        ],
        data.findings,
        {3: DATE_FORMAT, 4: DATE_FORMAT},
    )
    parameters_sheet(book, data.parameters, lang)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def parameter_row(name: str, value: str, language: str) -> tuple[list[CellValue], str | None]:
    """A parameter's row and its value's number format: its label and its value's, or its
    amount (euros) or rate (a percentage: 32.40 is 0.324 shown "32.40%") as a number. A
    name or value the sheet does not know (a run of another version) is written as it is
    stored, a figure as a number."""
    number = _number(value)
    if name not in PARAMETERS:
        return [name, value if number is None else number], None
    label_id, kind = PARAMETERS[name]
    label = t(label_id, language)
    if kind == "choice":
        choice = CHOICES[name].get(value)
        return [label, t(choice, language) if choice else value], None
    if kind == "euros" and number is not None:
        return [label, number], EURO_FORMAT
    if kind == "percent" and number is not None:
        return [label, number / 100], PERCENT_FORMAT
    return [label, value if number is None else number], None


def parameters_sheet(book: Book, parameters: Sequence[tuple[str, str]], language: str) -> None:
    """The run's parameters, labelled in ``language``, in ``PARAMETERS``' order (any other
    after them, by name); each value typed, with its own number format."""
    order = list(PARAMETERS)
    known = sorted(
        parameters, key=lambda p: (order.index(p[0]) if p[0] in order else len(order), p[0])
    )
    rows = [parameter_row(name, value, language) for name, value in known]
    book.sheet(
        t("sheet.parameters", language),
        [t("parameter", language), t("value", language)],
        [row for row, _ in rows],
        row_formats=[{2: number_format} if number_format else None for _, number_format in rows],
    )


@dataclass(frozen=True)
class LineExplanation:
    """A staff line taken apart (``app.services.explain``): the worker's days at the
    member (date, planned, worked, paid absence) and every member's part of the split
    (member, worked, paid absence, basis, fraction of the basis, exact part in cents,
    rounded down, the cent left over it got (0.01) or not (0.00), share); the other
    members combined."""

    worker: str
    days: Sequence[tuple[date, Decimal, Decimal, Decimal]]
    shares: Sequence[tuple[str, Decimal, Decimal, Decimal, str, str, Decimal, Decimal, Decimal]]


def invoice_workbook(
    lines: Sequence[tuple[str, str, Decimal, Decimal, Decimal, Decimal]],
    reference: str,
    language: str = "fr",
    explanations: Sequence[LineExplanation] = (),
) -> bytes:
    """A member's invoice detail: worker, line, hours worked, paid absence, basis, amount,
    headed in the member's language; with the lines' explanations, two more sheets: the
    workers' days at the member, and the split of each worker's cost."""
    with Book() as book:
        _invoice_sheets(book, lines, reference, language, explanations)
    return book.data


def _invoice_sheets(
    book: Book,
    lines: Sequence[tuple[str, str, Decimal, Decimal, Decimal, Decimal]],
    reference: str,
    language: str,
    explanations: Sequence[LineExplanation],
) -> None:
    write_sheet(
        book,
        reference[:31],
        [
            t("worker", language),
            t("line", language),
            t("worked", language),
            t("absence", language),
            t("basis", language),
            t("amount", language),
        ],
        lines,
        {3: HOURS_FORMAT, 4: HOURS_FORMAT, 5: HOURS_FORMAT, 6: EURO_FORMAT},
    )
    if explanations:
        write_sheet(
            book,
            t("explain.days_sheet", language)[:31],
            [
                t("worker", language),
                t("day", language),
                t("explain.planned", language),
                t("worked", language),
                t("absence", language),
            ],
            [(e.worker, *day) for e in explanations for day in e.days],
            {2: DATE_FORMAT, 3: HOURS_FORMAT, 4: HOURS_FORMAT, 5: HOURS_FORMAT},
        )
        write_sheet(
            book,
            t("explain.split_sheet", language)[:31],
            [
                t("worker", language),
                t("member", language),
                t("worked", language),
                t("absence", language),
                t("basis", language),
                t("explain.fraction", language),
                t("explain.exact_cents", language),
                t("explain.floor", language),
                t("explain.extra_cent", language),
                t("amount", language),
            ],
            [
                (e.worker, name, worked, absent, basis, fraction, exact, floor, extra, share)
                for e in explanations
                for name, worked, absent, basis, fraction, exact, floor, extra, share in e.shares
            ],
            {
                3: HOURS_FORMAT,
                4: HOURS_FORMAT,
                5: HOURS_FORMAT,
                8: EURO_FORMAT,
                9: EURO_FORMAT,
                10: EURO_FORMAT,
            },
        )
