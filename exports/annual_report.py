"""The GE's annual activity report (rapport d'activité annuel, jaarlijks activiteitenverslag)
to the federal employment ministry (SPF ETCS), as PDF and as a workbook.

A GE reports each year to the président du comité de direction of the SPF ETCS (law of
12 August 2000, art. 186-193, amended by the law of 5 March 2017); the law found sets no
form and no mandatory content (``research/legal.md`` §1.8), so the report gathers what
the authorisation hangs on (DOMAIN.md §1, §8): the members with their dates of entry and
exit, the workers with their contracts and the hours they worked that year, the headcount
of every day against the cap (its peak, its average, the days at or above the alert
threshold and above the cap), the hours each member received, the derogations the GE
used, and the findings of the year counted per rule and severity.

Plain data in, bytes out: the application builds the ``AnnualReport`` from the database;
the writers only add up (totals, the headcount's figures) and lay out, in the GE's
language: the texts from the ``exports`` catalogue, the figures written by
``allocation.formats``; every workbook cell through ``exports.cells``.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from allocation import formats
from allocation.translations import N_

from .cells import DATE_FORMAT, Book, CellValue
from .document import Party
from .formats import named_with_form, t
from .pdf import BOLD, REGULAR, compact_table_style, euros, field, header_row, hours, styles
from .pdf import a4_page as _a4_page
from .xlsx import EURO_FORMAT, HOURS_FORMAT, facts_sheet, write_sheet

ZERO_HOURS = Decimal("0.00")
ZERO = Decimal("0.00")
CONTRACT_TYPES = {
    "open_ended": N_("report.contract_type.open_ended"),
    "fixed_term": N_("report.contract_type.fixed_term"),
    "specific_work": N_("report.contract_type.specific_work"),
    "replacement": N_("report.contract_type.replacement"),
    "student": N_("report.contract_type.student"),
    "flexi_job": N_("report.contract_type.flexi_job"),
    "occasional_horeca": N_("report.contract_type.occasional_horeca"),
}
DEROGATION_KINDS = {
    "cct": N_("report.derogation_kind.cct"),
    "royal_decree": N_("report.derogation_kind.royal_decree"),
    "work_rules": N_("report.derogation_kind.work_rules"),
    "ministerial": N_("report.derogation_kind.ministerial"),
    "other": N_("report.derogation_kind.other"),
}
SEVERITIES = {
    "blocking": N_("report.severity.blocking"),
    "warning": N_("report.severity.warning"),
    "info": N_("report.severity.info"),
}


def _label(labels: dict[str, str], value: str, language: str) -> str:
    """A stored value by its label, or as it is when the catalogue has none."""
    return t(labels[value], language) if value in labels else value


@dataclass(frozen=True)
class ReportMember:
    """A member of the GE at some time in the year, with its dates in the register."""

    name: str
    enterprise_number: str
    joined_on: date
    left_on: date | None


@dataclass(frozen=True)
class ReportContract:
    """A contract of a worker that runs at some time in the year."""

    contract_type: str  # ``ContractType``'s value
    weekly_hours: Decimal
    starts_on: date
    ends_on: date | None
    joint_committee: str


@dataclass(frozen=True)
class ReportWorker:
    """A worker of the year: its contracts, and the hours billed for it in the year's
    issued invoices (worked and paid absence), net of credit notes."""

    name: str
    contracts: tuple[ReportContract, ...]
    worked_hours: Decimal
    absence_hours: Decimal

    @property
    def total_hours(self) -> Decimal:
        return self.worked_hours + self.absence_hours


@dataclass(frozen=True)
class HeadcountSpan:
    """Days from ``first`` to ``last`` on which the GE had ``count`` workers under contract."""

    first: date
    last: date
    count: int

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class Headcount:
    """The headcount of each day of the year against the cap (GE-CAP-50) and its alert
    threshold (``alert_percent`` of the cap, rounded up: 45 for 90 % of 50)."""

    cap: int
    alert_percent: int
    spans: tuple[HeadcountSpan, ...]

    @property
    def threshold(self) -> int:
        return -(-self.cap * self.alert_percent // 100)

    def per_day(self) -> list[tuple[date, int]]:
        return [
            (span.first + timedelta(days=offset), span.count)
            for span in self.spans
            for offset in range(span.days)
        ]

    @property
    def days(self) -> int:
        return sum(span.days for span in self.spans)

    @property
    def maximum(self) -> int:
        return max((span.count for span in self.spans), default=0)

    @property
    def maximum_on(self) -> date | None:
        """The first day the peak was reached."""
        return next((s.first for s in self.spans if s.count == self.maximum), None)

    @property
    def average(self) -> Decimal:
        """Workers on an average day, to the hundredth (half up)."""
        if not self.days:
            return ZERO
        total = Decimal(sum(span.count * span.days for span in self.spans))
        return (total / self.days).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def days_near_cap(self) -> int:
        """Days at or above the alert threshold (GE-CAP-WARN)."""
        return sum(span.days for span in self.spans if span.count >= self.threshold)

    @property
    def days_over_cap(self) -> int:
        return sum(span.days for span in self.spans if span.count > self.cap)


@dataclass(frozen=True)
class MemberHours:
    """What a member received in the year, from its issued invoices less its credit notes:
    hours worked and of paid absence, and the amount billed before VAT."""

    member: str
    worked_hours: Decimal
    absence_hours: Decimal
    billed: Decimal

    @property
    def total_hours(self) -> Decimal:
        return self.worked_hours + self.absence_hours


@dataclass(frozen=True)
class DerogationUsed:
    """A derogation in force at some time in the year: the rule it silences, where it
    comes from, its reference and its dates."""

    rule_id: str
    kind: str  # ``DerogationKind``'s value
    reference: str
    starts_on: date
    ends_on: date | None


@dataclass(frozen=True)
class FindingCount:
    """How many findings of one rule and severity the year's days hold."""

    rule_id: str
    severity: str  # blocking, warning, info
    count: int


