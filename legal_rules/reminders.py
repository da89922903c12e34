"""Reminders: what the daily sweep tells a GE before it becomes a breach.

Each function reads plain facts and a day and returns findings, like the rules; the
scheduler's sweep (``app/jobs``) turns them into notifications.

- CONTRACT-END: a contract ends within the GE's notice (30 days by default): renew,
  replace, or let the members know their hours stop.
- GE-CAP-ALERT: the headcount reaches the GE's alert threshold (90 % of the cap by
  default) within the notice; GE-CAP-50-ALERT: it is above the cap, and « l'autorisation
  prend fin automatiquement » three months later (loi du 12 août 2000, mod. 2017).
- GE-REPORT-01: the annual activity report for last year is not recorded as sent to the
  SPF ETCS (loi du 12 août 2000, mod. loi du 5 mars 2017): an INFO 60 days before the
  GE's due day, a WARNING after it. The law found sets no date: the GE sets it.
- INV-DEADLINE: a month's invoice is due by the 15th of the next month (AR n° 1, art. 4
  §1): a reminder from the 10th while the month is not issued, a warning after the 15th.
"""

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from .model import ContractFacts, Finding, Rule, Severity
from .periods import Segment
from .references import GE_CAP

REPORT_NOTICE = timedelta(days=60)
INVOICE_REMINDER_DAY = 10
INVOICE_DEADLINE_DAY = 15


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def contracts_ending(
    today: date, contracts: Iterable[ContractFacts], notice_days: int
) -> list[Finding]:
    horizon = today + timedelta(days=notice_days)
    return [
        CONTRACT_END.finding(
            c.ends_on,
            c.ends_on,
            (("contract", c.id), ("worker", c.worker_id)),
            worker=c.worker_name,
            date=c.ends_on,
            days=(c.ends_on - today).days,
        )
        for c in sorted(contracts, key=lambda c: (c.ends_on or date.max, c.id))
        if c.ends_on is not None and today <= c.ends_on <= horizon
    ]


