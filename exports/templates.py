"""Blank workbooks to fill in and upload: schedules and payroll costs."""

from decimal import Decimal

from .cells import Book

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


def schedule_template() -> bytes:
    """One row per weekly slot: worker (last and first name), member (name or enterprise
    number), weekday, start and end (HH:MM; an end before the start is the next day),
    from (date), to (date, optional), and for a rotating schedule the slot's week of the
    cycle, the cycle's length in weeks (optional, 1 to 8) and a day of its week 1
    (optional: the "from" day)."""
    with Book() as book:
        _schedule_sheet(book)
    return book.data


def _schedule_sheet(book: Book) -> None:
    # One sheet a template: its columns as a bold, frozen, filtered header, an example row.
    sheet = book.sheet(
        "Horaires",
        SCHEDULE_COLUMNS + CYCLE_COLUMNS,
        [
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
            ]
        ],
    )
    sheet.choose_from("C2:C1000", WEEKDAYS)


def payroll_template() -> bytes:
    """One row per worker and month: amounts in euros with two decimals at most."""
    with Book() as book:
        book.sheet(
            "Coûts salariaux",
            PAYROLL_COLUMNS,
            [
                [
                    "Lambert Sophie",
                    "2026-05",
                    Decimal("3450.00"),
                    Decimal("1117.80"),
                    Decimal("627.90"),
                    Decimal("287.39"),
                    Decimal("0.00"),
                ]
            ],
        )
    return book.data
