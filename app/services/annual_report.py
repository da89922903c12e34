"""The GE's annual activity report to the SPF ETCS, read from the database into the plain
data ``exports.annual_report`` writes; and the record that it was sent (GE-REPORT-01).

Where each figure comes from:

- members: the member register, every member whose membership meets the year;
- workers and contracts: every contract that runs at some time in the year;
- headcount: ``legal_rules.periods.headcount`` on the compliance snapshot of the year
  (distinct workers under contract each day, as GE-CAP-50 counts them), against the GE's
  cap and alert percentage;
- hours per member and per worker: the issued invoices of the year's months (worked and
  paid-absence hours of their lines), less the issued credit notes (whose lines carry
  money only, so they take off the amount billed, not hours);
- derogations: those in force at some time in the year;
- findings: computed, not recorded. The compliance report of the year's days as the
  records stand now (``compliance.report_findings``: the GE law and the documents'
  numbering), counted per rule and severity. The recorded findings are the warnings of
  each write at the time it was made: a finding later repaired stays recorded, and one
  raised by several writes is recorded several times, so they would not tell the year as
  it was reported.
"""

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from allocation import calendar
from exports.annual_report import (
    AnnualReport,
    DerogationUsed,
    FindingCount,
    Headcount,
    HeadcountSpan,
    MemberHours,
    ReportContract,
    ReportMember,
    ReportWorker,
    annual_report_pdf,
    annual_report_workbook,
)
from exports.document import Party
from legal_rules.periods import headcount

from ..auth import Principal
from ..errors import Forbidden, InvalidInput
from ..i18n import N_
from ..models import Contract, Derogation, Groupement, Invoice, InvoiceLine, Member, Worker
from ..models.enums import DocumentKind, Role, RunStatus
from .billing import seller_party
from .compliance import load_snapshot, overlapping, report_findings
from .writes import Reach, guarded_write

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIRST_YEAR = 2000  # the law of 12 August 2000 created the GE
ZERO = Decimal("0.00")
SEVERITY_ORDER = {"blocking": 0, "warning": 1, "info": 2}


def check_year(year: int) -> None:
    """A year that has begun, since GEs exist; 422 otherwise."""
    if not FIRST_YEAR <= year <= calendar.today().year:
        raise InvalidInput({"year": [N_("report_year_out_of_range")]})


def staff_only(principal: Principal) -> None:
    """The report spans every member: the GE's administrators and accountants only."""
    if principal.role is Role.MEMBER:
        raise Forbidden()


def _billed(
    session: Session, groupement_id: int, first: date, last: date
) -> tuple[dict[int, list[Decimal]], dict[int, list[Decimal]]]:
    """Issued invoices less issued credit notes of the months from ``first`` to ``last``:
    per member [worked, absence, amount before VAT], per worker [worked, absence]."""
    rows = session.execute(
        select(
            Invoice.member_id,
            Invoice.kind,
            InvoiceLine.worker_id,
            InvoiceLine.worked_hours,
            InvoiceLine.absence_hours,
            InvoiceLine.amount,
        )
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(
            Invoice.groupement_id == groupement_id,
            Invoice.status == RunStatus.ISSUED,
            Invoice.month.between(first, last),
        )
    ).all()
    members: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    workers: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for member_id, kind, worker_id, worked, absence, amount in rows:
        sign = -1 if kind is DocumentKind.CREDIT_NOTE else 1
        figures = members[member_id]
        figures[0] += sign * worked
        figures[1] += sign * absence
        figures[2] += sign * amount
        if worker_id is not None:
            workers[worker_id][0] += sign * worked
            workers[worker_id][1] += sign * absence
    return members, workers


