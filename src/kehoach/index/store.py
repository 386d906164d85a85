"""The workspace store: SQLite, the source of truth for everything ingested.

Why SQLite is the truth and the search index is not: a search index can be
rebuilt from the store at will (`kehoach reindex`), but not the reverse.
Each document is written in one transaction, so a crash leaves either the
whole document or none of it; WAL mode lets searches run while an ingest
writes.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach.errors import KehoachError
from kehoach.index.migrations import migrate
from kehoach.index.renderings import document_key, elect, quality

DB_NAME = "kehoach.db"
MARKER = "KEHOACH_WORKSPACE"


def workspace_path(workspace: str | os.PathLike | None = None) -> Path:
    """--workspace, else $KEHOACH_WORKSPACE, else ./.kehoach."""
    return Path(workspace or os.environ.get("KEHOACH_WORKSPACE") or ".kehoach")


@dataclass
class Filters:
    """The filters every read command shares (search, duties, compare, export)."""

    province: str | None = None
    year: tuple[int, int] | None = None  # inclusive range
    level: str | None = None
    sector: str | None = None
    agency: str | None = None  # an agency_key
    agencies: list[str] | None = None  # any of these agency_keys
    doc_type: str | None = None
    doc_ids: list[str] | None = None
    renderings: bool = False  # every stored file, not only the best reading of each document

    def document_sql(self, alias: str = "d", *, cells: bool = False) -> tuple[str, list[Any]]:
        """WHERE clauses on documents (and the params), for any query joining them; `cells=True` for the
        count tables, which hold the best readings only and the same column names."""
        where, params = [], []
        if not self.renderings and self.doc_ids is None and not cells:
            where.append(f"{alias}.best = 1")
        if self.province:
            from kehoach.extract.places import canonical_province

            name = canonical_province(self.province) or self.province
            where.append(f"({alias}.province = ? OR {alias}.province_2025 = ?)")
            params += [name, name]
        if self.year:
            where.append(f"{alias}.year BETWEEN ? AND ?")
            params += list(self.year)
        if self.level:
            where.append(f"{alias}.level = ?")
            params.append(self.level)
        if self.doc_type:
            where.append(f"lower({alias}.doc_type) = lower(?)")
            params.append(self.doc_type)
        if self.doc_ids is not None:
            where.append(f"{alias}.id IN ({','.join('?' * len(self.doc_ids))})")
            params += self.doc_ids
        return " AND ".join(where) or "1", params

    def task_sql(self, alias: str = "a") -> tuple[str, list[Any]]:
        where, params = [], []
        if self.sector:
            where.append(f"{alias}.sector = ?")
            params.append(self.sector)
        if self.agency:
            where.append(f"{alias}.agency_key = ?")
            params.append(self.agency)
        if self.agencies is not None:
            where.append(f"{alias}.agency_key IN ({','.join('?' * len(self.agencies))})")
            params += self.agencies
        return " AND ".join(where) or "1", params


def parse_years(text: str | None) -> tuple[int, int] | None:
    """"2022" or "2021-2023" to an inclusive range."""
    if not text:
        return None
    parts = [p.strip() for p in str(text).replace("–", "-").split("-") if p.strip()]
    try:
        years = [int(p) for p in parts]
    except ValueError:
        raise KehoachError("usage", detail=f"--year takes a year or a range like 2021-2023, not {text!r}") from None
    return (years[0], years[-1])


class Store:
    """A workspace's SQLite database."""

    def __init__(self, db: sqlite3.Connection, path: Path):
        self.db = db
        self.path = path

    @classmethod
    def open(cls, workspace: str | os.PathLike | None = None, *, create: bool = False, threads: bool = False) -> Store:
        """The workspace's store; `threads=True` lets the connection be used from another thread than the one that
        opened it (the web server's event loop), which is safe only while one thread at a time uses it."""
        path = workspace_path(workspace)
        db_path = path / DB_NAME
        if not db_path.exists():
            if not create:
                raise KehoachError("workspace", detail=f"no kehoach workspace at {path} (run kehoach ingest first, or give --workspace)")
            if path.exists() and any(path.iterdir()) and not (path / "index").exists():
                raise KehoachError("workspace", detail=f"{path} exists and is not a kehoach workspace")
            path.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(db_path, timeout=30, check_same_thread=not threads)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=NORMAL")
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise KehoachError("workspace", detail=f"{db_path} is not a kehoach database ({exc})") from None
        if tables and "documents" not in tables:
            raise KehoachError("workspace", detail=f"{db_path} is not a kehoach database")
        db.row_factory = sqlite3.Row
        migrate(db)
        return cls(db, path)

    def close(self) -> None:
        self.db.close()

    # -- writing ----------------------------------------------------------------------------------

    def known(self, source: str) -> str | None:
        row = self.db.execute("SELECT id FROM documents WHERE source = ?", (source,)).fetchone()
        return row[0] if row else None

    def has(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def put(self, record: dict[str, Any], text: str, *, source: str, pages: list[dict]) -> None:
        """Store one extracted document (replacing what its path held before), in one transaction."""
        meta = record["metadata"]
        doc_id = record["id"]
        document = document_key(record)
        with self.db:
            old = self.known(source)
            if old:
                old_document = self.db.execute("SELECT document FROM documents WHERE id = ?", (old,)).fetchone()[0]
                self.db.execute("DELETE FROM documents WHERE id = ?", (old,))
                elect(self.db, old_document)
            self.db.execute(
                """INSERT INTO documents (id, source, format, pages, doc_type, number, issuer, province, district, level,
                   issued_date, year, title, signer, signer_title, text, record, indexed, province_2025, document,
                   quality, best)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?,?)""",
                (doc_id, source, record["format"], record["pages"], meta.get("doc_type"), meta.get("number"),
                 meta.get("issuer"), meta.get("province"), meta.get("district"), meta.get("level"),
                 meta.get("issued_date"), meta.get("year"), meta.get("title"), meta.get("signer"),
                 meta.get("signer_title"), text, json.dumps(record, ensure_ascii=False), meta.get("province_2025"),
                 document, quality(record, pages), 1 if document is None else 0),
            )
            elect(self.db, document)
            self.db.executemany(
                'INSERT INTO pages (doc_id, number, start, "end", ocr, confidence) VALUES (?,?,?,?,?,?)',
                [(doc_id, p["number"], p["start"], p["end"], int(p["ocr"]), p["confidence"]) for p in pages],
            )
            self.db.executemany(
                """INSERT INTO assignments (doc_id, seq, agency, agency_key, sector, agency_level, requested, role,
                   partners, text, section, section_title, page, span_start, span_end, origin, rule, part)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                [(doc_id, i, a["agency"], a["agency_key"], a["sector"], a["agency_level"], int(a["requested"]), a["role"],
                  json.dumps(a["partners"], ensure_ascii=False), a["text"], a["section"], a.get("section_title"),
                  a["page"], a["span"][0], a["span"][1], a.get("origin", "text"), a.get("rule"), a.get("part"))
                 for i, a in enumerate(record["assignments"])],
            )
            for i, r in enumerate(record["legal_refs"]):
                self.db.execute(
                    """INSERT INTO cited_documents (identity, kind, doc_type, key, number, symbol, year, issued_date, issuer)
                       VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(identity) DO UPDATE SET
                       issued_date = coalesce(cited_documents.issued_date, excluded.issued_date),
                       issuer = coalesce(cited_documents.issuer, excluded.issuer)""",
                    (r["identity"], r["kind"], r["doc_type"], r["key"], r.get("number"), r.get("symbol"), r.get("year"),
                     r.get("issued_date"), r.get("issuer")),
                )
                self.db.execute(
                    """INSERT INTO citations (doc_id, seq, identity, text, self, span_start, span_end, places)
                       VALUES (?,?,?,?,?,?,?,?)""",
                    (doc_id, i, r["identity"], r["text"], int(r["self"]), r["span"][0], r["span"][1],
                     json.dumps(r.get("citations") or [], ensure_ascii=False)),
                )
            self.db.executemany(
                """INSERT INTO deadlines (doc_id, seq, kind, date, "end", recurrence, year_inferred, text, subject, agencies,
                   span_start, span_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
                [(doc_id, i, d["kind"], d["date"], d["end"], d["recurrence"], int(d["year_inferred"]), d["text"],
                  d.get("subject"), json.dumps(d.get("agencies") or [], ensure_ascii=False), d["span"][0], d["span"][1])
                 for i, d in enumerate(record["deadlines"])],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO task_deadlines (doc_id, task_seq, deadline_seq) VALUES (?,?,?)",
                [(doc_id, i, k) for i, a in enumerate(record["assignments"]) for k in a.get("deadlines") or []],
            )
            self.db.executemany(
                "INSERT INTO annex_tables (doc_id, seq, page, caption, header, rows) VALUES (?,?,?,?,?,?)",
                [(doc_id, i, t["page"], t["caption"], json.dumps(t["header"], ensure_ascii=False),
                  json.dumps(t["rows"], ensure_ascii=False)) for i, t in enumerate(record["tables"])],
            )
            self.log(source, doc_id, "stored", None, commit=False)
            self._touch()

    def log(self, source: str, doc_id: str | None, status: str, message: str | None, *, commit: bool = True) -> None:
        """Record what changed; a repeated event changes nothing (re-runs leave the store as it was)."""
        sql = "INSERT OR IGNORE INTO ingest_log (source, doc_id, status, message) VALUES (?,?,?,?)"
        if commit:
            with self.db:
                self.db.execute(sql, (source, doc_id, status, message))
        else:
            self.db.execute(sql, (source, doc_id, status, message))

    def clear_failure(self, source: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM ingest_log WHERE source = ? AND status = 'failed'", (source,))

    def remove(self, ref: str) -> list[str]:
        """Remove the documents a path or id (or id prefix of 8+ characters) names; return their ids."""
        source = str(Path(ref).resolve()) if Path(ref).exists() or "/" in ref else ref
        rows = self.db.execute(
            "SELECT id FROM documents WHERE source = ? OR source = ? OR id = ? OR (length(?) >= 8 AND id LIKE ? || '%')",
            (ref, source, ref, ref, ref),
        ).fetchall()
        ids = [r[0] for r in rows]
        with self.db:
            for doc_id in ids:
                document = self.db.execute("SELECT document FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
                self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
                elect(self.db, document)
            self.db.execute("DELETE FROM cited_documents WHERE identity NOT IN (SELECT identity FROM citations)")
            if ids:
                self._touch()
        return ids

    def _touch(self) -> None:
        """A write changed what the counts say (inside the writer's transaction)."""
        self.db.execute("UPDATE meta SET value = value + 1 WHERE key = 'revision'")

    def cells(self) -> None:
        """Bring the count tables (body_cells, sector_cells, doc_cells) up to date with the store, if a write outdated them.

        Called at the end of an ingest, and by any reader of the counts (a store written by an older
        kehoach, a `kehoach remove`); one GROUP BY over every task, about a second at 10,000 plans."""
        revision, built = (self.db.execute("SELECT value FROM meta WHERE key = ?", (k,)).fetchone()[0]
                           for k in ("revision", "cells_revision"))
        if built == revision:
            return
        with self.db:
            self.db.execute("DELETE FROM body_cells")
            self.db.execute("DELETE FROM sector_cells")
            self.db.execute("DELETE FROM doc_cells")
            self.db.execute(
                """INSERT INTO doc_cells SELECT province, province_2025, year, level, doc_type, count(*) FROM documents
                   WHERE best = 1 GROUP BY province, province_2025, year, level, doc_type""")
            self.db.execute(
                """INSERT INTO body_cells SELECT a.agency_key, max(a.agency), a.sector, a.agency_level, d.province,
                   d.province_2025, d.year, d.level, d.doc_type, count(*), sum(a.role = 'lead'), sum(a.role = 'support'),
                   count(DISTINCT d.id) FROM assignments a JOIN documents d ON d.id = a.doc_id WHERE d.best = 1
                   GROUP BY a.agency_key, a.sector, a.agency_level, d.province, d.province_2025, d.year, d.level,
                   d.doc_type""")
            self.db.execute(
                """INSERT INTO sector_cells SELECT a.sector, d.province, d.province_2025, d.year, d.level, d.doc_type,
                   count(DISTINCT d.id) FROM assignments a JOIN documents d ON d.id = a.doc_id WHERE d.best = 1
                   GROUP BY a.sector, d.province, d.province_2025, d.year, d.level, d.doc_type""")
            self.db.execute("UPDATE meta SET value = ? WHERE key = 'cells_revision'", (revision,))

    def cell_sql(self, filters: Filters | None) -> tuple[str, list[Any]]:
        """WHERE clauses of `filters` on a count table (alias c), after bringing the counts up to date."""
        self.cells()
        filters = filters or Filters()
        where, params = filters.document_sql("c", cells=True)
        twhere, tparams = filters.task_sql("c")
        return f"{where} AND {twhere}", params + tparams

    def mark_indexed(self, ids: list[str]) -> None:
        with self.db:
            self.db.executemany("UPDATE documents SET indexed = 1 WHERE id = ?", [(i,) for i in ids])

    # -- reading ----------------------------------------------------------------------------------

    def document_ids(self) -> set[str]:
        """The files the search index holds: the best reading of each document."""
        return {r[0] for r in self.db.execute("SELECT id FROM documents WHERE best = 1")}

    def unindexed(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents WHERE indexed = 0 AND best = 1 ORDER BY source")]

    def renderings(self, doc_ids: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Each document's files, best reading first: {best file's id: [{id, source, format, best}, …]}."""
        sql = """SELECT w.id AS best_id, d.id, d.source, d.format, d.best FROM documents d
                 JOIN documents w ON w.best = 1 AND (w.id = d.id OR (w.document = d.document AND d.document IS NOT NULL))"""
        params: list[Any] = []
        if doc_ids is not None:
            sql += f" WHERE w.id IN ({','.join('?' * len(doc_ids))})"
            params = list(doc_ids)
        out: dict[str, list[dict[str, Any]]] = {}
        for r in self.db.execute(sql + " ORDER BY w.id, d.best DESC, d.quality, d.source", params):
            out.setdefault(r["best_id"], []).append({"id": r["id"], "source": r["source"], "format": r["format"],
                                                     "best": bool(r["best"])})
        return out

    def plan(self, doc_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT record FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def text(self, doc_id: str) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else ""

    def documents(self, filters: Filters | None = None) -> list[dict[str, Any]]:
        where, params = (filters or Filters()).document_sql()
        rows = self.db.execute(
            f"""SELECT id, source, format, pages, doc_type, number, issuer, province, province_2025, district, level,
                issued_date, year, title, signer, signer_title FROM documents d WHERE {where}
                ORDER BY province, year, source""",
            params,
        )
        return [dict(r) for r in rows]

    def assignments(self, filters: Filters | None = None, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Tasks in province, year, file order; `limit`/`offset` give one page of them (a page of the largest
        body's thousands is read without handing the rest to Python)."""
        filters = filters or Filters()
        dwhere, dparams = filters.document_sql()
        twhere, tparams = filters.task_sql()
        rows = self.db.execute(
            f"""SELECT d.id AS doc_id, d.source, d.province, d.district, d.level, d.year, d.issued_date, d.doc_type, d.number,
                a.seq, a.agency, a.agency_key, a.sector, a.agency_level, a.requested, a.role, a.partners, a.text,
                a.section, a.section_title, a.page, a.span_start, a.span_end, a.origin, a.rule, a.part
                FROM assignments a JOIN documents d ON d.id = a.doc_id
                WHERE {dwhere} AND {twhere} ORDER BY d.province, d.year, d.source, a.seq
                {"LIMIT ? OFFSET ?" if limit is not None else ""}""",
            dparams + tparams + ([limit, offset] if limit is not None else []),
        )
        names = [c[0] for c in rows.description]
        partners_at, requested_at = names.index("partners"), names.index("requested")
        decoded: dict[str, list[str]] = {}  # a corpus has few distinct partner lists: decode each once
        out = []
        for r in rows:
            row = dict(zip(names, r))
            raw = r[partners_at] or "[]"
            if raw not in decoded:
                decoded[raw] = json.loads(raw)
            row["partners"] = list(decoded[raw])
            row["requested"] = bool(r[requested_at])
            out.append(row)
        return out

    def deadlines(self, filters: Filters | None = None, *, month: str | None = None) -> list[dict[str, Any]]:
        filters = filters or Filters()
        where, params = filters.document_sql()
        extra = ""
        if month:
            extra = " AND substr(x.date, 1, 7) = ?"
            params = params + [month]
        rows = self.db.execute(
            f"""SELECT d.id AS doc_id, d.source, d.province, d.year, x.seq, x.kind, x.date, x."end", x.recurrence,
                x.year_inferred, x.text, x.subject, x.agencies, x.span_start, x.span_end
                FROM deadlines x JOIN documents d ON d.id = x.doc_id WHERE {where}{extra}
                ORDER BY x.date IS NULL, x.date, d.province, d.source""",
            params,
        )
        out = []
        for r in rows:
            row = dict(r)
            row["agencies"] = json.loads(row["agencies"] or "[]")
            row["year_inferred"] = bool(row["year_inferred"])
            if filters.sector and filters.sector not in row["agencies"]:
                continue
            out.append(row)
        return out

    def cited(self, filters: Filters | None = None, *, include_self: bool = False) -> list[dict[str, Any]]:
        """Cited documents with how many plans cite them, most cited first."""
        where, params = (filters or Filters()).document_sql()
        self_sql = "" if include_self else "AND c.self = 0"
        rows = self.db.execute(
            f"""SELECT k.identity, k.kind, k.doc_type, k.key, k.issued_date, k.issuer, count(DISTINCT c.doc_id) AS plans
                FROM cited_documents k JOIN citations c ON c.identity = k.identity JOIN documents d ON d.id = c.doc_id
                WHERE {where} {self_sql} GROUP BY k.identity ORDER BY plans DESC, k.key""",
            params,
        )
        return [dict(r) for r in rows]

    def citing(self, identity: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            """SELECT d.id AS doc_id, d.source, d.province, d.year, d.doc_type, d.number, d.title, c.text, c.self
               FROM citations c JOIN documents d ON d.id = c.doc_id WHERE c.identity = ? AND d.best = 1
               ORDER BY d.province, d.year""",
            (identity,),
        )
        return [dict(r) for r in rows]

    def find_cited(self, key: str) -> list[dict[str, Any]]:
        """Cited documents whose key matches `key` (spaces, case and Đ folded)."""
        from kehoach.corpus.normalise import fold_keep

        want = "".join(fold_keep(key).split())
        out = []
        for r in self.db.execute("SELECT * FROM cited_documents"):
            have = "".join(fold_keep(r["key"]).split())
            if have == want or r["identity"] == key:
                out.append(dict(r))
        return out

    def status(self) -> dict[str, Any]:
        def counts(column: str) -> dict[str, int]:
            return {str(k): n for k, n in self.db.execute(
                f"SELECT {column}, count(*) FROM documents WHERE best = 1 GROUP BY 1 ORDER BY 1")}

        def count(table: str) -> int:
            return self.db.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id IN (SELECT id FROM documents WHERE best = 1)").fetchone()[0]

        failed = [dict(r) for r in self.db.execute(
            "SELECT source, message FROM ingest_log WHERE status = 'failed' AND source NOT IN (SELECT source FROM documents) ORDER BY source")]
        return {
            "workspace": str(self.path),
            "files": self.db.execute("SELECT count(*) FROM documents").fetchone()[0],
            "documents": self.db.execute("SELECT count(*) FROM documents WHERE best = 1").fetchone()[0],
            "assignments": count("assignments"),
            "legal_refs": count("citations"),
            "deadlines": count("deadlines"),
            "by_province": counts("province"),
            "by_year": counts("year"),
            "by_level": counts("level"),
            "by_format": {str(k): n for k, n in self.db.execute(
                "SELECT format, count(*) FROM documents GROUP BY 1 ORDER BY 1")},
            "failed": failed,
        }

    def iter_index_rows(self, ids: list[str]) -> Iterator[dict[str, Any]]:
        """What the search index holds for documents: the whole text, and each task."""
        for doc_id in ids:
            d = self.db.execute(
                "SELECT id, source, province, year, level, doc_type, title, text FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            if d is None:
                continue
            yield {"id": f"{doc_id}:doc", "doc_id": doc_id, "kind": "document", "text": d["text"], "province": d["province"],
                   "year": d["year"], "level": d["level"], "doc_type": d["doc_type"], "sector": "", "agency_key": "",
                   "seq": -1}
            for a in self.db.execute("SELECT seq, agency, text, sector, agency_key FROM assignments WHERE doc_id = ?", (doc_id,)):
                # the body's name is indexed with its task: "so y te" finds the tasks of Sở Y tế
                yield {"id": f"{doc_id}:{a['seq']}", "doc_id": doc_id, "kind": "task", "text": f"{a['agency']}: {a['text']}",
                       "province": d["province"], "year": d["year"], "level": d["level"], "doc_type": d["doc_type"],
                       "sector": a["sector"], "agency_key": a["agency_key"], "seq": a["seq"]}
