"""Records for tests, with unique valid values from sequences."""

import itertools
from collections.abc import Callable
from datetime import date, time
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.be import ssn, vat

from app.auth import hash_password
from app.models import Assignment, Contract, Groupement, Member, Slot, User, Worker
from app.models.enums import ContractType, LegalForm, Role
from tests.helpers import arranging

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
    with arranging(session, ge.id):
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
                            groupement_id=ge.id,
                            paid_on=date(2026, 7, 30),
                            amount=Decimal("1000.00"),
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


def make_fifty_worker_groupement(session: Session) -> dict[str, Any]:
    """A GE of 50 workers (and a 51st hired on 16 March 2026) over five members, written
    straight to the database as an import would, with one breach of each kind planted.

    Everyone works 19 h: Monday to Friday 09:00-12:48. The planted breaches, worker by
    worker: 1 an 18 h contract; 2 a flexi-job; 3 another joint committee; 4 a second slot
    overlapping Monday's; 5 a Tuesday evening till 21:48 then Wednesday from 08:00; 6 two
    days of 9 h 30; 7 placed with member 5, which left on 14 March; 8 Friday moved to
    Sunday; 51 hired with no schedule, taking the GE to 51 workers.
    """
    ge = Groupement(
        name="GE Cinquante ASBL", enterprise_number=enterprise_number(), street="Rue Haute 5",
        postal_code="1000", city="Bruxelles", rpm_seat="Tribunal de l'entreprise de Bruxelles",
        authorisation_reference="GE/2020/001", authorisation_date=date(2020, 1, 1),
        joint_committee="329.02",
    )  # fmt: skip
    session.add(ge)
    session.flush()
    with arranging(session, ge.id):
        members = [
            member_of(ge.id, name=f"Membre {n}", joined_on=date(2020, 1, 1)) for n in range(5)
        ]
        members[4].left_on = date(2026, 3, 14)
        session.add_all(members)
        session.flush()
        workers: dict[int, Worker] = {}

        def hire(number: int, **contract: Any) -> Contract:
            worker = Worker(groupement_id=ge.id, first_name="Travailleur", last_name=str(number))
            session.add(worker)
            session.flush()
            workers[number] = worker
            hired = contract_of(ge.id, worker.id, **contract)
            session.add(hired)
            session.flush()
            return hired

        def place(contract: Contract, member: Member, *slots: tuple[int, str, str]) -> None:
            session.add(
                Assignment(
                    groupement_id=ge.id, contract_id=contract.id, member_id=member.id,
                    starts_on=contract.starts_on,
                    slots=[Slot(groupement_id=ge.id, weekday=d, starts_at=time.fromisoformat(s),
                                ends_at=time.fromisoformat(e)) for d, s, e in slots],
                )
            )  # fmt: skip

        morning = ("09:00", "12:48")
        for number in range(1, 51):
            first, second = members[number % 4], members[(number + 1) % 4]
            if number == 1:
                contract = hire(number, weekly_hours=Decimal(18))
                place(contract, first, *[(d, "09:00", "12:36") for d in range(5)])
                continue
            kinds = {2: {"contract_type": ContractType.FLEXI_JOB}, 3: {"joint_committee": "200"}}
            contract = hire(number, **kinds.get(number, {}))
            if number == 6:
                place(contract, first, (0, "08:00", "12:00"), (0, "12:30", "18:00"),
                      (1, "08:00", "12:00"), (1, "12:30", "18:00"))  # fmt: skip
                continue
            early = [(0, *morning), (1, *morning)]
            late = [(2, *morning), (3, *morning), (4, *morning)]
            if number == 5:
                early = [(0, *morning), (1, "18:00", "21:48")]
                late = [(2, "08:00", "11:48"), (3, *morning), (4, *morning)]
            if number == 8:
                late = [(2, *morning), (3, *morning), (6, *morning)]
            place(contract, members[4] if number == 7 else first, *early)
            place(contract, second, *late)
            if number == 4:
                place(contract, members[2], (0, "11:00", "12:00"))
        hire(51, starts_on=date(2026, 3, 16))
        session.flush()
    return {"groupement": ge, "members": members, "workers": workers}


def karims_long_day(session: Session, member_id: int) -> dict[str, Any]:
    """A day entry of the demo: 2.5 extra hours for Karim El Amrani on Tuesday 24 November
    2026 at ``member_id``, which makes his day 8 h 30 (a WT-DAY-8H warning, no refusal)."""
    karim = session.scalars(select(Worker.id).where(Worker.first_name == "Karim")).one()
    return {
        "worker_id": karim,
        "day": "2026-11-24",
        "member_id": member_id,
        "hours": "2.5",
        "kind": "extra_hours",
    }
