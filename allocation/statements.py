"""Bank statements, read from the files Belgian banks deliver (DOMAIN.md §8).

A bank gives its customer each day's movements in one of two forms, and the GE uploads
whichever its bank sends:

- **CODA 2.6** (Febelfin's "coded statement of account"): text, one record of exactly 128
  characters a line. A statement is a group of records: 0 header, 1 old balance, movements
  (2.1, then 2.2 and 2.3 when needed), information (3.1-3.3), free communications (4),
  8 new balance, 9 trailer; one file may hold several such groups (several accounts or
  days). Amounts are 15 digits, the last three decimals, with a sign code beside them
  (0 credit, 1 debit); dates are DDMMYY (read as 20YY). Banks write it in a Windows or
  Latin-1 code page, not UTF-8: a file is read as UTF-8 when it is valid UTF-8, else as
  cp1252, else as Latin-1.
- **camt.053** (ISO 20022 ``BankToCustomerStatement``, XML): one ``<Stmt>`` a statement,
  its opening (OPBD, or PRCD) and closing (CLBD) booked balances and its entries
  (``<Ntry>``). Versions 02, 04 and 08 are read: they name the fields read here alike,
  except that 08 wraps a related party in ``<Pty>`` and the entry status in ``<Cd>``
  (both forms are read). Another version, or another message, is refused rather than
  half understood.

What comes back is a ``Statement`` a statement, with a ``StatementLine`` a movement:
signed amount in euros to the cent (credit > 0), the counterparty, and the communication,
either a Belgian **structured communication** (``structured``: its 12 digits, valid by
python-stdnum's check) or free text, as the bank wrote it (blank runs of the fixed-width
zones folded into one space). A creditor reference (RF…) or any other coded reference is
kept as free text: only the 12-digit OGM is "structured" for Mutua's matching.

A file is refused whole, with a ``StatementError`` naming the reason (a stable code) and,
for a fault at a place, the line: a statement read in part would book part of a day. It is
refused when it is over ``MAX_STATEMENT_BYTES`` (before it is parsed), empty, of another
format, a record is not 128 characters or of an unknown type or out of its place, an
amount or a date is not one, the account is not a valid IBAN in euros, the trailer's count
of records (the standard counts records 1, 2.x, 3.x and 8, not 0, 4 or 9) and its sums of
debits and credits are not those of the statement (**checksum**), or the opening balance
plus the movements is not the closing balance (**balance**).

**A movement counts once.** CODA may give a global movement (detail number 0000) followed
by its details (same sequence number, detail number 0001 on): a total the customer or the
bank made of several payments (transaction type 1 or 2, detailed by type 5, 6 or 7), or an
amount explained by its parts (type 3, detailed by type 8); details of details (type 9)
explain a detail. The trailer's sums and the balance hold the global movements only (the
standard's "type 2 records with detail number 0000"), and so does the statement: a global
movement is one line, unless its first-level details carry amounts that add up to it
exactly, when they are the lines instead (each payment of a batch of structured
communications is then matched by its own; a detail that names no communication or
counterparty takes its global movement's); never both. camt.053 is read the same way: an
entry with several transactions (``<TxDtls>``, a batch) is one line a transaction when each
carries its amount and they add up to the entry, else one line for the entry, its texts
joined; the entry's own text (``AddtlNtryInf``) stands for a transaction that has none.

A line's ``key`` is the same when the same file is read again, and differs between the
movements of an account, so that an import can skip what it already has:

- CODA: account, new balance date, the statement's numbers (paper and CODA sequence),
  the movement's sequence and detail numbers;
- camt.053: account and the bank's reference of the entry (``AcctSvcrRef``), else the
  statement id and the entry's reference (``NtryRef``, unique in its statement), else the
  statement id and the entry's position; a transaction of a batch adds its position. A
  reference that two entries of one statement share (or ``NONREF``) is no reference.

An XML document is parsed without resolving entities, without the network, with lxml's
limits on huge trees, and one that declares a DOCTYPE is refused outright (no entity
bombs, no external entities).
"""

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

from lxml import etree
from stdnum import iban as ibans
from stdnum.be import ogm_vcs

from .money import MoneyError, to_money

MAX_STATEMENT_BYTES = 10 * 1024 * 1024  # a bigger file is refused before parsing

