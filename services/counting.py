"""How many rows a search matches, counted no further than anyone reads: past COUNT_CAP the
answer is "more than 10,000", so a keystroke on a million-row list never counts the million."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

COUNT_CAP = 10_000


def capped_count(session: Session, matching: Select, cap: int | None = None) -> int:  # type: ignore[type-arg]
    """The number of rows `matching` returns, or cap + 1 when there are more than `cap`
    (COUNT_CAP unless given)."""
    cap = COUNT_CAP if cap is None else cap
    limited = matching.order_by(None).limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(limited)) or 0
