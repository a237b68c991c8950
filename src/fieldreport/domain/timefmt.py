"""RFC 3339 date-times with an explicit offset: the only time format reports accept.

Naive times are refused because a laptop's local zone says nothing about where an incident
happened; the offset the user gave is kept (not converted to UTC) so the report shows the
time as it was entered.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

# RFC 3339 section 5.6: date "T" time, seconds required, optional fraction, "Z" or ±hh:mm.
# "t", "z" and a space separator are allowed by the RFC (case note, section 5.6 NOTE).
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))",
    re.ASCII,  # \d must not match Arabic-Indic or other non-ASCII digits
)
_NAIVE = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?", re.ASCII)

# Years outside this window are typing errors, and they keep later UTC conversions (sorting,
# exports) clear of datetime's year 1..9999 overflow.
MIN_YEAR = 1900
MAX_YEAR = 2199

EXAMPLE = "2026-11-20T14:30:00+00:00"
FORM_MISMATCH = "not in the form YYYY-MM-DDTHH:MM:SS±HH:MM"


def parse_rfc3339(text: str) -> datetime:
    """Parse `text` into an aware datetime, fractions of a second dropped.

    Raises ValueError with a short reason ("the UTC offset is missing", "month must be in
    1..12"…). Reports are at best minute-accurate; dropping fractions keeps `to_dict()` (which
    writes whole seconds) an exact round trip.
    """
    match = _RFC3339.fullmatch(text)
    if match is None:
        if _NAIVE.fullmatch(text):
            raise ValueError("the UTC offset is missing")
        raise ValueError(FORM_MISMATCH)
    year, month, day, hour, minute, second = (int(g) for g in match.group(1, 2, 3, 4, 5, 6))
    if match.group(7):
        offset = timedelta(0)
    else:
        off_hours, off_minutes = int(match.group(9)), int(match.group(10))
        if off_hours > 23 or off_minutes > 59:
            raise ValueError("the UTC offset is out of range")
        offset = timedelta(hours=off_hours, minutes=off_minutes)
        if match.group(8) == "-":
            offset = -offset
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    if second == 60:  # a leap second: datetime cannot hold it
        raise ValueError("leap seconds (:60) are not supported")
    # datetime() checks month, day (including 29 February) and hour/minute/second ranges.
    return datetime(year, month, day, hour, minute, second, tzinfo=timezone(offset))


def format_rfc3339(moment: datetime) -> str:
    """`YYYY-MM-DDTHH:MM:SS±HH:MM`, keeping the datetime's own offset (`Z` becomes +00:00)."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a naive datetime has no RFC 3339 form")
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
        f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    )
