"""`kehoach text`: print documents' normalised text."""

from __future__ import annotations

import click

from kehoach.cli.app import cli, json_option, make_read_options, read_options
from kehoach.cli.output import emit_json, error_record, report_error


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@json_option
@read_options
def text(paths: tuple[str, ...], as_json: bool, ocr: str, max_size: float, ocr_fix: bool) -> None:
    """Print the normalised text of each document (files or folders)."""
    from kehoach.corpus import read_many

    failed = 0
    for result in read_many(list(paths), options=make_read_options(ocr, max_size, ocr_fix)):
        if result.error:
            failed += 1
            report_error(result.error, result.source)
            if as_json:
                emit_json(error_record(result.source, result.error))
            continue
        doc = result.document
        if as_json:
            emit_json(doc.to_dict())
        else:
            click.echo(doc.text)
            click.echo()
    if failed:
        raise SystemExit(1)
