"""Schedules and payroll costs uploaded as workbooks: every cell checked first, then all
rows written in one transaction, or none.

What one import may hold and take is bounded (``Limits``; docs/architecture.md,
"Imports"). A workbook is a zip: before openpyxl opens it, its size, its entries' total
unpacked size and their compression ratio are checked, so a zip bomb is refused unopened.
Then, before any cell is read, each sheet's XML is measured as it streams: its declared
dimension, and every row and cell element, against the row and column limits, stopping at
the first one past them (a dimension can lie, or be missing, which makes openpyxl parse
the whole sheet to size it). The first sheet's rows are then read no wider than the
column limit, so no declared size can make openpyxl pad them. Formula cells are refused:
their cached values are whatever the last program to save the file left. Errors are all
counted, each problem once, and the first ``Limits.errors`` listed; reading and checking
stop when the time budget is spent.

Cells read from a workbook are numbers (floats), text, dates or times; a number becomes a
Decimal through its shortest decimal spelling (``repr``), the only place a float enters
Mutua, and is then held to the cent or the minute like any other input.
"""

import io
import re
import time as clock
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse
from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.be import vat

from allocation.money import MoneyError, to_money
from allocation.schedule import LONGEST_CYCLE, WeeklySlot, overlaps, same_cycle
from exports.templates import CYCLE_COLUMNS, PAYROLL_COLUMNS, SCHEDULE_COLUMNS, WEEKDAYS
from legal_rules import Finding

from ..errors import InvalidInput
from ..i18n import N_, t
from ..models import Assignment, Contract, Member, PayrollCost, Slot, Worker
from . import billing
from .compliance import Period
from .schedule import MIDNIGHT, cycle_of
from .writes import Reach, UnitOfWork, guarded_write

LARGEST_UPLOAD = 5 * 1024 * 1024  # the default of the IMPORT_MAX_BYTES setting
LARGEST_UNPACKED = 50 * 1024 * 1024
LARGEST_RATIO = 100  # unpacked / packed: ordinary workbooks stay far below
# The sheet's elements that openpyxl reads rows from (openpyxl.worksheet._reader).
DIMENSION_TAG, DATA_TAG, ROW_TAG, CELL_TAG = (
    f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("dimension", "sheetData", "row", "c")
)


@dataclass(frozen=True)
class Limits:
    """What one import may hold and take. The web page and the API read ``max_bytes``
    from the one setting, IMPORT_MAX_BYTES (``of``)."""

    max_bytes: int = LARGEST_UPLOAD
    rows: int = 5000  # data rows of the sheet, below its header row
    columns: int = 30
    errors: int = 200  # listed; every one is counted
    seconds: float = 20.0  # reading and checking, from the upload to the first write

    @classmethod
    def of(cls, config: Mapping[str, Any]) -> "Limits":
        return cls(max_bytes=int(config.get("IMPORT_MAX_BYTES", LARGEST_UPLOAD)))

    def megabytes(self) -> str:
        return f"{self.max_bytes / (1024 * 1024):g}"


def too_large(limits: Limits) -> str:
    """The refusal of an upload over the byte limit, in the caller's language."""
    return t("upload_too_large", limit=limits.megabytes())


