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


def cmd_seed_scale(args: argparse.Namespace) -> int:
    """The benchmarks' national data set on top of the demo (bench/scale); an empty database
    gets the demo first."""
    from bench import scale
    from services.auth import hash_password

    conf = settings.get()
    if conf.production:
        print("seed-scale is refused when PORTAL_ENV=production", file=sys.stderr)
        return 2
    today = clock_for_today(conf.demo_today).today()
    engine = make_engine(conf.database_url)
    with session_factory(engine)() as session:
        if demo.is_empty(session):
            print("ฐานข้อมูลว่าง: ใส่ข้อมูลสาธิต (seed-demo) ก่อน")
            demo.seed(session, password=settings.DEMO_PASSWORD, today=today, now=utcnow())
    size = scale.SMALL if args.small else scale.FULL
    try:
        summary = scale.run(
            engine,
            size=size,
            seed=args.seed,
            today=today,
            password_hash=hash_password(settings.DEMO_PASSWORD),
            id_key=conf.id_hash_key,
            progress=lambda line: print(line, flush=True),
        )
    except scale.AlreadyLoaded:
        print(
            "ฐานข้อมูลนี้มีข้อมูลจำลองระดับประเทศแล้ว ไม่เพิ่มซ้ำ (ใช้ฐานข้อมูลใหม่: migrate แล้ว seed-scale)",
            file=sys.stderr,
        )
        return 2
    finally:
        engine.dispose()
    for table, n in summary.counts.items():
        print(f"  {table:<24} {n:>10,}")
    print("  statuses: " + ", ".join(f"{k} {v:,}" for k, v in sorted(summary.statuses.items())))
    print(f"เสร็จใน {summary.seconds:.1f} วินาที (seed {args.seed})")
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


def cmd_send_reminders(args: argparse.Namespace) -> int:
    """For cron or a systemd timer (e.g. every 15 minutes): today's assessment reminders, then
    the e-mail outbox. Pages never create reminders when they are viewed."""
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


def cmd_gc_documents(args: argparse.Namespace) -> int:
    """Remove stored files no document names (after a failed upload, or replaced/removed
    while the bytes were in a bucket); for cron, e.g. nightly."""
    from datetime import timedelta

    from services import storage
    from services.storage import gc

    engine = make_engine(settings.get().database_url)
    with session_factory(engine)() as session:
        keys = gc.collect(
            session,
            storage.for_session(session),
            now=utcnow(),
            min_age=timedelta(hours=args.min_age_hours),
            dry_run=args.dry_run,
        )
    engine.dispose()
    for key in keys:
        print(key)
    done = "จะลบ (--dry-run ยังไม่ได้ลบ)" if args.dry_run else "ลบแล้ว"
    print(f"{done}: {len(keys)} ไฟล์ที่ไม่มีเอกสารใดอ้างถึง")
    return 0


def _served_province(session) -> str | None:  # type: ignore[no-untyped-def]
    """The one province this installation serves (its district offices and rounds), or None."""
    from sqlalchemy import select, union

    from db.models import DistrictOffice, Round

    codes = session.scalars(
        union(select(DistrictOffice.province_code), select(Round.province_code))
    ).all()
    return codes[0] if len(codes) == 1 else None


def _print_progress(fraction: float, message: str) -> None:
    print(f"\r{fraction:4.0%} {message}          ", end="", file=sys.stderr, flush=True)


