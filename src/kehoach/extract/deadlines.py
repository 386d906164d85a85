"""Deadlines: the dates by or in which something must happen.

A date is a deadline only when a trigger word introduces it ("trước ngày",
"chậm nhất", "từ … đến …"); the issue date of a cited document ("Quyết định
số … ngày 28/12/2020") never is, and those spans are skipped. A periodic
duty with a date ("định kỳ 6 tháng (trước ngày 10/6)") is a `before`
deadline carrying its recurrence; only a period without any date ("báo cáo
hằng quý") is `recurring`. A date without a year takes the plan's year and
says so (`year_inferred`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import cache

from kehoach.corpus.normalise import fold_keep
from kehoach.extract.dates import match_date
from kehoach.extract.refs import legal_data
from kehoach.extract.stated_time import FREQUENCIES, parse_stated_time, quarter
from kehoach.model import Deadline, Document, LegalRef, Metadata

_NEXT_YEAR = re.compile(r"\W{0,3}(?:của\s+|trong\s+)?năm\s+(?:tiếp\s+theo|kế\s+tiếp|liền\s+kề|sau)(?!\w)", re.I)


def _alts(words: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


def _recurrence(before: str) -> str | None:
    """The period named just before a dated deadline ("định kỳ 6 tháng (trước …").

    Looks only at the clause the date closes, nearest period word first.
    """
    clause = re.split(r"[;.]|\)\s*,", before)[-1][-60:]
    folded = " ".join(fold_keep(clause).split())
    if re.search(r"(?<![a-z0-9])nam (19|20)\d\d\s*$", folded):
        return "yearly"  # "… và năm 2022 trước ngày 20/11/2022": the year's report
    best = None
    for period, words in legal_data()["recurrence"].items():
        for w in words:
            fw = " ".join(fold_keep(w).split())
            for m in re.finditer(r"(?<![a-z0-9])" + re.escape(fw) + r"(?![a-z0-9])", folded):
                if fw == "nam" and not re.search(r"(bao cao|ca|hang|hang|dinh ky)\s+nam$", folded[: m.end()]):
                    continue
                if best is None or m.end() > best[0]:
                    best = (m.end(), period)
    return best[1] if best else None


def _subject(text: str, start: int, floor: int | None = None) -> str | None:
    """What is due, when the clause before the date says ("báo cáo kết quả 6 tháng")."""
    line_start = max(text.rfind("\n", 0, start) + 1, floor or 0)
    clause = text[line_start:start]
    clause = re.split(r"[;:]|\.\s", clause)[-1]
    m = re.search(r"(?i)\b(báo cáo|tổng hợp|gửi)\b.*$", clause)
    if not m:
        return None
    subject = re.sub(r"\s*(\(|,)?\s*(định kỳ.*)?$", "", m.group(0), flags=re.I).strip(" ,(-–")
    subject = re.sub(r"\s+(trước|chậm nhất|từ|vào)(\s+ngày)?$", "", subject, flags=re.I).strip(" ,(-–")
    return subject[:160] or None


# "từ tháng 4 đến hết tháng 9/2024", "trong tháng 9 và tháng 10/2025": months of one span
_MONTHS = re.compile(r"(?i)(?<!\w)(?:từ|trong)\s+tháng\s+(?P<m1>\d{1,2})(?:\s*(?:/|năm)\s*(?P<y1>(?:19|20)\d{2}))?\s+"
                     r"(?:đến\s+(?:hết\s+)?|và\s+)tháng\s+(?P<m2>\d{1,2})(?:\s*(?:/|năm)\s*(?P<y2>(?:19|20)\d{2}))?(?!\s*/?\s*\d)")
_QUARTER = re.compile(r"(?i)(?<!\w)trong\s+quý\s+(?P<q>IV|I{1,3}|[1-4])(?:\s*(?:/|năm)\s*(?P<y>(?:19|20)\d{2}))?(?![\w/])")
# "hoàn thành trong tháng 12/2025": done by the month's end (gold rules v2); a month alone ("tổ chức trong tháng
# 11/2024") says when something happens, not by when
_YEAR_DONE = re.compile(r"(?i)(?<!\w)hoàn\s+thành\s+(?:trong|vào)\s+(?:cuối\s+)?năm\s+(?P<y>(?:19|20)\d{2})(?![\w/])")
_QUARTER_DONE = re.compile(r"(?i)(?<!\w)hoàn\s+thành\s+(?:trong|vào|trước)\s+(?:cuối\s+)?quý\s+(?P<q>IV|I{1,3}|[1-4])\s*(?:/|năm)\s*"
                           r"(?P<y>(?:19|20)\d{2})(?![\w/])")  # by the quarter's end, as a month's
_MONTH = re.compile(r"(?i)(?<!\w)hoàn\s+thành\s+(?:trong|vào|trước)\s+(?:cuối\s+)?tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*"
                    r"(?P<y>(?:19|20)\d{2})(?![\w/])")
# "… kiểm tra trên phạm vi toàn tỉnh trong tháng 3/2019.", "Tổng kết vào tháng 4 năm 2026.": the month a duty is
# done in, where it closes the clause (a month inside one, "tổ chức … trong tháng 11/2024 tại huyện …", names
# when an event happens)
_MONTH_CLOSING = re.compile(r"(?i)(?<!\w)(?:trong|vào)\s+tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>(?:19|20)\d{2})"
                            r"(?=\s*(?:[.;]|\n|$))")
# "từ ngày 08 đến ngày 10 tháng 12 năm 2025": two days of one month
_DAYS = re.compile(r"(?i)(?<!\w)từ\s+(?:ngày\s+)?(?P<d1>\d{1,2})\s+đến\s+(?:hết\s+)?(?:ngày\s+)?(?P<d2>\d{1,2})\s*(?:tháng\s*|/\s*)"
                   r"(?P<m>\d{1,2})(?:\s*(?:/|năm)\s*(?P<y>(?:19|20)\d{2}))?(?![\w/])")


class _Finder:
    """The deadlines of one text, found rule by rule; a span one rule took is not read again by the next, and
    the issue dates of cited documents are never read."""

    def __init__(self, doc: Document, metadata: Metadata, refs: list[LegalRef]):
        self.text = doc.text
        self.year = metadata.year
        self.issued_date = metadata.issued_date  # ISO, as the metadata holds it
        self.issued = tuple(int(x) for x in metadata.issued_date.split("-")) if metadata.issued_date else None
        # a plan for a period ("giai đoạn 2026 - 2030") or a document that names no year of its own
        self.open_year = bool(re.search(r"(?:giai\s+đoạn|thời\s+kỳ|năm)\s+(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}",
                                        metadata.title or "", re.I))
        self.cited = [c for r in refs for c in (r.citations or [r.span])]
        self.taken: list[tuple[int, int]] = []
        self.found: list[Deadline] = []

    def year_of(self, month: int, day: int = 1, at: int | None = None) -> int | None:
        """The year of a date printed without one ("trước ngày 15/12 hằng năm"): the plan's year (gold rules); in a
        plan for a period, the first such date on or after the day the document was issued (a 2026–2030 plan
        issued in November 2025: 15/12/2025, but March 2026). "… của năm tiếp theo" after the date (at: where
        the date ends) is the year after."""
        if at is not None and _NEXT_YEAR.match(self.text, at):
            base = self.issued[0] if self.open_year and self.issued else self.year
            return base + 1 if base else None
        if not self.open_year or not self.issued:
            return self.year
        y, m, d = self.issued
        return y if (month, day) >= (m, d) else y + 1

    def free(self, s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in self.cited + self.taken)

    def add(self, deadline: Deadline) -> None:
        self.found.append(deadline)
        self.taken.append(deadline.span)


def _dated_ranges(f: _Finder) -> None:
    """"(từ 15/11/2022 đến 15/12/2022)", "Từ ngày 15/11 đến 15/12/2024"."""
    text, triggers = f.text, legal_data()["deadline_triggers"]
    rng = re.compile(r"(?i)(?<!\w)(?:" + _alts(triggers["range_from"]) + r")\s*")
    to_re = re.compile(r"\s*(?:" + _alts(triggers["range_to"]) + r")\s*(?:ngày\s*)?", re.I)
    for m in rng.finditer(text):
        a = match_date(text, m.end())
        to = to_re.match(text, a.end) if a else None
        b = match_date(text, to.end()) if to else None
        if not b or not f.free(m.start(), b.end):
            continue
        b_year = b.year or (f.year_of(a.month, a.day) if not a.year else a.year)
        start_iso, end_iso = a.iso(a.year or b_year), b.iso(b_year)
        if start_iso and end_iso:
            f.add(Deadline(kind="range", text=text[m.start() : b.end], span=(m.start(), b.end), date=start_iso,
                           end=end_iso, year_inferred=not (a.year or b.year), subject=_subject(text, m.start())))


_FROM = re.compile(r"(?i)(?<!\w)(?:kể\s+)?từ\s+(?:\d{1,2}\s*(?:giờ|h)\s*(?:\d{2}(?:\s*phút)?)?\s*,?\s*(?=ngày))?"
                   r"(?:ngày\s+)?(?=\d)")  # "từ 12 giờ ngày 27/10/2020 cho đến khi có thông báo mới"
_FROM_MONTH = re.compile(r"(?i)(?<!\w)từ\s+tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>(?:19|20)\d{2})(?![\w/])")
# "tham mưu tổ chức thực hiện chấm điểm từ năm 2026": from the year's first day (not "từ năm 2026 - 2030", a
# closed range, nor a target's year: "Từ năm 2025 trở đi, 100% …")
_FROM_YEAR = re.compile(r"(?i)(?<!\w)(?:kể\s+)?từ\s+năm\s+(?P<y>(?:19|20)\d{2})(?![\w/])(?!\s*(?:đến|tới|-|–|trở\s+đi))")


def _open_ranges(f: _Finder) -> None:
    """"Từ 01/7/2025", "từ tháng 10/2025 đến khi …": a period with a start and no date to end it (gold rules v2:
    a range with `end` null). Never the day a document takes effect ("có hiệu lực kể từ ngày …")."""
    text = f.text
    found = [(m, match_date(text, m.end())) for m in _FROM.finditer(text)]
    years = [(m, None) for m in _FROM_YEAR.finditer(text)
             if not re.search(r"%|(?<!\w)đạt(?!\w)|\t", text[text.rfind("\n", 0, m.start()) + 1 : _sentence_end(text, m.end())])]
    for m, d in [(m, d) for m, d in found if d and d.year] + [(m, None) for m in _FROM_MONTH.finditer(text)] + years:
        end = d.end if d else m.end()
        before = re.split(r"[.;\n]", text[max(0, m.start() - 60) : m.start()])[-1]
        if not f.free(m.start(), end) or re.search(r"(?i)hiệu\s+lực|thi\s+hành|ban\s+hành|áp\s+dụng|hoạt\s+động|thành\s+lập", before):
            continue
        if re.match(r"\s*(?:đến|tới|-|–)\s*(?:ngày\s*)?\d", text[end : end + 20]):
            continue  # a closed range, read by the rule for dated ranges
        iso = d.iso() if d else f"{int(m.group('y')):04d}-{int(m.groupdict().get('m') or 1):02d}-01"
        if iso:
            f.add(Deadline(kind="range", text=text[m.start() : end], span=(m.start(), end), date=iso, end=None,
                           subject=_subject(text, m.start())))


# "từ nay đến năm 2030", "từ nay đến hết năm 2025", "từ ngày ban hành Kế hoạch đến khi …": a period that starts
# when the document is issued (gold rules v2: a range from the issue date; `end` null when no date ends it)
# the day this document was issued: "ngày ban hành Quyết định này", "khi ký Kế hoạch"
_ISSUE_DAY = r"(?:ngày|khi)\s+(?:ban\s+hành|ký)(?:\s+(?:kế\s+hoạch|quyết\s+định|chỉ\s+thị|công\s+văn|văn\s+bản))?(?:\s+này)?"
_FROM_NOW = re.compile(r"(?i)(?<!\w)(?:kể\s+)?từ\s+(?:nay|bây\s+giờ|" + _ISSUE_DAY + r")\s+(?:đến|tới)\s+(?:(?:hết\s+|cuối\s+)?năm\s+(?P<y>(?:19|20)\d{2})(?![\d/])|"
                       r"(?P<open>khi|lúc))")


def _from_now(f: _Finder) -> None:
    """A period from the day the document was issued: "Thời gian: từ nay đến năm 2030" (to the year's end),
    "từ ngày ban hành Kế hoạch đến khi tổ chức thành công Đại hội …" (no end date). Never a document taking
    effect ("có hiệu lực kể từ ngày ký")."""
    if not f.issued:
        return
    start = f.issued_date
    for m in _FROM_NOW.finditer(f.text):
        before = re.split(r"[.;\n]", f.text[max(0, m.start() - 60) : m.start()])[-1]
        if not f.free(*m.span()) or re.search(r"(?i)hiệu\s+lực|thi\s+hành|áp\s+dụng", before):
            continue
        end = f"{int(m.group('y')):04d}-12-31" if m.group("y") else None
        f.add(Deadline(kind="range", text=m.group(0), span=m.span(), date=start, end=end, subject=_subject(f.text, m.start())))


# "Thời hạn chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định": a number of days from the issue date
_DAYS_FROM_ISSUE = re.compile(r"(?i)(?<![\w/])(?P<n>\d{1,3})\s+ngày(?P<work>\s+làm\s+việc)?\s*,?\s*(?:kể\s+)?từ\s+"
                              + _ISSUE_DAY + r"(?!\w)")


def _days_from_issue(f: _Finder) -> None:
    """A time limit counted from the day the document was issued is due on a date: the issue date plus the days,
    working days skipping Saturdays and Sundays (public holidays are not known here). A limit counted from any
    other event ("kể từ ngày nhận đủ hồ sơ", "kể từ ngày … có hiệu lực") has no date of its own."""
    if not f.issued:
        return
    for m in _DAYS_FROM_ISSUE.finditer(f.text):
        if not f.free(*m.span()):
            continue
        due = _add_days(date(*f.issued), int(m.group("n")), working=bool(m.group("work")))
        f.add(Deadline(kind="before", text=m.group(0), span=m.span(), date=due.isoformat(), subject=_subject(f.text, m.start())))


def _add_days(start: date, n: int, working: bool) -> date:
    if not working:
        return start + timedelta(days=n)
    day = start
    while n > 0:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


def _day_ranges(f: _Finder) -> None:
    """"từ ngày 08 đến ngày 10 tháng 12 năm 2025": both days in the month named once."""
    for m in _DAYS.finditer(f.text):
        d1, d2, mo = int(m.group("d1")), int(m.group("d2")), int(m.group("m"))
        y = int(m.group("y")) if m.group("y") else f.year_of(mo, d1) if 1 <= mo <= 12 else None
        if not (y and 1 <= mo <= 12 and 1 <= d1 < d2 <= calendar.monthrange(y, mo)[1]) or not f.free(*m.span()):
            continue
        f.add(Deadline(kind="range", text=m.group(0), span=m.span(), date=f"{y:04d}-{mo:02d}-{d1:02d}",
                       end=f"{y:04d}-{mo:02d}-{d2:02d}", year_inferred=not m.group("y"), subject=_subject(f.text, m.start())))


def _month_periods(f: _Finder) -> None:
    """Whole months and quarters: "từ tháng 4 đến hết tháng 9/2024", "trong Quý III/2024"; "hoàn thành trong
    tháng 12/2025" (or "… Quý II/2020") by the month's (the quarter's) end (a month alone, "(tháng 6/2024)", names when something happens, not a
    period given to do it)."""
    for m in _YEAR_DONE.finditer(f.text):  # "hoàn thành trong năm 2025": by the year's last day
        if f.free(*m.span()):
            f.add(Deadline(kind="before", text=m.group(0), span=m.span(), subject=_subject(f.text, m.start()),
                           date=f"{int(m.group('y')):04d}-12-31"))
    for m in _QUARTER_DONE.finditer(f.text):  # "hoàn thành trong Quý II/2020": by the quarter's last day
        y, mo = int(m.group("y")), 3 * quarter(m.group("q"))
        if f.free(*m.span()):
            f.add(Deadline(kind="before", text=m.group(0), span=m.span(), subject=_subject(f.text, m.start()),
                           date=f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"))
    for regex, done_by in ((_MONTH, True), (_MONTH_CLOSING, False)):  # done by the month's end, or in the month
        for m in regex.finditer(f.text):
            y, mo = int(m.group("y")), int(m.group("m"))
            if 1 <= mo <= 12 and f.free(*m.span()):
                last = f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
                f.add(Deadline(kind="before" if done_by else "range", text=m.group(0), span=m.span(),
                               subject=_subject(f.text, m.start()), date=last if done_by else f"{y:04d}-{mo:02d}-01",
                               end=None if done_by else last))
    for m in list(_MONTHS.finditer(f.text)) + list(_QUARTER.finditer(f.text)):
        if not f.free(m.start(), m.end()):
            continue
        if m.re is _MONTHS:
            m1, m2, given = int(m.group("m1")), int(m.group("m2")), m.group("y2")
            y2 = int(m.group("y2")) if m.group("y2") else f.year_of(m1, 1, m.end()) if 1 <= m1 <= 12 else None
            y1 = int(m.group("y1")) if m.group("y1") else y2
        else:
            q = quarter(m.group("q"))
            y1 = y2 = int(m.group("y")) if m.group("y") else f.year_of(3 * q - 2, 1, m.end())
            m1, m2, given = 3 * q - 2, 3 * q, m.group("y")
        if not (y1 and y2 and 1 <= m1 <= 12 and 1 <= m2 <= 12):
            continue
        f.add(Deadline(kind="range", text=m.group(0), span=m.span(), date=f"{y1:04d}-{m1:02d}-01",
                       end=f"{y2:04d}-{m2:02d}-{calendar.monthrange(y2, m2)[1]:02d}", year_inferred=not given,
                       subject=_subject(f.text, m.start())))


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `at` begins: after the last ". " or "; " before it."""
    i = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at))
    return i + 2 if i >= 0 else 0