class Budget:
    """The time an import may take to read and check its rows; spent, it refuses the
    file (nothing has been written by then)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = clock.monotonic() + seconds

    def check(self, row: int) -> None:
        if clock.monotonic() >= self.deadline:
            raise InvalidInput(
                {"file": [t("upload_too_slow", seconds=format(self.seconds, "g"), row=row)]}
            )


@dataclass
class Problems:
    """Errors by sheet, row and column, in the caller's language: all counted, the first
    ``cap`` (in row order) listed."""

    sheet: str
    cap: int = Limits.errors
    found: list[tuple[int, str, str, dict[str, Any]]] = field(default_factory=list)

    def add(self, row: int, column: str, key: str, **values: Any) -> None:
        self.found.append((row, column, key, values))

    def refuse_if_any(self) -> None:
        """Raise the refusal (422) when anything was found."""
        if not self.found:
            return
        first = sorted(self.found, key=lambda p: (p[0], len(p[1]), p[1]))[: self.cap]
        listed = [
            {"sheet": self.sheet, "row": row, "column": column, "message": t(key, **values)}
            for row, column, key, values in first
        ]
        raise InvalidInput(
            {"rows": listed, "count": len(self.found)}, message_key=N_("upload_refused")
        )


def _refusal(key: str, **values: Any) -> InvalidInput:
    return InvalidInput({"file": [t(key, **values)]})


def open_workbook(
    data: bytes, filename: str, limits: Limits = Limits(), budget: Budget | None = None
) -> tuple[Any, int]:
    """The upload as an openpyxl workbook (read-only, formulas kept as formulas) and the
    number of its first sheet's last row, once every sheet's size was checked; or a clear
    refusal (422)."""
    if not filename.lower().endswith(".xlsx") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise InvalidInput({"file": [N_("upload_not_xlsx")]})
    if len(data) > limits.max_bytes:
        raise InvalidInput({"file": [too_large(limits)]})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries) or 1
        if unpacked > LARGEST_UNPACKED or unpacked / packed > LARGEST_RATIO:
            raise InvalidInput({"file": [N_("upload_zip_bomb")]})
        if "xl/workbook.xml" not in {entry.filename for entry in entries}:
            raise InvalidInput({"file": [N_("upload_not_xlsx")]})
    budget = budget or Budget(limits.seconds)
    try:
        # load_workbook's own steps, with the sheets measured between the workbook's
        # list of sheets (where openpyxl will look for them) and the sheets themselves.
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
        reader.read_manifest()
        reader.read_workbook()
        last_rows = [
            _measure(reader.archive, sheet.name, rel.target, limits, budget)
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
        reader.read()
    except InvalidInput:
        raise
    except Exception as error:  # any reason openpyxl cannot read it is the user's answer
        raise InvalidInput({"file": [N_("upload_not_xlsx")]}) from error
    if not reader.wb.worksheets or not last_rows:
        raise InvalidInput({"file": [N_("upload_empty")]})
    return reader.wb, last_rows[0]


def _measure(
    archive: zipfile.ZipFile, sheet: str, part: str, limits: Limits, budget: Budget
) -> int:
    """Hold one sheet to the limits before any of its cells is read: its declared
    dimension, then every row and cell element it holds (even empty ones: openpyxl would
    pad the rows to them), stopping at the first past the limits and at the end of the
    sheet's data. Returns the number of its last row."""
    row = column = cells = 0
    with archive.open(part) as source:
        events = iterparse(source, events=("start", "end"))
        for seen, (event, element) in enumerate(events):
            if seen % 4096 == 0:
                budget.check(row)
            if event == "end":
                if element.tag == ROW_TAG:
                    element.clear()  # the cells of a row measured are let go
                elif element.tag == DATA_TAG:
                    break  # openpyxl reads no row past this
            elif element.tag == ROW_TAG:
                row = int(float(element.get("r") or row + 1))
                column = cells = 0
                if row > limits.rows + 1:
                    raise _refusal(
                        N_("upload_too_many_rows"), sheet=sheet, limit=limits.rows, row=row
                    )
            elif element.tag == CELL_TAG:
                reference, cells = element.get("r"), cells + 1
                column = coordinate_to_tuple(reference)[1] if reference else column + 1
                if column > limits.columns or cells > limits.columns:
                    raise _refusal(
                        N_("upload_too_many_columns"),
                        sheet=sheet,
                        limit=limits.columns,
                        last=get_column_letter(limits.columns),
                        cell=f"{get_column_letter(max(column, cells))}{row}",
                    )
            elif element.tag == DIMENSION_TAG:
                _declared(sheet, element.get("ref") or "", limits)
    return row


def _declared(sheet: str, dimension: str, limits: Limits) -> None:
    """Refuse a sheet whose declared dimension is beyond the limits."""
    _first_column, _first_row, columns, rows = range_boundaries(dimension)
    rows, columns = rows or 1, columns or 1
    if rows - 1 > limits.rows or columns > limits.columns:
        raise _refusal(
            N_("upload_sheet_too_big"),
            sheet=sheet,
            dimension=dimension,
            row=rows,
            column=get_column_letter(columns),
            max_rows=limits.rows,
            last_row=limits.rows + 1,
            max_columns=limits.columns,
            last_column=get_column_letter(limits.columns),
        )


