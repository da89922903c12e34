"""The application's clock is Brussels', whatever the server's zone."""

from datetime import UTC, date, datetime, timedelta

import time_machine

from allocation.calendar import BRUSSELS, now, today


def test_today_is_the_brussels_day_when_utc_is_still_the_day_before() -> None:
    # 23:30 UTC on New Year's Eve is 00:30 on New Year's Day in Brussels (CET, +1).
    with time_machine.travel(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), tick=False):
        assert today() == date(2027, 1, 1)


def test_now_is_aware_and_on_summer_time_in_july() -> None:
    with time_machine.travel(datetime(2026, 7, 1, 10, 0, tzinfo=UTC), tick=False):
        moment = now()
    assert moment.tzinfo is BRUSSELS
    assert (moment.hour, moment.utcoffset()) == (12, timedelta(hours=2))