RECORD_LENGTH = 128
CAMT_VERSIONS = ("02", "04", "08")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class StatementLine:
    key: str  # stable id of the movement (see the module's docstring)
    line: int  # where it starts: CODA record line, camt <Ntry> (or batch <TxDtls>) line
    booking_date: date
    value_date: date | None
    amount: Decimal  # signed: a credit > 0, a debit < 0; to the cent
    counterparty_name: str | None
    counterparty_iban: str | None  # compact, upper case, no spaces
    communication: str  # structured: the 12 digits; free: the text as given
    structured: bool
    bank_reference: str | None


@dataclass(frozen=True)
class Statement:
    format: str  # "coda" or "camt.053"
    account_iban: str  # compact
    currency: str  # "EUR"
    number: str  # CODA: the statement's (paper) sequence number; camt: Stmt/Id
    opening_date: date | None
    opening_balance: Decimal
    closing_date: date
    closing_balance: Decimal
    lines: tuple[StatementLine, ...]


class StatementError(ValueError):
    """A bank file refused: ``reason`` is a stable code (the message is
    ``bank_file.<reason>``), ``line`` the 1-based line at fault or None when the fault is
    the whole file's, ``values`` the facts the message names (amounts as ``Decimal``)."""

    def __init__(self, reason: str, line: int | None = None, **values: object) -> None:
        self.reason = reason
        self.line = line
        self.values = values
        where = f"line {line}: " if line is not None else ""
        facts = ", ".join(f"{name}={value}" for name, value in values.items())
        super().__init__(f"{where}{reason}" + (f" ({facts})" if facts else ""))


def read_statements(data: bytes) -> list[Statement]:
    """The statements of a bank file, CODA or camt.053: XML (``<`` first, after an
    optional byte-order mark and blanks) is read as camt.053, anything else as CODA."""
    _refuse_too_large_or_empty(data)
    if _without_bom(data).lstrip().startswith(b"<") or data.startswith(_UTF16_BOMS):
        return read_camt053(data)
    return read_coda(data)


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _without_bom(data: bytes) -> bytes:
    return data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data


def _refuse_too_large_or_empty(data: bytes) -> None:
    if len(data) > MAX_STATEMENT_BYTES:
        raise StatementError("too_large", size=len(data), limit=MAX_STATEMENT_BYTES)
    if not _without_bom(data).strip():
        raise StatementError("empty")


def _money(text: str, line: int) -> Decimal:
    try:
        return to_money(text)
    except MoneyError:
        raise StatementError("bad_amount", line, found=text) from None


def _folded(text: str) -> str:
    """Text with its blank runs (the padding of fixed-width zones) folded to one space."""
    return " ".join(text.split())


def _ogm(text: str) -> str | None:
    """The 12 digits of a valid structured communication written in ``text`` alone
    (``+++090/9337/55493+++``, ``090933755493``…), else None."""
    digits = re.sub(r"[+*/.\s]", "", text)
    if len(digits) == 12 and digits.isascii() and digits.isdigit() and ogm_vcs.is_valid(digits):
        return digits
    return None


@lru_cache(maxsize=4096)  # python-stdnum builds its checks anew at each call
def _iban(text: str) -> str | None:
    """A valid IBAN, compact and upper case, or a Belgian account number (12 digits, the
    form before IBAN) as its IBAN; else None. Valid is the IBAN's own check (format and
    mod 97), not python-stdnum's list of banks, which a new bank's accounts would fail."""
    compact = "".join(text.split()).upper()
    if re.fullmatch(r"[0-9]{12}", compact):
        compact = "BE" + ibans.calc_check_digits("BE00" + compact) + compact
    return compact if compact and ibans.is_valid(compact, check_country=False) else None


# CODA ---------------------------------------------------------------------------------

# The records that may follow each one (2.x and 3.x written "21", "31"…). Information
# (3.x) and free communications (4) may stand between movements; after the new balance
# (8) come only free communications and the trailer (9).
_BODY = frozenset({"21", "31", "4", "8"})
_FOLLOWERS: dict[str | None, frozenset[str]] = {
    None: frozenset({"0"}),
    "0": frozenset({"1"}),
    "1": _BODY,
    "21": _BODY | {"22", "23"},
    "22": _BODY | {"23"},
    "23": _BODY,
    "31": _BODY | {"32", "33"},
    "32": _BODY | {"33"},
    "33": _BODY,
    "8": frozenset({"4", "9"}),
    "9": frozenset({"0"}),
}
_AFTER_NEW_BALANCE = frozenset({"4", "9"})
_RECORD_TYPES = frozenset({"0", "1", "21", "22", "23", "31", "32", "33", "4", "8", "9"})
_COUNTED = frozenset({"1", "21", "22", "23", "31", "32", "33", "8"})  # record 9's count
# The details one level below a global movement of each transaction type (position 54).
_FIRST_LEVEL_DETAILS = {"1": frozenset({"5"}), "2": frozenset({"6", "7"}), "3": frozenset({"8"})}
_STRUCTURED_OGM = ("101", "102")  # structured communication, given or reconstituted


