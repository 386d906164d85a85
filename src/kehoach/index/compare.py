"""A matrix of bodies × plans: how many tasks each body gets, by province or by year.

Answers "which provinces give this duty to Sở Y tế" (filter by sector or
agency, read the row) and "which bodies appear in 2023 plans but not 2022"
(`--by year`, rows with zero in one column).
"""

from __future__ import annotations

from typing import Any

from kehoach.index.store import Filters, Store


def compare(store: Store, *, by: str = "province", filters: Filters | None = None) -> dict[str, Any]:
    """{"columns": [...], "rows": [{"agency_key", "agency", "sector", "level", <column>: count, "total"}]}."""
    if by not in ("province", "year"):
        raise ValueError("by must be province or year")
    rows = store.assignments(filters)
    columns = sorted({str(r[by]) for r in rows if r[by] is not None})
    table: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = r["agency_key"]
        row = table.setdefault(key, {"agency_key": key, "agency": r["agency"], "sector": r["sector"],
                                     "level": r["agency_level"], **{c: 0 for c in columns}, "total": 0})
        if r[by] is not None:
            row[str(r[by])] += 1
        row["total"] += 1
    ordered = sorted(table.values(), key=lambda x: (-x["total"], x["agency_key"]))
    return {"by": by, "columns": columns, "rows": ordered}


def only_in(matrix: dict[str, Any], present: str, absent: str) -> list[dict[str, Any]]:
    """Bodies with tasks in column `present` and none in `absent` ("in 2023 plans but not 2022")."""
    return [r for r in matrix["rows"] if r.get(present, 0) > 0 and r.get(absent, 0) == 0]
