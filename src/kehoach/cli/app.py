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
    """--ocr, --no-ocr-fix and --max-size, shared by every command that reads files."""
    fn = click.option(
        "--ocr-fix/--no-ocr-fix",
        default=True,
        show_default=True,
        help="Correct the marks of OCR'd syllables from their neighbours (kept as ocr_fixes); text layers never.",
    )(fn)
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
    fn = click.option(
        "--debug", is_flag=True, expose_value=False, is_eager=True,
        callback=lambda ctx, param, value: _set_debug(value),
        help="Print the traceback of an unexpected failure under its one-line error.",
    )(fn)
    return fn


def _set_debug(value: bool) -> None:
    from kehoach.cli.output import set_debug

    if value:
        set_debug(True)


def make_read_options(ocr: str, max_size: float, ocr_fix: bool = True):
    from kehoach.corpus import ReadOptions

    return ReadOptions(ocr=ocr, max_size=int(max_size * 1024 * 1024), ocr_fix=ocr_fix)


def workspace_option(fn):
    return click.option(
        "--workspace", "-w", type=click.Path(file_okay=False), default=None, envvar="KEHOACH_WORKSPACE",
        help="Workspace folder (default ./.kehoach, or $KEHOACH_WORKSPACE).",
    )(fn)


def filter_options(fn=None, *, agency: bool = True):
    """The filters of every command that reads the store (`agency=False` where an argument names the body)."""
    if fn is None:
        return lambda f: filter_options(f, agency=agency)
    for name, helptext in reversed([
        ("--province", "Only this province (any spelling; old and post-2025 names both match)."),
        ("--year", "A year (2022) or a range (2021-2023)."),
        ("--level", "province, district or commune."),
        ("--sector", "A sector of SCHEMA.md (health, labour_social, …)."),
        ("--agency", "A body's canonical key (so-y-te)."),
        ("--doc-type", "Kế hoạch, Quyết định, Công văn, …"),
    ]):
        if name == "--agency" and not agency:
            continue
        fn = click.option(name, default=None, help=helptext)(fn)
    return fn


def make_filters(province, year, level, sector, agency, doc_type):
    from kehoach.index.store import Filters, parse_years

    return Filters(province=province, year=parse_years(year), level=level, sector=sector, agency=agency, doc_type=doc_type)


def format_option(*choices: str):
    def deco(fn):
        return click.option("--format", "fmt", type=click.Choice(["table", "json", *choices]), default="table",
                            show_default=True, help="Output format (--json is the same as --format json).")(fn)
    return deco
