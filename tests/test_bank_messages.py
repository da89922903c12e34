"""Every reason a bank file is refused for has its text in French, Dutch and English, and
each text reads with the values the refusal carries: one broken file a reason, read by
``allocation.statements``, and its message filled as the pages will fill it."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from allocation.statements import MAX_STATEMENT_BYTES, StatementError, read_statements
from allocation.translations import LANGUAGES
from app.i18n import t
from app.services.bank_messages import BANK_FILE_MESSAGES, bank_file_message_id
from tests.bankfiles import Movement, camt053_file, coda_file, coda_lines, with_coda_field

ROOT = Path(__file__).resolve().parents[1]
GE = "BE62510007547061"
MOVEMENTS = [
    Movement(Decimal("1250.00"), "202600001711", True, "BE71096123456769", "ASBL Les Marolles"),
    Movement(Decimal("-12.50"), "Frais", False),
]
CODA = coda_file(GE, MOVEMENTS)
CAMT = camt053_file(GE, MOVEMENTS)
LAST = len(coda_lines(CODA))
NAMESPACE = b"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"

BROKEN = {
    "too_large": b" " * (MAX_STATEMENT_BYTES + 1),
    "empty": b"",
    "unknown_format": b"Date;Montant;Communication\r\n",
    "unknown_camt_version": CAMT.replace(NAMESPACE, NAMESPACE.replace(b"053", b"052")),
    "xml_doctype": b'<!DOCTYPE d [<!ENTITY e "x">]><Document/>',
    "bad_xml": CAMT.replace(b"</Ntry>", b"</Ntri>", 1),
    "missing_field": CAMT.replace(b"<IBAN>" + GE.encode() + b"</IBAN>", b"", 1),
    "bad_account": CAMT.replace(GE.encode(), b"BE62510007547062", 1),
    "not_eur": with_coda_field(CODA, 2, 40, "USD"),
    "truncated_record": CODA[:200],
    "record_too_long": with_coda_field(CODA, 2, 129, "X"),
    "bad_record_type": with_coda_field(CODA, 3, 1, "5"),
    "unexpected_record": with_coda_field(CODA, 2, 1, "8"),
    "incomplete": CODA[: -(128 + 2)],
    "bad_sequence": with_coda_field(CODA, 4, 3, "0009"),
    "bad_amount": with_coda_field(CODA, 3, 33, "000000001250001"),
    "bad_date": with_coda_field(CODA, 3, 116, "320126"),
    "bad_value": with_coda_field(CODA, 3, 62, "7"),
    "checksum": with_coda_field(CODA, LAST, 17, "000099"),
    "balance_mismatch": with_coda_field(CODA, LAST - 1, 43, "000000001237510"),
}


def refusal(data: bytes) -> StatementError:
    with pytest.raises(StatementError) as caught:
        read_statements(data)
    return caught.value


def test_every_reason_the_reader_gives_has_a_broken_file_here_and_a_message() -> None:
    source = (ROOT / "allocation" / "statements.py").read_text()
    given = set(re.findall(r'StatementError\(\s*"([a-z_]+)"', source))
    assert given == set(BROKEN)
    assert {bank_file_message_id(reason) for reason in given} | {"bank_file.at_line"} == set(
        BANK_FILE_MESSAGES
    )


@pytest.mark.parametrize("reason", sorted(BROKEN))
def test_a_refusal_reads_in_each_language_with_its_line(reason: str) -> None:
    error = refusal(BROKEN[reason])
    assert error.reason == reason
    for language in LANGUAGES:
        text = t(bank_file_message_id(reason), language, line=error.line, **error.values)
        assert "{" not in text and not text.startswith("bank_file.")
        if error.line is not None:
            assert str(error.line) in text
            assert text.startswith(("Ligne", "Regel", "Line", "Le fichier", "Het", "The"))


def test_the_line_can_be_placed_before_any_text() -> None:
    assert t("bank_file.at_line", "fr", line=7, message="Le fichier est vide.") == (
        "Ligne 7 : Le fichier est vide."
    )
