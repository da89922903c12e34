"""The bank journal of the payments received, reopened by real readers (the csv module,
openpyxl): balanced per receipt and overall to the cent, invoices lettered, the rest of a
payment on the member's account or on suspense, text made harmless."""

import csv
import io
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.bank_journal import (
    HEADER,
    BankAccounts,
    Receipt,
    ReceiptAllocation,
    ReceiptError,
    bank_journal_csv,
    bank_journal_xlsx,
    bank_lines,
    bank_winbooks_csv,
    receipt_lines,
)
from exports.journal import balanced

LUCIOLES = "0456810810"
HOSTILE = "=cmd|' /C calc'!A0"
RECEIPTS = [
    # Two invoices paid and 50.00 too much.
    Receipt(
        statement="2026/012",
        line_key="2026/012-1",
        booked_on=date(2026, 12, 3),
        amount=Decimal("1500.00"),
        counterparty="CRECHE LES LUCIOLES ASBL",
        allocations=(
            ReceiptAllocation("F2026-00017", LUCIOLES, "Crèche Les Lucioles", Decimal("1000.00")),
            ReceiptAllocation("F2026-00018", LUCIOLES, "Crèche Les Lucioles", Decimal("450.00")),
        ),
        member_reference=LUCIOLES,
        member_name="Crèche Les Lucioles",
    ),
    # Nobody's that we know: on suspense, its payer's name a formula.
    Receipt(
        statement="2026/012",
        line_key="2026/012-2",
        booked_on=date(2026, 12, 3),
        amount=Decimal("320.10"),
        counterparty=HOSTILE,
    ),
    # A member's payment that names no invoice yet.
    Receipt(
        statement="2026/013",
        line_key="2026/013-1",
        booked_on=date(2026, 12, 4),
        amount=Decimal("99.99"),
        counterparty="BUURTHUIS RIBAUCOURT",
        member_reference="0123456749",
        member_name="=1+1 Buurthuis",
    ),
    # One invoice paid exactly.
    Receipt(
        statement="2026/013",
        line_key="2026/013-2",
        booked_on=date(2026, 12, 4),
        amount=Decimal("0.01"),
        counterparty="-Forest",
        allocations=(ReceiptAllocation("F2026-00019", "0999999972", "-Forest", Decimal("0.01")),),
        member_reference="0999999972",
    ),
]


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8")), delimiter=";"))


def _sides(rows: list[dict[str, str]], key: str) -> dict[str, Decimal]:
    balance: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        balance[row[key]] += Decimal(row["debit"]) - Decimal(row["credit"])
    return balance


def test_the_generic_csv_balances_per_receipt_and_overall_to_the_cent() -> None:
    lines = bank_lines(RECEIPTS)
    assert balanced(lines)
    rows = _csv(bank_journal_csv(lines))
    assert list(rows[0]) == HEADER
    balance = _sides(rows, "document")
    assert set(balance) == {r.line_key for r in RECEIPTS}
    assert all(total == 0 for total in balance.values())
    assert sum(Decimal(row["debit"]) for row in rows) == Decimal("1920.10")
    assert sum(Decimal(row["credit"]) for row in rows) == Decimal("1920.10")
    # Every amount is written to the cent.
    assert all(len(row["debit"].split(".")[1]) == 2 for row in rows)


def test_a_payment_credits_each_invoice_it_pays_and_its_rest_to_the_member() -> None:
    rows = [
        row
        for row in _csv(bank_journal_csv(bank_lines(RECEIPTS)))
        if row["document"] == "2026/012-1"
    ]
    assert [
        (r["account"], r["customer_code"], r["matching"], r["debit"], r["credit"]) for r in rows
    ] == [
        ("550000", "", "", "1500.00", "0.00"),
        ("400000", LUCIOLES, "F2026-00017", "0.00", "1000.00"),
        ("400000", LUCIOLES, "F2026-00018", "0.00", "450.00"),
        ("400000", LUCIOLES, "", "0.00", "50.00"),
    ]
    assert [r["description"] for r in rows] == [
        "Extrait 2026/012 : CRECHE LES LUCIOLES ASBL",
        "Paiement F2026-00017 Crèche Les Lucioles",
        "Paiement F2026-00018 Crèche Les Lucioles",
        "Trop-perçu Crèche Les Lucioles",
    ]
    assert {r["statement"] for r in rows} == {"2026/012"}
    assert {(r["date"], r["book_year"], r["period"]) for r in rows} == {
        ("2026-12-03", "2026", "12")
    }


