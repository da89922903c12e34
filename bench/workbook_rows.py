"""Time a 100,000-row split-detail workbook against writing the same rows as CSV, in the
same run, and measure the workbook's peak memory.

    .venv/bin/python bench/workbook_rows.py [--rows 100000]

Prints both times, their ratio (target <= 4) and the process's peak memory, with what
the workbook added to it (target < 200 MB). Nothing is asserted.
"""

import argparse
import csv
import io
import resource
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exports.xlsx import SplitWorkbook, split_workbook


def rows(count: int) -> list[tuple[str, str, Decimal, Decimal, Decimal, Decimal]]:
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


def as_csv(detail: list[tuple[object, ...]]) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow(["Travailleur", "Membre", "Heures prestées", "Absences", "Heures", "Montant"])
    writer.writerows(detail)
    return output.getvalue().encode()


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
    started = time.perf_counter()
    csv_bytes = as_csv(detail)
    csv_time = time.perf_counter() - started
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    workbook = split_workbook(data)
    xlsx_time = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    grown = max(0, peak - before) * 1024
    print(
        f"{count} rows: CSV {csv_time:.2f} s ({len(csv_bytes) / 2**20:.1f} MiB), "
        f"XLSX {xlsx_time:.2f} s ({len(workbook) / 2**20:.1f} MiB)"
    )
    print(
        f"ratio: {xlsx_time / csv_time:.1f} (target <= 4); "
        f"peak RSS {peak / 1024:.0f} MiB, of which the workbook added {grown / 2**20:.0f} MiB "
        "(target < 200 MB)"
    )


if __name__ == "__main__":
    main()
