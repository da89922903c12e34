"""Blank workbooks to fill in and upload: schedules and payroll costs."""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .cells import CellValue, append_row
from .xlsx import finish_sheet

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
SCHEDULE_COLUMNS = ("Travailleur", "Membre", "Jour", "Début", "Fin", "Du", "Au")
# Optional, after those: a rotating schedule's week of the cycle and its length in weeks
# (both 1 when empty or absent), and a day of the cycle's week 1 (empty: the "Du" day).
CYCLE_COLUMNS = ("Semaine du cycle", "Cycle (semaines)", "Semaine 1 le")
PAYROLL_COLUMNS = (
    "Travailleur",
    "Période",
    "Brut",
    "Cotisations patronales",
    "Provision pécule de vacances",
    "Provision prime de fin d'année",
    "Autres",
)


def _book(
    title: str, columns: tuple[str, ...], example: list[CellValue]
) -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    # A new workbook holds one empty sheet, and it is a plain Worksheet.
    sheet = workbook.worksheets[0]
    if not isinstance(sheet, Worksheet):
        raise TypeError(f"unexpected first sheet {sheet!r}")
    sheet.title = title
    append_row(sheet, columns, header=True)
    append_row(sheet, example)
    finish_sheet(sheet)
    return workbook, sheet


def schedule_template() -> bytes:
    """One row per weekly slot: worker (last and first name), member (name or enterprise
    number), weekday, start and end (HH:MM; an end before the start is the next day),
    from (date), to (date, optional), and for a rotating schedule the slot's week of the
    cycle, the cycle's length in weeks (optional, 1 to 8) and a day of its week 1
    (optional: the "from" day)."""
    workbook, sheet = _book(
        "Horaires",
        SCHEDULE_COLUMNS + CYCLE_COLUMNS,
        [
            "Lambert Sophie",
            "Maison de Quartier des Marolles ASBL",
            "lundi",
            "08:30",
            "12:30",
            "2026-09-01",
            None,
            1,
            1,
            None,
        ],
    )
    days = DataValidation(type="list", formula1=f'"{",".join(WEEKDAYS)}"', allow_blank=False)
    sheet.add_data_validation(days)
    days.add("C2:C1000")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def payroll_template() -> bytes:
    """One row per worker and month: amounts in euros with two decimals at most."""
    workbook, _sheet = _book(
        "Coûts salariaux",
        PAYROLL_COLUMNS,
        [
            "Lambert Sophie",
            "2026-05",
            Decimal("3450.00"),
            Decimal("1117.80"),
            Decimal("627.90"),
            Decimal("287.39"),
            Decimal("0.00"),
        ],
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
