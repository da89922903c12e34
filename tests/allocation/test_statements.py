"""Bank statements read from CODA 2.6 and camt.053 files (built by tests/bankfiles.py from
the published layouts): every field of every movement, a movement counted once, stable
keys, and a broken file refused whole with its reason and line.

The GE's account is BE62 5100 0754 7061. On 7 December 2026 the member of the Marolles
pays F2026-00017 (+++202/6000/01711+++, 1,250.00) in the structured field; the Buurthuis
pays F2026-00019 (400.00) naming +++202/6000/01913+++ in free text; the bank takes 12.50
of charges; a supplier is paid 830.40.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.be import ogm_vcs

from allocation.payments import communications_in
from allocation.statements import (
    MAX_STATEMENT_BYTES,
    Statement,
    StatementError,
    read_camt053,
    read_coda,
    read_statements,
)
from tests.bankfiles import (
    Movement,
    camt053_document,
    camt053_file,
    camt053_statement,
    coda_file,
    coda_lines,
    with_coda_field,
    with_coda_line,
)

GE = "BE62 5100 0754 7061"
MAROLLES = "BE71096123456769"
BUURTHUIS = "BE43068999999501"
SUPPLIER = "NL91ABNA0417164300"
DAY = date(2026, 12, 7)


def ogm(base: str) -> str:
    return base + ogm_vcs.calc_check_digits(base)


F17, F19 = ogm("2026000017"), ogm("2026000019")

MOVEMENTS = [
    Movement(Decimal("1250.00"), F17, True, MAROLLES, "ASBL Les Marolles", DAY, "BNK0001"),
    Movement(
        Decimal("400.00"),
        f"Facture F2026-00019 +++{F19[:3]}/{F19[3:7]}/{F19[7:]}+++ merci",
        False,
        BUURTHUIS,
        "Buurthuis Brussel vzw",
        DAY,
        "BNK0002",
        value_date=date(2026, 12, 8),
    ),
    Movement(Decimal("-12.50"), "Frais de gestion décembre", False, None, None, DAY, "BNK0003"),
    Movement(Decimal("-830.40"), "Fournitures novembre", False, SUPPLIER, "Bureau Zuid BV", DAY),
]


def coda(**options: Any) -> bytes:
    return coda_file(GE, MOVEMENTS, opening_balance=Decimal("1000.00"), **options)


def camt(version: str = "02") -> bytes:
    return camt053_file(GE, MOVEMENTS, opening_balance=Decimal("1000.00"), version=version)


def refusal(read: Callable[[bytes], list[Statement]], data: bytes) -> StatementError:
    with pytest.raises(StatementError) as caught:
        read(data)
    return caught.value


def check_the_day(statement: Statement, fmt: str) -> None:
    """Every field of the day's statement, whatever file it came from."""
    assert statement.format == fmt
    assert statement.account_iban == "BE62510007547061"
    assert statement.currency == "EUR"
    assert statement.opening_balance == Decimal("1000.00")
    assert statement.closing_balance == Decimal("1807.10")
    assert statement.closing_date == DAY
    exact, by_text, charges, supplier = statement.lines
    assert exact.amount == Decimal("1250.00")
    assert (exact.communication, exact.structured) == (F17, True)
    assert (exact.counterparty_name, exact.counterparty_iban) == ("ASBL Les Marolles", MAROLLES)
    assert exact.booking_date == DAY
    assert exact.value_date == DAY
    assert exact.bank_reference == "BNK0001"
    assert by_text.amount == Decimal("400.00")
    assert by_text.structured is False
    assert by_text.communication == "Facture F2026-00019 +++202/6000/01913+++ merci"
    assert communications_in(by_text.communication) == [F19]
    assert (by_text.counterparty_name, by_text.counterparty_iban) == (
        "Buurthuis Brussel vzw",
        BUURTHUIS,
    )
    assert by_text.value_date == date(2026, 12, 8)
    assert charges.amount == Decimal("-12.50")
    assert (charges.communication, charges.structured) == ("Frais de gestion décembre", False)
    assert (charges.counterparty_name, charges.counterparty_iban) == (None, None)
    assert supplier.amount == Decimal("-830.40")
    assert (supplier.counterparty_name, supplier.counterparty_iban) == ("Bureau Zuid BV", SUPPLIER)
    assert sum(line.amount for line in statement.lines if line.amount > 0) == Decimal("1650.00")
    for line in statement.lines:
        assert line.amount == line.amount.quantize(Decimal("0.01"))
    assert len({line.key for line in statement.lines}) == 4


