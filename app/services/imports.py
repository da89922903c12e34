"""Schedules and payroll costs uploaded as workbooks: every cell checked first, then all
rows written in one transaction, or none.

A workbook is a zip: before openpyxl opens it, its size, its entries' total unpacked
size and their compression ratio are checked, so a zip bomb is refused unopened. Cells
read from a workbook are numbers (floats), text, dates or times; a number becomes a
Decimal through its shortest decimal spelling (``repr``), the only place a float enters
Mutua, and is then held to the cent or the minute like any other input.
"""

import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.be import vat

from allocation.money import MoneyError, to_money
from exports.templates import PAYROLL_COLUMNS, SCHEDULE_COLUMNS, WEEKDAYS
from legal_rules import Finding

from ..errors import InvalidInput
from ..i18n import t
from ..models import Assignment, Contract, Member, PayrollCost, Slot, Worker
from . import billing
from .compliance import Period
from .writes import Reach, UnitOfWork, guarded_write

LARGEST_UPLOAD = 5 * 1024 * 1024
LARGEST_UNPACKED = 50 * 1024 * 1024
LARGEST_RATIO = 100  # unpacked / packed: ordinary workbooks stay far below


@dataclass
class Problems:
    """Errors by sheet, row and column, in the caller's language."""

    sheet: str
    found: list[dict[str, Any]] = field(default_factory=list)

    def add(self, row: int, column: str, key: str, **values: Any) -> None:
        self.found.append(
            {"sheet": self.sheet, "row": row, "column": column, "message": t(key, **values)}
        )


def open_workbook(data: bytes, filename: str) -> Any:
    """The upload as an openpyxl workbook, or a clear refusal (422)."""
    if not filename.lower().endswith(".xlsx") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise InvalidInput({"file": ["upload_not_xlsx"]})
    if len(data) > LARGEST_UPLOAD:
        raise InvalidInput({"file": ["upload_too_large"]})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries) or 1
        if unpacked > LARGEST_UNPACKED or unpacked / packed > LARGEST_RATIO:
            raise InvalidInput({"file": ["upload_zip_bomb"]})
        if "xl/workbook.xml" not in {entry.filename for entry in entries}:
            raise InvalidInput({"file": ["upload_not_xlsx"]})
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # any reason openpyxl cannot read it is the user's answer
        raise InvalidInput({"file": ["upload_not_xlsx"]}) from error


def _rows(
    workbook: Any, columns: tuple[str, ...], problems: Problems
) -> list[tuple[int, dict[str, Any]]]:
    sheet = workbook.worksheets[0]
    problems.sheet = sheet.title
    rows = sheet.iter_rows(values_only=True)
    header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
    if tuple(header[: len(columns)]) != columns:
        problems.add(1, "", "upload_bad_header", expected=", ".join(columns))
        return []
    found = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        # A sheet without a <dimension> gives rows as short as their last filled cell.
        padded = list(values) + [None] * (len(columns) - len(values))
        found.append((number, dict(zip(columns, padded, strict=False))))
    return found


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _by_name(
    session: Session, groupement_id: int
) -> tuple[dict[str, list[Worker]], dict[str, Member]]:
    workers: dict[str, list[Worker]] = defaultdict(list)
    for worker in session.scalars(select(Worker).where(Worker.groupement_id == groupement_id)):
        for spelling in (
            f"{worker.last_name} {worker.first_name}",
            f"{worker.first_name} {worker.last_name}",
        ):
            workers[spelling.casefold()].append(worker)
    members: dict[str, Member] = {}
    for member in session.scalars(select(Member).where(Member.groupement_id == groupement_id)):
        members[member.name.casefold()] = member
        members[member.enterprise_number] = member
    return workers, members


def _worker(
    value: Any, workers: dict[str, list[Worker]], problems: Problems, row: int, column: str
) -> Worker | None:
    found = workers.get(_text(value).casefold(), [])
    if len(found) != 1:
        problems.add(
            row,
            column,
            "upload_unknown_worker" if not found else "upload_ambiguous_worker",
            value=_text(value),
        )
        return None
    return found[0]


