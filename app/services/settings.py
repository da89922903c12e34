"""The GE's own settings: its identity, legal and billing parameters, and the cost
parameters of each year. Guarded writes like any other: a new cap or floor applies to
the whole history, and no setting may move what an issued month bills."""

import calendar
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..auth import Principal
from ..errors import InvalidInput
from ..i18n import N_, t
from ..models import CostParameters, Groupement
from .compliance import Period, finding_json
from .writes import Reach, flush_or_conflict, guarded_write

# A legal parameter changes only with the act that changes it (a royal decree may raise the cap).
REFERENCED_PARAMETERS = {
    "headcount_cap": "headcount_cap_reference",
    "weekly_hours_floor": "weekly_hours_floor_reference",
}


def _require_references(groupement: Groupement, data: dict[str, Any]) -> None:
    errors = {
        reference: [t("reference_required", field=reference)]
        for parameter, reference in REFERENCED_PARAMETERS.items()
        if parameter in data
        and data[parameter] != getattr(groupement, parameter)
        and not (data.get(reference) or "").strip()
    }
    if errors:
        raise InvalidInput(errors)


def _check(groupement: Groupement) -> None:
    errors: dict[str, list[str]] = {}
    for name in ("weekly_hours_floor", "full_time_weekly_hours"):
        if not 0 < getattr(groupement, name) <= 50:
            errors[name] = [N_("weekly_hours_range")]
    if groupement.management_fee_per_hour < 0:
        errors["management_fee_per_hour"] = ["must_not_be_negative"]
    if not 0 < groupement.alone_minimum_percent <= 100:
        errors["alone_minimum_percent"] = [N_("alone_minimum_range")]
    for name in ("alone_recruitment_per_year", "alone_payroll_admin_per_year"):
        if getattr(groupement, name) < 0:
            errors[name] = ["must_not_be_negative"]
    # A due day every year has (29 February would skip three years in four).
    longest = calendar.monthrange(2025, groupement.annual_report_due_month)[1]
    if groupement.annual_report_due_day > longest:
        errors["annual_report_due_day"] = ["Invalid value."]
    if errors:
        raise InvalidInput(errors)


# Settings that change how the GE's papers are worded, never a figure, a date or a rule's
# input: a change of only these reaches nothing (no finding, no issued bill to recompute).
WORDING_ONLY = frozenset({"language"})
# The assumptions of "what hiring alone would have cost": a comparison, never a bill.
ALONE_PARAMETERS = frozenset(
    {
        "alone_minimum_percent",
        "alone_recruitment_per_year",
        "alone_payroll_admin_per_year",
        # The month close's threshold: it flags a payroll cost, never moves a bill.
        "payroll_gap_percent",
    }
)


def save_groupement(principal: Principal, data: dict[str, Any]) -> Groupement:
    """Change the GE's parameters in one guarded write: the GE law enforced on its whole
    history (a new cap or floor applies to every day), every issued month's bill kept."""
    with guarded_write(principal.groupement_id) as write:
        groupement = write.session.get_one(Groupement, principal.groupement_id)
        # The settings page sends every field of its form: what reaches is what changes.
        changed = {key for key, value in data.items() if getattr(groupement, key) != value}
        write.reaches(
            Reach.NOTHING if changed <= WORDING_ONLY | ALONE_PARAMETERS else Reach.EVERYTHING
        )
        _require_references(groupement, data)
        for key, value in data.items():
            setattr(groupement, key, value)
        _check(groupement)
        flush_or_conflict(write.session, N_("conflict_duplicate"))
    groupement.findings = [finding_json(f) for f in write.findings]  # type: ignore[attr-defined]
    return groupement


def save_cost_parameters(principal: Principal, year: int, data: dict[str, Any]) -> CostParameters:
    if not 2000 <= year <= 2100:
        raise InvalidInput({"year": ["Invalid value."]})
    # A year's parameters move the bills of that year, never a working-time rule.
    year_reach = Reach(None, Period(date(year, 1, 1), date(year, 12, 31)))
    with guarded_write(principal.groupement_id, year_reach) as write:
        session = write.session
        parameters = cost_parameters_of(session, principal.groupement_id, year) or CostParameters(
            groupement_id=principal.groupement_id, year=year
        )
        for key, value in data.items():
            setattr(parameters, key, value)
        session.add(parameters)
        flush_or_conflict(session, N_("conflict_duplicate"))
    return parameters


def cost_parameters_of(session: Session, groupement_id: int, year: int) -> CostParameters | None:
    return session.scalars(
        select(CostParameters).where(
            CostParameters.groupement_id == groupement_id, CostParameters.year == year
        )
    ).one_or_none()


def cost_defaults() -> dict[str, Any]:
    return {
        column.key: column.default.arg
        for column in CostParameters.__table__.columns
        if column.default is not None and column.default.is_scalar
    }
