"""E-mail of notifications against a real local SMTP server (aiosmtpd) started by the test."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import select

import manage
import settings
from core.workflow import Status
from db import migrate
from db.engine import make_engine, session_factory
from db.models import Notification
from services import mailer, notifications
from services.mailer import MailConfig
from tests.databases import backend_id, configured_urls, fresh_database
from tests.factories import make_application, make_round, make_user

NOW = datetime(2026, 11, 24, 3, 0)
TITLE = "ใบสมัครผ่านการตรวจสอบแล้ว"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it receives and can refuse one address."""

    def __init__(self, refuse: str | None = None) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[str] = []
        self.refuse = refuse
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]  # noqa: N802
        if address == self.refuse:
            return "550 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append(parsed)
        self.recipients += envelope.rcpt_tos
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        assert isinstance(auth_data, LoginPassword)
        self.logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret")


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(refuse="nobody@example.org"), free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=inbox.authenticate,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def config(port: int, **kw) -> MailConfig:  # type: ignore[no-untyped-def]
    base = dict(host="127.0.0.1", port=port, sender="mchch@example.org", timeout=5.0)
    return MailConfig(**(base | {"base_url": "https://mchch.example.org"} | kw))


def user_with_email(db, address: str | None = "somchai@example.org"):  # type: ignore[no-untyped-def]
    user = make_user(db)
    user.email = address
    db.flush()
    return user


def tell(db, user, *, now: datetime = NOW, body: str | None = "เอกสารครบถ้วน เริ่มขั้นที่ 2 ได้") -> None:  # type: ignore[no-untyped-def]
    notifications.notify(db, [user.id], kind="accepted", title=TITLE, body=body, now=now)
    db.commit()


def note_of(db, user) -> Notification:  # type: ignore[no-untyped-def]
    return db.scalar(select(Notification).where(Notification.user_id == user.id))


def test_a_notification_is_emailed_in_thai_with_a_link_and_marked_sent(db, smtp):
    inbox, port = smtp
    user = user_with_email(db)
    tell(db, user)
    report = mailer.send_pending(db, config(port), now=NOW)
    assert (report.sent, report.pending) == (1, 0)
    [message] = inbox.messages
    assert message["Subject"] == f"[มชช.] {TITLE}"
    assert message["To"] == "somchai@example.org"
    text = message.get_content()
    assert TITLE in text and "เอกสารครบถ้วน เริ่มขั้นที่ 2 ได้" in text
    assert "https://mchch.example.org" in text and "เรียน คุณผู้ใช้ทดสอบ" in text
    assert message.get_content_charset() == "utf-8"
    assert note_of(db, user).emailed_at == NOW


def test_a_second_run_does_not_send_the_same_notification_again(db, smtp):
    inbox, port = smtp
    tell(db, user_with_email(db))
    mailer.send_pending(db, config(port), now=NOW)
    assert mailer.send_pending(db, config(port), now=NOW + timedelta(minutes=5)).sent == 0
    assert len(inbox.messages) == 1


def test_users_without_email_and_old_notifications_are_left_alone(db, smtp):
    inbox, port = smtp
    no_address = user_with_email(db, None)
    blank = user_with_email(db, "")
    late = user_with_email(db, "late@example.org")
    tell(db, no_address)
    tell(db, blank)
    tell(db, late, now=NOW - mailer.MAX_AGE - timedelta(hours=1))
    assert mailer.send_pending(db, config(port), now=NOW).sent == 0
    assert inbox.messages == []
    assert all(note_of(db, u).emailed_at is None for u in (no_address, blank, late))


def test_an_unreachable_server_leaves_it_pending_and_raises_nothing(db):
    user = user_with_email(db)
    tell(db, user)
    report = mailer.send_pending(db, config(free_port(), timeout=2.0), now=NOW)
    assert (report.sent, report.pending) == (0, 1)
    assert note_of(db, user).emailed_at is None


def test_a_refused_address_stays_pending_and_the_others_still_go(db, smtp):
    inbox, port = smtp
    refused, fine = user_with_email(db, "nobody@example.org"), user_with_email(db)
    tell(db, refused)
    tell(db, fine)
    report = mailer.send_pending(db, config(port), now=NOW)
    assert (report.sent, report.pending) == (1, 1)
    assert inbox.recipients == ["somchai@example.org"]
    assert note_of(db, refused).emailed_at is None and note_of(db, fine).emailed_at == NOW


def test_the_sender_logs_in_when_a_user_is_configured(db, smtp):
    inbox, port = smtp
    tell(db, user_with_email(db))
    right = mailer.send_pending(db, config(port, user="portal", password="s3cret"), now=NOW)
    assert right.sent == 1
    assert inbox.logins[-1] == (b"portal", b"s3cret")


