"""Text that goes into a spreadsheet cell or a CSV field, made harmless.

A cell starting with ``=``, ``+``, ``-`` or ``@`` is read as a formula by spreadsheet
programs (CSV/formula injection): such text gets a leading apostrophe, which they show
as plain text. Numbers and dates are written as typed values, never as text.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters no XLSX may hold (nor a sensible CSV): dropped, should any reach a writer.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_text(value: str | None) -> str:
    if value is None:
        return ""
    value = CONTROL_CHARACTERS.sub("", value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
