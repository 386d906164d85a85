"""Writing records and errors: data on stdout, everything else on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from kehoach.errors import KehoachError


def dumps(record: dict[str, Any]) -> str:
    """One JSON line, Vietnamese as characters, never \\u escapes."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def emit_json(record: dict[str, Any]) -> None:
    click.echo(dumps(record))


def error_record(source: str, err: KehoachError) -> dict[str, Any]:
    return {"source": source, "error": err.to_dict()}


_DEBUG = {"on": False}


def set_debug(on: bool) -> None:
    _DEBUG["on"] = bool(on)


def debug_enabled() -> bool:
    import os

    return _DEBUG["on"] or os.environ.get("KEHOACH_DEBUG") == "1"


def report_error(err: KehoachError, source: str | None = None) -> None:
    """One line on stderr naming the file and the cause; with --debug, the traceback of an unexpected one."""
    if source and not err.path:
        err.path = source
    click.echo(f"kehoach: {err.line()}", err=True)
    if debug_enabled() and err.__cause__ is not None:
        import traceback

        click.echo("".join(traceback.format_exception(err.__cause__)), err=True)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def emit_csv(rows: list[dict[str, Any]], columns: list[str]) -> None:
    """CSV on stdout (lists as JSON), for spreadsheets and pandas."""
    import csv
    import json as _json

    writer = csv.writer(sys.stdout)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for v in (row.get(c) for c in columns)])


def emit_table(rows: list[dict[str, Any]], columns: list[str], *, title: str | None = None, widths: dict[str, int] | None = None) -> None:
    """A rich table for people, on stdout."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold", max_width=(widths or {}).get(c))
    for row in rows:
        table.add_row(*["" if row.get(c) is None else str(row.get(c)) for c in columns])
    Console(soft_wrap=False).print(table)


def info(message: str) -> None:
    """A message for people, on stderr."""
    click.echo(message, err=True)


def fail(err: KehoachError) -> None:
    """One line on stderr and exit status 1: how every command ends on a user error."""
    click.echo(f"kehoach: {err.line()}", err=True)
    raise SystemExit(1)


def emit_rows(rows: list[dict[str, Any]]) -> None:
    """JSON Lines, one row a line."""
    for row in rows:
        emit_json(row)
