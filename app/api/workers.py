"""Workers of the GE and their employment contracts."""

from typing import Any

import marshmallow as ma
from flask_smorest import Blueprint
from sqlalchemy import Select, select

from ..auth import Principal, current_principal
from ..errors import InvalidInput
from ..i18n import N_
from ..models import Assignment, Contract, Worker
from ..models.enums import ContractType, Role
from ..services import records
from ..services.compliance import Period
from . import crud, fields
from .schemas import (
    CheckedSchema,
    Filters,
    Schema,
    iso_date,
    optional_text,
    reference,
    required_text,
)

workers_blp = Blueprint(
    "workers", __name__, url_prefix="/api/v1/workers", description="Travailleurs"
)
contracts_blp = Blueprint(
    "contracts", __name__, url_prefix="/api/v1/contracts", description="Contrats de travail"
)


class WorkerSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    first_name = required_text(100)
    last_name = required_text(100)
    national_number = fields.NationalNumber(load_default=None, allow_none=True)
    # The number the GE's social secretariat gives the worker (its prestations name it).
    secretariat_number = optional_text(20, ma.validate.Regexp(r"^[0-9A-Za-z./-]*$"))
    email = ma.fields.Email(load_default=None, allow_none=True)

    @ma.post_dump(pass_collection=False)
    def mask_personal_data(self, data: dict[str, Any], many: bool, **_kw: Any) -> dict[str, Any]:
        # The full national number is shown only on one worker's page, to the GE's staff.
        if many or current_principal().role is Role.MEMBER:
            data["national_number"] = fields.mask_national_number(data.get("national_number"))
        return data


class ContractSchema(CheckedSchema):
    id = ma.fields.Integer(dump_only=True)
    worker_id = reference(required=True)
    starts_on = iso_date(required=True)
    ends_on = iso_date(load_default=None, allow_none=True)
    weekly_hours = fields.Hours(required=True)
    contract_type = ma.fields.Enum(ContractType, by_value=True, required=True)
    joint_committee = ma.fields.String(
        required=True, validate=ma.validate.Regexp(r"^[0-9]{3}(\.[0-9]{2})?$")
    )
    monthly_gross = fields.Money(
        required=True,
        metadata={"nullable": True, "description": "null pour un utilisateur membre"},
    )

    @ma.post_dump(pass_collection=False)
    def keep_pay_within_the_ge(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        # A member sees the workers placed with it, not what the GE pays them.
        if current_principal().role is Role.MEMBER:
            data["monthly_gross"] = None
        return data


class ContractFilters(Filters):
    worker_id = reference(strict=False)


def _contracts_placed_with(member_id: int) -> Select[Any]:
    return select(Assignment.contract_id).where(Assignment.member_id == member_id)


def _workers_of_member(stmt: Select[Any], member_id: int) -> Select[Any]:
    placed = select(Contract.worker_id).where(Contract.id.in_(_contracts_placed_with(member_id)))
    return stmt.where(Worker.id.in_(placed))


def _contracts_of_member(stmt: Select[Any], member_id: int) -> Select[Any]:
    return stmt.where(Contract.id.in_(_contracts_placed_with(member_id)))


def _check_contract(session: Any, principal: Principal, contract: Contract) -> None:
    records.find_in_groupement(session, Worker, principal, contract.worker_id, "worker_id")
    errors: dict[str, list[str]] = {}
    if contract.ends_on is not None and contract.ends_on < contract.starts_on:
        errors["ends_on"] = [N_("ends_before_start")]
    if not 0 < contract.weekly_hours <= 50:
        errors["weekly_hours"] = [N_("weekly_hours_range")]
    if contract.monthly_gross < 0:
        errors["monthly_gross"] = ["must_not_be_negative"]
    if errors:
        raise InvalidInput(errors)


def _filter_contracts(stmt: Select[Any], filters: dict[str, Any]) -> Select[Any]:
    if "worker_id" in filters:
        stmt = stmt.where(Contract.worker_id == filters["worker_id"])
    return stmt


WORKERS = records.Resource(
    model=Worker,
    member_scope=_workers_of_member,
    # Who a worker is (name, e-mail, national number) moves no rule and no bill: the
    # contracts carry the hours and the pay.
    moves_nothing=True,
    order_by=(Worker.last_name, Worker.first_name, Worker.id),
)
crud.register(workers_blp, WORKERS, WorkerSchema, "Travailleurs")
CONTRACTS = records.Resource(
    model=Contract,
    member_scope=_contracts_of_member,
    apply_filters=_filter_contracts,
    order_by=(Contract.starts_on, Contract.id),
    check=_check_contract,
    period=lambda c: Period(c.starts_on, c.ends_on),
)
crud.register(contracts_blp, CONTRACTS, ContractSchema, "Contrats", filters=ContractFilters)
