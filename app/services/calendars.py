"""Schedules that leave Mutua: a worker's or a member's planned shifts as a month's PDF
and as an iCalendar feed, and the secret links that serve the feeds.

The shifts are ``legal_rules.shifts.planned_shifts`` of the GE's snapshot, the one
expansion of the weekly schedules that the rules, billing and the planning read, kept
to the worker's or the member's own. A feed covers ``feed_window``: from the first day of
last month to the last day of the third month after this one.

A feed's link holds a random token; only its SHA-256 is stored, so the link is shown
once, when it is made. Making and revoking a link are guarded writes (``writes``) that
reach nothing a rule or a bill reads, audited like every write.
"""

import secrets
from datetime import date, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation import calendar
from allocation.calendar import days_off
from exports.ical import schedule_ics
from exports.schedules import Schedule, Visit
from legal_rules.shifts import planned_shifts

from ..auth import Principal, hash_token
from ..errors import NotFound
from ..models import CalendarFeed, Groupement, Member, Worker
from ..models.base import utcnow
from ..models.enums import Role
from .billing import month_bounds
from .compliance import load_snapshot
from .writes import Reach, guarded_write

Kind = Literal["worker", "member"]
TOKEN_PREFIX = "cal_"


def feed_window(today: date) -> tuple[date, date]:
    """The days a feed covers: the first of last month to the end of the third month after
    this one (in December 2026: 1 November 2026 to 31 March 2027)."""
    this_month = today.replace(day=1)
    first = (this_month - timedelta(days=1)).replace(day=1)
    after = this_month
    for _ in range(4):
        after = (after + timedelta(days=32)).replace(day=1)
    return first, after - timedelta(days=1)


def worker_name(worker: Worker) -> str:
    return f"{worker.first_name} {worker.last_name}"


def address(member: Member) -> str:
    return f"{member.street}, {member.postal_code} {member.city}"


def owner_of(session: Session, groupement_id: int, kind: Kind, ident: int) -> Worker | Member:
    """The GE's worker or member ``ident``; 404 for another GE's or none."""
    model = Worker if kind == "worker" else Member
    found = session.scalars(
        select(model).where(model.id == ident, model.groupement_id == groupement_id)
    ).one_or_none()
    if found is None:
        raise NotFound()
    return found


def schedule(
    session: Session,
    groupement: Groupement,
    kind: Kind,
    ident: int,
    first: date,
    last: date,
    language: str,
) -> Schedule:
    """The planned shifts of worker or member ``ident`` from ``first`` to ``last``, as the
    PDF and the feed write them: a worker's name the member they go to and its address, a
    member's the worker who comes, and nothing of anybody else."""
    owner = owner_of(session, groupement.id, kind, ident)
    snapshot = load_snapshot(session, groupement, first, last)
    shifts = [
        shift
        for shift in planned_shifts(snapshot, first, last)
        if (shift.worker_id if kind == "worker" else shift.member_id) == ident
    ]
    if kind == "worker":
        members = {
            member.id: member
            for member in session.scalars(
                select(Member).where(
                    Member.groupement_id == groupement.id,
                    Member.id.in_({shift.member_id for shift in shifts}),
                )
            )
        }
        people = {m: (member.name, address(member)) for m, member in members.items()}
    else:
        workers = session.scalars(
            select(Worker).where(
                Worker.groupement_id == groupement.id,
                Worker.id.in_({shift.worker_id for shift in shifts}),
            )
        )
        people = {worker.id: (worker_name(worker), "") for worker in workers}
    owner_name = worker_name(owner) if isinstance(owner, Worker) else owner.name
    visits = []
    for shift in shifts:
        who, where = people[shift.member_id if kind == "worker" else shift.worker_id]
        visits.append(
            Visit(
                starts=shift.starts,
                ends=shift.ends,
                who=who,
                where=where,
                # Stable from one reading to the next: the assignment, the day and the start.
                uid=f"{shift.assignment_id}-{shift.starts:%Y%m%dT%H%M}-{kind[0]}"
                f"@{groupement.id}.mutua",
            )
        )
    visits.sort(key=lambda visit: (visit.starts, visit.who))
    off = days_off(range(first.year, last.year + 1), snapshot.replacement_days)
    return Schedule(
        kind=kind,
        owner=owner_name,
        groupement=groupement.name,
        first=first,
        last=last,
        language=language,
        visits=tuple(visits),
        days_off=frozenset(day for day in off if first <= day <= last),
        made_on=calendar.today(),
    )