def _sentence_end(text: str, at: int) -> int:
    found = [i for i in (text.find(". ", at), text.find("; ", at), text.find("\n", at)) if i >= 0]
    return min(found) if found else len(text)


_AND_DATE = re.compile(r"\s*(?:và|,)\s*(?:ngày\s*)?(?=\d)")


def _dated(f: _Finder) -> None:
    """"trước ngày 10/6/2022", "chậm nhất ngày 21/11/2025", "vào ngày …", with the period said before them."""
    text, triggers = f.text, legal_data()["deadline_triggers"]
    for kind in ("before", "on"):
        # an hour may stand before the day: "trước 10 giờ ngày 15/02/2024", "trước 16h00 ngày …"
        trig = re.compile(r"(?i)(?<!\w)(?:" + _alts(triggers[kind]) + r")\s*(?:\d{1,2}\s*(?:giờ|h)\s*(?:\d{2}(?:\s*phút)?)?"
                          r"\s*,?\s*(?=ngày))?(?:ngày\s*)?")
        for m in trig.finditer(text):
            d = match_date(text, m.end())
            if not d or not f.free(m.start(), d.end):
                continue
            iso = d.iso(f.year_of(d.month, d.day, d.end))
            if not iso:
                continue
            clause = re.split(r"[.;\n]", text[max(0, m.start() - 80) : m.start()])[-1]
            if kind == "on" and re.search(r"(?i)(?<!\w)(?:được\s+)?ký(?!\w)|ban\s+hành|thông\s+qua|có\s+hiệu\s+lực", clause):
                continue  # "được ký … vào ngày 21/10/2022": when a document was signed, no deadline
            # what came before, back to the previous deadline of the same paragraph: "… 06 tháng trước ngày
            # 10/6/2022 và năm 2022 trước ngày 20/11/2022" — the second date is the year's, not the half-year's
            # ("Hàng năm, các cơ quan … gửi báo cáo … (trước ngày 11/12)": the sentence's opening period is the date's)
            floor = max([e for s_, e in f.taken if e <= m.start()] + [max(0, m.start() - 200), text.rfind("\n", 0, m.start()) + 1,
                                                                       _sentence_start(text, m.start())])
            after, opens = _PERIOD_AFTER.match(text, d.end), _PERIOD_OPENS.match(text, floor)
            recurrence = _frequency(after.group(1)) if after else _recurrence(text[floor : m.start()]) \
                or (_frequency(opens.group(1)) if opens else None)
            f.add(Deadline(kind=kind, text=text[m.start() : d.end], span=(m.start(), d.end), date=iso,
                           recurrence=recurrence, year_inferred=d.year is None, subject=_subject(text, m.start(), floor)))
            # "định kỳ 6 tháng (trước ngày 15/6 và 15/12)": the second date under the same trigger and period
            also = _AND_DATE.match(text, d.end)
            second = match_date(text, also.end()) if also else None
            if second and f.free(d.end, second.end) and (iso2 := second.iso(f.year_of(second.month, second.day, second.end))):
                f.add(Deadline(kind=kind, text=text[also.end() : second.end], span=(also.end(), second.end), date=iso2,
                               recurrence=recurrence, year_inferred=second.year is None,
                               subject=_subject(text, m.start(), floor)))


