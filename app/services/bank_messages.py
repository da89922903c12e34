"""The texts of a refused bank file, for the administrator who uploaded it.

``allocation.statements`` refuses a CODA or camt.053 file with a ``StatementError``: a
stable ``reason``, the ``line`` at fault (None when the fault is the whole file's) and the
facts the text names (``values``). Its text is ``bank_file.<reason>``
(``bank_file_message_id``), in French, Dutch and English, filled with the error's values
and its line: ``t(bank_file_message_id(error.reason), line=error.line, **values)``, each
amount written for the reader first (``allocation.formats``). The texts of the reasons
that come with a line start with it; ``bank_file.at_line`` places the line before a text
that has none.
"""

from ..i18n import N_

BANK_FILE_MESSAGES = (
    N_("bank_file.at_line"),
    N_("bank_file.bad_account"),
    N_("bank_file.bad_amount"),
    N_("bank_file.bad_date"),
    N_("bank_file.bad_record_type"),
    N_("bank_file.bad_sequence"),
    N_("bank_file.bad_value"),
    N_("bank_file.bad_xml"),
    N_("bank_file.balance_mismatch"),
    N_("bank_file.checksum"),
    N_("bank_file.empty"),
    N_("bank_file.incomplete"),
    N_("bank_file.missing_field"),
    N_("bank_file.not_eur"),
    N_("bank_file.record_too_long"),
    N_("bank_file.too_large"),
    N_("bank_file.truncated_record"),
    N_("bank_file.unexpected_record"),
    N_("bank_file.unknown_camt_version"),
    N_("bank_file.unknown_format"),
    N_("bank_file.xml_doctype"),
)


def bank_file_message_id(reason: str) -> str:
    return f"bank_file.{reason}"
