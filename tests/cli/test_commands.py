"""Operator commands, run as `flask --app app <command>` would run them."""

import os
import re
import subprocess
import sys
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.demo import ENGLISH_ACCOUNTANT_EMAIL, demo_logins
from app.models import AuditEvent, Groupement, Member, User, Worker
from tests.conftest import World
from tests.factories import enterprise_number

TOKEN = re.compile(r"mutua_[A-Za-z0-9_\-]{20,}")


def _count(session: Session, model: Any) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_create_groupement_prints_a_token_that_works(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    number = enterprise_number()
    result = app.test_cli_runner().invoke(
        args=[
            "create-groupement",
            "--name",
            "GE Namur ASBL",
            "--enterprise-number",
            number,
            "--street",
            "Rue de Fer 1",
            "--postal-code",
            "5000",
            "--city",
            "Namur",
            "--rpm-seat",
            "Tribunal de l'entreprise de Liège, division Namur",
            "--admin-email",
            "Admin@GE-Namur.be",
            "--admin-password",
            "s3cret-namur",
            "--admin-language",
            "nl",
            "--language",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    token = TOKEN.search(result.output)
    assert token is not None
    own = client.get("/api/v1/groupement", headers={"Authorization": f"Bearer {token.group()}"})
    assert own.get_json()["enterprise_number"] == number
    assert own.get_json()["headcount_cap"] == 50
    assert own.get_json()["language"] == "en"  # the GE's papers; its administrator reads Dutch
    admin = session.scalars(select(User).where(User.email == "admin@ge-namur.be")).one()
    assert admin.password_hash != "s3cret-namur"
    assert admin.language == "nl"
    actors = session.scalars(
        select(AuditEvent.actor).where(AuditEvent.groupement_id == admin.groupement_id)
    ).all()
    assert set(actors) == {"cli:create-groupement"}


def test_create_groupement_refuses_an_invalid_enterprise_number(
    app: Flask, session: Session
) -> None:
    before = _count(session, Groupement)
    result = app.test_cli_runner().invoke(
        args=[
            "create-groupement",
            "--name",
            "X",
            "--enterprise-number",
            "0403170702",
            "--street",
            "s",
            "--postal-code",
            "1000",
            "--city",
            "c",
            "--rpm-seat",
            "r",
            "--admin-email",
            "x@example.be",
            "--admin-password",
            "p",
        ],
    )
    assert result.exit_code != 0
    assert "numéro d'entreprise" in result.output
    assert _count(session, Groupement) == before


def test_create_groupement_writes_its_papers_in_french_unless_told(
    app: Flask, session: Session
) -> None:
    number = enterprise_number()
    common = ["create-groupement", "--name", "GE Gent VZW", "--enterprise-number", number]
    address = ["--street", "Veldstraat 1", "--postal-code", "9000", "--city", "Gent"]
    admin = ["--rpm-seat", "Ondernemingsrechtbank Gent", "--admin-email", "beheer@ge-gent.be"]
    password = ["--admin-password", "Gent-beheer-2026-lang!"]
    refused = app.test_cli_runner().invoke(
        args=[*common, *address, *admin, *password, "--language", "de"]
    )
    assert refused.exit_code != 0 and "--language" in refused.output
    result = app.test_cli_runner().invoke(args=[*common, *address, *admin, *password])
    assert result.exit_code == 0, result.output
    created = session.scalars(select(Groupement).where(Groupement.enterprise_number == number))
    assert created.one().language == "fr"


def test_create_user_and_token_for_a_member(
    app: Flask, client: FlaskClient, session: Session, world: World
) -> None:
    member_id = world.member_ids_a[2]
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-user",
            "--groupement",
            str(world.ge_a),
            "--email",
            "tresorier@example.be",
            "--password",
            "tresor-des-marolles-2026",
            "--role",
            "member",
            "--member",
            str(member_id),
        ],
    )
    assert result.exit_code == 0, result.output
    token = runner.invoke(args=["create-token", "--email", "tresorier@example.be"]).output.strip()
    listed = client.get("/api/v1/members/", headers={"Authorization": f"Bearer {token}"})
    assert [m["id"] for m in listed.get_json()] == [member_id]

    revoked = runner.invoke(args=["revoke-tokens", "--email", "tresorier@example.be"])
    assert "1 jeton" in revoked.output
    again = client.get("/api/v1/members/", headers={"Authorization": f"Bearer {token}"})
    assert again.status_code == 401


def test_create_user_sets_the_users_language(
    app: Flask, client: FlaskClient, session: Session, world: World
) -> None:
    runner = app.test_cli_runner()
    common = ["create-user", "--groupement", str(world.ge_a), "--role", "accountant"]
    password = ["--password", "tresor-des-marolles-2026"]
    dutch = runner.invoke(
        args=[*common, "--email", "boekhouder@example.be", *password, "--language", "nl"]
    )
    assert dutch.exit_code == 0, dutch.output
    assert "(Comptable, Néerlandais)" in dutch.output  # the labels, in the operator's French
    plain = runner.invoke(args=[*common, "--email", "comptable2@example.be", *password])
    assert plain.exit_code == 0, plain.output
    languages = dict(
        session.execute(
            select(User.email, User.language).where(
                User.email.in_(["boekhouder@example.be", "comptable2@example.be"])
            )
        ).all()
    )
    assert languages == {"boekhouder@example.be": "nl", "comptable2@example.be": "fr"}
    token = runner.invoke(args=["create-token", "--email", "boekhouder@example.be"]).output.strip()
    missing = client.get("/api/v1/members/999999999", headers={"Authorization": f"Bearer {token}"})
    assert missing.get_json()["message"] == "Bron niet gevonden."
    refused = runner.invoke(
        args=[*common, "--email", "x@example.be", *password, "--language", "de"]
    )
    assert refused.exit_code != 0 and "--language" in refused.output


def test_a_member_user_needs_a_member_of_its_own_groupement(
    app: Flask, session: Session, world: World
) -> None:
    foreign_member = session.scalars(
        select(Member.id).where(Member.groupement_id == world.ge_b)
    ).first()
    before = _count(session, User)
    runner = app.test_cli_runner()
    for extra in (["--role", "member"], ["--role", "member", "--member", str(foreign_member)]):
        result = runner.invoke(
            args=[
                "create-user",
                "--groupement",
                str(world.ge_a),
                "--email",
                "x@example.be",
                "--password",
                "tresor-des-marolles-2026",
                *extra,
            ],
        )
        assert result.exit_code != 0
    assert _count(session, User) == before


def test_seed_demo_is_idempotent_and_prints_the_logins(app: Flask, session: Session) -> None:
    counts = {model: _count(session, model) for model in (Groupement, Member, Worker, User)}
    result = app.test_cli_runner().invoke(args=["seed-demo", "--print-token"])
    assert result.exit_code == 0, result.output
    assert "déjà présent" in result.output
    for _role, _member, _language, email in demo_logins():
        assert email in result.output
    assert re.search(
        rf"Comptable +{re.escape(ENGLISH_ACCOUNTANT_EMAIL)} +\(Anglais\)", result.output
    )
    assert TOKEN.search(result.output)
    assert {model: _count(session, model) for model in counts} == counts
    english = session.scalars(select(User).where(User.email == ENGLISH_ACCOUNTANT_EMAIL)).one()
    assert (english.role, english.language) == ("accountant", "en")


def test_billing_commands_draft_and_issue_every_groupement_and_report_refusals(
    app: Flask, session: Session, world: World
) -> None:
    runner = app.test_cli_runner()
    drafted = runner.invoke(args=["billing", "draft", "--period", "2026-05"])
    assert drafted.exit_code == 1  # GE B has no authorisation: refused, GE A drafted anyway
    assert "GE Bruxelles Solidaire ASBL : brouillon" in drafted.output
    assert "GE Liège Entraide ASBL : REFUSÉ" in drafted.output and "GE-AUTH-01" in drafted.output
    issued = runner.invoke(
        args=[
            "billing",
            "issue",
            "--period",
            "2026-05",
            "--groupement",
            str(world.ge_a),
            "--date",
            "2026-06-03",
        ]
    )
    assert issued.exit_code == 0, issued.output
    assert "4 factures émises (F2026-00001 … F2026-00004)" in issued.output
    again = runner.invoke(
        args=["billing", "issue", "--period", "2026-05", "--groupement", str(world.ge_a)]
    )
    assert "aucun brouillon" in again.output


def test_export_writes_every_file_of_the_issued_month(
    app: Flask, session: Session, world: World, tmp_path: Any
) -> None:
    runner = app.test_cli_runner()
    for command in (["billing", "draft"], ["billing", "issue"]):
        runner.invoke(args=[*command, "--period", "2026-05", "--groupement", str(world.ge_a)])
    result = runner.invoke(
        args=[
            "export",
            "--period",
            "2026-05",
            "--out",
            str(tmp_path),
            "--groupement",
            str(world.ge_a),
        ]
    )
    assert result.exit_code == 0, result.output
    files = {path.name for path in tmp_path.rglob("*") if path.is_file()}
    assert {
        "F2026-00001.pdf",
        "F2026-00001.xml",
        "F2026-00001.xlsx",
        "repartition-2026-05.xlsx",
        "csv.csv",
        "winbooks.csv",
    } <= files
    assert "fichiers écrits" in result.output


def test_the_commands_speak_the_operators_language(app: Flask, world: World) -> None:
    """``MUTUA_DEFAULT_LANGUAGE`` is the operator's language: the help and what a command
    prints are in it (a fresh process, since click takes its help when it is declared)."""

    def flask(language: str, *args: str) -> subprocess.CompletedProcess[str]:
        env = os.environ | {
            "MUTUA_DEFAULT_LANGUAGE": language,
            "MUTUA_DATABASE_URL": app.config["DATABASE_URL"],
        }
        command = [sys.executable, "-m", "flask", "--app", "app", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    help_nl = flask("nl", "billing", "draft", "--help")
    assert "Het ontwerp van de maand opmaken voor elke groepering" in help_nl.stdout
    assert "De maand, JJJJ-MM" in help_nl.stdout
    assert (
        "Draft the month for every groupement" in flask("en", "billing", "draft", "--help").stdout
    )
    unknown = ["create-token", "--email", "nobody@example.be"]
    assert "Error: geen gebruiker nobody@example.be" in flask("nl", *unknown).stderr
    assert "Error: aucun utilisateur nobody@example.be" in flask("fr", *unknown).stderr
    # A language Mutua does not speak: French.
    assert "Le mois, AAAA-MM" in flask("de", "billing", "draft", "--help").stdout