def test_a_coda_statement_gives_every_movement_with_its_fields() -> None:
    [statement] = read_coda(coda())
    check_the_day(statement, "coda")
    assert statement.number == "1"
    assert statement.opening_date == date(2026, 12, 6)
    assert [line.line for line in statement.lines] == [3, 5, 7, 8]
    # Account, new balance date, paper and CODA statement numbers, sequence and detail.
    assert statement.lines[0].key == "coda:BE62510007547061:2026-12-07:001:001:0001.0000"


@pytest.mark.parametrize("version", ["02", "04", "08"])
def test_a_camt053_statement_gives_every_movement_with_its_fields(version: str) -> None:
    [statement] = read_camt053(camt(version))
    check_the_day(statement, "camt.053")
    assert statement.number == "2026-12-07-001"
    assert statement.opening_date == DAY
    lines = camt(version).decode().splitlines()
    assert all(lines[line.line - 1] == "<Ntry>" for line in statement.lines)
    assert statement.lines[0].key == "camt:BE62510007547061:ref:BNK0001"  # the bank's reference
    assert (
        statement.lines[3].key == "camt:BE62510007547061:2026-12-07-001:entry:2026-12-07-001-0004"
    )


def test_the_format_is_told_by_the_content() -> None:
    assert read_statements(coda())[0].format == "coda"
    assert read_statements(camt())[0].format == "camt.053"
    assert read_statements(b"\xef\xbb\xbf \n" + camt())[0].format == "camt.053"


def test_a_coda_file_may_hold_several_statements() -> None:
    first = coda_file(GE, MOVEMENTS[:1], statement_number=41, last=False)
    second = coda_file(
        GE,
        MOVEMENTS[2:3],
        statement_number=42,
        opening_balance=Decimal("1250.00"),
        day=date(2026, 12, 8),
    )
    one, two = read_coda(first + second)
    assert (one.number, one.closing_balance, len(one.lines)) == ("41", Decimal("1250.00"), 1)
    assert (two.number, two.closing_balance, two.closing_date) == (
        "42",
        Decimal("1237.50"),
        date(2026, 12, 8),
    )
    assert two.lines[0].line == len(coda_lines(first)) + 3
    assert one.lines[0].key != two.lines[0].key


def test_a_camt053_document_may_hold_several_statements() -> None:
    statements = [
        camt053_statement(GE, MOVEMENTS[:2], statement_id="S-1"),
        camt053_statement(GE, MOVEMENTS[2:], statement_id="S-2", opening_balance=Decimal(1650)),
    ]
    one, two = read_camt053(camt053_document(statements))
    assert [len(one.lines), len(two.lines)] == [2, 2]
    assert two.closing_balance == Decimal("807.10")


@pytest.mark.parametrize("build", [coda, camt], ids=["coda", "camt"])
def test_keys_are_the_same_when_the_same_file_is_read_again(build: Callable[[], bytes]) -> None:
    data = build()
    first = [line.key for statement in read_statements(data) for line in statement.lines]
    again = [line.key for statement in read_statements(data) for line in statement.lines]
    assert first == again
    assert len(set(first)) == len(first)


def test_coda_keys_stay_unique_when_the_sequence_number_goes_round() -> None:
    # Past 9,999 movements the sequence number (positions 3-6) starts again at 0000, 0001…
    data = with_coda_field(with_coda_field(coda(), 5, 3, "0001"), 6, 3, "0001")
    [statement] = read_coda(data)
    keys = [line.key for line in statement.lines]
    assert keys[0].endswith(":0001.0000") and keys[1] == keys[0] + "+"
    assert len(set(keys)) == 4


