"""Calendar files (.ics) for the info coll and the six-month milestones.

Each event has a stable UID (structure + step + milestone), so importing the file again
updates the events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import re
import time

from pairkit.method.step import Event

PARIS = """BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


# Every way a text can break a line; a reader splitting on any of them would see a new line.
_LINE_BREAKS = re.compile("\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
# Control characters RFC 5545 does not allow in a TEXT value (the tab is allowed).
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _escape(text: str) -> str:
    """A TEXT value as RFC 5545 says: line breaks as \\n, controls removed, ; , \\ escaped."""
    lines = [_CONTROLS.sub("", line) for line in _LINE_BREAKS.split(text)]
    escaped = [line.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
               for line in lines]
    return "\\n".join(escaped)


def _uri(text: str) -> str:
    """A link with nothing that could end its line or hide in it."""
    return re.sub(r"[\x00-\x20\x7f-\x9f\u2028\u2029]", "", text)


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continuation lines starting with a space (RFC 5545)."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def calendar(events: list[Event], name: str, now: dt.datetime | None = None) -> bytes:
    """An iCalendar file (RFC 5545) holding `events`, in Paris time."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    # Increases at every export, so calendars take the new version of an event.
    sequence = int(time.time() // 60) - 29_000_000
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Plateforme travail pair//pairkit//FR",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_escape(name)}", *PARIS.splitlines()]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}", f"SEQUENCE:{max(sequence, 0)}"]
        if event.start is None:
            lines += [f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}"]
        else:
            begin = dt.datetime.combine(event.day, event.start)
            end = begin + dt.timedelta(minutes=event.minutes)
            lines += [f"DTSTART;TZID=Europe/Paris:{begin:%Y%m%dT%H%M%S}",
                      f"DTEND;TZID=Europe/Paris:{end:%Y%m%dT%H%M%S}"]
        lines.append(f"SUMMARY:{_escape(event.summary)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_escape(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{_escape(event.location)}")
        if event.url:
            lines.append(f"URL:{_uri(event.url)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")
