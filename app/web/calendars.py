"""Schedules that leave Mutua: the feeds at their secret links, the administrators'
calendars page (month PDFs of every worker and member, their feed links made and
revoked) and what the member portal's calendar page shows.

A feed's link needs no sign-in: the token is the secret. An unknown or revoked token
answers 404, like any page that does not exist.
"""

from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, flash, render_template, request, url_for
from sqlalchemy import select

from allocation import calendar, formats
from exports.schedules import Schedule, day_lines, schedule_pdf

from ..auth import current_principal
from ..db import db
from ..downloads import attachment
from ..i18n import language, t
from ..models import CalendarFeed, Member, Worker
from ..services import calendars
from . import month_arg, neighbours
from .admin import staff

blp = Blueprint("calendars", __name__)
ICS = "text/calendar; charset=utf-8"
PDF = "application/pdf"
KINDS: dict[str, calendars.Kind] = {"travailleurs": "worker", "membres": "member"}


@blp.get("/calendrier/<token>.ics")
def feed(token: str) -> Response:
    """The feed of a live link, to whoever holds it; 404 for any other token."""
    session = db.session()
    found = calendars.find_feed(session, token)
    if found is None:
        abort(404)
    return attachment(calendars.feed_ics(session, found), ICS, "calendrier.ics")


def feed_url(token: str) -> str:
    return url_for("calendars.feed", token=token, _external=True)


def pdf_name(schedule: Schedule) -> str:
    """ "planning-2026-12.pdf": a machine name, not a text."""
    return f"planning-{schedule.first:%Y-%m}.pdf"


def days_of(schedule: Schedule) -> list[dict[str, Any]]:
    """The month day by day, as a page lists it: each day's lines (one per member or
    worker: their spans, each with its start, its end and whether that is the next day,
    and how long in all), days off and weekends marked."""
    lang = language()
    lines = day_lines(schedule)
    return [
        {
            "day": day,
            "off": day in schedule.days_off,
            "weekend": day.weekday() >= 5,
            "lines": [
                {
                    "who": line.who,
                    "spans": [
                        {
                            "start": formats.clock(visit.starts.time(), lang),
                            "end": formats.clock(visit.ends.time(), lang),
                            "next_day": visit.ends.date() > day,
                        }
                        for visit in line.visits
                    ],
                    "duration": formats.minutes(line.minutes, lang),
                }
                for line in lines.get(day, [])
            ],
        }
        for day in schedule.days()
    ]


def totals_of(schedule: Schedule) -> list[tuple[str, int, str]]:
    """(who, days, how long) per member or worker, by name."""
    days: dict[str, set[date]] = {}
    minutes: dict[str, int] = {}
    for visit in schedule.visits:
        days.setdefault(visit.who, set()).add(visit.day)
        minutes[visit.who] = minutes.get(visit.who, 0) + visit.minutes
    lang = language()
    return [(who, len(days[who]), formats.minutes(minutes[who], lang)) for who in sorted(minutes)]


# -- the administrators' page -------------------------------------------------------------


@blp.route("/gestion/calendriers", methods=["GET", "POST"])
@staff
def overview() -> Any:
    """Every worker and member: their month's PDF, their feed links (made here, shown once,
    revoked here)."""
    principal = current_principal()
    session = db.session()
    month = month_arg()
    new: dict[str, Any] | None = None
    if request.method == "POST":
        action = request.form.get("action")
        try:
            if action == "create" and request.form.get("kind") in KINDS.values():
                kind: calendars.Kind = (
                    "worker" if request.form.get("kind") == "worker" else "member"
                )
                ident = int(request.form.get("ident") or 0)
                token = calendars.create_feed(principal, kind, ident)
                owner = calendars.owner_of(session, principal.groupement_id, kind, ident)
                name = owner.name if isinstance(owner, Member) else calendars.worker_name(owner)
                new = {"name": name, "url": feed_url(token)}
                flash(t("web.calendar.link_made"), "success")
            elif action == "revoke":
                calendars.revoke_feed(principal, int(request.form.get("feed") or 0))
                flash(t("web.calendar.link_revoked"), "success")
            else:
                abort(400)
        except ValueError:
            abort(400)
    workers = session.scalars(
        select(Worker)
        .where(Worker.groupement_id == principal.groupement_id)
        .order_by(Worker.last_name, Worker.first_name)
    ).all()
    members = session.scalars(
        select(Member).where(Member.groupement_id == principal.groupement_id).order_by(Member.name)
    ).all()
    feeds: dict[tuple[str, int], list[CalendarFeed]] = {}
    for live in calendars.live_feeds(session, principal.groupement_id):
        feeds.setdefault(calendars.owner_key(live), []).append(live)
    before, after = neighbours(month)
    return render_template(
        "calendars.html",
        month_first=month,
        before=before,
        after=after,
        sections=[
            (
                "worker",
                "travailleurs",
                t("web.workers"),
                t("web.worker"),
                [(w.id, calendars.worker_name(w)) for w in workers],
            ),
            (
                "member",
                "membres",
                t("web.members"),
                t("web.member"),
                [(m.id, m.name) for m in members],
            ),
        ],
        feeds=feeds,
        new=new,
        window=calendars.feed_window(calendar.today()),
    )


@blp.get("/gestion/calendriers/<kind>/<int:ident>.pdf")
@staff
def staff_pdf(kind: str, ident: int) -> Response:
    """A worker's or a member's month as PDF, in the reader's language."""
    if kind not in KINDS:
        abort(404)
    found = calendars.month_schedule(
        db.session(), current_principal().groupement_id, KINDS[kind], ident, month_arg(), language()
    )
    return attachment(schedule_pdf(found), PDF, pdf_name(found))
