"""Extraction: a Document in, a Plan (the SCHEMA.md record) out.

One module per stage, each a function of the stages before it:

    structure.parse        Document -> Outline (section tree, parts of the plan)
    metadata.extract_metadata  Document -> Metadata
    refs.extract_refs      Document, Metadata -> [LegalRef]
    deadlines.extract_deadlines  Document, Metadata, [LegalRef] -> [Deadline]
    assignments.extract_assignments  Document, Outline, Metadata -> [Assignment]
    tables.extract_tables  Document -> [Table]
    link.link              Plan -> Plan (tasks <-> deadlines and refs by span)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kehoach.model import Document, Plan


def extract(doc: Document) -> Plan:
    """Every fact kehoach knows how to find in one document."""
    from kehoach.extract.agencies import issuer_bodies_in_text
    from kehoach.extract.metadata import extract_metadata

    metadata = extract_metadata(doc)
    with issuer_bodies_in_text(_not_the_committees(metadata)):
        return _extract(doc, metadata)


def _not_the_committees(metadata) -> bool:
    """Whether the document's issuer is someone other than a People's Committee (a council, a department, a
    ministry): then the committee's own name in running text is a body given work, not the issuer acting."""
    from kehoach.extract.agencies import table_bodies

    if not metadata.issuer:
        return False
    name = " ".join(metadata.issuer.split())
    # (case aside: the issuer is written "UBND thành phố Hà Nội", the names "UBND Thành phố"; in running text the
    # case matters, a letterhead's "UBND TỈNH ĐẮK LẮK" is no body)
    return not any(re.match(names.pattern, name, re.I) for _, names in table_bodies())


def _extract(doc: Document, metadata) -> Plan:
    from kehoach.extract.assignments import extract_assignments
    from kehoach.extract.deadlines import extract_deadlines
    from kehoach.extract.labelled import labelled_tasks
    from kehoach.extract.link import link
    from kehoach.extract.loose_tables import loose_runs
    from kehoach.extract.refs import extract_refs
    from kehoach.extract.review import review
    from kehoach.extract.structure import parse
    from kehoach.extract.table_duties import table_duties, table_rows, table_runs
    from kehoach.extract.tables import extract_tables

    outline = parse(doc)
    refs = extract_refs(doc, metadata)
    deadlines = extract_deadlines(doc, metadata, refs)
    level = _task_level(metadata)
    labelled = labelled_tasks(outline, level, doc.page_at)
    assignments = _with_deadlines(labelled.assignments, labelled.deadlines, deadlines)
    runs = table_runs(doc.text) + loose_runs(doc, level)  # tab rows, and task tables a scan gave as loose lines
    rows = table_rows(runs)  # table rows are the table rule's, never a text rule's
    skip = labelled.owned | {n.index for n in outline.nodes if n.start in rows}
    assignments += extract_assignments(doc, outline, metadata, skip=skip)
    assignments += _with_deadlines(*table_duties(doc, level, runs, metadata.year), deadlines)
    assignments.sort(key=lambda a: a.span[0])
    _commune_offices(assignments, metadata)
    _department_units(assignments, metadata)
    _place_in_sections(assignments, outline)
    plan = Plan(
        document=doc,
        metadata=metadata,
        assignments=assignments,
        legal_refs=refs,
        deadlines=deadlines,
        tables=extract_tables(doc),
    )
    plan = link(plan)
    plan.warnings = review(plan, outline)
    return plan


def _place_in_sections(assignments, outline) -> None:
    """Records read outside the section tree's rules (table rows, labelled tasks) take the section of the line
    they stand on: its numbering path and the heading above it, as every other record has."""
    import bisect

    starts = [n.start for n in outline.nodes]
    for a in assignments:
        if a.section is not None:
            continue
        i = bisect.bisect_right(starts, a.span[0]) - 1
        if i < 0:
            continue
        node = outline.nodes[i]
        a.section = node.path
        parent = outline.nodes[node.parent] if node.parent is not None else None
        if a.section_title is None and parent is not None:
            a.section_title = " ".join(outline.body(parent).split())[:200]


