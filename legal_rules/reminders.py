"""Reminders: what the daily sweep tells a GE before it becomes a breach.

Each function reads plain facts and a day and returns findings, like the rules; the
scheduler's sweep (``app/jobs``) turns them into notifications.

- CONTRACT-END: a contract ends within the GE's notice (30 days by default): renew,
  replace, or let the members know their hours stop.
- GE-CAP-ALERT: the headcount reaches the GE's alert threshold (90 % of the cap by
  default) within the notice; GE-CAP-50-ALERT: it is above the cap, and « l'autorisation
  prend fin automatiquement » three months later (loi du 12 août 2000, mod. 2017).
- GE-REPORT-01: the annual activity report for last year is not recorded as sent to the
  SPF ETCS (loi du 12 août 2000, mod. loi du 5 mars 2017): an INFO 60 days before the
  GE's due day, a WARNING after it. The law found sets no date: the GE sets it.
- INV-DEADLINE: a month's invoice is due by the 15th of the next month (AR n° 1, art. 4
  §1): a reminder from the 10th while the month is not issued, a warning after the 15th.
- MONTH-CLOSE: from the 5th of the next month, each step of the month's close still open
  (timesheets reviewed, prestations exported, payroll imported and compared with the
  model, the draft, the issue): the secretariat needs the prestations early in the month
  and the invoices are due by the 15th.
"""

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from allocation.translations import N_

from .model import ContractFacts, Finding, Rule, Severity, phrase
from .periods import Segment
from .references import GE_CAP

REPORT_NOTICE = timedelta(days=60)
INVOICE_REMINDER_DAY = 10
INVOICE_DEADLINE_DAY = 15
MONTH_CLOSE_DAY = 5
# The steps of a month's close, in order (``app.services.month_close``), and their words.
MONTH_CLOSE_STEPS = {
    "reviewed": N_("MONTH-CLOSE.step.reviewed"),
    "exported": N_("MONTH-CLOSE.step.exported"),
    "payroll_imported": N_("MONTH-CLOSE.step.payroll_imported"),
    "payroll_compared": N_("MONTH-CLOSE.step.payroll_compared"),
    "drafted": N_("MONTH-CLOSE.step.drafted"),
    "issued": N_("MONTH-CLOSE.step.issued"),
}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def contracts_ending(
    today: date, contracts: Iterable[ContractFacts], notice_days: int
) -> list[Finding]:
    horizon = today + timedelta(days=notice_days)
    return [
        CONTRACT_END.finding(
            c.ends_on,
            c.ends_on,
            (("contract", c.id), ("worker", c.worker_id)),
            worker=c.worker_name,
            date=c.ends_on,
            days=(c.ends_on - today).days,
        )
        for c in sorted(contracts, key=lambda c: (c.ends_on or date.max, c.id))
        if c.ends_on is not None and today <= c.ends_on <= horizon
    ]