def test_without_smtp_settings_nothing_is_sent_and_nothing_fails(db, smtp, monkeypatch):
    inbox, _ = smtp
    monkeypatch.delenv("SMTP_HOST", raising=False)
    settings.get.cache_clear()
    try:
        assert MailConfig.from_settings(settings.get()) is None
        user = user_with_email(db)
        tell(db, user)
        assert mailer.send_pending(db, None, now=NOW) == mailer.SendReport()
        assert note_of(db, user).emailed_at is None and inbox.messages == []
    finally:
        settings.get.cache_clear()


def test_smtp_settings_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("SMTP_HOST", "mail.example.org")
    monkeypatch.setenv("SMTP_PORT", "587")
    monkeypatch.setenv("SMTP_FROM", "portal@example.org")
    monkeypatch.setenv("SMTP_USER", "portal")
    monkeypatch.setenv("SMTP_PASSWORD", "pw")
    monkeypatch.setenv("SMTP_STARTTLS", "true")
    monkeypatch.setenv("PORTAL_BASE_URL", "https://mchch.example.org")
    found = MailConfig.from_settings(settings.load())
    assert found == MailConfig(
        host="mail.example.org",
        port=587,
        sender="portal@example.org",
        user="portal",
        password="pw",
        starttls=True,
        base_url="https://mchch.example.org",
    )


def test_production_refuses_an_smtp_password_sent_in_clear(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("AUTH_COOKIE_KEY", "x" * 48)
    monkeypatch.setenv("NATIONAL_ID_HASH_KEY", "y" * 48)
    monkeypatch.delenv("DEMO_TODAY", raising=False)
    monkeypatch.setenv("SMTP_HOST", "mail.example.org")
    monkeypatch.setenv("SMTP_USER", "portal")
    monkeypatch.delenv("SMTP_STARTTLS", raising=False)
    monkeypatch.setenv("SMTP_PORT", "25")
    with pytest.raises(settings.SettingsError, match="SMTP_STARTTLS"):
        settings.load()
    monkeypatch.setenv("SMTP_STARTTLS", "1")
    assert settings.load().smtp_starttls


@pytest.mark.parametrize("server", configured_urls(), ids=backend_id)
def test_after_a_service_commits_the_mail_goes_out_in_the_background(server, smtp, monkeypatch):
    inbox, port = smtp
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    settings.get.cache_clear()
    with fresh_database(server) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        try:
            with session_factory(engine)() as session:
                user = user_with_email(session)
                tell(session, user, now=datetime.now().replace(microsecond=0))
            mailer.wait_for_background()
            assert [m["Subject"] for m in inbox.messages] == [f"[มชช.] {TITLE}"]
            with session_factory(engine)() as session:
                assert note_of(session, user).emailed_at is not None
        finally:
            engine.dispose()
            settings.get.cache_clear()


@pytest.mark.parametrize("server", configured_urls(), ids=backend_id)
def test_a_dead_mail_server_never_breaks_the_action_that_notified(server, monkeypatch):
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(free_port()))
    settings.get.cache_clear()
    with fresh_database(server) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        try:
            with session_factory(engine)() as session:
                user = user_with_email(session)
                tell(session, user, now=datetime.now().replace(microsecond=0))
            mailer.wait_for_background()
            with session_factory(engine)() as session:
                note = note_of(session, user)
                assert note is not None and note.emailed_at is None
        finally:
            engine.dispose()
            settings.get.cache_clear()


@pytest.mark.parametrize("server", configured_urls(), ids=backend_id)
def test_the_cron_command_creates_reminders_and_emails_them_once(server, smtp, monkeypatch, capsys):
    inbox, port = smtp
    with fresh_database(server) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        try:
            with session_factory(engine)() as session:
                rnd = make_round(session, fy=2570, cadence=3)
                owner = user_with_email(session)
                application = make_application(session, owner, rnd, status=Status.ACCEPTED)
                application.plan_start = date(2026, 12, 1)  # round 1 due 1 March 2027
                session.commit()
            for name, value in {
                "DATABASE_URL": url,
                "DEMO_TODAY": "2027-02-25",
                "SMTP_HOST": "127.0.0.1",
                "SMTP_PORT": str(port),
            }.items():
                monkeypatch.setenv(name, value)
            settings.get.cache_clear()
            assert manage.main(["send-notifications"]) == 0
            assert "reminders added: 1; e-mailed: 1; left pending: 0" in capsys.readouterr().out
            assert manage.main(["send-notifications"]) == 0
            assert "reminders added: 0; e-mailed: 0" in capsys.readouterr().out
            assert [m["Subject"] for m in inbox.messages] == ["[มชช.] ใกล้ถึงกำหนดประเมินตนเอง รอบที่ 1"]
        finally:
            engine.dispose()
            settings.get.cache_clear()