@cache
def _recurring_pattern(period: str, words: tuple[str, ...]) -> re.Pattern:
    w = _alts(words)
    report = _alts(legal_data()["report_words"])
    if period in set(legal_data().get("recurring_anywhere", [])):
        # "hằng quý phối hợp kiểm tra …": a quarter qualifies a duty, hardly ever a thing
        return re.compile(rf"(?i)(?<!\w)(?:{w})(?!\w)")
    if period in set(legal_data()["recurring_sentence_wide"]):
        # "hằng tháng" is rarely an adjective: a report word anywhere in the sentence makes it a duty's period
        return re.compile(rf"(?i)(?<!\w)(?:(?:{w})[^.;\n]{{0,200}}?(?:{report})|(?:{report})[^.;\n]{{0,200}}?(?:{w}))(?!\w)")
    # "hằng năm" qualifies plans and meetings as often as reports: the report word must be near
    return re.compile(rf"(?i)(?<!\w)(?:(?:{w})\s+(?:{report})|(?:{report})[^.;\n]{{0,50}}?(?:{w}))(?!\w)")


def _dated_later(text: str, m: re.Match) -> bool:
    """Whether a dated form follows the period in its clause ("… hằng năm cho Sở Nội vụ trước ngày 30/9"): then a
    `before` deadline carries the period, unless another period stands between them."""
    periods = _alts([w for words in legal_data()["recurrence"].values() for w in words])
    tail = text[m.end() : m.end() + 60]
    clause = re.split(r"[.;\n]", text[m.end() : m.end() + 80], maxsplit=1)[0]
    later = re.search(r"(?i)(?<!\w)(trước|chậm nhất)(\s+ngày)?\s+\d{1,2}\s*/", clause)
    later = later and not re.search(rf"(?i)(?<!\w)(?:{periods})(?!\w)", clause[: later.start()])
    return bool(match_date(re.sub(r"^\s*\(?\s*(?:trước\s*)?(?:ngày\s*)?:?\s*", "", tail, flags=re.I), 0)
                or re.match(r"\s*\(?\s*(trước|chậm nhất)(\s+ngày)?\s*\d{1,2}\s*(/|tháng)", tail, re.I) or later)


