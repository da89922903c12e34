"""A bank credit applied to open invoices: by structured communication, else proposed by
amount and account, else left unmatched; every case adds up to the credit, to the cent.

The member of the Marolles has two open invoices: F2026-00017 (+++202/6000/01711+++,
1,250.00 open) and F2026-00018 (+++202/6000/01812+++, 830.40 open); the Buurthuis one,
F2026-00019 (+++202/6000/01913+++, 400.00 open, 100.00 of it credited already: the open
amount is after its credit note).
"""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.be import ogm_vcs

from allocation.payments import (
    Allocation,
    Credit,
    OpenInvoice,
    apply,
    communications_in,
)

MAROLLES_IBAN = "BE71 0961 2345 6769"
BUURTHUIS_IBAN = "BE68539007547034"


def ogm(base: str) -> str:
    return base + ogm_vcs.calc_check_digits(base)


F17, F18, F19 = ogm("2026000017"), ogm("2026000018"), ogm("2026000019")
OPEN = (
    OpenInvoice(17, 1, F17, Decimal("1250.00"), MAROLLES_IBAN),
    OpenInvoice(18, 1, F18, Decimal("830.40"), MAROLLES_IBAN),
    OpenInvoice(19, 2, F19, Decimal("300.00"), BUURTHUIS_IBAN),
)


def credit(amount: str, communication: str = "", iban: str | None = None) -> Credit:
    return Credit(Decimal(amount), communication, iban)


@pytest.mark.parametrize(
    "text",
    [
        "+++202/6000/01711+++",
        "***202/6000/01711***",
        "202600001711",
        "Facture F2026-00017 communication 202 6000 01711 merci",
        "betaling 202/6000/01711",
    ],
)
def test_a_communication_is_found_however_the_bank_writes_it(text: str) -> None:
    assert communications_in(text) == [F17]


def test_a_number_with_a_wrong_check_or_inside_a_longer_one_is_no_communication() -> None:
    wrong = F17[:-2] + f"{(int(F17[-2:]) + 1) % 100:02d}"
    assert communications_in(f"+++{wrong}+++") == []
    assert communications_in(f"1{F17}") == []  # 13 digits: an account or a reference
    assert communications_in(f"{F17} {F18} {F17}") == [F17, F18]


def test_an_exact_payment_pays_its_invoice() -> None:
    found = apply(credit("1250.00", f"+++{ogm_vcs.format(F17)}+++"), OPEN)
    assert found.allocations == (Allocation(17, Decimal("1250.00")),)
    assert found.left == Decimal("0.00") and found.certain


def test_a_partial_payment_leaves_the_rest_open() -> None:
    found = apply(credit("500.00", F18), OPEN)
    assert found.allocations == (Allocation(18, Decimal("500.00")),) and found.left == 0


def test_one_payment_for_two_invoices_pays_them_in_the_order_it_names_them() -> None:
    found = apply(credit("2080.40", f"{F18} et {F17}"), OPEN)
    assert found.allocations == (
        Allocation(18, Decimal("830.40")),
        Allocation(17, Decimal("1250.00")),
    )
    assert found.left == 0


def test_an_overpayment_is_left_over_for_the_administrator() -> None:
    found = apply(credit("900.00", F18), OPEN)
    assert found.allocations == (Allocation(18, Decimal("830.40")),)
    assert found.left == Decimal("69.60") and found.certain


def test_a_credit_note_already_took_its_part_off_what_is_open() -> None:
    """F2026-00019 billed 400.00, credited 100.00: 300.00 settles it, 400.00 overpays."""
    assert apply(credit("300.00", F19), OPEN).left == 0
    assert apply(credit("400.00", F19), OPEN).left == Decimal("100.00")


def test_without_a_communication_the_senders_invoice_of_that_amount_is_proposed() -> None:
    proposed = apply(credit("830.40", "loyer novembre", "be71096123456769"), OPEN)
    assert proposed.allocations == (Allocation(18, Decimal("830.40")),)
    assert not proposed.certain
    everything = apply(credit("2080.40", "", MAROLLES_IBAN), OPEN)
    assert [a.invoice_id for a in everything.allocations] == [17, 18] and everything.left == 0


@pytest.mark.parametrize(
    "unmatched",
    [
        credit("830.40", "loyer novembre"),  # no account, no communication
        credit("831.00", "", MAROLLES_IBAN),  # not an amount that is open
        credit("830.40", "", "BE62510007547061"),  # an account no member pays from
        credit("50.00", ogm("2026000099")),  # a communication of no open invoice
    ],
)
def test_an_unmatched_credit_is_left_whole(unmatched: Credit) -> None:
    found = apply(unmatched, OPEN)
    assert found.allocations == () and found.left == unmatched.amount


@given(
    cents=st.integers(min_value=1, max_value=10**9),
    named=st.lists(st.sampled_from([F17, F18, F19, ogm("2026000099")]), max_size=4),
    iban=st.sampled_from([None, MAROLLES_IBAN, BUURTHUIS_IBAN]),
)
def test_what_a_credit_pays_and_leaves_adds_up_to_it(
    cents: int, named: list[str], iban: str | None
) -> None:
    amount = Decimal(cents).scaleb(-2)
    found = apply(Credit(amount, " ".join(named), iban), OPEN)
    assert found.applied + found.left == amount
    opened = {invoice.id: invoice.open for invoice in OPEN}
    for allocation in found.allocations:
        assert Decimal("0.00") < allocation.amount <= opened[allocation.invoice_id]
    assert len({a.invoice_id for a in found.allocations}) == len(found.allocations)
