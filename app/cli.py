"""Operator commands: ``flask --app app <command>``.

What they print and their help are in the app's catalogue, in the operator's language
(``app.i18n.say``).
"""

import io
import sys
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.be import vat

from allocation import formats
from allocation.statements import MAX_STATEMENT_BYTES, StatementError

from . import demo
from .audit import Actor, acting_as
from .auth import hash_password, issue_token, password_problem
from .db import db
from .errors import MutuaError
from .i18n import N_, OPERATOR_LANGUAGE, label, say
from .jobs.cli import scheduler_cli
from .models import ApiToken, BillingRun, Groupement, Member, User
from .models.base import utcnow
from .models.enums import Language, Role, RunStatus
from .services import batch, billing, documents, payments

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def alembic_config(url: str) -> Config:
    config = Config(toml_file=str(PROJECT_ROOT / "pyproject.toml"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["database_url"] = url
    return config


def _enterprise_number(_ctx: Any, _param: Any, value: str) -> str:
    if not vat.is_valid(value):
        raise click.BadParameter(say("cli.bad_enterprise_number"))
    return str(vat.compact(value))


def _acceptable_password(password: str, email: str, option: str) -> str:
    """``password`` when the policy takes it (the web's own check), else a usage error."""
    if problem := password_problem(password, email.lower()):
        raise click.BadParameter(say(problem), param_hint=option)
    return password


def _user_by_email(email: str) -> User:
    user = db.session().scalars(select(User).where(User.email == email.lower())).one_or_none()
    if user is None:
        raise click.ClickException(say("cli.no_user", email=email))
    return user


def _revoke(session: Session, user: User, name: str | None = None) -> int:
    """Revoke a user's live tokens (those of one name when given); returns how many."""
    query = select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    if name is not None:
        query = query.where(ApiToken.name == name)
    tokens = list(session.scalars(query))
    for token in tokens:
        token.revoked_at = utcnow()
    return len(tokens)


@click.command("migrate", help=say(N_("cli.help.migrate")))
def migrate() -> None:
    """Bring the database schema to the latest migration."""
    command.upgrade(alembic_config(current_app.config["DATABASE_URL"]), "head")
    click.echo(say("cli.migrated", engine=db.engine.dialect.name if db.engine else "?"))


def language_option(name: str, description: str) -> Any:
    """A user's or a GE's language (fr, nl, en; French by default); ``description`` is a
    message id."""
    return click.option(
        name,
        type=click.Choice([code.value for code in Language]),
        default=Language.FR.value,
        show_default=True,
        help=say(description),
    )


@click.command("create-groupement", help=say(N_("cli.help.create_groupement")))
@click.option("--name", required=True, help=say(N_("cli.help.groupement_name")))
@click.option("--enterprise-number", required=True, callback=_enterprise_number)
@click.option("--street", required=True)
@click.option("--postal-code", required=True)
@click.option("--city", required=True)
@click.option("--rpm-seat", required=True, help=say(N_("cli.help.rpm_seat")))
@click.option("--admin-email", required=True)
@click.option("--admin-password", required=True, prompt=True, hide_input=True)
@language_option("--language", N_("cli.help.groupement_language"))
@language_option("--admin-language", N_("cli.help.admin_language"))
def create_groupement(**options: str) -> None:
    """Create a groupement with its first administrator, and print an API token."""
    _acceptable_password(options["admin_password"], options["admin_email"], "--admin-password")
    with acting_as(Actor("cli:create-groupement")), db.transaction() as session:
        groupement = Groupement(
            name=options["name"],
            enterprise_number=options["enterprise_number"],
            street=options["street"],
            postal_code=options["postal_code"],
            city=options["city"],
            rpm_seat=options["rpm_seat"],
            language=Language(options["language"]),
        )
        session.add(groupement)
        session.flush()
        admin = User(
            groupement_id=groupement.id,
            email=options["admin_email"].lower(),
            password_hash=hash_password(options["admin_password"]),
            role=Role.ADMIN,
            language=Language(options["admin_language"]),
        )
        session.add(admin)
        session.flush()
        token = issue_token(session, admin, "create-groupement")
    click.echo(say("cli.groupement_created", id=groupement.id, name=groupement.name))
    click.echo(say("cli.administrator", email=admin.email))
    click.echo(say("cli.token_shown_once", token=token))


@click.command("create-user", help=say(N_("cli.help.create_user")))
@click.option("--groupement", "groupement_id", type=int, required=True)
@click.option("--email", required=True)
@click.option("--password", required=True, prompt=True, hide_input=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--member", "member_id", type=int, help=say(N_("cli.help.member")))
@click.option("--name", "full_name", default="")
@language_option("--language", N_("cli.help.user_language"))
def create_user(
    groupement_id: int,
    email: str,
    password: str,
    role: str,
    member_id: int | None,
    full_name: str,
    language: str,
) -> None:
    """Create a user of a groupement (a member user needs --member)."""
    if (role == Role.MEMBER) != (member_id is not None):
        raise click.UsageError(say("cli.member_option"))
    _acceptable_password(password, email, "--password")
    with acting_as(Actor("cli:create-user")), db.transaction() as session:
        if session.get(Groupement, groupement_id) is None:
            raise click.ClickException(say("cli.no_groupement", id=groupement_id))
        member = session.get(Member, member_id) if member_id is not None else None
        if member_id is not None and (member is None or member.groupement_id != groupement_id):
            raise click.ClickException(say("cli.no_member", id=member_id))
        user = User(
            groupement_id=groupement_id,
            email=email.lower(),
            full_name=full_name,
            password_hash=hash_password(password),
            role=Role(role),
            member_id=member_id,
            language=Language(language),
        )
        session.add(user)
    click.echo(
        say(
            "cli.user_created",
            id=user.id,
            email=user.email,
            role=label(user.role, lang=OPERATOR_LANGUAGE),
            language=label(user.language, lang=OPERATOR_LANGUAGE),
        )
    )


@click.command("create-token", help=say(N_("cli.help.create_token")))
@click.option("--email", required=True)
@click.option("--name", default="cli", help=say(N_("cli.help.token_name")))
def create_token(email: str, name: str) -> None:
    """Print a new API token for a user (shown once)."""
    with acting_as(Actor("cli:create-token")), db.transaction() as session:
        token = issue_token(session, _user_by_email(email), name)
    click.echo(token)


@click.command("revoke-tokens", help=say(N_("cli.help.revoke_tokens")))
@click.option("--email", required=True)
def revoke_tokens(email: str) -> None:
    """Revoke every token of a user."""
    with acting_as(Actor("cli:revoke-tokens")), db.transaction() as session:
        count = _revoke(session, _user_by_email(email))
    click.echo(say("cli.tokens_revoked", count=count))


@click.command("seed-demo", help=say(N_("cli.help.seed_demo")))
@click.option("--print-token", is_flag=True, help=say(N_("cli.help.print_token")))
def seed_demo(print_token: bool) -> None:
    """Load the demo groupement (does nothing when it is already there)."""
    with acting_as(Actor("cli:seed-demo")), db.transaction() as session:
        groupement, created = demo.load_demo(session)
        token = None
        if print_token:
            admin = _user_by_email(demo.ADMIN_EMAIL)
            # One live demo token at a time: the previous one stops working.
            _revoke(session, admin, name="demo")
            token = issue_token(session, admin, "demo")
    state = N_("cli.demo_loaded") if created else N_("cli.demo_present")
    click.echo(say(state, name=groupement.name, id=groupement.id))
    click.echo(say("cli.demo_logins", password=demo.DEMO_PASSWORD))
    for role, member, language, email in demo.demo_logins():
        who = label(role, lang=OPERATOR_LANGUAGE) + (f" — {member}" if member else "")
        reads = label(language, lang=OPERATOR_LANGUAGE)
        click.echo(f"  {who:<52} {email:<38} ({reads})")
    if token:
        click.echo(say("cli.demo_token", token=token))
        example = f'curl -H "Authorization: Bearer {token}" http://127.0.0.1:5000/api/v1/members/'
        click.echo("  " + say("cli.demo_try", command=example))
    click.echo(say("cli.api_docs", url="http://127.0.0.1:5000/api/v1/docs"))


billing_cli = click.Group("billing", help=say(N_("cli.help.billing")))


def _groupements(groupement_id: int | None) -> list[Groupement]:
    query = select(Groupement).order_by(Groupement.id)
    if groupement_id is not None:
        query = query.where(Groupement.id == groupement_id)
    found = list(db.session().scalars(query))
    if groupement_id is not None and not found:
        raise click.ClickException(say("cli.no_groupement", id=groupement_id))
    return found


def _explain(error: MutuaError) -> str:
    """A refusal in a line: its message, then each finding's rule and message."""
    findings = error.errors.get("findings") or []
    details = "; ".join(
        f"{found['rule_id']} {found['messages'][OPERATOR_LANGUAGE]}" for found in findings
    ) or (error.errors or "")
    return f"{error.message(OPERATOR_LANGUAGE)} {details}".strip()


workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help=say(N_("cli.help.workers")),
)


def _each_groupement(label: str, groupement_id: int | None, workers: int, work: batch.Work) -> None:
    """Run ``work`` for each GE in its own transaction, in ``workers`` processes, with a
    progress bar; a GE another process or machine is working is not worked twice
    (``services.batch``). One GE's refusal is reported and the others go on. Then a line
    per GE, the summary, and the refusals last. Exit code 1 when any was refused, failed
    or was left without an outcome (its process died)."""
    targets = [(ge.id, ge.name) for ge in _groupements(groupement_id)]
    if workers > 1 and not batch.can_run_in_parallel(db.session()):
        click.echo(say("cli.sqlite_one_process", workers=workers), err=True)
        workers = 1
    with click.progressbar(length=len(targets), label=label, show_pos=True, file=sys.stderr) as bar:
        outcomes = batch.run(
            [ge for ge, _name in targets],
            work,
            _explain,
            actor=Actor(f"cli:billing {label}"),
            workers=workers,
            progress=lambda _ge, _outcome: bar.update(1),
        )
    counts = dict.fromkeys(batch.Kind, 0)
    refusals: list[str] = []
    for ge, name in targets:
        outcome = outcomes.get(ge, batch.Outcome(batch.Kind.FAILED, say("cli.not_handled")))
        counts[outcome.kind] += 1
        if outcome.kind is batch.Kind.REFUSED:
            refusals.append(say("cli.refused", name=name, message=outcome.text))
        elif outcome.kind is batch.Kind.FAILED:
            refusals.append(say("cli.failed", name=name, message=outcome.text))
        else:
            text = outcome.text
            if outcome.kind is batch.Kind.ELSEWHERE:
                text = say("cli.elsewhere", outcome=text)
            click.echo(say("cli.outcome", name=name, outcome=text))
    click.echo(
        say(
            "cli.summary",
            done=counts[batch.Kind.DONE],
            nothing=counts[batch.Kind.NOTHING],
            elsewhere=counts[batch.Kind.ELSEWHERE],
            refused=counts[batch.Kind.REFUSED],
            failed=counts[batch.Kind.FAILED],
        )
    )
    for line in refusals:
        click.echo(line)
    if refusals:
        raise SystemExit(1)


@billing_cli.command("draft", help=say(N_("cli.help.billing_draft")))
@click.option("--period", required=True, help=say(N_("cli.help.period")))
@click.option("--groupement", "groupement_id", type=int, help=say(N_("cli.help.one_groupement")))
@workers_option
@click.option("--force", is_flag=True, help=say(N_("cli.help.force_draft")))
def billing_draft(period: str, groupement_id: int | None, workers: int, force: bool) -> None:
    """Draft the month for every groupement (replacing earlier drafts; a current one is
    kept unless --force)."""
    month = billing.parse_period(period)

    def work(session: Session, groupement_id: int) -> batch.Outcome:
        if not force and (current := billing.current_draft(session, groupement_id, month)):
            return batch.Outcome(batch.Kind.NOTHING, say("cli.draft_current", id=current.id))
        run = billing.draft(session, groupement_id, month)
        total = sum((invoice.total for invoice in run.invoices), Decimal("0.00"))
        text = say(
            "cli.drafted",
            id=run.id,
            kind=label(run.kind, lang=OPERATOR_LANGUAGE),
            count=len(run.invoices),
            total=formats.money(total, OPERATOR_LANGUAGE),
        )
        return batch.Outcome(batch.Kind.DONE, text)

    _each_groupement(say("cli.drafting", period=period), groupement_id, workers, work)


@billing_cli.command("issue", help=say(N_("cli.help.billing_issue")))
@click.option("--period", required=True, help=say(N_("cli.help.period")))
@click.option("--groupement", "groupement_id", type=int, help=say(N_("cli.help.one_groupement")))
@click.option(
    "--date",
    "issue_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=say(N_("cli.help.issue_date")),
)
@workers_option
def billing_issue(
    period: str, groupement_id: int | None, issue_date: datetime | None, workers: int
) -> None:
    """Issue the month's draft of every groupement that has one."""
    month = billing.parse_period(period)
    day = issue_date.date() if issue_date else None

    def work(session: Session, groupement_id: int) -> batch.Outcome:
        run = session.scalars(
            select(BillingRun).where(
                BillingRun.groupement_id == groupement_id,
                BillingRun.month == month,
                BillingRun.status == RunStatus.DRAFT,
            )
        ).first()
        if run is None:
            return batch.Outcome(batch.Kind.NOTHING, say("cli.no_draft"))
        billing.issue(session, groupement_id, run.id, day)
        references = sorted(i.reference or "" for i in run.invoices)
        if not references:
            return batch.Outcome(batch.Kind.DONE, say("cli.nothing_to_issue"))
        text = say("cli.issued", count=len(references), first=references[0], last=references[-1])
        return batch.Outcome(batch.Kind.DONE, text)

    _each_groupement(say("cli.issuing", period=period), groupement_id, workers, work)


@click.command("export", help=say(N_("cli.help.export")))
@click.option("--period", required=True, help=say(N_("cli.help.period")))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=say(N_("cli.help.out")),
)
@click.option("--groupement", "groupement_id", type=int, help=say(N_("cli.help.one_groupement")))
def export(period: str, out: Path, groupement_id: int | None) -> None:
    """Write every issued run of the month (documents, workbooks, journals) under OUT,
    one folder per groupement."""
    month = billing.parse_period(period)
    targets = _groupements(groupement_id)
    written = 0
    with click.progressbar(
        targets, label=say("cli.exporting", period=period), show_pos=True, file=sys.stderr
    ) as bar:
        for groupement in bar:
            session = db.session()
            runs = session.scalars(
                select(BillingRun)
                .where(
                    BillingRun.groupement_id == groupement.id,
                    BillingRun.month == month,
                    BillingRun.status == RunStatus.ISSUED,
                )
                .order_by(BillingRun.id)
            ).all()
            for run in runs:
                folder = out / f"{groupement.id}-{groupement.enterprise_number}"
                with zipfile.ZipFile(io.BytesIO(documents.run_archive(session, run))) as archive:
                    archive.extractall(folder / f"run-{run.id}")
                    written += len(archive.namelist())
    click.echo(say("cli.files_written", count=written, folder=out))


@click.command("bank-import", help=say(N_("cli.help.bank_import")))
@click.option("--groupement", "groupement_id", type=int, required=True)
@click.argument("statement", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def bank_import(groupement_id: int, statement: Path) -> None:
    """Import a CODA or camt.053 file into one GE's bank lines (nothing twice)."""
    _groupements(groupement_id)
    size = statement.stat().st_size
    try:
        if size > MAX_STATEMENT_BYTES:  # refused unread, with its real size
            raise payments.refusal(
                StatementError("too_large", size=size, limit=MAX_STATEMENT_BYTES)
            )
        with acting_as(Actor("cli:bank-import")):
            summary = payments.import_statements(
                groupement_id, statement.read_bytes(), statement.name
            )
    except MutuaError as error:
        details = " ".join(str(m) for m in error.errors.get("file", []))
        raise click.ClickException(f"{error.message(OPERATOR_LANGUAGE)} {details}") from error
    click.echo(
        say(
            "cli.bank_imported",
            lines=summary.new_lines,
            known=summary.known_lines,
            credits=formats.money(summary.credits, OPERATOR_LANGUAGE),
            matched=formats.money(summary.matched, OPERATOR_LANGUAGE),
            unmatched=formats.money(summary.unmatched, OPERATOR_LANGUAGE),
            to_assign=summary.to_assign,
        )
    )


COMMANDS = (
    bank_import,
    migrate,
    create_groupement,
    create_user,
    create_token,
    revoke_tokens,
    seed_demo,
    billing_cli,
    export,
    scheduler_cli,
)


def register(app: Flask) -> None:
    for cmd in COMMANDS:
        app.cli.add_command(cmd)