def _recurring(f: _Finder) -> None:
    """A period with no date at all: "Hàng năm báo cáo …", "báo cáo hằng quý"."""
    text = f.text
    report = _alts(legal_data()["report_words"])
    anywhere = set(legal_data().get("recurring_anywhere", []))
    for period, words in legal_data()["recurring_standalone"].items():
        w = _alts(words)
        for m in _recurring_pattern(period, tuple(words)).finditer(text):
            if not f.free(m.start(), m.end()):
                continue
            if period in anywhere:
                before = re.split(r"[.;\n]", text[max(0, m.start() - 120) : m.start()])[-1]
                if re.search(r"(?i)kế hoạch\s*$", before) and not re.search(rf"(?i){report}", before):
                    continue  # "xây dựng kế hoạch hằng quý": the plan's, not a duty's ("báo cáo … Kế hoạch hằng quý" is)
            if _dated_later(text, m):
                continue
            word = re.search(rf"(?i){w}", m.group(0))
            # only the period's word is taken: "báo cáo tổng hợp hàng quý và hàng năm" holds two periods
            f.add(Deadline(kind="recurring", text=word.group(0), span=(m.start() + word.start(), m.start() + word.end()),
                           recurrence=period, subject=_subject(text, m.end())))


_PERIOD_WORDS = r"(h[ằà]ng\s+(?:năm|quý|tháng))"
_PERIOD_AFTER = re.compile(r"\s*" + _PERIOD_WORDS + r"(?!\w)", re.I)  # "trước ngày 15/12 hằng năm"
_PERIOD_OPENS = re.compile(r"\s*" + _PERIOD_WORDS + r"\s*,", re.I)  # "Hàng năm, các cơ quan … (trước ngày 11/12)"