def test_camt_keys_without_the_banks_references_are_the_statements_positions() -> None:
    bare = [replace(movement, bank_reference=None) for movement in MOVEMENTS]
    data = camt053_file(GE, bare, opening_balance=Decimal(1000), entry_references=False)
    [statement] = read_camt053(data)
    assert [line.key for line in statement.lines] == [
        f"camt:BE62510007547061:2026-12-07-001:#{index}" for index in range(1, 5)
    ]
    assert {line.bank_reference for line in statement.lines} == {None}


def test_coda_reads_cp1252_utf8_lf_and_no_final_line_break() -> None:
    for data in (
        coda(encoding="utf-8"),
        coda(newline="\n"),
        coda().rstrip(b"\r\n"),
    ):
        [statement] = read_coda(data)
        assert statement.lines[2].communication == "Frais de gestion décembre"


def test_free_communications_and_information_records_are_read_past() -> None:
    for data in (coda(information=True), coda(free_communication="Nouveau gestionnaire")):
        [statement] = read_coda(data)
        assert statement.closing_balance == Decimal("1807.10")
        assert [line.amount for line in statement.lines] == [m.amount for m in MOVEMENTS]


def test_an_account_in_the_belgian_form_before_iban_is_read_as_its_iban() -> None:
    # Record 1, account structure 0: the 12 digits (6-17), a blank, the currency (19-21).
    data = with_coda_field(coda(), 2, 2, "0")
    data = with_coda_field(data, 2, 6, "510007547061 EUR" + " " * 21)
    [statement] = read_coda(data)
    assert statement.account_iban == "BE62510007547061"


def test_camt_reads_a_date_time_several_texts_and_skips_what_is_not_booked() -> None:
    data = (
        camt()
        .replace(
            b"<BookgDt><Dt>2026-12-07</Dt>", b"<BookgDt><DtTm>2026-12-07T09:30:00+01:00</DtTm>", 1
        )
        .replace(b"<Ustrd>Frais de gestion", b"<Ustrd>Frais</Ustrd><Ustrd>de  gestion", 1)
    )
    pending = camt053_statement(GE, MOVEMENTS[:1], statement_id="P")
    entry = pending[pending.index("<Ntry>") : pending.index("</Ntry>") + 7]
    data = data.replace(b"</Stmt>", entry.replace("BOOK", "PDNG").encode() + b"</Stmt>")
    [statement] = read_camt053(data)
    assert statement.lines[0].booking_date == DAY
    assert statement.lines[2].communication == "Frais de gestion décembre"
    assert len(statement.lines) == 4


# A movement counted once ----------------------------------------------------------------

BATCH = Movement(
    Decimal("0"),
    "Lot de virements 2026-12-07",
    details=(
        Movement(Decimal("100.00"), ogm("2026000031"), True, MAROLLES, "ASBL Les Marolles"),
        Movement(Decimal("50.00"), "acompte janvier", False, BUURTHUIS, "Buurthuis"),
    ),
)


def test_a_coda_batch_gives_its_details_not_its_total_as_well() -> None:
    [statement] = read_coda(coda_file(GE, [BATCH]))
    assert [(line.amount, line.communication) for line in statement.lines] == [
        (Decimal("100.00"), ogm("2026000031")),
        (Decimal("50.00"), "acompte janvier"),
    ]
    assert statement.closing_balance == Decimal("150.00")
    assert statement.lines[0].key.endswith(":0001.0001")


@pytest.mark.parametrize("build", [coda_file, camt053_file], ids=["coda", "camt"])
def test_a_batch_payment_without_a_communication_takes_the_batchs(
    build: Callable[[str, list[Movement]], bytes],
) -> None:
    batch = replace(BATCH, details=(*BATCH.details, Movement(Decimal("25.00"))))
    [statement] = read_statements(build(GE, [batch]))
    assert [line.communication for line in statement.lines] == [
        ogm("2026000031"),
        "acompte janvier",
        "Lot de virements 2026-12-07",
    ]