def annual_report(session: Session, principal: Principal, year: int) -> AnnualReport:
    """The principal's GE in ``year``, in the GE's language (staff only)."""
    staff_only(principal)
    check_year(year)
    ge_id = principal.groupement_id
    groupement = session.get_one(Groupement, ge_id)
    first, last = date(year, 1, 1), date(year, 12, 31)

    billed_members, billed_workers = _billed(session, ge_id, first, last)
    members = session.scalars(
        select(Member)
        .where(
            Member.groupement_id == ge_id,
            or_(
                (Member.joined_on <= last) & or_(Member.left_on.is_(None), Member.left_on >= first),
                Member.id.in_(billed_members),
            ),
        )
        .order_by(Member.name, Member.id)
    ).all()

    contracts = session.execute(
        select(Contract, Worker)
        .join(Worker, Worker.id == Contract.worker_id)
        .where(Contract.groupement_id == ge_id, overlapping(Contract, first, last))
        .order_by(Worker.last_name, Worker.first_name, Worker.id, Contract.starts_on)
    ).all()
    by_worker: dict[int, tuple[Worker, list[Contract]]] = {}
    for contract, worker in contracts:
        by_worker.setdefault(worker.id, (worker, []))[1].append(contract)
    # A worker billed in the year whose contracts all lie outside it (a late correction).
    for worker in session.scalars(
        select(Worker).where(
            Worker.groupement_id == ge_id, Worker.id.in_(set(billed_workers) - set(by_worker))
        )
    ):
        by_worker[worker.id] = (worker, [])
    workers = tuple(
        ReportWorker(
            name=f"{worker.first_name} {worker.last_name}",
            contracts=tuple(
                ReportContract(
                    c.contract_type.value, c.weekly_hours, c.starts_on, c.ends_on, c.joint_committee
                )
                for c in held
            ),
            worked_hours=billed_workers.get(worker.id, [ZERO, ZERO])[0],
            absence_hours=billed_workers.get(worker.id, [ZERO, ZERO])[1],
        )
        for worker, held in by_worker.values()
    )

    snapshot = load_snapshot(session, groupement, first, last)
    spans = tuple(HeadcountSpan(s.first, s.last, s.value) for s in headcount(snapshot))
    counted = Counter(
        (f.rule_id, f.severity.value) for f in report_findings(session, groupement, snapshot)
    )
    derogations = session.scalars(
        select(Derogation)
        .where(Derogation.groupement_id == ge_id, overlapping(Derogation, first, last))
        .order_by(Derogation.starts_on, Derogation.rule_id, Derogation.id)
    ).all()

    return AnnualReport(
        language=groupement.language.value,
        groupement=Party(**seller_party(groupement)),  # type: ignore[arg-type]
        year=year,
        authorisation_reference=groupement.authorisation_reference,
        authorisation_date=groupement.authorisation_date,
        joint_committee=groupement.joint_committee,
        members=tuple(
            ReportMember(m.name, m.enterprise_number, m.joined_on, m.left_on) for m in members
        ),
        workers=workers,
        headcount=Headcount(groupement.headcount_cap, groupement.headcount_alert_percent, spans),
        member_hours=tuple(
            MemberHours(m.name, *billed_members[m.id]) for m in members if m.id in billed_members
        ),
        derogations=tuple(
            DerogationUsed(d.rule_id, d.kind.value, d.reference, d.starts_on, d.ends_on)
            for d in derogations
        ),
        findings=tuple(
            FindingCount(rule, severity, count)
            for (rule, severity), count in sorted(
                counted.items(), key=lambda item: (SEVERITY_ORDER.get(item[0][1], 9), item[0][0])
            )
        ),
        made_on=calendar.today(),
    )


def report_file(
    session: Session, principal: Principal, year: int, kind: str
) -> tuple[bytes, str, str]:
    """The report as ``kind`` (pdf or xlsx): its bytes, content type and file name."""
    report = annual_report(session, principal, year)
    name = f"rapport-annuel-{year}.{kind}"
    if kind == "pdf":
        return annual_report_pdf(report), "application/pdf", name
    return annual_report_workbook(report), XLSX, name


def mark_sent(principal: Principal, year: int) -> int | None:
    """Record the report of ``year`` as sent to the SPF ETCS: the GE's last year reported
    becomes ``year`` (never goes back: an earlier year changes nothing), so GE-REPORT-01
    stops reminding. Administrators only; a year not begun is refused (422), nothing
    written. Audited like every write. Returns the last year reported."""
    if not principal.can_write:
        raise Forbidden()
    check_year(year)
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        groupement = write.session.get_one(Groupement, principal.groupement_id)
        if groupement.annual_report_last_year is None or year > groupement.annual_report_last_year:
            groupement.annual_report_last_year = year
        return groupement.annual_report_last_year