def test_a_payment_of_no_known_member_waits_on_suspense_and_a_members_on_its_account() -> None:
    lines = bank_lines(RECEIPTS)
    suspense = [line for line in lines if line.document == "2026/012-2"]
    assert [(x.account, x.customer_code, x.credit) for x in suspense[1:]] == [
        ("499000", "", Decimal("320.10"))
    ]
    unassigned = [line for line in lines if line.document == "2026/013-1"]
    assert [(x.account, x.customer_code, x.matching, x.credit) for x in unassigned[1:]] == [
        ("400000", "0123456749", "", Decimal("99.99"))
    ]
    assert unassigned[1].description == "Paiement non affecté =1+1 Buurthuis"


def test_the_accounts_and_journal_are_the_ges() -> None:
    accounts = BankAccounts(journal="KBC", bank="550100", customers="400100", suspense="499900")
    lines = bank_lines(RECEIPTS, accounts)
    assert {line.journal for line in lines} == {"KBC"}
    assert {line.account for line in lines} == {"550100", "400100", "499900"}


def test_the_workbook_is_typed_in_euros_with_a_frozen_header_and_balances() -> None:
    book = openpyxl.load_workbook(io.BytesIO(bank_journal_xlsx(bank_lines(RECEIPTS))))
    assert book.sheetnames == ["Journal de banque"]
    sheet = book.active
    assert sheet is not None and sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header == HEADER
    debit, credit, document = (header.index(n) for n in ("debit", "credit", "document"))
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(values) == 10
    balance: dict[object, Decimal] = defaultdict(Decimal)
    for row in values:
        # Numbers, never text; summed as Decimal to the cent.
        assert isinstance(row[debit], int | float) and isinstance(row[credit], int | float)
        balance[row[document]] += round(Decimal(str(row[debit])) - Decimal(str(row[credit])), 2)
    assert all(total == 0 for total in balance.values())
    assert isinstance(values[0][header.index("date")], datetime)
    assert "€" in sheet.cell(row=2, column=debit + 1).number_format


def test_the_descriptions_and_sheet_speak_the_ges_language_the_columns_do_not() -> None:
    dutch = bank_lines(RECEIPTS, language="nl")
    assert [line.description for line in dutch[:4]] == [
        "Uittreksel 2026/012: CRECHE LES LUCIOLES ASBL",
        "Betaling F2026-00017 Crèche Les Lucioles",
        "Betaling F2026-00018 Crèche Les Lucioles",
        "Te veel betaald Crèche Les Lucioles",
    ]
    book = openpyxl.load_workbook(io.BytesIO(bank_journal_xlsx(dutch, "nl")))
    assert book.sheetnames == ["Bankdagboek"]
    assert [cell.value for cell in book["Bankdagboek"][1]] == HEADER
    english = bank_lines(RECEIPTS, language="en")
    assert english[5].description == f"To be identified: {HOSTILE}"
    assert openpyxl.load_workbook(io.BytesIO(bank_journal_xlsx(english, "en"))).sheetnames == [
        "Bank journal"
    ]


def test_a_hostile_counterparty_or_name_is_plain_text_in_every_file() -> None:
    lines = bank_lines(RECEIPTS)
    rows = _csv(bank_journal_csv(lines))
    assert {r["counterparty"] for r in rows if r["document"] == "2026/012-2"} == {f"'{HOSTILE}"}
    assert {r["counterparty"] for r in rows if r["document"] == "2026/013-2"} == {"'-Forest"}
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            assert not value.startswith("-") or value.replace(".", "").lstrip("-").isdigit()
    sheet = openpyxl.load_workbook(io.BytesIO(bank_journal_xlsx(lines))).active
    assert sheet is not None
    texts = [
        c for row in sheet.iter_rows(min_row=2, values_only=True) for c in row if isinstance(c, str)
    ]
    assert f"'{HOSTILE}" in texts
    assert not [text for text in texts if text.startswith(("=", "+", "-", "@"))]
    winbooks = _csv(bank_winbooks_csv(lines))
    assert not [
        value for row in winbooks for value in row.values() if value.startswith(("=", "+", "@"))
    ]