def alert_threshold(cap: int, percent: int) -> int:
    """``percent`` of the cap, rounded up, in whole workers (45 for 90 % of 50)."""
    return -(-cap * percent // 100)


def headcount(today: date, segments: list[Segment], cap: int, percent: int) -> list[Finding]:
    """Segments from some months back to the notice ahead: above the cap since when (and
    the authorisation's end), else the peak from today if it reaches the alert."""
    over = [s for s in segments if s.value > cap]
    if over:
        # The cap's clock starts on the first day of the run of days above it that is
        # still going on (or coming); an earlier, closed run is history.
        current = [s for s in over if s.last >= today]
        if current:
            since = current[0].first
            for segment in reversed([s for s in segments if s.last < current[0].first]):
                if segment.value <= cap:
                    break
                since = segment.first
            top = max(s.value for s in over if s.last >= since)
            return [
                CAP_EXCEEDED.finding(
                    since, since, (), count=top, cap=cap, date=since, end=add_months(since, 3)
                )
            ]
    ahead = [s for s in segments if s.last >= today]
    threshold = alert_threshold(cap, percent)
    near = [s for s in ahead if s.value >= threshold]
    if not near:
        return []
    top = max(s.value for s in near)
    first = max(today, near[0].first)
    return [CAP_ALERT.finding(first, first, (), count=top, cap=cap, percent=percent, date=first)]


def annual_report(
    today: date, last_year_reported: int | None, due_month: int, due_day: int, active: bool
) -> list[Finding]:
    """``active``: the GE employed someone last year (a report is owed for it)."""
    year = today.year - 1
    if not active or (last_year_reported is not None and last_year_reported >= year):
        return []
    due = date(today.year, due_month, min(due_day, calendar.monthrange(today.year, due_month)[1]))
    if today > due:
        return [REPORT_LATE.finding(due, due, (), year=year, date=due)]
    if today >= due - REPORT_NOTICE:
        return [REPORT_SOON.finding(due, due, (), year=year, date=due)]
    return []


def invoice_deadline(today: date, issued: bool, billable: bool) -> list[Finding]:
    """Last month, from the 10th of this one: not yet issued though it has work to bill."""
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    if issued or not billable or today.day < INVOICE_REMINDER_DAY:
        return []
    deadline = today.replace(day=INVOICE_DEADLINE_DAY)
    rule = INVOICE_LATE if today > deadline else INVOICE_DUE
    return [rule.finding(month, month, (), period=f"{month:%m/%Y}", date=deadline)]


def month_close(today: date, month: date, open_steps: Iterable[str]) -> list[Finding]:
    """One finding per step of ``month``'s close still open, from the 5th of the next
    month on (none before), in the order given."""
    if today < add_months(month.replace(day=1), 1).replace(day=MONTH_CLOSE_DAY):
        return []
    return [
        MONTH_CLOSE.finding(
            month, month, (), period=f"{month:%m/%Y}", step=phrase(MONTH_CLOSE_STEPS[step])
        )
        for step in open_steps
    ]


CONTRACT_END = Rule(
    id="CONTRACT-END",
    severity=Severity.INFO,
    reference=N_("CONTRACT-END.reference"),
    message=N_("CONTRACT-END"),
)
CAP_ALERT = Rule(
    id="GE-CAP-ALERT",
    severity=Severity.WARNING,
    reference=GE_CAP,
    message=N_("GE-CAP-ALERT"),
)
CAP_EXCEEDED = Rule(
    id="GE-CAP-50-ALERT",
    severity=Severity.BLOCKING,
    reference=GE_CAP,
    message=N_("GE-CAP-50-ALERT"),
)
_REPORT_REFERENCE = N_("GE-REPORT-01.reference")
REPORT_SOON = Rule(
    id="GE-REPORT-01",
    severity=Severity.INFO,
    reference=_REPORT_REFERENCE,
    message=N_("GE-REPORT-01.soon"),
)
REPORT_LATE = Rule(
    id="GE-REPORT-01",
    severity=Severity.WARNING,
    reference=_REPORT_REFERENCE,
    message=N_("GE-REPORT-01.late"),
)
_INVOICE_REFERENCE = N_("reference.invoice_deadline")
INVOICE_DUE = Rule(
    id="INV-DEADLINE",
    severity=Severity.INFO,
    reference=_INVOICE_REFERENCE,
    message=N_("INV-DEADLINE.due"),
)
INVOICE_LATE = Rule(
    id="INV-DEADLINE",
    severity=Severity.WARNING,
    reference=_INVOICE_REFERENCE,
    message=N_("INV-DEADLINE.late"),
)
DRAFT_READY = Rule(
    id="BILL-DRAFT",
    severity=Severity.INFO,
    reference=_INVOICE_REFERENCE,
    message=N_("BILL-DRAFT.ready"),
)
DRAFT_BLOCKED = Rule(
    id="BILL-DRAFT",
    severity=Severity.BLOCKING,
    reference=_INVOICE_REFERENCE,
    message=N_("BILL-DRAFT.blocked"),
)
MONTH_CLOSE = Rule(
    id="MONTH-CLOSE",
    severity=Severity.INFO,
    reference=N_("MONTH-CLOSE.reference"),
    message=N_("MONTH-CLOSE"),
)