def cmd_import_registry(args: argparse.Namespace) -> int:
    """Old spreadsheets into the registry; all rows or none. With --json the last line of
    output is one JSON object: imported, duplicates, rejected, warnings and every row's outcome."""
    from core.registry_import import parse_type
    from services import registry_import

    path = Path(args.path)
    if not path.is_file():
        print(f"ไม่พบไฟล์ {path}", file=sys.stderr)
        return 2
    kind = parse_type(args.type) if args.type else None
    if args.type and kind is None:
        print(f"ไม่รู้จักประเภท “{args.type}” (leader, group, network, community)", file=sys.stderr)
        return 2
    conf = settings.get()
    engine = make_engine(conf.database_url)
    with session_factory(engine)() as session:
        province = args.province or _served_province(session)
        if province is None:
            print(
                "ระบบนี้ดูแลหลายจังหวัดหรือยังไม่มีจังหวัด กรุณาระบุ --province รหัสจังหวัด เช่น 27",
                file=sys.stderr,
            )
            return 2
        try:
            report = registry_import.import_file(
                session,
                None,
                path.name,
                path.read_bytes(),
                id_key=conf.id_hash_key,
                today=clock_for_today(conf.demo_today).today(),
                now=utcnow(),
                province_code=province,
                default_type=kind,
                dry_run=args.dry_run,
                progress=None if args.json else _print_progress,
            )
        except DomainError as error:
            print(error.message, file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("\nยกเลิกแล้ว ทะเบียนยังเหมือนเดิม ไม่ได้บันทึกแถวใด", file=sys.stderr)
            return 130
    engine.dispose()
    _print_import_report(report, json_last=args.json)
    return 0


def _print_import_report(report, *, json_last: bool) -> None:  # type: ignore[no-untyped-def]
    import json

    from core.registry_import import OUTCOME_LABELS

    if not json_last:
        print(file=sys.stderr)  # after the progress line
        for r in report.rows:
            if r.reason:
                print(f"{r.sheet} แถว {r.row or '-'}: {OUTCOME_LABELS[r.outcome]} — {r.reason}")
    done = "ตรวจแล้ว ยังไม่ได้บันทึก (--dry-run)" if report.dry_run else "นำเข้าแล้ว"
    print(
        f"{done}: นำเข้า {report.imported} ซ้ำ {report.duplicates} ไม่นำเข้า {report.rejected} "
        f"มีข้อสังเกต {report.warnings} ข้ามแถวว่าง/แถวรวม {report.skipped_rows}"
    )
    if json_last:
        print(json.dumps(report.summary(), ensure_ascii=False))


def cmd_export_registry(args: argparse.Namespace) -> int:
    """The public registry file: no national IDs, no phone numbers."""
    from services import registry_public

    engine = make_engine(settings.get().database_url)
    with (
        session_factory(engine)() as session,
        open(args.out, "w", encoding="utf-8-sig", newline="") as out,
    ):
        written = registry_public.export_csv(session, out)
    engine.dispose()
    print(f"{args.out}: {written} แถว")
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
    ss = sub.add_parser(
        "seed-scale", help="add the national synthetic data set for benchmarks (on the demo)"
    )
    ss.add_argument("--small", action="store_true", help="a few thousand rows, for tests")
    ss.add_argument("--seed", type=int, default=1, help="random seed: same seed, same data")
    ss.set_defaults(func=cmd_seed_scale)
    cu = sub.add_parser("create-user", help="create a staff or applicant account")
    cu.add_argument("username")
    cu.add_argument("--name", required=True, help="display name (Thai)")
    cu.add_argument("--role", required=True, choices=[r.value for r in Role])
    cu.add_argument("--province", help="province code, e.g. 27")
    cu.add_argument("--district", help="district code, e.g. 2701")
    cu.add_argument("--email")
    cu.add_argument("--password", help="omit to be asked (safer than the command line)")
    cu.set_defaults(func=cmd_create_user)
    # send-notifications is the older name of the same job, kept for existing crontabs.
    for name in ("send-reminders", "send-notifications"):
        sn = sub.add_parser(
            name, help="create due/overdue reminders and e-mail pending notifications (cron)"
        )
        sn.add_argument("--limit", type=int, default=500, help="most e-mails sent in one run")
        sn.set_defaults(func=cmd_send_reminders)
    rs = sub.add_parser(
        "render-samples", help="write every printed document from the demo data into OUTDIR"
    )
    rs.add_argument("outdir")
    rs.set_defaults(func=cmd_render_samples)
    sub.add_parser("check", help="refuse production settings that are unsafe").set_defaults(
        func=cmd_check
    )
    ir = sub.add_parser(
        "import-registry", help="import old registry spreadsheets (.xlsx or .csv); all or nothing"
    )
    ir.add_argument("path", help=".xlsx (every sheet) or .csv (UTF-8 or cp874/TIS-620)")
    ir.add_argument("--type", help="the type when neither a column nor the sheet name says it")
    ir.add_argument("--province", help="province code; default: the one this installation serves")
    ir.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    ir.add_argument("--json", action="store_true", help="last line: the report as one JSON object")
    ir.set_defaults(func=cmd_import_registry)
    gd = sub.add_parser("gc-documents", help="remove stored files that no document names")
    gd.add_argument("--dry-run", action="store_true", help="list them, remove nothing")
    gd.add_argument(
        "--min-age-hours",
        type=float,
        default=1.0,
        help="leave bucket objects written more recently (an upload may still be committing)",
    )
    gd.set_defaults(func=cmd_gc_documents)
    er = sub.add_parser("export-registry", help="write the public registry CSV (no IDs, no phones)")
    er.add_argument("out", help="the CSV file to write, e.g. registry.csv")
    er.set_defaults(func=cmd_export_registry)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
