"""The month's close (issue 18, item 3): where a GE's month stands with its social
secretariat and its members, step by step.

1. ``reviewed``: every worker under contract in the month has its timesheet reviewed.
   A review keeps the fingerprint of what the worker's month was made of (its day
   entries of the month, its contracts overlapping the month with their assignments and
   slots, the GE's replacement days in it: ``fingerprints``); it holds while the
   fingerprint now is the same, so any later change to those records unmarks it by
   construction.
2. ``exported``: the month's prestations were exported (``prestations_exports``, written
   by ``record_export``: bookkeeping, like ``job_runs``, since an export changes no record).
3. ``payroll_imported``: a payroll cost row for every worker under contract.
4. ``payroll_compared``: each imported total against the cost model
   (``allocation.costs.modelled`` over the contracts' months ``billing.compute`` reads);
   a difference above the GE's ``payroll_gap_percent`` is flagged with both figures.
5. ``drafted``: a billing run of the month exists.
6. ``issued``: the month's run is issued, late when after the 15th of the next month.

Reads only; marking a timesheet reviewed is one guarded write reaching nothing, audited.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, or_, select, true
from sqlalchemy.orm import Session

from allocation import calendar, reconciliation
from legal_rules import reminders

from ..auth import Principal
from ..errors import Forbidden, InvalidInput, NotFound
from ..i18n import N_
from ..models import (
    Assignment,
    BillingRun,
    Contract,
    DayEntry,
    Groupement,
    PayrollCost,
    PrestationsExport,
    ReplacementDay,
    Slot,
    TimesheetReview,
    User,
    Worker,
)
from ..models.base import utcnow
from ..models.enums import RunStatus
from . import billing
from .billing import month_bounds
from .compliance import overlapping
from .writes import Reach, guarded_write

STEPS = ("reviewed", "exported", "payroll_imported", "payroll_compared", "drafted", "issued")
# The day of the next month from which the daily sweep tells the steps still open.
NOTICE_DAY = 5


@dataclass
class Step:
    name: str
    done: bool
    # The page that does it: its endpoint and arguments (the adapters make the link).
    page: tuple[str, dict[str, Any]]
    figures: dict[str, Any] = field(default_factory=dict)
    late: bool = False


@dataclass
class Checklist:
    month: date
    steps: list[Step]

    @property
    def complete(self) -> bool:
        return all(step.done for step in self.steps)

    def step(self, name: str) -> Step:
        return next(step for step in self.steps if step.name == name)


def _columns(model: Any) -> list[Column[Any]]:
    """A table's columns but its bookkeeping stamps (touching a row is no change)."""
    return [c for c in model.__table__.c if c.name not in ("created_at", "updated_at")]


def under_contract(session: Session, groupement_id: int, month: date) -> dict[int, str]:
    """The workers with a contract in the month: id -> "Last First"."""
    first, last = month_bounds(month)
    rows = session.execute(
        select(Worker.id, Worker.last_name, Worker.first_name)
        .join(Contract, Contract.worker_id == Worker.id)
        .where(Contract.groupement_id == groupement_id, overlapping(Contract, first, last))
        .order_by(Worker.last_name, Worker.first_name, Worker.id)
    ).all()
    return {row.id: f"{row.last_name} {row.first_name}" for row in rows}


def fingerprints(
    session: Session, groupement_id: int, month: date, worker_ids: list[int] | None = None
) -> dict[int, str]:
    """Per worker under contract in the month (of ``worker_ids``, or all), the SHA-256 of
    what its month is made of: its day entries of the month, its contracts overlapping
    the month, their assignments overlapping it and their slots, and the GE's
    replacement days touching the month. Every column counts but the rows'
    created/updated stamps; a row added, changed or deleted changes it.

    The payroll cost row is left out on purpose: it is the secretariat's answer to the
    prestations exported from the reviewed timesheets, so the close goes review, export,
    import; counting it would unmark every review at the import. Steps 3 and 4 check it."""
    first, last = month_bounds(month)
    ge = groupement_id

    def only(column: Any) -> Any:
        return column.in_(worker_ids) if worker_ids is not None else true()

    parts: dict[int, list[str]] = defaultdict(list)
    contracts = session.execute(
        select(*_columns(Contract)).where(
            Contract.groupement_id == ge,
            overlapping(Contract, first, last),
            only(Contract.worker_id),
        )
    ).all()
    worker_of: dict[int, int] = {}
    for row in contracts:
        worker_of[row.id] = row.worker_id
        parts[row.worker_id].append(f"contract {tuple(row)!r}")
    assignments = session.execute(
        select(*_columns(Assignment)).where(
            Assignment.groupement_id == ge,
            Assignment.contract_id.in_(list(worker_of)),
            overlapping(Assignment, first, last),
        )
    ).all()
    worker_of_assignment: dict[int, int] = {}
    for row in assignments:
        worker_of_assignment[row.id] = worker_of[row.contract_id]
        parts[worker_of[row.contract_id]].append(f"assignment {tuple(row)!r}")
    for row in session.execute(
        select(*_columns(Slot)).where(
            Slot.groupement_id == ge, Slot.assignment_id.in_(list(worker_of_assignment))
        )
    ):
        parts[worker_of_assignment[row.assignment_id]].append(f"slot {tuple(row)!r}")
    for row in session.execute(
        select(*_columns(DayEntry)).where(
            DayEntry.groupement_id == ge,
            DayEntry.day.between(first, last),
            only(DayEntry.worker_id),
        )
    ):
        if row.worker_id in parts:
            parts[row.worker_id].append(f"day_entry {tuple(row)!r}")
    # The GE's replacement days in the month move every worker's days off.
    days_off = [
        f"replacement_day {tuple(row)!r}"
        for row in session.execute(
            select(*_columns(ReplacementDay))
            .where(
                ReplacementDay.groupement_id == ge,
                or_(
                    ReplacementDay.holiday.between(first, last),
                    ReplacementDay.replacement.between(first, last),
                ),
            )
            .order_by(ReplacementDay.id)
        )
    ]
    for lines in parts.values():
        lines.extend(days_off)
    return {
        worker: hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()
        for worker, lines in parts.items()
    }


