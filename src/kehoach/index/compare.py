"""A matrix of bodies × plans: how many tasks each body gets, by province or by year.

Answers "which provinces give this duty to Sở Y tế" (filter by sector or
agency, read the row) and "which bodies appear in 2023 plans but not 2022"
(`--by year`, rows with zero in one column).
"""

from __future__ import annotations

from typing import Any

from kehoach.index.store import Filters, Store


def compare(store: Store, *, by: str = "province", filters: Filters | None = None) -> dict[str, Any]:
    """{"columns": [...], "rows": [{"agency_key", "agency", "sector", "level", <column>: count, "total"}]}.

    Read from the count table (body_cells), kept up to date after every write: at 10,000 plans a body ×
    column matrix is a few thousand cells, while the tasks behind it are hundreds of thousands of rows."""
    if by not in ("province", "year"):
        raise ValueError("by must be province or year")
    filters = filters or Filters()
    if filters.doc_ids is None and not filters.renderings:
        where, params = store.cell_sql(filters)
        cells = store.db.execute(
            f"""SELECT c.agency_key, max(c.agency), c.sector, c.agency_level, c.{by}, sum(c.tasks) FROM body_cells c
                WHERE {where} GROUP BY c.agency_key, c.{by}""", params).fetchall()
    else:
        dwhere, dparams = filters.document_sql()
        twhere, tparams = filters.task_sql()
        cells = store.db.execute(
            f"""SELECT a.agency_key, max(a.agency), a.sector, a.agency_level, d.{by}, count(*) FROM assignments a
                JOIN documents d ON d.id = a.doc_id WHERE {dwhere} AND {twhere} GROUP BY a.agency_key, d.{by}""",
            dparams + tparams).fetchall()
    columns = sorted({str(c[4]) for c in cells if c[4] is not None})
    table: dict[str, dict[str, Any]] = {}
    for key, agency, sector, level, column, n in cells:
        row = table.setdefault(key, {"agency_key": key, "agency": agency, "sector": sector, "level": level,
                                     **{c: 0 for c in columns}, "total": 0})
        if column is not None:
            row[str(column)] += n
        row["total"] += n
    ordered = sorted(table.values(), key=lambda x: (-x["total"], x["agency_key"]))
    return {"by": by, "columns": columns, "rows": ordered}


def only_in(matrix: dict[str, Any], present: str, absent: str) -> list[dict[str, Any]]:
    """Bodies with tasks in column `present` and none in `absent` ("in 2023 plans but not 2022")."""
    return [r for r in matrix["rows"] if r.get(present, 0) > 0 and r.get(absent, 0) == 0]
