"""A member employer of the GE: the only kind of user a worker may be placed with."""

from datetime import date

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TenantMixin, TimestampMixin, str_enum, tenant_key
from .enums import Language, LegalForm, VatTreatment


class Member(TenantMixin, TimestampMixin, Base):
    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("groupement_id", "enterprise_number"),
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="left_after_joined"),
        tenant_key(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_form: Mapped[LegalForm] = mapped_column(str_enum(LegalForm, "member_legal_form"))
    enterprise_number: Mapped[str] = mapped_column(String(10))
    vat_number: Mapped[str | None] = mapped_column(String(12))
    vat_treatment: Mapped[VatTreatment] = mapped_column(
        str_enum(VatTreatment, "vat_treatment"), default=VatTreatment.STANDARD
    )
    street: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(10))
    city: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2), default="BE")
    invoice_email: Mapped[str | None] = mapped_column(String(254))
    language: Mapped[Language] = mapped_column(
        str_enum(Language, "member_language"), default=Language.FR
    )
    # Peppol participant id, usually "0208:" + enterprise number.
    peppol_id: Mapped[str | None] = mapped_column(String(64))
    # The account it pays from: a credit from it with no communication is proposed
    # against its invoices.
    iban: Mapped[str | None] = mapped_column(String(34))
    joined_on: Mapped[date]
    left_on: Mapped[date | None]