def mark_reviewed(principal: Principal, month: date, worker_id: int) -> TimesheetReview:
    """An administrator marks the worker's month reviewed, as it is now: one guarded
    write reaching nothing (a review moves no finding and no bill), audited. Another
    GE's worker, or an unknown one, is a 404; a worker without a contract in the month
    has no timesheet to review (422)."""
    if not principal.can_write:
        raise Forbidden()
    first = month.replace(day=1)
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        session = write.session
        worker = session.scalars(
            select(Worker.id).where(
                Worker.id == worker_id, Worker.groupement_id == principal.groupement_id
            )
        ).one_or_none()
        if worker is None:
            raise NotFound()
        found = fingerprints(session, principal.groupement_id, first, [worker_id])
        if worker_id not in found:
            raise InvalidInput({"worker_id": [N_("month_close.not_under_contract")]})
        review = session.scalars(
            select(TimesheetReview).where(
                TimesheetReview.groupement_id == principal.groupement_id,
                TimesheetReview.worker_id == worker_id,
                TimesheetReview.month == first,
            )
        ).one_or_none() or TimesheetReview(
            groupement_id=principal.groupement_id, worker_id=worker_id, month=first
        )
        review.fingerprint = found[worker_id]
        review.reviewed_by = principal.user_id
        review.reviewed_at = utcnow()
        session.add(review)
    return review


def review_of(session: Session, groupement_id: int, worker_id: int, month: date) -> dict[str, Any]:
    """A worker's month as the timesheet page shows it: reviewed (by whom, when), or
    changed since its review, or never reviewed."""
    first = month.replace(day=1)
    row = session.execute(
        select(TimesheetReview, User.full_name, User.email)
        .join(User, User.id == TimesheetReview.reviewed_by)
        .where(
            TimesheetReview.groupement_id == groupement_id,
            TimesheetReview.worker_id == worker_id,
            TimesheetReview.month == first,
        )
    ).one_or_none()
    current = fingerprints(session, groupement_id, first, [worker_id]).get(worker_id)
    if row is None:
        return {"under_contract": current is not None, "reviewed": False, "changed": False}
    review, name, email = row
    return {
        "under_contract": current is not None,
        "reviewed": review.fingerprint == current,
        "changed": review.fingerprint != current,
        "by": name or email,
        "at": review.reviewed_at,
    }


def record_export(
    session: Session, principal: Principal, month: date, kind: str, profile_name: str | None
) -> None:
    """Who exported the month's prestations, when and how: bookkeeping, committed on its
    own (an export reads the GE's records and changes none)."""
    session.add(
        PrestationsExport(
            groupement_id=principal.groupement_id,
            month=month.replace(day=1),
            user_id=principal.user_id,
            kind=kind,
            profile_name=profile_name,
        )
    )
    session.commit()


def payroll_comparisons(
    session: Session, groupement: Groupement, month: date
) -> dict[int, reconciliation.Comparison]:
    """Per worker with an imported payroll cost for the month: the model's cost of its
    contracts' months (``ContractMonth.modelled``: ``costs.modelled`` as
    ``billing.compute`` prices a month when nothing is imported, summed over its
    contracts) against the imported row, by component (``allocation.reconciliation``).
    The one comparison: the checklist's step 4 and the payroll reconciliation read it."""
    first = month.replace(day=1)
    imported = {
        row.worker_id: reconciliation.imported(
            row.gross,
            row.employer_contributions,
            row.holiday_provision,
            row.year_end_provision,
            row.other,
        )
        for row in session.scalars(
            select(PayrollCost).where(
                PayrollCost.groupement_id == groupement.id, PayrollCost.month == first
            )
        )
    }
    if not imported:
        return {}
    modelled: dict[int, reconciliation.Figures] = defaultdict(reconciliation.Figures)
    for contract in billing.compute(session, groupement, first).contracts:
        # The model's cost of the contract's month, whatever the bill took (the import).
        if contract.modelled is not None and contract.worker_id in imported:
            modelled[contract.worker_id] += reconciliation.modelled(contract.modelled)
    return {
        worker: reconciliation.Comparison(modelled[worker], figures)
        for worker, figures in imported.items()
    }


