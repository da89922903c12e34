"""The month's prestations for the GE's social secretariat, and the GE's secretariat
profiles (the layout each secretariat reads them in).

The figures are the billing's own: the month is computed by ``billing.compute`` (an
issued month computes to what it billed) and each contract's ``WorkerMonth``, the very
input of its split, is taken apart day by day by ``allocation.prestations``. Written
with a profile of the GE (its default when none is named, Mutua's built-in layout when
the GE has saved none) by ``exports.prestations``.

A profile is a record like the others (``records``): every write is one guarded unit of
work reaching nothing (a layout moves no finding and no bill), audited by the flush hook.
"""

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation.hours import minutes_to_display_hours
from allocation.prestations import prestations
from exports.prestations import (
    COLUMNS,
    DATE_FORMATS,
    DECIMAL_MARKS,
    DEFAULT_CODES,
    KINDS,
    REQUIRED_COLUMNS,
    SEPARATORS,
    Layout,
    Row,
    csv_file,
    workbook,
)

from ..auth import Principal
from ..errors import Forbidden, InvalidInput, NotFound
from ..i18n import N_
from ..models import Groupement, Member, ReplacementDay, SecretariatProfile, Worker
from ..models.enums import Role, WorkerIdentifier
from . import billing, month_close, records
from .billing import month_bounds
from .writes import Reach, guarded_write

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
LONGEST_CODE = 20


def _apply(profile: SecretariatProfile, data: dict[str, Any]) -> None:
    """The input on the profile; the codes it does not name keep their defaults."""
    for key, value in data.items():
        if key == "codes":
            value = dict(DEFAULT_CODES) | dict(value)
        elif key == "columns":
            value = list(value)
        setattr(profile, key, value)


def check_profile(session: Session, principal: Principal, profile: SecretariatProfile) -> None:
    """A layout a secretariat can read: known columns, each once, the four it needs; a
    separator and a decimal mark of the lists, not the same; a known date format; a code
    for known kinds only, short; one default per GE."""
    errors: dict[str, list[str]] = {}
    columns = list(profile.columns or [])
    if any(column not in COLUMNS for column in columns):
        errors.setdefault("columns", []).append(N_("secretariat_profile.unknown_column"))
    elif len(set(columns)) != len(columns):
        errors.setdefault("columns", []).append(N_("secretariat_profile.column_twice"))
    elif not set(REQUIRED_COLUMNS) <= set(columns):
        errors.setdefault("columns", []).append(N_("secretariat_profile.columns_missing"))
    if profile.separator not in SEPARATORS:
        errors.setdefault("separator", []).append(N_("secretariat_profile.separator"))
    if profile.decimal_mark not in DECIMAL_MARKS:
        errors.setdefault("decimal_mark", []).append(N_("secretariat_profile.decimal_mark"))
    elif profile.decimal_mark == profile.separator:
        errors.setdefault("decimal_mark", []).append(
            N_("secretariat_profile.decimal_mark_is_separator")
        )
    if profile.date_format not in DATE_FORMATS:
        errors.setdefault("date_format", []).append(N_("secretariat_profile.date_format"))
    codes = profile.codes or {}
    if any(kind not in KINDS for kind in codes):
        errors.setdefault("codes", []).append(N_("secretariat_profile.unknown_kind"))
    elif any(
        not isinstance(code, str) or not code.strip() or len(code) > LONGEST_CODE
        for code in codes.values()
    ):
        errors.setdefault("codes", []).append(N_("secretariat_profile.code"))
    if profile.is_default:
        other = session.scalars(
            select(SecretariatProfile.id).where(
                SecretariatProfile.groupement_id == principal.groupement_id,
                SecretariatProfile.is_default.is_(True),
                SecretariatProfile.id != (profile.id or 0),
            )
        ).first()
        if other is not None:
            errors.setdefault("is_default", []).append(N_("secretariat_profile.two_defaults"))
    if errors:
        raise InvalidInput(errors)


# Staff read the profiles, administrators write them; a member user sees none.
PROFILES = records.Resource(
    model=SecretariatProfile,
    member_scope=records.staff_only,
    order_by=(SecretariatProfile.name,),
    apply=_apply,
    check=check_profile,
    moves_nothing=True,
)


