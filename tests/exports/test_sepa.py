"""The SEPA direct-debit file (pain.008.001.08), reread with lxml and checked against the
XSD that sepaxml installs, loaded here on its own."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from exports.sepa import Creditor, Debit, SepaError, direct_debit_file

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"}
BRUSSELS = dt.timezone(dt.timedelta(hours=1))
CREATED = dt.datetime(2026, 12, 7, 9, 30, tzinfo=BRUSSELS)
COLLECTION = dt.date(2026, 12, 21)

GE = Creditor(
    name="GE Bruxelles Solidaire ASBL",
    iban="BE71 0961 2345 6769",
    bic="GKCCBEBB",
    creditor_id="BE68ZZZ0123456789",
)
FIRST = Debit(
    end_to_end_id="F2026-00017",
    amount=Decimal("1234.56"),
    debtor_name="Crèche Les Lucioles",
    debtor_iban="BE62510007547061",
    debtor_bic=None,
    mandate_id="MUTUA-M-0007",
    mandate_signed_on=dt.date(2026, 11, 18),
    sequence="FRST",
    remittance="+++090/9337/55493+++",
)
RECURRENT = Debit(
    end_to_end_id="F2026-00018",
    amount=Decimal("0.07"),
    debtor_name="Buurthuis Ribaucourt vzw",
    debtor_iban="NL91ABNA0417164300",
    debtor_bic="ABNANL2A",
    mandate_id="MUTUA-M-0003",
    mandate_signed_on=dt.date(2025, 3, 2),
    sequence="RCUR",
    remittance="+++000/0000/10101+++",
)


def _schema() -> etree.XMLSchema:
    xsd = files("sepaxml") / "schemas" / "pain.008.001.08.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def _file(*debits: Debit, creditor: Creditor = GE, message_id: str = "DD-2026-12-001") -> bytes:
    return direct_debit_file(
        creditor, debits, collection_date=COLLECTION, message_id=message_id, created_at=CREATED
    )


def _text(node: etree._Element, path: str) -> str:
    found = node.findtext(path, namespaces=NS)
    assert found is not None, path
    return found


def test_a_first_and_a_recurrent_debit_make_a_file_the_xsd_accepts() -> None:
    data = _file(FIRST, RECURRENT)
    document = etree.fromstring(data)
    schema = _schema()
    assert schema.validate(document), schema.error_log

    header = document.find("p:CstmrDrctDbtInitn/p:GrpHdr", NS)
    assert header is not None
    assert _text(header, "p:MsgId") == "DD-2026-12-001"
    assert _text(header, "p:CreDtTm") == "2026-12-07T09:30:00+01:00"
    assert _text(header, "p:NbOfTxs") == "2"
    assert Decimal(_text(header, "p:CtrlSum")) == Decimal("1234.63")

    blocks = document.findall("p:CstmrDrctDbtInitn/p:PmtInf", NS)
    assert [_text(b, "p:PmtTpInf/p:SeqTp") for b in blocks] == ["FRST", "RCUR"]
    assert [_text(b, "p:PmtInfId") for b in blocks] == [
        "DD-2026-12-001-FRST",
        "DD-2026-12-001-RCUR",
    ]
    for block, debit in zip(blocks, (FIRST, RECURRENT), strict=True):
        assert _text(block, "p:PmtTpInf/p:LclInstrm/p:Cd") == "CORE"
        assert _text(block, "p:ReqdColltnDt") == "2026-12-21"
        assert _text(block, "p:NbOfTxs") == "1"
        assert Decimal(_text(block, "p:CtrlSum")) == debit.amount
        assert _text(block, "p:CdtrAcct/p:Id/p:IBAN") == "BE71096123456769"
        assert _text(block, "p:CdtrAgt/p:FinInstnId/p:BICFI") == "GKCCBEBB"
        scheme = "p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr"
        assert _text(block, f"{scheme}/p:Id") == "BE68ZZZ0123456789"
        assert _text(block, f"{scheme}/p:SchmeNm/p:Prtry") == "SEPA"
        (transaction,) = block.findall("p:DrctDbtTxInf", NS)
        assert _text(transaction, "p:PmtId/p:EndToEndId") == debit.end_to_end_id
        amount = transaction.find("p:InstdAmt", NS)
        assert amount is not None and amount.get("Ccy") == "EUR"
        assert Decimal(amount.text or "") == debit.amount
        mandate = "p:DrctDbtTx/p:MndtRltdInf"
        assert _text(transaction, f"{mandate}/p:MndtId") == debit.mandate_id
        assert _text(transaction, f"{mandate}/p:DtOfSgntr") == debit.mandate_signed_on.isoformat()
        assert _text(transaction, "p:RmtInf/p:Ustrd") == debit.remittance

    first, recurrent = (b.find("p:DrctDbtTxInf", NS) for b in blocks)
    assert first is not None and recurrent is not None
    # Names in the Latin alphabet; a BIC left out is "not provided".
    assert _text(first, "p:Dbtr/p:Nm") == "Creche Les Lucioles"
    assert _text(first, "p:DbtrAgt/p:FinInstnId/p:Othr/p:Id") == "NOTPROVIDED"
    assert _text(recurrent, "p:DbtrAgt/p:FinInstnId/p:BICFI") == "ABNANL2A"
    assert _text(recurrent, "p:DbtrAcct/p:Id/p:IBAN") == "NL91ABNA0417164300"


def test_the_same_debits_make_the_same_bytes() -> None:
    assert _file(FIRST, RECURRENT) == _file(FIRST, RECURRENT)


def test_a_creditor_without_bic_is_named_by_its_iban_alone() -> None:
    document = etree.fromstring(_file(FIRST, creditor=replace(GE, bic=None)))
    assert _schema().validate(document)
    agent = "p:CstmrDrctDbtInitn/p:PmtInf/p:CdtrAgt/p:FinInstnId/p:Othr/p:Id"
    assert _text(document, agent) == "NOTPROVIDED"


@pytest.mark.parametrize(
    ("creditor", "code"),
    [
        (replace(GE, creditor_id="BE69ZZZ0123456789"), "invalid_creditor_id"),  # check digits
        (replace(GE, creditor_id="ZZZ"), "invalid_creditor_id"),
        (replace(GE, iban="BE71096123456760"), "invalid_iban"),
        (replace(GE, bic="GKCC"), "invalid_bic"),
    ],
)
def test_a_creditor_the_bank_would_refuse_is_refused(creditor: Creditor, code: str) -> None:
    with pytest.raises(SepaError) as refused:
        _file(FIRST, creditor=creditor)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("debit", "code", "values"),
    [
        (
            replace(FIRST, debtor_iban="BE62510007547062"),
            "invalid_iban",
            {"iban": "BE62510007547062"},
        ),
        (replace(FIRST, amount=Decimal("0.00")), "invalid_amount", {"amount": "0.00"}),
        (replace(FIRST, amount=Decimal("-12.50")), "invalid_amount", {"amount": "-12.50"}),
        (replace(FIRST, amount=Decimal("1.005")), "invalid_amount", {"amount": "1.005"}),
        (replace(FIRST, amount=12.5), "invalid_amount", {"amount": "12.5"}),  # a float
        (replace(FIRST, debtor_bic="ABNA"), "invalid_bic", {"bic": "ABNA"}),
        (replace(FIRST, sequence="NEXT"), "invalid_sequence", {"sequence": "NEXT"}),
        (replace(FIRST, mandate_id="M//7"), "invalid_reference", {"field": "mandate_id"}),
        (replace(FIRST, end_to_end_id="F2026/"), "invalid_reference", {"field": "end_to_end_id"}),
        (replace(FIRST, end_to_end_id="F" * 36), "invalid_reference", {"field": "end_to_end_id"}),
        (replace(FIRST, remittance="x" * 141), "invalid_remittance", {}),
    ],
)
def test_a_debit_the_bank_would_refuse_is_refused_with_its_reason(
    debit: Debit, code: str, values: dict[str, str]
) -> None:
    with pytest.raises(SepaError) as refused:
        _file(RECURRENT, debit)
    assert refused.value.code == code
    assert values.items() <= refused.value.values.items()
    if code != "invalid_reference":
        assert refused.value.values["reference"] == "F2026-00017"


def test_a_file_without_debits_is_refused() -> None:
    with pytest.raises(SepaError) as refused:
        _file()
    assert refused.value.code == "no_debits"


def test_a_message_id_too_long_for_its_blocks_is_refused() -> None:
    with pytest.raises(SepaError) as refused:
        _file(FIRST, message_id="M" * 31)
    assert refused.value.code == "invalid_message_id"


def test_what_only_the_xsd_refuses_is_a_schema_error_naming_the_element() -> None:
    with pytest.raises(SepaError) as refused:
        _file(replace(FIRST, debtor_name=""))
    assert refused.value.code == "schema"
    assert refused.value.values["path"].endswith("/Dbtr/Nm")
    assert refused.value.values["message"]


SEQUENCE = st.sampled_from(["FRST", "RCUR", "OOFF", "FNAL"])
CENTS = st.integers(min_value=1, max_value=99_999_999_999)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(CENTS, SEQUENCE), min_size=1, max_size=12))
def test_the_control_sums_are_the_sums_of_the_amounts_to_the_cent(
    debits: list[tuple[int, str]],
) -> None:
    amounts = [Decimal(cents) / 100 for cents, _sequence in debits]
    made = [
        replace(FIRST, end_to_end_id=f"F2026-{n:05d}", amount=amount, sequence=sequence)
        for n, (amount, (_cents, sequence)) in enumerate(zip(amounts, debits, strict=True))
    ]
    document = etree.fromstring(_file(*made))
    header = document.find("p:CstmrDrctDbtInitn/p:GrpHdr", NS)
    assert header is not None
    assert Decimal(_text(header, "p:CtrlSum")) == sum(amounts)
    assert int(_text(header, "p:NbOfTxs")) == len(made)
    for block in document.findall("p:CstmrDrctDbtInitn/p:PmtInf", NS):
        sequence = _text(block, "p:PmtTpInf/p:SeqTp")
        expected = [d.amount for d in made if d.sequence == sequence]
        assert Decimal(_text(block, "p:CtrlSum")) == sum(expected)
        instructed = block.findall("p:DrctDbtTxInf/p:InstdAmt", NS)
        assert sorted(Decimal(node.text or "") for node in instructed) == sorted(expected)