def _frequency(word: str) -> str | None:
    """The recurrence a frequency word states ("Hằng năm" → yearly), as stated_time.FREQUENCIES spells it."""
    return FREQUENCIES[" ".join(fold_keep(word).split())]
_ITEM_START = r"(?m)^(?:[-–+•*]\s*|[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s*)?"
# ("Thường xuyên" opening an item is how a duty is worded, not its stated time: gold rules v2 read it only in a
# label or a time column, which _time_labels and the table rule do)
# (an item's start, or a sentence's: "… cho cá nhân mới. Hằng ngày, bộ phận văn thư …")
_STEADY = re.compile(r"(?m)(?:" + _ITEM_START.removeprefix("(?m)") + r"|(?<=[.;] ))(?P<w>Hằng năm|Hàng năm|Hằng quý|Hàng quý|Hằng tháng|Hàng tháng|Hằng tuần|"
                     r"Hàng tuần|Hằng ngày|Hàng ngày)"
                     r"(?=\s*,|\s+[a-zđà-ỹ])")
# "định kỳ (01 lần/ngày)", "báo cáo định kỳ 06 tháng/lần": a frequency given as such
_FREQUENCY = re.compile(r"(?i)định\s+kỳ\s*(?:tối\s+thiểu\s*)?\(?\s*(?:(?P<once>0?1\s+lần\s*/\s*(?P<unit>ngày|tuần|tháng|quý|năm))|"
                        r"0?1\s+(?P<per>ngày|tuần|tháng|quý|năm)\s*(?:/\s*|0?1\s+)lần|(?P<six>0?6\s+(?:\(sáu\)\s+)?tháng)(?:\s*/\s*lần)?)")
