"""BILL-SPLIT-100 and BILL-CREDIT — what a month's billing must reconcile.

A worker's cost for a month is shared among the members to 100 %: a cost that no hour
can carry (a month without planned hours, a whole month of absence under the loaded
rate, overhead with nobody's hours to follow) would be lost from the invoices; the run
is refused until the schedule or the policy carries it. A complement that bills less
than was issued needs a credit note: the run says so.
"""

from .model import Rule, Severity

BILL_SPLIT_100 = Rule(
    id="BILL-SPLIT-100",
    severity=Severity.BLOCKING,
    reference={
        "fr": "Règlement d'ordre intérieur ; Code TVA, art. 44, §2bis (remboursement exact)",
        "nl": "Huishoudelijk reglement ; Btw-wetboek, art. 44, §2bis (exacte terugbetaling)",
        "en": "Internal rules; VAT Code, art. 44, §2bis (exact reimbursement)",
    },
    templates={
        "fr": "La répartition de {subject} pour {period} ne totalise pas 100 % : {amount} ne "
        "peuvent être portés par aucune heure (horaire ou règle des absences à revoir).",
        "nl": "De verdeling van {subject} voor {period} komt niet op 100 %: {amount} kan door geen "
        "enkel uur gedragen worden (uurrooster of afwezigheidsregel nakijken).",
        "en": "The split of {subject} for {period} does not reach 100 %: {amount} cannot be "
        "carried by any hour (review the schedule or the absence policy).",
    },
)
BILL_CREDIT = Rule(
    id="BILL-CREDIT",
    severity=Severity.WARNING,
    reference={
        "fr": "AR n° 1, art. 5 ; Code TVA, art. 53, §2",
        "nl": "KB nr. 1, art. 5 ; Btw-wetboek, art. 53, §2",
        "en": "Royal Decree no. 1, art. 5; VAT Code, art. 53, §2",
    },
    templates={
        "fr": "Le mois {period} recalculé facture {amount} de moins à {member} : émettez une "
        "note de crédit.",
        "nl": "De herberekende maand {period} factureert {amount} minder aan {member}: maak een "
        "creditnota op.",
        "en": "Recomputed, {period} bills {member} {amount} less: issue a credit note.",
    },
)