def alert_threshold(cap: int, percent: int) -> int:
    """``percent`` of the cap, rounded up, in whole workers (45 for 90 % of 50)."""
    return -(-cap * percent // 100)


def headcount(today: date, segments: list[Segment], cap: int, percent: int) -> list[Finding]:
    """Segments from some months back to the notice ahead: above the cap since when (and
    the authorisation's end), else the peak from today if it reaches the alert."""
    over = [s for s in segments if s.value > cap]
    if over:
        # The cap's clock starts on the first day of the run of days above it that is
        # still going on (or coming); an earlier, closed run is history.
        current = [s for s in over if s.last >= today]
        if current:
            since = current[0].first
            for segment in reversed([s for s in segments if s.last < current[0].first]):
                if segment.value <= cap:
                    break
                since = segment.first
            top = max(s.value for s in over if s.last >= since)
            return [
                CAP_EXCEEDED.finding(
                    since, since, (), count=top, cap=cap, date=since, end=add_months(since, 3)
                )
            ]
    ahead = [s for s in segments if s.last >= today]
    threshold = alert_threshold(cap, percent)
    near = [s for s in ahead if s.value >= threshold]
    if not near:
        return []
    top = max(s.value for s in near)
    first = max(today, near[0].first)
    return [CAP_ALERT.finding(first, first, (), count=top, cap=cap, percent=percent, date=first)]


def annual_report(
    today: date, last_year_reported: int | None, due_month: int, due_day: int, active: bool
) -> list[Finding]:
    """``active``: the GE employed someone last year (a report is owed for it)."""
    year = today.year - 1
    if not active or (last_year_reported is not None and last_year_reported >= year):
        return []
    due = date(today.year, due_month, min(due_day, calendar.monthrange(today.year, due_month)[1]))
    if today > due:
        return [REPORT_LATE.finding(due, due, (), year=year, date=due)]
    if today >= due - REPORT_NOTICE:
        return [REPORT_SOON.finding(due, due, (), year=year, date=due)]
    return []


def invoice_deadline(today: date, issued: bool, billable: bool) -> list[Finding]:
    """Last month, from the 10th of this one: not yet issued though it has work to bill."""
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    if issued or not billable or today.day < INVOICE_REMINDER_DAY:
        return []
    deadline = today.replace(day=INVOICE_DEADLINE_DAY)
    rule = INVOICE_LATE if today > deadline else INVOICE_DUE
    return [rule.finding(month, month, (), period=f"{month:%m/%Y}", date=deadline)]


CONTRACT_END = Rule(
    id="CONTRACT-END",
    severity=Severity.INFO,
    reference={
        "fr": "Loi du 3 juillet 1978 relative aux contrats de travail",
        "nl": "Wet van 3 juli 1978 betreffende de arbeidsovereenkomsten",
        "en": "Employment Contracts Act of 3 July 1978",
    },
    templates={
        "fr": "Le contrat de {worker} prend fin le {date} (dans {days} jours) : renouvelez-le, "
        "remplacez-le ou prévenez les membres.",
        "nl": "De overeenkomst van {worker} eindigt op {date} (over {days} dagen): verleng ze, "
        "vervang ze of verwittig de leden.",
        "en": "{worker}'s contract ends on {date} (in {days} days): renew it, replace it or tell "
        "the members.",
    },
)
CAP_ALERT = Rule(
    id="GE-CAP-ALERT",
    severity=Severity.WARNING,
    reference=GE_CAP,
    templates={
        "fr": "L'effectif atteindra {count} travailleurs sur {cap} autorisés à partir du {date} "
        "(seuil d'alerte : {percent} % du plafond).",
        "nl": "Het personeelsbestand bereikt {count} van de {cap} toegelaten werknemers vanaf "
        "{date} (waarschuwingsdrempel: {percent} % van het maximum).",
        "en": "The headcount reaches {count} of the {cap} workers allowed from {date} (alert "
        "threshold: {percent} % of the cap).",
    },
)
CAP_EXCEEDED = Rule(
    id="GE-CAP-50-ALERT",
    severity=Severity.BLOCKING,
    reference=GE_CAP,
    templates={
        "fr": "Plafond de {cap} travailleurs dépassé depuis le {date} ({count}) : l'autorisation "
        "prend fin automatiquement le {end} si la situation n'est pas régularisée.",
        "nl": "Maximum van {cap} werknemers overschreden sinds {date} ({count}): de toelating "
        "vervalt automatisch op {end} als de toestand niet geregulariseerd wordt.",
        "en": "Cap of {cap} workers exceeded since {date} ({count}): the authorisation ends "
        "automatically on {end} unless the situation is regularised.",
    },
)
_REPORT_REFERENCE = {
    "fr": "Loi du 12 août 2000, art. 186 s., modifiée par la loi du 5 mars 2017 (rapport annuel)",
    "nl": "Wet van 12 augustus 2000, art. 186 e.v., gewijzigd bij de wet van 5 maart 2017 "
    "(jaarverslag)",
    "en": "Law of 12 August 2000, art. 186 ff., as amended by the Law of 5 March 2017 "
    "(annual report)",
}
REPORT_SOON = Rule(
    id="GE-REPORT-01",
    severity=Severity.INFO,
    reference=_REPORT_REFERENCE,
    templates={
        "fr": "Le rapport d'activité annuel {year} est à transmettre au SPF Emploi avant le "
        "{date}.",
        "nl": "Het jaarlijkse activiteitenverslag {year} moet vóór {date} naar de FOD WASO.",
        "en": "The {year} annual activity report is due to the FPS Employment by {date}.",
    },
)
REPORT_LATE = Rule(
    id="GE-REPORT-01",
    severity=Severity.WARNING,
    reference=_REPORT_REFERENCE,
    templates={
        "fr": "Le rapport d'activité annuel {year} n'a pas été transmis au SPF Emploi (échéance "
        "du {date}) : risque de retrait de l'autorisation.",
        "nl": "Het jaarlijkse activiteitenverslag {year} werd niet aan de FOD WASO bezorgd "
        "(uiterlijk {date}): risico op intrekking van de toelating.",
        "en": "The {year} annual activity report was not sent to the FPS Employment (due "
        "{date}): the authorisation may be withdrawn.",
    },
)
_INVOICE_REFERENCE = {
    "fr": "AR n° 1 TVA, art. 4, §1",
    "nl": "KB nr. 1 btw, art. 4, §1",
    "en": "VAT Royal Decree no. 1, art. 4, §1",
}
INVOICE_DUE = Rule(
    id="INV-DEADLINE",
    severity=Severity.INFO,
    reference=_INVOICE_REFERENCE,
    templates={
        "fr": "La facture de {period} doit être émise au plus tard le {date} : le mois n'est "
        "pas encore émis.",
        "nl": "De factuur van {period} moet uiterlijk op {date} uitgereikt worden: de maand is "
        "nog niet uitgereikt.",
        "en": "The invoice for {period} must be issued by {date}: the month is not issued yet.",
    },
)
INVOICE_LATE = Rule(
    id="INV-DEADLINE",
    severity=Severity.WARNING,
    reference=_INVOICE_REFERENCE,
    templates={
        "fr": "La facture de {period} devait être émise au plus tard le {date} : le mois "
        "n'est toujours pas émis.",
        "nl": "De factuur van {period} moest uiterlijk op {date} uitgereikt worden: de maand is "
        "nog steeds niet uitgereikt.",
        "en": "The invoice for {period} was due by {date}: the month is still not issued.",
    },
)
DRAFT_READY = Rule(
    id="BILL-DRAFT",
    severity=Severity.INFO,
    reference=_INVOICE_REFERENCE,
    templates={
        "fr": "Le brouillon de facturation de {period} est prêt ({count} factures, {amount}) : "
        "vérifiez-le et émettez-le au plus tard le {date}.",
        "nl": "Het facturatieontwerp van {period} is klaar ({count} facturen, {amount}): "
        "controleer het en reik het uiterlijk op {date} uit.",
        "en": "The billing draft for {period} is ready ({count} invoices, {amount}): check it "
        "and issue it by {date}.",
    },
)
DRAFT_BLOCKED = Rule(
    id="BILL-DRAFT",
    severity=Severity.BLOCKING,
    reference=_INVOICE_REFERENCE,
    templates={
        "fr": "Le brouillon de facturation de {period} n'a pas pu être créé : {count} constat(s) "
        "bloquant(s) ({rules}). Corrigez-les puis créez le brouillon.",
        "nl": "Het facturatieontwerp van {period} kon niet aangemaakt worden: {count} "
        "blokkerende vaststelling(en) ({rules}). Verbeter ze en maak dan het ontwerp aan.",
        "en": "The billing draft for {period} could not be created: {count} blocking "
        "finding(s) ({rules}). Fix them, then create the draft.",
    },
)
