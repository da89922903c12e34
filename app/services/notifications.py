"""Notifications: stored once per GE and key, listed to the GE's staff, e-mailed over SMTP.

A job says what it found as findings; ``record`` keeps each one the GE has not been told
yet (the key says when the same news is news again), and ``deliver`` e-mails the ones
not e-mailed yet, after the job's transaction committed: a mail server that is down
delays the e-mail to the next run, it never undoes the job's work.

A notification keeps its finding (``Notification.finding``, the finding's record), not a
text: each recipient reads it, message and legal basis, in their own language, the GE's
administrators in theirs (``users.language``), the GE's notification address, the GE's
own, in the GE's language (``groupements.language``, French by default); one message per
language.
"""

import logging
import smtplib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from legal_rules import Finding

from ..db import db
from ..i18n import LANGUAGES, N_, t
from ..models import Groupement, Notification, User
from ..models.base import utcnow
from ..models.enums import Role

log = logging.getLogger(__name__)

SEVERITY_LABELS = {
    "blocking": N_("mail.severity.blocking"),
    "warning": N_("mail.severity.warning"),
    "info": N_("mail.severity.info"),
}


def record(
    session: Session,
    groupement_id: int,
    found: Iterable[tuple[str, Finding]],
    job_run_id: int | None = None,
) -> list[Notification]:
    """Store each (key, finding) the GE was not told yet; return the new notifications.

    The unique (groupement, key) makes it once even when two runs race: the loser's
    insert fails inside its own savepoint and is dropped.
    """
    found = list(found)
    known = set(
        session.scalars(
            select(Notification.key).where(
                Notification.groupement_id == groupement_id,
                Notification.key.in_([key for key, _f in found]),
            )
        )
    )
    added = []
    for key, finding in found:
        if key in known:
            continue
        known.add(key)
        notification = Notification(
            groupement_id=groupement_id,
            kind=finding.rule_id,
            severity=finding.severity.value,
            key=key,
            finding=finding.to_record(),
            first_date=finding.first_date,
            subjects=[list(s) for s in finding.subjects],
            job_run_id=job_run_id,
        )
        try:
            with session.begin_nested():
                session.add(notification)
        except IntegrityError:
            continue
        added.append(notification)
    return added


def subject_key(finding: Finding) -> str:
    """A finding's identity without its dates: the same breach, still there, is not news."""
    subjects = ",".join(f"{kind}:{ident}" for kind, ident in finding.subjects)
    return f"{finding.rule_id}[{subjects}]"


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False

    @staticmethod
    def from_config(config: dict[str, Any]) -> "Smtp | None":
        if not config.get("SMTP_HOST"):
            return None
        return Smtp(
            host=config["SMTP_HOST"],
            port=int(config.get("SMTP_PORT") or 25),
            sender=config.get("SMTP_FROM") or "mutua@localhost",
            username=config.get("SMTP_USERNAME") or None,
            password=config.get("SMTP_PASSWORD") or None,
            starttls=bool(config.get("SMTP_STARTTLS")),
        )


@contextmanager
def connected(smtp: Smtp) -> Iterator[smtplib.SMTP]:
    """One connection to the mail server, secured and signed in as configured."""
    with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as server:
        if smtp.starttls:
            server.starttls()
        if smtp.username:
            server.login(smtp.username, smtp.password or "")
        yield server


def recipients(session: Session, groupement: Groupement) -> dict[str, list[str]]:
    """The addresses to tell, by language: each active administrator in their own, the
    GE's notification address (unless an administrator's) in the GE's."""
    admins = session.execute(
        select(User.email, User.language)
        .where(
            User.groupement_id == groupement.id,
            User.role == Role.ADMIN,
            User.is_active.is_(True),
        )
        .order_by(User.id)
    ).all()
    by_address = {email: language.value for email, language in admins}
    if groupement.notification_email:
        by_address.setdefault(groupement.notification_email, groupement.language.value)
    grouped: dict[str, list[str]] = {}
    for email, language in by_address.items():
        grouped.setdefault(language if language in LANGUAGES else "fr", []).append(email)
    return grouped


def compose(
    groupement: Groupement,
    notifications: list[Notification],
    to: list[str],
    sender: str,
    language: str = "fr",
) -> EmailMessage:
    message = EmailMessage()
    count = len(notifications)
    subject = N_("mail.subject.one") if count == 1 else N_("mail.subject.many")
    message["Subject"] = t(subject, language, name=groupement.name, count=count)
    message["From"] = formataddr(("Mutua", sender))
    message["To"] = ", ".join(to)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    lines = [f"{groupement.name}", ""]
    for n in notifications:
        label = (
            t(SEVERITY_LABELS[n.severity], language)
            if n.severity in SEVERITY_LABELS
            else n.severity
        )
        finding = n.found()
        lines.append(f"- [{label}] {n.kind} : {finding.message(language)}")
        if reference := finding.legal_basis(language):
            lines.append(f"  ({reference})")
    lines += ["", t("mail.footer", language)]
    message.set_content("\n".join(lines))
    message["Content-Language"] = language
    return message


def deliver(groupement_id: int, smtp: Smtp | None) -> int:
    """E-mail the GE's notifications not e-mailed yet, one message per language of the
    recipients; return how many.

    Runs outside the job's transaction. The messages go over one connection; if any
    cannot be sent, none of the notifications is marked e-mailed (and it is logged):
    the next run sends them all again, so a recipient may get them twice, but none
    misses them.
    """
    if smtp is None:
        return 0
    session = db.session()
    groupement = session.get_one(Groupement, groupement_id)
    pending = session.scalars(
        select(Notification)
        .where(Notification.groupement_id == groupement_id, Notification.emailed_at.is_(None))
        .order_by(Notification.id)
    ).all()
    to = recipients(session, groupement)
    if not pending or not to:
        return 0
    messages = [
        compose(groupement, list(pending), addresses, smtp.sender, lang)
        for lang, addresses in to.items()
    ]
    try:
        with connected(smtp) as server:
            for message in messages:
                server.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        log.warning(
            "envoi des notifications du groupement %s impossible : %s", groupement_id, error
        )
        session.rollback()
        return 0
    with db.transaction() as session:
        sent_at = utcnow()
        for notification in session.scalars(
            select(Notification).where(Notification.id.in_([n.id for n in pending]))
        ):
            notification.emailed_at = sent_at
    return len(pending)
