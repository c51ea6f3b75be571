"""Which automatic backups to keep: a pure function of their times and the present, like Anki's.

Recent backups are kept as they are (the last hours of work), then one per day for the last week, then one per
week for the last weeks; the newest backup is never deleted. Nothing here reads a clock or a folder, so the rule
is tested with any set of times.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Policy:
    """How many of each kind to keep."""

    recent_hours: int = 24
    recent_max: int = 12
    days: int = 7
    weeks: int = 6


def keep(times: Iterable[datetime], now: datetime, policy: Policy = Policy()) -> set[datetime]:
    """The backup times to keep out of ``times``; every other backup may be deleted."""
    ordered = sorted(set(times), reverse=True)
    if not ordered:
        return set()
    kept = {ordered[0]}
    recent = [t for t in ordered if now - t <= timedelta(hours=policy.recent_hours)]
    kept.update(recent[: policy.recent_max])
    kept.update(_newest_per(ordered, now, policy.days, lambda t: t.date(), timedelta(days=1)))
    kept.update(_newest_per(ordered, now, policy.weeks, _week, timedelta(weeks=1)))
    return kept


def _week(t: datetime) -> tuple[int, int]:
    year, week, _ = t.isocalendar()
    return year, week


def _newest_per(ordered: list[datetime], now: datetime, count: int, bucket, step: timedelta) -> list[datetime]:
    """The newest time in each of the ``count`` periods (days or weeks) up to ``now``, newest period first."""
    wanted = {bucket(now - n * step) for n in range(count)}
    chosen: dict[object, datetime] = {}
    for t in ordered:  # newest first, so the first one seen in a period is its newest
        key = bucket(t)
        if key in wanted and key not in chosen:
            chosen[key] = t
    return list(chosen.values())
