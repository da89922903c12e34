"""Time a 100,000-row split-detail workbook, Mutua's own (``split_workbook``), against
the same rows written as CSV, by XlsxWriter alone (``write_row``, constant_memory) and by
openpyxl alone (write-only ``append``), in the same run; and measure the peak memory.

    .venv/bin/python bench/workbook_rows.py [--rows 100000] [--quick]

Prints the four times, the ratios Mutua/CSV, Mutua/bare XlsxWriter (target <= 1.5) and
Mutua/bare openpyxl, and the process's peak memory with what Mutua's workbook added to it
(target < 200 MB). Nothing is asserted.
"""

import argparse
import csv
import io
import resource
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exports.xlsx import SplitWorkbook, split_workbook

HEADER = ["Travailleur", "Membre", "Heures prestées", "Absences", "Heures", "Montant"]
Row = tuple[str, str, Decimal, Decimal, Decimal, Decimal]


def rows(count: int) -> list[Row]:
    return [
        (
            f"Travailleur {n % 10000}",
            f"Membre {n % 7}",
            Decimal(n % 160) / 4,
            Decimal(n % 12) / 4,
            Decimal(n % 172) / 4,
            Decimal(n % 500000) / 100,
        )
        for n in range(count)
    ]


def as_csv(detail: Sequence[Row]) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(detail)
    return output.getvalue().encode()


def bare_xlsxwriter(detail: Sequence[Row]) -> bytes:
    """The same rows through XlsxWriter alone: no format, no check, write_row."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    sheet = workbook.add_worksheet("Détail")
    sheet.write_row(0, 0, HEADER)
    for number, row in enumerate(detail, start=1):
        sheet.write_row(number, 0, row)
    workbook.close()
    return output.getvalue()


def bare_openpyxl(detail: Sequence[Row]) -> bytes:
    """The same rows through openpyxl alone: a write-only sheet, append."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Détail")
    sheet.append(HEADER)
    for row in detail:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def timed(write: Callable[[], bytes]) -> tuple[float, bytes]:
    started = time.perf_counter()
    data = write()
    return time.perf_counter() - started, data


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


QUICK_HELP = "a tiny size, to check the script still runs (CI); its figures mean little"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help=QUICK_HELP + " (1,000 rows)")
    arguments = parser.parse_args()
    count = 1000 if arguments.quick else arguments.rows
    detail = rows(count)
    data = SplitWorkbook(
        period="2026-05",
        members=[],
        detail=detail,
        days=[("T", "M", date(2026, 5, 1) + timedelta(days=d % 31), Decimal(4)) for d in range(10)],
    )
    # Mutua's first, so that what it adds to the peak is its own.
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    mutua, workbook = timed(lambda: split_workbook(data))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    flat, csv_bytes = timed(lambda: as_csv(detail))
    bare, bare_bytes = timed(lambda: bare_xlsxwriter(detail))
    other, other_bytes = timed(lambda: bare_openpyxl(detail))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{count} rows:")
    print(f"  Mutua (split_workbook)   {mutua:6.2f} s  ({mib(len(workbook))})")
    print(f"  CSV (csv module)         {flat:6.2f} s  ({mib(len(csv_bytes))})")
    print(f"  bare XlsxWriter write_row {bare:5.2f} s  ({mib(len(bare_bytes))})")
    print(f"  bare openpyxl append     {other:6.2f} s  ({mib(len(other_bytes))})")
    print(
        f"ratios: Mutua/CSV {mutua / flat:.1f}; Mutua/bare XlsxWriter {mutua / bare:.2f} "
        f"(target <= 1.5); Mutua/bare openpyxl {mutua / other:.2f}"
    )
    print(
        f"peak RSS {peak / 1024:.0f} MiB, of which Mutua's workbook added "
        f"{max(0, after - before) / 1024:.0f} MiB (target < 200 MB)"
    )


if __name__ == "__main__":
    main()
