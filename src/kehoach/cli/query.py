"""`kehoach search`, `duties`, `refs`, `deadlines`: questions to the corpus."""

from __future__ import annotations

import click

from kehoach.cli.app import cli, filter_options, format_option, make_filters, workspace_option
from kehoach.cli.output import emit_csv, emit_json, emit_rows, emit_table, fail, info
from kehoach.errors import KehoachError


def _open(workspace):
    from kehoach.index.engine import Index
    from kehoach.index.store import Store

    store = Store.open(workspace)
    return store, Index.open(store.path)


@cli.command()
@click.argument("query")
@click.option("--exact", is_flag=True, help="Match diacritics exactly (default: 'so y te' finds 'Sở Y tế').")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True, help="Skip this many hits first (the next page).")
@click.option("--tasks-only", is_flag=True, help="Search tasks only, not whole documents.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines on stdout.")
@filter_options
@workspace_option
def search(query, exact, limit, offset, tasks_only, as_json, province, year, level, sector, agency, doc_type, workspace):
    """Full-text search over tasks and whole documents ("quoted phrases" work)."""
    from kehoach.index.search import search as run

    try:
        store, index = _open(workspace)
        rows = run(store, index, query, filters=make_filters(province, year, level, sector, agency, doc_type),
                   exact=exact, limit=limit, offset=offset, kinds=("task",) if tasks_only else ("task", "document"))
    except KehoachError as err:
        fail(err)
    if as_json:
        emit_rows(rows)
        return
    if not rows:
        info("no results")
        return
    for row in rows:
        place = ", ".join(str(x) for x in (row["province"], row["district"], row["year"]) if x)
        where = f"§{row['section']} p.{row['page']}" if row["kind"] == "task" else row.get("title") or ""
        who = row["agency"] or row["doc_type"] or ""
        click.echo(f"{place} | {who} | {where} | {row['source']}")
        click.echo(f"    {row['snippet']}")


@cli.command()
@click.argument("agency", required=False)
@format_option("csv")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines on stdout.")
@click.option("--lineage", is_flag=True,
              help="Follow the body into those that took over its work in the 2025 reform (their tasks from then on).")
@click.option("--limit", type=int, default=None, help="At most this many tasks (one page; default all).")
@click.option("--offset", type=int, default=0, show_default=True, help="Skip this many tasks first (the next page).")
@filter_options(agency=False)
@workspace_option
def duties(agency, fmt, as_json, lineage, limit, offset, province, year, level, sector, doc_type, workspace):
    """Every task of one body across the corpus, grouped by province and year.

    AGENCY is a key (so-y-te), a name in any spelling or without diacritics
    ("so y te"), an abbreviation ("SYT", "Sở LĐTBXH") or a close typo.
    --sector health takes the whole field across levels instead.
    """
    from kehoach.index.search import duties as run
    from kehoach.index.search import resolve_agency

    fmt = "json" if as_json else fmt
    filters = make_filters(province, year, level, sector, None, doc_type)
    try:
        store, _ = _open(workspace)
        keys = None
        if agency:
            res = resolve_agency(store, agency)
            if res.ambiguous:
                info(f"'{agency}' could be several bodies:")
                for key, name, score in res.candidates:
                    info(f"  {key:32} {name} ({score:.0f})")
                raise SystemExit(2)
            info(f"body: {res.label}")
            keys = res.keys
        elif not sector:
            raise KehoachError("usage", detail="give an AGENCY (a body) or --sector SECTOR")
        follow = None
        if lineage and keys:
            from kehoach.index.search import lineage as successors

            follow = successors(keys)
            for step in follow:
                info(f"lineage: {step['from']} → {step['to_name']} ({step['to']}) since {step['since']}"
                     + (f": {step['took']}" if step.get("took") else ""))
            if not follow:
                info("lineage: this body kept its work through the 2025 reform (no successor is recorded)")
        rows = run(store, keys=keys, filters=filters, follow=follow, limit=limit, offset=offset)
    except KehoachError as err:
        fail(err)
    columns = ["province", "district", "year", "agency", "role", "requested", "section", "page", "text", "source"]
    if follow:
        columns.insert(4, "lineage")
    if fmt == "json":
        emit_rows(rows)
    elif fmt == "csv":
        emit_csv(rows, columns + ["agency_key", "sector", "agency_level", "doc_id", "span_start", "span_end"])
    else:
        groups = {}
        for row in rows:
            groups.setdefault((row["province"], row["year"]), []).append(row)
        for (prov, yr), items in groups.items():
            emit_table(items, ["agency", "role", "section", "page", "text"] + (["lineage"] if follow else []),
                       title=f"{prov} {yr} — {len(items)} tasks",
                       widths={"text": 90, "agency": 28})
        info(f"{len(rows)} tasks in {len(groups)} plans")
        read_from = {row["doc_id"]: row["renderings"] for row in rows if len(row["renderings"]) > 1}
        for files in read_from.values():
            info(f"read from {files[0]}; the same document is also stored as " + ", ".join(files[1:]))


@cli.command()
@click.argument("key", required=False)
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines on stdout.")
@filter_options
@workspace_option
def refs(key, limit, as_json, province, year, level, sector, agency, doc_type, workspace):
    """The legal documents most cited across the corpus; with KEY, the plans that cite it."""
    from kehoach.index.search import refs as run

    try:
        store, _ = _open(workspace)
        result = run(store, key=key, filters=make_filters(province, year, level, sector, agency, doc_type), limit=limit)
    except KehoachError as err:
        fail(err)
    if key is None:
        rows = result["cited"]
        if as_json:
            emit_rows(rows)
        else:
            emit_table(rows, ["plans", "key", "doc_type", "issued_date", "issuer"], title="Most cited documents")
        return
    for doc in result["documents"]:
        if as_json:
            emit_json(doc)
            continue
        click.echo(f"{doc['doc_type'] or ''} {doc['key']} ({doc['issued_date'] or 'date unknown'}, {doc['issuer'] or 'issuer unknown'})")
        emit_table(doc["cited_by"], ["province", "year", "doc_type", "number", "source"])


@cli.command()
@click.option("--month", default=None, help="Only deadlines in this month (YYYY-MM).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines on stdout.")
@filter_options
@workspace_option
def deadlines(month, as_json, province, year, level, sector, agency, doc_type, workspace):
    """All deadlines in date order (filter by body with --sector, by place, by month)."""
    from kehoach.index.search import deadlines as run

    try:
        store, _ = _open(workspace)
        rows = run(store, filters=make_filters(province, year, level, sector, agency, doc_type), month=month)
    except KehoachError as err:
        fail(err)
    if as_json:
        emit_rows(rows)
        return
    for row in rows:
        row["when"] = row["date"] + (f" → {row['end']}" if row["end"] else "") if row["date"] else row["recurrence"]
        row["place"] = f"{row['province']} {row['year']}"
        row["owed by"] = ", ".join(row["agencies"])
    emit_table(rows, ["when", "kind", "recurrence", "place", "subject", "owed by"], title=f"{len(rows)} deadlines",
               widths={"subject": 50, "owed by": 24, "when": 24})
