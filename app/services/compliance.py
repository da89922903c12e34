"""The GE law, applied to what is in the database: on every write and on demand.

``enforce`` runs inside the write's transaction, after the change is flushed, so the
snapshot it checks is the GE as it would stand. A blocking finding raises
``RefusedByRules`` and the transaction rolls back; warnings are recorded and returned.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

import legal_rules
from allocation.calendar import days_off, reference_weeks
from allocation.schedule import LONGEST_CYCLE, expand
from legal_rules import (
    AssignmentFacts,
    ContractFacts,
    DayEntryFacts,
    Finding,
    GroupementFacts,
    MemberFacts,
    Severity,
    SlotFacts,
    Snapshot,
)
from legal_rules import Derogation as DerogationFacts
from legal_rules.invoices import ordered
from legal_rules.shifts import placements

from ..errors import Conflict
from ..i18n import LANGUAGES, N_, language
from ..models import (
    Assignment,
    Contract,
    DayEntry,
    Derogation,
    FindingsCache,
    Groupement,
    Member,
    RecordedFinding,
    ReplacementDay,
    Slot,
    Worker,
)

# Past the last date anything changes, the schedule repeats: its longest cycle and one
# more week (whole ISO weeks, rest across the week-end) show every finding it can give.
PATTERN_MARGIN = timedelta(weeks=LONGEST_CYCLE + 1)


class RefusedByRules(Conflict):
    """A write that would break the GE law: 409 with the findings in ``errors.findings``."""

    message_key = N_("refused_by_rules")


@dataclass(frozen=True)
class Period:
    """Days a write touches; ``end`` None means open-ended (up to the GE's horizon)."""

    start: date
    end: date | None

    @property
    def latest(self) -> date:
        return self.end or self.start

    @staticmethod
    def union(periods: Iterable["Period | None"]) -> "Period | None":
        known = [p for p in periods if p is not None]
        if not known:
            return None
        ends = [p.end for p in known]
        if any(e is None for e in ends):
            # Open-ended, but from the latest day any of them names (an open-ended record
            # may start after another's end): the horizon must reach past it.
            return OpenPeriod(min(p.start for p in known), None, max(p.latest for p in known))
        return Period(min(p.start for p in known), max(e for e in ends if e is not None))


@dataclass(frozen=True)
class OpenPeriod(Period):
    known_until: date = date.min

    @property
    def latest(self) -> date:
        return max(self.start, self.known_until)


@dataclass(frozen=True)
class Baseline:
    """The findings on a write's days before the write: only what it adds is its doing."""

    start: date
    end: date
    keys: frozenset[tuple[Any, ...]]


def _latest(session: Session, column: Any, groupement_id: int, until: date | None = None) -> Any:
    query = select(func.max(column)).where(column.class_.groupement_id == groupement_id)
    if until is not None:
        query = query.where(column <= until)
    return session.scalar(query)


def horizon(session: Session, groupement_id: int, at_least: date) -> date:
    """How far an open-ended check must look: past the last day something of the GE starts
    or happens, the last exit of a member (placements after it break a rule) and the end
    of a derogation (what it silenced speaks again), by the pattern margin.

    Other end dates only take work away. A derogation ending more than ten years after
    everything else ("until 2199") is left to the compliance report: following it would
    expand a century of slots on every write.
    """
    events = [at_least] + [
        _latest(session, column, groupement_id)
        for column in (
            Contract.starts_on,
            Assignment.starts_on,
            Member.joined_on,
            Member.left_on,
            DayEntry.day,
            Derogation.starts_on,
        )
    ]
    latest = max(day for day in events if day is not None)
    derogation_end = _latest(
        session, Derogation.ends_on, groupement_id, until=latest + timedelta(days=3653)
    )
    return max(latest, derogation_end or latest) + PATTERN_MARGIN


def whole_history(session: Session, groupement_id: int) -> Period | None:
    """From the first day anything of the GE starts to its horizon (open-ended)."""
    firsts = [
        session.scalar(select(func.min(column)).where(model.groupement_id == groupement_id))
        for column, model in [
            (Contract.starts_on, Contract),
            (Assignment.starts_on, Assignment),
            (Member.joined_on, Member),
            (DayEntry.day, DayEntry),
        ]
    ]
    known = [day for day in firsts if day is not None]
    return Period(min(known), None) if known else None


def overlapping(model: Any, start: date, end: date) -> Any:
    return (model.starts_on <= end) & or_(model.ends_on.is_(None), model.ends_on >= start)


def load_snapshot(session: Session, groupement: Groupement, start: date, end: date) -> Snapshot:
    """The GE from ``start`` to ``end`` as the rules read it: the records of the week around
    it and of the whole reference periods of the average week it meets."""
    ge_id = groupement.id
    # A week on each side: rest between days and whole ISO weeks need their neighbours;
    # and the whole reference periods of the average week (WT-WEEK-AVG38) the days meet.
    months = groupement.reference_period_months
    wide_start = min(start - timedelta(days=7), reference_weeks(start, months)[0])
    wide_end = max(end + timedelta(days=7), reference_weeks(end, months)[1])
    # Columns, not objects: a month of a GE of 50 workers is a few thousand rows, and the
    # rules read plain facts.
    contracts = session.execute(
        select(
            Contract.id,
            Contract.worker_id,
            Worker.first_name,
            Worker.last_name,
            Contract.starts_on,
            Contract.ends_on,
            Contract.weekly_hours,
            Contract.contract_type,
            Contract.joint_committee,
        )
        .join(Worker, Worker.id == Contract.worker_id)
        .where(Contract.groupement_id == ge_id, overlapping(Contract, wide_start, wide_end))
    ).all()
    contract_ids = {row.id for row in contracts}
    assignments = [
        row
        for row in session.execute(
            select(
                Assignment.id,
                Assignment.contract_id,
                Assignment.member_id,
                Assignment.starts_on,
                Assignment.ends_on,
                Assignment.cycle_weeks,
                Assignment.cycle_anchor,
            ).where(
                Assignment.groupement_id == ge_id,
                overlapping(Assignment, wide_start, wide_end),
            )
        )
        if row.contract_id in contract_ids
    ]
    slots: dict[int, list[SlotFacts]] = {row.id: [] for row in assignments}
    if slots:
        for assignment_id, weekday, starts_at, ends_at, week in session.execute(
            select(Slot.assignment_id, Slot.weekday, Slot.starts_at, Slot.ends_at, Slot.week)
            .where(Slot.groupement_id == ge_id, Slot.assignment_id.in_(list(slots)))
            .order_by(Slot.assignment_id, Slot.week, Slot.weekday, Slot.starts_at)
        ):
            slots[assignment_id].append(SlotFacts(weekday, starts_at, ends_at, week))
    entries = session.execute(
        select(
            DayEntry.id,
            DayEntry.worker_id,
            DayEntry.day,
            DayEntry.member_id,
            DayEntry.hours,
            DayEntry.kind,
        ).where(DayEntry.groupement_id == ge_id, DayEntry.day.between(wide_start, wide_end))
    ).all()
    return Snapshot(
        start=start,
        end=end,
        groupement=GroupementFacts(
            authorisation_reference=groupement.authorisation_reference,
            authorisation_date=groupement.authorisation_date,
            joint_committee=groupement.joint_committee,
            headcount_cap=groupement.headcount_cap,
            weekly_hours_floor=groupement.weekly_hours_floor,
            full_time_weekly_hours=groupement.full_time_weekly_hours,
            reference_period_months=groupement.reference_period_months,
        ),
        members=tuple(
            MemberFacts(*row)
            for row in session.execute(
                select(Member.id, Member.name, Member.joined_on, Member.left_on).where(
                    Member.groupement_id == ge_id
                )
            )
        ),
        contracts=tuple(
            ContractFacts(
                c.id,
                c.worker_id,
                f"{c.first_name} {c.last_name}",
                c.starts_on,
                c.ends_on,
                c.weekly_hours,
                c.contract_type.value,
                c.joint_committee,
            )
            for c in contracts
        ),
        assignments=tuple(
            AssignmentFacts(
                a.id,
                a.contract_id,
                a.member_id,
                a.starts_on,
                a.ends_on,
                tuple(slots[a.id]),
                a.cycle_weeks,
                a.cycle_anchor,
            )
            for a in assignments
        ),
        day_entries=tuple(
            DayEntryFacts(e.id, e.worker_id, e.day, e.member_id, e.hours, e.kind.value)
            for e in entries
        ),
        replacement_days=dict(
            session.execute(
                select(ReplacementDay.replacement, ReplacementDay.holiday).where(
                    ReplacementDay.groupement_id == ge_id
                )
            ).all()
        ),
        derogations=tuple(
            DerogationFacts(*row)
            for row in session.execute(
                select(
                    Derogation.rule_id,
                    Derogation.reference,
                    Derogation.starts_on,
                    Derogation.ends_on,
                ).where(Derogation.groupement_id == ge_id)
            )
        ),
    )


def checked(session: Session, groupement: Groupement, snapshot: Snapshot) -> list[Finding]:
    """``legal_rules.check`` of the snapshot, read back from ``findings_cache`` when the GE
    has not changed since they were kept (its ``data_version``): the rules run once per
    change, not once per draft. Kept only by a guarded write that changed nothing yet,
    whose counter is the one its findings are true at."""
    ge_id, version = groupement.id, groupement.data_version
    span = (
        FindingsCache.groupement_id == ge_id,
        FindingsCache.first_day == snapshot.start,
        FindingsCache.last_day == snapshot.end,
    )
    kept = session.scalars(
        select(FindingsCache.findings).where(*span, FindingsCache.data_version == version)
    ).first()
    if kept is not None:
        return [Finding.from_record(record) for record in kept]
    findings = legal_rules.check(snapshot)
    unit = session.info.get("unit_of_work")
    if unit is not None and unit.groupement_id == ge_id and not unit.changed:
        session.execute(delete(FindingsCache).where(*span))
        session.execute(
            insert(FindingsCache).values(
                groupement_id=ge_id,
                first_day=snapshot.start,
                last_day=snapshot.end,
                data_version=version,
                findings=[finding.to_record() for finding in findings],
            )
        )
    return findings


def planned_by_day(
    session: Session, groupement_id: int, worker_id: int, first: date, last: date
) -> tuple[dict[date, dict[int, int]], frozenset[date]]:
    """The minutes the schedule plans for a worker each day from ``first`` to ``last``, by
    member, and the GE's days off (public holidays and replacement days), on which what
    is planned is paid absence already."""
    groupement = session.get_one(Groupement, groupement_id)
    snapshot = load_snapshot(session, groupement, first, last)
    off = days_off(range(first.year, last.year + 1), snapshot.replacement_days)
    planned: dict[date, dict[int, int]] = {}
    for shift in expand(placements(snapshot), first, last):
        if shift.worker_id == worker_id:
            day = planned.setdefault(shift.day, {})
            day[shift.member_id] = day.get(shift.member_id, 0) + shift.minutes
    return planned, off


def planned_minutes(
    session: Session, groupement_id: int, worker_id: int, day: date
) -> dict[int, int]:
    """What an absence on ``day`` can come off, by member: nothing on a day off."""
    planned, off = planned_by_day(session, groupement_id, worker_id, day, day)
    return {} if day in off else planned.get(day, {})


def report_findings(session: Session, groupement: Groupement, snapshot: Snapshot) -> list[Finding]:
    """The compliance report of the snapshot's days, for the API and the page alike: the
    GE law, and the numbering of the documents issued in them (INV-NUM-SEQ), blocking
    first."""
    # Imported here: the invoice checks read this module's refusal and JSON shape.
    from .invoice_checks import numbering_report

    found = legal_rules.check(snapshot) + numbering_report(
        session, groupement.id, snapshot.start, snapshot.end
    )
    return ordered(found)


def findings_between(session: Session, groupement_id: int, start: date, end: date) -> list[Finding]:
    groupement = session.get_one(Groupement, groupement_id)
    return legal_rules.check(load_snapshot(session, groupement, start, end))


def baseline(session: Session, groupement_id: int, period: Period | None) -> Baseline | None:
    """Before a write: the findings already standing on the days it will touch.

    A GE whose records break a rule (an import, a rule Mutua learnt later) must still be
    able to write, and above all to repair: a write is refused only for what it adds.
    """
    if period is None:
        return None
    end = period.end or horizon(session, groupement_id, period.latest)
    findings = findings_between(session, groupement_id, period.start, end)
    return Baseline(period.start, end, frozenset(f.key for f in findings))


def enforce(
    session: Session, groupement_id: int, before: Baseline | None, entity: str, entity_id: int
) -> list[Finding]:
    """After the write is flushed: refuse it if it adds a blocking finding; record and
    return the warnings it adds."""
    if before is None:
        return []
    findings = [
        f
        for f in findings_between(session, groupement_id, before.start, before.end)
        if f.key not in before.keys
    ]
    blocking = [f for f in findings if f.severity is Severity.BLOCKING]
    if blocking:
        raise RefusedByRules({"findings": [finding_json(f) for f in blocking]})
    # The finding itself, not its text: whoever reads it later reads it in their language.
    session.add_all(
        RecordedFinding(
            groupement_id=groupement_id,
            rule_id=f.rule_id,
            severity=f.severity.value,
            finding=f.to_record(),
            first_date=f.first_date,
            last_date=f.last_date,
            subjects=[list(s) for s in f.subjects],
            entity=entity,
            entity_id=entity_id,
        )
        for f in findings
    )
    return findings


def read_in(found: dict[str, Any], lang: str | None = None) -> dict[str, Any]:
    """A finding kept as ``finding_json`` wrote it (a billing run's), read in the reader's
    language: ``message`` and ``reference`` from the three it keeps, not the language of
    whoever made the run."""
    lang = lang or language()
    messages, references = found.get("messages") or {}, found.get("references") or {}
    return found | {
        "message": messages.get(lang, found.get("message")),
        "reference": references.get(lang, found.get("reference")),
    }


def finding_json(finding: Finding, lang: str | None = None) -> dict[str, Any]:
    """A finding for the API: the caller's language in ``message``, all three in ``messages``,
    each rendered now from the finding's message id and values."""
    lang = lang or language()
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.value,
        "reference": finding.legal_basis(lang),
        "references": {code: finding.legal_basis(code) for code in LANGUAGES},
        "message": finding.message(lang),
        "messages": {code: finding.message(code) for code in LANGUAGES},
        "first_date": finding.first_date.isoformat(),
        "last_date": finding.last_date.isoformat(),
        "subjects": [{"kind": kind, "id": ident} for kind, ident in finding.subjects],
    }
