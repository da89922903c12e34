"""LibreOffice headless opens Mutua's workbooks: the one way the tests ask it."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# A test that needs it runs wherever it is, and in CI always (.ci/run installs it).
needs_libreoffice = pytest.mark.skipif(
    not SOFFICE and os.environ.get("CI") != "true",
    reason="LibreOffice is installed by .ci/run; missing here",
)


def _convert(books: dict[str, bytes], folder: Path, target: str, timeout: int) -> str:
    """Each workbook written under ``folder`` and converted by LibreOffice headless into
    ``folder / "out"``; its standard output."""
    assert SOFFICE, "CI must have LibreOffice (libreoffice-calc)"
    for name, data in books.items():
        (folder / name).write_bytes(data)
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder / "out"),
            *[str(folder / name) for name in books],
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def first_sheets_as_csv(books: dict[str, bytes], folder: Path) -> dict[str, str]:
    """Each workbook written under ``folder`` and converted by LibreOffice headless; the
    text of its first sheet as LibreOffice read it, by name."""
    said = _convert(books, folder, "csv", timeout=180)
    found = {}
    for name in books:
        converted = folder / "out" / (Path(name).stem + ".csv")
        assert converted.exists() and converted.stat().st_size > 0, (name, said)
        found[name] = converted.read_text(encoding="utf-8", errors="replace")
    return found


# LibreOffice's CSV filter: comma, double quote, UTF-8, from row 1, cells as stored (not
# as shown), and its last token -1: every sheet to its own file, "<book>-<sheet>.csv".
EVERY_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def every_sheet_as_csv(books: dict[str, bytes], folder: Path) -> dict[str, dict[str, str]]:
    """Each workbook written under ``folder`` and converted by LibreOffice headless, every
    sheet of it: by workbook, the text of each sheet as LibreOffice read it, by sheet name."""
    _convert(books, folder, EVERY_SHEET, timeout=300)
    found: dict[str, dict[str, str]] = {}
    for name in books:
        prefix = Path(name).stem + "-"
        found[name] = {
            path.stem.removeprefix(prefix): path.read_text(encoding="utf-8", errors="replace")
            for path in (folder / "out").glob(f"{prefix}*.csv")
        }
    return found