def test_coda_details_that_do_not_add_up_leave_the_global_movement_alone() -> None:
    data = coda_file(GE, [BATCH])
    detail = coda_lines(data)[5]  # the second detail's record 2.1
    assert detail[:10] == "2100010002"
    broken = with_coda_line(data, 6, detail[:32] + "000000000060000" + detail[47:])
    [statement] = read_coda(broken)
    assert [line.amount for line in statement.lines] == [Decimal("150.00")]
    assert statement.lines[0].key.endswith(":0001.0000")


@pytest.mark.parametrize("version", ["02", "04", "08"])
def test_a_camt_batch_gives_a_line_per_transaction(version: str) -> None:
    [statement] = read_camt053(camt053_file(GE, [BATCH], version=version))
    assert [(line.amount, line.structured) for line in statement.lines] == [
        (Decimal("100.00"), True),
        (Decimal("50.00"), False),
    ]
    assert statement.lines[1].counterparty_iban == BUURTHUIS
    assert statement.lines[0].key != statement.lines[1].key


def test_a_camt_batch_whose_transactions_do_not_add_up_is_one_line() -> None:
    data = camt053_file(GE, [BATCH]).replace(b">50.00<", b">40.00<", 1)
    [statement] = read_camt053(data)
    [line] = statement.lines
    assert line.amount == Decimal("150.00")
    assert line.communication == f"{ogm('2026000031')} acompte janvier"
    assert communications_in(line.communication) == [ogm("2026000031")]


def test_a_creditor_reference_is_kept_as_free_text() -> None:
    data = camt().replace(F17.encode(), b"RF18539007547034", 1)
    [statement] = read_camt053(data)
    assert (statement.lines[0].communication, statement.lines[0].structured) == (
        "RF18539007547034",
        False,
    )


# Refused files -----------------------------------------------------------------------


def test_a_truncated_coda_record_is_refused_with_its_line() -> None:
    lines = coda_lines(coda())
    error = refusal(read_coda, with_coda_line(coda(), 4, lines[3][:100]))
    assert (error.reason, error.line, error.values) == ("truncated_record", 4, {"length": 100})


def test_a_coda_record_too_long_is_refused() -> None:
    error = refusal(read_coda, with_coda_line(coda(), 2, coda_lines(coda())[1] + " "))
    assert (error.reason, error.line) == ("record_too_long", 2)


def test_a_wrong_trailer_is_refused() -> None:
    lines = coda_lines(coda())
    trailer = lines[-1]
    wrong_credit = trailer[:37] + "000000001650010" + trailer[52:]
    error = refusal(read_coda, with_coda_line(coda(), len(lines), wrong_credit))
    assert (error.reason, error.line) == ("checksum", len(lines))
    assert error.values["expected_credit"] == Decimal("1650.01")
    assert error.values["found_credit"] == Decimal("1650.00")
    wrong_count = trailer[:16] + "000099" + trailer[22:]
    error = refusal(read_coda, with_coda_line(coda(), len(lines), wrong_count))
    assert (error.values["expected_records"], error.values["found_records"]) == (99, 9)


def test_a_coda_balance_that_does_not_add_up_is_refused() -> None:
    lines = coda_lines(coda())
    new_balance = lines[-2]
    assert new_balance[:1] == "8"
    changed = new_balance[:42] + "000000001807110" + new_balance[57:]
    error = refusal(read_coda, with_coda_line(coda(), len(lines) - 1, changed))
    assert (error.reason, error.line) == ("balance_mismatch", len(lines) - 1)
    assert error.values == {
        "opening": Decimal("1000.00"),
        "movements": Decimal("807.10"),
        "expected": Decimal("1807.10"),
        "closing": Decimal("1807.11"),
    }


def test_a_camt_balance_that_does_not_add_up_is_refused() -> None:
    error = refusal(read_camt053, camt().replace(b">1807.10<", b">1807.00<"))
    assert error.reason == "balance_mismatch"
    assert error.values["closing"] == Decimal("1807.00")


