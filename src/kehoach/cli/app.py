"""The `kehoach` click group and the options every command shares."""

from __future__ import annotations

import click

from kehoach import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kehoach")
def cli() -> None:
    """kehoach: read Vietnamese government plans, extract who must do what, by when,
    under which documents; index, search, compare and export them."""


def json_option(fn):
    return click.option("--json", "as_json", is_flag=True, help="JSON Lines on stdout, one record per line.")(fn)


def read_options(fn):
    """--ocr and --max-size, shared by every command that reads files."""
    fn = click.option(
        "--ocr",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="OCR pages without a usable text layer (auto), every page, or none.",
    )(fn)
    fn = click.option(
        "--max-size", type=float, default=200, show_default=True, metavar="MB", help="Refuse files larger than this."
    )(fn)
    return fn


def make_read_options(ocr: str, max_size: float):
    from kehoach.corpus import ReadOptions

    return ReadOptions(ocr=ocr, max_size=int(max_size * 1024 * 1024))
