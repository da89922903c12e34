"""A worker's week saved from the schedule grid: one transaction, the GE law enforced.

A version of the contract's schedule runs from its first day to the day before the
next version's. Saving a version from a day replaces the version that starts that day
(if any) and nothing after it: assignments that started before it end the day before,
those starting that very day go, later versions stay, and one assignment per member
with slots starts that day and ends the day before the next version (or with the
contract).

A schedule may rotate over a cycle of 1 to 8 weeks: each block then names its week of
the cycle, and every assignment of the version shares the cycle's length and anchor
(week 1 is the week of the anchor day). Two assignments of one contract that run at
the same time must agree on their cycle, or "week 2" would mean two different weeks.
"""

from datetime import date, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from allocation.schedule import LONGEST_CYCLE, WeeklySlot, overlapping_slots, same_cycle

from ..auth import Principal
from ..errors import InvalidInput
from ..i18n import N_, t
from ..models import Assignment, Contract, Member, Slot
from . import records
from .compliance import Period, finding_json
from .writes import Reach, guarded_write


class Block(NamedTuple):
    """A block of the grid: a weekday's span, in a week of the cycle (1 when weekly)."""

    weekday: int
    starts_at: time
    ends_at: time
    week: int = 1


Week = dict[int, list[Block]]  # member id -> its blocks


def _apply(assignment: Assignment, data: dict[str, Any]) -> None:
    slots = data.pop("slots", None)
    records.set_fields(assignment, data)
    if (assignment.cycle_weeks or 1) > 1 and assignment.cycle_anchor is None:
        # Kept: a later change of the first day must not move the cycle's weeks.
        assignment.cycle_anchor = assignment.starts_on
    if slots is not None:
        # The slots given replace the week as a whole: a schedule is edited as one grid.
        assignment.slots = [Slot(groupement_id=assignment.groupement_id, **s) for s in slots]


def _check(session: Session, principal: Principal, assignment: Assignment) -> None:
    records.find_in_groupement(session, Contract, principal, assignment.contract_id, "contract_id")
    records.find_in_groupement(session, Member, principal, assignment.member_id, "member_id")
    if assignment.ends_on is not None and assignment.ends_on < assignment.starts_on:
        raise InvalidInput({"ends_on": [N_("ends_before_start")]})
    cycle = assignment.cycle_weeks or 1
    if not 1 <= cycle <= LONGEST_CYCLE:
        raise InvalidInput({"cycle_weeks": [t("cycle_weeks_range", longest=LONGEST_CYCLE)]})
    slot_errors: dict[int, Any] = {}
    for index, slot in enumerate(assignment.slots):
        # An end not after the start is the next day (22:00-06:00); an end equal to the
        # start would be a slot of no length or of a whole day: refused.
        if slot.ends_at == slot.starts_at:
            slot_errors[index] = {
                "ends_at": [t("slot_without_length", start=slot.starts_at.strftime("%H:%M"))]
            }
        elif not 1 <= (slot.week or 1) <= cycle:
            slot_errors[index] = {"week": [t("slot_week_outside_cycle", weeks=cycle)]}
    if slot_errors:
        raise InvalidInput({"slots": slot_errors})
    _check_same_cycle(session, assignment)
    overlap = overlapping_slots(
        (WeeklySlot(s.weekday, s.starts_at, s.ends_at, s.week or 1) for s in assignment.slots),
        cycle,
    )
    if overlap:
        span = "{:%H:%M}–{:%H:%M}"
        first, second = overlap
        raise InvalidInput(
            {
                "slots": [
                    t(
                        "slots_overlap",
                        first=span.format(first.starts_at, first.ends_at),
                        second=span.format(second.starts_at, second.ends_at),
                    )
                ]
            }
        )


def _check_same_cycle(session: Session, assignment: Assignment) -> None:
    """Refuse a cycle other than the one of the contract's assignments that run at the
    same time: same length, and week 1 on the same weeks."""
    with session.no_autoflush:
        others = session.scalars(
            select(Assignment).where(
                Assignment.contract_id == assignment.contract_id,
                Assignment.id != (assignment.id or 0),
                or_(Assignment.ends_on.is_(None), Assignment.ends_on >= assignment.starts_on),
                *([Assignment.starts_on <= assignment.ends_on] if assignment.ends_on else []),
            )
        ).all()
    for other in others:
        if other not in session.deleted and not same_cycle(*cycle_of(assignment), *cycle_of(other)):
            raise InvalidInput({"cycle_weeks": [t("cycle_differs", weeks=other.cycle_weeks)]})


