"""The daily sweep tells the GE's staff of each member with overdue invoices
(LIAB-MEMBER-ARREARS) once a month while it stays in arrears, under a controlled clock."""

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import jobs
from app.models import Notification
from tests.api.test_member_arrears import issued_may, pay
from tests.conftest import World
from tests.jobs.test_jobs import at

RULE = "LIAB-MEMBER-ARREARS"


def told(session: Session, ge: int) -> dict[str, Notification]:
    rows = session.scalars(
        select(Notification).where(Notification.groupement_id == ge, Notification.kind == RULE)
    )
    return {n.key: n for n in rows}


def test_each_member_in_arrears_is_told_once_a_month(
    admin: Any, session: Session, world: World
) -> None:
    invoices = issued_may(admin)  # due on 3 July
    members = sorted({i["member_id"] for i in invoices})

    with at(2026, 7, 3, 7, 0):  # due today: not late yet
        jobs.run("compliance_sweep", world.ge_a)
    assert told(session, world.ge_a) == {}

    with at(2026, 8, 1, 7, 0):
        august = jobs.run("compliance_sweep", world.ge_a)
    assert august.outcome == "succeeded" and RULE in august.summary["kinds"]
    notices = told(session, world.ge_a)
    assert sorted(notices) == sorted(f"{RULE}:{m}:2026-08" for m in members)
    first = invoices[0]["member_id"]
    notice = notices[f"{RULE}:{first}:2026-08"]
    assert notice.severity == "warning" and notice.subjects == [["member", first]]
    assert "sur 1 facture échue depuis le 3 juillet 2026" in notice.message("fr")
    assert "1 invoice overdue since 3 July 2026" in notice.message("en")

    # The next days of the month: the same arrears are no news.
    with at(2026, 8, 2, 7, 0):
        again = jobs.run("compliance_sweep", world.ge_a)
    with at(2026, 8, 31, 7, 0):
        jobs.run("compliance_sweep", world.ge_a)
    assert again.outcome == "succeeded" and RULE not in again.summary["kinds"]
    assert len(told(session, world.ge_a)) == len(members)

    # One member pays; in September the others are told again, it is not.
    paid = invoices[0]
    pay(session, world.ge_a, paid, Decimal(paid["total"]))
    session.commit()
    with at(2026, 9, 1, 7, 0):
        september = jobs.run("compliance_sweep", world.ge_a)
    assert september.outcome == "succeeded"
    september_keys = {k for k in told(session, world.ge_a) if k.endswith(":2026-09")}
    assert september_keys == {f"{RULE}:{m}:2026-09" for m in members if m != paid["member_id"]}
