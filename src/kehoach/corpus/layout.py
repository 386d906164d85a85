"""Rebuild paragraphs from lines that a page layout broke.

Why: plans reach us as PDF text and as text copied from PDFs, where every
printed line ends in a newline (often with a blank line after it) and a page
break can cut a sentence in two. Extraction works on paragraphs — one task a
bullet — so lines are joined back before anything else looks at them.

The output convention, shared by every reader: one paragraph per line of
`Document.text`; table rows are lines with tab-separated cells.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from kehoach.data import load
from kehoach.model import Page

# A line that opens a new paragraph whatever came before: bullets, numbering,
# Roman numerals, "Điều 1.", "Phụ lục", footnote marks.
_OPENER = re.compile(
    r"""^\s*(
        [-+•▪●◦‣∙·*–—]\s                      # bullets
      | [-+•▪●◦–]\S                          # bullet glued to its word ("-Tăng")
      | \d{1,2}(\.\d{1,2}){0,3}[.)]\s        # 1.  2.1.  2.1.1)
      | \d{1,2}(\.\d{1,2}){1,3}\s            # 2.1 heading without final dot
      | [a-zđ][.)]\s                          # a)  b.
      | [A-H]\.\s+[A-ZĐÀ-Ỹ]{2}                # A. MỤC ĐÍCH, B. NỘI DUNG: parts above the Roman numerals
      | [IVXLC]{1,6}(?:[.)]|/(?!\d))\s?       # I.  II.  IV/ (not "III/2024", a quarter)
      | [IVXL]{1,5}\s+[A-ZĐÀ-Ỹ]{2,}\s+[A-ZĐÀ-Ỹ]{2,}  # III PHÂN CÔNG: a Roman heading whose dot OCR lost
      | (Điều|Chương|Mục|Phần|PHẦN|CHƯƠNG|ĐIỀU|Phụ\slục|PHỤ\sLỤC)\s+[\dIVXLC]+
      | [¹²³⁴⁵⁶⁷⁸⁹⁰]+\s                        # footnote text
      | (Nơi\snhận|Kính\sgửi|Căn\scứ|Số:|KT\.|TM\.|QUYẾT\sĐỊNH|KẾ\sHOẠCH)
      | Ngày\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\s*,   # a notice's opening: "Ngày 05/9/2022, Chủ tịch UBND tỉnh chủ trì …"
    )""",
    re.VERBOSE,
)
_TERMINAL = re.compile(r"[.:;!?…]\W*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?\s*$")


@lru_cache(maxsize=1)
def _letterhead_regex() -> re.Pattern:
    data = load("sections")
    return re.compile("|".join(re.escape(c).replace(r"\ ", r"\s*") for c in data["letterhead_cues"]), re.I)


@lru_cache(maxsize=1)
def _dangling_words() -> frozenset[str]:
    data = load("sections")
    return frozenset(data["dangling_words"])


def dangles(text: str) -> bool:
    """Whether a line stops on a word no sentence ends with ("… báo cáo kết quả về"): it goes on below."""
    words = text.rsplit(None, 1)
    return bool(words) and words[-1].lower() in _dangling_words()


@cache
def _this_document_regex() -> re.Pattern:
    words = load("sections")["this_document"]
    return re.compile(r"(?:" + "|".join(re.escape(w) for w in words) + r")\s+này\b")


def _names_this_document(text: str) -> bool:
    """A line that opens with "Nghị quyết này", "Quyết định này" after a line with no full stop: the object of the
    sentence above ("1. Giao Ủy ban nhân dân Thành phố tổ chức thực hiện" / "Nghị quyết này.")."""
    return bool(_this_document_regex().match(text.lstrip()))


def letterhead_cue(text: str) -> bool:
    """Whether a line belongs to a letterhead or a signature block ("CỘNG HÒA …", "Nơi nhận:", "KT. CHỦ TỊCH")."""
    return bool(_letterhead_regex().search(text))


@dataclass
class Line:
    """One input line with what the reader knew of its style."""

    text: str
    blank_before: bool = False
    kind: str | None = None  # "heading" | "bold" | None
    level: int = 0
    page: int | None = None
    hard_break: bool = False  # the source ended this line with a markdown hard break ("  ")
    centred: bool = False  # a plain-text line set in the middle of the page (text saved from a PDF with layout)
    indent: int = 0  # leading spaces of a plain-text line
    runs_on: bool = False  # the last line of a PDF page, printed to the right margin: its sentence goes on overleaf
    indented: bool = False  # a plain-text line set in by the document's first-line indent: it opens a paragraph


@dataclass
class Paragraph:
    text: str
    kind: str | None = None
    level: int = 0
    page: int | None = None


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def opens_paragraph(text: str) -> bool:
    return bool(_OPENER.match(text))


def hard_wrapped(lines: list[Line]) -> tuple[bool, int]:
    """Whether the text keeps its printed line breaks, and the printed width.

    A text copied from a PDF has lines of nearly equal length, most of them
    ending mid-sentence; a text whose paragraphs are lines has long lines
    that mostly end in punctuation.
    """
    lengths = sorted(len(ln.text) for ln in lines if ln.text and "\t" not in ln.text)
    if len(lengths) < 8:
        return False, 0
    width = lengths[int(len(lengths) * 0.8)]
    median = lengths[len(lengths) // 2]
    unfinished = sum(1 for ln in lines if ln.text and not _TERMINAL.search(ln.text)) / len(lengths)
    # a plan of short numbered items ends many lines with a full stop: its long lines still run on mid-sentence
    long = [ln for ln in lines if ln.text and "\t" not in ln.text and len(ln.text) >= 0.8 * width]
    long_unfinished = sum(1 for ln in long if not _TERMINAL.search(ln.text)) / len(long) if long else 0
    return ((unfinished > 0.6 or long_unfinished > 0.75) and 30 <= median <= 110 and width <= 120), width


# the legal-document site's own lines after a document: its title again ("Quyết định 612/QĐ-UBND năm 2023 ban hành
# …", never how a document cites another: "Quyết định số … ngày …") and its notice on translations
SITE_LINE = re.compile(r"^\s*(?:(?:Quyết định|Kế hoạch|Chỉ thị|Công văn|Thông báo|Nghị quyết|Thông tư|Nghị định|Công điện)"
                       r"\s+\d+[\w/.-]*\s+năm\s+\d{4}\b|Văn bản này chưa cập nhật nội dung Tiếng Anh)")


def _continues(prev: Line, line: Line, *, wrapped: bool, width: int) -> bool:
    """Whether `line` goes on the paragraph that ends with `prev`; never a line of the site's own."""
    if not line.text or not prev.text or SITE_LINE.match(line.text):
        return False
    if "\t" in line.text or "\t" in prev.text or " | " in line.text or " | " in prev.text:
        return False  # table rows, and the "|"-separated rows of headers copied from web pages
    if _all_caps(line.text) != _all_caps(prev.text) and not line.text.lstrip()[:1].islower():
        return False  # a capitals title never runs into body text, nor body text into a title
    if opens_paragraph(line.text) or line.indented:
        return False
    first = line.text.lstrip()[:1]
    lower = first.islower() or first in "(,;“\"'" or first.isdigit()  # "… Việt Nam năm" / "2022; phối hợp …"
    if prev.text.rstrip().endswith((";", ",")) and first.islower() and prev.kind == line.kind:
        return True  # "điện thoại: 0239.360.8079;" / "email …": one sentence cut after a semicolon
    if re.search(r"\w-$", prev.text.rstrip()):
        return True  # a symbol or a compound cut at its hyphen: "Tờ trình số 28/TTr-" / "LĐTBXH ngày 18/02/2022"
    if _TERMINAL.search(prev.text):
        return False
    if (prev.kind or line.kind) and prev.kind != line.kind:
        return False  # a heading never runs into body text
    if lower or dangles(prev.text) or _names_this_document(line.text):
        return True
    if prev.hard_break and len(prev.text) >= 40:
        return True  # a markdown line break inside a sentence: "… Ủy ban Quốc gia  \n Vì sự tiến bộ …"
    if prev.runs_on:
        return True  # a justified line that ends a page mid-sentence: "… tổng hợp, báo cáo" / "UBND tỉnh, …"
    if prev.centred and line.indent < prev.indent - 3:
        return False  # a centred title line, then the body at the margin: "KẾ HOẠCH / Thực hiện … năm 2024 / Thực hiện Luật …"
    if wrapped and len(prev.text) >= (0.6 if not line.blank_before else 0.75) * width:
        return True  # a printed line that ran to the margin goes on; a short one ended its paragraph
    return False


