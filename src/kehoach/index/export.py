"""Export the store's tables for analysis: CSV, Excel, JSON, JSON Lines, Parquet, SQLite.

Every row carries its provenance (source file, page, section, span). CSV
files are UTF-8 with a BOM, because Excel opens Vietnamese correctly only
then. The SQLite export is a clean copy with the documented tables and no
internal columns.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from kehoach.errors import KehoachError
from kehoach.index.store import Filters, Store

TABLES = ("documents", "assignments", "legal_refs", "citations", "deadlines", "annex_tables")
FORMATS = ("csv", "xlsx", "json", "jsonl", "parquet", "sqlite")


def tables(store: Store, filters: Filters | None = None) -> dict[str, list[dict[str, Any]]]:
    """The exported tables as lists of flat rows (lists and dicts as JSON strings)."""
    filters = filters or Filters()
    docs = store.documents(filters)
    ids = [d["id"] for d in docs]
    scoped = Filters(**{**filters.__dict__, "doc_ids": ids})
    source = {d["id"]: d["source"] for d in docs}
    files = store.renderings(ids)
    for d in docs:  # the other files stored for the same document (its PDF, DOCX, scan), read from this one
        d["renderings"] = json.dumps([f["source"] for f in files.get(d["id"], [])[1:]], ensure_ascii=False)
    out: dict[str, list[dict[str, Any]]] = {"documents": docs}
    out["assignments"] = [
        {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v) for k, v in r.items()}
        for r in store.assignments(scoped)
    ]
    marks = ",".join("?" * len(ids)) or "''"
    citations = [dict(r) for r in store.db.execute(
        f"""SELECT c.doc_id, d.source, c.seq, c.identity, k.kind, k.doc_type, k.key, k.issued_date, c.self, c.text,
            c.span_start, c.span_end, c.places FROM citations c JOIN documents d ON d.id = c.doc_id
            JOIN cited_documents k ON k.identity = c.identity WHERE c.doc_id IN ({marks}) ORDER BY d.source, c.seq""", ids)]
    out["citations"] = citations
    cited = sorted({c["identity"] for c in citations})
    out["legal_refs"] = [dict(r) for r in store.db.execute(
        f"""SELECT k.*, (SELECT count(DISTINCT c.doc_id) FROM citations c JOIN documents d ON d.id = c.doc_id
                                 WHERE c.identity = k.identity AND d.best = 1) AS cited_by
            FROM cited_documents k WHERE k.identity IN ({",".join("?" * len(cited)) or "''"}) ORDER BY k.key""", cited)]
    out["deadlines"] = [
        {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v) for k, v in r.items()}
        for r in store.deadlines(scoped)
    ]
    annex = []
    for r in store.db.execute(f"SELECT * FROM annex_tables WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", ids):
        annex.append({"doc_id": r["doc_id"], "source": source[r["doc_id"]], "seq": r["seq"], "page": r["page"],
                      "caption": r["caption"], "header": r["header"], "rows": r["rows"]})
    out["annex_tables"] = annex
    return out


def export(store: Store, *, fmt: str, out: str | Path, filters: Filters | None = None) -> dict[str, int]:
    """Write every table in `fmt` to `out` (a folder for csv/jsonl/parquet, a file otherwise); return row counts."""
    data = tables(store, filters)
    out = Path(out)
    if fmt in ("csv", "jsonl", "parquet"):
        out.mkdir(parents=True, exist_ok=True)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        for name, rows in data.items():
            write_csv(name, rows, out / f"{name}.csv")
    elif fmt == "jsonl":
        for name, rows in data.items():
            with open(out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "json":
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    elif fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise KehoachError("usage", detail="Parquet needs pyarrow: pip install 'kehoach[parquet]'") from None
        for name, rows in data.items():
            cols = _columns(name, rows)
            table = pa.table({c: [r.get(c) for r in rows] for c in cols}) if rows else pa.table({c: pa.array([], pa.string()) for c in cols})
            pq.write_table(table, out / f"{name}.parquet")
    elif fmt == "xlsx":
        write_xlsx(data, out)
    elif fmt == "sqlite":
        _sqlite(data, out)
    else:
        raise KehoachError("usage", detail=f"unknown export format {fmt!r} ({', '.join(FORMATS)})")
    return {name: len(rows) for name, rows in data.items()}


def write_csv(name: str, rows: list[dict], out: Path) -> None:
    """UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly; lists as JSON."""
    import csv

    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=_columns(name, rows), extrasaction="ignore")
        writer.writeheader()
        writer.writerows([{k: _flat(v) for k, v in r.items()} for r in rows])


def table_bytes(name: str, rows: list[dict], fmt: str) -> tuple[bytes, str]:
    """One table as a downloadable file (the web pages' "download"): CSV, XLSX or JSON, and its media type."""
    import tempfile

    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8"), "application/json"
    if fmt not in ("csv", "xlsx"):
        raise KehoachError("usage", detail=f"a table downloads as csv, xlsx or json, not {fmt!r}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{name}.{fmt}"
        if fmt == "csv":
            write_csv(name, rows, out)
            return out.read_bytes(), "text/csv; charset=utf-8"
        write_xlsx({name: [{k: _flat(v) for k, v in r.items()} for r in rows]}, out)
        return out.read_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _columns(name: str, rows: list[dict]) -> list[str]:
    if rows:
        return list(rows[0])
    return {"documents": ["id", "source"], "assignments": ["doc_id", "source", "agency", "text"]}.get(name, ["doc_id", "source"])


def write_xlsx(data: dict[str, list[dict]], out: Path) -> None:
    """One sheet per table, frozen header row, widths set; the documents' annex tables on sheets of their own."""
    try:
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise KehoachError("usage", detail="Excel export needs openpyxl: pip install 'kehoach[excel]'") from None
    wb = Workbook()
    wb.remove(wb.active)

    def sheet(title: str, header: list[str], rows: list[list[Any]]) -> None:
        ws = wb.create_sheet(title[:31])
        ws.append(header)
        for row in rows:
            ws.append([v if not isinstance(v, (list, dict)) else json.dumps(v, ensure_ascii=False) for v in row])
        ws.freeze_panes = "A2"
        for i, col in enumerate(header, start=1):
            width = max([len(str(col))] + [len(str(r[i - 1] or "")) for r in rows[:200]])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))

    for name, rows in data.items():
        cols = _columns(name, rows)
        sheet(name, cols, [[r.get(c) for c in cols] for r in rows])
    for t in data.get("annex_tables", []):
        header = json.loads(t["header"] or "[]")
        body = json.loads(t["rows"] or "[]")
        sheet(f"annex {t['seq'] + 1} {Path(t['source']).stem[:18]}", header or [f"c{i}" for i in range(len(body[0]) if body else 1)], body)
    wb.save(out)


def _sqlite(data: dict[str, list[dict]], out: Path) -> None:
    if out.exists():
        out.unlink()
    db = sqlite3.connect(out)
    with db:
        for name, rows in data.items():
            cols = _columns(name, rows)
            db.execute(f"CREATE TABLE {name} ({', '.join(f'{c!r}' for c in cols)})".replace("'", '"'))
            db.executemany(f"INSERT INTO {name} VALUES ({','.join('?' * len(cols))})", [[r.get(c) for c in cols] for r in rows])
    db.close()
