"""Vietnamese domain knowledge as data files, read through one cached loader.

`load("agencies")` returns the parsed `agencies.json`; each file is read once
per process. Why data and not code: agency names, document types, part
headings and places change with every reform and every province's habits; a
researcher adds a body to `agencies.json` without touching a rule.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def load(name: str):
    """The parsed data file `name`.json of this package."""
    return json.loads(resources.files("kehoach.data").joinpath(f"{name}.json").read_text(encoding="utf-8"))