def parse(period: str) -> date:
    """ "2026-05" -> 1 May 2026 (``billing.parse_period``)."""
    return billing.parse_period(period)


def deadline(month: date) -> date:
    """The month's invoices are due by the 15th of the next month (AR n° 1, art. 4 §1)."""
    return reminders.add_months(month.replace(day=1), 1).replace(day=reminders.INVOICE_DEADLINE_DAY)


def checklist(
    session: Session, groupement: Groupement, month: date, today: date | None = None
) -> Checklist:
    """Where the GE's month stands, step by step (the module's docstring)."""
    first = month.replace(day=1)
    period = f"{first:%Y-%m}"
    today = today or calendar.today()
    ge = groupement.id
    workers = under_contract(session, ge, first)

    current = fingerprints(session, ge, first)
    reviews = {
        row.worker_id: row.fingerprint
        for row in session.scalars(
            select(TimesheetReview).where(
                TimesheetReview.groupement_id == ge, TimesheetReview.month == first
            )
        )
    }
    open_ = [
        {"worker_id": w, "name": name, "changed_since_review": w in reviews}
        for w, name in workers.items()
        if reviews.get(w) != current.get(w)
    ]
    reviewed = Step(
        "reviewed",
        not open_,
        ("admin.workers", {}),
        {"workers": len(workers), "reviewed": len(workers) - len(open_), "open": open_},
    )

    exports = session.execute(
        select(PrestationsExport, User.full_name, User.email)
        .outerjoin(User, User.id == PrestationsExport.user_id)
        .where(PrestationsExport.groupement_id == ge, PrestationsExport.month == first)
        .order_by(PrestationsExport.exported_at.desc(), PrestationsExport.id.desc())
    ).all()
    last_export = (
        {
            "by": exports[0][1] or exports[0][2],
            "at": exports[0][0].exported_at,
            "kind": exports[0][0].kind,
            "profile": exports[0][0].profile_name,
        }
        if exports
        else None
    )
    exported = Step(
        "exported",
        bool(exports),
        ("admin.exports", {"period": period}),
        {"count": len(exports), "last": last_export},
    )

    compared = payroll_comparisons(session, groupement, first)
    missing = [{"worker_id": w, "name": n} for w, n in workers.items() if w not in compared]
    payroll_imported = Step(
        "payroll_imported",
        not missing,
        ("admin.uploads", {"_anchor": "import-payroll"}),
        {"workers": len(workers), "imported": len(workers) - len(missing), "missing": missing},
    )
    threshold = groupement.payroll_gap_percent
    flagged: list[dict[str, Any]] = []
    for worker, comparison in compared.items():
        if comparison.flagged(threshold):
            total = comparison.gap("total")
            flagged.append(
                {
                    "worker_id": worker,
                    "name": workers.get(worker) or _name(session, worker),
                    "modelled": total.modelled,
                    "imported": total.imported,
                    "gap_percent": total.percent,
                }
            )
    flagged.sort(key=lambda f: str(f["name"]))
    payroll_compared = Step(
        "payroll_compared",
        not missing and not flagged,
        ("admin.reconciliation", {"period": period}),
        {"threshold_percent": threshold, "compared": len(compared), "flagged": flagged},
    )

    runs = session.scalars(
        select(BillingRun)
        .where(BillingRun.groupement_id == ge, BillingRun.month == first)
        .order_by(BillingRun.id)
    ).all()
    drafted = Step(
        "drafted",
        bool(runs),
        ("admin.run", {"ident": runs[-1].id}) if runs else ("admin.runs", {}),
        {"run_id": runs[-1].id if runs else None},
    )
    issued_run = next((r for r in runs if r.status is RunStatus.ISSUED and r.issued_at), None)
    due = deadline(first)
    issued_on = _brussels_day(issued_run.issued_at) if issued_run else None
    issued = Step(
        "issued",
        issued_on is not None,
        ("admin.run", {"ident": issued_run.id}) if issued_run else drafted.page,
        {"issued_on": issued_on, "deadline": due},
        late=(issued_on or today) > due,
    )
    return Checklist(
        first, [reviewed, exported, payroll_imported, payroll_compared, drafted, issued]
    )


def _brussels_day(instant: datetime | None) -> date | None:
    """The day an instant falls on in Brussels (SQLite gives stored instants back naive,
    in UTC)."""
    if instant is None:
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(calendar.BRUSSELS).date()


def _name(session: Session, worker_id: int) -> str:
    row = session.execute(
        select(Worker.last_name, Worker.first_name).where(Worker.id == worker_id)
    ).one()
    return f"{row.last_name} {row.first_name}"
