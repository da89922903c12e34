"""Records for tests, with unique valid values from sequences."""

import itertools
from collections.abc import Callable
from datetime import date, time
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session
from stdnum.be import ssn, vat

from app.auth import hash_password
from app.models import Assignment, Contract, Groupement, Member, Slot, User, Worker
from app.models.enums import ContractType, LegalForm, Role

_serial = itertools.count(1)


def _first_valid(base: str, is_valid: Callable[[str], bool]) -> str | None:
    """``base`` followed by the two check digits python-stdnum accepts, if any."""
    return next(
        (base + f"{check:02d}" for check in range(100) if is_valid(base + f"{check:02d}")), None
    )


def enterprise_number() -> str:
    """A fresh valid Belgian enterprise number."""
    while not (number := _first_valid(f"07{next(_serial):06d}", vat.is_valid)):
        pass
    return number


def national_number() -> str:
    """A fresh valid national register number (born 1 January 1990)."""
    while not (number := _first_valid(f"900101{next(_serial) % 997 + 1:03d}", ssn.is_valid)):
        pass
    return number


def make_second_groupement(session: Session) -> Groupement:
    """GE B: its own member, worker, contract, schedule, day entry and replacement day."""
    from app.models import DayEntry, Debt, DebtPayment, Derogation, ReplacementDay
    from app.models.enums import DayEntryKind, DebtKind, DerogationKind

    ge = Groupement(
        name="GE Liège Entraide ASBL",
        enterprise_number=enterprise_number(),
        street="Rue Féronstrée 10",
        postal_code="4000",
        city="Liège",
        rpm_seat="Tribunal de l'entreprise de Liège",
    )
    session.add(ge)
    session.flush()
    member = member_of(ge.id, name="Régie de Quartier Outremeuse ASBL")
    worker = Worker(groupement_id=ge.id, first_name="Jean", last_name="Martin")
    session.add_all([member, worker])
    session.flush()
    contract = contract_of(ge.id, worker.id)
    session.add(contract)
    session.flush()
    session.add_all(
        [
            assignment_of(ge.id, contract.id, member.id),
            DayEntry(
                groupement_id=ge.id,
                worker_id=worker.id,
                day=date(2026, 11, 5),
                member_id=member.id,
                hours=Decimal("4"),
                kind=DayEntryKind.PAID_LEAVE,
            ),
            ReplacementDay(
                groupement_id=ge.id, holiday=date(2026, 11, 1), replacement=date(2026, 11, 13)
            ),
            Derogation(
                groupement_id=ge.id,
                rule_id="WT-SUNDAY",
                kind=DerogationKind.CCT,
                reference="CCT B",
                starts_on=date(2026, 1, 1),
            ),
            Debt(
                groupement_id=ge.id,
                kind=DebtKind.ONSS,
                period_start=date(2026, 4, 1),
                period_end=date(2026, 6, 30),
                amount=Decimal("9000.00"),
                due_on=date(2026, 7, 31),
                payments=[
                    DebtPayment(
                        groupement_id=ge.id, paid_on=date(2026, 7, 30), amount=Decimal("1000.00")
                    )
                ],
            ),
            User(
                groupement_id=ge.id,
                email="admin@ge-b.example",
                password_hash=hash_password("secret-b"),
                role=Role.ADMIN,
            ),
        ]
    )
    session.flush()
    return ge


def member_of(groupement_id: int, **overrides: Any) -> Member:
    values: dict[str, Any] = {
        "name": f"ASBL {next(_serial)}",
        "legal_form": LegalForm.ASBL,
        "enterprise_number": enterprise_number(),
        "street": "Rue Neuve 1",
        "postal_code": "1000",
        "city": "Bruxelles",
        "joined_on": date(2026, 1, 1),
    }
    return Member(groupement_id=groupement_id, **(values | overrides))


def contract_of(groupement_id: int, worker_id: int, **overrides: Any) -> Contract:
    values: dict[str, Any] = {
        "starts_on": date(2026, 1, 1),
        "weekly_hours": Decimal("19"),
        "contract_type": ContractType.OPEN_ENDED,
        "joint_committee": "329.02",
        "monthly_gross": Decimal("1500.00"),
    }
    return Contract(groupement_id=groupement_id, worker_id=worker_id, **(values | overrides))


def assignment_of(groupement_id: int, contract_id: int, member_id: int) -> Assignment:
    return Assignment(
        groupement_id=groupement_id,
        contract_id=contract_id,
        member_id=member_id,
        starts_on=date(2026, 1, 1),
        slots=[
            Slot(
                groupement_id=groupement_id,
                weekday=weekday,
                starts_at=time(9),
                ends_at=time(12, 48),
            )
            for weekday in range(5)
        ],
    )


def member_payload(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Les Jardins de Forest ASBL",
        "legal_form": "ASBL",
        "enterprise_number": enterprise_number(),
        "street": "Avenue Van Volxem 12",
        "postal_code": "1190",
        "city": "Forest",
        "joined_on": "2026-02-01",
    } | overrides


def worker_payload(**overrides: Any) -> dict[str, Any]:
    return {
        "first_name": "Élise",
        "last_name": "Vandenberghe",
        "national_number": national_number(),
        "email": "elise@example.be",
    } | overrides


def contract_payload(worker_id: int, **overrides: Any) -> dict[str, Any]:
    return {
        "worker_id": worker_id,
        "starts_on": "2026-02-01",
        "weekly_hours": "19",
        "contract_type": "open_ended",
        "joint_committee": "329.02",
        "monthly_gross": "1520.50",
    } | overrides


def assignment_payload(contract_id: int, member_id: int, **overrides: Any) -> dict[str, Any]:
    return {
        "contract_id": contract_id,
        "member_id": member_id,
        "starts_on": "2026-02-01",
        "slots": [
            {"weekday": 0, "starts_at": "09:00", "ends_at": "12:30"},
            {"weekday": 0, "starts_at": "13:00", "ends_at": "16:00"},
        ],
    } | overrides
