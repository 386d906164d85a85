"""The section tree of a plan, from its numbering and its bold headings.

Why: duties belong to whoever the enclosing heading names, so every line
must know its parent. Plans mix numbering styles freely (I., 1., 2.1., a),
-, +, *), skip numbers, and put a bold heading where a number should be; a
stack of styles copes with all of that: a style seen before closes back to
its level, a style not seen yet opens a new level under the current one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kehoach.corpus.normalise import fold_keep
from kehoach.data import load
from kehoach.model import Document

_MARKERS = [
    ("article", re.compile(r"^(?:Điều|ĐIỀU)\s+(\d+)\s*[.:]?\s*")),
    ("part", re.compile(r"^(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+([IVXLC]+|\d+)\s*[.:]?\s*")),
    ("upper", re.compile(r"^([A-H])\.\s+(?=[A-ZĐÀ-Ỹ]{2})")),
    ("roman", re.compile(r"^([IVXL]{1,5})(?:\s*(?:[.)]|/(?!\d))\s*(?=\S)|\s+(?=[A-ZĐÀ-Ỹ]{2,}\s+[A-ZĐÀ-Ỹ]{2,}))"  # "III PHÂN CÔNG": OCR lost the dot
                         r"|^([ivxl]{1,4})\.\s+(?=[A-ZĐ][A-ZĐÀ-Ỹ]+\s+[A-ZĐ][A-ZĐÀ-Ỹ]+)")),  # "v. TỔ CHỨC …": OCR read V small
    ("arabic", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:[.)]\s*|\s+(?=[A-ZĐÀ-Ỹ]))(?=\S)")),
    ("letter", re.compile(r"^([a-zđ])\s*[)]\s*(?=\S)|^([a-zđ])\.\s+(?=\S)|^(?:Bước|BƯỚC)\s+(\d{1,2})\s*[.:)]\s*(?=\S)")),  # "Bước 2." is an item too
    ("bullet", re.compile(r"^([-–+•*▪●◦])\s*(?=\S)")),
]


# Lines that open a new document inside the file: the plan a decision issues, an annex.
# (sections.json "new_document_titles": "QUY CHẾ" after a decision's signature, "PHỤ LỤC" …)
def _reset_regex() -> re.Pattern:
    titles = sorted(sections_data()["new_document_titles"], key=len, reverse=True)
    return re.compile(r"^(" + "|".join(map(re.escape, titles)) + r")\b(?!.*[a-zà-ỹ]{2,}.*\.$)")


@dataclass
class Node:
    """One line of the text and its place in the tree."""

    index: int
    start: int  # the line in Document.text
    end: int
    style: str  # article | part | roman | arabic1..4 | letter | bullet- | bullet+ | bold | para
    label: str | None  # "III", "2.1", "a", "-" …
    body_start: int  # where the text after the marker begins
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    path: str | None = None  # numbering path of the nearest numbered ancestor-or-self, e.g. "III.9"
    part: str | None = None  # "implementation" | "reporting" | None

    @property
    def is_bullet(self) -> bool:
        return self.style.startswith("bullet")

    @property
    def is_para(self) -> bool:
        return self.style == "para"


@dataclass
class Outline:
    doc: Document
    nodes: list[Node]

    def body(self, node: Node) -> str:
        return self.doc.text[node.body_start : node.end]

    def title(self, node: Node) -> str:
        return self.doc.text[node.start : node.end]

    def descendants(self, node: Node) -> list[Node]:
        out, stack = [], list(reversed(node.children))
        while stack:
            n = self.nodes[stack.pop()]
            out.append(n)
            stack.extend(reversed(n.children))
        return out

    def parts(self, part: str) -> list[Node]:
        return [n for n in self.nodes if n.part == part and (n.parent is None or self.nodes[n.parent].part != part)]


@lru_cache(maxsize=1)
def sections_data() -> dict:
    return load("sections")


_RESET = _reset_regex()


def _folded_phrases(key: str) -> list[str]:
    return [" ".join(fold_keep(p).split()) for p in sections_data()[key]]


_RANK = {"article": 0, "part": -1, "upper": 0, "roman": 1, "arabic1": 2, "arabic2": 3, "arabic3": 4, "arabic4": 5, "letter": 6}


def _annex_title(line: str) -> bool:
    """An unnumbered all-capitals title that names no body: an annex or form begins."""
    words = line.split()
    if len(words) < 3 or not line.isupper() or "\t" in line or any(dict(_MARKERS)[style].match(line) for style in ("upper", "roman", "arabic")):
        return False
    from kehoach.extract.agencies import find_mentions

    return not find_mentions(line) and not line.startswith(("CỘNG HÒA", "ĐỘC LẬP", "Độc lập", "TM.", "KT."))


def _classify(line: str, bold: bool) -> tuple[str, str | None, int]:
    """(style, label, length of the marker) of one line."""
    for style, regex in _MARKERS:
        m = regex.match(line)
        if not m:
            continue
        label = next((g for g in m.groups() if g), None)
        if style == "arabic":
            style = f"arabic{label.count('.') + 1}"
        elif style == "bullet":
            style = "bullet" + ("-" if label in "-–" else label)
        elif style == "roman" and label in ("I", "V", "X") and len(line) > 2 and line[len(label)] == "/":
            continue
        elif style == "roman":
            label = label.upper()
        return style, label, m.end()
    if bold:
        return "bold", None, 0
    return "para", None, 0


def _unmarked_heading(line: str, following: str) -> bool:
    """A short line with no final punctuation right above a bullet: a heading whose bold was lost.

    A scan or a plain-text copy keeps no bold: "Đề nghị Hội Liên hiệp Phụ nữ
    tỉnh" over its "- " tasks is still their heading.
    """
    text = line.strip()
    if not (len(text) <= 100 and text[:1].isupper() and not re.search(r"[.;:,!?…]\W*$", text) and "\t" not in text):
        return False
    if _classify(following.strip(), False)[0].startswith("bullet"):
        return True
    # a body's name alone over a paragraph of duties ("Công an huyện" / "Chỉ đạo Công an các xã …")
    nxt = following.strip()
    return len(text.split()) <= 12 and len(nxt.split()) >= 8 and _classify(nxt, False)[0] == "para" \
        and nxt[:1].isupper() and _names_a_body(text) and not re.search(r"\d", text)


def _body_label(line: str) -> bool:
    """A body's name alone on its line, ending in a colon ("Phòng Tư pháp:"), over its duties as plain paragraphs:
    a heading whose numbering was lost when the text was copied out of Word."""
    text = line.strip()
    return text.endswith(":") and len(text.split()) <= 24 and "\t" not in text and _names_a_body(text) \
        and not re.search(r"[.;!?]", text[:-1])


def _names_a_body(title: str) -> bool:
    from kehoach.extract.agencies import find_mentions

    found = find_mentions(title[:120])
    return bool(found) and found[0].start <= 12


def _heading_part(title: str) -> str | None:
    folded = " ".join(fold_keep(title).split())
    if any(p in folded for p in _folded_phrases("not_implementation")) and not any(
        p in folded for p in _folded_phrases("implementation")
    ):
        return None
    if any(p in folded for p in _folded_phrases("reporting")):
        return "reporting"
    if any(p in folded for p in _folded_phrases("implementation")):
        return "implementation"
    if len(folded) <= 60:
        # a scan's heading with a letter misread ("TỔ CHÚC THỤỰC HIỆN"): close enough to one of the phrases
        from rapidfuzz import fuzz

        words = re.sub(r"^[\divxlc]+\s*[.)/]?\s*", "", folded)
        for part in ("reporting", "implementation"):
            if any(fuzz.ratio(words, p) >= 88 for p in _folded_phrases(part)):
                return part
    return None


def parse(doc: Document) -> Outline:
    """The section tree of a document (one paragraph per line of doc.text)."""
    bold_starts = {h.start for h in doc.hints}
    nodes: list[Node] = []
    stack: list[tuple[str, int]] = []  # (style, node index) of the open levels
    pos = 0
    lines = doc.text.split("\n")
    for i, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        if _RESET.match(line) or _annex_title(line) and _heading_part(line) is None:
            stack.clear()  # a new document begins: the plan a decision issues, an annex
        style, label, marker = _classify(line, start in bold_starts)
        if style == "para" and (_unmarked_heading(line, lines[i + 1] if i + 1 < len(lines) else "") or _body_label(line)):
            style = "bold"
        node = Node(len(nodes), start, end, style, label, start + marker)
        if style == "para" or "\t" in line:
            node.style = "para"
            node.parent = stack[-1][1] if stack else None
        else:
            styles = [s for s, _ in stack]
            if style in styles:
                del stack[styles.index(style) :]
            elif not style.startswith("bullet"):
                while stack and stack[-1][0].startswith("bullet"):
                    stack.pop()  # a numbered heading is never the child of a bullet
                rank = _RANK.get(style)
                while rank is not None and stack and _RANK.get(stack[-1][0], -1) >= rank:
                    stack.pop()  # "2.1." after "a)": back up to the level that can hold it
                if rank is not None and rank <= _RANK["roman"]:
                    # a bold line above the first part ("Thực hiện công tác … năm 2024" under "KẾ HOẠCH") is a
                    # title, not a level that holds the parts: left open, a later bold heading deep in the
                    # plan would close every part back to it
                    while stack and stack[-1][0] == "bold":
                        stack.pop()
            node.parent = stack[-1][1] if stack else None
            stack.append((style, node.index))
        if node.parent is not None:
            nodes[node.parent].children.append(node.index)
        nodes.append(node)
    outline = Outline(doc, nodes)
    _paths_and_parts(outline)
    return outline


def _paths_and_parts(outline: Outline) -> None:
    for node in outline.nodes:
        parent = outline.nodes[node.parent] if node.parent is not None else None
        parent_path = parent.path if parent else None
        if node.label and not node.is_bullet and not node.is_para:
            if node.style in ("arabic2", "arabic3", "arabic4"):
                # "2.1" carries its own arabic ancestors: keep only the Roman/article part above it
                base = parent
                while base is not None and (base.style.startswith(("arabic", "letter", "bullet", "bold", "para"))):
                    base = outline.nodes[base.parent] if base.parent is not None else None
                node.path = f"{base.path}.{node.label}" if base is not None and base.path else node.label
            else:
                node.path = f"{parent_path}.{node.label}" if parent_path else node.label
        else:
            node.path = parent_path
        own = None
        if not node.is_para and not node.is_bullet:
            body = outline.body(node)
            if node.style == "part" and not body.strip(" .:") and node.index + 1 < len(outline.nodes):
                body = outline.title(outline.nodes[node.index + 1])  # "Chương III" / "TỔ CHỨC THỰC HIỆN": its title below
            # a heading is short; an article that introduces a list ("Điều 2. Các cơ quan sau đây chịu trách
            # nhiệm tổ chức thực hiện …:") names its part however long it is
            own = _heading_part(body) if len(body.strip(" :.")) <= 60 or node.style == "article" and body.rstrip().endswith(":") else None
        node.part = own or (parent.part if parent else None)
        if node.part is None and parent is None and node.style in ("roman", "upper") and _names_a_body(outline.body(node)):
            # "III. Trung tâm Y tế huyện" among "4." and "5.": a body's heading numbered at the wrong level
            earlier = [n for n in outline.nodes[: node.index] if n.parent is None and not n.is_para]
            node.part = earlier[-1].part if earlier else None
