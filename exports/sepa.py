"""The SEPA direct-debit file (pain.008) a GE hands its bank to collect its members' invoices.

A member that signed a SEPA Core mandate (DOMAIN.md §8) has its invoices collected by the
GE's bank: the GE sends one XML file per collection date, ISO 20022 pain.008, which
``sepaxml`` writes. This module checks what a bank would refuse before it is sent, in
terms the app can translate (``SepaError``: a reason code and the values it names):

- the creditor identifier (AT-02: country, check digits, business code, national id;
  in Belgium the enterprise number) by python-stdnum's ``eu.at_02``, every IBAN by
  ``iban`` and every BIC by ``bic``: no checksum is written here;
- each debit's amount, exact to the cent (``allocation.money``), more than zero and at
  most the scheme's 999,999,999.99; it reaches ``sepaxml`` as whole cents, its unit;
- the identifiers the scheme restricts (message, end-to-end and mandate ids): the EPC's
  Latin characters, no ``/`` at either end nor ``//`` inside, at most 35 characters;
- the sequence type: FRST (first of a recurrent mandate), RCUR, FNAL (last) or OOFF (the
  mandate's only one). ``sepaxml`` puts the debits of one type in one payment block;
- the remittance, at most 140 characters (``sepaxml`` would cut a longer one short).

The file is the ISO 20022 2019 version, pain.008.001.08, to which the EPC's 2023
rulebooks and implementation guidelines moved (in force since 17 March 2024); a bank
must accept what those guidelines describe. It lets a BIC be left out (the IBAN names
the bank). The scheme is CORE, the currency EUR, the creditor's name and each debtor's
transliterated to the Latin alphabet and cut to 70 characters (``sepaxml``'s
``clean``). No postal address is written: the scheme asks for one only from a debtor
whose bank is outside the EEA.

The remittance is the structured communication (``+++090/9337/55493+++``) written as
unstructured text (``Ustrd``): ``sepaxml`` writes no structured remittance. Belgian
banks pass the text on, and ``allocation.payments`` finds the communication in any text.

``sepaxml`` stamps its message with the clock and random ids; the file is made
reproducible here (the caller's message id and creation time; each payment block named
after the message and its sequence type) and then validated, as it is sent, against the
pain.008.001.08 XSD that ``sepaxml`` ships, with ``xmlschema`` (what ``sepaxml``
validates with). A file that fails is a ``SepaError("schema")``, never returned.
"""

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import sepaxml  # type: ignore[import-untyped]  # sepaxml ships no type hints
import xmlschema
from stdnum import bic as bic_code
from stdnum import iban as iban_code
from stdnum.eu import at_02
from stdnum.exceptions import ValidationError

from allocation.money import MoneyError, to_cents, to_money

from .errors import ExportError

SCHEMA = "pain.008.001.08"
NAMESPACE = f"urn:iso:std:iso:20022:tech:xsd:{SCHEMA}"
SEQUENCES = ("FRST", "RCUR", "OOFF", "FNAL")
LARGEST_AMOUNT = Decimal("999999999.99")
# AT-02's shape: country, check digits, business code (ZZZ when none), national id; the
# check digits are python-stdnum's to verify.
_CREDITOR_ID = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}")
# The EPC's characters for identifiers, at most 35 of them (a message id at most 30: its
# payment blocks are named "<message id>-FRST").
_IDENTIFIER = re.compile(r"[A-Za-z0-9/\-?:().,'+ ]{1,35}")
MESSAGE_ID_LENGTH = 30
REMITTANCE_LENGTH = 140


class SepaError(ExportError):
    """Why a direct-debit file cannot be written: ``code`` (``invalid_creditor_id``,
    ``invalid_iban``, ``invalid_bic``, ``invalid_amount``, ``invalid_sequence``,
    ``invalid_reference``, ``invalid_remittance``, ``invalid_message_id``, ``no_debits``,
    ``schema``) and the values the message names (the IBAN, the invoice's reference, the
    validator's text)."""


@dataclass(frozen=True)
class Creditor:
    """The GE, as the collecting party."""

    name: str
    iban: str
    bic: str | None
    creditor_id: str  # SEPA creditor identifier (AT-02), e.g. BE69ZZZ0123456789


@dataclass(frozen=True)
class Debit:
    """One invoice collected from one member under its mandate."""

    end_to_end_id: str  # the invoice reference, e.g. "F2026-00017"
    amount: Decimal  # more than zero, to the cent
    debtor_name: str
    debtor_iban: str
    debtor_bic: str | None
    mandate_id: str
    mandate_signed_on: dt.date
    sequence: str  # FRST | RCUR | OOFF | FNAL
    remittance: str  # the structured communication +++XXX/XXXX/XXXXX+++, sent as Ustrd


def _iban(value: str, **where: str) -> str:
    """The IBAN in its compact form; ``where`` names whose it is in the error."""
    try:
        return str(iban_code.validate(value))
    except ValidationError:
        raise SepaError("invalid_iban", iban=value, **where) from None


def _bic(value: str | None, **where: str) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return str(bic_code.validate(value))
    except ValidationError:
        raise SepaError("invalid_bic", bic=value, **where) from None


