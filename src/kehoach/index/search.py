"""Questions a researcher asks of the corpus: search, duties of a body, citations, deadlines.

Each function takes a Store (and the Index where text search is needed) and
returns plain rows; the CLI only prints them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kehoach.errors import KehoachError
from kehoach.index.engine import Index, snippet
from kehoach.index.store import Filters, Store


def search(store: Store, index: Index, query: str, *, filters: Filters | None = None, exact: bool = False,
           limit: int = 20, kinds: tuple[str, ...] = ("task", "document")) -> list[dict[str, Any]]:
    """Full text over tasks and whole documents, best first, with provenance and a snippet."""
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
    hits = []
    for province in provinces:
        hits += index.search(query, exact=exact, kinds=kinds, filters={**terms, "province": province}, limit=limit)
    hits = sorted(hits, key=lambda h: -h.score)[:limit]
    out = []
    for hit in hits:
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
            row.update(agency=a["agency"], agency_key=a["agency_key"], sector=a["sector"], section=a["section"],
                       page=a["page"], span=[a["span_start"], a["span_end"]], snippet=snippet(a["text"], query))
        else:
            text = doc["text"]
            snip = snippet(text, query)
            row.update(agency=None, agency_key=None, sector=None, section=None, page=None, span=None,
                       title=doc["title"], snippet=snip)
        out.append(row)
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


def count_duties(store: Store, *, keys: list[str] | None = None, filters: Filters | None = None) -> int:
    """How many tasks `duties` would list (without lineage), for pagination."""
    filters = filters or Filters()
    if keys:
        filters = Filters(**{**filters.__dict__, "agencies": list(keys)})
    return store.count_assignments(filters)


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