def cycle_of(assignment: Assignment) -> tuple[int, date]:
    """Its cycle's length and a day of its week 1."""
    return assignment.cycle_weeks or 1, assignment.cycle_anchor or assignment.starts_on


def _at_own_member(stmt: Select[Any], member_id: int) -> Select[Any]:
    return stmt.where(Assignment.member_id == member_id)


def _filter(stmt: Select[Any], filters: dict[str, Any]) -> Select[Any]:
    for key in ("contract_id", "member_id"):
        if key in filters:
            stmt = stmt.where(getattr(Assignment, key) == filters[key])
    return stmt


ASSIGNMENTS = records.Resource(
    model=Assignment,
    member_scope=_at_own_member,
    apply_filters=_filter,
    order_by=(Assignment.starts_on, Assignment.id),
    apply=_apply,
    check=_check,
    load_options=(selectinload(Assignment.slots),),
    period=lambda a: Period(a.starts_on, a.ends_on),
)


def save_week(
    principal: Principal,
    contract_id: int,
    starts_on: date,
    week: Week,
    cycle_weeks: int = 1,
    cycle_anchor: date | None = None,
) -> list[Assignment]:
    """Save ``week`` as the contract's schedule version from ``starts_on`` (to the day
    before the next version), repeating every ``cycle_weeks`` weeks from the week of
    ``cycle_anchor`` (None: of ``starts_on``): one guarded write. The assignments
    created carry the warnings the new week adds (``findings``)."""
    with guarded_write(principal.groupement_id) as write:
        session = write.session
        contract = records.find_in_groupement(
            session, Contract, principal, contract_id, "contract_id"
        )
        members = set(
            session.scalars(
                select(Member.id).where(Member.groupement_id == principal.groupement_id)
            )
        )
        if set(week) - members:
            raise InvalidInput({"member_id": [N_("unknown_reference")]})
        write.reaches(Reach.of(Period(min(starts_on, contract.starts_on), None)))
        existing = session.scalars(
            select(Assignment).where(Assignment.contract_id == contract.id)
        ).all()
        # The next version, which stays: the one saved here ends the day before it.
        following = min((a.starts_on for a in existing if a.starts_on > starts_on), default=None)
        ends_on = contract.ends_on
        if following is not None:
            ends_on = min(ends_on or following, following - timedelta(days=1))
        for assignment in existing:
            if assignment.starts_on == starts_on:
                session.delete(assignment)
            elif assignment.starts_on < starts_on and (
                assignment.ends_on is None or assignment.ends_on >= starts_on
            ):
                assignment.ends_on = starts_on - timedelta(days=1)
        session.flush()
        created = []
        for member_id, blocks in sorted(week.items()):
            if not blocks:
                continue
            assignment = Assignment(
                groupement_id=principal.groupement_id,
                contract_id=contract.id,
                member_id=member_id,
                starts_on=starts_on,
                ends_on=ends_on,
                cycle_weeks=cycle_weeks,
                # A cycle keeps its week 1 whatever later happens to the first day.
                cycle_anchor=(cycle_anchor or starts_on) if cycle_weeks > 1 else None,
                slots=[
                    Slot(
                        groupement_id=principal.groupement_id,
                        weekday=block.weekday,
                        starts_at=block.starts_at,
                        ends_at=block.ends_at,
                        week=block.week,
                    )
                    for block in (Block(*b) for b in blocks)
                ],
            )
            ASSIGNMENTS.check(session, principal, assignment)
            session.add(assignment)
            created.append(assignment)
        session.flush()
        write.about(*(("assignments", created[0].id) if created else ("contracts", contract.id)))
    for assignment in created:
        assignment.findings = [finding_json(f) for f in write.findings]  # type: ignore[attr-defined]
    return created


def parse_cell(text: str) -> list[tuple[time, time]]:
    """ "09:00-12:30, 13:00-16:36" -> two spans; raises ValueError on anything else.
    "22:00-06:00" ends the next day; "24:00" is accepted as an end, for midnight."""
    spans = []
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        start, _, end = part.replace("–", "-").partition("-")
        spans.append((time.fromisoformat(start.strip()), end_of_slot(end.strip())))
    return spans


# Typed as a slot's end, midnight at the end of the day (stored as 00:00: an end not after
# the start is the next day).
MIDNIGHT = "24:00"


def end_of_slot(text: str) -> time:
    """A slot's end as typed: a time of day, or "24:00" (midnight, the end of the day)."""
    return time(0) if text == MIDNIGHT else time.fromisoformat(text)
