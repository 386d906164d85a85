"""Tie deadlines and legal references to the tasks whose text holds them.

Why a stage of its own: assignments, deadlines and references are found by
independent passes over the same text; only their spans say which belongs to
which, and that is a question about the finished plan.
"""

from __future__ import annotations

from kehoach.model import Plan


def _inside(span, outer) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def link(plan: Plan) -> Plan:
    for task in plan.assignments:
        # a stated time (label, table cell) was linked when it was read; the text's dates by where they stand
        task.deadlines = sorted(set(task.deadlines) | {i for i, d in enumerate(plan.deadlines) if _inside(d.span, task.span)})
        task.refs = [
            i
            for i, r in enumerate(plan.legal_refs)
            if any(_inside(c, task.span) for c in (r.citations or [r.span]))
        ]
    text = plan.document.text
    for i, deadline in enumerate(plan.deadlines):
        if deadline.agencies:
            continue
        owners = []
        for task in plan.assignments:
            if i in task.deadlines and task.sector not in owners:
                owners.append(task.sector)
        if not owners:
            # no task holds it: the bodies named earlier in its own paragraph owe it
            from kehoach.extract.agencies import find_mentions

            start = text.rfind("\n", 0, deadline.span[0]) + 1
            for m in find_mentions(text[start : deadline.span[0]], default_level=plan.metadata.level):
                if m.agency.sector not in owners:
                    owners.append(m.agency.sector)
        deadline.agencies = owners
    return plan
