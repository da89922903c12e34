"""Pure legal checks of a groupement d'employeurs: a snapshot in, findings out.

One module per rule under ``rules/``, each with its id, severity, a docstring that
states the rule, and the message ids of its legal reference and of its message in the
``legal_rules`` gettext catalogues (French, Dutch and English, ``translations/``). ``check``
runs them all and drops the findings a recorded derogation covers. Imports nothing of
Flask, SQLAlchemy or ``app``.
"""

from .model import (
    AssignmentFacts,
    ContractFacts,
    DayEntryFacts,
    Derogation,
    Finding,
    GroupementFacts,
    MemberFacts,
    Messages,
    Phrase,
    Phrases,
    Rule,
    Severity,
    SlotFacts,
    Snapshot,
    derogated,
)
from .rules import (
    authorisation,
    break_6h,
    contract_type,
    daily_rest,
    day_8h,
    day_max,
    headcount_cap,
    headcount_warning,
    holiday_work,
    joint_committee,
    member_exit,
    membership_period,
    night_work,
    overlap,
    schedule_over,
    schedule_under,
    sunday_work,
    week_40,
    week_average,
    weekly_hours_floor,
    work_period_3h,
)

RULES: tuple[Rule, ...] = (
    authorisation.RULE,
    membership_period.RULE,
    member_exit.RULE,
    headcount_cap.RULE,
    headcount_warning.RULE,
    weekly_hours_floor.RULE,
    contract_type.RULE,
    joint_committee.RULE,
    schedule_over.RULE,
    schedule_under.RULE,
    overlap.RULE,
    work_period_3h.RULE,
    day_8h.RULE,
    day_max.RULE,
    week_40.RULE,
    week_average.RULE,
    daily_rest.RULE,
    break_6h.RULE,
    night_work.RULE,
    sunday_work.RULE,
    holiday_work.RULE,
)
RULES_BY_ID = {rule.id: rule for rule in RULES}
DEROGABLE = frozenset(rule.id for rule in RULES if rule.derogable)
_SEVERITY_ORDER = {Severity.BLOCKING: 0, Severity.WARNING: 1, Severity.INFO: 2}


def silenced(finding: Finding, derogations: tuple[Derogation, ...]) -> bool:
    """Derogations recorded for the rule cover the whole span of the finding."""
    return finding.rule_id in DEROGABLE and derogated(
        derogations, finding.rule_id, finding.first_date, finding.last_date
    )


def check(snapshot: Snapshot, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Every finding of the snapshot's period, blocking first, then by date."""
    findings = [
        finding
        for rule in rules
        if rule.check is not None
        for finding in rule.check(snapshot)
        if not silenced(finding, snapshot.derogations)
    ]
    return sorted(
        findings,
        key=lambda f: (_SEVERITY_ORDER[f.severity], f.first_date, f.rule_id, f.subjects),
    )


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.BLOCKING]


__all__ = [
    "DEROGABLE",
    "RULES",
    "RULES_BY_ID",
    "AssignmentFacts",
    "ContractFacts",
    "DayEntryFacts",
    "Derogation",
    "Finding",
    "GroupementFacts",
    "MemberFacts",
    "Messages",
    "Phrase",
    "Phrases",
    "Rule",
    "Severity",
    "SlotFacts",
    "Snapshot",
    "blocking",
    "check",
]
