"""LIAB-LEDGER, LIAB-ARREARS, LIAB-EXIT — the members' joint and several liability.

« Les membres du groupement d'employeurs sont solidairement responsables des dettes
fiscales et sociales à l'égard des tiers ainsi qu'à l'égard des travailleurs »
(loi du 12 août 2000, art. 186 s.; SPF ETCS). Each member answers for every debt born
while it was a member, even after it left (whether that survives the exit is not
settled: Mutua assumes it does and keeps the register).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .model import Euros, Finding, Rule, Severity

REFERENCE = {
    "fr": "Loi du 12 août 2000, art. 186 s. ; solidarité des membres (SPF ETCS)",
    "nl": "Wet van 12 augustus 2000, art. 186 e.v. ; hoofdelijkheid van de leden (FOD WASO)",
    "en": "Law of 12 August 2000, art. 186 ff.; joint liability of the members (FPS Employment)",
}


@dataclass(frozen=True)
class DebtFacts:
    id: int
    kind: str
    period_start: date
    period_end: date
    due_on: date
    outstanding: Decimal


@dataclass(frozen=True)
class Membership:
    member_id: int
    name: str
    joined_on: date
    left_on: date | None

    def answers_for(self, debt: DebtFacts) -> bool:
        """A member answers for a debt whose period meets its membership."""
        return self.joined_on <= debt.period_end and (
            self.left_on is None or self.left_on >= debt.period_start
        )


KIND_NAMES = {
    "onss": ("cotisations ONSS", "RSZ-bijdragen", "ONSS contributions"),
    "withholding_tax": ("précompte professionnel", "bedrijfsvoorheffing", "withholding tax"),
    "wages": ("salaires", "lonen", "wages"),
    "other": ("autre dette", "andere schuld", "other debt"),
}


def _ledger(as_of: date, debts: list[DebtFacts]) -> list[Finding]:
    total = sum((d.outstanding for d in debts), Decimal("0.00"))
    if not total:
        return []
    return [LEDGER.finding(as_of, as_of, (), date=as_of, amount=Euros(total))]


def _arrears(as_of: date, debts: list[DebtFacts]) -> list[Finding]:
    return [
        ARREARS.finding(
            debt.due_on,
            as_of,
            (("debt", debt.id),),
            due=debt.due_on,
            amount=Euros(debt.outstanding),
            fr=KIND_NAMES[debt.kind][0],
            nl=KIND_NAMES[debt.kind][1],
            en=KIND_NAMES[debt.kind][2],
        )
        for debt in debts
        if debt.outstanding > 0 and debt.due_on < as_of
    ]


def _exits(as_of: date, members: list[Membership], debts: list[DebtFacts]) -> list[Finding]:
    return [
        EXIT.finding(m.left_on, as_of, (("member", m.member_id),), member=m.name, date=m.left_on)
        for m in members
        if m.left_on is not None
        and m.left_on <= as_of
        and any(m.answers_for(d) and d.outstanding > 0 for d in debts)
    ]


def check(as_of: date, members: list[Membership], debts: list[DebtFacts]) -> list[Finding]:
    """The register's findings as of a day: the total owed, overdue debts, members gone."""
    return _ledger(as_of, debts) + _arrears(as_of, debts) + _exits(as_of, members, debts)


LEDGER = Rule(
    id="LIAB-LEDGER",
    severity=Severity.INFO,
    reference=REFERENCE,
    templates={
        "fr": "Dettes sociales et fiscales du groupement au {date} : {amount}. Tous les membres "
        "de la période en répondent solidairement.",
        "nl": "Sociale en fiscale schulden van de groepering op {date}: {amount}. Alle leden van "
        "de periode zijn er hoofdelijk voor aansprakelijk.",
        "en": "Social and fiscal debts of the groupement on {date}: {amount}. Every member of "
        "the period answers for them jointly.",
    },
)
ARREARS = Rule(
    id="LIAB-ARREARS",
    severity=Severity.WARNING,
    reference=REFERENCE,
    templates={
        "fr": "Dette échue depuis le {due} ({fr}, {amount} restant dus) : en cas de défaut du "
        "groupement, les membres en sont solidairement responsables.",
        "nl": "Schuld vervallen sinds {due} ({nl}, nog {amount} verschuldigd): als de groepering "
        "in gebreke blijft, zijn de leden er hoofdelijk voor aansprakelijk.",
        "en": "Debt overdue since {due} ({en}, {amount} still owed): should the groupement "
        "default, the members answer for it jointly.",
    },
)
EXIT = Rule(
    id="LIAB-EXIT",
    severity=Severity.INFO,
    reference=REFERENCE,
    templates={
        "fr": "Départ de {member} le {date} : sa responsabilité solidaire pour les dettes nées "
        "pendant son affiliation est conservée au registre.",
        "nl": "Vertrek van {member} op {date}: zijn hoofdelijke aansprakelijkheid voor de schulden "
        "ontstaan tijdens het lidmaatschap blijft in het register behouden.",
        "en": "{member} left on {date}: its joint liability for the debts born while it was a "
        "member is kept in the register.",
    },
)
LIABILITY_RULES = (LEDGER, ARREARS, EXIT)
