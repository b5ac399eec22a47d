"""E-mail for the inbox: an outbox over Notification.emailed_at, sent only when SMTP is set.

A notification is e-mailed when its user is active and has an e-mail address, and it is at most
MAX_AGE old (an address added later does not bring a flood of old news). Each one is claimed
(emailed_at set and committed) before it is handed to the server and released if the server
refuses it, so two senders never send it twice; a crash between the two loses the e-mail, never
the inbox entry. No database transaction stays open while the server is talked to.

Sending happens in two places: in a background thread right after a service commits a
transaction that notified someone (send_after_commit, called by notifications.notify), and from
`python manage.py send-reminders` (cron), which picks up whatever the server refused before.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import Engine, event, select, update
from sqlalchemy.orm import Session

import settings as settings_module
from db.models import Notification, User
from services.clock import utcnow

log = logging.getLogger(__name__)

MAX_AGE = timedelta(days=7)
SUBJECT_PREFIX = "[มชช.]"
FOOTER = "อีเมลฉบับนี้ส่งโดยอัตโนมัติจากระบบ มชช. ออนไลน์ กรุณาอย่าตอบกลับอีเมลนี้"


@dataclass(frozen=True)
class MailConfig:
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    base_url: str = ""
    timeout: float = 10.0

    @classmethod
    def from_settings(cls, conf: settings_module.Settings) -> MailConfig | None:
        """None when SMTP_HOST is not set: the portal then keeps notifications in-app only."""
        if not conf.smtp_host:
            return None
        return cls(
            host=conf.smtp_host,
            port=conf.smtp_port,
            sender=conf.smtp_sender,
            user=conf.smtp_user,
            password=conf.smtp_password,
            starttls=conf.smtp_starttls,
            base_url=conf.public_base_url,
        )


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    pending: int = 0  # left for the next attempt (server down or refused)


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def message_for(note: Notification, user: User, config: MailConfig, now: datetime) -> EmailMessage:
    lines = [f"เรียน คุณ{_one_line(user.display_name)}", "", _one_line(note.title)]
    if note.body:
        lines += ["", note.body.strip()]
    lines.append("")
    if config.base_url:
        lines.append(f"ดูรายละเอียดได้ที่ระบบ มชช. ออนไลน์: {config.base_url}")
    else:
        lines.append("ดูรายละเอียดได้ที่เมนู “การแจ้งเตือน” ในระบบ มชช. ออนไลน์")
    lines += ["", "--", FOOTER]
    message = EmailMessage()
    message["Subject"] = f"{SUBJECT_PREFIX} {_one_line(note.title)}"
    message["From"] = config.sender
    message["To"] = _one_line(user.email or "")
    message["Date"] = format_datetime(now.replace(tzinfo=UTC))
    message["Message-ID"] = make_msgid(idstring=f"notification-{note.id}")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(lines) + "\n", charset="utf-8")
    return message


def _pending(session: Session, now: datetime, limit: int) -> list[tuple[Notification, User]]:
    stmt = (
        select(Notification, User)
        .join(User, User.id == Notification.user_id)
        .where(
            Notification.emailed_at.is_(None),
            Notification.created_at >= now - MAX_AGE,
            User.active.is_(True),
            User.email.is_not(None),
            User.email != "",
        )
        .order_by(Notification.id)
        .limit(limit)
    )
    return [(n, u) for n, u in session.execute(stmt)]


def _claim(session: Session, note_id: int, now: datetime) -> bool:
    result = session.execute(
        update(Notification)
        .where(Notification.id == note_id, Notification.emailed_at.is_(None))
        .values(emailed_at=now)
    )
    session.commit()
    return result.rowcount == 1


def _release(session: Session, note_id: int) -> None:
    session.execute(update(Notification).where(Notification.id == note_id).values(emailed_at=None))
    session.commit()


def _connect(config: MailConfig) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if config.port == 465:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            config.host, config.port, timeout=config.timeout, context=context
        )
    else:
        smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    try:
        if config.starttls:
            smtp.starttls(context=context)
        if config.user:
            smtp.login(config.user, config.password or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def send_pending(
    session: Session, config: MailConfig | None, *, now: datetime, limit: int = 200
) -> SendReport:
    """E-mails what is pending; an unreachable or refusing server leaves it pending, no raise."""
    if config is None:
        return SendReport()
    batch = []
    for note, user in _pending(session, now, limit):
        try:
            batch.append((note.id, message_for(note, user, config, now)))
        except ValueError:  # an address the e-mail library cannot write as a header
            log.warning("notification %s: recipient address unusable, not e-mailed", note.id)
    session.commit()  # end the read: nothing stays locked while the server is talked to
    if not batch:
        return SendReport()
    try:
        smtp = _connect(config)
    except (OSError, smtplib.SMTPException) as error:
        log.warning(
            "SMTP %s:%s unavailable (%s); %d e-mails left pending",
            config.host,
            config.port,
            error,
            len(batch),
        )
        return SendReport(pending=len(batch))
    sent = left = 0
    try:
        for position, (note_id, message) in enumerate(batch):
            if not _claim(session, note_id, now):
                continue  # another sender took it
            try:
                smtp.send_message(message)
                sent += 1
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as error:
                _release(session, note_id)
                left += 1
                log.warning("notification %s refused by the SMTP server: %s", note_id, error)
            except (OSError, smtplib.SMTPException) as error:
                _release(session, note_id)
                log.warning("SMTP failed (%s); the rest stays pending", error)
                return SendReport(sent=sent, pending=left + len(batch) - position)
    finally:
        _quit(smtp)
    return SendReport(sent=sent, pending=left)


def _quit(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


# --- after a service's commit -------------------------------------------------------------------

_ARMED = "mailer_armed"
# Set in session.info by a caller that sends the outbox itself (the cron command).
SENDS_ITSELF = "mailer_sends_itself"
_one_sender = threading.Lock()
_threads: list[threading.Thread] = []


def send_after_commit(session: Session) -> None:
    """Once this session commits, e-mail what is pending in a background thread (if SMTP is set).

    The user's action never waits for the mail server and never fails because of it."""
    if session.info.get(_ARMED) or session.info.get(SENDS_ITSELF):
        return
    session.info[_ARMED] = True
    event.listen(session, "after_commit", _on_commit, once=True)


def _on_commit(session: Session) -> None:
    session.info.pop(_ARMED, None)
    try:
        config = MailConfig.from_settings(settings_module.get())
        bind = session.get_bind()
    except Exception:  # mail must never break the action that just committed
        log.exception("e-mail after commit: settings unreadable")
        return
    if config is None or not isinstance(bind, Engine):
        return  # SMTP not set, or a session on a borrowed connection (tests, scripts)
    thread = threading.Thread(
        target=_send_in_background, args=(bind, config), name="mchch-mailer", daemon=True
    )
    _threads[:] = [t for t in _threads if t.is_alive()] + [thread]
    thread.start()


def _send_in_background(engine: Engine, config: MailConfig) -> None:
    try:
        with _one_sender, Session(engine) as session:
            send_pending(session, config, now=utcnow())
    except Exception:
        log.exception("e-mail after commit failed; the outbox keeps it for the next attempt")


def wait_for_background(timeout: float = 10.0) -> None:
    """For tests and the command line: let started sends finish."""
    for thread in list(_threads):
        thread.join(timeout)
