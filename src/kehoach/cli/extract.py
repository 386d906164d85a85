"""`kehoach extract`: the SCHEMA.md record of each document."""

from __future__ import annotations

from collections import Counter

import click

from kehoach.cli.app import cli, json_option, make_read_options, read_options
from kehoach.cli.output import emit_json, error_record, report_error
from kehoach.errors import KehoachError


def _why(console, plan) -> None:
    """Each task beside the rule that read it, its place and its text: why kehoach says this body owes this."""
    from rich.table import Table

    table = Table(title="why each task was read", show_lines=False)
    for col in ("body", "role", "rule", "where", "task"):
        table.add_column(col, overflow="fold")
    for a in plan.assignments:
        where = f"§{a.section or '-'} p.{a.page or '-'} [{a.span[0]}:{a.span[1]}]" + (" table" if a.origin == "table" else "")
        table.add_row(a.agency, a.role, a.rule or "", where, a.text[:160])
    console.print(table)


def _summary(plan, why: bool = False) -> None:
    """A readable page per document: metadata, then bodies and task counts."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    meta = plan.metadata
    console.rule(f"[bold]{plan.document.source}")
    for field in ("doc_type", "number", "issuer", "province", "district", "level", "issued_date", "year", "title", "signer"):
        value = getattr(meta, field)
        if value is not None:
            console.print(f"[dim]{field:>12}[/] {value}")
    table = Table(title=f"{len(plan.assignments)} tasks", show_lines=False)
    for col in ("body", "sector", "level", "tasks", "lead", "support"):
        table.add_column(col, justify="right" if col in ("tasks", "lead", "support") else "left")
    counts: Counter = Counter()
    roles: Counter = Counter()
    first: dict = {}
    for a in plan.assignments:
        counts[a.agency_key] += 1
        roles[(a.agency_key, a.role)] += 1
        first.setdefault(a.agency_key, a)
    for key, n in counts.most_common():
        a = first[key]
        table.add_row(a.agency, a.sector, a.agency_level or "", str(n), str(roles[(key, "lead")]), str(roles[(key, "support")]))
    console.print(table)
    console.print(
        f"{len(plan.legal_refs)} legal references, {len(plan.deadlines)} deadlines, {len(plan.tables)} tables"
    )
    if why:
        _why(console, plan)
    for warning in plan.to_dict()["warnings"]:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@json_option
@click.option("--why", is_flag=True, help="List every task with the rule that read it, its section, page and span.")
@read_options
def extract(paths: tuple[str, ...], as_json: bool, why: bool, ocr: str, max_size: float, ocr_fix: bool) -> None:
    """Extract assignments, legal references, deadlines, metadata and tables.

    With --json: one SCHEMA.md record per document, in input order; a document
    that cannot be read prints {"source", "error"} and the rest go on.
    """
    from kehoach.corpus import read_many
    from kehoach.extract import extract_many

    failed = 0
    results = read_many(list(paths), options=make_read_options(ocr, max_size, ocr_fix))
    for source, plan, err in extract_many(results):
        if err is not None:
            failed += 1
            if isinstance(err, KehoachError):
                report_error(err, source)
            if as_json:
                emit_json(error_record(source, err))
            continue
        if as_json:
            emit_json(plan.to_dict())
        else:
            _summary(plan, why)
    if failed:
        raise SystemExit(1)
