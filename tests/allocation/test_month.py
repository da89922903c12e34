"""Worked examples of the monthly split, checked by hand, and its invariants.

The worker of every example works 19 h a week in May 2026 (1 May, Ascension on Thursday
14 May and Whit Monday 25 May are public holidays):

    member A: Monday 09:00-13:00 and Tuesday 09:00-13:00   (8 h a week)
    member B: Wednesday 09:00-13:00 and Thursday 09:00-12:00 (7 h a week)
    member C: Friday 09:00-13:00                            (4 h a week)

May 2026 has four Mondays, Tuesdays, Wednesdays and Thursdays and five Fridays, so the
month plans A 32 h, B 28 h and C 20 h: 80 h.
"""

from datetime import date, time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allocation.calendar import days_off
from allocation.costs import CostRates, belgian_fraction, modelled
from allocation.invoice import EXEMPTION_MENTION, VatCategory, member_invoices
from allocation.money import split
from allocation.month import AbsencePolicy, Entry, WorkerMonth, split_worker
from allocation.schedule import Placement, WeeklySlot

MAY_FIRST, MAY_LAST = date(2026, 5, 1), date(2026, 5, 31)
A, B, C = 1, 2, 3
MAY_DAYS_OFF = days_off([2026], {})


def slot(weekday: int, start: str, end: str) -> WeeklySlot:
    return WeeklySlot(weekday, time.fromisoformat(start), time.fromisoformat(end))


def week(first: date = MAY_FIRST) -> tuple[Placement, ...]:
    return (
        Placement(1, 7, A, first, None, (slot(0, "09:00", "13:00"), slot(1, "09:00", "13:00"))),
        Placement(2, 7, B, first, None, (slot(2, "09:00", "13:00"), slot(3, "09:00", "12:00"))),
        Placement(3, 7, C, first, None, (slot(4, "09:00", "13:00"),)),
    )


def may(
    placements: tuple[Placement, ...] = week(),
    entries: tuple[Entry, ...] = (),
    first: date = MAY_FIRST,
) -> WorkerMonth:
    return WorkerMonth(1, 7, first, MAY_LAST, placements, entries, MAY_DAYS_OFF)


def hours(minutes: Fraction) -> Fraction:
    return minutes / 60


def shares(result: object) -> dict[int, Decimal]:
    return {m.member_id: m.share for m in result.members}  # type: ignore[attr-defined]


def test_may_2026_pro_rata() -> None:
    """Holidays: Friday 1 May (C's 4 h), Thursday 14 May (B's 3 h), Monday 25 May (A's
    4 h): 11 h of paid absence, shared 8:7:4 by the weekly schedule.

    worked: A 32 - 4 = 28 h, B 28 - 3 = 25 h, C 20 - 4 = 16 h (69 h)
    absence: A 11*8/19 = 88/19 h, B 77/19 h, C 44/19 h
    basis: A 620/19, B 552/19, C 348/19 (80 h)
    2000.00 * 620/1520 = 815.789…, * 552/1520 = 726.315…, * 348/1520 = 457.894…
    floors 815.78 + 726.31 + 457.89 = 1999.98: the two cents left go to A (.947) and B
    (.578): 815.79 + 726.32 + 457.89 = 2000.00.
    """
    result = split_worker(may(), Decimal("2000.00"), AbsencePolicy.PRO_RATA)
    by_member = {m.member_id: m for m in result.members}
    assert [hours(by_member[m].worked) for m in (A, B, C)] == [28, 25, 16]
    assert [hours(by_member[m].paid_absence) for m in (A, B, C)] == [
        Fraction(88, 19),
        Fraction(77, 19),
        Fraction(44, 19),
    ]
    assert shares(result) == {A: Decimal("815.79"), B: Decimal("726.32"), C: Decimal("457.89")}
    assert result.days_worked == 18  # 21 planned days less the 3 holidays


def test_may_2026_slot_and_loaded_rate_policies() -> None:
    """Slot: each holiday stays with the member whose slot it replaces: 32:28:20 of 80 h,
    800.00 / 700.00 / 500.00. Loaded rate: worked hours only, 28:25:16 of 69 h:
    811.594…, 724.637…, 463.768…: floors 811.59 + 724.63 + 463.76 = 1999.98, the two cents
    to C (.811) and B (.768): 811.59 / 724.64 / 463.77."""
    slot_policy = split_worker(may(), Decimal("2000.00"), AbsencePolicy.SLOT)
    assert shares(slot_policy) == {A: Decimal("800.00"), B: Decimal("700.00"), C: Decimal("500.00")}
    loaded = split_worker(may(), Decimal("2000.00"), AbsencePolicy.LOADED_RATE)
    assert shares(loaded) == {A: Decimal("811.59"), B: Decimal("724.64"), C: Decimal("463.77")}