def _all_caps(text: str) -> bool:
    """A line in capitals (six letters at least: "KẾ HOẠCH", not "UBND")."""
    return text.isupper() and sum(c.isalpha() for c in text) >= 6


def _drop_running_headers(lines: list[Line]) -> list[Line]:
    """Lines printed again on every page beside its number ("UBND tỉnh X - Kế hoạch … 2022", "2")."""
    texts = [" ".join(ln.text.split()) for ln in lines]
    full = [i for i, t in enumerate(texts) if t]
    counts: dict[str, int] = {}
    for i in full:
        counts[texts[i]] = counts.get(texts[i], 0) + 1
    drop = set()
    for k, i in enumerate(full):
        if counts[texts[i]] < 2 or is_page_number(texts[i]) or "\t" in lines[i].text or len(texts[i]) > 120 \
                or opens_paragraph(texts[i]):
            continue
        neighbours = [full[j] for j in (k - 1, k + 1) if 0 <= j < len(full)]
        if any(is_page_number(texts[j]) for j in neighbours):
            drop.add(i)
    return [ln for i, ln in enumerate(lines) if i not in drop]


def join_lines(lines: list[Line], *, wrapped: bool | None = None) -> list[Paragraph]:
    """Join broken lines into paragraphs; drop lone page numbers.

    Lines are put in NFC first: every test below reads letters ("Điều", a
    lower-case first letter, a line's length), and a PDF or a Word file may
    carry decomposed text.
    """
    for line in lines:
        if not unicodedata.is_normalized("NFC", line.text):
            line.text = unicodedata.normalize("NFC", line.text)
    lines = _drop_running_headers(lines)
    lines = [ln for ln in lines if not (ln.text and is_page_number(ln.text) and "\t" not in ln.text)]
    width = 0
    if wrapped is None:
        wrapped, width = hard_wrapped(lines)
    elif wrapped:
        width = hard_wrapped(lines)[1]
    paragraphs: list[Paragraph] = []
    prev: Line | None = None
    blank = False
    for line in lines:
        if not line.text.strip():
            blank = True
            continue
        line.blank_before = line.blank_before or blank
        blank = False
        if prev is not None and paragraphs and _continues(prev, line, wrapped=wrapped, width=width):
            joined = paragraphs[-1].text
            if joined.endswith("-") and not joined.endswith(" -"):
                joined = joined + line.text.lstrip()  # a compound cut at its hyphen ("2021-" + "2030"): no syllable is hyphenated
            else:
                joined = joined.rstrip() + " " + line.text.lstrip()
            paragraphs[-1].text = joined
        else:
            paragraphs.append(Paragraph(line.text, line.kind, line.level, line.page))
        prev = line
    for p in paragraphs:
        if "\t" in p.text:
            p.text = "\t".join(" ".join(cell.split()) for cell in p.text.split("\t")).rstrip("\t")
        else:
            p.text = " ".join(p.text.split())
    return [p for p in paragraphs if p.text.strip()]


