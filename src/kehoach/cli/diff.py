"""`kehoach diff`: what changed between two plans, or two sets of plans."""

from __future__ import annotations

import click

from kehoach.cli.app import cli, workspace_option
from kehoach.cli.output import emit_json, fail
from kehoach.errors import KehoachError


@cli.command()
@click.argument("a", required=False)
@click.argument("b", required=False)
@click.option("--a", "sel_a", default=None, help='Selector for the first side: "province=Quảng Bình,year=2022".')
@click.option("--b", "sel_b", default=None, help="Selector for the second side.")
@click.option("--threshold", type=float, default=None, help="Similarity (0-100) at which two tasks are the same task [70].")
@click.option("--json", "as_json", is_flag=True, help="The diff as one JSON object.")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json", "md", "html"]), default="terminal", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write to this file instead of stdout.")
@workspace_option
def diff(a, b, sel_a, sel_b, threshold, as_json, fmt, out, workspace):
    """Compare plan A with plan B: tasks body by body, legal references, deadlines, metadata.

    A and B are files (read and extracted now) or stored document ids;
    --a/--b select stored documents, and a selector matching several
    documents compares the sets.
    """
    from kehoach.index.diff import THRESHOLD, load_side
    from kehoach.index.diff import diff as run
    from kehoach.index.diff_render import to_html, to_markdown

    try:
        left = load_side(a, sel_a, workspace=workspace)
        right = load_side(b, sel_b, workspace=workspace)
    except KehoachError as err:
        fail(err)
    result = run(left, right, threshold=threshold or THRESHOLD)
    fmt = "json" if as_json else fmt
    if fmt == "json":
        import json

        text = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
    elif fmt == "html":
        text = to_html(result)
    else:
        text = to_markdown(result)
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(text)
        click.echo(f"wrote {out}", err=True)
    elif fmt == "terminal":
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    elif fmt == "json":
        emit_json(result)
    else:
        click.echo(text, nl=False)
