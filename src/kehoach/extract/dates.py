"""Vietnamese dates as printed: "23/02/2022", "ngày 04 tháng 4 năm 2023", "10/6".

Why one module: legal references, deadlines and metadata all read dates, and
"the date a cited document was issued is never a deadline" needs all three
to agree on where a date begins and ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

DATE = re.compile(
    r"(?P<d>\d{1,2})\s*(?:[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{4}))?"
    r"|\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<y2>\d{4}))?)",
    re.I,
)


@dataclass
class Found:
    start: int
    end: int
    day: int
    month: int
    year: int | None

    def iso(self, default_year: int | None = None) -> str | None:
        year = self.year or default_year
        if not year:
            return None
        try:
            return date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


def match_date(text: str, pos: int = 0) -> Found | None:
    """A date starting exactly at `pos` (after optional spaces), or None."""
    m = DATE.match(text, pos)
    if not m:
        return None
    day = int(m.group("d"))
    month = int(m.group("m") or m.group("m2"))
    year = m.group("y") or m.group("y2")
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return Found(m.start(), m.end(), day, month, int(year) if year else None)


def find_dates(text: str) -> list[Found]:
    out = []
    for m in DATE.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isdigit() or text[m.start() - 1] in "/"):
            continue
        found = match_date(text, m.start())
        if found:
            out.append(found)
    return out


_ISSUED = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})|ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.I)


def issued(text: str) -> str | None:
    """The first full "ngày … tháng … năm …" date of a text, as ISO."""
    m = _ISSUED.search(text)
    if not m:
        return None
    d, mo, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None
