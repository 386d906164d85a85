"""Vietnamese domain knowledge as data files, read through one cached loader.

`load("agencies")` returns the parsed `agencies.json`; each file is read once
per process. Why data and not code: agency names, document types, part
headings and places change with every reform and every province's habits; a
researcher adds a body to `agencies.json` without touching a rule. A large
table (the syllable counts of OCR post-correction) ships gzipped as
`name.json.gz` and loads the same way.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources


@cache
def load(name: str):
    """The parsed data file `name`.json (or `name`.json.gz) of this package."""
    folder = resources.files("kehoach.data")
    plain = folder.joinpath(f"{name}.json")
    if plain.is_file():
        return json.loads(plain.read_text(encoding="utf-8"))
    return json.loads(gzip.decompress(folder.joinpath(f"{name}.json.gz").read_bytes()).decode("utf-8"))
