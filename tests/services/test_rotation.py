"""The rotation of automatic backups, for given sets of times (the clock is a parameter)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from inspector.services.rotation import Policy, keep

NOW = datetime(2026, 3, 18, 17, 0, tzinfo=UTC)  # a Wednesday


def test_nothing_to_keep_from_nothing():
    assert keep([], NOW) == set()


def test_the_newest_is_kept_however_old():
    old = NOW - timedelta(days=400)
    assert keep([old, old - timedelta(days=1)], NOW) == {old}


def test_recent_backups_are_kept_up_to_the_limit():
    recent = [NOW - timedelta(minutes=30 * n) for n in range(20)]
    kept = keep(recent, NOW, Policy(recent_max=12, days=0, weeks=0))
    assert kept == set(recent[:12])


def test_one_per_day_for_a_week_the_newest_of_each_day():
    times = []
    for day in range(10):
        for hour in (9, 12, 16):
            times.append(datetime(2026, 3, 18 - day, hour, tzinfo=UTC))
    kept = keep(times, NOW, Policy(recent_hours=0, recent_max=0, days=7, weeks=0))
    assert kept == {datetime(2026, 3, 18 - day, 16, tzinfo=UTC) for day in range(7)}


def test_one_per_week_the_newest_of_each_iso_week():
    # backups every day from 1 Jan; weeks run Monday–Sunday, so Sundays close each earlier week
    times = [datetime(2026, 1, 1, 10, tzinfo=UTC) + timedelta(days=n) for n in range(77)]
    kept = keep(times, NOW, Policy(recent_hours=0, recent_max=0, days=0, weeks=3))
    assert kept == {datetime(2026, 3, 18, 10, tzinfo=UTC), datetime(2026, 3, 15, 10, tzinfo=UTC),
                    datetime(2026, 3, 8, 10, tzinfo=UTC)}


def test_the_default_policy_keeps_recent_daily_and_weekly_and_drops_the_rest():
    hourly_today = [NOW - timedelta(hours=h) for h in range(1, 6)]
    daily = [datetime(2026, 3, d, 8, tzinfo=UTC) for d in range(1, 18)]
    kept = keep(hourly_today + daily, NOW)
    assert set(hourly_today) <= kept
    assert {datetime(2026, 3, d, 8, tzinfo=UTC) for d in range(12, 18)} <= kept  # the last days
    assert datetime(2026, 3, 8, 8, tzinfo=UTC) in kept and datetime(2026, 3, 1, 8, tzinfo=UTC) in kept  # Sundays
    assert datetime(2026, 3, 4, 8, tzinfo=UTC) not in kept and datetime(2026, 3, 10, 8, tzinfo=UTC) not in kept
