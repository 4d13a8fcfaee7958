"""French dates: « lundi 2 mars 2026 », « 1er juin 2026 »; month arithmetic for milestones."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def long_date(day: dt.date, weekday: bool = True) -> str:
    """« lundi 2 mars 2026 » (or « 2 mars 2026 » without the weekday)."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]} {text}" if weekday else text


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has fewer."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 — the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def public_holidays(year: int) -> set[dt.date]:
    """French public holidays (metropolitan France)."""
    sunday = easter(year)
    fixed = {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)}
    days = {dt.date(year, month, day) for month, day in fixed}
    days |= {sunday + dt.timedelta(days=n) for n in (1, 39, 50)}  # Easter Monday, Ascension, Whit Monday
    return days


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and not a public holiday."""
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """The day itself if it is a working day, else the next one."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def shift(day: dt.date, *, jours: int = 0, semaines: int = 0, mois: int = 0) -> dt.date:
    """A milestone date: moved to a working day (forward, or backward before the start)."""
    moved = add_months(day, mois) + dt.timedelta(days=jours, weeks=semaines)
    if jours < 0:
        while not is_working_day(moved):
            moved -= dt.timedelta(days=1)
        return moved
    return next_working_day(moved)


def clock(minutes_since_midnight: int) -> str:
    """« 14 h 05 », with non-breaking spaces: a time never wraps inside a table cell."""
    hours, minutes = divmod(minutes_since_midnight, 60)
    return f"{hours}\u00a0h\u00a0{minutes:02d}"


_WRITTEN_DATE = re.compile(r"(\d{1,2})(?:er)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def find_date(text: str) -> dt.date | None:
    """The first date written in a text (« semaine du 13 avril 2026 », « le 13/04/2026 »)."""
    found: list[tuple[int, dt.date]] = []
    for match in _WRITTEN_DATE.finditer(text):
        month = MONTHS.index(match.group(2).lower()) + 1
        with contextlib.suppress(ValueError):
            found.append((match.start(), dt.date(int(match.group(3)), month, int(match.group(1)))))
    for match in _NUMERIC_DATE.finditer(text):
        with contextlib.suppress(ValueError):
            found.append((match.start(), dt.date(int(match.group(3)), int(match.group(2)),
                                                 int(match.group(1)))))
    return min(found)[1] if found else None


def add(day: dt.date, length: dict[str, int], sign: int = 1) -> dt.date:
    """`day` moved by a length in months, weeks, days or hours (hours counted as whole days)."""
    moved = add_months(day, sign * int(length.get("mois", 0)))
    days = int(length.get("jours", 0)) + 7 * int(length.get("semaines", 0)) \
        + -(-int(length.get("heures", 0)) // 24)
    return moved + dt.timedelta(days=sign * days)


def previous_working_day(day: dt.date) -> dt.date:
    """The day itself if it is a working day, else the one before."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day
