"""What the pages of `kehoach serve` show, as plain data: a body across the corpus, one document marked up.

Kept in the index layer (not in the web package) so that a notebook gets the
same answers as the browser; the web layer only escapes and lays them out.
"""

from __future__ import annotations

import json
from typing import Any

from kehoach.index.store import Filters, Store


def body_overview(store: Store, keys: list[str], filters: Filters | None = None) -> dict[str, Any]:
    """A body's duties counted by province × year, by role, by province; the deadlines its tasks carry; its
    2025 lineage."""
    from kehoach.index.search import lineage

    filters = Filters(**{**(filters or Filters()).__dict__, "agencies": list(keys)})
    dwhere, dparams = filters.document_sql()
    twhere, tparams = filters.task_sql()
    params = dparams + tparams
    cwhere, cparams = store.cell_sql(filters)  # the counts come from body_cells, the deadlines from the tasks
    cells = store.db.execute(f"SELECT c.province, c.year, sum(c.tasks) FROM body_cells c WHERE {cwhere} GROUP BY 1, 2",
                             cparams).fetchall()
    provinces = sorted({c[0] or "" for c in cells})
    years = sorted({c[1] for c in cells if c[1] is not None})
    matrix = {(c[0] or "", c[1]): c[2] for c in cells}
    by_province = [dict(r) for r in store.db.execute(
        f"""SELECT c.province, max(c.province_2025) AS province_2025, sum(c.tasks) AS tasks, sum(c.plans) AS plans,
            sum(c.lead) AS lead, sum(c.support) AS support FROM body_cells c WHERE {cwhere}
            GROUP BY 1 ORDER BY tasks DESC, c.province""", cparams)]
    lead, support, tasks = store.db.execute(f"SELECT sum(c.lead), sum(c.support), sum(c.tasks) FROM body_cells c "
                                            f"WHERE {cwhere}", cparams).fetchone()
    roles = {k: v for k, v in (("lead", lead or 0), ("support", support or 0),
                               ("other roles", (tasks or 0) - (lead or 0) - (support or 0))) if v}
    names = [r[0] for r in store.db.execute(f"SELECT c.agency, sum(c.tasks) FROM body_cells c WHERE {cwhere} "
                                            "GROUP BY 1 ORDER BY 2 DESC LIMIT 5", cparams)]
    # the deadlines its own tasks carry, soonest first: the first 50 (a 51st says there are more; counting them all
    # would read every task of the body again, ~100 ms for the largest at 10,000 plans)
    owed = f"""FROM task_deadlines t JOIN assignments a ON a.doc_id = t.doc_id AND a.seq = t.task_seq
               JOIN documents d ON d.id = a.doc_id JOIN deadlines x ON x.doc_id = t.doc_id AND x.seq = t.deadline_seq
               WHERE {dwhere} AND {twhere}"""
    deadlines = [dict(r) for r in store.db.execute(
        f"""SELECT DISTINCT x.doc_id, d.province, d.year, x.date, x."end", x.kind, x.recurrence, x.text, x.subject,
            x.span_start {owed} ORDER BY x.date IS NULL, x.date LIMIT 51""", params)]
    more = len(deadlines) > 50
    deadlines = deadlines[:50]
    return {"keys": keys, "names": names, "provinces": provinces, "years": years, "matrix": matrix,
            "by_province": by_province, "roles": roles, "total": sum(matrix.values()), "deadlines": deadlines,
            "more_deadlines": more,
            "lineage": lineage(keys)}


def document_view(store: Store, doc_id: str, *, at: int | None = None) -> dict[str, Any] | None:
    """A stored document with everything needed to show its text marked: tasks, references, deadlines, pages
    (and `at`, a character offset a search hit points to)."""
    row = store.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    record = json.loads(row["record"])
    text = row["text"]
    pages = [dict(p) for p in store.db.execute('SELECT number, start, "end", ocr, confidence FROM pages WHERE doc_id = ? '
                                               "ORDER BY number", (doc_id,))]
    tasks = [dict(t, seq=i) for i, t in enumerate(record.get("assignments") or [])]
    refs = [dict(r, seq=i) for i, r in enumerate(record.get("legal_refs") or [])]
    deadlines = [dict(d, seq=i) for i, d in enumerate(record.get("deadlines") or [])]
    marks = [("task", t["span"], t["seq"]) for t in tasks if t.get("span")]
    marks += [("ref", r["span"], r["seq"]) for r in refs if r.get("span")]
    marks += [("deadline", d["span"], d["seq"]) for d in deadlines if d.get("span")]
    marks += [("page", [p["start"], p["start"]], p["number"]) for p in pages if p["start"] is not None and len(pages) > 1]
    if at is not None and 0 <= at <= len(text):
        marks.append(("at", [at, at], 0))
    best = doc_id if row["best"] or row["document"] is None else store.db.execute(
        "SELECT id FROM documents WHERE document = ? AND best = 1", (row["document"],)).fetchone()[0]
    files = store.renderings([best]).get(best, [])  # (a file not read for its document lists the same files)
    return {"id": doc_id, "row": dict(row, record=None, text=None), "record": record, "text": text, "pages": pages,
            "tasks": tasks, "refs": refs, "deadlines": deadlines, "segments": segments(text, marks),
            "renderings": files, "best": bool(row["best"])}


def segments(text: str, marks: list[tuple[str, list[int], int]]) -> list[dict[str, Any]]:
    """Cut `text` at every mark's ends: [{"text", "task": seq|None, "ref": seq|None, "deadline": seq|None,
    "page": number|None (a page starts here), "at": True where a search hit points}], in order, covering the
    text exactly once.

    Marks overlap (a reference inside a task, a task inside a longer one): each piece carries the innermost
    mark of each kind, so nothing is drawn twice and no span is lost."""
    cuts = {0, len(text)}
    for _, (start, end), _ in marks:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    points = sorted(cuts)
    spans = sorted(((kind, s, e, seq) for kind, (s, e), seq in marks if e > s and kind in ("task", "ref", "deadline")),
                   key=lambda m: -(m[2] - m[1]))
    starts = {s: seq for kind, (s, e), seq in marks if kind == "page"}
    here = {s for kind, (s, e), seq in marks if kind == "at"}
    out = []
    for a, b in zip(points, points[1:]):
        piece: dict[str, Any] = {"text": text[a:b], "task": None, "ref": None, "deadline": None, "page": starts.get(a),
                                 "at": a in here}
        for kind, s, e, seq in spans:  # longest first: the innermost mark of a kind is written last
            if s <= a and b <= e:
                piece[kind] = seq
        out.append(piece)
    return out
