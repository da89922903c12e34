"""How the pages show a value: enum values by their labels; numbers, money, hours, days
and months by the one formatter (``allocation.formats``) in the reader's language.

The templates call these (``label``, ``number``, ``money``, ``hours``, ``duration``,
``clock``, ``day``, ``month``, ``moment``), never ``'%.2f'``, ``strftime`` or a raw enum value.
"""

from datetime import date, datetime, time
from decimal import Decimal

from allocation import formats
from allocation.invoice import VatCategory
from legal_rules.model import Severity

from ..i18n import N_, language, t
from ..models import enums

# Every closed list a page may show, by the name its labels' ids use. The last two are
# the scheduled jobs' names and outcomes (strings in ``job_runs``).
ENUMS: dict[str, tuple[str, ...]] = {
    enum.__name__: tuple(member.value for member in enum)
    for enum in (
        enums.LegalForm,
        enums.GroupementLegalForm,
        enums.VatMode,
        enums.VatTreatment,
        enums.AbsencePolicy,
        enums.ManagementFeeMode,
        enums.Language,
        enums.ContractType,
        enums.DayEntryKind,
        enums.Role,
        enums.AuditAction,
        enums.DerogationKind,
        enums.DebtKind,
        enums.RunKind,
        enums.RunStatus,
        enums.DocumentKind,
        enums.LineKind,
        enums.BankLineStatus,
        enums.MandateSequence,
        enums.WorkerIdentifier,
        VatCategory,
        Severity,
    )
} | {
    "Job": ("month_end_draft", "compliance_sweep", "payment_reminders"),
    "JobOutcome": ("running", "succeeded", "blocked", "skipped", "failed"),
}

# The labels' ids, one per value of ENUMS (tests/web/test_formats.py checks they match),
# written out so that ``make i18n`` extracts them.
ENUM_LABELS = (
    N_("enum.LegalForm.ASBL"),
    N_("enum.LegalForm.AISBL"),
    N_("enum.LegalForm.SNC"),
    N_("enum.LegalForm.SRL"),
    N_("enum.LegalForm.SA"),
    N_("enum.LegalForm.SC"),
    N_("enum.LegalForm.fondation"),
    N_("enum.LegalForm.public"),
    N_("enum.LegalForm.other"),
    N_("enum.GroupementLegalForm.ASBL"),
    N_("enum.GroupementLegalForm.SNC"),
    N_("enum.VatMode.standard"),
    N_("enum.VatMode.cost_sharing_44_2bis"),
    N_("enum.VatTreatment.standard"),
    N_("enum.VatTreatment.exempt_44_2bis"),
    N_("enum.AbsencePolicy.pro_rata"),
    N_("enum.AbsencePolicy.slot"),
    N_("enum.AbsencePolicy.loaded_rate"),
    N_("enum.FeeMode.none"),
    N_("enum.FeeMode.per_hour"),
    N_("enum.FeeMode.percent_of_cost"),
    N_("enum.Language.fr"),
    N_("enum.Language.nl"),
    N_("enum.Language.en"),
    N_("enum.ContractType.open_ended"),
    N_("enum.ContractType.fixed_term"),
    N_("enum.ContractType.specific_work"),
    N_("enum.ContractType.replacement"),
    N_("enum.ContractType.student"),
    N_("enum.ContractType.flexi_job"),
    N_("enum.ContractType.occasional_horeca"),
    N_("enum.DayEntryKind.extra_hours"),
    N_("enum.DayEntryKind.paid_leave"),
    N_("enum.DayEntryKind.sickness"),
    N_("enum.DayEntryKind.small_leave"),
    N_("enum.DayEntryKind.training"),
    N_("enum.DayEntryKind.unpaid_absence"),
    N_("enum.Role.admin"),
    N_("enum.Role.member"),
    N_("enum.Role.accountant"),
    N_("enum.AuditAction.create"),
    N_("enum.AuditAction.update"),
    N_("enum.AuditAction.delete"),
    N_("enum.DerogationKind.cct"),
    N_("enum.DerogationKind.royal_decree"),
    N_("enum.DerogationKind.work_rules"),
    N_("enum.DerogationKind.ministerial"),
    N_("enum.DerogationKind.other"),
    N_("enum.DebtKind.onss"),
    N_("enum.DebtKind.withholding_tax"),
    N_("enum.DebtKind.wages"),
    N_("enum.DebtKind.other"),
    N_("enum.RunKind.regular"),
    N_("enum.RunKind.complement"),
    N_("enum.RunStatus.draft"),
    N_("enum.RunStatus.issued"),
    N_("enum.DocumentKind.invoice"),
    N_("enum.DocumentKind.credit_note"),
    N_("enum.LineKind.staff"),
    N_("enum.LineKind.fee"),
    N_("enum.LineKind.overhead"),
    N_("enum.BankLineStatus.unmatched"),
    N_("enum.BankLineStatus.matched"),
    N_("enum.BankLineStatus.ignored"),
    N_("enum.BankLineStatus.debit"),
    N_("enum.MandateSequence.FRST"),
    N_("enum.MandateSequence.RCUR"),
    N_("enum.MandateSequence.OOFF"),
    N_("enum.MandateSequence.FNAL"),
    N_("enum.WorkerIdentifier.national_number"),
    N_("enum.WorkerIdentifier.secretariat_number"),
    N_("enum.VatCategory.S"),
    N_("enum.VatCategory.E"),
    N_("enum.Severity.blocking"),
    N_("enum.Severity.warning"),
    N_("enum.Severity.info"),
    N_("enum.Job.month_end_draft"),
    N_("enum.Job.compliance_sweep"),
    N_("enum.Job.payment_reminders"),
    N_("enum.JobOutcome.running"),
    N_("enum.JobOutcome.succeeded"),
    N_("enum.JobOutcome.blocked"),
    N_("enum.JobOutcome.skipped"),
    N_("enum.JobOutcome.failed"),
)