def test_the_winbooks_file_is_a_bank_journal_balanced_per_document() -> None:
    rows = _csv(bank_winbooks_csv(bank_lines(RECEIPTS)))
    assert {(r["jnltype"], r["jnl"], r["renumber"], r["cur"]) for r in rows} == {
        ("CAS", "BNK", "T", "EUR")
    }
    sides: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        assert row["amount"] == row["amountcur"]
        sides[row["number"]] += Decimal(row["amount"]) * (1 if row["side"] == "D" else -1)
    assert sides == {"1": 0, "2": 0, "3": 0, "4": 0}
    first = [r for r in rows if r["number"] == "1"]
    assert [(r["accounttyp"], r["accountid"], r["side"], r["amount"]) for r in first] == [
        ("G", "550000", "D", "1500.00"),
        ("C", LUCIOLES, "C", "1000.00"),
        ("C", LUCIOLES, "C", "450.00"),
        ("C", LUCIOLES, "C", "50.00"),
    ]
    assert "F2026-00017" in first[1]["comment"]
    assert {(r["bookyear"], r["bookmonth"], r["date"]) for r in first} == {
        ("2026", "12", "2026/12/03")
    }
    assert [r["accountid"] for r in rows if r["number"] == "2"] == ["550000", "499000"]


@pytest.mark.parametrize(
    ("receipt", "code"),
    [
        (replace(RECEIPTS[0], amount=Decimal("1449.99")), "over_allocated"),
        (replace(RECEIPTS[1], amount=Decimal("0.00")), "invalid_amount"),
        (replace(RECEIPTS[1], amount=Decimal("-5.00")), "invalid_amount"),
        (replace(RECEIPTS[1], amount=Decimal("5.001")), "invalid_amount"),
        (replace(RECEIPTS[1], amount=5.0), "invalid_amount"),  # a float
    ],
)
def test_a_receipt_that_cannot_balance_is_refused(receipt: Receipt, code: str) -> None:
    with pytest.raises(ReceiptError) as refused:
        receipt_lines(receipt)
    assert refused.value.code == code
    assert refused.value.values["line"] == receipt.line_key
    if code == "over_allocated":
        assert refused.value.values["excess"] == "0.01"


def test_an_allocation_of_nothing_is_refused() -> None:
    zero = ReceiptAllocation("F2026-00020", LUCIOLES, "Crèche", Decimal("0.00"))
    receipt = Receipt("2026/014", "2026/014-1", date(2026, 12, 5), Decimal("10.00"), "X", (zero,))
    with pytest.raises(ReceiptError) as refused:
        receipt_lines(receipt)
    assert refused.value.code == "invalid_amount"


CENTS = st.integers(min_value=1, max_value=10**9)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(CENTS, max_size=5),
    st.integers(min_value=0, max_value=10**6),
    st.booleans(),
)
def test_a_receipt_always_balances_and_its_credits_are_what_it_received(
    allocated: list[int], extra: int, a_member: bool
) -> None:
    allocations = tuple(
        ReceiptAllocation(f"F2026-{n:05d}", LUCIOLES, "Lucioles", Decimal(cents) / 100)
        for n, cents in enumerate(allocated)
    )
    total = Decimal(sum(allocated) + extra + (0 if allocated else 1)) / 100
    receipt = Receipt(
        "2026/015",
        "2026/015-1",
        date(2026, 12, 7),
        total,
        "Payer",
        allocations,
        member_reference=LUCIOLES if a_member else None,
    )
    lines = receipt_lines(receipt)
    assert balanced(lines)
    assert lines[0].debit == total
    assert sum(line.credit for line in lines) == total
    assert [line.matching for line in lines if line.matching] == [
        a.document_number for a in allocations
    ]
    rest = [line for line in lines[1:] if not line.matching]
    assert len(rest) == (1 if total > sum(a.amount for a in allocations) else 0)
    if rest:
        assert rest[0].account == ("400000" if a_member else "499000")
