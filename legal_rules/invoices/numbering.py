"""INV-NUM-SEQ — a numbering series is continuous, unique and chronological.

An invoice carries « un numéro d'ordre, basé sur une ou plusieurs séries, qui identifie
la facture de façon unique » (arrêté royal n° 1, art. 5, §1, 2°), under which it is
entered in the sales journal. Mutua's series run per GE, series (F for invoices, NC for
credit notes) and year, from 1: no number missing, none given twice, and issue dates
that never go back as numbers go up. The counter's last number is part of it: a number
the counter gave with no document issued under it is a gap.

Checked at each issue on the numbers the issue gives (a gap or duplicate it would make
refuses it; an old one it did not make does not stand in its way), and in the
compliance report on every issued document of the series.
"""

from collections import Counter
from collections.abc import Collection
from datetime import date

from allocation.translations import N_

from ..model import Finding, Phrase, Rule, Severity, phrase
from .model import InvoiceBatch, NumberedDocument, SeriesFacts


def _span(first: int, last: int) -> Phrase:
    if first == last:
        return phrase(N_("INV-NUM-SEQ.missing_one"), first=first)
    return phrase(N_("INV-NUM-SEQ.missing_many"), first=first, last=last)


def _backwards(previous: NumberedDocument, document: NumberedDocument) -> Phrase:
    return phrase(
        N_("INV-NUM-SEQ.backwards"),
        number=document.number,
        date=document.issue_date,
        previous=previous.number,
        previous_date=previous.issue_date,
    )


def _finding(
    series: SeriesFacts,
    first: date,
    last: date,
    documents: list[NumberedDocument],
    problem: str,
    numbers: tuple[int, ...],
    what: Phrase,
) -> Finding:
    return RULE.finding(
        min(first, last),
        max(first, last),
        tuple(("invoice", d.document_id) for d in documents),
        series=series.series,
        year=series.year,
        problem=problem,
        numbers=numbers,
        what=what,
    )


def series_findings(series: SeriesFacts, new: Collection[int] | None = None) -> list[Finding]:
    """The breaks of one series; with ``new`` (document ids), only those they take part in."""

    def involves(*documents: NumberedDocument) -> bool:
        return new is None or any(d.document_id in new for d in documents)

    ordered = sorted(series.documents, key=lambda d: (d.number, d.issue_date, d.document_id))
    findings = []
    counts = Counter(d.number for d in ordered)
    for number, count in sorted(counts.items()):
        same = [d for d in ordered if d.number == number]
        if count > 1 and involves(*same):
            findings.append(
                _finding(
                    series,
                    same[0].issue_date,
                    same[-1].issue_date,
                    same,
                    "duplicate",
                    (number,),
                    phrase(N_("INV-NUM-SEQ.duplicate"), number=number, count=count),
                )
            )
    distinct = [d for i, d in enumerate(ordered) if i == 0 or d.number != ordered[i - 1].number]
    previous: NumberedDocument | None = None
    for document in distinct:
        expected = previous.number + 1 if previous else 1
        if document.number > expected and involves(document):
            findings.append(
                _finding(
                    series,
                    previous.issue_date if previous else document.issue_date,
                    document.issue_date,
                    [document],
                    "gap",
                    tuple(range(expected, document.number)),
                    _span(expected, document.number - 1),
                )
            )
        backwards = previous is not None and document.issue_date < previous.issue_date
        if backwards and previous is not None and involves(previous, document):
            findings.append(
                _finding(
                    series,
                    document.issue_date,
                    previous.issue_date,
                    [previous, document],
                    "date",
                    (previous.number, document.number),
                    _backwards(previous, document),
                )
            )
        previous = document
    highest = distinct[-1].number if distinct else 0
    if series.last_number is not None and series.last_number > highest:
        day = distinct[-1].issue_date if distinct else date(series.year, 1, 1)
        findings.append(
            _finding(
                series,
                day,
                day,
                distinct[-1:],
                "gap",
                tuple(range(highest + 1, series.last_number + 1)),
                _span(highest + 1, series.last_number),
            )
        )
    return findings


def check(batch: InvoiceBatch) -> list[Finding]:
    """The breaks the batch's documents take part in, in every series they are numbered in."""
    new = {document.id for document in batch.documents}
    return [finding for series in batch.series for finding in series_findings(series, new)]


RULE = Rule(
    id="INV-NUM-SEQ",
    severity=Severity.BLOCKING,
    reference=N_("INV-NUM-SEQ.reference"),
    message=N_("INV-NUM-SEQ"),
)