@dataclass(frozen=True)
class _Record:
    line: int
    text: str

    def at(self, first: int, last: int) -> str:
        """Positions ``first`` to ``last``, counted from 1 as the standard counts them."""
        return self.text[first - 1 : last]

    @property
    def code(self) -> str:
        return self.text[:2] if self.text[:1] in ("2", "3") else self.text[:1]


def _label(code: str) -> str:
    return f"{code[0]}.{code[1]}" if len(code) == 2 else code


def _labels(codes: Iterable[str]) -> str:
    return " / ".join(sorted(_label(code) for code in codes))


def _coda_date(record: _Record, first: int, last: int, *, optional: bool = False) -> date | None:
    text = record.at(first, last)
    if optional and text == "000000":
        return None
    if not re.fullmatch(r"[0-9]{6}", text):
        raise StatementError("bad_date", record.line, found=text)
    try:
        return date(2000 + int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise StatementError("bad_date", record.line, found=text) from None


def _required_date(record: _Record, first: int, last: int) -> date:
    day = _coda_date(record, first, last)
    if day is None:  # not optional: a date or an error
        raise StatementError("bad_date", record.line, found=record.at(first, last))
    return day


def _coda_amount(record: _Record, sign_at: int, first: int, last: int) -> Decimal:
    """The signed amount of a sign code (0 credit, 1 debit) and 15 digits."""
    sign = record.at(sign_at, sign_at)
    if sign not in ("0", "1"):
        raise StatementError("bad_amount", record.line, found=sign + record.at(first, last))
    amount = _coda_unsigned(record, first, last)
    return -amount if sign == "1" else amount


def _coda_unsigned(record: _Record, first: int, last: int) -> Decimal:
    """An amount of 15 digits, 3 of them decimals; a third decimal that is not 0 is
    refused (Mutua counts cents)."""
    digits = record.at(first, last)
    if not re.fullmatch(r"[0-9]{15}", digits):
        raise StatementError("bad_amount", record.line, found=digits)
    try:
        return to_money(Decimal(digits).scaleb(-3))
    except MoneyError:
        raise StatementError("bad_amount", record.line, found=digits) from None


def _coda_account(record: _Record) -> str:
    """The IBAN of record 1's account (positions 6-42 in the layout its position 2
    names), in euros."""
    structure = record.at(2, 2)
    if structure == "0":  # Belgian account number: 12 digits, a blank, the currency
        number, currency = record.at(6, 17), record.at(19, 21)
    elif structure == "2":  # IBAN of a Belgian account: 31, an extension zone, currency
        number, currency = record.at(6, 36), record.at(40, 42)
    elif structure == "3":  # IBAN of a foreign account: 34, then the currency
        number, currency = record.at(6, 39), record.at(40, 42)
    else:  # 1, a foreign account number that is no IBAN, or no structure at all
        raise StatementError("bad_account", record.line, found=record.at(6, 39).strip())
    account = _iban(number)
    if account is None:
        raise StatementError("bad_account", record.line, found=number.strip())
    if currency != "EUR":
        raise StatementError("not_eur", record.line, currency=currency.strip())
    return account


@dataclass
class _CodaMovement:
    line: int
    sequence: str
    detail: str
    bank_reference: str | None
    amount: Decimal
    value_date: date | None
    booking_date: date
    transaction_type: str
    structured_type: str | None  # positions 63-65 when the communication is structured
    zones: list[str]  # the communication zones of 2.1, 2.2 and 2.3, in order
    counterparty_iban: str | None = None
    counterparty_name: str | None = None

    def communication(self) -> tuple[str, bool]:
        if self.structured_type is None:
            return _folded("".join(self.zones)), False
        if self.structured_type in _STRUCTURED_OGM:
            digits = _ogm(self.zones[0][3:15])
            if digits is not None:
                return digits, True
        return _folded("".join(self.zones)[3:]), False


@dataclass
class _CodaStatement:
    account_iban: str = ""
    paper_number: str = ""
    coda_number: str = ""
    opening_date: date | None = None
    opening_balance: Decimal = ZERO
    movements: list[_CodaMovement] = field(default_factory=list)
    counted: int = 0
    debits: Decimal = ZERO
    credits: Decimal = ZERO
    closing_date: date | None = None
    closing_balance: Decimal = ZERO

    def old_balance(self, record: _Record) -> None:
        self.account_iban = _coda_account(record)
        self.paper_number = record.at(3, 5)
        self.opening_balance = _coda_amount(record, 43, 44, 58)
        self.opening_date = _coda_date(record, 59, 64, optional=True)
        self.coda_number = record.at(126, 128)

    def movement(self, record: _Record) -> None:
        structured = record.at(62, 62)
        if structured not in ("0", "1"):
            raise StatementError("bad_value", record.line, field="2.1 [62]", found=structured)
        movement = _CodaMovement(
            line=record.line,
            sequence=record.at(3, 6),  # continuous sequence number
            detail=record.at(7, 10),  # detail number: 0000 for the global movement
            bank_reference=record.at(11, 31).strip() or None,
            amount=_coda_amount(record, 32, 33, 47),  # sign 32, amount 33-47
            value_date=_coda_date(record, 48, 53, optional=True),
            booking_date=_required_date(record, 116, 121),  # entry date
            transaction_type=record.at(54, 54),  # first digit of the transaction code
            structured_type=record.at(63, 65) if structured == "1" else None,
            zones=[record.at(63, 115)],
        )
        if movement.detail == "0000":
            if movement.amount < 0:
                self.debits -= movement.amount
            else:
                self.credits += movement.amount
        self.movements.append(movement)

    def _continues(self, record: _Record) -> _CodaMovement:
        movement = self.movements[-1]
        numbers, expected = record.at(3, 10), movement.sequence + movement.detail
        if numbers != expected:  # sequence 3-6 and detail 7-10 of the 2.1 it continues
            raise StatementError("bad_sequence", record.line, found=numbers, expected=expected)
        return movement

    def movement_2(self, record: _Record) -> None:
        self._continues(record).zones.append(record.at(11, 63))  # communication, ctd.

    def movement_3(self, record: _Record) -> None:
        movement = self._continues(record)
        account = record.at(11, 44).split()  # account 11-44 (then its currency, 45-47)
        movement.counterparty_iban = _iban(account[0]) if account else None
        movement.counterparty_name = record.at(48, 82).strip() or None
        movement.zones.append(record.at(83, 125))  # communication, ctd.

    def new_balance(self, record: _Record) -> None:
        self.closing_balance = _coda_amount(record, 42, 43, 57)
        self.closing_date = _required_date(record, 58, 63)
        moved = sum((m.amount for m in self.movements if m.detail == "0000"), ZERO)
        if self.opening_balance + moved != self.closing_balance:
            raise StatementError(
                "balance_mismatch",
                record.line,
                opening=self.opening_balance,
                movements=moved,
                expected=self.opening_balance + moved,
                closing=self.closing_balance,
            )

    def trailer(self, record: _Record) -> None:
        count = record.at(17, 22)
        if not re.fullmatch(r"[0-9]{6}", count):
            raise StatementError("bad_value", record.line, field="9 [17-22]", found=count)
        debits = _coda_unsigned(record, 23, 37)  # sum of the global debits
        credits = _coda_unsigned(record, 38, 52)  # sum of the global credits
        if (int(count), debits, credits) != (self.counted, self.debits, self.credits):
            raise StatementError(
                "checksum",
                record.line,
                expected_records=int(count),
                found_records=self.counted,
                expected_debit=debits,
                found_debit=self.debits,
                expected_credit=credits,
                found_credit=self.credits,
            )

    def statement(self) -> Statement:
        if self.closing_date is None:  # record 8 comes before record 9, or the file is cut
            raise StatementError("incomplete", None, expected="8")
        prefix = (
            f"coda:{self.account_iban}:{self.closing_date.isoformat()}"
            f":{self.paper_number}:{self.coda_number}"
        )
        lines: list[StatementLine] = []
        keys: set[str] = set()
        for movement in self._counted_movements():
            communication, structured = movement.communication()
            key = f"{prefix}:{movement.sequence}.{movement.detail}"
            while key in keys:  # a sequence number that went round (over 9,999 movements)
                key += "+"
            keys.add(key)
            lines.append(
                StatementLine(
                    key=key,
                    line=movement.line,
                    booking_date=movement.booking_date,
                    value_date=movement.value_date,
                    amount=movement.amount,
                    counterparty_name=movement.counterparty_name,
                    counterparty_iban=movement.counterparty_iban,
                    communication=communication,
                    structured=structured,
                    bank_reference=movement.bank_reference,
                )
            )
        return Statement(
            format="coda",
            account_iban=self.account_iban,
            currency="EUR",
            number=str(int(self.paper_number))
            if self.paper_number.isdigit()
            else self.paper_number,
            opening_date=self.opening_date,
            opening_balance=self.opening_balance,
            closing_date=self.closing_date,
            closing_balance=self.closing_balance,
            lines=tuple(lines),
        )

    def _counted_movements(self) -> list[_CodaMovement]:
        """Each global movement, or instead its first-level details when they add up to
        it (a detail without a communication or a counterparty takes its global
        movement's); details of no global movement are not counted (a separate
        application's)."""
        counted: list[_CodaMovement] = []
        for index, movement in enumerate(self.movements):
            if movement.detail != "0000":
                continue
            details = []
            for detail in itertools.islice(self.movements, index + 1, None):
                if detail.sequence != movement.sequence or detail.detail == "0000":
                    break
                details.append(detail)
            wanted = _FIRST_LEVEL_DETAILS.get(movement.transaction_type, frozenset())
            first_level = [d for d in details if d.transaction_type in wanted]
            if first_level and sum((d.amount for d in first_level), ZERO) == movement.amount:
                counted.extend(_inheriting(detail, movement) for detail in first_level)
            else:
                counted.append(movement)
        return counted


def _inheriting(detail: _CodaMovement, movement: _CodaMovement) -> _CodaMovement:
    """A detail, with its global movement's communication and counterparty where it has
    none of its own."""
    inherited = replace(detail)
    if not detail.communication()[0]:
        inherited.structured_type, inherited.zones = movement.structured_type, movement.zones
    if detail.counterparty_iban is None and detail.counterparty_name is None:
        inherited.counterparty_iban = movement.counterparty_iban
        inherited.counterparty_name = movement.counterparty_name
    return inherited


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _coda_records(data: bytes) -> list[_Record]:
    """The records of a CODA file, each 128 characters (CRLF, LF or CR between them, a
    final line break or several tolerated)."""
    texts = re.split(r"\r\n|\n|\r", _decode(data))
    while texts and texts[-1] == "":
        texts.pop()
    if not texts or not texts[0].startswith("00000"):  # record 0, positions 2-5: zeros
        raise StatementError("unknown_format")
    records = []
    for number, text in enumerate(texts, start=1):
        if len(text) < RECORD_LENGTH:
            raise StatementError("truncated_record", number, length=len(text))
        if len(text) > RECORD_LENGTH:
            raise StatementError("record_too_long", number, length=len(text))
        records.append(_Record(number, text))
    return records


def read_coda(data: bytes) -> list[Statement]:
    """The statements of a CODA 2.6 file, one per group of records 0 to 9."""
    _refuse_too_large_or_empty(data)
    statements: list[Statement] = []
    current = _CodaStatement()
    previous: str | None = None
    records = _coda_records(data)
    for record in records:
        code = record.code
        if code not in _RECORD_TYPES:
            raise StatementError("bad_record_type", record.line, found=record.text[:2])
        allowed = _FOLLOWERS[previous] if previous != "4" else _after_free_communication(current)
        if code not in allowed:
            raise StatementError(
                "unexpected_record", record.line, found=_label(code), expected=_labels(allowed)
            )
        if code in _COUNTED:
            current.counted += 1
        if code == "0":
            current = _CodaStatement()
            _coda_date(record, 6, 11)  # creation date: a date, though not kept
        elif code == "1":
            current.old_balance(record)
        elif code == "21":
            current.movement(record)
        elif code == "22":
            current.movement_2(record)
        elif code == "23":
            current.movement_3(record)
        elif code == "8":
            current.new_balance(record)
        elif code == "9":
            current.trailer(record)
            statements.append(current.statement())
        previous = code
    if previous != "9":
        expected = _FOLLOWERS[previous] if previous != "4" else _after_free_communication(current)
        raise StatementError("incomplete", records[-1].line, expected=_labels(expected))
    return statements


def _after_free_communication(current: _CodaStatement) -> frozenset[str]:
    return _AFTER_NEW_BALANCE if current.closing_date is not None else _BODY


# camt.053 -----------------------------------------------------------------------------

_CAMT_NAMESPACE = re.compile(r"urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.([0-9]{2})")
_AMOUNT = re.compile(r"[0-9]{1,18}(\.[0-9]{1,5})?")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NO_REFERENCE = "NONREF"


class _Camt:
    """Reads the elements of one namespace with paths written without prefixes."""

    def __init__(self, namespace: str, shift: int) -> None:
        self.namespace = namespace
        self.shift = shift  # the lines of blanks taken off before the XML declaration
        self.paths: dict[str, str] = {}

    def line(self, element: etree._Element) -> int:
        return (element.sourceline or 1) + self.shift

    def _path(self, path: str) -> str:
        """The path in Clark's notation (``{namespace}Acct/{namespace}Id``), which lxml
        parses once and keeps."""
        if path not in self.paths:
            self.paths[path] = "/".join(f"{{{self.namespace}}}{step}" for step in path.split("/"))
        return self.paths[path]

    def find(self, element: etree._Element, path: str) -> etree._Element | None:
        return element.find(self._path(path))

    def findall(self, element: etree._Element, path: str) -> list[etree._Element]:
        return element.findall(self._path(path))

    def text(self, element: etree._Element, path: str) -> str | None:
        found = self.find(element, path)
        text = (found.text or "").strip() if found is not None else ""
        return text or None

    def texts(self, element: etree._Element, path: str) -> list[str]:
        return [t for t in ((f.text or "").strip() for f in self.findall(element, path)) if t]

    def required(self, element: etree._Element, path: str) -> etree._Element:
        found = self.find(element, path)
        if found is None:
            raise StatementError("missing_field", self.line(element), field=path)
        return found

    def required_text(self, element: etree._Element, path: str) -> str:
        text = self.text(element, path)
        if text is None:
            raise StatementError("missing_field", self.line(element), field=path)
        return text

    def amount(self, element: etree._Element, path: str) -> Decimal:
        """An amount in euros (the element's ``Ccy``), unsigned as ISO 20022 writes it."""
        found = self.required(element, path)
        currency = found.get("Ccy")
        if currency != "EUR":
            raise StatementError("not_eur", self.line(found), currency=currency or "")
        text = (found.text or "").strip()
        if not _AMOUNT.fullmatch(text):
            raise StatementError("bad_amount", self.line(found), found=text)
        return _money(text, self.line(found))

    def sign(self, element: etree._Element, path: str) -> int:
        indicator = self.required_text(element, path)
        if indicator not in ("CRDT", "DBIT"):
            raise StatementError("bad_value", self.line(element), field=path, found=indicator)
        return 1 if indicator == "CRDT" else -1

    def day(self, element: etree._Element, path: str) -> date | None:
        """The date of a ``Dt`` or ``DtTm`` choice (a date-time's own date part)."""
        found = self.find(element, path)
        if found is None:
            return None
        text = self.text(found, "Dt") or self.text(found, "DtTm") or ""
        match = _ISO_DATE.match(text)
        try:
            if match is None:
                raise ValueError(text)
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            raise StatementError("bad_date", self.line(found), found=text) from None

    def party(self, element: etree._Element, role: str) -> tuple[str | None, str | None]:
        """The name and IBAN of a related party (``Dbtr`` or ``Cdtr``): ``Nm`` (02, 04) or
        ``Pty/Nm`` (08), and ``<role>Acct/Id/IBAN``."""
        parties = self.find(element, "RltdPties")
        if parties is None:
            return None, None
        name = self.text(parties, f"{role}/Nm") or self.text(parties, f"{role}/Pty/Nm")
        account = self.text(parties, f"{role}Acct/Id/IBAN")
        return name, _iban(account) if account else None


@dataclass(frozen=True)
class _Transaction:
    """One ``<TxDtls>`` of an entry."""

    line: int
    amount: Decimal | None  # signed; None when the transaction carries none
    communication: str
    structured: bool
    counterparty_name: str | None
    counterparty_iban: str | None
    bank_reference: str | None


def _parse_xml(data: bytes) -> tuple[etree._Element, int]:
    """The document's root, and the number of lines of blanks before it (taken off: an
    XML declaration must come first, and some files have a blank line or two before)."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise StatementError("xml_doctype")
    shift = 0
    if not data.startswith(_UTF16_BOMS):
        body = _without_bom(data)
        data = body.lstrip()
        shift = body[: len(body) - len(data)].count(b"\n")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line = max(error.lineno or 1, 1) + shift
        raise StatementError("bad_xml", line, detail=error.msg) from None
    if root.getroottree().docinfo.doctype:  # one the byte search missed (UTF-16)
        raise StatementError("xml_doctype")
    return root, shift


def read_camt053(data: bytes) -> list[Statement]:
    """The statements of a camt.053 document, one per ``<Stmt>``."""
    _refuse_too_large_or_empty(data)
    root, shift = _parse_xml(data)
    name = etree.QName(root)
    namespace = name.namespace or ""
    match = _CAMT_NAMESPACE.fullmatch(namespace)
    if match is None or match.group(1) not in CAMT_VERSIONS or name.localname != "Document":
        raise StatementError(
            "unknown_camt_version",
            namespace=namespace or name.localname,
            supported=", ".join(f"camt.053.001.{v}" for v in CAMT_VERSIONS),
        )
    camt = _Camt(namespace, shift)
    report = camt.required(root, "BkToCstmrStmt")
    statements = camt.findall(report, "Stmt")
    if not statements:
        raise StatementError("missing_field", camt.line(report), field="BkToCstmrStmt/Stmt")
    return [_camt_statement(camt, statement) for statement in statements]


def _camt_statement(camt: _Camt, statement: etree._Element) -> Statement:
    number = camt.required_text(statement, "Id")
    account_text = camt.required_text(statement, "Acct/Id/IBAN")
    account = _iban(account_text)
    if account is None:
        raise StatementError("bad_account", camt.line(statement), found=account_text)
    currency = camt.text(statement, "Acct/Ccy")
    if currency not in (None, "EUR"):
        raise StatementError("not_eur", camt.line(statement), currency=currency)
    balances = _camt_balances(camt, statement)
    opening = balances.get("OPBD") or balances.get("PRCD")
    closing = balances.get("CLBD")
    if opening is None:
        raise StatementError(
            "missing_field", camt.line(statement), field="Bal/Tp/CdOrPrtry/Cd OPBD"
        )
    if closing is None:
        raise StatementError(
            "missing_field", camt.line(statement), field="Bal/Tp/CdOrPrtry/Cd CLBD"
        )
    entries = camt.findall(statement, "Ntry")
    keys = _entry_keys(camt, entries, f"camt:{account}", number)
    lines: list[StatementLine] = []
    moved = ZERO
    for entry, key in zip(entries, keys, strict=True):
        status = camt.text(entry, "Sts") or camt.text(entry, "Sts/Cd")
        if status not in (None, "BOOK"):  # pending or information: not on the balance
            continue
        amount = camt.sign(entry, "CdtDbtInd") * camt.amount(entry, "Amt")
        moved += amount
        lines.extend(_entry_lines(camt, entry, key, amount))
    if opening[0] + moved != closing[0]:
        raise StatementError(
            "balance_mismatch",
            closing[2],
            opening=opening[0],
            movements=moved,
            expected=opening[0] + moved,
            closing=closing[0],
        )
    closing_date = closing[1]
    if closing_date is None:
        raise StatementError("missing_field", closing[2], field="Bal/Dt")
    return Statement(
        format="camt.053",
        account_iban=account,
        currency="EUR",
        number=number,
        opening_date=opening[1],
        opening_balance=opening[0],
        closing_date=closing_date,
        closing_balance=closing[0],
        lines=tuple(lines),
    )


def _camt_balances(
    camt: _Camt, statement: etree._Element
) -> dict[str, tuple[Decimal, date | None, int]]:
    """Each balance by its type code: signed amount, date, line."""
    balances: dict[str, tuple[Decimal, date | None, int]] = {}
    for balance in camt.findall(statement, "Bal"):
        code = camt.text(balance, "Tp/CdOrPrtry/Cd")
        if code is None or code in balances:
            continue
        amount = camt.sign(balance, "CdtDbtInd") * camt.amount(balance, "Amt")
        balances[code] = (amount, camt.day(balance, "Dt"), camt.line(balance))
    return balances


def _entry_keys(
    camt: _Camt, entries: Sequence[etree._Element], prefix: str, statement_id: str
) -> list[str]:
    """Each entry's key: by the bank's reference, else by its reference in the statement,
    else by its position; a reference two entries share is none."""
    servicer = [camt.text(entry, "AcctSvcrRef") for entry in entries]
    own = [camt.text(entry, "NtryRef") for entry in entries]
    counts = {"servicer": Counter(servicer), "own": Counter(own)}

    def unique(kind: str, reference: str | None) -> bool:
        return reference not in (None, _NO_REFERENCE) and counts[kind][reference] == 1

    keys = []
    for index, (bank, entry) in enumerate(zip(servicer, own, strict=True), start=1):
        if unique("servicer", bank):
            keys.append(f"{prefix}:ref:{bank}")
        elif unique("own", entry):
            keys.append(f"{prefix}:{statement_id}:entry:{entry}")
        else:
            keys.append(f"{prefix}:{statement_id}:#{index}")
    return keys


def _entry_lines(
    camt: _Camt, entry: etree._Element, key: str, amount: Decimal
) -> list[StatementLine]:
    booked = camt.day(entry, "BookgDt")
    if booked is None:
        raise StatementError("missing_field", camt.line(entry), field="BookgDt")
    value_date = camt.day(entry, "ValDt")
    reference = camt.text(entry, "AcctSvcrRef") or camt.text(entry, "NtryRef")
    entry_text = _folded(camt.text(entry, "AddtlNtryInf") or "")  # the entry's own text
    sign = 1 if amount >= 0 else -1
    transactions = [
        _transaction(camt, details, sign, reference)
        for details in camt.findall(entry, "NtryDtls/TxDtls")
    ]
    amounts = [t.amount for t in transactions if t.amount is not None]
    if len(transactions) > 1 and len(amounts) == len(transactions) and sum(amounts, ZERO) == amount:
        return [
            StatementLine(
                key=f"{key}/{index}",
                line=transaction.line,
                booking_date=booked,
                value_date=value_date,
                amount=transaction.amount or ZERO,
                counterparty_name=transaction.counterparty_name,
                counterparty_iban=transaction.counterparty_iban,
                communication=transaction.communication or entry_text,
                structured=transaction.structured,
                bank_reference=transaction.bank_reference,
            )
            for index, transaction in enumerate(transactions, start=1)
        ]
    if len(transactions) == 1:
        only = transactions[0]
        communication, structured = only.communication, only.structured
        name, account = only.counterparty_name, only.counterparty_iban
    else:
        communication = _folded(" ".join(t.communication for t in transactions))
        structured, name, account = False, None, None
    communication = communication or entry_text
    return [
        StatementLine(
            key=key,
            line=camt.line(entry),
            booking_date=booked,
            value_date=value_date,
            amount=amount,
            counterparty_name=name,
            counterparty_iban=account,
            communication=communication,
            structured=structured,
            bank_reference=reference,
        )
    ]


def _transaction(
    camt: _Camt, details: etree._Element, entry_sign: int, entry_reference: str | None
) -> _Transaction:
    """A transaction: its own amount (``Amt``, 04 on, or ``AmtDtls/TxAmt/Amt``) signed by
    its own indicator or the entry's; its remittance information; the other party (the
    debtor of a credit, the creditor of a debit)."""
    has_own = camt.find(details, "CdtDbtInd") is not None
    sign = camt.sign(details, "CdtDbtInd") if has_own else entry_sign
    amount: Decimal | None = None
    for path in ("Amt", "AmtDtls/TxAmt/Amt"):
        if camt.find(details, path) is not None:
            amount = sign * camt.amount(details, path)
            break
    references = camt.texts(details, "RmtInf/Strd/CdtrRefInf/Ref")
    free = camt.texts(details, "RmtInf/Ustrd")
    ogm = next((digits for digits in map(_ogm, references) if digits), None)
    if ogm is not None:
        communication, structured = ogm, True
    else:
        text = " ".join(references + free) or camt.text(details, "AddtlTxInf") or ""
        communication, structured = _folded(text), False
    name, account = camt.party(details, "Dbtr" if sign > 0 else "Cdtr")
    return _Transaction(
        line=camt.line(details),
        amount=amount,
        communication=communication,
        structured=structured,
        counterparty_name=name,
        counterparty_iban=account,
        bank_reference=camt.text(details, "Refs/AcctSvcrRef") or entry_reference,
    )