def test_a_sick_week_is_shared_by_the_schedule() -> None:
    """Sick from Monday 18 to Friday 22 May: 19 h of paid absence (no member named),
    taken off each day's work (A 8 h, B 7 h, C 4 h) and shared 8:7:4 like the holidays:
    worked A 20 h, B 18 h, C 12 h; absence 30 h: A 240/19, B 210/19, C 120/19 h. The bases
    are those of a month without sickness, so are the shares; 5 days fewer are worked."""
    sick = tuple(
        Entry(date(2026, 5, d), "sickness", minutes)
        for d, minutes in [(18, 240), (19, 240), (20, 240), (21, 180), (22, 240)]
    )
    result = split_worker(may(entries=sick), Decimal("2000.00"), AbsencePolicy.PRO_RATA)
    by_member = {m.member_id: m for m in result.members}
    assert [hours(by_member[m].worked) for m in (A, B, C)] == [20, 18, 12]
    assert hours(sum((m.paid_absence for m in result.members), Fraction(0))) == 30
    assert shares(result) == {A: Decimal("815.79"), B: Decimal("726.32"), C: Decimal("457.89")}
    assert result.days_worked == 13


def test_a_contract_starting_on_the_10th() -> None:
    """From Sunday 10 May, the schedule plans 57 h of the month's 80: the Belgian fraction
    is 57/80 and a 1,500.00 gross becomes 1,068.75. With the default rates:
    contributions 32.40 % 346.275 -> 346.28; holiday 18.20 % 194.5125 -> 194.51; year-end
    8.33 % 89.026875 -> 89.03; accident 1 % 10.6875 -> 10.69; prevention 95 * 57/80 / 12 =
    5.640625 -> 5.64; 13 days worked (11-29 May but the holidays 14 and 25) * 8.91 = 115.83.
    Total 1,830.73. Holidays inside: 14 May (3 h) and 25 May (4 h), 7 h shared 8:7:4."""
    month = may(week(date(2026, 5, 10)), first=date(2026, 5, 10))
    fraction = belgian_fraction(month.placements, MAY_FIRST, MAY_LAST, date(2026, 5, 10), MAY_LAST)
    assert fraction == Fraction(57, 80)
    split_ = split_worker(month, Decimal("1.00"), AbsencePolicy.PRO_RATA)
    cost = modelled(Decimal("1500.00"), fraction, CostRates(), split_.days_worked)
    assert (cost.gross, cost.employer_contributions, cost.holiday_provision) == (
        Decimal("1068.75"),
        Decimal("346.28"),
        Decimal("194.51"),
    )
    assert (
        cost.year_end_provision,
        cost.accident_insurance,
        cost.prevention_service,
        cost.meal_vouchers,
    ) == (Decimal("89.03"), Decimal("10.69"), Decimal("5.64"), Decimal("115.83"))
    assert cost.total == Decimal("1830.73")
    by_member = {
        m.member_id: m for m in split_worker(month, cost.total, AbsencePolicy.PRO_RATA).members
    }
    assert [by_member[m].basis for m in (A, B, C)] == [
        Fraction(436, 19) * 60,
        Fraction(391, 19) * 60,
        Fraction(256, 19) * 60,
    ]


def test_a_contract_whose_schedule_starts_the_day_after_still_gets_its_fraction() -> None:
    """Contract from Sunday 10 May, assignments from Monday 11: the days before the 10th
    are read on the schedule of the 11th, so the fraction stays 57/80."""
    placements = week(date(2026, 5, 11))
    fraction = belgian_fraction(placements, MAY_FIRST, MAY_LAST, date(2026, 5, 10), MAY_LAST)
    assert fraction == Fraction(57, 80)


def test_a_member_leaving_mid_month_bears_nothing_after() -> None:
    """C's assignment ends on Friday 15 May (C left the GE); from Saturday 16 the Friday
    slot moves to A. Whit Monday (25 May, A's 4 h) is shared by the schedule then in
    effect, A 12 h : B 7 h, so C bears none of it. C worked Friday 8 and 15 (1 May was a
    holiday) and bears 4*4/19 h of 1 May and 3*4/19 h of 14 May: 28/19 h."""
    a, b, c = week()
    c_until_15 = Placement(3, 7, C, MAY_FIRST, date(2026, 5, 15), c.slots)
    a_fridays = Placement(4, 7, A, date(2026, 5, 16), None, (slot(4, "09:00", "13:00"),))
    result = split_worker(
        may((a, b, c_until_15, a_fridays)), Decimal("2000.00"), AbsencePolicy.PRO_RATA
    )
    by_member = {m.member_id: m for m in result.members}
    assert hours(by_member[C].worked) == 8
    assert hours(by_member[C].paid_absence) == Fraction(28, 19)
    assert sum(shares(result).values()) == Decimal("2000.00")