# "ít nhất 02 lần/ngày": several times a day is still every day (a duty's period); "tối thiểu 03 lần/tuần" is
# how often a service runs, which the answers do not read as a deadline
_TIMES_A_DAY = re.compile(r"(?i)(?<!\w)(?:ít\s+nhất|tối\s+thiểu)\s+\(?\d{1,2}\)?\s+lần\s*/\s*ngày(?!\w)")
# "định kỳ hằng tháng, quý, 6 tháng, năm": one period after another
_PERIOD_LIST = re.compile(r"(?i)định\s+kỳ\s+(?:hằng|hàng)\s+(?P<list>(?:tháng|quý|0?6\s+tháng|năm)(?:\s*(?:,|và)\s*(?:tháng|quý|0?6\s+tháng|năm))+)")


def _steady(f: _Finder) -> None:
    """A duty that opens with its frequency ("Hằng năm, phối hợp …", "Hằng ngày, kiểm tra …": recurring, gold
    rules v2), a frequency given as such ("định kỳ (01 lần/ngày)"), and a list of periods ("định kỳ hằng tháng,
    quý, 6 tháng, năm")."""
    for m in _STEADY.finditer(f.text):
        sentence = f.text[m.end() : _sentence_end(f.text, m.end())]
        if re.search(r"(?i)(?<!\w)(?:trước|chậm nhất)(?:\s+ngày)?\s*\d{1,2}\s*/\s*\d{1,2}", sentence):
            continue  # "Hàng năm, … gửi báo cáo (trước ngày 11/12)": the dated deadline carries the period
        if f.free(*m.span("w")):
            f.add(Deadline(kind="recurring", text=m.group("w"), span=m.span("w"),
                           recurrence=_frequency(m.group("w")), subject=_subject(f.text, m.end())))
    units = {"ngay": "daily", "tuan": "weekly", "thang": "monthly", "quy": "quarterly", "nam": "yearly"}
    for m in _FREQUENCY.finditer(f.text):
        clause = re.split(r"[.;\n]", f.text[m.end() : m.end() + 80], maxsplit=1)[0]
        if f.free(*m.span()) and not (m.group("six") and re.search(r"(?i)trước|chậm nhất", clause)):  # "định kỳ 6 tháng (trước ngày 10/6)"
            period = "half-yearly" if m.group("six") else units[fold_keep(m.group("unit") or m.group("per")).strip()]
            f.add(Deadline(kind="recurring", text=m.group(0), span=m.span(), recurrence=period, subject=_subject(f.text, m.end())))
    for m in _TIMES_A_DAY.finditer(f.text):  # "kiểm tra ít nhất 02 lần/ngày": however many times, every day
        if f.free(*m.span()):
            f.add(Deadline(kind="recurring", text=m.group(0), span=m.span(), subject=_subject(f.text, m.end()),
                           recurrence="daily"))
    for m in _PERIOD_LIST.finditer(f.text):
        if re.search(r"(?i)trước|chậm nhất", re.split(r"[.;\n]", f.text[m.end() : m.end() + 80], maxsplit=1)[0]):
            continue  # "Định kỳ hằng quý, 6 tháng (trước ngày 15/6/2025) …": dated deadlines carry them
        for word in re.split(r"\s*(?:,|và)\s*", m.group("list")):
            folded = " ".join(fold_keep(word).split())
            period = "half-yearly" if folded.endswith("6 thang") else units[folded]
            f.found.append(Deadline(kind="recurring", text=m.group(0), span=m.span(), recurrence=period,
                                    subject=_subject(f.text, m.end())))


