"""Questions a researcher asks of the corpus: search, duties of a body, citations, deadlines.

Each function takes a Store (and the Index where text search is needed) and
returns plain rows; the CLI only prints them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kehoach.errors import KehoachError
from kehoach.index.engine import Index, locate, snippet
from kehoach.index.store import Filters, Store


def hits(store: Store, index: Index, query: str, *, filters: Filters | None = None, exact: bool = False,
         limit: int = 20, kinds: tuple[str, ...] = ("task", "document")) -> list:
    """The index's hits for a query under the filters, best first (engine rows: doc_id, kind, seq, score)."""
    filters = filters or Filters()
    from kehoach.index.ingest import sync_index

    try:
        sync_index(store, index)
    except KehoachError as err:
        if err.code != "busy":
            raise  # an ingest is writing the index now: search what it holds so far
    terms: dict[str, Any] = {"level": filters.level, "sector": filters.sector, "agency_key": filters.agency,
                             "doc_type": filters.doc_type, "year": filters.year}
    provinces = [None]
    if filters.province:
        from kehoach.extract.places import before_2025, canonical_province

        name = canonical_province(filters.province) or filters.province
        provinces = sorted({name, *before_2025(name)})  # a post-2025 name takes in the provinces merged into it
    if filters.sector or filters.agency:
        kinds = ("task",)
    found = []
    for province in provinces:
        found += index.search(query, exact=exact, kinds=kinds, filters={**terms, "province": province}, limit=limit)
    return sorted(found, key=lambda h: -h.score)[:limit]


def search(store: Store, index: Index, query: str, *, filters: Filters | None = None, exact: bool = False,
           limit: int = 20, offset: int = 0, kinds: tuple[str, ...] = ("task", "document")) -> list[dict[str, Any]]:
    """Full text over tasks and whole documents, best first, with provenance and a snippet; `offset` skips
    that many hits (the next page)."""
    found = hits(store, index, query, filters=filters, exact=exact, limit=offset + limit, kinds=kinds)
    return hit_rows(store, found[offset:], query)


