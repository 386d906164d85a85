"""`kehoach serve`: the workspace as web pages — search, a body's duties, a document marked up, citations,
diffs and the compare matrix.

Server-rendered (Starlette and Jinja2), no JavaScript: every page is a GET
with its state in the URL, so any page can be cited, bookmarked and
downloaded (`?format=csv|xlsx|json` gives the page's table through the same
code as `kehoach export`). Read-only over the store; the endpoints are async
and share one SQLite connection, since a local server answers one researcher
and a page is a few milliseconds of SQL. Document text is untrusted: Jinja
escapes everything, and the Content-Security-Policy forbids any script.
Files are served only as the stored source of a document id, never by a
path from the URL.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kehoach.errors import KehoachError
from kehoach.index.store import Filters, Store, parse_years
from kehoach.web.markup import marked, marked_text

HERE = Path(__file__).parent
PER_PAGE = 25
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response (pure ASGI: no buffering of downloads)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]
            await send(message)

        await self.app(scope, receive, with_headers)


class NotFound(Exception):
    """A page for something the workspace does not hold."""


def create_app(workspace: str | Path | None = None) -> Starlette:
    """The web application over one workspace (opened now: a missing workspace fails before serving)."""
    from kehoach.index.engine import Index

    store = Store.open(workspace, threads=True)
    index = Index.open(store.path)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(colour=colour, url=url, page_link=page_link)
    templates.env.filters["cited_url"] = lambda identity: "/cited/" + quote(identity, safe="")
    templates.env.filters["marked"] = marked
    pages = Pages(store, index, templates)
    routes = [
        Route("/", pages.search),
        Route("/doc/{doc_id}", pages.document),
        Route("/doc/{doc_id}/file", pages.original),
        Route("/bodies", pages.bodies),
        Route("/body/{key:path}", pages.body),
        Route("/cited", pages.cited_list),
        Route("/cited/{identity:path}", pages.cited),
        Route("/diff", pages.diff),
        Route("/compare", pages.compare),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={NotFound: pages.not_found, 404: pages.not_found,
                                                        KehoachError: pages.bad_request},
                    middleware=[Middleware(SecurityHeaders)])
    app.state.store = store
    return app


def colour(key: str | None) -> int:
    """The same body gets the same colour on every page (one of 12)."""
    return zlib.crc32((key or "").encode("utf-8")) % 12


def url(path: str, **params: Any) -> str:
    """A page's URL with its query (empty values left out), so links keep the filters a researcher chose."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "", [])})
    return path + ("?" + query if query else "")


def page_link(request: Request, **change: Any) -> str:
    """This page's URL with some parameters changed (facets, pagination, download format)."""
    params = dict(request.query_params)
    params.update({k: v for k, v in change.items()})
    if "page" not in change:
        params.pop("page", None)
    return url(request.url.path, **params)


def filters_from(request: Request) -> Filters:
    q = request.query_params
    return Filters(province=q.get("province") or None, year=parse_years(q.get("year")), level=q.get("level") or None,
                   sector=q.get("sector") or None, agency=q.get("agency") or None, doc_type=q.get("doc_type") or None)


def page_number(request: Request) -> int:
    try:
        return max(1, int(request.query_params.get("page") or 1))
    except ValueError:
        raise KehoachError("usage", detail="page must be a number") from None


