"""`kehoach serve`: the workspace in a browser."""

from __future__ import annotations

import click

from kehoach.cli.app import cli, workspace_option
from kehoach.cli.output import fail, info
from kehoach.errors import KehoachError


@cli.command()
@workspace_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default answers this machine only; another address shares the workspace.")
@click.option("--port", type=int, default=8765, show_default=True)
def serve(workspace, host, port):
    """Search, bodies' duties, documents with their tasks marked, citations, diffs and the compare matrix, as
    web pages over the workspace (read-only). Stop with Ctrl-C."""
    from kehoach.web.app import create_app

    try:
        app = create_app(workspace)
    except KehoachError as err:
        fail(err)
    import uvicorn

    info(f"kehoach: serving {app.state.store.path} at http://{host}:{port}/ (Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
