"""The SQLite schema as numbered migrations that record themselves.

Why migrations and not `CREATE TABLE IF NOT EXISTS`: a researcher's
workspace outlives kehoach versions. Each migration runs once, in order, on
every open; `PRAGMA user_version` records how many have run, so a database
written by a newer kehoach (more migrations than this one knows) is refused
instead of being damaged.

Schema (version 7):

    documents       one row per stored file (id = sha256 of the file's bytes; source unique); the files of one
                    document (its PDF, DOCX, scan) share `document`, and the best reading of them has best = 1
    pages           page boundaries into documents.text
    assignments     one row per (body, task), with provenance (section, page, span)
    cited_documents one row per distinct cited document across the corpus (identity)
    citations       plan × cited document: where and how a plan cites it
    deadlines       due dates with their provenance
    annex_tables    the documents' own tables (header and rows as JSON)
    ingest_log      what ingest did that changed the store, and files that failed
    meta            the store's revision (bumped by every write) and the revision the cells were built at
    body_cells      tasks, lead, support and plans by body × province, year, level, type (derived)
    sector_cells    plans by sector × the same (derived)
    doc_cells       plans by province, year, level and type (derived)
    task_deadlines  task × deadline: the deadlines each task carries
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def m001_initial(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL UNIQUE,
            format TEXT,
            pages INTEGER,
            doc_type TEXT, number TEXT, issuer TEXT,
            province TEXT, district TEXT, level TEXT,
            issued_date TEXT, year INTEGER, title TEXT,
            signer TEXT, signer_title TEXT,
            text TEXT NOT NULL,
            record TEXT NOT NULL,
            indexed INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX documents_province_year ON documents(province, year);
        CREATE TABLE pages (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            number INTEGER NOT NULL, start INTEGER, "end" INTEGER, ocr INTEGER, confidence REAL,
            PRIMARY KEY (doc_id, number)
        );
        CREATE TABLE assignments (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            agency TEXT, agency_key TEXT, sector TEXT, agency_level TEXT,
            requested INTEGER, role TEXT, partners TEXT,
            text TEXT, section TEXT, section_title TEXT, page INTEGER,
            span_start INTEGER, span_end INTEGER,
            PRIMARY KEY (doc_id, seq)
        );
        CREATE INDEX assignments_agency ON assignments(agency_key);
        CREATE INDEX assignments_sector ON assignments(sector);
        CREATE TABLE cited_documents (
            identity TEXT PRIMARY KEY,
            kind TEXT, doc_type TEXT, key TEXT, number TEXT, symbol TEXT,
            year INTEGER, issued_date TEXT, issuer TEXT
        );
        CREATE TABLE citations (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            identity TEXT NOT NULL REFERENCES cited_documents(identity),
            text TEXT, self INTEGER, span_start INTEGER, span_end INTEGER, places TEXT,
            PRIMARY KEY (doc_id, seq)
        );
        CREATE INDEX citations_identity ON citations(identity);
        CREATE TABLE deadlines (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT, date TEXT, "end" TEXT, recurrence TEXT, year_inferred INTEGER,
            text TEXT, subject TEXT, agencies TEXT, span_start INTEGER, span_end INTEGER,
            PRIMARY KEY (doc_id, seq)
        );
        CREATE TABLE annex_tables (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            page INTEGER, caption TEXT, header TEXT, rows TEXT,
            PRIMARY KEY (doc_id, seq)
        );
        CREATE TABLE ingest_log (
            source TEXT NOT NULL,
            doc_id TEXT,
            status TEXT NOT NULL,
            message TEXT,
            UNIQUE (source, doc_id, status, message)
        );
        """
    )


def m002_province_2025(db: sqlite3.Connection) -> None:
    """The province after the 2025 merger, so a researcher can follow one across it."""
    db.execute("ALTER TABLE documents ADD COLUMN province_2025 TEXT")


def m003_task_provenance(db: sqlite3.Connection) -> None:
    """Where each duty was read (text or table), the part of the document, and the rule that read it."""
    for column in ("origin", "rule", "part"):
        db.execute(f"ALTER TABLE assignments ADD COLUMN {column} TEXT")


def m004_renderings(db: sqlite3.Connection) -> None:
    """One document, several files: the PDF, DOCX and scan of one plan share a `document` key (issuer's
    province, number, date) and only the best reading of them is `best`; every read query counts that one."""
    db.execute("ALTER TABLE documents ADD COLUMN document TEXT")
    db.execute("ALTER TABLE documents ADD COLUMN best INTEGER NOT NULL DEFAULT 1")
    db.execute("ALTER TABLE documents ADD COLUMN quality TEXT")
    db.execute("CREATE INDEX documents_document ON documents(document)")
    from kehoach.index.renderings import backfill

    backfill(db)


def m005_cells(db: sqlite3.Connection) -> None:
    """Counts of tasks by body and by the documents' province, year, level and type (derived; rebuilt after
    writes): the pages that count across a whole corpus read a few thousand cells instead of every task."""
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO meta VALUES ('revision', 1), ('cells_revision', 0);
        CREATE TABLE body_cells (
            agency_key TEXT, agency TEXT, sector TEXT, agency_level TEXT,
            province TEXT, province_2025 TEXT, year INTEGER, level TEXT, doc_type TEXT,
            tasks INTEGER, lead INTEGER, support INTEGER, plans INTEGER
        );
        CREATE INDEX body_cells_agency ON body_cells(agency_key);
        CREATE TABLE sector_cells (
            sector TEXT, province TEXT, province_2025 TEXT, year INTEGER, level TEXT, doc_type TEXT, plans INTEGER
        );
        """
    )


def m006_task_deadlines(db: sqlite3.Connection) -> None:
    """Which deadlines each task carries (the record's `assignments[].deadlines`), so a body's page lists its own
    tasks' deadlines with one indexed join instead of reading every deadline of every plan it appears in."""
    import json

    db.execute("""CREATE TABLE task_deadlines (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        task_seq INTEGER NOT NULL, deadline_seq INTEGER NOT NULL,
        PRIMARY KEY (doc_id, task_seq, deadline_seq))""")
    for doc_id, record in db.execute("SELECT id, record FROM documents").fetchall():
        tasks = json.loads(record).get("assignments") or []
        db.executemany("INSERT OR IGNORE INTO task_deadlines VALUES (?,?,?)",
                       [(doc_id, i, k) for i, t in enumerate(tasks) for k in t.get("deadlines") or []])


def m007_document_cells(db: sqlite3.Connection) -> None:
    """Documents counted by province, year, level and type (derived, with the other cells), and the newest-first
    listing served by an index: a document's row holds its whole text, so scanning the table costs seconds at
    10,000 plans where these read a few kilobytes."""
    db.executescript(
        """
        CREATE TABLE doc_cells (province TEXT, province_2025 TEXT, year INTEGER, level TEXT, doc_type TEXT,
                                plans INTEGER);
        CREATE INDEX documents_listing ON documents(best, issued_date, source);
        UPDATE meta SET value = 0 WHERE key = 'cells_revision';
        """
    )


MIGRATIONS: list[Migration] = [m001_initial, m002_province_2025, m003_task_provenance, m004_renderings, m005_cells,
                               m006_task_deadlines, m007_document_cells]


def migrate(db: sqlite3.Connection) -> int:
    """Run the migrations this database has not had; return its version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        from kehoach.errors import KehoachError

        raise KehoachError(
            "workspace",
            detail=f"the database was written by a newer kehoach (schema {version}, this one knows {len(MIGRATIONS)}): upgrade kehoach",
        )
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        with db:
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS)