_TIME_LABEL = re.compile(r"(?im)^(?:[-–+•*]\s*|[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s*)?(?P<label>thời gian thực hiện|thời gian hoàn thành|thời hạn hoàn thành|"
                         r"tiến độ thực hiện|tiến độ hoàn thành|lộ trình thực hiện)\s*:\s*(?P<value>[^\n;]{2,60})")


def _time_labels(f: _Finder) -> None:
    """A task's stated time on a label line of its own ("- Thời gian thực hiện: Năm 2026", "Lộ trình thực hiện:
    Năm 2025 - 2026"): the label's value as a stated time (gold rules v2), completion labels as a date to meet."""
    for m in _TIME_LABEL.finditer(f.text):
        if not f.free(*m.span("value")):
            continue
        stated = parse_stated_time(m.group("value"), completion="hoàn thành" in m.group("label").lower())
        if stated:
            f.add(Deadline(text=m.group("value").strip(), span=m.span("value"),
                           subject=_subject(f.text, m.start()), **stated))


RULES = (_time_labels, _dated_ranges, _day_ranges, _month_periods, _dated, _from_now, _days_from_issue, _open_ranges, _recurring, _steady)


def _found(doc: Document, metadata: Metadata, refs: list[LegalRef]) -> list[Deadline]:
    f = _Finder(doc, metadata, refs)
    for rule in RULES:
        rule(f)
    return [d for d in f.found if not _long_past(d, f.issued) and not _in_grounds(f.text, d.span[0])]