@dataclass(frozen=True)
class AnnualReport:
    """The GE's ``year``, as its report to the SPF ETCS shows it, in ``language``."""

    language: str
    groupement: Party
    year: int
    authorisation_reference: str | None
    authorisation_date: date | None
    joint_committee: str | None
    members: tuple[ReportMember, ...]
    workers: tuple[ReportWorker, ...]
    headcount: Headcount
    member_hours: tuple[MemberHours, ...]
    derogations: tuple[DerogationUsed, ...] = ()
    findings: tuple[FindingCount, ...] = ()
    made_on: date | None = None

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)

    @property
    def worked_hours(self) -> Decimal:
        return sum((m.worked_hours for m in self.member_hours), ZERO_HOURS)

    @property
    def absence_hours(self) -> Decimal:
        return sum((m.absence_hours for m in self.member_hours), ZERO_HOURS)

    @property
    def billed(self) -> Decimal:
        return sum((m.billed for m in self.member_hours), ZERO)

    def members_on(self, day: date) -> int:
        return sum(
            1
            for m in self.members
            if m.joined_on <= day and (m.left_on is None or day <= m.left_on)
        )


def title(report: AnnualReport) -> str:
    return t("report.title", report.language, year=report.year)


def _day(value: date | None, language: str) -> str:
    return formats.day_numeric(value, language) if value else "—"


