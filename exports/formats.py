"""What the documents say, in French, Dutch and English.

The texts are the ``exports`` gettext domain (``exports/translations/<language>/
LC_MESSAGES/exports.po``, compiled to ``.mo``; ``docs/translating.md``), read through
``allocation.translations`` like every package's. Figures, money, hours and dates are
written by the one formatter, ``allocation.formats``.
"""

import re
from decimal import Decimal
from pathlib import Path

from allocation import formats
from allocation.translations import LANGUAGES, N_, catalogue

PACKAGE = Path(__file__).resolve().parent
# A party's legal form (the stored value of ``LegalForm`` / ``GroupementLegalForm``) as a
# document prints it; "other" names no form, so nothing is printed for it.
LEGAL_FORMS = {
    "ASBL": N_("legal_form.ASBL"),
    "AISBL": N_("legal_form.AISBL"),
    "SNC": N_("legal_form.SNC"),
    "SRL": N_("legal_form.SRL"),
    "SA": N_("legal_form.SA"),
    "SC": N_("legal_form.SC"),
    "fondation": N_("legal_form.fondation"),
    "public": N_("legal_form.public"),
}


# The absence policies' names, as the invoices and the split workbook's parameters say them.
ABSENCE_POLICIES = {
    "pro_rata": N_("pro_rata"),
    "slot": N_("slot"),
    "loaded_rate": N_("loaded_rate"),
}


def t(message_id: str, language: str, **values: object) -> str:
    """A text of the documents in a language (French for any other), its ``{names}``
    filled in."""
    known = language if language in LANGUAGES else formats.DEFAULT_LANGUAGE
    text = catalogue(PACKAGE, known).gettext(message_id)
    return text.format(**values) if values else text


def legal_form(form: str, language: str) -> str:
    """A legal form's label in a language ("vzw", "ASBL", "non-profit association
    (ASBL/VZW)"); empty for a form without one ("other", a blank or unknown value)."""
    message_id = LEGAL_FORMS.get(form)
    return t(message_id, language) if message_id else ""


def _words(text: str) -> str:
    """Lower case, without dots (« a.s.b.l. » is « asbl »), trailing signs or doubled
    spaces: how a name's ending is compared with a legal form."""
    text = re.sub(r"\s+", " ", text.casefold().replace(".", ""))
    return re.sub(r"[\W_]+$", "", text).strip()


def named_with_form(name: str, form: str, language: str) -> str:
    """A party's name followed by its legal form in ``language`` ("Buurthuis (vzw)",
    "Buurthuis, non-profit association (ASBL/VZW)"),
    unless the name already ends with that form in any language Mutua speaks, or with
    its stored value ("… ASBL", "… vzw", "… a.s.b.l.", whatever the case)."""
    label = legal_form(form, language)
    if not label:
        return name
    spellings = {_words(form)} | {_words(legal_form(form, other)) for other in LANGUAGES}
    ending = _words(name)
    for spelling in filter(None, spellings):
        if ending == spelling or re.search(rf"(^|\W){re.escape(spelling)}$", ending):
            return name
    return t("name_with_form", language, name=name, form=label)


def line_description(
    kind: str, worker: str | None, worked: Decimal, absence: Decimal, language: str
) -> str:
    """An invoice line's description: the management fee, the overhead, or a worker's
    line (who was provided, hours worked and of paid absence)."""
    if kind == "fee":
        return t("line.fee", language)
    if kind == "overhead":
        return t("line.overhead", language)
    return t(
        "line.staff",
        language,
        worker=worker or "?",
        worked=formats.number(worked, language),
        absence=formats.number(absence, language),
    )


def complement_line(period: str, line: str, language: str) -> str:
    """A complement's line: what the month bills beyond the issued invoices."""
    return t("line.complement", language, period=period, line=line)


def correction_line(reference: str, line: str, language: str) -> str:
    """A credit note's line, naming the invoice it corrects."""
    return t("line.correction", language, reference=reference, line=line)
