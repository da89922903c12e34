"""The sweep's reminders at their boundaries: notice days, thresholds, deadlines."""

from datetime import date
from decimal import Decimal

from legal_rules import ContractFacts, Severity, reminders
from legal_rules.periods import Segment


def _contract(ident: int, ends_on: date | None) -> ContractFacts:
    return ContractFacts(
        ident,
        ident,
        f"Worker {ident}",
        date(2025, 1, 1),
        ends_on,
        Decimal(19),
        "open_ended",
        "329.02",
    )


def test_a_contract_ending_within_the_notice_is_told_and_one_day_later_is_not() -> None:
    today = date(2026, 12, 1)
    found = reminders.contracts_ending(
        today,
        [
            _contract(1, date(2026, 12, 31)),
            _contract(2, date(2027, 1, 1)),
            _contract(3, None),
            _contract(4, date(2026, 11, 30)),
        ],
        30,
    )
    assert [(f.rule_id, f.subjects, f.first_date) for f in found] == [
        ("CONTRACT-END", (("contract", 1), ("worker", 1)), date(2026, 12, 31))
    ]
    assert "31 décembre 2026 (dans 30 jours)" in found[0].messages.fr
    assert "Worker 1" in found[0].messages.nl


def test_headcount_alert_at_the_threshold_and_not_one_below() -> None:
    today = date(2026, 12, 1)
    below = [Segment(date(2026, 12, 1), date(2026, 12, 31), 44)]
    at = [
        Segment(date(2026, 12, 1), date(2026, 12, 9), 44),
        Segment(date(2026, 12, 10), date(2026, 12, 31), 45),
    ]
    assert reminders.headcount(today, below, 50, 90) == []
    (alert,) = reminders.headcount(today, at, 50, 90)
    assert (alert.rule_id, alert.severity, alert.first_date) == (
        "GE-CAP-ALERT",
        Severity.WARNING,
        date(2026, 12, 10),
    )
    assert "45 travailleurs sur 50" in alert.messages.fr
    # The GE's own threshold: 80 % of 50 is 40.
    assert reminders.headcount(today, below, 50, 80)[0].rule_id == "GE-CAP-ALERT"


def test_above_the_cap_the_authorisation_ends_three_months_after_the_first_day() -> None:
    today = date(2026, 12, 1)
    segments = [
        Segment(date(2026, 9, 1), date(2026, 9, 30), 51),  # an earlier run, closed
        Segment(date(2026, 10, 1), date(2026, 10, 14), 50),
        Segment(date(2026, 10, 15), date(2026, 12, 31), 51),
    ]
    (alert,) = reminders.headcount(today, segments, 50, 90)
    assert (alert.rule_id, alert.severity, alert.first_date) == (
        "GE-CAP-50-ALERT",
        Severity.BLOCKING,
        date(2026, 10, 15),
    )
    assert "15 janvier 2027" in alert.messages.fr


def test_annual_report_info_sixty_days_before_then_warning_after_the_due_day() -> None:
    due = (6, 30)
    assert reminders.annual_report(date(2026, 4, 30), None, *due, active=True) == []
    (soon,) = reminders.annual_report(date(2026, 5, 1), None, *due, active=True)
    assert (soon.severity, soon.first_date) == (Severity.INFO, date(2026, 6, 30))
    (late,) = reminders.annual_report(date(2026, 7, 1), 2024, *due, active=True)
    assert late.severity is Severity.WARNING and "2025" in late.messages.fr
    assert reminders.annual_report(date(2026, 7, 1), 2025, *due, active=True) == []
    assert reminders.annual_report(date(2026, 7, 1), None, *due, active=False) == []


def test_invoice_deadline_from_the_tenth_and_late_after_the_fifteenth() -> None:
    assert reminders.invoice_deadline(date(2026, 12, 9), issued=False, billable=True) == []
    (due,) = reminders.invoice_deadline(date(2026, 12, 10), issued=False, billable=True)
    assert (due.rule_id, due.severity, due.first_date) == (
        "INV-DEADLINE",
        Severity.INFO,
        date(2026, 11, 1),
    )
    assert "15 décembre 2026" in due.messages.fr
    (late,) = reminders.invoice_deadline(date(2026, 12, 16), issued=False, billable=True)
    assert late.severity is Severity.WARNING
    assert reminders.invoice_deadline(date(2026, 12, 16), issued=True, billable=True) == []
    assert reminders.invoice_deadline(date(2026, 12, 16), issued=False, billable=False) == []


def test_add_months_keeps_the_day_or_takes_the_last_one() -> None:
    assert reminders.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert reminders.add_months(date(2026, 10, 15), 3) == date(2027, 1, 15)