def _summary(report: AnnualReport) -> list[tuple[str, CellValue, str | None]]:
    """The key figures, one a row: label, typed value, its number format."""
    lang, count = report.language, report.headcount
    return [
        (t("report.groupement", lang), report.groupement.name, None),
        (t("enterprise", lang), report.groupement.enterprise_number, None),
        (t("report.year", lang), report.year, None),
        (t("report.authorisation", lang), report.authorisation_reference or "", None),
        (t("report.authorisation_date", lang), report.authorisation_date, DATE_FORMAT),
        (t("report.joint_committee", lang), report.joint_committee or "", None),
        (t("report.members_in_year", lang), len(report.members), None),
        (t("report.members_at_end", lang), report.members_on(report.last), None),
        (t("report.workers_in_year", lang), len(report.workers), None),
        (t("report.headcount_cap", lang), count.cap, None),
        (t("report.headcount_max", lang), count.maximum, None),
        (t("report.headcount_max_on", lang), count.maximum_on, DATE_FORMAT),
        (t("report.headcount_average", lang), count.average, HOURS_FORMAT),
        (
            t("report.days_near_cap", lang, percent=count.alert_percent, threshold=count.threshold),
            count.days_near_cap,
            None,
        ),
        (t("report.days_over_cap", lang, cap=count.cap), count.days_over_cap, None),
        (t("report.worked_hours", lang), report.worked_hours, HOURS_FORMAT),
        (t("report.absence_hours", lang), report.absence_hours, HOURS_FORMAT),
        (t("report.billed", lang), report.billed, EURO_FORMAT),
        (t("report.derogations_count", lang), len(report.derogations), None),
        (t("report.findings_count", lang), sum(f.count for f in report.findings), None),
    ]


