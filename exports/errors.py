"""The one shape of a writer's refusal, for the app to say in its reader's language.

A writer that cannot write its file (a SEPA file a bank would refuse, a receipt whose
allocations exceed it) raises an ``ExportError``: a reason ``code`` the app maps to a
message, and the ``values`` that message names (an IBAN, an invoice's reference, a
validator's text), all text. It is a ``ValueError``: the input is what is wrong.
"""

from collections.abc import Mapping


class ExportError(ValueError):
    def __init__(self, code: str, **values: str) -> None:
        super().__init__(code, values)
        self.code = code
        self.values: Mapping[str, str] = values

    def __str__(self) -> str:
        details = ", ".join(f"{name}={value!r}" for name, value in self.values.items())
        return f"{self.code} ({details})" if details else self.code
