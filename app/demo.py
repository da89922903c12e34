"""The demo groupement: a realistic Brussels GE with four member ASBLs and eight workers.

Used by ``make run`` and by the tests. Loading is idempotent: the GE is found by its
enterprise number and left as it is when it already exists.
"""

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from .auth import hash_password
from .models import (
    Assignment,
    Contract,
    CostParameters,
    DayEntry,
    Debt,
    DebtPayment,
    Derogation,
    DirectDebitMandate,
    Groupement,
    Member,
    ReplacementDay,
    Slot,
    User,
    Worker,
)
from .models.enums import (
    ContractType,
    DayEntryKind,
    DebtKind,
    DerogationKind,
    Language,
    LegalForm,
    MandateSequence,
    Role,
    VatMode,
    VatTreatment,
)
from .services.writes import Reach, within

DEMO_ENTERPRISE_NUMBER = "0412345614"
# Its SEPA creditor identifier: BE, check digits, ZZZ, the enterprise number.
DEMO_CREDITOR_ID = "BE34ZZZ0412345614"
DEMO_PASSWORD = "mutua-demo-2026"
ADMIN_EMAIL = "admin@ge-bruxelles-solidaire.be"
ACCOUNTANT_EMAIL = "comptable@fiduciaire-sablon.be"
# A second accountant of the same firm, who reads English: the demo's English-speaking staff.
ENGLISH_ACCOUNTANT_EMAIL = "accountant@fiduciaire-sablon.be"
JOINT_COMMITTEE = "329.02"

MON, TUE, WED, THU, FRI = range(5)

# (name, enterprise number, VAT number or None, VAT treatment, street, postal code, city,
#  language, member login)
MEMBERS = [
    (
        "Maison de Quartier des Marolles ASBL",
        "0423456765",
        None,
        VatTreatment.EXEMPT_44_2BIS,
        "Rue Haute 123",
        "1000",
        "Bruxelles",
        Language.FR,
        "direction@mq-marolles.be",
    ),
    (
        "Atelier Vélo Cyclo Schaerbeek ASBL",
        "0434567819",
        "BE0434567819",
        VatTreatment.STANDARD,
        "Avenue Louis Bertrand 45",
        "1030",
        "Schaerbeek",
        Language.FR,
        "gestion@cyclo-schaerbeek.be",
    ),
    (
        "Buurthuis Ribaucourt vzw",
        "0445678970",
        None,
        VatTreatment.EXEMPT_44_2BIS,
        "Rue de Ribaucourt 30",
        "1080",
        "Molenbeek-Saint-Jean",
        Language.NL,
        "coordinatie@buurthuis-ribaucourt.be",
    ),
    (
        "Éducation Permanente Saint-Gilles ASBL",
        "0456789133",
        "BE0456789133",
        VatTreatment.STANDARD,
        "Chaussée de Waterloo 210",
        "1060",
        "Saint-Gilles",
        Language.FR,
        "secretariat@ep-saint-gilles.be",
    ),
]
MAROLLES, CYCLO, BUURTHUIS, EDUCATION = range(4)
# The accounts the members pay from (a transfer from one without a communication is
# proposed against its invoices), in MEMBERS' order.
MEMBER_IBANS = ["BE79063041234533", "BE78068229876586", "BE78735005432186", "BE95001123459858"]


def _day(start: str, end: str) -> tuple[time, time]:
    return time.fromisoformat(start), time.fromisoformat(end)


# A full day with a half-hour lunch break, and a few shorter patterns.
FULL_76 = [_day("08:30", "12:30"), _day("13:00", "16:36")]  # 7 h 36 (38 h / 5)
SIX = [_day("09:00", "12:00"), _day("12:30", "15:30")]
EIGHT = [_day("08:30", "12:30"), _day("13:00", "17:00")]
SEVEN = [_day("09:00", "12:30"), _day("13:00", "16:30")]
SIX_HALF = [_day("09:00", "12:30"), _day("13:00", "16:00")]
SEVEN_HALF = [_day("08:30", "12:30"), _day("13:00", "16:30")]
MORNING_4 = [_day("09:00", "13:00")]
LONG_76 = [_day("09:00", "12:30"), _day("13:00", "17:06")]


