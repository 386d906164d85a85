"""Reader for .txt and .md: plain text and markdown from converted documents.

Markdown markers are layout, not words: `**bold**`, `*italic*`, `#` headings
and HTML tags (`<sub>1</sub>` in "UBND-VX<sub>1</sub>") are removed from the
text, and what they said about structure is kept as `Hint`s.
"""

from __future__ import annotations

import html
import re
from functools import cache

from kehoach.corpus.layout import SITE_LINE as _SITE_LINE
from kehoach.corpus.layout import Line, Paragraph, dangles, join_lines, letterhead_cue
from kehoach.corpus.normalise import fold_keep, normalise, tone_marks
from kehoach.data import load
from kehoach.model import Document, Footnote, Hint

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*[.:]?\s*$")
_TAG = re.compile(r"</?(?:sub|sup|i|b|u|em|strong|span|p|div|font)\b[^>]*>", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_STRONG = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_LIST_STAR = re.compile(r"^(\s*)\*\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def strip_markdown(line: str) -> tuple[str, str | None, int]:
    """One markdown line to (text, hint kind, heading level)."""
    kind, level = None, 0
    line = _BR.sub(" ", line)
    line = _TAG.sub("", line)
    heading = _HEADING.match(line)
    if heading and heading.group(2):
        kind, level = "heading", len(heading.group(1))
        line = heading.group(2)
    if _BOLD_LINE.match(line) and kind is None:
        kind = "bold"
    line = _LIST_STAR.sub(r"\1- ", line)
    line = _LINK.sub(r"\1", line)
    line = _STRONG.sub("", line)
    line = _EM.sub(r"\1", line)
    line = re.sub(r"^(\s*)\*(?=\S)([^*\n]+?)\s\*(?=\S)", r"\1\2 ", line)  # "*1.4. Lộ trình: *Năm …": a web copy's italics
    line = re.sub(r"(?<=\s)\*(?=\s)|^\*\s*$", "", line)  # stray lone stars
    line = _ESCAPE.sub(r"\1", line)
    line = html.unescape(line)
    if set(line.strip()) <= {"|"}:
        line = ""  # the empty cell separators of a header table copied from a web page
    return line.strip(" "), kind, level


def paragraphs_to_document(
    paragraphs: list[Paragraph], *, source: str, id: str, format: str, raw_text: str
) -> Document:
    """Lay paragraphs out one per line and record hints at their offsets.

    Legacy 8-bit Vietnamese (TCVN3, VNI) is detected over the whole document
    and converted before normalisation. Footnote marks a reader left in the
    text (corpus/footnotes.py) are taken out here, after normalisation, so
    that each footnote's offset indexes the finished text.
    """
    from kehoach.corpus.footnotes import show_marks, strip_marks
    from kehoach.corpus.legacy import convert, detect

    legacy = detect("\n".join(p.text for p in paragraphs))
    parts, hints, notes, pos = [], [], [], 0
    for p in paragraphs:
        text, marks = strip_marks(normalise(convert(p.text, legacy) if legacy else p.text))
        notes += [Footnote(marker, "", p.page, pos + at, key) for marker, key, at in marks]
        if p.kind:
            hints.append(Hint(pos, pos + len(text), p.kind, p.level))
        parts.append(text)
        pos += len(text) + 1
    doc = Document(source=source, id=id, format=format, text="\n".join(parts), raw_text=show_marks(raw_text),
                   hints=hints, footnotes=notes)
    if legacy:
        doc.warnings.append(f"converted from legacy {legacy.upper()} encoding")
    return doc


_GAP = re.compile(r"(?<=\S) {6,}(?=\S)")


def _right_only(line: str, col: int, width: int) -> bool:
    """A line of the right column alone: starts near the column and sits right of the middle (not a centred title)."""
    lead = len(line) - len(line.lstrip(" "))
    centre = lead + len(line.strip()) / 2
    return bool(line.strip()) and lead >= max(20, col - 6) and centre > 0.6 * width and not _GAP.search(line)


def tabs_to_columns(lines: list[str]) -> list[str]:
    """A letterhead or signature laid out as two tab-separated cells (a Word table copied as text) set as two
    columns of spaces, so that unfold_columns reads them one after the other. Other tab rows are tables and
    stay as they are."""
    out = list(lines)
    i, n = 0, len(lines)
    while i < n:
        if lines[i].count("\t") != 1:
            i += 1
            continue
        k = i
        while k < n and (lines[k].count("\t") == 1 or not lines[k].strip() and k + 1 < n and lines[k + 1].count("\t") == 1):
            k += 1
        run = [j for j in range(i, k) if lines[j].strip()]
        if any(letterhead_cue(lines[j]) for j in run) and len(run) <= 12:
            width = max(len(lines[j].split("\t")[0].rstrip()) for j in run) + 8
            for j in run:
                left, right = (c.strip() for c in lines[j].split("\t"))
                out[j] = (left.ljust(width) + right) if right else left
        i = k
    return out


def _is_pipe(line: str) -> bool:
    return line.strip() == "|"


class _Merged(list):
    """A row whose cells the page merged, padded to the table's width."""
    merged = True


def _pipe_rows(tokens: list[str], n: int) -> tuple[list[list[str]], int]:
    """The rows of n cells the tokens read as from the start, and how many tokens they take (each row's closing
    gap included). A row of fewer cells is one whose cells the page merged: a group of tasks spanning the row
    ("I" | "Công tác chỉ đạo, điều hành"), or a cell spanning rows, printed once in the first of them. It is read,
    padded, where a numbered row ("1", "4." — a short first cell) follows its gap; its cells are short. Most
    rows are whole: a width that reads most of them short is the wrong one."""
    def whole(j: int) -> bool:
        return j + n <= len(tokens) and (j + n == len(tokens) or not tokens[j + n].strip())

    def short_end(j: int) -> int | None:  # the gap that closes a row of fewer cells starting at j
        return next((k for k in range(j + 1, min(j + n, len(tokens))) if not tokens[k].strip()), None)

    def starts_row(k: int) -> bool:  # a numbered row, or a group's row before one
        if k >= len(tokens) or not tokens[k].strip() or len(tokens[k]) > 200:
            return False
        if len(tokens[k].strip()) <= 12:
            return True
        # a group's label alone in its row, then a numbered row
        return k + 2 < len(tokens) and not tokens[k + 1].strip() and 0 < len(tokens[k + 2].strip()) <= 12

    rows: list[list[str]] = []
    j = 0
    while j < len(tokens):
        if whole(j):
            rows.append(tokens[j : j + n])
            j += n + 1
            continue
        m = short_end(j)
        if rows and m is not None and starts_row(m + 1) and tokens[j].strip() and all(len(t) <= 400 for t in tokens[j:m]) and (
                whole(m + 1) and sum(1 for t in tokens[m + 1 : m + 1 + n] if t.strip()) >= min(n, 2)
                or short_end(m + 1) is not None):
            rows.append(_Merged(tokens[j:m] + [""] * (n - (m - j))))
            j = m + 1
            continue
        break
    # merged rows are the exception: a reading where most rows come out short has the wrong width
    if 2 * sum(1 for r in rows if isinstance(r, _Merged)) > len(rows):
        return [], 0
    return rows, min(j, len(tokens))


def _pipe_columns(tokens: list[str]) -> tuple[int, list[list[str]], int] | None:
    """(columns, rows, tokens read) of a table written one cell a run of lines between lone "|" lines (a web
    page's table copied as text): each row is N cells, then the empty gap between its closing "|" and the next
    row's opening one. The N that reads the most tokens as rows from the start (the smallest on a tie); what
    follows them (text after the table with no blank line between) is not the table's."""
    # a header of filled cells, then the gap: its width is the table's when its rows read so (text that runs on
    # into the next table with no blank line between may fit a wider, wrong N better); the last row has no gap
    # after it when the text runs on, and is known by its number ("1" after the header, "4" after "3")
    n = next((j for j, t in enumerate(tokens) if not t.strip()), 0)
    if 2 <= n < 16:
        rows, used = _pipe_rows(tokens, n)
        prev = rows[-1][0].strip(" *.") if rows else ""
        expected = "1" if len(rows) == 1 else str(int(prev) + 1) if prev.isdigit() else None
        if expected and used + n <= len(tokens) and tokens[used].strip(" *.") == expected:
            rows.append(tokens[used : used + n])
            used += n
        # every cell of its first rows filled (a header merged over two rows leaves some empty)
        whole = [r for r in rows[:3] if len(r) == n and not getattr(r, "merged", False)]
        if len(rows) >= 2 and all(c.strip() for r in whole for c in r) and whole[:1] == rows[:1] \
                and (len(rows) >= 3 or expected == "1") and all(len(tokens[c]) <= 100 for c in range(n)):  # (a header's
            # cells are short: a long first "cell" is text before the table, read from the pipe before it)
            return n, rows, used
    best = None
    for n in range(1, 16):
        rows, used = _pipe_rows(tokens, n)
        if rows and (best is None or used > best[2]):
            best = (n, rows, used)
    return best


def _markdown_row(line: str) -> list[str] | None:
    """The cells of a one-line markdown table row ("| a | b | c |"); None for other lines."""
    text = line.strip()
    if not (text.startswith("|") and text.endswith("|") and text.count("|") >= 3):
        return None
    return [c.strip() for c in text[1:-1].split("|")]


# what only a letterhead or a signature block holds, or the legal-document site's own furniture (its notices to
# readers): such "|" cells are left as lines, for the metadata rules and the end-of-document markers
_HEADER_CELL = re.compile(r"CỘNG HÒA|Độc lập|^\**\s*Số\s*:|Nơi nhận|\bKT\.|\bTM\.|Người ký|Ngày ban hành|THƯ VIỆN PHÁP LUẬT|Quý khách")


@cache
def _site_markers() -> tuple[str, ...]:
    return tuple(" ".join(fold_keep(m).split()) for m in load("sections")["web_page_end"])


def _site_text(line: str) -> bool:
    """A line of the legal-document site's own text after the document ("Văn bản này chưa cập nhật nội dung
    Tiếng Anh", "Văn bản liên quan": sections.json web_page_end): never a table's cell."""
    text = line.strip(" |#")
    return len(text) < 60 and " ".join(fold_keep(text).split()).startswith(_site_markers())


def pipe_tables_to_rows(lines: list[str]) -> list[str]:
    """Tables written with "|" as tab-separated rows, one a line, as the other readers give tables.

    Two layouts: markdown rows ("| a | b |", the "|---|" rule dropped) and the web-copy layout where each cell
    stands on its own lines between lone "|" lines. A two-column letterhead or signature block stays as it is
    (its cells one after the other, read by the metadata rules): only a table of three columns or more, or of
    two columns and three rows without a letterhead's words, becomes rows.
    """
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        row = _markdown_row(lines[i])
        if row is not None:
            while i < n and (row := _markdown_row(lines[i])) is not None:
                if not all(re.fullmatch(r":?-{2,}:?", c) or not c for c in row):
                    out.append("\t".join(row))
                i += 1
            continue
        if not _is_pipe(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        k = i + 1  # the table runs at most to the last "|" line before a blank line, the site's text or the end
        while k < n and lines[k].strip() and not _site_text(lines[k]):
            k += 1
        k -= 1
        while k > i and not _is_pipe(lines[k]):
            k -= 1
        if k == i:
            out.append(lines[i])
            i += 1
            continue
        tokens, ends, cell = [], [], []  # each token's text and the line of the "|" that closes it
        for at in range(i + 1, k + 1):
            if _is_pipe(lines[at]):
                tokens.append(" ".join(part.strip() for part in cell))
                ends.append(at)
                cell = []
            else:
                cell.append(lines[at])
        shape = _pipe_columns(tokens)
        cols, rows, used = shape if shape else (0, [], 0)
        count = len(rows)
        read = [c for r in rows for c in r]
        filled = sum(1 for t in rows[0] if t.strip()) if rows else 0
        # a table opens with its header: every cell filled, or (merged cells: "Trách nhiệm" over "Chủ trì | Phối
        # hợp") most of them over several rows; a start in the middle of a row reads as a row or two at most
        sub = " ".join(rows[1] if count > 1 else []).lower()
        table = (cols >= 3 and (count >= 2 and filled == cols or count >= 3 and 2 * filled >= cols
                                and ("chủ trì" in sub or "phối hợp" in sub))
                 or cols == 2 and count >= 3 and filled == cols) and not any(_HEADER_CELL.search(t) for t in read)
        if not table:  # no table starts here: on to the next "|" (a letterhead's cells, then a table below)
            out.extend(lines[i : ends[0]])
            i = ends[0]
            continue
        out.append("")
        out.extend("\t".join(c.replace("\t", " ") or "" for c in r) for r in rows if any(c.strip() for c in r))
        out.append("")
        # the rows end at the pipe that closes the last one's gap (or its last cell, where no gap follows it)
        last = min(used - 1, len(ends) - 1)
        i = ends[last] + 1
    return out


_BLOCK_OPENER = re.compile(r"^(?:(?:Điều|ĐIỀU)\s+\d+\s*[.:]|(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+[IVXLC\d]+\b|[IVXL]{1,5}\s*[.)]\s"
                           r"|(?:Căn cứ|Xét đề nghị|Xét Tờ trình|Theo đề nghị)\s)")  # each legal ground is a clause of its own


# "Điều 10 của Nghị định …", "Điều 22 Nghị định số …": a line wrapped before a cited article, not an article
_CITED_ARTICLE = re.compile(r"^(?:Điều|Chương|Mục|Phần|Phụ lục)\s+[\dIVXLC]+\s+(?![.:])\S")


def _blank_separated(lines: list[str]) -> bool:
    """Whether the text separates its paragraphs with blank lines, as markdown does (a web page copied as
    markdown): then a line break inside a block is a soft wrap, whatever the line's length or its first letter."""
    filled = [i for i, line in enumerate(lines) if line.strip() and not _is_pipe(line)]
    if len(filled) < 20:
        return False
    ends = sum(1 for i in filled if i + 1 >= len(lines) or not lines[i + 1].strip())
    multi = sum(1 for i in filled if i + 1 < len(lines) and lines[i + 1].strip() and not _is_pipe(lines[i + 1]))
    return ends >= max(10, 0.12 * len(filled)) and multi >= 0.2 * len(filled)


@cache
def _name_openings() -> frozenset[str]:
    """The first words of bodies' names ("Sở", "Ban", "Ủy" …: agencies.json's forms and names): a line that ends
    on one was cut inside the name ("… phối hợp với Sở" / "Văn hóa, Thể thao và Du lịch …")."""
    data = load("agencies")
    names = data.get("unknown_forms", {}).get("forms", []) + [a["name"] for a in data["agencies"]]
    return frozenset(n.split()[0] for n in names if n.split() and n.split()[0][:1].isupper())


def _hard_wrapped_markdown(lines: list[str]) -> bool:
    """A markdown copy with no blank lines between its paragraphs, its lines wrapped at about 80 characters."""
    filled = [line.strip() for line in lines if line.strip() and not _is_pipe(line) and "\t" not in line]
    long = sum(1 for line in filled if len(line) >= 55)
    return len(filled) >= 20 and long >= max(20, 0.15 * len(filled))  # (a table's rows are no wrapped lines)


def join_soft_wraps(lines: list[str]) -> list[str]:
    """Lines of one blank-separated block joined into one, where the text is laid out as markdown paragraphs.

    Why: a web copy wraps lines inside headings ("**IV. TỔ CHỨC" / "THỰC HIỆN**"), inside items ("a) Tra cứu
    trực tuyến trên Cổng" / "Dịch vụ công quốc gia …") and inside articles ("**Điều 12." / "Nâng cấp …**");
    the length of a line says nothing there. A line that opens an item (a bullet, a number, "Điều 3.") still
    starts its own paragraph, and so does anything in a table or a letterhead's cells ("|" lines), a heading
    ("# …") and the line after a markdown hard break.
    """
    blocks = _blank_separated(lines)
    if not blocks and not _hard_wrapped_markdown(lines):
        return lines
    from kehoach.corpus.layout import opens_paragraph

    out: list[str] = []
    in_cells = False
    prev = ""
    for line in lines:
        if _is_pipe(line) or "\t" in line:
            in_cells = _is_pipe(line) or in_cells
            out.append(line)
            prev = line
            continue
        if not line.strip():
            in_cells = False
            out.append(line)
            prev = line
            continue
        text = strip_markdown(line)[0]
        joinable = (prev.strip() and not _is_pipe(prev) and not _GAP.search(line) and not _GAP.search(prev) and "\t" not in prev
                    and not (in_cells and blocks)  # with no blank lines, a cell's short lines are kept by their length
                    and not prev.lstrip().startswith("#") and not line.lstrip().startswith("#")
                    and not prev.endswith(("  ", "\\")) and not _BLOCK_OPENER.match(text) and not _SITE_LINE.match(text)
                    and not (opens_paragraph(text) and not _CITED_ARTICLE.match(text))
                    and not _BOLD_LINE.match(prev))
        if joinable and not blocks:
            # no blank lines at all: a line wrapped at the page's width goes on; a short one, or one that ends a
            # sentence before a capital, ended its paragraph ("Văn phòng" / "UBND tỉnh (Trung tâm …)" goes on)
            before = strip_markdown(prev)[0]
            ends_open = not re.search(r"[.;:!?]\W*$", before) and (
                text[:1].islower() or dangles(before) or before.split()[-1:] and before.split()[-1] in _name_openings())
            joinable = (len(before) >= 55 or ends_open) and not line.lstrip().startswith("*") \
                and not (re.search(r"[.;:!?]\W*$", before) and text[:1].isupper())
        if joinable and out:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
        prev = line
    return out


def unfold_columns(lines: list[str]) -> list[str]:
    """Two columns printed side by side read one after the other: left, then right.

    A text saved from a PDF "with layout" keeps the two-column header (issuer
    beside "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") and the signature block
    ("Nơi nhận:" beside "KT. CHỦ TỊCH") as lines with a wide run of spaces
    between the columns; read across, each line would mix the two.
    """
    out: list[str] = []
    i, n = 0, len(lines)
    width = max((len(line.rstrip()) for line in lines), default=0)
    while i < n:
        gap = _GAP.search(lines[i])
        if not gap:
            out.append(lines[i])
            i += 1
            continue
        col = gap.end()
        last, k = i, i + 1
        while k < n:
            if not lines[k].strip():
                m = next((m for m in range(k + 1, min(n, k + 4)) if lines[m].strip()), None)
                if m is None or not (_GAP.search(lines[m]) or _right_only(lines[m], col, width)):
                    break
                k = m
                continue
            g = _GAP.search(lines[k])
            if g:
                col = min(col, g.end())
                last = k
            elif _right_only(lines[k], col, width):
                last = k
            k += 1
        left, right = [], []
        for line in lines[i : last + 1]:
            g = _GAP.search(line)
            if g:
                left.append(line[: g.start()].strip())
                right.append(line[g.end() :].strip())
            elif _right_only(line, col, width):
                right.append(line.strip())
            else:
                left.append(line.strip())
        out += left + [""] + right + [""]
        i = last + 1
    return out


def unescape_breaks(text: str) -> str:
    """Line breaks written out as "\\r\\n" (a web page's source copied as text) made real again.

    Only when they are the document's line breaks: several of them, or more
    of them than real ones, so that a path like "d:\\new" in a letter stays.
    """
    if text.count("\\r\\n") >= 3:
        text = text.replace("\\r\\n", "\n")
    if text.count("\\n") >= 5 and text.count("\\n") > text.count("\n"):
        text = text.replace("\\n", "\n")
    return text


def _first_line_indent(raws: list[str], width: int) -> int | None:
    """The indent a paragraph's first line takes in a text saved with its layout, when it is deeper than the
    indent of the lines that go on a paragraph ("        Quan tâm chỉ đạo …" / "  hướng công tác …"): such a
    line opens a paragraph even after a line that did not end a sentence."""
    starts: dict[int, int] = {}
    goes_on: dict[int, int] = {}
    prev = ""
    for raw in raws:
        if raw.strip() and prev.strip():
            indent = len(raw) - len(raw.lstrip(" "))
            if re.search(r"[.:;!?]\W*$", prev.strip()):
                starts[indent] = starts.get(indent, 0) + 1
            elif len(prev.rstrip()) >= 0.75 * width:  # the line above ran to the margin: this one goes on
                goes_on[indent] = goes_on.get(indent, 0) + 1
        prev = raw
    if sum(starts.values()) < 5 or sum(goes_on.values()) < 5:
        return None
    first = max(starts, key=starts.get)
    cont = max(goes_on, key=goes_on.get)
    share = starts[first] / sum(starts.values())
    return first if first >= cont + 3 and share >= 0.6 and goes_on.get(first, 0) <= 0.2 * sum(goes_on.values()) else None


def _centred(raw: str, indent: int, width: int) -> bool:
    """A line set in the middle of a page saved as text with its layout: indented, with as much room left
    on its right (a paragraph's indented first line runs to the margin instead)."""
    return indent >= 6 and indent * 2 + len(raw.strip()) <= width + 4 and width >= 50


def spell_once(text: str) -> str:
    """NFC and one tone-mark style, before anything measures or compares a line.

    Why before layout: the width of a line decides whether it ran to the
    margin and goes on, and an NFD copy counts each tone mark as a character
    of its own ("Ủy" is 2 characters in NFC, 4 in NFD); old-style "hoà" never
    matches the "CỘNG HÒA" of a letterhead. Both would join lines differently
    from the NFC text with the same words. Legacy 8-bit text is left as it is:
    its Latin-1 letters are not Vietnamese yet, and moving a "tone" there would
    change the bytes the converter reads.
    """
    from kehoach.corpus.legacy import detect

    if detect(text):
        return text
    return tone_marks(text)


def read_text(text: str, *, source: str, id: str, format: str = "txt") -> Document:
    """Text (already decoded) to a Document: markdown out, paragraphs joined."""
    lines = []
    raw_text = unescape_breaks(text)
    text = spell_once(raw_text)
    raws = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    raws = pipe_tables_to_rows(raws)
    if format == "md" or "**" in text:  # markdown's own layout: a block is a paragraph
        raws = join_soft_wraps(raws)
    raws = unfold_columns(tabs_to_columns(raws))
    width = max((len(r.rstrip()) for r in raws), default=0)
    first_indent = _first_line_indent(raws, width)
    for raw in raws:
        content, kind, level = strip_markdown(raw)
        indent = len(raw) - len(raw.lstrip(" "))
        lines.append(Line(content, kind=kind, level=level, hard_break=raw.endswith("  ") or raw.endswith("\\"),
                          indent=indent, centred=_centred(raw, indent, width),
                          indented=first_indent is not None and first_indent <= indent < first_indent + 4))
    paragraphs = join_lines(lines)
    return paragraphs_to_document(paragraphs, source=source, id=id, format=format, raw_text=raw_text)
