"""An invoice's staff line explained: the day-by-day month adds up to the line's hours,
the shares to the worker's cost, this member's share to the line, to the cent; a member
user sees the other members only as « autres membres »."""

from decimal import Decimal
from typing import Any

from app.demo import MEMBERS
from tests.api.test_payments import issued_may
from tests.conftest import World
from tests.helpers import assert_error_shape


def _staff_lines(invoice: dict[str, Any]) -> list[dict[str, Any]]:
    return [line for line in invoice["lines"] if line["kind"] == "staff"]


def test_every_staff_line_of_may_adds_up(admin: Any) -> None:
    for invoice in issued_may(admin):
        for line in _staff_lines(invoice):
            response = admin.get(f"/api/v1/invoice-lines/{line['id']}/explanation")
            assert response.status_code == 200, response.get_json()
            found = response.get_json()
            assert found["share"] == found["line_amount"] == line["amount"]
            shares = [Decimal(s["share"]) for s in found["shares"]]
            assert sum(shares) == Decimal(found["cost"]["total"])
            # The leftover cents: each share is its floor, plus one cent or not.
            for share in found["shares"]:
                extra = Decimal("0.01") if share["extra_cent"] else Decimal("0")
                assert Decimal(share["share"]) == Decimal(share["floor"]) + extra
            days = found["days"]
            worked = sum((Decimal(d["worked_hours"]) for d in days), Decimal("0"))
            absent = sum((Decimal(d["paid_absence_hours"]) for d in days), Decimal("0"))
            # Day by day to the hundredth, the month's sum within a rounding per day.
            assert abs(worked - Decimal(line["worked_hours"])) <= Decimal("0.01") * len(days)
            assert abs(absent - Decimal(line["absence_hours"])) <= Decimal("0.01") * len(days)
            own = next(s for s in found["shares"] if s["this_line"])
            assert own["worked_hours"] == line["worked_hours"]


def test_a_member_reads_its_own_lines_and_no_other_members_name(
    admin: Any, as_user: Any, world: World
) -> None:
    invoices = issued_may(admin)
    own = next(i for i in invoices if i["member_id"] == world.member_ids_a[0])
    other = next(i for i in invoices if i["member_id"] != world.member_ids_a[0])
    member = as_user("member_a0")
    line = _staff_lines(own)[0]
    found = member.get(f"/api/v1/invoice-lines/{line['id']}/explanation").get_json()
    text = str(found)
    assert not [name for name, *_ in MEMBERS[1:] if name in text]
    names = [s["member"] for s in found["shares"]]
    assert MEMBERS[0][0] in names
    if len(names) > 1:
        assert names[-1] == "autres membres"
        total = sum((Decimal(s["share"]) for s in found["shares"]), Decimal("0"))
        assert total == Decimal(found["cost"]["total"])
    assert_error_shape(
        member.get(f"/api/v1/invoice-lines/{_staff_lines(other)[0]['id']}/explanation"), 404
    )
    assert_error_shape(
        as_user("admin_b").get(f"/api/v1/invoice-lines/{line['id']}/explanation"), 404
    )


def test_the_members_detail_workbook_carries_the_explanation(
    admin: Any, as_user: Any, world: World
) -> None:
    import io

    from openpyxl import load_workbook

    invoices = issued_may(admin)
    own = next(i for i in invoices if i["member_id"] == world.member_ids_a[0])
    member = as_user("member_a0")
    data = member.get(f"/api/v1/invoices/{own['id']}/xlsx")
    assert data.status_code == 200, data.status_code
    workbook = load_workbook(io.BytesIO(data.data))
    assert len(workbook.sheetnames) == 3
    split = list(workbook.worksheets[2].iter_rows(values_only=True))[1:]
    staff = _staff_lines(own)
    assert len({row[0] for row in split}) == len(staff)
    ours = [row for row in split if row[1] == MEMBERS[0][0]]
    assert sorted(Decimal(str(row[9])) for row in ours) == sorted(
        Decimal(line["amount"]) for line in staff
    )
    names = {row[1] for row in split}
    assert names <= {MEMBERS[0][0], "autres membres"}
