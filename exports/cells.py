"""Text that goes into a spreadsheet cell or a CSV field, made harmless.

A cell starting with ``=``, ``+``, ``-`` or ``@`` is read as a formula by spreadsheet
programs (CSV/formula injection): such text gets a leading apostrophe, which they show
as plain text. Numbers and dates are written as typed values, never as text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str | None) -> str:
    if value is None:
        return ""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
