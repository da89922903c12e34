"""The closed lists of the domain; values are stable identifiers, labels live in the UI."""

from enum import StrEnum

from allocation import invoice as allocation_invoice
from allocation import month as allocation_month


class LegalForm(StrEnum):
    ASBL = "ASBL"
    AISBL = "AISBL"
    SNC = "SNC"
    SRL = "SRL"
    SA = "SA"
    SC = "SC"
    FONDATION = "fondation"
    PUBLIC = "public"
    OTHER = "other"


class GroupementLegalForm(StrEnum):
    """A GE is an ASBL or, rarely, an SNC (the GIE form is gone since 2024)."""

    ASBL = "ASBL"
    SNC = "SNC"


class VatMode(StrEnum):
    """How the GE charges VAT: 21 % to all, or the art. 44 §2bis cost-sharing exemption."""

    STANDARD = "standard"
    COST_SHARING = "cost_sharing_44_2bis"


class VatTreatment(StrEnum):
    """How a member is invoiced under the GE's VAT mode."""

    STANDARD = "standard"
    EXEMPT_44_2BIS = "exempt_44_2bis"


# The billing core's own lists: the columns store exactly what allocation computes with.
AbsencePolicy = allocation_month.AbsencePolicy
ManagementFeeMode = allocation_invoice.FeeMode


class Language(StrEnum):
    FR = "fr"
    NL = "nl"
    EN = "en"


class ContractType(StrEnum):
    """Employment contract types; the last three are incompatible with a GE (legal rules)."""

    OPEN_ENDED = "open_ended"
    FIXED_TERM = "fixed_term"
    SPECIFIC_WORK = "specific_work"
    REPLACEMENT = "replacement"
    STUDENT = "student"
    FLEXI_JOB = "flexi_job"
    OCCASIONAL_HORECA = "occasional_horeca"


class DayEntryKind(StrEnum):
    EXTRA_HOURS = "extra_hours"
    PAID_LEAVE = "paid_leave"
    SICKNESS = "sickness"
    SMALL_LEAVE = "small_leave"
    TRAINING = "training"
    UNPAID_ABSENCE = "unpaid_absence"


class WorkerIdentifier(StrEnum):
    """How a social secretariat knows a worker in the prestations it reads."""

    NATIONAL_NUMBER = "national_number"  # numéro de registre national
    SECRETARIAT_NUMBER = "secretariat_number"  # the secretariat's own worker number


class Role(StrEnum):
    ADMIN = "admin"
    MEMBER = "member"
    ACCOUNTANT = "accountant"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class DerogationKind(StrEnum):
    """Where a derogation comes from."""

    CCT = "cct"  # convention collective de travail (sector or company agreement)
    ROYAL_DECREE = "royal_decree"
    WORK_RULES = "work_rules"  # règlement de travail
    MINISTERIAL = "ministerial"
    OTHER = "other"


class DebtKind(StrEnum):
    ONSS = "onss"
    WITHHOLDING_TAX = "withholding_tax"  # précompte professionnel
    WAGES = "wages"
    OTHER = "other"


class RunKind(StrEnum):
    REGULAR = "regular"
    COMPLEMENT = "complement"  # a month billed again after a credit note


class RunStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


LineKind = allocation_invoice.LineKind


class BankLineStatus(StrEnum):
    """Where a statement line stands. A debit is the GE's own payment: not a member's."""

    UNMATCHED = "unmatched"  # a credit no invoice was found for: waits in the queue
    MATCHED = "matched"  # paid invoices (by communication, or assigned by hand)
    IGNORED = "ignored"  # marked by the administrator as not a member's payment
    DEBIT = "debit"  # money that left the account


class MandateSequence(StrEnum):
    """SEPA's sequence type: the first collection of a mandate, the next ones, a one-off
    and the last."""

    FRST = "FRST"
    RCUR = "RCUR"
    OOFF = "OOFF"
    FNAL = "FNAL"