def number(value: Decimal | int | None, digits: int = 2) -> str:
    """A number with the locale's separators and ``digits`` decimals (``1.234,50``)."""
    return "" if value is None else formats.number(value, language(), digits)


def short_number(value: Decimal | int | None) -> str:
    """A number without the zeros a person would not write (``10``, ``12,5``)."""
    return "" if value is None else formats.short_number(value, language())


def money(amount: Decimal | None) -> str:
    return "" if amount is None else formats.money(amount, language())


def hours(value: Decimal | int | None) -> str:
    """A number of hours with its sign: ``6,50 h``, ``6,50 u``."""
    return "" if value is None else formats.hours(value, language())


def duration(minutes: int | None) -> str:
    """A length in minutes as hours and minutes: ``7 h 36``, ``7 u 36``, ``8 h``."""
    return "" if minutes is None else formats.minutes(minutes, language())


def clock(value: time | datetime | None) -> str:
    """A time of day (of a wall-time ``datetime``, its time): ``08:30``."""
    if value is None:
        return ""
    return formats.clock(value.time() if isinstance(value, datetime) else value, language())


def day(value: date | None) -> str:
    return "" if value is None else formats.day_numeric(value, language())


def month(value: date | None) -> str:
    """A month by its name: ``mai 2026``, ``mei 2026``, ``May 2026``."""
    return "" if value is None else formats.month(value, language())


def short_month(value: date | None) -> str:
    """A month in few letters, for a chart's axis: ``mai 26``."""
    return "" if value is None else formats.short_month(value, language())


def moment(value: datetime | None) -> str:
    """A stored instant as Brussels wall time (the jobs' and the users' clock)."""
    return "" if value is None else formats.moment(value, language())


# A job run's summary (``job_runs.summary``, what the job did) item by item: its keys'
# labels and the reasons a run was skipped.
SUMMARY_LABELS = {
    "reason": N_("web.summary.reason"),
    "job_run_id": N_("web.summary.job_run_id"),
    "billing_run_id": N_("web.summary.billing_run_id"),
    "invoices": N_("web.summary.invoices"),
    "total": N_("web.summary.total"),
    "findings": N_("web.summary.findings"),
    "finding_keys": N_("web.summary.finding_keys"),
    "notifications": N_("web.summary.notifications"),
    "kinds": N_("web.summary.kinds"),
}
SKIP_REASONS = {
    "already_done": N_("web.summary.already_done"),
    "run_exists": N_("web.summary.run_exists"),
}


def summary(items: dict[str, object]) -> list[tuple[str, str]]:
    """A job run's summary as (label, text) pairs: counts for lists, money for a total,
    labels for a reason; a key this list does not know is shown as it is."""
    shown = []
    for key, value in items.items():
        if key == "total" and isinstance(value, str | int):  # stored as exact text
            text = money(Decimal(value))
        elif key == "reason" and isinstance(value, str):
            text = t(SKIP_REASONS[value]) if value in SKIP_REASONS else value
        elif key == "kinds" and isinstance(value, list):
            text = ", ".join(map(str, value)) or "—"
        elif isinstance(value, list):
            text = number(len(value), 0)
        else:
            text = str(value)
        shown.append((t(SUMMARY_LABELS[key]) if key in SUMMARY_LABELS else key, text))
    return shown
