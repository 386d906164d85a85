"""`kehoach compare` and `kehoach export`: the corpus as tables for analysis."""

from __future__ import annotations

import click

from kehoach.cli.app import cli, filter_options, make_filters, workspace_option
from kehoach.cli.output import emit_csv, emit_rows, emit_table, fail, info
from kehoach.errors import KehoachError


@cli.command()
@click.option("--by", type=click.Choice(["province", "year"]), default="province", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "xlsx"]), default="table", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines on stdout, one body a line.")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="File for --format xlsx.")
@filter_options
@workspace_option
def compare(by, fmt, as_json, out, province, year, level, sector, agency, doc_type, workspace):
    """A matrix of bodies × provinces (or years) with task counts."""
    from kehoach.index.compare import compare as run
    from kehoach.index.store import Store

    try:
        matrix = run(Store.open(workspace), by=by, filters=make_filters(province, year, level, sector, agency, doc_type))
    except KehoachError as err:
        fail(err)
    columns = ["agency", "sector", "level", *matrix["columns"], "total"]
    fmt = "json" if as_json else fmt
    if fmt == "json":
        emit_rows(matrix["rows"])
    elif fmt == "csv":
        emit_csv(matrix["rows"], ["agency_key", *columns])
    elif fmt == "xlsx":
        if not out:
            fail(KehoachError("usage", detail="--format xlsx needs --out FILE.xlsx"))
        from pathlib import Path

        from kehoach.index.export import write_xlsx

        write_xlsx({"compare": [{c: r.get(c) for c in ["agency_key", *columns]} for r in matrix["rows"]]}, Path(out))
        info(f"wrote {out}")
    else:
        emit_table(matrix["rows"], columns, title=f"tasks by body and {by}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "jsonl", "parquet", "sqlite"]), required=True)
@click.option("--out", required=True, type=click.Path(), help="A folder (csv, jsonl, parquet) or a file (xlsx, json, sqlite).")
@filter_options
@workspace_option
def export(fmt, out, province, year, level, sector, agency, doc_type, workspace):
    """Export documents, assignments, legal_refs, citations, deadlines and annex tables."""
    from kehoach.index.export import export as run
    from kehoach.index.store import Store

    try:
        counts = run(Store.open(workspace), fmt=fmt, out=out, filters=make_filters(province, year, level, sector, agency, doc_type))
    except KehoachError as err:
        fail(err)
    info(f"wrote {out}: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