def month_schedule(
    session: Session, groupement_id: int, kind: Kind, ident: int, month: date, language: str
) -> Schedule:
    first, last = month_bounds(month)
    groupement = session.get_one(Groupement, groupement_id)
    return schedule(session, groupement, kind, ident, first, last, language)


# -- the feeds ---------------------------------------------------------------------------


def owner_key(feed: CalendarFeed) -> tuple[Kind, int]:
    """Whose calendar a feed is: ("worker", id) or ("member", id) (the CHECK one_owner)."""
    if feed.worker_id is not None:
        return "worker", feed.worker_id
    return "member", int(feed.member_id or 0)


def language_of(session: Session, groupement: Groupement, kind: Kind, ident: int) -> str:
    """A feed owner's language: a member's own; a worker reads the GE's (the language of
    the GE's papers: Mutua does not keep a worker's)."""
    owner = owner_of(session, groupement.id, kind, ident)
    return owner.language.value if isinstance(owner, Member) else groupement.language.value


def ics(session: Session, groupement_id: int, kind: Kind, ident: int) -> bytes:
    """The feed of worker or member ``ident`` over ``feed_window``, in its language."""
    groupement = session.get_one(Groupement, groupement_id)
    first, last = feed_window(calendar.today())
    language = language_of(session, groupement, kind, ident)
    found = schedule(session, groupement, kind, ident, first, last, language)
    return schedule_ics(found, utcnow())


def feed_ics(session: Session, feed: CalendarFeed) -> bytes:
    """What a live link serves: its owner's feed."""
    return ics(session, feed.groupement_id, *owner_key(feed))


def find_feed(session: Session, token: str) -> CalendarFeed | None:
    """The live feed of a link's token; None for an unknown or revoked one."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    return session.scalars(
        select(CalendarFeed).where(
            CalendarFeed.token_hash == hash_token(token), CalendarFeed.revoked_at.is_(None)
        )
    ).one_or_none()


def _allowed(principal: Principal, kind: Kind, ident: int) -> None:
    """An administrator makes any link of the GE; a member user its own member's only
    (another member's, or a worker's, is not found)."""
    if principal.role is Role.ADMIN:
        return
    if principal.role is Role.MEMBER and kind == "member" and ident == principal.member_id:
        return
    raise NotFound()


def create_feed(principal: Principal, kind: Kind, ident: int) -> str:
    """A new link to the calendar of worker or member ``ident``: its token, shown once."""
    _allowed(principal, kind, ident)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        owner_of(write.session, principal.groupement_id, kind, ident)
        feed = CalendarFeed(
            groupement_id=principal.groupement_id,
            worker_id=ident if kind == "worker" else None,
            member_id=ident if kind == "member" else None,
            token_hash=hash_token(token),
            prefix=token[: len(TOKEN_PREFIX) + 6],
        )
        write.session.add(feed)
        write.session.flush()
        write.about(CalendarFeed.__tablename__, feed.id)
    return token


def revoke_feed(principal: Principal, feed_id: int) -> None:
    """The link stops working at once; an administrator revokes any of the GE's, a member
    user its own member's only (another's is not found)."""
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        query = select(CalendarFeed).where(
            CalendarFeed.id == feed_id,
            CalendarFeed.groupement_id == principal.groupement_id,
            CalendarFeed.revoked_at.is_(None),
        )
        if principal.role is not Role.ADMIN:
            if principal.role is not Role.MEMBER or principal.member_id is None:
                raise NotFound()
            query = query.where(CalendarFeed.member_id == principal.member_id)
        feed = write.session.scalars(query).one_or_none()
        if feed is None:
            raise NotFound()
        feed.revoked_at = utcnow()
        write.about(CalendarFeed.__tablename__, feed.id)


def live_feeds(
    session: Session, groupement_id: int, member_id: int | None = None
) -> list[CalendarFeed]:
    """The GE's links that work (a member's only, with ``member_id``), oldest first."""
    query = select(CalendarFeed).where(
        CalendarFeed.groupement_id == groupement_id, CalendarFeed.revoked_at.is_(None)
    )
    if member_id is not None:
        query = query.where(CalendarFeed.member_id == member_id)
    return list(session.scalars(query.order_by(CalendarFeed.created_at, CalendarFeed.id)))