def _identifier(value: str, field: str, reference: str) -> str:
    if (
        not _IDENTIFIER.fullmatch(value)
        or value.startswith("/")
        or value.endswith("/")
        or "//" in value
    ):
        raise SepaError("invalid_reference", field=field, value=value, reference=reference)
    return value


def _cents(debit: Debit) -> int:
    try:
        amount = to_money(debit.amount)
    except MoneyError:
        raise SepaError(
            "invalid_amount", amount=str(debit.amount), reference=debit.end_to_end_id
        ) from None
    if not 0 < amount <= LARGEST_AMOUNT:
        raise SepaError("invalid_amount", amount=str(amount), reference=debit.end_to_end_id)
    return to_cents(amount)


def _config(creditor: Creditor) -> dict[str, object]:
    try:
        creditor_id = str(at_02.validate(creditor.creditor_id))
    except ValidationError:
        creditor_id = ""
    if not _CREDITOR_ID.fullmatch(creditor_id):
        raise SepaError("invalid_creditor_id", creditor_id=creditor.creditor_id)
    config: dict[str, object] = {
        "name": creditor.name,
        "IBAN": _iban(creditor.iban),
        "batch": True,
        "creditor_id": creditor_id,
        "currency": "EUR",
        "instrument": "CORE",
    }
    bic = _bic(creditor.bic)
    if bic:
        config["BIC"] = bic
    return config


def _payment(debit: Debit, collection_date: dt.date) -> dict[str, object]:
    reference = _identifier(debit.end_to_end_id, "end_to_end_id", debit.end_to_end_id)
    if debit.sequence not in SEQUENCES:
        raise SepaError("invalid_sequence", sequence=debit.sequence, reference=reference)
    if len(debit.remittance) > REMITTANCE_LENGTH:  # sepaxml would cut it short, silently
        raise SepaError("invalid_remittance", remittance=debit.remittance, reference=reference)
    payment: dict[str, object] = {
        "name": debit.debtor_name,
        "IBAN": _iban(debit.debtor_iban, reference=reference),
        "amount": _cents(debit),
        "type": debit.sequence,
        "collection_date": collection_date,
        "mandate_id": _identifier(debit.mandate_id, "mandate_id", reference),
        "mandate_date": debit.mandate_signed_on,
        "description": debit.remittance,
        "endtoend_id": reference,
    }
    bic = _bic(debit.debtor_bic, reference=reference)
    if bic:
        payment["BIC"] = bic
    return payment


def _stamped(xml: bytes, message_id: str, created_at: dt.datetime) -> bytes:
    """``sepaxml``'s file with the caller's message id and creation time, and each
    payment block named ``<message id>-<sequence type>`` (one block per type)."""
    root = ET.fromstring(xml)
    ns = {"p": NAMESPACE}
    header = root.find("p:CstmrDrctDbtInitn/p:GrpHdr", ns)
    if header is None:  # sepaxml always writes one
        raise SepaError("schema", message="no group header")
    for name, text in (
        ("MsgId", message_id),
        ("CreDtTm", created_at.isoformat(timespec="seconds")),
    ):
        element = header.find(f"p:{name}", ns)
        if element is not None:
            element.text = text
    for block in root.iterfind("p:CstmrDrctDbtInitn/p:PmtInf", ns):
        identifier = block.find("p:PmtInfId", ns)
        sequence = block.findtext("p:PmtTpInf/p:SeqTp", "", ns)
        if identifier is not None:
            identifier.text = f"{message_id}-{sequence}"
    # The pain.008 namespace as the default one, as the UBL writer does for its own.
    ET.register_namespace("", NAMESPACE)
    text = ET.tostring(root, encoding="unicode")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text.encode("utf-8")


def schema_path() -> Path:
    """The pain.008.001.08 XSD that ``sepaxml`` installs with itself."""
    return Path(sepaxml.__file__).resolve().parent / "schemas" / f"{SCHEMA}.xsd"


@functools.cache
def _schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(schema_path()))


def _validated(xml: bytes) -> bytes:
    try:
        _schema().validate(xml.decode("utf-8"))
    except xmlschema.XMLSchemaValidationError as error:
        raise SepaError(
            "schema", message=str(error.reason or error), path=str(error.path)
        ) from None
    return xml


def direct_debit_file(
    creditor: Creditor,
    debits: Sequence[Debit],
    *,
    collection_date: dt.date,
    message_id: str,
    created_at: dt.datetime,
) -> bytes:
    """The pain.008.001.08 file (UTF-8 XML) that collects ``debits`` for ``creditor`` on
    ``collection_date``; the same input always gives the same bytes."""
    if not debits:
        raise SepaError("no_debits")
    if len(message_id) > MESSAGE_ID_LENGTH or not _IDENTIFIER.fullmatch(message_id):
        raise SepaError("invalid_message_id", message_id=message_id)
    payments = [_payment(debit, collection_date) for debit in debits]
    sepa = sepaxml.SepaDD(_config(creditor), schema=SCHEMA, clean=True)
    for payment in payments:
        sepa.add_payment(payment)
    # Validated below, as it is sent: after the message id and times are ours.
    xml: bytes = sepa.export(validate=False)
    return _validated(_stamped(xml, message_id, created_at))