@dataclass(frozen=True)
class DemoWorker:
    first_name: str
    last_name: str
    national_number: str
    weekly_hours: str
    contract_type: ContractType
    monthly_gross: str
    starts_on: date
    ends_on: date | None
    # member index -> [(weekday, [(start, end), ...]), ...]
    week: dict[int, list[tuple[int, list[tuple[time, time]]]]]


WORKERS = [
    DemoWorker(
        "Sophie",
        "Lambert",
        "85031210184",
        "38",
        ContractType.OPEN_ENDED,
        "3450.00",
        date(2024, 9, 1),
        None,
        {
            MAROLLES: [(MON, FULL_76), (TUE, FULL_76)],
            CYCLO: [(WED, FULL_76)],
            BUURTHUIS: [(THU, FULL_76)],
            EDUCATION: [(FRI, FULL_76)],
        },
    ),
    DemoWorker(
        "Karim",
        "El Amrani",
        "90070420265",
        "30",
        ContractType.OPEN_ENDED,
        "2447.37",
        date(2025, 2, 1),
        None,
        {
            MAROLLES: [(MON, SIX), (FRI, SIX)],
            CYCLO: [(TUE, SIX)],
            BUURTHUIS: [(WED, SIX)],
            EDUCATION: [(THU, SIX)],
        },
    ),
    DemoWorker(
        "Marie",
        "Dubois",
        "78112315101",
        "19",
        ContractType.FIXED_TERM,
        "1450.00",
        date(2026, 1, 5),
        date(2026, 12, 31),
        {BUURTHUIS: [(MON, SIX_HALF), (WED, SIX_HALF)], EDUCATION: [(THU, SIX)]},
    ),
    DemoWorker(
        "Thomas",
        "Janssens",
        "92013008878",
        "24",
        ContractType.OPEN_ENDED,
        "1850.00",
        date(2023, 4, 1),
        None,
        {CYCLO: [(MON, EIGHT), (TUE, EIGHT), (WED, EIGHT)]},
    ),
    DemoWorker(
        "Fatima",
        "Benali",
        "88051703379",
        "28.5",
        ContractType.OPEN_ENDED,
        "2250.00",
        date(2024, 1, 15),
        None,
        {
            EDUCATION: [(MON, SIX_HALF)],
            MAROLLES: [(TUE, SEVEN)],
            CYCLO: [(THU, SEVEN)],
            BUURTHUIS: [(FRI, EIGHT)],
        },
    ),
    DemoWorker(
        "Lucas",
        "Peeters",
        "95090216488",
        "19",
        ContractType.OPEN_ENDED,
        "1400.00",
        date(2025, 9, 1),
        None,
        {MAROLLES: [(WED, SEVEN_HALF)], EDUCATION: [(THU, SEVEN_HALF)], CYCLO: [(FRI, MORNING_4)]},
    ),
    DemoWorker(
        "Camille",
        "Laurent",
        "81120821173",
        "32",
        ContractType.OPEN_ENDED,
        "2700.00",
        date(2022, 10, 1),
        None,
        {
            BUURTHUIS: [(MON, EIGHT), (TUE, EIGHT)],
            MAROLLES: [(THU, EIGHT)],
            EDUCATION: [(FRI, EIGHT)],
        },
    ),
    DemoWorker(
        "Youssef",
        "Haddad",
        "93062104757",
        "22.8",
        ContractType.FIXED_TERM,
        "1900.00",
        date(2026, 3, 1),
        date(2027, 2, 28),
        {EDUCATION: [(TUE, LONG_76)], CYCLO: [(WED, LONG_76)], BUURTHUIS: [(THU, LONG_76)]},
    ),
]