def _stream(
    sheet: Any, last_row: int, limits: Limits, budget: Budget
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The sheet's rows (number, cells) down to its last row, each ``limits.columns + 1``
    cells wide, header first. The limits were checked on the sheet's XML; they are held
    again here, on what openpyxl yields."""
    sheet.reset_dimensions()  # checked; from here on the rows themselves count
    width = limits.columns + 1
    for number, cells in enumerate(sheet.iter_rows(max_col=width), start=1):
        budget.check(number)
        if number > limits.rows + 1:
            raise _refusal(
                N_("upload_too_many_rows"), sheet=sheet.title, limit=limits.rows, row=number
            )
        if cells[-1].value is not None:
            raise _refusal(
                N_("upload_too_many_columns"),
                sheet=sheet.title,
                limit=limits.columns,
                last=get_column_letter(limits.columns),
                cell=f"{get_column_letter(width)}{number}",
            )
        yield number, cells
        if number >= last_row:
            return  # what follows the rows (merges, validations…) is not parsed


def _rows(
    opened: tuple[Any, int],
    columns: tuple[str, ...],
    problems: Problems,
    limits: Limits,
    budget: Budget,
    optional: tuple[str, ...] = (),
) -> list[tuple[int, dict[str, Any]]]:
    workbook, last_row = opened
    try:
        return _read(workbook.worksheets[0], last_row, columns, problems, limits, budget, optional)
    finally:
        workbook.close()  # a read-only workbook holds its archive open until then


def _read(
    sheet: Any,
    last_row: int,
    columns: tuple[str, ...],
    problems: Problems,
    limits: Limits,
    budget: Budget,
    optional: tuple[str, ...] = (),
) -> list[tuple[int, dict[str, Any]]]:
    """The rows under a header that starts with ``columns``; the ``optional`` columns
    that follow it in their order are read too (empty when the sheet has them not: a
    workbook made from an older template still reads)."""
    problems.sheet = sheet.title
    rows = _stream(sheet, last_row, limits, budget)
    _number, first = next(rows, (1, ()))
    header = [_text(cell.value) for cell in first]
    if tuple(header[: len(columns)]) != columns:
        problems.add(1, "", N_("upload_bad_header"), expected=", ".join(columns))
        return []
    given = list(columns)
    for name in optional:
        if len(header) > len(given) and header[len(given)] == name:
            given.append(name)
    missing = dict.fromkeys(name for name in optional if name not in given)
    found = []
    for number, cells in rows:
        formulas = [(index, cell) for index, cell in enumerate(cells) if cell.data_type == "f"]
        for index, cell in formulas:
            problems.add(
                number,
                get_column_letter(index + 1),
                N_("upload_formula"),
                cell=f"{get_column_letter(index + 1)}{number}",
                formula=str(cell.value)[:80],
            )
        values = [cell.value for cell in cells[: len(given)]]
        if formulas or all(v is None or str(v).strip() == "" for v in values):
            continue  # a row with a formula is not read further: its values are not known
        found.append((number, dict(zip(given, values, strict=True)) | missing))
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
            N_("upload_unknown_worker") if not found else N_("upload_ambiguous_worker"),
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


def _clock(value: Any, problems: Problems, row: int, column: str, end: bool = False) -> time | None:
    """A time of day to the minute; as a slot's ``end``, "24:00" too (midnight)."""
    if isinstance(value, time):
        return value
    if isinstance(value, datetime):
        return value.time()
    text = _text(value)
    if end and text == MIDNIGHT:
        return time(0)
    try:
        parsed = time.fromisoformat(text if len(text) != 4 else f"0{text}")
        if parsed.second or parsed.microsecond:
            raise ValueError(text)
        return parsed
    except ValueError:
        problems.add(row, column, N_("upload_bad_time"), value=text)
        return None


def _amount(value: Any, problems: Problems, row: int, column: str) -> Decimal | None:
    try:
        text = repr(value) if isinstance(value, float) else _text(value).replace(",", ".")
        amount = to_money(Decimal(text))
    except (InvalidOperation, MoneyError):
        problems.add(row, column, N_("upload_bad_amount"), value=_text(value))
        return None
    if amount < 0:
        problems.add(row, column, "must_not_be_negative")
        return None
    return amount


def _member(value: Any, members: dict[str, Member]) -> Member | None:
    text = _text(value)
    found = members.get(text.casefold())
    if found is None and vat.is_valid(text):
        found = members.get("".join(ch for ch in text if ch.isdigit()))
    return found


class GroupKey(NamedTuple):
    """The rows that make one assignment: its contract, member, dates and cycle."""

    contract_id: int
    member_id: int
    first: date
    last: date | None
    cycle: int
    anchor: date


class SlotRow(NamedTuple):
    row: int
    weekday: int
    starts_at: time
    ends_at: time
    week: int


def _count(value: Any, problems: Problems, row: int, column: str, most: int) -> int | None:
    """A whole number from 1 to ``most``, 1 when the cell is empty."""
    text = _text(value)
    if text == "":
        return 1
    try:
        number = int(Decimal(text.replace(",", ".")))
        if number != Decimal(text.replace(",", ".")) or not 1 <= number <= most:
            raise ValueError(text)
    except (InvalidOperation, ValueError):
        problems.add(row, column, N_("upload_bad_week"), value=text, most=most)
        return None
    return number


def _overlaps(groups: Mapping[GroupKey, list[SlotRow]], problems: Problems, budget: Budget) -> None:
    """Slots of one assignment that overlap, each row reported once, against the
    earlier-starting slot it overlaps that ends last: the cycle's slots sorted by their
    start from its first Monday 00:00, a slot past midnight meeting the next day's, and
    one past the cycle's last Sunday midnight its first slot (the cycle repeats)."""
    for key, slots in groups.items():
        budget.check(slots[0].row)
        cycle = [WeeklySlot(s.weekday, s.starts_at, s.ends_at, s.week) for s in slots]
        for earlier, later in overlaps(cycle, key.cycle):
            row, start, end = slots[later].row, slots[later].starts_at, slots[later].ends_at
            other = slots[earlier]
            problems.add(
                row,
                "D",
                N_("upload_slots_overlap"),
                other=other.row,
                first=f"{other.starts_at:%H:%M}–{other.ends_at:%H:%M}",
                second=f"{start:%H:%M}–{end:%H:%M}",
            )


def _same_cycles(
    session: Session, groups: Mapping[GroupKey, list[SlotRow]], problems: Problems
) -> None:
    """Refuse, on its first row, an assignment whose cycle is not that of another of the
    same contract at the same dates, in the sheet or already recorded: a different
    length, or a week 1 on other weeks."""
    keys = sorted(groups, key=lambda k: groups[k][0].row)
    recorded = session.scalars(
        select(Assignment).where(Assignment.contract_id.in_({k.contract_id for k in keys}))
    ).all()
    others: list[tuple[int, date, date | None, int, date, int | None]] = [
        (a.contract_id, a.starts_on, a.ends_on, *cycle_of(a), None) for a in recorded
    ]
    for key in keys:
        row = groups[key][0].row
        for contract, first, last, weeks, anchor, other_row in others:
            meet = (last is None or key.first <= last) and (key.last is None or first <= key.last)
            if (
                contract == key.contract_id
                and meet
                and not same_cycle(key.cycle, key.anchor, weeks, anchor)
            ):
                if other_row is None:
                    problems.add(row, "I", N_("upload_cycle_recorded"))
                else:
                    problems.add(row, "I", N_("upload_cycle_differs"), other=other_row)
                break
        others.append((key.contract_id, key.first, key.last, key.cycle, key.anchor, row))


def import_schedules(
    write: UnitOfWork, data: bytes, filename: str, limits: Limits = Limits()
) -> list[Assignment]:
    """Each (worker, member, from, to) of the sheet becomes an assignment with its slots:
    all of them or, at the first problem, none (every problem counted)."""
    budget = Budget(limits.seconds)
    session, groupement_id = write.session, write.groupement_id
    problems = Problems("", limits.errors)
    opened = open_workbook(data, filename, limits, budget)
    rows = _rows(opened, SCHEDULE_COLUMNS, problems, limits, budget, CYCLE_COLUMNS)
    workers, members = _by_name(session, groupement_id)
    # (contract, member, from, to, weeks in the cycle, a day of its week 1) -> its slots
    groups: dict[GroupKey, list[SlotRow]] = defaultdict(list)
    contracts: dict[tuple[int, date], Contract | None] = {}
    for number, row in rows:
        budget.check(number)
        worker = _worker(row["Travailleur"], workers, problems, number, "A")
        member = _member(row["Membre"], members)
        if member is None:
            problems.add(number, "B", N_("upload_unknown_member"), value=_text(row["Membre"]))
        weekday = _text(row["Jour"]).casefold()
        if weekday not in WEEKDAYS:
            problems.add(number, "C", N_("upload_bad_weekday"), value=_text(row["Jour"]))
        start, end = (
            _clock(row["Début"], problems, number, "D"),
            _clock(row["Fin"], problems, number, "E", end=True),
        )
        # An end before the start is the next day (22:00-06:00), as on the schedule page;
        # an end equal to the start has no length.
        if start and end and end == start:
            problems.add(number, "E", N_("slot_without_length"), start=f"{start:%H:%M}")
        first = _day(row["Du"], problems, number, "F")
        last = _day(row["Au"], problems, number, "G", required=False)
        if first and last and last < first:
            problems.add(number, "G", N_("ends_before_start"))
        cycle = _count(row["Cycle (semaines)"], problems, number, "I", LONGEST_CYCLE)
        week = _count(row["Semaine du cycle"], problems, number, "H", cycle or LONGEST_CYCLE)
        anchor = _day(row["Semaine 1 le"], problems, number, "J", required=False) or first
        if not (
            worker
            and member
            and weekday in WEEKDAYS
            and start
            and end
            and first
            and end != start
            and cycle
            and week
            and anchor
        ):
            continue
        if (worker.id, first) not in contracts:
            contracts[(worker.id, first)] = session.scalars(
                select(Contract).where(
                    Contract.worker_id == worker.id,
                    Contract.starts_on <= first,
                    (Contract.ends_on.is_(None)) | (Contract.ends_on >= first),
                )
            ).first()
        contract = contracts[(worker.id, first)]
        if contract is None:
            problems.add(number, "F", N_("upload_no_contract"), day=first)
            continue
        groups[GroupKey(contract.id, member.id, first, last, cycle, anchor)].append(
            SlotRow(number, WEEKDAYS.index(weekday), start, end, week)
        )
    _overlaps(groups, problems, budget)
    _same_cycles(session, groups, problems)
    if not rows and not problems.found:
        problems.add(2, "", N_("upload_empty"))
    problems.refuse_if_any()
    write.reaches(Reach.of(Period.union([Period(key.first, key.last) for key in groups])))
    created = []
    for key, slots in groups.items():
        assignment = Assignment(
            groupement_id=groupement_id,
            contract_id=key.contract_id,
            member_id=key.member_id,
            starts_on=key.first,
            ends_on=key.last,
            cycle_weeks=key.cycle,
            cycle_anchor=key.anchor if key.cycle > 1 else None,
            slots=[
                Slot(
                    groupement_id=groupement_id,
                    weekday=slot.weekday,
                    starts_at=slot.starts_at,
                    ends_at=slot.ends_at,
                    week=slot.week,
                )
                for slot in slots
            ],
        )
        session.add(assignment)
        created.append(assignment)
    session.flush()
    if created:
        write.about("assignments", created[0].id)
    return created


def import_payroll(
    write: UnitOfWork, data: bytes, filename: str, limits: Limits = Limits()
) -> list[PayrollCost]:
    """Each row: a worker's month as the social secretariat costed it (replacing the
    figure already recorded for that worker and month)."""
    budget = Budget(limits.seconds)
    session, groupement_id = write.session, write.groupement_id
    problems = Problems("", limits.errors)
    opened = open_workbook(data, filename, limits, budget)
    rows = _rows(opened, PAYROLL_COLUMNS, problems, limits, budget)
    workers, _members = _by_name(session, groupement_id)
    parsed = []
    seen: dict[tuple[int, date], int] = {}
    for number, row in rows:
        budget.check(number)
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
                # Reported against the first row of that worker and month, once per row.
                problems.add(
                    number, "A", N_("upload_duplicate_row"), other=seen[(worker.id, month)]
                )
            else:
                seen[(worker.id, month)] = number
        if worker and month and all(a is not None for a in amounts):
            parsed.append((worker, month, amounts))
    if not rows and not problems.found:
        problems.add(2, "", N_("upload_empty"))
    problems.refuse_if_any()
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


Importer = Callable[[UnitOfWork, bytes, str, Limits], list[Any]]


def run_import(
    groupement_id: int,
    importer: Importer,
    data: bytes,
    filename: str,
    limits: Limits = Limits(),
) -> tuple[list[Any], list[Finding]]:
    """One upload through one importer, in one guarded write: all rows or none. Returns
    the rows written and the warnings they add."""
    with guarded_write(groupement_id) as write:
        written = importer(write, data, filename, limits)
    return written, write.findings
