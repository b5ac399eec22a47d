"""Time is passed into rules: the portal reads it here, tests and demos move it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


@dataclass(frozen=True)
class Clock:
    """`offset_days` moves the whole clock (demo mode, tests); zero in production."""

    offset_days: int = 0

    def now(self) -> datetime:
        """Naive UTC, as stored in the database."""
        moved = datetime.now(UTC) + timedelta(days=self.offset_days)
        return moved.replace(tzinfo=None)

    def today(self) -> date:
        return (datetime.now(BANGKOK) + timedelta(days=self.offset_days)).date()


@dataclass(frozen=True)
class FixedClock(Clock):
    at: datetime = datetime(2026, 11, 24, 3, 0)

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return local_day(self.at)


def clock_for_today(today: date | None) -> Clock:
    if today is None:
        return Clock()
    return Clock(offset_days=(today - datetime.now(BANGKOK).date()).days)


def day_start_utc(day: date) -> datetime:
    """The first instant of a Bangkok day, naive UTC as stored: for "on or after this day"."""
    return datetime.combine(day, time.min, BANGKOK).astimezone(UTC).replace(tzinfo=None)


def local_day(dt: datetime) -> date:
    """The Bangkok day of a stored (naive UTC) instant."""
    return dt.replace(tzinfo=UTC).astimezone(BANGKOK).date()


def to_local(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC).astimezone(BANGKOK)


def utcnow() -> datetime:
    """Real time, naive UTC: for logins and audit stamps, which a demo clock must not move."""
    return datetime.now(UTC).replace(tzinfo=None)