def make_default(principal: Principal, ident: int) -> SecretariatProfile:
    """The profile ``ident`` becomes the GE's default, the former default no longer: one
    guarded write reaching nothing (a layout moves no finding and no bill)."""
    if not principal.can_write:
        raise Forbidden()
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        profile: SecretariatProfile = records.get_visible(write.session, PROFILES, principal, ident)
        for other in write.session.scalars(
            records.scoped(PROFILES, principal).where(
                SecretariatProfile.is_default.is_(True), SecretariatProfile.id != ident
            )
        ):
            other.is_default = False
        write.session.flush()
        profile.is_default = True
    return profile


def layout_of(profile: SecretariatProfile | None) -> Layout:
    if profile is None:
        return Layout()
    return Layout(
        columns=tuple(profile.columns),
        separator=profile.separator,
        decimal_mark=profile.decimal_mark,
        date_format=profile.date_format,
        identifier=profile.identifier.value,
        codes=dict(DEFAULT_CODES) | dict(profile.codes),
    )


def profile_for(
    session: Session, principal: Principal, profile_id: int | None
) -> SecretariatProfile | None:
    """The profile named (404 when the caller's GE has none of that id), else the GE's
    default, else None: Mutua's built-in layout."""
    if profile_id is not None:
        return records.get_visible(session, PROFILES, principal, profile_id)  # type: ignore[no-any-return]
    return session.scalars(
        records.scoped(PROFILES, principal).where(SecretariatProfile.is_default.is_(True))
    ).first()


def rows(session: Session, groupement: Groupement, month: date, layout: Layout) -> list[Row]:
    """The month's prestations of every worker, as the layout names workers."""
    first, last = month_bounds(month)
    result = billing.compute(session, groupement, first)
    replacement = set(
        session.scalars(
            select(ReplacementDay.replacement).where(
                ReplacementDay.groupement_id == groupement.id,
                ReplacementDay.replacement.between(first, last),
            )
        )
    )
    found = prestations(
        [c.worker_month for c in result.contracts if c.worker_month is not None], replacement
    )
    workers = {
        w.id: w
        for w in session.execute(
            select(
                Worker.id,
                Worker.first_name,
                Worker.last_name,
                Worker.national_number,
                Worker.secretariat_number,
            ).where(Worker.groupement_id == groupement.id)
        )
    }
    members = {
        m.id: m
        for m in session.execute(
            select(Member.id, Member.name, Member.enterprise_number).where(
                Member.groupement_id == groupement.id
            )
        )
    }
    by_number = layout.identifier == WorkerIdentifier.SECRETARIAT_NUMBER.value
    missing = sorted(
        {
            f"{workers[row.worker_id].last_name} {workers[row.worker_id].first_name}"
            for row in found
            if not (
                workers[row.worker_id].secretariat_number
                if by_number
                else workers[row.worker_id].national_number
            )
        }
    )
    if missing:
        raise InvalidInput(
            {"profile": [N_("prestations.worker_unnamed")]},
            message_key=N_("prestations.workers_unnamed"),
            values={"workers": ", ".join(missing)},
        )
    made = []
    for row in found:
        worker, member = workers[row.worker_id], members[row.member_id]
        made.append(
            Row(
                worker=worker.secretariat_number if by_number else worker.national_number,
                last_name=worker.last_name,
                first_name=worker.first_name,
                day=row.day,
                kind=row.kind,
                hours=minutes_to_display_hours(row.minutes),
                member=member.name,
                member_number=member.enterprise_number,
            )
        )
    return made


def export(
    session: Session, principal: Principal, month: date, kind: str, profile_id: int | None
) -> tuple[bytes, str, str]:
    """The month's prestations as ``kind`` (csv or xlsx) with a profile: bytes, content
    type, file name. The GE's staff only: a member user is refused (403)."""
    if principal.role is Role.MEMBER:
        raise Forbidden()
    profile = profile_for(session, principal, profile_id)
    if profile is None and profile_id is not None:
        raise NotFound()
    layout = layout_of(profile)
    groupement = session.get_one(Groupement, principal.groupement_id)
    made = rows(session, groupement, month, layout)
    name = f"prestations-{month:%Y-%m}.{kind}"
    if kind == "csv":
        data, content_type = csv_file(made, layout), CSV
    else:
        data, content_type = workbook(made, layout), XLSX
    # The month's close records who exported it, when and how (bookkeeping).
    month_close.record_export(session, principal, month, kind, profile.name if profile else None)
    return data, content_type, name