def test_a_record_type_that_does_not_exist_is_refused() -> None:
    lines = coda_lines(coda())
    error = refusal(read_coda, with_coda_line(coda(), 3, "5" + lines[2][1:]))
    assert (error.reason, error.line, error.values) == ("bad_record_type", 3, {"found": "51"})
    error = refusal(read_coda, with_coda_line(coda(), 3, "24" + lines[2][2:]))
    assert (error.reason, error.values) == ("bad_record_type", {"found": "24"})


def test_a_record_out_of_its_place_is_refused() -> None:
    lines = coda_lines(coda())
    error = refusal(read_coda, with_coda_line(coda(), 2, lines[2]))  # a movement for record 1
    assert (error.reason, error.line, error.values) == (
        "unexpected_record",
        2,
        {"found": "2.1", "expected": "1"},
    )


def test_a_coda_file_cut_between_records_is_refused() -> None:
    lines = coda_lines(coda())
    cut = ("\r\n".join(lines[:-2]) + "\r\n").encode("cp1252")
    error = refusal(read_coda, cut)
    assert (error.reason, error.line) == ("incomplete", len(lines) - 2)
    assert error.values["expected"] == "2.1 / 3.1 / 4 / 8"


def test_a_third_decimal_or_a_letter_in_an_amount_is_refused() -> None:
    for amount in ("000000001250001", "00000000125000X"):
        error = refusal(read_coda, with_coda_field(coda(), 3, 33, amount))  # amount, 33-47
        assert (error.reason, error.line, error.values) == ("bad_amount", 3, {"found": amount})
    error = refusal(read_camt053, camt().replace(b">1250.00<", b">1250.005<", 1))
    assert error.reason == "bad_amount"


def test_a_date_that_is_none_is_refused() -> None:
    error = refusal(read_coda, with_coda_field(coda(), 3, 116, "310226"))  # entry date, 116-121
    assert (error.reason, error.line, error.values) == ("bad_date", 3, {"found": "310226"})
    booked = b"<BookgDt><Dt>2026-12-07"
    error = refusal(read_camt053, camt().replace(booked, booked.replace(b"-12-", b"-13-")))
    assert error.reason == "bad_date"


def test_an_account_in_another_currency_is_refused() -> None:
    error = refusal(read_coda, with_coda_field(coda(), 2, 40, "USD"))  # currency, 40-42
    assert (error.reason, error.line, error.values) == ("not_eur", 2, {"currency": "USD"})
    error = refusal(read_camt053, camt().replace(b'Ccy="EUR">400.00', b'Ccy="USD">400.00'))
    assert (error.reason, error.values) == ("not_eur", {"currency": "USD"})


def test_an_account_that_is_no_iban_is_refused() -> None:
    error = refusal(read_camt053, camt().replace(b"BE62510007547061", b"BE62510007547062", 1))
    assert (error.reason, error.values) == ("bad_account", {"found": "BE62510007547062"})


def test_an_empty_file_is_refused() -> None:
    for data in (b"", b"\r\n", b"\xef\xbb\xbf  "):
        error = refusal(read_statements, data)
        assert (error.reason, error.line) == ("empty", None)


def test_a_file_of_another_format_is_refused() -> None:
    for data in (b"Date;Montant;Communication\r\n", b"%PDF-1.7\n"):
        assert refusal(read_statements, data).reason == "unknown_format"


def test_a_file_over_the_limit_is_refused_before_it_is_read() -> None:
    huge = coda() + b" " * MAX_STATEMENT_BYTES
    for read in (read_statements, read_coda, read_camt053):
        error = refusal(read, huge)
        assert (error.reason, error.line) == ("too_large", None)
        assert error.values == {"size": len(huge), "limit": MAX_STATEMENT_BYTES}


@pytest.mark.parametrize(
    "namespace",
    [
        "urn:iso:std:iso:20022:tech:xsd:camt.053.001.99",
        "urn:iso:std:iso:20022:tech:xsd:camt.052.001.02",
        "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03",
    ],
)
def test_another_camt_version_or_message_is_refused(namespace: str) -> None:
    data = camt().replace(b"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02", namespace.encode())
    error = refusal(read_statements, data)
    assert (error.reason, error.line) == ("unknown_camt_version", None)
    assert error.values["namespace"] == namespace