# -- geometry of PDF and OCR lines (dicts with "text", "x0", "x1", "top", "bottom", "size" …), shared by both readers

_LINE_END = re.compile(r"[.:;!?…]\W*$")


def _right_only(line: dict, split: float, page_width: float) -> bool:
    """A lone line of the right column: it starts near the column and sits right of the middle."""
    x0, _, x1, _ = line["bbox"]
    return "parts" not in line and x0 >= split - 30 and (x0 + x1) / 2 > 0.5 * page_width


def unfold_columns(lines: list[dict], page_width: float) -> list[dict]:
    """The two columns of a letterhead or a signature block, read one after the other.

    Office documents lay out the header (issuer beside "CỘNG HÒA XÃ HỘI CHỦ
    NGHĨA VIỆT NAM") and the signature ("Nơi nhận:" beside "KT. CHỦ TỊCH")
    as two columns side by side; read line by line they interleave. A run of
    lines cut in two by a wide gap, with the right column's lone lines
    around it, is read left column first, then right. Only runs that hold
    such a header or signature are touched: a borderless table in the body
    keeps its rows.
    """
    out: list[dict] = []
    i = 0
    while i < len(lines):
        parts = lines[i].get("parts", [])
        if len(parts) != 2:
            out.append(lines[i])
            i += 1
            continue
        split = parts[1]["bbox"][0]
        last, k = i, i + 1
        while k < len(lines) and k - last <= 6:
            if lines[k]["bbox"][1] - lines[k - 1]["bbox"][3] > 8 * lines[k - 1]["size"]:
                break  # far below: another block (the signature is never this far from its title)
            kparts = lines[k].get("parts", [])
            if len(kparts) == 2:
                split = min(split, kparts[1]["bbox"][0])
                last = k
            elif len(kparts) > 2:
                break
            elif _right_only(lines[k], split, page_width):
                last = k
            elif lines[k]["bbox"][2] > split:
                break  # a line across both columns: the body has begun
            k += 1
        while last + 1 < len(lines) and "parts" not in lines[last + 1] and lines[last + 1]["bbox"][2] < split \
                and lines[last + 1]["bbox"][1] - lines[last]["bbox"][3] < 2 * lines[last]["size"]:
            last += 1  # the rest of the left column ("Nơi nhận" runs on below the signature)
        block = lines[i : last + 1]
        if not any(letterhead_cue(ln["text"]) for ln in block):
            out.append(lines[i])
            i += 1
            continue
        left, right = [], []
        for ln in block:
            if len(ln.get("parts", [])) == 2:
                left.append(ln["parts"][0])
                right.append(ln["parts"][1])
            elif _right_only(ln, split, page_width):
                right.append(ln)
            else:
                left.append(ln)
        out += [dict(ln, column=True) for ln in left + right]
        i = last + 1
    return out