class Pages:
    """One method per page; each gathers its data from the index layer and renders one template."""

    CACHE_SIZE = 256

    def __init__(self, store: Store, index, templates: Jinja2Templates):
        self.store, self.index, self.templates = store, index, templates
        self._cache: dict[tuple, Any] = {}
        self._version: int | None = None

    def cached(self, key: tuple, compute):
        """The counts behind a page (facets, matrices, the bodies list) until the store changes.

        At 10,000 plans a body × province matrix is a GROUP BY over hundreds of thousands of tasks (~1 s),
        while the store changes only when an ingest commits; SQLite's `data_version` tells this connection
        when another one has, and the cache is dropped then."""
        version = self.store.db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._cache.clear()
            self._version = version
        if key not in self._cache:
            if len(self._cache) >= self.CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = compute()
        return self._cache[key]

    def render(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def download(self, request: Request, name: str, rows: list[dict[str, Any]]) -> Response | None:
        """The page's table as a file when the URL asks for one (?format=csv|xlsx|json)."""
        fmt = request.query_params.get("format")
        if not fmt:
            return None
        from kehoach.index.export import table_bytes

        body, media = table_bytes(name, rows, fmt)
        return Response(body, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="kehoach-{name}.{fmt}"'})

    async def not_found(self, request: Request, exc: Exception) -> Response:
        return self.render(request, "error.html", 404, message=str(exc) or "not found")

    async def bad_request(self, request: Request, exc: KehoachError) -> Response:
        return self.render(request, "error.html", 400, message=exc.line())

    # -- search -----------------------------------------------------------------------------------

    async def search(self, request: Request) -> Response:
        from kehoach.index.search import faceted

        query = request.query_params.get("q", "")
        filters = filters_from(request)
        page = page_number(request)
        result = self.cached(("search", query, repr(filters), page), lambda: faceted(
            self.store, self.index, query, filters=filters, page=page, per_page=PER_PAGE, mark=("\x02", "\x03")))
        file = self.download(request, "search", [{k: v for k, v in r.items() if k != "snippet"} | (
            {"snippet": r["snippet"].replace("\x02", "").replace("\x03", "")} if r.get("snippet") else {})
            for r in result["rows"]])
        if file:
            return file
        return self.render(request, "search.html", query=query, result=result, names=self.body_names(),
                           pages=-(-min(result["total"], 1000) // PER_PAGE), active=dict(request.query_params))

    def body_names(self) -> dict[str, str]:
        """agency_key → the name the documents use most (for facets and links)."""
        def names():
            self.store.cells()
            rows = self.store.db.execute("SELECT agency_key, agency, sum(tasks) FROM body_cells GROUP BY 1, 2 ORDER BY 3")
            return {k: n for k, n, _ in rows}

        return self.cached(("names",), names)

    # -- a document -------------------------------------------------------------------------------

    async def document(self, request: Request) -> Response:
        from kehoach.index.browse import document_view

        at = request.query_params.get("at")
        view = document_view(self.store, request.path_params["doc_id"], at=int(at) if at and at.isdigit() else None)
        if view is None:
            raise NotFound(f"no document {request.path_params['doc_id']} in this workspace")
        table = request.query_params.get("table") or "tasks"
        rows = {"tasks": [{k: t.get(k) for k in ("seq", "agency", "agency_key", "role", "partners", "section", "page", "rule",
                                                  "origin", "text")} for t in view["tasks"]],
                "refs": [{k: r.get(k) for k in ("kind", "doc_type", "key", "issued_date", "issuer", "self", "text", "span")}
                         for r in view["refs"]],
                "deadlines": [{k: d.get(k) for k in ("kind", "date", "end", "recurrence", "text", "subject", "span")}
                              for d in view["deadlines"]]}.get(table)
        if rows is None:
            raise KehoachError("usage", detail=f"no table {table!r} on a document's page (tasks, refs, deadlines)")
        file = self.download(request, table, rows)
        return file or self.render(request, "document.html", view=view, meta=view["record"].get("metadata") or {},
                                   text=marked_text(view, colour))

    async def original(self, request: Request) -> Response:
        row = self.store.db.execute("SELECT source, format FROM documents WHERE id = ?",
                                    (request.path_params["doc_id"],)).fetchone()
        if row is None or not Path(row["source"]).is_file():
            raise NotFound("the original file of this document is not on this machine")
        media = {"pdf": "application/pdf", "pdf-ocr": "application/pdf", "docx":
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}.get(row["format"], "text/plain; charset=utf-8")
        # served as an attachment unless a PDF: a text file opened inline could be read as HTML by an old browser
        inline = media == "application/pdf"
        return FileResponse(row["source"], media_type=media, content_disposition_type="inline" if inline else "attachment",
                            filename=Path(row["source"]).name)

    # -- bodies -----------------------------------------------------------------------------------

    async def bodies(self, request: Request) -> Response:
        where, params = self.store.cell_sql(filters_from(request))
        rows = self.cached(("bodies", where, tuple(params)), lambda: [dict(r) for r in self.store.db.execute(
            f"""SELECT c.agency_key, max(c.agency) AS agency, c.sector, sum(c.tasks) AS tasks, sum(c.plans) AS plans,
                count(DISTINCT c.province) AS provinces FROM body_cells c
                WHERE {where} GROUP BY c.agency_key ORDER BY tasks DESC, c.agency_key""", params)])
        return self.download(request, "bodies", rows) or self.render(request, "bodies.html", rows=rows)

    async def body(self, request: Request) -> Response:
        from kehoach.extract.agencies import by_key
        from kehoach.index.browse import body_overview
        from kehoach.index.search import duties, resolve_agency

        key = request.path_params["key"]
        known = self.store.db.execute("SELECT 1 FROM assignments WHERE agency_key = ? LIMIT 1", (key,)).fetchone()
        if known or by_key(key):
            from kehoach.index.search import _with_divisions

            keys, label = _with_divisions(self.store, [key]), (by_key(key).name if by_key(key) else key)
        else:
            try:
                res = resolve_agency(self.store, key)
            except KehoachError as err:
                raise NotFound(err.line()) from None
            if res.ambiguous or not res.keys:
                raise NotFound(f"no single body matches {key!r}")
            keys, label = res.keys, res.label
        filters = filters_from(request)
        filters.agency = None
        overview = self.cached(("body", tuple(keys), repr(filters)), lambda: body_overview(self.store, keys, filters))
        if request.query_params.get("format"):  # one of the page's tables (?table=), its tasks by default
            table = request.query_params.get("table") or "duties"
            rows = {"matrix": lambda: [{"province": p, "year": y, "tasks": n} for (p, y), n in overview["matrix"].items()],
                    "provinces": lambda: overview["by_province"], "deadlines": lambda: overview["deadlines"],
                    "duties": lambda: duties(self.store, keys=keys, filters=filters)}.get(table)
            if rows is None:
                raise KehoachError("usage", detail=f"no table {table!r} on a body's page (matrix, provinces, deadlines, duties)")
            return self.download(request, table, rows())
        page = page_number(request)
        tasks = duties(self.store, keys=keys, filters=filters, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
        total = overview["total"]  # the body's tasks under the filters, read from the count table
        return self.render(request, "body.html", key=key, label=label, overview=overview, tasks=tasks, total=total,
                           page=page, pages=-(-total // PER_PAGE), active=dict(request.query_params))

    # -- cited documents --------------------------------------------------------------------------

    async def cited_list(self, request: Request) -> Response:
        filters = filters_from(request)
        rows = self.cached(("cited", repr(filters)), lambda: self.store.cited(filters))
        return self.download(request, "cited", rows) or self.render(request, "cited_list.html", rows=rows[:500],
                                                                     total=len(rows))

    async def cited(self, request: Request) -> Response:
        identity = request.path_params["identity"]
        row = self.store.db.execute("SELECT * FROM cited_documents WHERE identity = ?", (identity,)).fetchone()
        if row is None:
            raise NotFound(f"no plan in this workspace cites {identity!r}")
        citing = [r for r in self.store.citing(identity)]
        if (file := self.download(request, "citing", citing)) is not None:
            return file
        by_province: dict[str, dict[Any, int]] = {}
        for r in citing:
            by_province.setdefault(r["province"] or "—", {})
            by_province[r["province"] or "—"][r["year"]] = by_province[r["province"] or "—"].get(r["year"], 0) + 1
        years = sorted({r["year"] for r in citing if r["year"] is not None})
        plans = len({r["doc_id"] for r in citing})
        return self.render(request, "cited.html", cited=dict(row), citing=citing[:300], total=len(citing), plans=plans,
                           by_province=by_province, years=years)

    # -- diff and compare -------------------------------------------------------------------------

    async def diff(self, request: Request) -> Response:
        from kehoach.index.diff import diff as run
        from kehoach.index.diff import stored_side

        a, b = request.query_params.get("a", "").strip(), request.query_params.get("b", "").strip()
        if not (a and b):  # the form, with the latest documents to choose from (any id or selector works)
            docs = [dict(r) for r in self.store.db.execute(
                """SELECT id, province, year, doc_type, number, title FROM documents WHERE best = 1
                   ORDER BY issued_date IS NULL, issued_date DESC, source LIMIT 200""")]
            return self.render(request, "diff.html", result=None, a=a, b=b, docs=docs)
        sides = []
        for ref in (a, b):
            records = stored_side(self.store, ref)
            if not records:
                raise KehoachError("usage", detail=f"{ref!r} is neither a stored document id nor a selector that matches one")
            sides.append(records)
        result = self.cached(("diff", a, b), lambda: run(sides[0], sides[1]))
        if request.query_params.get("format"):
            rows = [{"body": body["name"], "status": p["status"], "a": p["a"]["text"], "b": p["b"]["text"]}
                    for body in result["bodies"] for p in body["pairs"]]
            rows += [{"body": body["name"], "status": "removed", "a": t["text"], "b": None}
                     for body in result["bodies"] for t in body["removed"]]
            rows += [{"body": body["name"], "status": "added", "a": None, "b": t["text"]}
                     for body in result["bodies"] for t in body["added"]]
            rows += [{"body": f"{m['from']} → {m['to']}", "status": "moved", "a": m["a"]["text"], "b": m["b"]["text"]}
                     for m in result["moved"]]
            return self.download(request, "diff", rows)
        return self.render(request, "diff.html", result=result, a=a, b=b, docs=[])

    async def compare(self, request: Request) -> Response:
        from kehoach.index.compare import compare as run

        by = request.query_params.get("by", "province")
        if by not in ("province", "year"):
            raise KehoachError("usage", detail="by must be province or year")
        filters = filters_from(request)
        matrix = self.cached(("compare", by, repr(filters)), lambda: run(self.store, by=by, filters=filters))
        file = self.download(request, "compare", matrix["rows"])
        return file or self.render(request, "compare.html", matrix=matrix, by=by, rows=matrix["rows"][:300],
                                   active=dict(request.query_params))
