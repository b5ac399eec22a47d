"""Command line for operators: python manage.py COMMAND --help."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

import settings
from core.errors import DomainError
from core.roles import Role
from db import migrate
from db.base import utcnow
from db.engine import make_engine, session_factory
from services import demo, users
from services.clock import clock_for_today


def cmd_migrate(args: argparse.Namespace) -> int:
    migrate.upgrade(settings.get().database_url)
    print("ฐานข้อมูลเป็นรุ่นล่าสุดแล้ว (database is at the current schema)")
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    conf = settings.get()
    if conf.production:
        print("seed-demo is refused when PORTAL_ENV=production", file=sys.stderr)
        return 2
    engine = make_engine(conf.database_url)
    with session_factory(engine)() as session:
        if not demo.is_empty(session):
            print("The database already has users: demo data not added.")
            return 0
        today = clock_for_today(conf.demo_today).today()
        result = demo.seed(session, password=settings.DEMO_PASSWORD, today=today, now=utcnow())
    print(f"Demo data added: {result}")
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    password = args.password or getpass.getpass("Password: ")
    engine = make_engine(settings.get().database_url)
    with session_factory(engine)() as session:
        try:
            user = users.create_user(
                session,
                None,
                username=args.username,
                display_name=args.name,
                password=password,
                role=Role(args.role),
                province_code=args.province,
                district_code=args.district,
                email=args.email,
                now=utcnow(),
            )
        except DomainError as error:
            print(error.message, file=sys.stderr)
            return 2
    print(f"Created {user.username} ({user.role.value})")
    return 0


def cmd_send_notifications(args: argparse.Namespace) -> int:
    """For cron (e.g. every 15 minutes): today's assessment reminders, then the e-mail outbox."""
    from services import mailer, reminders

    conf = settings.get()
    engine = make_engine(conf.database_url)
    with session_factory(engine)() as session:
        session.info[mailer.SENDS_ITSELF] = True  # no background send: this run reports it all
        now = utcnow()
        added = reminders.create_due_reminders(
            session, clock_for_today(conf.demo_today).today(), now
        )
        report = mailer.send_pending(
            session, mailer.MailConfig.from_settings(conf), now=now, limit=args.limit
        )
    engine.dispose()
    smtp = "SMTP not configured: in-app only" if not conf.smtp_host else "e-mailed"
    print(f"reminders added: {added}; {smtp}: {report.sent}; left pending: {report.pending}")
    return 0


def cmd_render_samples(args: argparse.Namespace) -> int:
    from services.sample_documents import render_samples  # fpdf2 only when asked

    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    today = clock_for_today(settings.get().demo_today).today()
    for name, data in render_samples(today=today, now=utcnow()).items():
        (out / name).write_bytes(data)
        print(out / name)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from services.startup import check_ready

    try:
        check_ready(settings.get())
    except settings.SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    print("OK")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="manage.py", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="bring the database to the current schema").set_defaults(
        func=cmd_migrate
    )
    sub.add_parser("seed-demo", help="fill an empty database with demo data").set_defaults(
        func=cmd_seed_demo
    )
    cu = sub.add_parser("create-user", help="create a staff or applicant account")
    cu.add_argument("username")
    cu.add_argument("--name", required=True, help="display name (Thai)")
    cu.add_argument("--role", required=True, choices=[r.value for r in Role])
    cu.add_argument("--province", help="province code, e.g. 27")
    cu.add_argument("--district", help="district code, e.g. 2701")
    cu.add_argument("--email")
    cu.add_argument("--password", help="omit to be asked (safer than the command line)")
    cu.set_defaults(func=cmd_create_user)
    sn = sub.add_parser(
        "send-notifications", help="create due/overdue reminders and e-mail pending notifications"
    )
    sn.add_argument("--limit", type=int, default=500, help="most e-mails sent in one run")
    sn.set_defaults(func=cmd_send_notifications)
    rs = sub.add_parser(
        "render-samples", help="write every printed document from the demo data into OUTDIR"
    )
    rs.add_argument("outdir")
    rs.set_defaults(func=cmd_render_samples)
    sub.add_parser("check", help="refuse production settings that are unsafe").set_defaults(
        func=cmd_check
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