def _day(
    value: Any, problems: Problems, row: int, column: str, required: bool = True
) -> date | None:
    if value is None or _text(value) == "":
        if required:
            problems.add(row, column, "Missing data for required field.")
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_text(value))
    except ValueError:
        problems.add(row, column, "Not a valid date.")
        return None


def _clock(value: Any, problems: Problems, row: int, column: str) -> time | None:
    if isinstance(value, time):
        return value
    if isinstance(value, datetime):
        return value.time()
    text = _text(value)
    try:
        parsed = time.fromisoformat(text if len(text) != 4 else f"0{text}")
        if parsed.second or parsed.microsecond:
            raise ValueError(text)
        return parsed
    except ValueError:
        problems.add(row, column, "upload_bad_time", value=text)
        return None


def _amount(value: Any, problems: Problems, row: int, column: str) -> Decimal | None:
    try:
        text = repr(value) if isinstance(value, float) else _text(value).replace(",", ".")
        amount = to_money(Decimal(text))
    except (InvalidOperation, MoneyError):
        problems.add(row, column, "upload_bad_amount", value=_text(value))
        return None
    if amount < 0:
        problems.add(row, column, "must_not_be_negative")
        return None
    return amount


def import_schedules(write: UnitOfWork, data: bytes, filename: str) -> list[Assignment]:
    """Each (worker, member, from, to) of the sheet becomes an assignment with its slots:
    all of them or, at the first problem, none (every problem reported)."""
    session, groupement_id = write.session, write.groupement_id
    problems = Problems("")
    rows = _rows(open_workbook(data, filename), SCHEDULE_COLUMNS, problems)
    workers, members = _by_name(session, groupement_id)
    groups: dict[tuple[int, int, date, date | None], list[tuple[int, int, time, time]]] = (
        defaultdict(list)
    )
    contracts: dict[tuple[int, int, date, date | None], Contract] = {}
    for number, row in rows:
        worker = _worker(row["Travailleur"], workers, problems, number, "A")
        member = members.get(_text(row["Membre"]).casefold()) or members.get(
            "".join(ch for ch in _text(row["Membre"]) if ch.isdigit())
            if vat.is_valid(_text(row["Membre"]))
            else ""
        )
        if member is None:
            problems.add(number, "B", "upload_unknown_member", value=_text(row["Membre"]))
        weekday = _text(row["Jour"]).casefold()
        if weekday not in WEEKDAYS:
            problems.add(number, "C", "upload_bad_weekday", value=_text(row["Jour"]))
        start, end = (
            _clock(row["Début"], problems, number, "D"),
            _clock(row["Fin"], problems, number, "E"),
        )
        if start and end and end <= start:
            problems.add(
                number, "E", "slot_ends_before_start", start=f"{start:%H:%M}", end=f"{end:%H:%M}"
            )
        first = _day(row["Du"], problems, number, "F")
        last = _day(row.get("Au"), problems, number, "G", required=False)
        if first and last and last < first:
            problems.add(number, "G", "ends_before_start")
        if not (
            worker and member and weekday in WEEKDAYS and start and end and first and end > start
        ):
            continue
        contract = session.scalars(
            select(Contract).where(
                Contract.worker_id == worker.id,
                Contract.starts_on <= first,
                (Contract.ends_on.is_(None)) | (Contract.ends_on >= first),
            )
        ).first()
        if contract is None:
            problems.add(number, "F", "upload_no_contract", day=first)
            continue
        key = (contract.id, member.id, first, last)
        contracts[key] = contract
        slots = groups[key]
        day_index = WEEKDAYS.index(weekday)
        for other_row, other_day, other_start, other_end in slots:
            if other_day == day_index and start < other_end and other_start < end:
                problems.add(
                    number,
                    "D",
                    "slots_overlap",
                    first=f"{other_start:%H:%M}–{other_end:%H:%M} (ligne {other_row})",
                    second=f"{start:%H:%M}–{end:%H:%M}",
                )
        slots.append((number, day_index, start, end))
    if not rows and not problems.found:
        problems.add(2, "", "upload_empty")
    if problems.found:
        raise InvalidInput({"rows": problems.found}, message_key="upload_refused")
    write.reaches(Reach.of(Period.union([Period(first, last) for (_c, _m, first, last) in groups])))
    created = []
    for (contract_id, member_id, first, last), slots in groups.items():
        assignment = Assignment(
            groupement_id=groupement_id,
            contract_id=contract_id,
            member_id=member_id,
            starts_on=first,
            ends_on=last,
            slots=[
                Slot(groupement_id=groupement_id, weekday=day, starts_at=start, ends_at=end)
                for _row, day, start, end in slots
            ],
        )
        session.add(assignment)
        created.append(assignment)
    session.flush()
    if created:
        write.about("assignments", created[0].id)
    return created