def _commune_offices(assignments, metadata) -> None:
    """Offices the gazetteer knows at district level that are a commune's: in a commune's own plan its "Phòng …"
    are its offices; and districts ended on 1 July 2025, so in a document issued after, any such office is a
    commune's, unless its name says "huyện" or "quận"."""
    after = bool(metadata.issued_date and metadata.issued_date >= "2025-07-01")
    for a in assignments:
        if a.agency_level != "district":
            continue
        if after and "huyện" not in a.agency.lower() and "quận" not in a.agency.lower() \
                or metadata.level == "commune" and a.agency_key.startswith("phong-"):
            a.agency_level = "commune"


def _department_units(assignments, metadata) -> None:
    """Units of a department the gazetteer does not hold ("Phòng Thông tin - Báo chí - Xuất bản", "Trung tâm
    Khuyến nông …") work in its field: named "… thuộc Sở X", X's sector; in a document a department issued,
    the issuer's (agencies.json "department_units"). A researcher listing a field's duties finds them there."""
    from kehoach.extract.agencies import find_mentions, lookup, unit_forms
    from kehoach.extract.assignments import issuing_department

    # a department or a mass organisation (Tỉnh đoàn, Hội Liên hiệp Phụ nữ …) that issued the document: its units
    issuer = issuing_department(metadata)
    own = issuer.sector if issuer is not None and issuer.sector != "other" else None
    for a in assignments:
        if a.sector != "other" or not a.agency.startswith(unit_forms()):
            continue
        parent = re.search(r"\bthuộc\s+(Sở\s[^()]+)", a.agency)
        # "Ban Phong trào Tỉnh đoàn", "Ban Tuyên giáo (Hội Liên hiệp Phụ nữ tỉnh)": the body whose unit it is, named in it
        named = [m for m in find_mentions(a.agency.split(" ", 1)[1], default_level="province") if m.agency.sector != "other"]
        if parent and (body := lookup(parent.group(1), default_level="province")) is not None:
            a.sector = body.sector
        elif named:
            a.sector = named[-1].agency.sector
        elif own:
            a.sector = own


def _task_level(metadata) -> str:
    level = metadata.level or "province"
    return "province" if level == "central" else level


def _with_deadlines(tasks, stated, deadlines):
    """Tasks read with a stated time (a table's time cell, a "Thời gian thực hiện:" label): each time joins the
    plan's deadlines once (an equal one found in the text is the same deadline) and is linked to its tasks."""
    key = lambda d: (d.kind, d.date, d.end, d.recurrence)  # noqa: E731
    known = {key(d): i for i, d in enumerate(deadlines)}
    for first, last, deadline in stated:
        if key(deadline) not in known:
            known[key(deadline)] = len(deadlines)
            deadlines.append(deadline)
        for task in tasks[first:last]:
            if known[key(deadline)] not in task.deadlines:
                task.deadlines.append(known[key(deadline)])
    return tasks


def extract_safely(doc: Document) -> Plan:
    """`extract`, with any unexpected exception turned into the document's own error line
    (KehoachError "extract_failed"): a batch never stops for one document."""
    from kehoach.errors import KehoachError

    try:
        return extract(doc)
    except Exception as exc:
        raise KehoachError.wrap("extract_failed", doc.source, exc) from exc


def extract_many(results) -> Iterator[tuple[str, Plan | None, Exception | None]]:
    """Extract from each `ReadResult`; errors pass through, one per input."""
    from kehoach.errors import KehoachError

    for result in results:
        if result.error is not None:
            yield result.source, None, result.error
            continue
        try:
            yield result.source, extract_safely(result.document), None
        except KehoachError as err:
            yield result.source, None, err
