"""The stated time of a task: a "Thời gian thực hiện: …" label or a table's time column.

Why apart from `deadlines`: in running text "năm 2026" is rarely a deadline
(targets, background), but in a time label or column it is the task's
period. The forms (gold rules v2): "Năm 2026" → the year as a range;
"Tháng 12/2025" → the month (before its end under "hoàn thành"); "Quý
I/2026" → the quarter; "2026 - 2030" → the years; "Năm 2026 và các năm
tiếp theo", "Từ 01/7/2025" → open ranges; "Hằng năm", "Thường xuyên",
"hằng ngày" → recurring; "Trước ngày 31/12/2025" → before.
"""

from __future__ import annotations

import calendar
import re

from kehoach.corpus.normalise import fold_keep

# folded frequency words and the recurrence each states ("thường xuyên": recurring, no period), shared with deadlines
FREQUENCIES = {"thuong xuyen": None, "hang nam": "yearly", "hang quy": "quarterly", "hang thang": "monthly",
               "hang ngay": "daily", "hang tuan": "weekly"}


def quarter(label: str) -> int:
    """A quarter's number from its label: "I"…"IV" or "1"…"4" (any case)."""
    label = label.strip().lower()
    return {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(label) or int(label)
_Y = r"((?:19|20)\d\d)"


def _last(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def parse_stated_time(text: str, *, completion: bool = False, year: int | None = None) -> dict | None:
    """Deadline fields (kind, date, end, recurrence, year_inferred) of a stated time, or None when it states none.
    With the plan's year, a time that names none takes it ("Cả năm", "Quý II", a table's time cell)."""
    f = " ".join(fold_keep(text).split())
    if not f:
        return None
    if year and re.fullmatch(r"(?:ca|trong) nam|(?:trong |hoan thanh trong )?quy (?:iv|i{1,3}|[1-4])", f):
        stated = _stated(f"{f} nam {year}" if "quy" in f else f"nam {year}", completion)
        return {**stated, "year_inferred": True} if stated else None
    stated = _stated(f, completion)
    return {**stated, "year_inferred": False} if stated else None


def _stated(f: str, completion: bool) -> dict | None:
    if m := re.search(r"(?:truoc|cham nhat|han chot|hoan thanh truoc)(?: ngay)? (\d{1,2}) (\d{1,2}) (\d{4})", f):
        d, mo, y = map(int, m.groups())
        if 1 <= d <= 31 and 1 <= mo <= 12:
            return {"kind": "before", "date": f"{y:04d}-{mo:02d}-{d:02d}", "end": None, "recurrence": None}
    if m := re.match(r"(?:tu )?(?:ngay )?(\d{1,2}) (\d{1,2}) (?:(?:den|-) )?(?:ngay )?(\d{1,2}) (\d{1,2}) (\d{4})$", f):
        d1, m1, d2, m2, y = map(int, m.groups())  # "15/4 - 15/5/2017": the first date takes the second's year
        if 1 <= d1 <= 31 and 1 <= m1 <= 12 and 1 <= d2 <= 31 and 1 <= m2 <= 12 and (m1, d1) < (m2, d2):
            return {"kind": "range", "date": f"{y:04d}-{m1:02d}-{d1:02d}", "end": f"{y:04d}-{m2:02d}-{d2:02d}",
                    "recurrence": None}
    if m := re.match(r"(?:tu )?(?:ngay )?(\d{1,2}) (\d{1,2}) (\d{4})(?: (?:den|-) (?:ngay )?(\d{1,2}) (\d{1,2}) (\d{4}))?", f):
        d, mo, y = map(int, m.groups()[:3])
        end = f"{int(m.group(6)):04d}-{int(m.group(5)):02d}-{int(m.group(4)):02d}" if m.group(4) else None
        if f.startswith("tu") or end:
            return {"kind": "range", "date": f"{y:04d}-{mo:02d}-{d:02d}", "end": end, "recurrence": None}
        return {"kind": "before" if completion else "on", "date": f"{y:04d}-{mo:02d}-{d:02d}", "end": None, "recurrence": None}
    if m := re.match(r"(?:trong )?quy (iv|i{1,3}|[1-4]) (?:(?:den|va) (?:het )?)?(?:quy )?(iv|i{1,3}|[1-4])(?: nam)? " + _Y, f):
        q1, q2, y = quarter(m.group(1)), quarter(m.group(2)), int(m.group(3))  # "Quý II - Quý III/2026"
        if q1 < q2:
            if completion:
                return {"kind": "before", "date": _last(y, 3 * q2), "end": None, "recurrence": None}
            return {"kind": "range", "date": f"{y:04d}-{3 * q1 - 2:02d}-01", "end": _last(y, 3 * q2), "recurrence": None}
    if m := re.match(r"(?:trong )?quy (iv|i{1,3}|[1-4])(?: nam)? " + _Y, f):
        q, y = quarter(m.group(1)), int(m.group(2))
        if completion:
            return {"kind": "before", "date": _last(y, 3 * q), "end": None, "recurrence": None}
        return {"kind": "range", "date": f"{y:04d}-{3 * q - 2:02d}-01", "end": _last(y, 3 * q), "recurrence": None}
    # "Tháng 6 - 10/2024", "Từ tháng 6 đến tháng 10/2024", "Tháng 6/2024 - 10/2024": months of one span
    if m := re.match(r"(?:tu )?thang (\d{1,2})(?: (?:nam )?" + _Y + r")? (?:den (?:het )?)?(?:thang )?(\d{1,2})(?: nam)? " + _Y, f):
        m1, m2, y2 = int(m.group(1)), int(m.group(3)), int(m.group(4))
        y1 = int(m.group(2)) if m.group(2) else y2
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and (y1, m1) < (y2, m2):
            if completion:
                return {"kind": "before", "date": _last(y2, m2), "end": None, "recurrence": None}
            return {"kind": "range", "date": f"{y1:04d}-{m1:02d}-01", "end": _last(y2, m2), "recurrence": None}
    if m := re.match(r"(?:trong |truoc |hoan thanh (?:trong |truoc )?)?thang (\d{1,2})(?: nam)? " + _Y, f):
        mo, y = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            if completion or f.startswith(("truoc", "hoan thanh")):
                return {"kind": "before", "date": _last(y, mo), "end": None, "recurrence": None}
            return {"kind": "range", "date": f"{y:04d}-{mo:02d}-01", "end": _last(y, mo), "recurrence": None}
    if m := re.match(r"(?:giai doan |tu nam |tu |nam |cac nam )?" + _Y + r" (?:den (?:het )?)?(?:nam )?" + _Y, f):
        a, b = int(m.group(1)), int(m.group(2))
        if a < b:
            return {"kind": "range", "date": f"{a}-01-01", "end": f"{b}-12-31", "recurrence": None}
    if m := re.match(r"(?:trong |tu |ca )?nam " + _Y + r"( va cac nam tiep theo| tro di| va nhung nam tiep theo)?", f):
        y = int(m.group(1))
        if m.group(2) or f.startswith("tu nam"):
            return {"kind": "range", "date": f"{y}-01-01", "end": None, "recurrence": None}
        if completion:
            return {"kind": "before", "date": f"{y}-12-31", "end": None, "recurrence": None}
        return {"kind": "range", "date": f"{y}-01-01", "end": f"{y}-12-31", "recurrence": None}
    word = next((w for w in FREQUENCIES if f == w or f.startswith(w + " ")), None)
    if word is not None:  # "Hằng năm", "Thường xuyên", "hằng ngày"
        return {"kind": "recurring", "date": None, "end": None, "recurrence": FREQUENCIES[word]}
    return None
