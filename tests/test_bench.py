"""Every benchmark still runs: each script of bench/ at its tiny size (``--quick``), so a
change that breaks one fails here. Its figures are printed for whoever reads the log;
none is asserted (timings are read by people, never by tests)."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
SCRIPTS = sorted(path.name for path in BENCH.glob("*.py"))


def test_every_script_is_tried() -> None:
    assert SCRIPTS == [
        "billing_month.py",
        "import_limits.py",
        "legal_rules_year.py",
        "pages.py",
        "workbook_rows.py",
    ]


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_benchmark_runs_at_its_tiny_size(script: str) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH / script), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=BENCH.parent,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip(), "a benchmark prints its figures"
