"""French dates: « lundi 2 mars 2026 », « 1er juin 2026 »; month arithmetic for milestones."""

from __future__ import annotations

import calendar
import datetime as dt

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def long_date(day: dt.date, weekday: bool = True) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]} {text}" if weekday else text


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_working_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def shift(day: dt.date, *, jours: int = 0, semaines: int = 0, mois: int = 0) -> dt.date:
    moved = add_months(day, mois) + dt.timedelta(days=jours, weeks=semaines)
    if jours < 0:
        # Before the start date: step back to the previous Friday rather than forward.
        while moved.weekday() >= 5:
            moved -= dt.timedelta(days=1)
        return moved
    return next_working_day(moved)


def clock(minutes_since_midnight: int) -> str:
    hours, minutes = divmod(minutes_since_midnight, 60)
    return f"{hours} h {minutes:02d}"
