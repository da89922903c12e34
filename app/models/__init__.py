"""All tables of Mutua; importing this module registers them on ``Base.metadata``."""

from .audit import AuditEvent
from .base import Base
from .billing import (
    BillingRun,
    Invoice,
    InvoiceLine,
    NumberCounter,
    Overhead,
    PayrollCost,
    RunWorkerCost,
)
from .calendar import CalendarFeed
from .compliance import Derogation, FindingsCache, RecordedFinding
from .groupement import CostParameters, Groupement
from .jobs import JobRun, Notification, SchedulerLease
from .liability import Debt, DebtPayment
from .member import Member
from .month_close import PrestationsExport, TimesheetReview
from .payments import (
    BankLine,
    BankStatement,
    DirectDebitBatch,
    DirectDebitCollection,
    DirectDebitMandate,
    InvoiceReminder,
    LateInterestRate,
    LatePaymentNote,
    LatePaymentNoteInvoice,
    Payment,
)
from .schedule import Assignment, Slot
from .secretariat import SecretariatProfile
from .time_entry import DayEntry, ReplacementDay
from .user import ApiToken, LoginAttempt, User
from .worker import Contract, Worker

__all__ = [
    "ApiToken",
    "Assignment",
    "AuditEvent",
    "BankLine",
    "BankStatement",
    "Base",
    "BillingRun",
    "CalendarFeed",
    "Contract",
    "CostParameters",
    "DayEntry",
    "Debt",
    "DebtPayment",
    "Derogation",
    "DirectDebitBatch",
    "DirectDebitCollection",
    "DirectDebitMandate",
    "FindingsCache",
    "Groupement",
    "Invoice",
    "InvoiceLine",
    "InvoiceReminder",
    "JobRun",
    "LateInterestRate",
    "LatePaymentNote",
    "LatePaymentNoteInvoice",
    "LoginAttempt",
    "Member",
    "Notification",
    "NumberCounter",
    "Overhead",
    "Payment",
    "PayrollCost",
    "PrestationsExport",
    "RecordedFinding",
    "ReplacementDay",
    "RunWorkerCost",
    "SchedulerLease",
    "SecretariatProfile",
    "Slot",
    "TimesheetReview",
    "User",
    "Worker",
]