# (worker index, day, member index or None, hours, kind, note)
DAY_ENTRIES = [
    (2, date(2026, 11, 16), BUURTHUIS, "6.5", DayEntryKind.SICKNESS, "Certificat médical"),
    (2, date(2026, 11, 18), BUURTHUIS, "6.5", DayEntryKind.SICKNESS, "Certificat médical"),
    # With his 6 h at Cyclo that Tuesday, 8 h 30: a warning (WT-DAY-8H) the demo shows.
    (1, date(2026, 11, 17), CYCLO, "2.5", DayEntryKind.EXTRA_HOURS, "Migration du serveur"),
    (4, date(2026, 11, 27), BUURTHUIS, "8", DayEntryKind.PAID_LEAVE, None),
    (6, date(2026, 11, 24), BUURTHUIS, "8", DayEntryKind.TRAINING, "Formation paie"),
]

# The social debts of the GE as the social secretariat reported them: (kind, period,
# amount, due date, [(paid on, amount)]).
DEBTS = [
    (
        DebtKind.ONSS,
        date(2026, 7, 1),
        date(2026, 9, 30),
        "18420.36",
        date(2026, 10, 31),
        [(date(2026, 10, 30), "12000.00")],
    ),
    (
        DebtKind.WITHHOLDING_TAX,
        date(2026, 10, 1),
        date(2026, 10, 31),
        "4385.20",
        date(2026, 11, 15),
        [],
    ),
]

# 15 August and 1 November 2026 fall on a weekend: the GE grants a weekday instead.
REPLACEMENT_DAYS = [
    (date(2026, 8, 15), date(2026, 8, 14)),
    (date(2026, 11, 1), date(2026, 11, 2)),
]


def find_demo(session: Session) -> Groupement | None:
    return session.scalars(
        select(Groupement).where(Groupement.enterprise_number == DEMO_ENTERPRISE_NUMBER)
    ).one_or_none()


def load_demo(session: Session) -> tuple[Groupement, bool]:
    """The demo GE, created when missing; returns it and whether it was created now."""
    existing = find_demo(session)
    if existing is not None:
        return existing, False
    ge = Groupement(
        name="GE Bruxelles Solidaire ASBL",
        enterprise_number=DEMO_ENTERPRISE_NUMBER,
        vat_number="BE" + DEMO_ENTERPRISE_NUMBER,
        iban="BE21001234567803",
        bic="GEBABEBB",
        street="Rue du Midi 48",
        postal_code="1000",
        city="Bruxelles",
        rpm_seat="Tribunal de l'entreprise francophone de Bruxelles",
        authorisation_reference="GE/2019/017",
        authorisation_date=date(2019, 6, 14),
        joint_committee=JOINT_COMMITTEE,
        vat_mode=VatMode.COST_SHARING,
        annual_report_last_year=2025,
        notification_email="bureau@ge-bruxelles-solidaire.be",
        sepa_creditor_id=DEMO_CREDITOR_ID,
    )
    session.add(ge)
    session.flush()
    # The demo is written like any GE's records: the GE law checked on all of it.
    with within(session, ge.id, Reach.EVERYTHING):
        _load_records(session, ge)
    return ge, True


