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


def report_error(err: KehoachError, source: str | None = None) -> None:
    """One line on stderr naming the file and the cause."""
    if source and not err.path:
        err.path = source
    click.echo(f"kehoach: {err.line()}", err=True)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