def hit_rows(store: Store, found: list, query: str, *, mark: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
    """Hits as rows: the document's metadata, the task's provenance, a snippet with the query's words marked."""
    out = []
    for hit in found:
        doc = store.db.execute(
            "SELECT id, source, province, district, year, level, doc_type, number, title, text FROM documents WHERE id = ?",
            (hit.doc_id,),
        ).fetchone()
        if doc is None:
            continue
        row = {"doc_id": hit.doc_id, "kind": hit.kind, "score": round(hit.score, 3), "source": doc["source"],
               "province": doc["province"], "district": doc["district"], "year": doc["year"], "level": doc["level"],
               "doc_type": doc["doc_type"], "number": doc["number"]}
        if hit.kind == "task":
            a = store.db.execute("SELECT * FROM assignments WHERE doc_id = ? AND seq = ?", (hit.doc_id, hit.seq)).fetchone()
            row.update(seq=hit.seq, agency=a["agency"], agency_key=a["agency_key"], sector=a["sector"], section=a["section"],
                       page=a["page"], span=[a["span_start"], a["span_end"]], snippet=snippet(a["text"], query, mark=mark))
        else:
            text = doc["text"]
            at = locate(text, query)
            row.update(agency=None, agency_key=None, sector=None, section=None, page=None,
                       span=None if at is None else [at, at], title=doc["title"], snippet=snippet(text, query, mark=mark))
        out.append(row)
    return out


FACETS = ("province", "province_2025", "year", "level", "doc_type", "sector", "agency_key")


def faceted(store: Store, index: Index | None, query: str, *, filters: Filters | None = None, page: int = 1,
            per_page: int = 20, pool: int = 1000, mark: tuple[str, str] = ("[", "]")) -> dict[str, Any]:
    """One page of results with counts by province (old and post-2025), year, level, type, sector and body.

    Counts are over the best `pool` hits (a search engine's facets are over what it found, and a researcher
    narrows a query long before reading a thousand hits); with no query, over every document the filters keep,
    counted in SQL. Only the page's rows get snippets, so a page costs the same whatever the total."""
    filters = filters or Filters()
    if not query.strip():
        return _browse(store, filters, page, per_page)
    found = hits(store, index, query, filters=filters, limit=pool)
    docs = _doc_facts(store, sorted({h.doc_id for h in found}))
    tasks = _task_facts(store, [h for h in found if h.kind == "task"])
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for h in found:
        d = docs.get(h.doc_id)
        if d is None:
            continue
        facts = {**d, **tasks.get((h.doc_id, h.seq), {})}
        for name in FACETS:
            value = facts.get(name)
            if value not in (None, ""):
                counts[name][str(value)] = counts[name].get(str(value), 0) + 1
    start = (page - 1) * per_page
    return {"total": len(found), "capped": len(found) >= pool, "page": page, "per_page": per_page,
            "rows": hit_rows(store, found[start : start + per_page], query, mark=mark), "facets": _sorted(counts)}


def _doc_facts(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for r in store.db.execute(f"SELECT id, province, province_2025, year, level, doc_type FROM documents "
                                  f"WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            out[r["id"]] = dict(r)
    return out


def _task_facts(store: Store, found: list) -> dict[tuple[str, int], dict[str, Any]]:
    out = {}
    for h in found:
        r = store.db.execute("SELECT sector, agency_key FROM assignments WHERE doc_id = ? AND seq = ?",
                             (h.doc_id, h.seq)).fetchone()
        if r:
            out[(h.doc_id, h.seq)] = dict(r)
    return out


def _browse(store: Store, filters: Filters, page: int, per_page: int) -> dict[str, Any]:
    """No query: the documents the filters keep, newest first, with facet counts from SQL."""
    where, params = filters.document_sql()
    twhere, tparams = filters.task_sql()
    if twhere != "1":
        where += f" AND d.id IN (SELECT doc_id FROM assignments a WHERE {twhere})"
        params = params + tparams
    counts = {}
    cwhere, cparams = store.cell_sql(filters)  # documents per body, sector, place, year …, from the count tables
    # the documents the filters keep are counted in the table that knows the filters' fields: a body's in
    # body_cells, a sector's in sector_cells, all of them in doc_cells
    table = "body_cells" if filters.agency else "sector_cells" if filters.sector else "doc_cells"
    for name in ("province", "province_2025", "year", "level", "doc_type"):
        counts[name] = {str(k): n for k, n in store.db.execute(
            f"SELECT c.{name}, sum(c.plans) FROM {table} c WHERE {cwhere} AND c.{name} IS NOT NULL GROUP BY 1", cparams)}
    counts["agency_key"] = {str(k): n for k, n in store.db.execute(
        f"SELECT c.agency_key, sum(c.plans) FROM body_cells c WHERE {cwhere} GROUP BY 1", cparams)}
    counts["sector"] = {str(k): n for k, n in store.db.execute(  # (a body's documents: its own sector's cells)
        f"SELECT c.sector, sum(c.plans) FROM {'body_cells' if filters.agency else 'sector_cells'} c WHERE {cwhere} "
        "GROUP BY 1", cparams)}
    total = store.db.execute(f"SELECT coalesce(sum(c.plans), 0) FROM {table} c WHERE {cwhere}", cparams).fetchone()[0]
    rows = [dict(r, kind="document", doc_id=r["id"]) for r in store.db.execute(
        f"""SELECT id, source, province, district, year, level, doc_type, number, title, issued_date FROM documents d
            WHERE {where} ORDER BY issued_date DESC, source DESC LIMIT ? OFFSET ?""",
        params + [per_page, (page - 1) * per_page])]
    return {"total": total, "capped": False, "page": page, "per_page": per_page, "rows": rows, "facets": _sorted(counts)}


def _sorted(counts: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, int]]]:
    """Facet values most frequent first (years newest first)."""
    out = {}
    for name, values in counts.items():
        key = (lambda kv: kv[0]) if name == "year" else (lambda kv: (-kv[1], kv[0]))
        out[name] = sorted(values.items(), key=key, reverse=name == "year")
    return out


@dataclass
class Resolution:
    """Which body (or field) a user's AGENCY argument named."""

    keys: list[str]
    label: str
    candidates: list[tuple[str, str, float]] = field(default_factory=list)  # key, name, score
    ambiguous: bool = False


def resolve_agency(store: Store, query: str) -> Resolution:
    """A body from a key, any spelling, no diacritics, an abbreviation or a close typo.

    Auto-levelled bodies ("Hội Liên hiệp Phụ nữ") resolve to every level the
    corpus holds them at; a near tie between different bodies is ambiguous.
    """
    from kehoach.extract.agencies import by_key, candidates, gazetteer

    if by_key(query):
        agency = by_key(query)
        return Resolution(_with_divisions(store, [agency.key]), f"{agency.name} ({agency.key})")
    division = _division(store, query)
    if division is not None:
        return division
    found = candidates(query, limit=5)
    if not found or found[0][1] < 75:
        raise KehoachError("usage", detail=f"no body matches {query!r}; try a name such as 'Sở Y tế' or a key such as so-y-te")
    best, score = found[0]
    close = [(a, s) for a, s in found[1:] if s >= score - 2 and a.key != best.key]
    listed = [(a.key, a.name, s) for a, s in found]
    if close and score < 100:
        return Resolution([], query, listed, ambiguous=True)
    g = gazetteer()
    if best.key in g.entries and g.entries[best.key].auto:
        keys = [r[0] for r in store.db.execute("SELECT DISTINCT agency_key FROM assignments WHERE agency_key LIKE ?",
                                               (best.key + "-%",))]
        return Resolution(keys or [g.placed(best.key, 'province').key], f"{best.name} ({best.key}-*)", listed)
    return Resolution(_with_divisions(store, [best.key]), f"{best.name} ({best.key})", listed)


def _division(store: Store, query: str) -> Resolution | None:
    """A department's own division, named by its key ("so-y-te/phong-nghiep-vu-y") or its printed name.

    Divisions are not in the gazetteer; their keys are the department's key, "/", and the folded name, so the
    candidates are built from the gazetteer and looked up through the agency_key index (a scan of every
    assignment cost ~110 ms at 10,000 plans)."""
    from kehoach.corpus.normalise import fold_keep
    from kehoach.extract.agencies import gazetteer

    if "/" in query:
        keys = [query.strip()]
    else:
        slug = re.sub(r"[^a-z0-9]+", "-", " ".join(fold_keep(query).split())).strip("-")
        if not slug:
            return None
        g = gazetteer()
        bases = set(g.entries) | {f"{k}-{suffix}" for k, e in g.entries.items() if e.auto for suffix in g.suffix.values()}
        keys = [f"{base}/{slug}" for base in sorted(bases)]
    row = store.db.execute(f"SELECT agency, agency_key FROM assignments WHERE agency_key IN ({','.join('?' * len(keys))}) "
                           "LIMIT 1", keys).fetchone()
    return Resolution([row[1]], f"{row[0]} ({row[1]})") if row else None


def _with_divisions(store: Store, keys: list[str]) -> list[str]:
    """A department's duties include those its own plans give its divisions ("so-y-te/phong-nghiep-vu-y")."""
    out = list(keys)
    for key in keys:
        out += [r[0] for r in store.db.execute(
            "SELECT DISTINCT agency_key FROM assignments WHERE agency_key >= ? AND agency_key < ? ORDER BY 1",
            (key + "/", key + "0"))]
    return out


def lineage(keys: list[str]) -> list[dict[str, Any]]:
    """The bodies that took over the work of these after the 2025 reform: [{"from", "to", "to_name", "since",
    "took"}], followed to their own successors."""
    from kehoach.extract.agencies import by_key, successors

    out, seen, todo = [], set(keys), list(keys)
    while todo:
        key = todo.pop(0)
        for step in successors(key):
            agency = by_key(step["to"])
            out.append({"from": key, "to": step["to"], "to_name": agency.name if agency else step["to"],
                        "since": step["since"], "took": step.get("took")})
            if step["to"] not in seen:
                seen.add(step["to"])
                todo.append(step["to"])
    return out


def duties(store: Store, *, keys: list[str] | None = None, filters: Filters | None = None,
           follow: list[dict[str, Any]] | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Every task of the bodies (or of filters.sector), grouped by province and year (rows in that order).

    `follow` (from `lineage`) adds the successors' tasks from documents issued on or after the day each took
    the work over, marked with `lineage` ("Sở Nội vụ since 2025-03-01, from so-lao-dong-tbxh").
    `limit`/`offset` give one page. Each row lists the document's `renderings` (its files: the one read
    first, then the others stored for it), since the same plan stored as PDF, DOCX and scan is read once."""
    filters = filters or Filters()
    if keys:
        filters = Filters(**{**filters.__dict__, "agencies": list(keys)})
    if not follow:
        rows = store.assignments(filters, limit=limit, offset=offset)
    else:
        rows = store.assignments(filters)
        for step in follow:
            f = Filters(**{**filters.__dict__, "agencies": [step["to"]]})
            for row in store.assignments(f):
                issued = row.get("issued_date") or (f"{row['year']}-12-31" if row.get("year") else None)
                if issued and issued >= step["since"]:
                    row["lineage"] = f"{step['to_name']} since {step['since']}, from {step['from']}"
                    rows.append(row)
        rows.sort(key=lambda r: (r["province"] or "", r["year"] or 0, r["source"], r["seq"]))
        rows = rows[offset : None if limit is None else offset + limit]
    files = store.renderings(sorted({r["doc_id"] for r in rows}))
    for row in rows:
        row["renderings"] = [f["source"] for f in files.get(row["doc_id"], [])]
    return rows


def deadlines(store: Store, *, filters: Filters | None = None, month: str | None = None) -> list[dict[str, Any]]:
    return store.deadlines(filters, month=month)


def refs(store: Store, *, key: str | None = None, filters: Filters | None = None, limit: int = 50) -> dict[str, Any]:
    """The most cited documents, or (with key) the plans that cite one."""
    if key is None:
        return {"cited": store.cited(filters)[:limit]}
    matches = store.find_cited(key)
    if not matches:
        raise KehoachError("usage", detail=f"no cited document matches {key!r} (kehoach refs lists them)")
    return {"documents": [{**m, "cited_by": store.citing(m["identity"])} for m in matches]}
