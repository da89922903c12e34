"""Bank files for tests: CODA 2.6 and camt.053 statements written from the published
layouts (Febelfin's "Standard CODA 2.6"; ISO 20022 BankToCustomerStatement 02, 04, 08),
not from Mutua's reader, so that the reader is checked against the layouts.

``coda_file`` and ``camt053_file`` return ``bytes``, as a bank delivers them: a test
breaks a file by slicing or replacing bytes (``coda_lines``, ``with_coda_line`` and
``with_coda_field`` help with CODA's fixed-width records). A ``Movement`` with
``details`` is a batch, its amount the sum of theirs (its own is not read) and its
communication the batch's own text: in CODA a global movement totalised by the bank
(transaction type 2, detail number 0000) followed by its details (type 6, detail numbers
0001 on); in camt.053 one entry (its text in ``AddtlNtryInf``) with a transaction
(``TxDtls``) per detail.
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

from stdnum import iban as ibans

RECORD = 128


@dataclass
class Movement:
    amount: Decimal  # signed: a credit > 0, a debit < 0
    communication: str = ""  # structured: the 12 digits; else free text
    structured: bool = False
    counterparty_iban: str | None = None
    counterparty_name: str | None = None
    booking_date: date = date(2026, 12, 7)
    bank_reference: str | None = None
    value_date: date | None = None  # the booking date when None
    details: tuple["Movement", ...] = field(default_factory=tuple)  # a batch's parts


# CODA ---------------------------------------------------------------------------------


class _Record:
    """One 128-character record, its fields placed at the standard's positions (1-based,
    inclusive), the rest blank."""

    def __init__(self) -> None:
        self.chars = [" "] * RECORD

    def put(self, first: int, last: int, value: str) -> "_Record":
        width = last - first + 1
        if len(value) > width:
            raise ValueError(f"{value!r} does not fit positions {first}-{last}")
        self.chars[first - 1 : last] = list(value.ljust(width))
        return self

    def text(self) -> str:
        return "".join(self.chars)


def _ddmmyy(day: date) -> str:
    return day.strftime("%d%m%y")


def _coda_amount(amount: Decimal) -> str:
    """15 digits, the last three decimals (12 + 3), unsigned."""
    return f"{int(abs(amount) * 1000):015d}"


def _sign(amount: Decimal) -> str:
    return "1" if amount < 0 else "0"  # 0 credit, 1 debit


def _account_field(account_iban: str) -> tuple[str, str]:
    """Account structure (record 1 position 2) and the 37 characters of account number
    and currency (positions 6-42): 2 for a Belgian IBAN (31 + 3 blank + currency), 3 for a
    foreign one (34 + currency)."""
    compact = ibans.compact(account_iban)
    if compact.startswith("BE"):
        return "2", compact.ljust(31) + "   " + "EUR"
    return "3", compact.ljust(34) + "EUR"


def _communication_zones(movement: Movement) -> tuple[str, str, str, str]:
    """Record 2.1 position 62 (0 free, 1 structured) and the communication's three zones:
    2.1 positions 63-115 (53), 2.2 positions 11-63 (53), 2.3 positions 83-125 (43)."""
    if movement.structured:
        # Structured communication type 101 (positions 63-65), its 12 digits from 66.
        return "1", "101" + movement.communication, "", ""
    text = movement.communication
    if len(text) > 53 + 53 + 43:
        raise ValueError("a CODA communication holds at most 149 characters")
    return "0", text[:53], text[53:106], text[106:149]


def _movement_records(
    movement: Movement,
    sequence: int,
    detail: int,
    transaction_type: str,
    statement_number: int,
) -> list[str]:
    """Records 2.1, 2.2 (when the communication goes on) and 2.3 (counterparty or more
    communication) of one movement or detail. The sequence number goes round after 9999
    (to 0000, then 0001), as the standard says."""
    sequence %= 10_000
    kind, zone1, zone2, zone3 = _communication_zones(movement)
    need_22 = bool(zone2 or zone3)
    need_23 = bool(zone3 or movement.counterparty_iban or movement.counterparty_name)
    family, operation = ("01", "50") if movement.amount >= 0 else ("01", "01")
    record_21 = (
        _Record()
        .put(1, 1, "2")  # record identification
        .put(2, 2, "1")  # article code
        .put(3, 6, f"{sequence:04d}")  # continuous sequence number
        .put(7, 10, f"{detail:04d}")  # detail number
        .put(11, 31, movement.bank_reference or "")  # reference number of the bank
        .put(32, 32, _sign(movement.amount))  # movement sign
        .put(33, 47, _coda_amount(movement.amount))  # amount
        .put(48, 53, _ddmmyy(movement.value_date or movement.booking_date))  # value date
        # transaction code: type (54), family (55-56), transaction (57-58), category (59-61)
        .put(54, 61, transaction_type + family + operation + "000")
        .put(62, 62, kind)  # communication type
        .put(63, 115, zone1)  # communication zone
        .put(116, 121, _ddmmyy(movement.booking_date))  # entry date
        .put(122, 124, f"{statement_number:03d}")  # sequence number of the statement
        .put(125, 125, "0")  # globalisation code
        .put(126, 126, "1" if need_22 or need_23 else "0")  # next code
        .put(128, 128, "0")  # link code: no information record follows
    )
    records = [record_21.text()]
    if need_22:
        records.append(
            _Record()
            .put(1, 2, "22")  # record identification, article code
            .put(3, 6, f"{sequence:04d}")  # continuous sequence number
            .put(7, 10, f"{detail:04d}")  # detail number
            .put(11, 63, zone2)  # communication (continued)
            .put(64, 98, "")  # customer reference
            .put(99, 109, "")  # BIC of the counterparty's bank
            .put(126, 126, "1" if need_23 else "0")  # next code
            .put(128, 128, "0")  # link code
            .text()
        )
    if need_23:
        account = ibans.compact(movement.counterparty_iban or "")
        records.append(
            _Record()
            .put(1, 2, "23")  # record identification, article code
            .put(3, 6, f"{sequence:04d}")  # continuous sequence number
            .put(7, 10, f"{detail:04d}")  # detail number
            .put(11, 44, account)  # counterparty's account number
            .put(45, 47, "EUR" if account else "")  # its currency
            .put(48, 82, movement.counterparty_name or "")  # counterparty's name
            .put(83, 125, zone3)  # communication (continued)
            .put(126, 126, "0")  # next code: always 0
            .put(128, 128, "0")  # link code
            .text()
        )
    return records


def coda_file(
    account_iban: str,
    movements: list[Movement],
    *,
    statement_number: int = 1,
    opening_balance: Decimal = Decimal("0"),
    day: date = date(2026, 12, 7),
    holder: str = "GE BRUXELLES SOLIDAIRE",
    information: bool = False,
    free_communication: str = "",
    last: bool = True,
    newline: str = "\r\n",
    encoding: str = "cp1252",
) -> bytes:
    """One CODA statement (records 0 to 9) of ``account_iban`` on ``day``.

    ``information`` adds a record 3.1 after each movement (counted in record 9, ignored by
    the reader), ``free_communication`` a record 4 after the new balance (not counted);
    ``last`` is record 9's multiple-file code (2 last file, 1 another
    follows): join several files' bytes for a file of several statements.
    """
    structure, account = _account_field(account_iban)
    records = [
        _Record()
        .put(1, 1, "0")  # record identification
        .put(2, 5, "0000")  # zeros
        .put(6, 11, _ddmmyy(day))  # creation date
        .put(12, 14, "539")  # bank identification number
        .put(15, 16, "05")  # application code
        .put(17, 17, "")  # duplicate: blank
        .put(25, 34, "")  # file reference
        .put(35, 60, holder[:26])  # name addressee
        .put(61, 71, "HBKABE22")  # BIC of the bank holding the account
        .put(72, 82, "00123456749")  # 0 + company number of the account holder
        .put(84, 88, "00000")  # code "separate application"
        .put(128, 128, "2")  # version code
        .text(),
        _Record()
        .put(1, 1, "1")  # record identification
        .put(2, 2, structure)  # account structure
        .put(3, 5, f"{statement_number:03d}")  # sequence number of the paper statement
        .put(6, 42, account)  # account number and currency code
        .put(43, 43, _sign(opening_balance))  # old balance sign
        .put(44, 58, _coda_amount(opening_balance))  # old balance
        .put(59, 64, _ddmmyy(day - timedelta(days=1)))  # old balance date
        .put(65, 90, holder[:26])  # name of the account holder
        .put(91, 125, "Compte courant")  # account description
        .put(126, 128, f"{statement_number:03d}")  # sequence number of the coded statement
        .text(),
    ]
    counted = 1  # records 1, 2.x, 3.x and 8
    debits = credits = Decimal("0")
    for sequence, movement in enumerate(movements, start=1):
        if movement.details:
            total = sum((d.amount for d in movement.details), Decimal("0"))
            # The global movement totalised by the bank (type 2), then its details (type 6).
            group = _movement_records(
                replace(movement, amount=total, details=()), sequence, 0, "2", statement_number
            )
            for detail_number, detail in enumerate(movement.details, start=1):
                group += _movement_records(detail, sequence, detail_number, "6", statement_number)
            amount = total
        else:
            group = _movement_records(movement, sequence, 0, "0", statement_number)
            amount = movement.amount
        if information:
            group.append(
                _Record()
                .put(1, 2, "31")  # record identification, article code
                .put(3, 6, f"{sequence % 10_000:04d}")  # continuous sequence number
                .put(7, 10, "0000")  # detail number
                .put(11, 31, movement.bank_reference or "")  # reference number of the bank
                .put(32, 39, "00150000")  # transaction code
                .put(40, 40, "0")  # structure of the communication: free
                .put(41, 113, "Information")  # communication
                .put(126, 126, "0")  # next code
                .put(128, 128, "0")  # link code
                .text()
            )
        records += group
        counted += len(group)
        if amount < 0:
            debits -= amount
        else:
            credits += amount
    closing = opening_balance - debits + credits
    records.append(
        _Record()
        .put(1, 1, "8")  # record identification
        .put(2, 4, f"{statement_number:03d}")  # sequence number of the paper statement
        .put(5, 41, account)  # account number and currency code
        .put(42, 42, _sign(closing))  # new balance sign
        .put(43, 57, _coda_amount(closing))  # new balance
        .put(58, 63, _ddmmyy(day))  # new balance date
        .put(128, 128, "1" if free_communication else "0")  # link code: a record 4 follows
        .text()
    )
    counted += 1
    if free_communication:
        records.append(
            _Record()
            .put(1, 1, "4")  # record identification
            .put(3, 6, "0001")  # continuous sequence number
            .put(7, 10, "0000")  # detail number
            .put(33, 112, free_communication)  # text of the free communication
            .put(128, 128, "0")  # link code: no free communication follows
            .text()
        )
    records.append(
        _Record()
        .put(1, 1, "9")  # record identification
        .put(17, 22, f"{counted:06d}")  # number of records 1, 2.1-2.3, 3.1-3.3 and 8
        .put(23, 37, _coda_amount(debits))  # debit movement: sum of the global debits
        .put(38, 52, _coda_amount(credits))  # credit movement: sum of the global credits
        .put(128, 128, "2" if last else "1")  # multiple file code
        .text()
    )
    return (newline.join(records) + newline).encode(encoding)


def coda_lines(data: bytes, encoding: str = "cp1252") -> list[str]:
    """The records of a CODA file (without line breaks)."""
    return data.decode(encoding).splitlines()


def with_coda_line(data: bytes, number: int, record: str, encoding: str = "cp1252") -> bytes:
    """The file with its record at line ``number`` (1-based) replaced by ``record``."""
    lines = coda_lines(data, encoding)
    lines[number - 1] = record
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def with_coda_field(
    data: bytes, number: int, first: int, value: str, encoding: str = "cp1252"
) -> bytes:
    """The file with the characters of line ``number`` from position ``first`` (both
    1-based, as the standard counts) replaced by ``value``."""
    record = coda_lines(data, encoding)[number - 1]
    changed = record[: first - 1] + value + record[first - 1 + len(value) :]
    return with_coda_line(data, number, changed, encoding)


# camt.053 -----------------------------------------------------------------------------


def _amount(value: Decimal) -> str:
    return f"{abs(value):.2f}"


def _indicator(value: Decimal) -> str:
    return "DBIT" if value < 0 else "CRDT"


def _balance(code: str, amount: Decimal, day: date) -> str:
    return (
        "<Bal><Tp><CdOrPrtry>"
        f"<Cd>{code}</Cd>"  # OPBD opening booked, CLBD closing booked
        "</CdOrPrtry></Tp>"
        f'<Amt Ccy="EUR">{_amount(amount)}</Amt>'
        f"<CdtDbtInd>{_indicator(amount)}</CdtDbtInd>"
        f"<Dt><Dt>{day.isoformat()}</Dt></Dt>"
        "</Bal>\n"
    )


def _party(role: str, name: str | None, account: str | None, version: str) -> str:
    """A related party: ``<Dbtr><Nm>`` in 02 and 04, ``<Dbtr><Pty><Nm>`` in 08 (its
    Party40Choice), then its account ``<DbtrAcct><Id><IBAN>``."""
    xml = ""
    if name:
        inner = f"<Nm>{escape(name)}</Nm>"
        xml += f"<{role}>{f'<Pty>{inner}</Pty>' if version == '08' else inner}</{role}>"
    if account:
        xml += f"<{role}Acct><Id><IBAN>{ibans.compact(account)}</IBAN></Id></{role}Acct>"
    return xml


def _remittance(movement: Movement) -> str:
    if not movement.communication:
        return ""
    if movement.structured:
        # A Belgian structured communication: creditor reference of type SCOR, issuer BBA.
        return (
            "<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry>"
            "<Issr>BBA</Issr></Tp>"
            f"<Ref>{movement.communication}</Ref>"
            "</CdtrRefInf></Strd></RmtInf>"
        )
    return f"<RmtInf><Ustrd>{escape(movement.communication)}</Ustrd></RmtInf>"


def _transaction(movement: Movement, version: str, with_amount: bool) -> str:
    """One ``<TxDtls>`` (elements in the schema's order)."""
    reference = movement.bank_reference
    xml = "<TxDtls>\n"
    if reference:
        xml += f"<Refs><AcctSvcrRef>{escape(reference)}</AcctSvcrRef></Refs>"
    if with_amount:
        if version == "02":  # 02 has no Amt in TxDtls: the amount details carry it
            amount = f'<Amt Ccy="EUR">{_amount(movement.amount)}</Amt>'
            xml += f"<AmtDtls><TxAmt>{amount}</TxAmt></AmtDtls>"
        else:
            xml += f'<Amt Ccy="EUR">{_amount(movement.amount)}</Amt>'
            xml += f"<CdtDbtInd>{_indicator(movement.amount)}</CdtDbtInd>"
    role = "Dbtr" if movement.amount >= 0 else "Cdtr"  # the other party
    party = _party(role, movement.counterparty_name, movement.counterparty_iban, version)
    if party:
        xml += f"<RltdPties>{party}</RltdPties>"
    xml += _remittance(movement)
    return xml + "\n</TxDtls>\n"


def _entry(movement: Movement, version: str, reference: str | None) -> str:
    """One ``<Ntry>``: reference, amount, indicator, status (``BOOK``, in ``<Cd>`` from 08
    on), booking and value dates, the bank's reference, the bank transaction code, and its
    transactions."""
    amount = movement.amount
    if movement.details:
        amount = sum((d.amount for d in movement.details), Decimal("0"))
        transactions = "".join(_transaction(d, version, True) for d in movement.details)
    else:
        transactions = _transaction(movement, version, False)
    status = "<Sts><Cd>BOOK</Cd></Sts>" if version == "08" else "<Sts>BOOK</Sts>"
    family = "RCDT" if amount >= 0 else "ICDT"  # received / issued credit transfers
    booked = movement.booking_date.isoformat()
    valued = (movement.value_date or movement.booking_date).isoformat()
    return (
        "<Ntry>\n"
        + (f"<NtryRef>{escape(reference)}</NtryRef>" if reference else "")
        + f'<Amt Ccy="EUR">{_amount(amount)}</Amt>'
        + f"<CdtDbtInd>{_indicator(amount)}</CdtDbtInd>"
        + status
        + f"<BookgDt><Dt>{booked}</Dt></BookgDt>"
        + f"<ValDt><Dt>{valued}</Dt></ValDt>"
        + (
            f"<AcctSvcrRef>{escape(movement.bank_reference)}</AcctSvcrRef>"
            if movement.bank_reference and not movement.details
            else ""
        )
        + "<BkTxCd><Domn><Cd>PMNT</Cd>"
        + f"<Fmly><Cd>{family}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>"
        + "<NtryDtls>\n"
        + transactions
        + "</NtryDtls>\n"
        + (
            f"<AddtlNtryInf>{escape(movement.communication)}</AddtlNtryInf>"
            if movement.details and movement.communication
            else ""
        )
        + "</Ntry>\n"
    )


def camt053_statement(
    account_iban: str,
    movements: list[Movement],
    *,
    statement_id: str = "2026-12-07-001",
    opening_balance: Decimal = Decimal("0"),
    day: date = date(2026, 12, 7),
    version: str = "02",
    entry_references: bool = True,
) -> str:
    """One ``<Stmt>`` (to put several in one document with ``camt053_document``)."""
    closing = opening_balance
    entries = ""
    for index, movement in enumerate(movements, start=1):
        reference = f"{statement_id}-{index:04d}" if entry_references else None
        entries += _entry(movement, version, reference)
        closing += (
            sum((d.amount for d in movement.details), Decimal("0"))
            if movement.details
            else movement.amount
        )
    return (
        "<Stmt>\n"
        f"<Id>{escape(statement_id)}</Id>"
        f"<CreDtTm>{day.isoformat()}T18:00:00</CreDtTm>"
        f"<Acct><Id><IBAN>{ibans.compact(account_iban)}</IBAN></Id><Ccy>EUR</Ccy></Acct>\n"
        + _balance("OPBD", opening_balance, day)
        + _balance("CLBD", closing, day)
        + entries
        + "</Stmt>\n"
    )


def camt053_document(statements: list[str], *, version: str = "02") -> bytes:
    """A camt.053 document (UTF-8) holding the given ``<Stmt>`` elements."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}">\n'
        "<BkToCstmrStmt>\n"
        "<GrpHdr><MsgId>MUTUA-TEST-1</MsgId><CreDtTm>2026-12-07T18:00:00</CreDtTm></GrpHdr>\n"
        + "".join(statements)
        + "</BkToCstmrStmt>\n</Document>\n"
    ).encode()


def camt053_file(
    account_iban: str,
    movements: list[Movement],
    *,
    statement_id: str = "2026-12-07-001",
    opening_balance: Decimal = Decimal("0"),
    day: date = date(2026, 12, 7),
    version: str = "02",
    entry_references: bool = True,
) -> bytes:
    """A camt.053 document of one statement of ``account_iban`` on ``day``."""
    statement = camt053_statement(
        account_iban,
        movements,
        statement_id=statement_id,
        opening_balance=opening_balance,
        day=day,
        version=version,
        entry_references=entry_references,
    )
    return camt053_document([statement], version=version)