def margins(lines: list[dict]) -> tuple[float, float]:
    """The text block's left and right edges: where most lines start and end."""
    if not lines:
        return 0.0, 1.0
    right = sorted(ln["bbox"][2] for ln in lines)[int(len(lines) * 0.9)]
    left = sorted(ln["bbox"][0] for ln in lines)[int(len(lines) * 0.1)]
    return left, right


def _line_gap(lines: list[dict], full_at: float) -> float:
    """The gap between two lines of one paragraph: the middle gap after a line that reaches the margin and
    before one that goes on in lower case (a list of short items, "3. Sở Y tế" over "Chủ trì …", spaced
    apart, would make the middle of all gaps a paragraph's spacing); the middle of all gaps when there are
    not three such pairs."""
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if b["bbox"][1] > a["bbox"][3] - 1]
    inside = sorted(b["bbox"][1] - a["bbox"][3] for a, b in pairs if a["bbox"][2] >= full_at and b["text"].strip()[:1].islower())
    gaps = inside if len(inside) >= 3 else sorted(b["bbox"][1] - a["bbox"][3] for a, b in pairs)
    return gaps[len(gaps) // 2] if gaps else 0.0


def lines_to_paragraph_lines(lines: list[dict], *, page: int, edges: tuple[float, float] | None = None) -> list[Line]:
    """Join a page's visual lines into logical lines by geometry.

    `edges` are the document's margins; a page with few lines (the last
    one, a signature) cannot tell its own.
    """
    text_lines = [ln for ln in lines if ln.get("table") is None]
    if not text_lines:
        return [Line("", kind="table", level=ln["table"], page=page) for ln in lines]
    left, right = edges or margins(text_lines)
    width = max(1.0, right - left)
    line_gap = _line_gap(text_lines, right - 0.06 * width)
    out: list[Line] = []
    prev = None
    for ln in lines:
        if ln.get("table") is not None:  # where a ruled table stands (pdf.with_table_marks): no line joins across
            out.append(Line("", kind="table", level=ln["table"], page=page))
            prev = None
            continue
        text = " ".join(ln["text"].split())
        if not text:
            continue
        if prev is not None and out:
            full = prev["bbox"][2] >= right - 0.06 * width
            gap = ln["bbox"][1] - prev["bbox"][3]
            height = max(1.0, prev["bbox"][3] - prev["bbox"][1])
            close = gap <= line_gap + max(1.5, 0.15 * height) and gap < 1.2 * height
            same_style = prev["bold"] == ln["bold"]
            lower = text[:1].islower()
            ended = bool(_LINE_END.search(out[-1].text))
            opener = opens_paragraph(text) and not (full and not ended and text.startswith(("- ", "– ")))
            column = ln.get("column") or prev.get("column")  # letterhead and signature lines stand alone
            if close and same_style and not opener and not column and (full or lower and not ended):
                joined = out[-1].text
                if joined.endswith("-") and not joined.endswith(" -"):
                    # Vietnamese never hyphenates a syllable: a line that ends in "-" cut a compound
                    # ("2021-" + "2030", "QĐ-" + "UBND", "kinh tế-" + "xã hội"), which keeps its hyphen
                    out[-1].text = joined + text
                elif joined.endswith("/"):
                    out[-1].text = joined + text  # "4247/" + "QĐ-BGDĐT": a number cut at its slash
                else:
                    out[-1].text = joined + " " + text
                prev = ln
                continue
        out.append(Line(text, kind="bold" if ln["bold"] else None, page=page))
        prev = ln
    if out and prev is not None and not prev.get("column") and prev["bbox"][2] >= right - 0.06 * width:
        out[-1].runs_on = True
    return out


def line_shape(text: str) -> str:
    """A line's shape for header/footer detection: digits folded, so "Trang 3" = "Trang 4"."""
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def in_margin(line: dict, height: float) -> bool:
    return line["bbox"][3] < 0.1 * height or line["bbox"][1] > 0.9 * height


def running_shapes(pages_lines: list[list[dict]], heights: list[float]) -> set[str]:
    """Shapes of lines that sit in the top or bottom margin of most pages (running headers and footers).

    Text-layer pages and OCR'd pages alike: each page's lines are measured
    against its own height, points or pixels.
    """
    if len(pages_lines) < 2:
        return set()
    counts: Counter = Counter()
    for lines, h in zip(pages_lines, heights):
        counts.update({line_shape(ln["text"]) for ln in lines if in_margin(ln, h)})
    return {s for s, n in counts.items() if n >= max(2, len(pages_lines) // 2)}


def drop_running(lines: list[dict], height: float, shapes: set[str]) -> list[dict]:
    """A page's lines without its running header and footer, and without a page number in its margin
    ("Trang 2/8", "- 3 -"), which a scan may read beside other words on its line."""
    return [ln for ln in lines if not (in_margin(ln, height) and (line_shape(ln["text"]) in shapes
                                                                  or is_page_number(ln["text"])))]


def page_spans(text: str, paragraphs, count: int, needs_ocr: list[bool], confidences: dict,
               preps: dict | None = None) -> list[Page]:
    """Page boundaries in the normalised text: a paragraph belongs to the page it starts on."""
    starts: dict[int, int] = {}
    pos = 0
    for p, line in zip(paragraphs, text.split("\n")):
        if p.page is not None and p.page not in starts:
            starts[p.page] = pos
        pos += len(line) + 1
    pages, last = [], 0
    for number in range(1, count + 1):
        start = starts.get(number, last)
        last = start
        pages.append(Page(number=number, start=start, end=start, ocr=needs_ocr[number - 1], confidence=confidences.get(number),
                          prep=(preps or {}).get(number, [])))
    for i, page in enumerate(pages):
        page.end = pages[i + 1].start if i + 1 < len(pages) else len(text)
    return pages


