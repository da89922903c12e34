"""A worker's or a member's planned month on paper (reportlab, like the invoices).

A worker's schedule lists the month day by day: which member, which hours, how long,
then the hours per member and where each member is. A member's lists who comes which
day at which hours, then the hours per worker. Both are what is planned: the shifts of
the weekly schedules (``legal_rules.shifts.planned_shifts``), public holidays and
replacement days left out and marked as such; recorded absences and extra hours are not
on it, and the paper says so.

A night shift belongs to the day it starts (22:00 – 06:00 on Monday is Monday's, ending
the next day). Everything is in the reader's language (``Schedule.language``): the
texts from the ``exports`` catalogue, the days, times and hours written by
``allocation.formats``. Plain data in, bytes out: the application builds the
``Schedule`` from its shifts.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from io import BytesIO
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from allocation import formats
from allocation.translations import N_

from .formats import t
from .pdf import BOLD, REGULAR, _printable, a4_page, styles

Kind = Literal["worker", "member"]


@dataclass(frozen=True)
class Visit:
    """One planned shift as a paper or a feed shows it: when (Brussels wall time; the end
    may be the next day), with whom (the member on a worker's schedule, the worker on a
    member's), where (the member's address on a worker's schedule) and a stable id."""

    starts: datetime
    ends: datetime
    who: str
    where: str
    uid: str

    @property
    def day(self) -> date:
        """The day it belongs to: the day it starts."""
        return self.starts.date()

    @property
    def minutes(self) -> int:
        return int((self.ends - self.starts).total_seconds()) // 60


@dataclass(frozen=True)
class Schedule:
    """Whose schedule (``kind``, ``owner``), of which GE, from ``first`` to ``last``, in
    which language; its visits in time order and the public holidays and replacement days
    of the period (when nobody is planned)."""

    kind: Kind
    owner: str
    groupement: str
    first: date
    last: date
    language: str
    visits: tuple[Visit, ...]
    days_off: frozenset[date] = frozenset()
    made_on: date | None = None

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


@dataclass(frozen=True)
class DayLine:
    """What one day holds for one member (on a worker's schedule) or one worker (on a
    member's): their visits that day in time order, read as one line ("08:30 – 12:30,
    13:00 – 16:36", 7 h 36)."""

    day: date
    who: str
    visits: tuple[Visit, ...]

    @property
    def minutes(self) -> int:
        return sum(visit.minutes for visit in self.visits)


def day_lines(schedule: Schedule) -> dict[date, list[DayLine]]:
    """Each day's lines, in the order of their first start."""
    grouped: dict[tuple[date, str], list[Visit]] = defaultdict(list)
    for visit in sorted(schedule.visits, key=lambda v: (v.starts, v.who)):
        grouped[(visit.day, visit.who)].append(visit)
    lines: dict[date, list[DayLine]] = defaultdict(list)
    for (day, who), visits in grouped.items():
        lines[day].append(DayLine(day, who, tuple(visits)))
    return lines


TITLES = {"worker": N_("schedule.worker_title"), "member": N_("schedule.member_title")}
WHO = {"worker": N_("schedule.member"), "member": N_("schedule.worker")}
TOTALS = {"worker": N_("schedule.totals_per_member"), "member": N_("schedule.totals_per_worker")}


def hours_of(visit: Visit, language: str) -> str:
    """ "09:00 – 12:30"; a shift ending the next day says so: "22:00 – 06:00 (lendemain)"."""
    span = t(
        "schedule.span",
        language,
        start=formats.clock(visit.starts.time(), language),
        end=formats.clock(visit.ends.time(), language),
    )
    if visit.ends.date() > visit.day:
        return t("schedule.ends_next_day", language, span=span)
    return span


def duration(minutes: int, language: str) -> str:
    return _printable(formats.minutes(minutes, language))


def title(schedule: Schedule) -> str:
    lang = schedule.language
    return t(
        TITLES[schedule.kind],
        lang,
        name=schedule.owner,
        # The month stays on one line when a long name wraps the title.
        month=formats.month(schedule.first, lang).replace(" ", formats.NO_BREAK),
    )


def schedule_pdf(schedule: Schedule) -> bytes:
    """The month's schedule as a PDF of one or two A4 pages."""
    lang = schedule.language
    normal, small, heading_style, subheading = styles()
    output = BytesIO()
    page = a4_page(output, title=title(schedule), author=schedule.groupement)
    story: list[Flowable] = [Paragraph(escape(title(schedule)), heading_style)]
    facts = [escape(schedule.groupement)]
    if schedule.made_on is not None:
        facts.append(t("schedule.made_on", lang, day=formats.day(schedule.made_on, lang)))
    story += [Paragraph(" — ".join(facts), normal), Spacer(1, 4 * mm)]

    lines = day_lines(schedule)
    rows: list[list[str | Paragraph]] = [
        [
            t("schedule.day", lang),
            t(WHO[schedule.kind], lang),
            t("schedule.hours", lang),
            t("schedule.duration", lang),
        ]
    ]
    weekend_rows: list[int] = []
    day_starts: list[int] = []
    for day in schedule.days():
        todays = lines.get(day, [])
        day_starts.append(len(rows))
        if day.weekday() >= 5:
            weekend_rows.extend(range(len(rows), len(rows) + max(1, len(todays))))
        label = formats.day_of_month(day, lang)
        if not todays:
            note = t("schedule.day_off", lang) if day in schedule.days_off else "—"
            rows.append([label, note, "", ""])
            continue
        for index, line in enumerate(todays):
            rows.append(
                [
                    label if index == 0 else "",
                    Paragraph(escape(line.who), small),
                    Paragraph(", ".join(hours_of(visit, lang) for visit in line.visits), small),
                    duration(line.minutes, lang),
                ]
            )
    table = Table(rows, colWidths=[30 * mm, 66 * mm, 60 * mm, 18 * mm], repeatRows=1)
    style = _style()
    for row in weekend_rows:
        style.add("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f4f4f4"))
    for row in day_starts[1:]:
        style.add("LINEABOVE", (0, row), (-1, row), 0.25, colors.HexColor("#d0d7de"))
    table.setStyle(style)
    story += [table, Spacer(1, 6 * mm)]

    story.append(
        KeepTogether([Paragraph(t(TOTALS[schedule.kind], lang), subheading), _totals(schedule)])
    )
    if schedule.kind == "worker":
        places = sorted({(visit.who, visit.where) for visit in schedule.visits if visit.where})
        if places:
            story += [Spacer(1, 5 * mm), Paragraph(t("schedule.addresses", lang), subheading)]
            story += [
                Paragraph(f"<b>{escape(who)}</b> — {escape(where)}", normal)
                for who, where in places
            ]
    story += [Spacer(1, 5 * mm), Paragraph(t("schedule.planned_only", lang), small)]
    page.build(story)
    return output.getvalue()


def _totals(schedule: Schedule) -> Table:
    """Days and hours per member (a worker's schedule) or per worker (a member's)."""
    lang = schedule.language
    minutes: dict[str, int] = defaultdict(int)
    days: dict[str, set[date]] = defaultdict(set)
    for visit in schedule.visits:
        minutes[visit.who] += visit.minutes
        days[visit.who].add(visit.day)
    rows: list[list[str | Paragraph]] = [
        [t(WHO[schedule.kind], lang), t("schedule.days", lang), t("schedule.total", lang)]
    ]
    small = ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=10)
    for who in sorted(minutes):
        rows.append(
            [Paragraph(escape(who), small), str(len(days[who])), duration(minutes[who], lang)]
        )
    all_days = {visit.day for visit in schedule.visits}
    rows.append(
        [
            t("schedule.all", lang),
            str(len(all_days)),
            duration(sum(minutes.values()), lang),
        ]
    )
    table = Table(rows, colWidths=[96 * mm, 24 * mm, 30 * mm], hAlign="LEFT")
    style = _style()
    style.add("FONTNAME", (0, -1), (-1, -1), BOLD)
    style.add("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.grey)
    table.setStyle(style)
    return table


def _style() -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LEADING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
            ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f5")),
        ]
    )
