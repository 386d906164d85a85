"""Reader for DOCX through python-docx: paragraphs, list numbering, tables, in order.

Why the numbering is rebuilt: Word stores "1.", "a)", "-" of a list item not
in the text but in numbering definitions, and the extract stage needs those
markers to see the plan's structure. Heading styles and all-bold paragraphs
become Hints.
"""

from __future__ import annotations

import io
import re
import zipfile

from kehoach.corpus import ReadOptions, content_hash, register
from kehoach.corpus.footnotes import MARKER, attach, mark, power
from kehoach.corpus.layout import Line, join_lines, letterhead_cue
from kehoach.corpus.normalise import normalise
from kehoach.corpus.text import paragraphs_to_document
from kehoach.errors import KehoachError
from kehoach.model import Document, Footnote, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_BULLET_GLYPHS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "•", "o": "◦", "": "•"}


def _roman(n: int) -> str:
    out = ""
    for value, sym in _ROMAN:
        while n >= value:
            out, n = out + sym, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
    if fmt == "upperLetter":
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(n - 1) % 26]
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


class Numbering:
    """Counters for Word list numbering: numId -> abstract definition -> level formats."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for a in root.findall(f"{W}abstractNum"):
            lv = {}
            for lvl in a.findall(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl"))
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                lv[ilvl] = (fmt.get(f"{W}val") if fmt is not None else "decimal",
                            text.get(f"{W}val") if text is not None else "",
                            int(start.get(f"{W}val")) if start is not None else 1)
            abstract[a.get(f"{W}abstractNumId")] = lv
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})

    def label(self, num_id: str, ilvl: int) -> str | None:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        fmt, text, start = levels[ilvl]
        if fmt == "bullet":
            return "-" if text in ("-", "–", "") else _BULLET_GLYPHS.get(text, "-")
        if fmt == "none":
            return None
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def sub(m):
            lvl = int(m.group(1)) - 1
            lfmt, _, lstart = levels.get(lvl, ("decimal", "", 1))
            return _format(counters[lvl] or lstart, lfmt)

        return re.sub(r"%(\d)", sub, text)


def _num_pr(par):
    """The paragraph's list numbering, its own or its style's ("List Number" carries it in the style)."""
    ppr = par._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    style = par.style
    while style is not None:
        sppr = style.element.pPr
        if sppr is not None and sppr.numPr is not None:
            return sppr.numPr
        style = style.base_style
    return None


class Notes:
    """The document's footnotes: the numbers Word prints for its references, and their texts.

    Why numbers are counted here: a `w:footnoteReference` holds the id of its
    footnote, not the number printed; Word numbers footnotes 1, 2, 3 … in the
    order they are referenced.
    """

    def __init__(self, document):
        self.markers: dict[str, str] = {}  # footnote id -> printed number
        self.texts: dict[str, str] = {}
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from lxml import etree

        for rel in document.part.rels.values():
            if rel.reltype != RT.FOOTNOTES or rel.is_external:
                continue
            try:
                root = etree.fromstring(rel.target_part.blob)
            except (etree.XMLSyntaxError, ValueError):
                continue  # a damaged footnotes part: the body still reads
            for note in root.iter(f"{W}footnote"):
                if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                pars = [" ".join("".join((t.text or "") if t.tag == f"{W}t" else " " for t in p.iter(f"{W}t", f"{W}tab")).split())
                        for p in note.iter(f"{W}p")]
                self.texts[note.get(f"{W}id")] = " ".join(t for t in pars if t)

    def marker(self, note_id: str) -> str:
        return self.markers.setdefault(note_id, str(len(self.markers) + 1))

    def footnotes(self) -> list[Footnote]:
        """Each referenced footnote's marker and text, in the order of its reference."""
        return [Footnote(marker, self.texts[note_id], key=note_id) for note_id, marker in self.markers.items()
                if self.texts.get(note_id)]


_SUPERSCRIPT = "w:rPr/w:vertAlign[@w:val='superscript'] | w:rPr/w:rStyle[contains(@w:val, 'ootnote')]"