def _in_grounds(text: str, at: int) -> bool:
    """A date in a legal ground ("Căn cứ Quyết định … ban hành Chương trình công tác … từ nay đến cuối năm 2025;")
    belongs to the title of the document cited, not to this one's work."""
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return bool(_ground_regex().match(line))


@cache
def _ground_regex() -> re.Pattern:
    """"Căn cứ" then a cited document's type ("Căn cứ Quyết định …"), never "Căn cứ chức năng, nhiệm vụ …", a duty."""
    return re.compile(r"[\s*_]*Căn\s+cứ\s+(?:vào\s+)?(?:" + _alts(legal_data()["doc_types"]) + r")(?!\w)(?!\s+này)")  # ("Căn cứ Kế hoạch này, …" is a duty)


def _long_past(d: Deadline, issued: tuple[int, int, int] | None) -> bool:
    """A date to meet that fell more than a year before the document was issued is no deadline of it: a
    condition ("hộ gia đình … sử dụng đất trước ngày 01/7/2004"), a past event."""
    if issued is None or d.kind not in ("before", "on") or not d.date or d.year_inferred:
        return False
    y, m, day = issued
    return d.date < f"{y - 1:04d}-{m:02d}-{day:02d}"


def extract_deadlines(doc: Document, metadata: Metadata, refs: list[LegalRef]) -> list[Deadline]:
    """Every distinct deadline in the text and its footnotes, in order of first appearance: each rule of RULES
    in turn. In a footnote, the issue dates of the documents that footnote cites are skipped, as in the text."""
    from kehoach.extract.footnotes import in_footnotes
    from kehoach.extract.refs import cited

    found = _found(doc, metadata, refs) + in_footnotes(doc, lambda note: _found(note, metadata, cited(note)))
    unique: dict[tuple, Deadline] = {}
    for d in sorted(found, key=lambda d: d.span[0]):
        key = (d.kind, d.date, d.end, d.recurrence)
        unique.setdefault(key, d)
    return list(unique.values())