def import_payroll(write: UnitOfWork, data: bytes, filename: str) -> list[PayrollCost]:
    """Each row: a worker's month as the social secretariat costed it (replacing the
    figure already recorded for that worker and month)."""
    session, groupement_id = write.session, write.groupement_id
    problems = Problems("")
    rows = _rows(open_workbook(data, filename), PAYROLL_COLUMNS, problems)
    workers, _members = _by_name(session, groupement_id)
    parsed = []
    seen: dict[tuple[int, date], int] = {}
    for number, row in rows:
        worker = _worker(row["Travailleur"], workers, problems, number, "A")
        month = None
        period = row["Période"]
        text = f"{period:%Y-%m}" if isinstance(period, datetime | date) else _text(period)
        try:
            if not re.fullmatch(r"\d{4}-\d{2}", text):
                raise InvalidInput({})
            month = billing.parse_period(text)
        except InvalidInput:
            problems.add(number, "B", "invalid_period")
        amounts = [
            _amount(row[column], problems, number, letter)
            for column, letter in zip(PAYROLL_COLUMNS[2:], "CDEFG", strict=True)
        ]
        if worker and month:
            if (worker.id, month) in seen:
                problems.add(number, "A", "upload_duplicate_row", other=seen[(worker.id, month)])
            seen[(worker.id, month)] = number
        if worker and month and all(a is not None for a in amounts):
            parsed.append((worker, month, amounts))
    if not rows and not problems.found:
        problems.add(2, "", "upload_empty")
    if problems.found:
        raise InvalidInput({"rows": problems.found}, message_key="upload_refused")
    months = sorted({month for _w, month, _a in parsed})
    # Payroll costs move bills, not the working-time rules.
    write.reaches(Reach(None, Period(months[0], billing.month_bounds(months[-1])[1])))
    written = []
    for worker, month, (gross, contributions, holiday, year_end, other) in parsed:
        row = session.scalars(
            select(PayrollCost).where(
                PayrollCost.groupement_id == groupement_id,
                PayrollCost.worker_id == worker.id,
                PayrollCost.month == month,
            )
        ).one_or_none() or PayrollCost(
            groupement_id=groupement_id, worker_id=worker.id, month=month
        )
        row.gross, row.employer_contributions, row.holiday_provision = gross, contributions, holiday
        row.year_end_provision, row.other = year_end, other
        session.add(row)
        written.append(row)
    session.flush()
    return written


Importer = Callable[[UnitOfWork, bytes, str], list[Any]]


def run_import(
    groupement_id: int, importer: Importer, data: bytes, filename: str
) -> tuple[list[Any], list[Finding]]:
    """One upload through one importer, in one guarded write: all rows or none. Returns
    the rows written and the warnings they add."""
    with guarded_write(groupement_id) as write:
        written = importer(write, data, filename)
    return written, write.findings
