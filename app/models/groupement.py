"""The tenant: a groupement d'employeurs (GE) and its yearly cost parameters."""

from datetime import date, time
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, str_enum
from .enums import AbsencePolicy, GroupementLegalForm, Language, ManagementFeeMode, VatMode
from .types import Hours, Money, Percent


class Groupement(TimestampMixin, Base):
    __tablename__ = "groupements"
    __table_args__ = (
        CheckConstraint("headcount_cap > 0", name="headcount_cap_positive"),
        CheckConstraint("weekly_hours_floor > 0", name="weekly_hours_floor_positive"),
        CheckConstraint("full_time_weekly_hours > 0", name="full_time_positive"),
        CheckConstraint(
            "reference_period_months IN (1, 2, 3, 4, 6, 12)", name="reference_period_months"
        ),
        CheckConstraint("payment_terms_days >= 0", name="payment_terms_not_negative"),
        CheckConstraint("management_fee_per_hour >= 0", name="fee_per_hour_not_negative"),
        CheckConstraint("management_fee_percent >= 0", name="fee_percent_not_negative"),
        CheckConstraint("draft_day BETWEEN 1 AND 28", name="draft_day_range"),
        CheckConstraint("contract_end_notice_days BETWEEN 1 AND 365", name="notice_days_range"),
        CheckConstraint("headcount_alert_percent BETWEEN 1 AND 100", name="alert_percent_range"),
        CheckConstraint(
            "annual_report_due_month BETWEEN 1 AND 12 AND annual_report_due_day BETWEEN 1 AND 31",
            name="annual_report_due_range",
        ),
        # Percent columns hold ten-thousandths: 1000000 is 100 %.
        CheckConstraint("alone_minimum_percent BETWEEN 1 AND 1000000", name="alone_minimum_range"),
        CheckConstraint("alone_recruitment_per_year >= 0", name="alone_recruitment_not_negative"),
        CheckConstraint(
            "alone_payroll_admin_per_year >= 0", name="alone_payroll_admin_not_negative"
        ),
        CheckConstraint("payroll_gap_percent BETWEEN 0 AND 1000000", name="payroll_gap_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_form: Mapped[GroupementLegalForm] = mapped_column(
        str_enum(GroupementLegalForm, "groupement_legal_form"),
        default=GroupementLegalForm.ASBL,
    )
    enterprise_number: Mapped[str] = mapped_column(String(10), unique=True)
    vat_number: Mapped[str | None] = mapped_column(String(12))
    iban: Mapped[str | None] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    street: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(10))
    city: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2), default="BE")
    # Registre des personnes morales: the court of the registered office (Companies Code 2:20).
    rpm_seat: Mapped[str] = mapped_column(String(200))
    authorisation_reference: Mapped[str | None] = mapped_column(String(100))
    authorisation_date: Mapped[date | None]
    # Commission paritaire fixed by the authorisation, e.g. "329.02".
    joint_committee: Mapped[str | None] = mapped_column(String(20))
    headcount_cap: Mapped[int] = mapped_column(default=50)
    # The legal basis of a cap or floor other than the law's (a royal decree…).
    headcount_cap_reference: Mapped[str | None] = mapped_column(String(200))
    weekly_hours_floor: Mapped[Decimal] = mapped_column(Hours, default=Decimal("19"))
    weekly_hours_floor_reference: Mapped[str | None] = mapped_column(String(200))
    full_time_weekly_hours: Mapped[Decimal] = mapped_column(Hours, default=Decimal("38"))
    # The reference period of the average week (WT-WEEK-AVG38), in months: calendar-aligned,
    # so one that divides a year (3, a calendar quarter, by default; 12, a calendar year).
    reference_period_months: Mapped[int] = mapped_column(default=3, server_default="3")
    vat_mode: Mapped[VatMode] = mapped_column(
        str_enum(VatMode, "vat_mode"), default=VatMode.STANDARD
    )
    absence_policy: Mapped[AbsencePolicy] = mapped_column(
        str_enum(AbsencePolicy, "absence_policy"), default=AbsencePolicy.PRO_RATA
    )
    management_fee_mode: Mapped[ManagementFeeMode] = mapped_column(
        str_enum(ManagementFeeMode, "management_fee_mode"), default=ManagementFeeMode.NONE
    )
    management_fee_per_hour: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    management_fee_percent: Mapped[Decimal] = mapped_column(Percent, default=Decimal("0"))
    payment_terms_days: Mapped[int] = mapped_column(default=30)
    # An invoice's issue date lies between the billed month's last day and this many days
    # after today, so that one typo (2099) cannot stop the numbering series for good.
    issue_date_days_ahead: Mapped[int] = mapped_column(default=15, server_default="15")

    # The scheduled jobs (times in Europe/Brussels): last month's draft on draft_day at
    # draft_time, the compliance sweep every day at sweep_time.
    scheduled_jobs_enabled: Mapped[bool] = mapped_column(default=True)
    draft_day: Mapped[int] = mapped_column(default=1)
    draft_time: Mapped[time] = mapped_column(Time, default=time(6, 0))
    sweep_time: Mapped[time] = mapped_column(Time, default=time(7, 0))
    contract_end_notice_days: Mapped[int] = mapped_column(default=30)
    headcount_alert_percent: Mapped[int] = mapped_column(default=90)
    # The annual activity report to the SPF ETCS: the law found sets no date (research/
    # legal.md §1.8), so the due day is the GE's own; the last year reported is recorded.
    annual_report_due_month: Mapped[int] = mapped_column(default=6)
    annual_report_due_day: Mapped[int] = mapped_column(default=30)
    annual_report_last_year: Mapped[int | None]
    # Reminders of unpaid invoices: days after the due date of each step, the last one
    # being the formal notice (mise en demeure); none when the list is empty. A new GE
    # has them; a GE that existed before them starts without (the database's default),
    # until its administrator has its payments in and turns them on.
    reminder_days: Mapped[str] = mapped_column(String(40), default="7,21,35", server_default="")
    # SEPA creditor identifier, for direct-debit files (BE..ZZZ + enterprise number).
    sepa_creditor_id: Mapped[str | None] = mapped_column(String(35))
    # Notifications are e-mailed to the GE's administrators, and to this address if set.
    notification_email: Mapped[str | None] = mapped_column(String(254))
    # The language of the GE's own papers (the run's split workbook, the sales journals
    # for its accountant) and of the e-mails to its notification address; a member's
    # documents speak the member's language.
    language: Mapped[Language] = mapped_column(
        str_enum(Language, "groupement_language"), default=Language.FR, server_default="fr"
    )

    # "What hiring alone would have cost" (DOMAIN.md §8, allocation.alone): the part-time
    # minimum as a percentage of full time per week (one third by default, the general
    # rule; a sector rule may set another), and what a hire costs a member per year in
    # recruitment and in payroll administration. The two amounts are placeholders, not
    # sourced figures: each GE sets its own, and every comparison prints them.
    alone_minimum_percent: Mapped[Decimal] = mapped_column(
        Percent, default=Decimal("33.3333"), server_default="333333"
    )
    alone_recruitment_per_year: Mapped[Decimal] = mapped_column(
        Money, default=Decimal("1500.00"), server_default="150000"
    )
    alone_payroll_admin_per_year: Mapped[Decimal] = mapped_column(
        Money, default=Decimal("600.00"), server_default="60000"
    )

    # The month's close (issue 18): an imported payroll cost further than this from the
    # cost model (in percent of the modelled cost) is flagged.
    payroll_gap_percent: Mapped[Decimal] = mapped_column(
        Percent, default=Decimal("10"), server_default="100000"
    )

    # The GE's change counter: one more with every guarded write that changes its records
    # (``app.services.writes``). What was computed from the records at one value (the
    # findings cache, a draft) is still true while the counter has not moved.
    data_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    cost_parameters: Mapped[list["CostParameters"]] = relationship(
        back_populates="groupement",
        order_by="CostParameters.year",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class CostParameters(TimestampMixin, Base):
    """What a worker costs beyond the gross, per GE and year (DOMAIN.md §4)."""

    __tablename__ = "cost_parameters"
    __table_args__ = (
        UniqueConstraint("groupement_id", "year"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
        CheckConstraint(
            "employer_contribution_percent >= 0 AND holiday_pay_percent >= 0 "
            "AND year_end_bonus_percent >= 0 AND accident_insurance_percent >= 0 "
            "AND prevention_service_per_year >= 0 AND meal_voucher_employer_part >= 0",
            name="not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    groupement_id: Mapped[int] = mapped_column(
        ForeignKey("groupements.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int]
    employer_contribution_percent: Mapped[Decimal] = mapped_column(
        Percent, default=Decimal("32.40")
    )
    holiday_pay_percent: Mapped[Decimal] = mapped_column(Percent, default=Decimal("18.20"))
    year_end_bonus_percent: Mapped[Decimal] = mapped_column(Percent, default=Decimal("8.33"))
    accident_insurance_percent: Mapped[Decimal] = mapped_column(Percent, default=Decimal("1.00"))
    prevention_service_per_year: Mapped[Decimal] = mapped_column(Money, default=Decimal("95.00"))
    meal_voucher_employer_part: Mapped[Decimal] = mapped_column(Money, default=Decimal("8.91"))

    groupement: Mapped[Groupement] = relationship(back_populates="cost_parameters")