def _load_records(session: Session, ge: Groupement) -> None:
    session.add(CostParameters(groupement_id=ge.id, year=2026))

    members = []
    for (name, number, vat, treatment, street, postal, city, language, _login), iban in zip(
        MEMBERS, MEMBER_IBANS, strict=True
    ):
        member = Member(
            groupement_id=ge.id,
            name=name,
            legal_form=LegalForm.ASBL,
            enterprise_number=number,
            vat_number=vat,
            vat_treatment=treatment,
            street=street,
            postal_code=postal,
            city=city,
            language=language,
            invoice_email=_login,
            peppol_id=f"0208:{number}",
            iban=iban,
            joined_on=date(2019, 9, 1),
        )
        members.append(member)
    session.add_all(members)
    session.flush()
    # The cycling workshop pays by direct debit.
    session.add(
        DirectDebitMandate(
            groupement_id=ge.id,
            member_id=members[CYCLO].id,
            reference="GEBS-CYCLO-2026-01",
            signed_on=date(2026, 1, 12),
            iban=MEMBER_IBANS[CYCLO],
            sequence=MandateSequence.FRST,
        )
    )

    workers = []
    for spec in WORKERS:
        worker = Worker(
            groupement_id=ge.id,
            first_name=spec.first_name,
            last_name=spec.last_name,
            national_number=spec.national_number,
            email=f"{spec.first_name.lower()}.{spec.last_name.lower().replace(' ', '')}"
            "@ge-bruxelles-solidaire.be",
        )
        contract = Contract(
            groupement_id=ge.id,
            worker=worker,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            weekly_hours=Decimal(spec.weekly_hours),
            contract_type=spec.contract_type,
            joint_committee=JOINT_COMMITTEE,
            monthly_gross=Decimal(spec.monthly_gross),
        )
        session.add_all([worker, contract])
        session.flush()
        for member_index, days in spec.week.items():
            session.add(
                Assignment(
                    groupement_id=ge.id,
                    contract_id=contract.id,
                    member_id=members[member_index].id,
                    starts_on=spec.starts_on,
                    ends_on=spec.ends_on,
                    slots=[
                        Slot(groupement_id=ge.id, weekday=weekday, starts_at=start, ends_at=end)
                        for weekday, spans in days
                        for start, end in spans
                    ],
                )
            )
        workers.append(worker)
    session.flush()

    for worker_index, day, member_index, hours, kind, note in DAY_ENTRIES:
        session.add(
            DayEntry(
                groupement_id=ge.id,
                worker_id=workers[worker_index].id,
                day=day,
                member_id=None if member_index is None else members[member_index].id,
                hours=Decimal(hours),
                kind=kind,
                note=note,
            )
        )
    for holiday, replacement in REPLACEMENT_DAYS:
        session.add(ReplacementDay(groupement_id=ge.id, holiday=holiday, replacement=replacement))
    for kind, start, end, amount, due, payments in DEBTS:
        session.add(
            Debt(
                groupement_id=ge.id,
                kind=kind,
                period_start=start,
                period_end=end,
                amount=Decimal(amount),
                due_on=due,
                payments=[
                    DebtPayment(groupement_id=ge.id, paid_on=paid_on, amount=Decimal(paid))
                    for paid_on, paid in payments
                ],
            )
        )
    session.add(
        Derogation(
            groupement_id=ge.id,
            rule_id="WT-PERIOD-3H",
            kind=DerogationKind.CCT,
            reference="CCT du 12/06/2023 (CP 329.02) : prestations de moins de 3 heures",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
        )
    )

    password = hash_password(DEMO_PASSWORD)
    session.add_all(
        [
            User(
                groupement_id=ge.id,
                email=ADMIN_EMAIL,
                full_name="Anne Verhaegen",
                password_hash=password,
                role=Role.ADMIN,
            ),
            User(
                groupement_id=ge.id,
                email=ACCOUNTANT_EMAIL,
                full_name="Pierre Collin",
                password_hash=password,
                role=Role.ACCOUNTANT,
            ),
            User(
                groupement_id=ge.id,
                email=ENGLISH_ACCOUNTANT_EMAIL,
                full_name="Emma Lefèvre-Hughes",
                password_hash=password,
                role=Role.ACCOUNTANT,
                language=Language.EN,
            ),
        ]
        + [
            User(
                groupement_id=ge.id,
                email=login,
                full_name=name,
                password_hash=password,
                role=Role.MEMBER,
                member_id=member.id,
                # A member's user reads its member's language (Buurthuis Ribaucourt: nl).
                language=member.language,
            )
            for (name, *_rest, login), member in zip(MEMBERS, members, strict=True)
        ]
    )


def demo_logins() -> list[tuple[Role, str | None, Language, str]]:
    """(role, member's name, language, e-mail) of every demo login; they share
    ``DEMO_PASSWORD``. A member's user reads its member's language."""
    return [
        (Role.ADMIN, None, Language.FR, ADMIN_EMAIL),
        (Role.ACCOUNTANT, None, Language.FR, ACCOUNTANT_EMAIL),
        (Role.ACCOUNTANT, None, Language.EN, ENGLISH_ACCOUNTANT_EMAIL),
    ] + [(Role.MEMBER, name, language, login) for name, *_rest, language, login in MEMBERS]
