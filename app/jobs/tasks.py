"""What the scheduled jobs do for one GE and period, inside the run's one transaction.

Each task reads and writes through the session it is given and returns its outcome and
a summary; ``app.jobs.run`` owns the transaction, the history and the exactly-once key.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from legal_rules import Finding, reminders
from legal_rules.model import Euros
from legal_rules.periods import headcount

from ..models import BillingRun, Contract, Groupement, JobRun, Notification
from ..models.enums import RunStatus
from ..services import billing, liability, month_close, notifications
from ..services.compliance import (
    RefusedByRules,
    findings_between,
    load_snapshot,
    overlapping,
)
from ..services.reminders import send as send_reminders

# How far ahead the sweep reads the schedules: six weeks show every weekly pattern whole
# and leave time to act before the day.
SWEEP_AHEAD = timedelta(days=42)
# How far back it looks for the day the cap was first exceeded (the authorisation ends
# three months after it).
CAP_LOOKBACK = timedelta(days=92)
# Said by the sweep's own reminder (with the GE's threshold) rather than by the rule.
SAID_BY_REMINDERS = frozenset({"GE-CAP-WARN"})

Outcome = tuple[str, dict[str, Any]]


def last_month(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def _deadline(month: date) -> date:
    return reminders.add_months(month, 1).replace(day=reminders.INVOICE_DEADLINE_DAY)


def month_end_draft(session: Session, groupement: Groupement, month: date, run_id: int) -> Outcome:
    """Draft ``month`` unless a run of it exists; record what blocked it if refused."""
    existing = session.scalars(
        select(BillingRun.id).where(
            BillingRun.groupement_id == groupement.id, BillingRun.month == month
        )
    ).first()
    period = f"{month:%m/%Y}"
    if existing is not None:
        return "skipped", {"reason": "run_exists", "billing_run_id": existing}
    try:
        with session.begin_nested():
            run = billing.draft(session, groupement.id, month)
    except RefusedByRules as refusal:
        found = refusal.errors.get("findings", [])
        rules = sorted({f["rule_id"] for f in found})
        notice = reminders.DRAFT_BLOCKED.finding(
            month, month, (), period=period, count=len(found), rules=", ".join(rules)
        )
        notifications.record(
            session, groupement.id, [(f"BILL-DRAFT:{month}:blocked", notice)], run_id
        )
        return "blocked", {"findings": found}
    total = sum((invoice.total for invoice in run.invoices), Decimal("0.00"))
    notice = reminders.DRAFT_READY.finding(
        month,
        month,
        (("billing_run", run.id),),
        period=period,
        count=len(run.invoices),
        amount=Euros(total),
        date=_deadline(month),
    )
    notifications.record(session, groupement.id, [(f"BILL-DRAFT:{month}:ready", notice)], run_id)
    return "succeeded", {
        "billing_run_id": run.id,
        "invoices": len(run.invoices),
        "total": str(total),
    }


def _previous_sweep_keys(session: Session, groupement_id: int, day: date) -> set[str]:
    previous = session.scalars(
        select(JobRun)
        .where(
            JobRun.groupement_id == groupement_id,
            JobRun.job == "compliance_sweep",
            JobRun.outcome == "succeeded",
            JobRun.period < day,
        )
        .order_by(JobRun.period.desc(), JobRun.id.desc())
    ).first()
    return set(previous.summary.get("finding_keys", [])) if previous else set()


def _contracts_between(session: Session, groupement_id: int, first: date, last: date) -> bool:
    return (
        session.scalars(
            select(Contract.id).where(
                Contract.groupement_id == groupement_id, overlapping(Contract, first, last)
            )
        ).first()
        is not None
    )


def compliance_sweep(session: Session, groupement: Groupement, day: date, run_id: int) -> Outcome:
    """The day's sweep: rule findings new since the last sweep, contracts ending soon,
    headcount near (or over) the cap, the annual report, last month not issued by the
    10th, overdue social and fiscal debts, members with overdue invoices."""
    found: list[tuple[str, Finding]] = []

    current: dict[str, Finding] = {}
    for finding in findings_between(session, groupement.id, day, day + SWEEP_AHEAD):
        if finding.rule_id not in SAID_BY_REMINDERS:
            current.setdefault(notifications.subject_key(finding), finding)
    told = _previous_sweep_keys(session, groupement.id, day)
    found += [(f"{key}@{day}", f) for key, f in current.items() if key not in told]

    notice = timedelta(days=groupement.contract_end_notice_days)
    around = load_snapshot(session, groupement, day - CAP_LOOKBACK, day + notice)
    for finding in reminders.contracts_ending(
        day, around.contracts, groupement.contract_end_notice_days
    ):
        found.append((f"CONTRACT-END:{finding.subjects[0][1]}:{finding.first_date}", finding))
    for finding in reminders.headcount(
        day, headcount(around), groupement.headcount_cap, groupement.headcount_alert_percent
    ):
        if finding.rule_id == "GE-CAP-50-ALERT":
            found.append((f"GE-CAP-50-ALERT:{finding.first_date}", finding))
        else:
            # News again each month, or when its figures change (the peak, its day):
            # told by the facts, never by the French wording of the message.
            facts = ",".join(f"{name}={value}" for name, value in finding.facts)
            found.append((f"GE-CAP-ALERT:{day:%Y-%m}:{facts}", finding))

    last_year = date(day.year - 1, 1, 1), date(day.year - 1, 12, 31)
    for finding in reminders.annual_report(
        day,
        groupement.annual_report_last_year,
        groupement.annual_report_due_month,
        groupement.annual_report_due_day,
        _contracts_between(session, groupement.id, *last_year),
    ):
        found.append((f"GE-REPORT-01:{day.year - 1}:{finding.severity.value}", finding))

    month = last_month(day)
    issued = (
        session.scalars(
            select(BillingRun.id).where(
                BillingRun.groupement_id == groupement.id,
                BillingRun.month == month,
                BillingRun.status == RunStatus.ISSUED,
            )
        ).first()
        is not None
    )
    billable = _contracts_between(session, groupement.id, month, day.replace(day=1) - timedelta(1))
    for finding in reminders.invoice_deadline(day, issued, billable):
        found.append((f"INV-DEADLINE:{month}:{finding.severity.value}", finding))
    if billable and day.day >= reminders.MONTH_CLOSE_DAY:
        found += _month_close(session, groupement, month, day)

    _exposure, register = liability.exposure(session, groupement.id, day)
    for finding in register:
        if finding.rule_id in ("LIAB-ARREARS", "LIAB-MEMBER-ARREARS"):
            # Once a month while the debt (or the member's overdue invoices) stays unpaid.
            found.append((f"{finding.rule_id}:{finding.subjects[0][1]}:{day:%Y-%m}", finding))

    added = notifications.record(session, groupement.id, found, run_id)
    return "succeeded", {
        "finding_keys": sorted(current),
        "notifications": len(added),
        "kinds": sorted({n.kind for n in added}),
    }


def _month_close(
    session: Session, groupement: Groupement, month: date, day: date
) -> list[tuple[str, Finding]]:
    """Last month's close, from the 5th: each step still open, told once per step and
    month (the checklist is not computed once every step was told)."""
    keys = {step: f"MONTH-CLOSE:{month:%Y-%m}:{step}" for step in month_close.STEPS}
    told = set(
        session.scalars(
            select(Notification.key).where(
                Notification.groupement_id == groupement.id,
                Notification.key.in_(list(keys.values())),
            )
        )
    )
    if told >= set(keys.values()):
        return []
    checklist = month_close.checklist(session, groupement, month, day)
    still_open = [s.name for s in checklist.steps if not s.done and keys[s.name] not in told]
    findings = reminders.month_close(day, month, still_open)
    return [(keys[step], finding) for step, finding in zip(still_open, findings, strict=True)]


def payment_reminders(session: Session, groupement: Groupement, day: date, run_id: int) -> Outcome:
    """E-mail the reminders of unpaid invoices due on ``day`` (``services.reminders``)."""
    summary = send_reminders(
        session, groupement, day, notifications.Smtp.from_config(current_app.config)
    )
    return ("succeeded" if summary.get("reason") != "no_smtp" else "skipped"), summary