def test_an_exempt_and_a_standard_member_in_the_same_run() -> None:
    """A is exempt (art. 44 §2bis): no VAT, with the mention. B pays 21 % on 726.32:
    152.5272 -> 152.53, total 878.85. C: 457.89 + 96.1569 -> 96.16 = 554.05."""
    result = split_worker(may(), Decimal("2000.00"), AbsencePolicy.PRO_RATA)
    invoices = {i.member_id: i for i in member_invoices([result], frozenset({A}))}
    assert invoices[A].totals.vat == Decimal("0.00")
    assert invoices[A].totals.subtotals[0].category is VatCategory.EXEMPT
    assert invoices[A].exemption_mention == EXEMPTION_MENTION
    assert (invoices[B].totals.vat, invoices[B].totals.with_vat) == (
        Decimal("152.53"),
        Decimal("878.85"),
    )
    assert (invoices[C].totals.vat, invoices[C].totals.with_vat) == (
        Decimal("96.16"),
        Decimal("554.05"),
    )
    assert invoices[B].exemption_mention is None


# -- invariants ------------------------------------------------------------------------

COSTS = st.integers(min_value=0, max_value=10**9).map(lambda c: Decimal(c) / 100)
WEIGHTS = st.lists(st.integers(min_value=0, max_value=10**5), min_size=2, max_size=8).filter(
    lambda ws: sum(ws) > 0
)


@given(COSTS, st.permutations([0, 1, 2]), st.sampled_from(list(AbsencePolicy)))
def test_shares_add_up_and_do_not_depend_on_input_order(
    cost: Decimal, order: list[int], policy: AbsencePolicy
) -> None:
    placements = week()
    direct = split_worker(may(placements), cost, policy)
    shuffled = split_worker(may(tuple(placements[i] for i in order)), cost, policy)
    assert direct == shuffled
    assert sum(m.share for m in direct.members) == cost
    assert all(m.share >= 0 for m in direct.members)


@given(COSTS, WEIGHTS, st.data())
def test_a_share_never_falls_when_its_hours_rise(
    cost: Decimal, weights: list[int], data: st.DataObject
) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(weights) - 1))
    more = data.draw(st.integers(min_value=1, max_value=10**5))
    before = split(cost, weights)
    raised = list(weights)
    raised[index] += more
    assert split(cost, raised)[index] >= before[index]


@given(st.lists(st.tuples(COSTS, st.booleans()), min_size=1, max_size=10))
def test_invoice_totals_obey_the_en16931_sums(amounts: list[tuple[Decimal, bool]]) -> None:
    from allocation.invoice import Line, LineKind, totals

    lines = [
        Line(
            LineKind.STAFF,
            amount,
            VatCategory.EXEMPT if exempt else VatCategory.STANDARD,
            Decimal(0) if exempt else Decimal(21),
        )
        for amount, exempt in amounts
    ]
    result = totals(lines)
    assert result.lines == sum(a for a, _ in amounts)
    assert result.lines == sum(s.base for s in result.subtotals)
    assert result.vat == sum(s.vat for s in result.subtotals)
    assert result.with_vat == result.lines + result.vat
    for subtotal in result.subtotals:
        exact = subtotal.base * subtotal.rate / 100
        assert abs(subtotal.vat - exact) <= Decimal("0.005")


def test_a_month_with_no_hours_leaves_its_cost_unallocated() -> None:
    empty = WorkerMonth(1, 7, MAY_FIRST, MAY_LAST, ())
    result = split_worker(empty, Decimal("1500.00"), AbsencePolicy.PRO_RATA)
    assert result.members == () and result.unallocated == Decimal("1500.00")


@pytest.mark.parametrize("policy", list(AbsencePolicy))
def test_an_absence_never_takes_more_than_was_planned(policy: AbsencePolicy) -> None:
    long_leave = (Entry(date(2026, 5, 4), "paid_leave", 600, A),)  # 10 h on a 4 h Monday
    result = split_worker(may(entries=long_leave), Decimal("100.00"), policy)
    assert all(m.worked >= 0 and m.paid_absence >= 0 for m in result.members)
