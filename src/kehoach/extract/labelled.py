"""Labelled tasks: a task item followed by the labels that name its bodies and its time.

    a) Xây dựng cơ sở dữ liệu về …
    - Cơ quan chủ trì: Sở Khoa học và Công nghệ.
    - Cơ quan phối hợp: Các sở, ngành; UBND các xã, phường.
    - Thời gian thực hiện: Năm 2026.

Real plans write tasks this way anywhere, the content part included (gold
rules v2): each body named after a label gets the task, with the label's
role (chủ trì / thực hiện → lead, phối hợp → support); the time label is the
task's deadline. The labels (sections.json "labels") may also stand on the
task's own line after a semicolon ("…; cơ quan chủ trì: Sở Y tế; thời gian:
quý I/2026"). Rule name: "labelled_task".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kehoach.corpus.normalise import fold_keep
from kehoach.extract.agencies import listed_bodies
from kehoach.extract.stated_time import parse_stated_time
from kehoach.extract.structure import Node, Outline, sections_data
from kehoach.model import Assignment, Deadline

_BULLET = re.compile(r"^\s*(?:[-–+•*▪●◦]\s*|[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s*)")


@dataclass
class Labelled:
    """What the labelled-task rule read: records, their stated times, and the lines it consumed."""

    assignments: list[Assignment] = field(default_factory=list)
    deadlines: list[tuple[int, int, Deadline]] = field(default_factory=list)
    owned: set[int] = field(default_factory=set)


@lru_cache(maxsize=1)
def _label_regex() -> re.Pattern:
    labels = sections_data()["labels"]
    alts = []
    for kind in ("lead", "support", "time", "product"):
        for phrase in labels[kind]:
            alts.append((len(phrase), kind, r"\s+".join(map(re.escape, fold_keep(phrase).split()))))
    alts.sort(reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(f"(?P<{kind}{i}>{pattern})" for i, (_, kind, pattern) in enumerate(alts))
                      + r")(?![a-z0-9])")


def _kind(m: re.Match) -> str:
    return re.sub(r"\d+$", "", m.lastgroup or "")


def _labels(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, value, value start, value end) of each label in a line; the line must open with one."""
    if ":" not in text:
        return []
    folded = fold_keep(text)
    body = len(text) - len(_BULLET.sub("", text, count=1))
    found = []
    for m in _label_regex().finditer(folded):
        if not text[m.end() :].lstrip(" ").startswith(":"):
            continue  # folding made the colon a space: the original says whether a label stands here
        if m.start() != body and text[m.start() - 2 : m.start()].strip() not in (";", ".", ",", "("):
            continue
        found.append((m, m.start()))
    if not found or found[0][1] != body:
        return []
    out = []
    for i, (m, _) in enumerate(found):
        end = found[i + 1][1] if i + 1 < len(found) else len(text)
        value = text[text.index(":", m.end()) + 1 : end]
        out.append((_kind(m), value.strip(" ;.,"), folded[m.start() : m.end()], end))
    return out


def _inline(text: str) -> int | None:
    """Where labels begin inside a task's own line ("…; cơ quan chủ trì: Sở Y tế"), or None."""
    if ":" not in text:
        return None
    folded = fold_keep(text)
    for m in _label_regex().finditer(folded):
        if m.start() > 20 and _kind(m) in ("lead", "support") and text[m.end() :].lstrip(" ").startswith(":") and text[: m.start()].rstrip().endswith((";", ".", ",", "(")):
            return m.start()
    return None


def labelled_tasks(outline: Outline, default_level: str, page_at) -> Labelled:
    """Every labelled task of the document."""
    out = Labelled()
    nodes = outline.nodes
    i = 0
    while i < len(nodes):
        node = nodes[i]
        body = outline.title(node)
        labels = _labels(body)
        cut = None if labels else _inline(body)
        if not labels and cut is None:
            i += 1
            continue
        if cut is not None:  # the labels on the task's own line
            task_nodes, labels = [node], _labels(body[cut:])
            text = _BULLET.sub("", body[:cut], count=1).rstrip(" ;,(")
            span = (node.start + len(body) - len(_BULLET.sub("", body, count=1)), node.start + len(text))
            j = i + 1
        else:
            j = i
            while j < len(nodes) and (group := _labels(outline.title(nodes[j]))):
                if j > i:
                    labels += group
                j += 1
            if not any(kind in ("lead", "support") for kind, *_ in labels):
                i = j  # a time alone ("*Thời gian thực hiện: Quý III/2023.*" under "6. Sở Kế hoạch và Đầu tư chủ
                continue  # trì, …"): the item's own sentence names its body; the text rules read it
            out.owned |= {nodes[k].index for k in range(i, j)}
            task_nodes = _task_before(outline, i, out.owned)
            if not task_nodes:
                i = j
                continue
            text = " ".join(_BULLET.sub("", outline.title(n), count=1).strip() for n in task_nodes)
            span = (task_nodes[0].body_start, task_nodes[-1].end)
        _emit(out, labels, " ".join(text.split()), span, default_level, page_at)
        out.owned |= {n.index for n in task_nodes}
        i = max(j, i + 1)
    return out


def _task_before(outline: Outline, at: int, owned: set[int]) -> list[Node]:
    """The task a group of labels follows: the nearest item above and the lines between (its description)."""
    found: list[Node] = []
    k = at - 1
    while k >= 0 and len(found) < 4:
        n = outline.nodes[k]
        if n.index in owned or _labels(outline.title(n)):
            break
        found.insert(0, n)
        if not n.is_para:
            break  # the item's own numbered or bulleted line
        k -= 1
    return found


def _emit(out: Labelled, labels, text: str, span, default_level: str, page_at) -> None:
    if len(text.split()) < 3:
        return
    first = len(out.assignments)
    completion = False
    time_value = None
    for kind, value, label, _ in labels:
        if kind == "time":
            time_value = value
            completion = completion or "hoan thanh" in label or "hoan thanh" in fold_keep(value)
        if kind not in ("lead", "support"):
            continue
        for m in listed_bodies(value, default_level=default_level):
            out.assignments.append(Assignment(
                agency=m.text.strip(" ,;:"), agency_key=m.agency.key, sector=m.agency.sector,
                agency_level=m.agency.level, text=text, span=span, role=kind, page=page_at(span[0]),
                rule="labelled_task", part="content"))
    if time_value and len(out.assignments) > first:
        stated = parse_stated_time(time_value, completion=completion)
        if stated:
            out.deadlines.append((first, len(out.assignments), Deadline(text=time_value, span=span, subject=text[:160],
                                                                         **stated)))
