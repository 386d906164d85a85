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

from kehoach.extract.agencies import fold_keep
from kehoach.extract.dates import match_date
from kehoach.extract.refs import legal_data
from kehoach.model import Deadline, Document, LegalRef, Metadata


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


_MONTHS = re.compile(r"(?i)(?<!\w)từ\s+tháng\s+(?P<m1>\d{1,2})(?:\s*/\s*(?P<y1>(?:19|20)\d{2}))?\s+đến\s+(?:hết\s+)?"
                     r"tháng\s+(?P<m2>\d{1,2})(?:\s*(?:/|năm)\s*(?P<y2>(?:19|20)\d{2}))?(?!\s*/?\s*\d)")
_QUARTER = re.compile(r"(?i)(?<!\w)trong\s+quý\s+(?P<q>IV|I{1,3}|[1-4])(?:\s*(?:/|năm)\s*(?P<y>(?:19|20)\d{2}))?(?![\w/])")


def extract_deadlines(doc: Document, metadata: Metadata, refs: list[LegalRef]) -> list[Deadline]:
    """Every distinct deadline in the text, in order of first appearance."""
    text = doc.text
    triggers = legal_data()["deadline_triggers"]
    cited = [c for r in refs for c in (r.citations or [r.span])]
    year = metadata.year
    found: list[Deadline] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in cited + taken)

    # ranges first: "(từ 15/11/2022 đến 15/12/2022)", "Từ ngày 15/11 đến 15/12/2024"
    rng = re.compile(r"(?i)(?<!\w)(?:" + _alts(triggers["range_from"]) + r")\s*")
    for m in rng.finditer(text):
        a = match_date(text, m.end())
        if not a:
            continue
        to = re.compile(r"\s*(?:" + _alts(triggers["range_to"]) + r")\s*(?:ngày\s*)?", re.I).match(text, a.end)
        if not to:
            continue
        b = match_date(text, to.end())
        if not b or not free(m.start(), b.end):
            continue
        b_year = b.year or year
        a_year = a.year or b_year
        start_iso, end_iso = a.iso(a_year), b.iso(b_year)
        if not start_iso or not end_iso:
            continue
        found.append(Deadline(kind="range", text=text[m.start() : b.end], span=(m.start(), b.end), date=start_iso,
                              end=end_iso, year_inferred=not (a.year or b.year), subject=_subject(text, m.start())))
        taken.append((m.start(), b.end))

    # periods of whole months and quarters: "từ tháng 4 đến hết tháng 9/2024", "trong Quý III/2024" (a month alone,
    # "(tháng 6/2024)", names when an activity happens, not a period given to do it)
    for m in list(_MONTHS.finditer(text)) + list(_QUARTER.finditer(text)):
        if not free(m.start(), m.end()):
            continue
        if m.re is _MONTHS:
            y2 = int(m.group("y2")) if m.group("y2") else year
            y1, m1, m2, given = int(m.group("y1")) if m.group("y1") else y2, int(m.group("m1")), int(m.group("m2")), m.group("y2")
        else:
            q = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(m.group("q").upper()) or int(m.group("q"))
            y1 = y2 = int(m.group("y")) if m.group("y") else year
            m1, m2, given = 3 * q - 2, 3 * q, m.group("y")
        if not (y1 and y2 and 1 <= m1 <= 12 and 1 <= m2 <= 12):
            continue
        found.append(Deadline(kind="range", text=m.group(0), span=m.span(), date=f"{y1:04d}-{m1:02d}-01",
                              end=f"{y2:04d}-{m2:02d}-{calendar.monthrange(y2, m2)[1]:02d}", year_inferred=not given,
                              subject=_subject(text, m.start())))
        taken.append(m.span())

    for kind in ("before", "on"):
        trig = re.compile(r"(?i)(?<!\w)(?:" + _alts(triggers[kind]) + r")\s*(?:ngày\s*)?")
        for m in trig.finditer(text):
            d = match_date(text, m.end())
            if not d or not free(m.start(), d.end):
                continue
            iso = d.iso(year)
            if not iso:
                continue
            # what came before, back to the previous deadline of the same paragraph: "… 06 tháng trước ngày
            # 10/6/2022 và năm 2022 trước ngày 20/11/2022" — the second date is the year's, not the half-year's
            floor = max([e for s_, e in taken if e <= m.start()] + [max(0, m.start() - 80), text.rfind("\n", 0, m.start()) + 1])
            found.append(Deadline(kind=kind, text=text[m.start() : d.end], span=(m.start(), d.end), date=iso,
                                  recurrence=_recurrence(text[floor : m.start()]),
                                  year_inferred=d.year is None, subject=_subject(text, m.start(), floor)))
            taken.append((m.start(), d.end))

    # a period with no date at all: "Hàng năm báo cáo …", "báo cáo hằng quý"
    report = _alts(legal_data()["report_words"])
    sentence_wide = set(legal_data()["recurring_sentence_wide"])
    anywhere = set(legal_data().get("recurring_anywhere", []))
    periods = _alts([w for words in legal_data()["recurrence"].values() for w in words])
    for period, words in legal_data()["recurring_standalone"].items():
        w = _alts(words)
        if period in anywhere:
            # "hằng quý phối hợp kiểm tra …": a quarter qualifies a duty, hardly ever a thing (a plan is the exception:
            # "kế hoạch hằng quý")
            pattern = re.compile(rf"(?i)(?<!\w)(?:{w})(?!\w)")
        elif period in sentence_wide:
            # "hằng quý" and "hằng tháng" are rarely adjectives: a report word anywhere in the sentence makes the
            # period a duty ("gửi số liệu … về Sở … hằng quý", "cập nhật số liệu … hằng quý, gửi Sở …")
            pattern = re.compile(rf"(?i)(?<!\w)(?:(?:{w})[^.;\n]{{0,200}}?(?:{report})|(?:{report})[^.;\n]{{0,200}}?(?:{w}))(?!\w)")
        else:  # "hằng năm" qualifies plans and meetings as often as reports: the report word must be near
            pattern = re.compile(rf"(?i)(?<!\w)(?:(?:{w})\s+(?:{report})|(?:{report})[^.;\n]{{0,50}}?(?:{w}))(?!\w)")
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if period in anywhere:
                before = re.split(r"[.;\n]", text[max(0, m.start() - 120) : m.start()])[-1]
                if re.search(r"(?i)kế hoạch\s*$", before) and not re.search(rf"(?i){report}", before):
                    continue  # "xây dựng kế hoạch hằng quý": the plan's, not a duty's ("báo cáo … Kế hoạch hằng quý" is)
            tail = text[m.end() : m.end() + 60]
            clause = re.split(r"[.;\n]", text[m.end() : m.end() + 80], maxsplit=1)[0]
            later = re.search(r"(?i)(?<!\w)(trước|chậm nhất)(\s+ngày)?\s+\d{1,2}\s*/", clause)
            # "… hằng năm cho Sở Nội vụ trước ngày 30/9": the date is this period's, unless another period stands
            # between them ("Định kỳ hằng quý, 6 tháng (trước ngày 15/6)")
            later = later and not re.search(rf"(?i)(?<!\w)(?:{periods})(?!\w)", clause[: later.start()])
            if match_date(re.sub(r"^\s*\(?\s*(?:trước\s*)?(?:ngày\s*)?:?\s*", "", tail, flags=re.I), 0) \
                    or re.match(r"\s*\(?\s*(trước|chậm nhất)", tail, re.I) or later:
                continue  # the dated form follows, here or later in the clause: a `before` deadline carries this period
            word = re.search(rf"(?i){w}", m.group(0))
            found.append(Deadline(kind="recurring", text=word.group(0), span=(m.start() + word.start(), m.start() + word.end()),
                                  recurrence=period, subject=_subject(text, m.end())))
            taken.append((m.start(), m.end()))

    unique: dict[tuple, Deadline] = {}
    for d in sorted(found, key=lambda d: d.span[0]):
        key = (d.kind, d.date, d.end, d.recurrence)
        unique.setdefault(key, d)
    return list(unique.values())
