"""The command line: one module per command group, each thin over the library.

Modules are imported here so that each can register its commands on the
shared group; a module for a command not yet built simply does not exist.
"""

from __future__ import annotations

import importlib
import pkgutil

from kehoach.cli.app import cli

_SKIP = {"app", "output"}


def _load() -> None:
    for info in pkgutil.iter_modules(__path__):
        if info.name not in _SKIP and not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def main() -> None:
    _load()
    cli()


_load()