def test_malformed_xml_is_refused_with_its_line() -> None:
    data = camt().replace(b"</Ntry>", b"</Ntri>", 1)
    error = refusal(read_statements, data)
    assert error.reason == "bad_xml"
    assert error.line == data.decode().splitlines().index("</Ntri>") + 1


def test_a_missing_field_is_named() -> None:
    error = refusal(read_camt053, camt().replace(b"<BookgDt><Dt>2026-12-07</Dt></BookgDt>", b"", 1))
    assert (error.reason, error.values) == ("missing_field", {"field": "BookgDt"})
    assert error.line is not None


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<Stmt><Id>&lol4;</Id></Stmt></BkToCstmrStmt></Document>
"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<Stmt><Id>&secret;</Id></Stmt></BkToCstmrStmt></Document>
"""


@pytest.mark.parametrize("data", [BOMB, EXTERNAL], ids=["entity bomb", "external entity"])
def test_entities_are_refused_not_expanded(data: bytes) -> None:
    error = refusal(read_statements, data)
    assert (error.reason, error.line) == ("xml_doctype", None)
    utf16 = data.decode().replace('<?xml version="1.0"?>', "").encode("utf-16")
    assert refusal(read_statements, utf16).reason == "xml_doctype"


def test_an_error_says_its_reason_line_and_facts() -> None:
    error = StatementError("truncated_record", 4, length=100)
    assert str(error) == "line 4: truncated_record (length=100)"
    assert isinstance(error, ValueError)


# Round trips -------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.sampled_from(
        "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éèàç/-."
    ),
    max_size=140,
)
AMOUNTS = st.decimals(
    min_value=Decimal("-99999.99"), max_value=Decimal("99999.99"), places=2
).filter(lambda amount: amount != 0)


NAMES = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ'éèàç-."), max_size=35
)


@st.composite
def movements(draw: st.DrawFn) -> Movement:
    amount = draw(AMOUNTS)
    iban = draw(st.sampled_from([None, MAROLLES, BUURTHUIS, SUPPLIER]))
    name = draw(st.none() | NAMES)
    if draw(st.booleans()):
        base = draw(st.integers(min_value=1, max_value=9_999_999_999))
        return Movement(amount, ogm(f"{base:010d}"), True, iban, name)
    return Movement(amount, draw(TEXT), False, iban, name)


@settings(max_examples=50, deadline=None)
@given(st.lists(movements(), max_size=8), AMOUNTS)
def test_what_is_written_is_read_back(written: list[Movement], opening: Decimal) -> None:
    for data, read in (
        (coda_file(GE, written, opening_balance=opening), read_coda),
        (camt053_file(GE, written, opening_balance=opening), read_camt053),
    ):
        [statement] = read(data)
        assert [
            (
                line.amount,
                line.communication,
                line.structured,
                line.counterparty_iban,
                line.counterparty_name,
            )
            for line in statement.lines
        ] == [
            (
                m.amount,
                " ".join(m.communication.split()),
                m.structured,
                m.counterparty_iban,
                (m.counterparty_name or "").strip() or None,
            )
            for m in written
        ]
        assert statement.closing_balance == opening + sum((m.amount for m in written), Decimal("0"))


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_a_damaged_file_is_read_or_refused_never_anything_else(data: st.DataObject) -> None:
    original = data.draw(st.sampled_from([coda(information=True), camt("02"), camt("08")]))
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        at = data.draw(st.integers(min_value=0, max_value=len(damaged) - 1))
        damaged[at : at + data.draw(st.integers(0, 30))] = data.draw(st.binary(max_size=3))
    try:
        statements = read_statements(bytes(damaged))
    except StatementError as error:
        assert error.reason
    else:
        for statement in statements:
            total = sum((line.amount for line in statement.lines), statement.opening_balance)
            assert total == statement.closing_balance
