"""How many rows a search matches, counted no further than anyone reads: past the cap the answer
is "more than" (core.thai.format_count), so a keystroke on a million-row list never counts the
million. Each search sets its own cap (registry_public.COUNT_CAP, audit_search.COUNT_CAP)."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


def capped_count(session: Session, matching: Select, cap: int) -> int:  # type: ignore[type-arg]
    """The number of rows `matching` returns, or cap + 1 when there are more than `cap`."""
    limited = matching.order_by(None).limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(limited)) or 0
