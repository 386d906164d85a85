"""What extraction could not read, said in the record so that a researcher knows where to look.

Why: a body kehoach does not know, a page OCR barely read, a plan without
the part that assigns duties — each silently loses records. The warnings
name the place (page, section) so the original can be checked.
"""

from __future__ import annotations

from kehoach.extract.structure import Outline
from kehoach.model import Plan

LOW_CONFIDENCE = 70  # mean Tesseract word confidence below which a page's text needs a look


def review(plan: Plan, outline: Outline) -> list[str]:
    doc, meta = plan.document, plan.metadata
    out = []
    for page in doc.pages:
        if page.ocr and page.confidence is not None and page.confidence < LOW_CONFIDENCE:
            out.append(f"page {page.number} was read by OCR with a mean confidence of {page.confidence:.0f}%: check its text")
    missing = [name for name in ("doc_type", "number", "issued_date", "province") if getattr(meta, name) is None]
    if missing:
        out.append("metadata not found: " + ", ".join(missing))
    if not any(n.part == "implementation" for n in outline.nodes):
        out.append('no implementation part ("Tổ chức thực hiện", "Phân công nhiệm vụ" …) was found: '
                   "tasks were taken from headings that name a body, wherever they stand")
    covered = [a.span for a in plan.assignments]
    for node in outline.nodes:
        if node.part != "implementation" or node.is_para or node.is_bullet or not node.children:
            continue
        title = outline.body(node).strip(" :.")
        if not title or len(title) > 120 or node.style in ("roman", "part", "upper"):
            continue
        children = [outline.nodes[i] for i in node.children]
        if any(c.children and not c.is_para for c in children):
            continue  # a grouping heading ("1. Các sở, ban, ngành tỉnh") over headings of its own
        if not any(s <= c.body_start < e for c in children for s, e in covered):
            out.append(f"§{node.path or '?'} p.{doc.page_at(node.start) or '-'}: \"{title[:80]}\" names no body kehoach "
                       f"knows; its {len(children)} line(s) gave no task")
    unknown = sorted({a.agency for a in plan.assignments if a.agency_key.startswith("other/")})
    if unknown:
        out.append(f"{len(unknown)} bodies kehoach does not know were read by their form (sector 'other'): "
                   + "; ".join(unknown[:12]) + (" …" if len(unknown) > 12 else "")
                   + " — add them to src/kehoach/data/agencies.json to give them a sector")
    if not plan.assignments:
        out.append("no task was found")
    return out
