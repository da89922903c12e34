"""The payroll reconciliation (issue 18, item 4): per worker and month with an imported
payroll row, the model's cost and the secretariat's by component, the gaps, and where
the model should be corrected (``allocation.reconciliation``).

Each month is ``month_close.payroll_comparisons``, the comparison step 4 of the month's
close reads: one computation for both. Reads only."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation import reconciliation as rec
from allocation.calendar import FIRST_DAY, LAST_DAY
from allocation.costs import CostRates
from exports import reconciliation as book

from ..auth import Principal
from ..errors import Forbidden, InvalidInput
from ..i18n import N_
from ..models import Groupement, Worker
from ..models.enums import Role
from . import billing, month_close

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class WorkerMonth:
    worker_id: int
    name: str
    month: date
    comparison: rec.Comparison
    flagged: bool


@dataclass(frozen=True)
class MonthSummary:
    month: date
    workers: int
    comparison: rec.Comparison  # the month's workers together
    flagged: bool  # the total, or a component, above the threshold


@dataclass(frozen=True)
class Reconciliation:
    first: date
    last: date  # the first day of the last month
    threshold: Decimal
    rows: list[WorkerMonth]
    months: list[MonthSummary]
    corrections: list[rec.Correction]
    rates: dict[int, CostRates]


def parse(period: str) -> tuple[date, date]:
    """ "2026" -> January to December 2026, "2026-05" -> May 2026 alone (the first days
    of the first and last months). Anything else is a 422 on ``period``."""
    if YEAR.fullmatch(period or "") and FIRST_DAY.year <= int(period) <= LAST_DAY.year:
        year = int(period)
        return date(year, 1, 1), date(year, 12, 1)
    try:
        month = billing.parse_period(period)
    except InvalidInput:
        raise InvalidInput({"period": [N_("reconciliation.bad_period")]}) from None
    return month, month


def reconciliation(
    session: Session, groupement: Groupement, first: date, last: date
) -> Reconciliation:
    """The GE's months from ``first``'s to ``last``'s: each worker's month with an
    imported row, each month's sum, and the corrections the gaps point to."""
    threshold = groupement.payroll_gap_percent
    rows: list[WorkerMonth] = []
    summaries: list[MonthSummary] = []
    by_month: dict[date, rec.Comparison] = {}
    compared = {
        month: month_close.payroll_comparisons(session, groupement, month)
        for month in rec.months_between(first, last)
    }
    ids = {worker for found in compared.values() for worker in found}
    names = {
        row.id: f"{row.last_name} {row.first_name}"
        for row in session.execute(
            select(Worker.id, Worker.last_name, Worker.first_name).where(
                Worker.groupement_id == groupement.id, Worker.id.in_(list(ids))
            )
        )
    }
    for month, found in compared.items():
        if not found:
            continue
        for worker, comparison in sorted(found.items(), key=lambda i: (names[i[0]], i[0])):
            rows.append(
                WorkerMonth(worker, names[worker], month, comparison, comparison.flagged(threshold))
            )
        together = rec.summed(found.values())
        by_month[month] = together
        summaries.append(
            MonthSummary(
                month,
                len(found),
                together,
                any(gap.exceeds(threshold) for gap in together.gaps),
            )
        )
    rates = {
        year: billing.cost_rates(session, groupement.id, year)
        for year in sorted({month.year for month in by_month})
    }
    return Reconciliation(
        first.replace(day=1),
        last.replace(day=1),
        threshold,
        rows,
        summaries,
        rec.corrections(by_month, rates, threshold),
        rates,
    )


def for_principal(session: Session, principal: Principal, period: str) -> Reconciliation:
    """The reconciliation of a period (YYYY or YYYY-MM) of the principal's GE: its staff
    only, a member user is refused (403)."""
    if principal.role is Role.MEMBER:
        raise Forbidden()
    first, last = parse(period)
    groupement = session.get_one(Groupement, principal.groupement_id)
    return reconciliation(session, groupement, first, last)


def label(first: date, last: date) -> str:
    """The period as the file name and the API write it: 2026 or 2026-05."""
    if first == last:
        return f"{first:%Y-%m}"
    if first.month == 1 and last.month == 12 and first.year == last.year:
        return f"{first:%Y}"
    return f"{first:%Y-%m}_{last:%Y-%m}"


def workbook(
    session: Session, principal: Principal, period: str, language: str
) -> tuple[bytes, str, str]:
    """The reconciliation as a workbook in the reader's language: bytes, content type,
    file name."""
    found = for_principal(session, principal, period)
    return (
        book.workbook(as_book(found), language),
        XLSX,
        f"rapprochement-paie-{label(found.first, found.last)}.xlsx",
    )


def as_book(found: Reconciliation) -> book.Reconciliation:
    """The plain data the writer takes."""
    return book.Reconciliation(
        period=label(found.first, found.last),
        threshold=found.threshold,
        rows=[
            book.Row(row.name, row.month, row.comparison, row.flagged, row.worker_id)
            for row in found.rows
        ],
        months=[
            book.Row(None, summary.month, summary.comparison, summary.flagged, None)
            for summary in found.months
        ],
        corrections=found.corrections,
    )


def gap_json(gap: rec.Gap, threshold: Decimal) -> dict[str, Any]:
    return {
        "component": gap.component,
        "modelled": str(gap.modelled),
        "imported": str(gap.imported),
        "difference": str(gap.difference),
        "percent": None if gap.percent is None else str(gap.percent),
        "flagged": gap.exceeds(threshold),
    }