def _pdf_value(value: CellValue, number_format: str | None, language: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return formats.day(value, language)
    if number_format == EURO_FORMAT and isinstance(value, Decimal):
        return euros(value, language)
    if isinstance(value, Decimal):
        return hours(value, language)
    return str(value)


# -- PDF --------------------------------------------------------------------------------


def annual_report_pdf(report: AnnualReport) -> bytes:
    """The report on A4: the GE and its key figures, then one section a table."""
    lang = report.language
    normal, small, title_style, heading = styles()
    output = BytesIO()
    page = _a4_page(output, title=title(report), author=report.groupement.name)
    name = named_with_form(report.groupement.name, report.groupement.legal_form, lang)
    story: list[Flowable] = [
        Paragraph(escape(title(report)), title_style),
        Paragraph(f"<b>{escape(name)}</b>", normal),
        Paragraph(escape(t("report.addressee", lang)), normal),
    ]
    period = t(
        "report.period",
        lang,
        first=formats.day(report.first, lang),
        last=formats.day(report.last, lang),
    )
    story.append(Paragraph(escape(period), normal))
    if report.made_on is not None:
        made = field(t("report.made_on", lang), formats.day(report.made_on, lang), lang)
        story.append(Paragraph(escape(made), normal))
    story.append(Spacer(1, 5 * mm))

    story += [Paragraph(escape(t("report.section.summary", lang)), heading)]
    summary = [
        [Paragraph(escape(label), small), _pdf_value(value, number_format, lang)]
        for label, value, number_format in _summary(report)
    ]
    table = Table(summary, colWidths=[110 * mm, 64 * mm])
    style = compact_table_style()
    style.add("FONTNAME", (0, 0), (-1, 0), REGULAR)
    style.add("BACKGROUND", (0, 0), (-1, 0), colors.white)
    style.add("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d7de"))
    table.setStyle(style)
    story += [table, Spacer(1, 5 * mm)]

    for heading_id, rows, widths, right_from in _sections(report):
        block: list[Flowable] = [Paragraph(escape(t(heading_id, lang)), heading)]
        if len(rows) == 1:
            block.append(Paragraph(escape(t("report.none", lang)), normal))
        else:
            header, *body = rows
            # Text columns wrap within their width; figures stay on one line.
            cells: list[list[str | Paragraph]] = [
                [Paragraph(escape(c), small) if i < right_from else c for i, c in enumerate(row)]
                for row in body
            ]
            table = Table(
                [header_row(header, right_from), *cells],
                colWidths=[w * mm for w in widths],
                repeatRows=1,
            )
            style = compact_table_style()
            style.add("ALIGN", (0, 1), (right_from - 1, -1), "LEFT")
            if heading_id == "report.section.member_hours" and report.member_hours:
                style.add("FONTNAME", (0, -1), (-1, -1), BOLD)
                style.add("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.grey)
            table.setStyle(style)
            block.append(table)
        story += [KeepTogether(block), Spacer(1, 5 * mm)]
    story.append(Paragraph(escape(t("report.note", lang)), small))
    page.build(story)
    return output.getvalue()


def _sections(report: AnnualReport) -> list[tuple[str, list[list[str]], list[float], int]]:
    """Each section's heading, rows (the header first, as text), column widths (mm) and
    the first column of figures."""
    lang = report.language
    members = [
        [
            t("member", lang),
            t("enterprise", lang),
            t("report.joined_on", lang),
            t("report.left_on", lang),
        ]
    ] + [
        [m.name, m.enterprise_number, _day(m.joined_on, lang), _day(m.left_on, lang)]
        for m in report.members
    ]
    workers = [
        [
            t("worker", lang),
            t("report.contract_type", lang),
            t("report.weekly_hours", lang),
            t("report.starts_on", lang),
            t("report.ends_on", lang),
            t("report.worked_hours", lang),
            t("report.absence_hours", lang),
        ]
    ]
    for worker in report.workers:
        for index, contract in enumerate(worker.contracts or (None,)):
            first = index == 0
            workers.append(
                [
                    worker.name if first else "",
                    _label(CONTRACT_TYPES, contract.contract_type, lang) if contract else "—",
                    hours(contract.weekly_hours, lang) if contract else "",
                    _day(contract.starts_on, lang) if contract else "",
                    _day(contract.ends_on, lang) if contract else "",
                    hours(worker.worked_hours, lang) if first else "",
                    hours(worker.absence_hours, lang) if first else "",
                ]
            )
    count = report.headcount
    headcount = [
        [
            t("report.from", lang),
            t("report.to", lang),
            t("report.days", lang),
            t("report.workers", lang),
            t("report.headcount_cap", lang),
        ]
    ] + [
        [_day(s.first, lang), _day(s.last, lang), str(s.days), str(s.count), str(count.cap)]
        for s in count.spans
    ]
    per_member = [
        [
            t("member", lang),
            t("report.worked_hours", lang),
            t("report.absence_hours", lang),
            t("report.total_hours", lang),
            t("report.billed", lang),
        ]
    ] + [
        [
            m.member,
            hours(m.worked_hours, lang),
            hours(m.absence_hours, lang),
            hours(m.total_hours, lang),
            euros(m.billed, lang),
        ]
        for m in report.member_hours
    ]
    if report.member_hours:
        per_member.append(
            [
                t("total_plain", lang),
                hours(report.worked_hours, lang),
                hours(report.absence_hours, lang),
                hours(report.worked_hours + report.absence_hours, lang),
                euros(report.billed, lang),
            ]
        )
    derogations = [
        [
            t("rule", lang),
            t("report.derogation_kind", lang),
            t("report.reference", lang),
            t("report.starts_on", lang),
            t("report.ends_on", lang),
        ]
    ] + [
        [
            d.rule_id,
            _label(DEROGATION_KINDS, d.kind, lang),
            d.reference,
            _day(d.starts_on, lang),
            _day(d.ends_on, lang),
        ]
        for d in report.derogations
    ]
    findings = [[t("rule", lang), t("severity", lang), t("report.count", lang)]] + [
        [f.rule_id, _label(SEVERITIES, f.severity, lang), str(f.count)] for f in report.findings
    ]
    return [
        (N_("report.section.members"), members, [70, 34, 35, 35], 4),
        (N_("report.section.workers"), workers, [40, 32, 16, 21, 21, 22, 22], 5),
        (N_("report.section.headcount"), headcount, [35, 35, 30, 37, 37], 2),
        (N_("report.section.member_hours"), per_member, [62, 26, 26, 26, 34], 1),
        (N_("report.section.derogations"), derogations, [28, 34, 70, 21, 21], 5),
        (N_("report.section.findings"), findings, [60, 64, 50], 2),
    ]


# -- workbook ---------------------------------------------------------------------------


def annual_report_workbook(report: AnnualReport) -> bytes:
    """The report as a workbook, one sheet a section: typed cells (dates, hours, euros),
    frozen headers, filters; values, not formulas."""
    with Book() as book:
        _annual_report_sheets(book, report)
    return book.data


def _annual_report_sheets(book: Book, report: AnnualReport) -> None:
    lang = report.language
    _summary_sheet(book, report)
    write_sheet(
        book,
        t("report.sheet.members", lang),
        [
            t("member", lang),
            t("enterprise", lang),
            t("report.joined_on", lang),
            t("report.left_on", lang),
        ],
        [[m.name, m.enterprise_number, m.joined_on, m.left_on] for m in report.members],
        {3: DATE_FORMAT, 4: DATE_FORMAT},
    )
    worker_rows: list[list[CellValue]] = [
        [
            worker.name,
            _label(CONTRACT_TYPES, contract.contract_type, lang),
            contract.weekly_hours,
            contract.starts_on,
            contract.ends_on,
            contract.joint_committee,
        ]
        for worker in report.workers
        for contract in worker.contracts
    ]
    write_sheet(
        book,
        t("report.sheet.contracts", lang),
        [
            t("worker", lang),
            t("report.contract_type", lang),
            t("report.weekly_hours", lang),
            t("report.starts_on", lang),
            t("report.ends_on", lang),
            t("report.joint_committee", lang),
        ],
        worker_rows,
        {3: HOURS_FORMAT, 4: DATE_FORMAT, 5: DATE_FORMAT},
    )
    write_sheet(
        book,
        t("report.sheet.workers", lang),
        [
            t("worker", lang),
            t("report.contracts", lang),
            t("report.worked_hours", lang),
            t("report.absence_hours", lang),
            t("report.total_hours", lang),
        ],
        [
            [w.name, len(w.contracts), w.worked_hours, w.absence_hours, w.total_hours]
            for w in report.workers
        ],
        {3: HOURS_FORMAT, 4: HOURS_FORMAT, 5: HOURS_FORMAT},
    )
    count = report.headcount
    write_sheet(
        book,
        t("report.sheet.headcount", lang),
        [t("report.day", lang), t("report.workers", lang), t("report.headcount_cap", lang)],
        [[day, workers, count.cap] for day, workers in count.per_day()],
        {1: DATE_FORMAT},
    )
    write_sheet(
        book,
        t("report.sheet.member_hours", lang),
        [
            t("member", lang),
            t("report.worked_hours", lang),
            t("report.absence_hours", lang),
            t("report.total_hours", lang),
            t("report.billed", lang),
        ],
        [
            [m.member, m.worked_hours, m.absence_hours, m.total_hours, m.billed]
            for m in report.member_hours
        ],
        {2: HOURS_FORMAT, 3: HOURS_FORMAT, 4: HOURS_FORMAT, 5: EURO_FORMAT},
    )
    write_sheet(
        book,
        t("report.sheet.derogations", lang),
        [
            t("rule", lang),
            t("report.derogation_kind", lang),
            t("report.reference", lang),
            t("report.starts_on", lang),
            t("report.ends_on", lang),
        ],
        [
            [d.rule_id, _label(DEROGATION_KINDS, d.kind, lang), d.reference, d.starts_on, d.ends_on]
            for d in report.derogations
        ],
        {4: DATE_FORMAT, 5: DATE_FORMAT},
    )
    write_sheet(
        book,
        t("report.sheet.findings", lang),
        [t("rule", lang), t("severity", lang), t("report.count", lang)],
        [[f.rule_id, _label(SEVERITIES, f.severity, lang), f.count] for f in report.findings],
        {},
    )


def _summary_sheet(book: Book, report: AnnualReport) -> None:
    """The key figures, one a row, each typed with its own number format."""
    lang = report.language
    facts = _summary(report)
    facts_sheet(
        book, t("report.sheet.summary", lang), [t("report.item", lang), t("value", lang)], facts
    )