def _paragraph_text(par, notes: Notes) -> str:
    """A paragraph's text with footnote references and superscript markers as marks (corpus/footnotes.py).

    Why: python-docx's `Paragraph.text` drops a footnote reference (Word
    prints its number, the XML holds none) and glues a superscript number
    typed by hand to the word before it ("năm 2025" + "2" = "năm 20252").
    """
    p = par._p
    if not p.xpath(".//w:footnoteReference | .//w:vertAlign[@w:val='superscript'] | .//w:rStyle[contains(@w:val, 'ootnote')]"):
        return par.text
    text = ""
    for r in p.xpath("w:r | w:hyperlink/w:r"):
        refs = r.xpath("w:footnoteReference")
        run = r.text
        if refs:
            text += "".join(mark(notes.marker(ref.get(f"{W}id")), ref.get(f"{W}id")) for ref in refs) + run
            continue
        m = MARKER.fullmatch(run.strip())
        if m and r.xpath(_SUPERSCRIPT):
            text += power(text, m.group(1)) or mark(m.group(1))
        else:
            text += run
    return text


def _paragraph_line(par, numbering: Numbering, notes: Notes) -> Line | None:
    text = _paragraph_text(par, notes)
    if not text.strip():
        return None
    label = None
    num_pr = _num_pr(par)
    if num_pr is not None and num_pr.numId is not None:
        num_id = str(num_pr.numId.val)
        ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        label = numbering.label(num_id, ilvl)
    style = (par.style.name if par.style is not None else "") or ""
    if label is None and style.lower().startswith("list bullet"):
        label = "-"
    if label:
        text = f"{label} {text.lstrip()}"
    kind, level = None, 0
    if style.lower().startswith(("heading", "title")):
        kind = "heading"
        digits = re.findall(r"\d", style)
        level = int(digits[0]) if digits else 1
    else:
        runs = [r for r in par.runs if r.text.strip()]
        if runs and all(r.bold or (r.bold is None and par.style is not None and par.style.font.bold) for r in runs):
            kind = "bold"
    return Line(text, kind=kind, level=level)


def _layout_lines(table, numbering: Numbering, notes: Notes) -> list[Line] | None:
    """A table that only lays out the letterhead or the signature, read column by column; else None.

    Office documents put the issuer beside "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
    NAM", and "Nơi nhận:" beside "KT. CHỦ TỊCH", in a borderless table of two
    columns. Its cells hold paragraphs, not data: each is a line of its own,
    the left column before the right.
    """
    rows = table.rows
    columns = max((len(r.cells) for r in rows), default=0)
    if not 1 <= len(rows) <= 4 or not 2 <= columns <= 3:
        return None
    text = " ".join(c.text for r in rows for c in r.cells)
    if not letterhead_cue(text) or len(text) > 3000:
        return None
    out: list[Line] = []
    grid = [row.cells for row in rows]  # held for the whole loop: a merged cell is the same element in each column
    seen: list = []
    for col in range(columns):
        for cells in grid:
            if col >= len(cells) or any(cells[col]._tc is tc for tc in seen):
                continue
            seen.append(cells[col]._tc)
            for par in cells[col].paragraphs:
                line = _paragraph_line(par, numbering, notes)
                if line:  # a line break inside a cell ("ỦY BAN NHÂN DÂN<br/>TỈNH HÀ TĨNH") ends a line here
                    out += [Line(part, kind=line.kind, level=line.level) for part in line.text.split("\n") if part.strip()]
    return out


@register("docx")
def read_docx(path: str, data: bytes, options: ReadOptions) -> Document:
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise KehoachError("corrupt", path, detail=f"not a readable Word document ({exc})") from None
    except Exception as exc:  # lxml and python-docx raise many types on damaged files
        raise KehoachError("corrupt", path, detail=str(exc)[:120]) from None
    numbering = Numbering(document)
    notes = Notes(document)
    lines: list[Line] = []
    tables: list[Table] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            line = _paragraph_line(DocxParagraph(child, document), numbering, notes)
            if line:
                lines.append(line)
        elif child.tag == f"{W}tbl":
            table = DocxTable(child, document)
            layout = _layout_lines(table, numbering, notes)
            if layout is not None:
                lines.extend(layout)
                continue
            rows = []
            for row in table.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell appears once per column it spans
                    seen.add(id(cell._tc))
                    cells.append(" ".join(cell.text.split()))
                if any(cells):
                    rows.append(cells)
            if rows:
                tables.append(Table(rows=rows))
                lines.extend(Line("\t".join(r)) for r in rows)
    paragraphs = join_lines(lines, wrapped=False)
    doc = paragraphs_to_document(paragraphs, source=path, id=content_hash(data), format="docx",
                                 raw_text="\n".join(ln.text for ln in lines))
    doc.tables = tables
    attach(doc, [Footnote(n.marker, normalise(n.text), key=n.key) for n in notes.footnotes()])
    return doc
