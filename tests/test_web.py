"""`kehoach serve`: every page answers with its content, downloads read back, untrusted text stays text."""

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from starlette.testclient import TestClient

from kehoach.cli import cli
from kehoach.index.store import Store
from kehoach.web.app import create_app

PLANS = ["000_cd3a10cc7c8fb063.txt", "000_cd3a10cc7c8fb063.docx", "001_8e36cee14575c564.txt", "003_5695c2d38cc07562.txt",
         "004_28c2f7b1913e88ac.txt"]
HOSTILE = """ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH
Số: 77/KH-UBND
Hà Tĩnh, ngày 5 tháng 3 năm 2023
KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2023 <script>alert('title')</script>
Căn cứ Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính phủ;
III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế: tuyên truyền bình đẳng giới <script>alert(1)</script> trong ngành y tế.
2. Sở Tư pháp: phổ biến pháp luật "><img src=x onerror=alert(2)> về bình đẳng giới, hoàn thành trước ngày 30/6/2023.
"""


def kehoach(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, request):
    from pathlib import Path

    corpus = Path(request.config.rootpath) / "corpus"
    folder = tmp_path_factory.mktemp("plans")
    for name in PLANS:
        shutil.copy(corpus / name, folder / name)
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    ws = tmp_path_factory.mktemp("ws")
    result = kehoach("ingest", folder, "--workers", "1", "--workspace", ws)
    assert result.exit_code == 0, result.output
    return ws


@pytest.fixture(scope="module")
def client(workspace):
    return TestClient(create_app(workspace))


@pytest.fixture(scope="module")
def ids(workspace):
    store = Store.open(workspace)
    out = {d["source"].rsplit("/", 1)[1]: d["id"] for d in store.documents()}
    store.close()
    return out


def test_search_with_facets_snippets_and_links(client):
    page = client.get("/", params={"q": "so y te"})
    assert page.status_code == 200
    html = page.text
    assert "Sở Y tế" in html and "<mark>" in html
    for facet in ("Province", "Province since 2025", "Year", "Level", "Type", "Sector", "Body"):
        assert f"<h3>{facet}</h3>" in html
    assert "/doc/" in html and "#t" in html  # a task hit links to its place in the document
    narrowed = client.get("/", params={"q": "so y te", "province": "Hà Tĩnh"}).text
    assert "Hà Tĩnh" in narrowed and "Bắc Ninh ·" not in narrowed
    phrase = client.get("/", params={"q": '"tháng hành động"'}).text
    assert "<mark>" in phrase
    browse = client.get("/").text  # no query: every document, with facets
    assert "5 documents" in browse


def test_each_document_once_whatever_its_files(client, workspace):
    status = json.loads(kehoach("status", "--workspace", workspace, "--json").stdout)
    assert (status["documents"], status["files"]) == (5, 6)
    hits = client.get("/", params={"q": "bình đẳng giới", "format": "json"}).json()
    docs = [h["doc_id"] for h in hits if h["kind"] == "document"]
    assert len(docs) == len(set(docs))


def test_document_page_marks_tasks_refs_deadlines_and_lists_files(client, ids):
    doc = ids["000_cd3a10cc7c8fb063.docx"]
    html = client.get(f"/doc/{doc}").text
    assert 'id="t0"' in html and 'class="task b' in html and "title=\"Sở" in html
    assert 'class="ref" href="/cited/' in html and 'class="deadline"' in html
    assert "000_cd3a10cc7c8fb063.txt" in html and "000_cd3a10cc7c8fb063.docx" in html  # both files listed
    files = Store.open(client.app.state.store.path).renderings([doc])[doc]
    other = client.get(f"/doc/{next(f['id'] for f in files if not f['best'])}")  # a file not read for its document
    assert other.status_code == 200 and "is not the reading used" in other.text
    assert all(f["source"].rsplit("/", 1)[1] in other.text for f in files)


def test_a_reference_leads_to_every_plan_citing_it(client, ids):
    html = client.get(f"/doc/{ids['004_28c2f7b1913e88ac.txt']}").text
    start = html.index('class="ref" href="') + len('class="ref" href="')
    link = html[start : html.index('"', start)]
    cited = client.get(link)
    assert cited.status_code == 200 and "The plans that cite it" in cited.text
    assert f"/doc/{ids['004_28c2f7b1913e88ac.txt']}" in cited.text
    rows = list(csv.DictReader(io.StringIO(client.get(link, params={"format": "csv"}).content.decode("utf-8-sig"))))
    assert rows and all(r["doc_id"] for r in rows)
    assert "Cited documents" in client.get("/cited").text


def test_body_page_matrix_roles_lineage_and_tasks(client, workspace):
    html = client.get("/body/so-y-te").text
    assert "Tasks by province and year" in html and "Who gives this body most duties" in html
    duties = [json.loads(x) for x in kehoach("duties", "so-y-te", "--json", "--workspace", workspace).stdout.splitlines()]
    assert f"Tasks ({len(duties)})" in html
    assert client.get("/body/so y te").status_code == 200  # a name, as typed
    lineage = client.get("/body/so-lao-dong-tbxh").text
    assert "Across the 2025 reform" in lineage and "Sở Nội vụ" in lineage
    cell = client.get("/body/so-y-te", params={"province": "Hà Tĩnh", "year": "2020"}).text
    assert "Hà Tĩnh 2020" in cell and "Bắc Ninh 2024" not in cell


def test_downloads_read_back_as_the_export_writes_them(client, workspace):
    duties = [json.loads(x) for x in kehoach("duties", "so-y-te", "--json", "--workspace", workspace).stdout.splitlines()]
    got = client.get("/body/so-y-te", params={"format": "csv"})
    assert got.headers["content-disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert [r["text"] for r in rows] == [d["text"] for d in duties]
    book = load_workbook(io.BytesIO(client.get("/compare", params={"format": "xlsx"}).content))
    sheet = book.active
    assert sheet.max_row > 5 and [c.value for c in sheet[1]][:2] == ["agency_key", "agency"]
    assert client.get("/bodies", params={"format": "json"}).json()[0]["tasks"] > 0
    assert client.get("/", params={"format": "pdf"}).status_code == 400


def test_diff_side_by_side(client, ids):
    a, b = ids["000_cd3a10cc7c8fb063.docx"], ids["004_28c2f7b1913e88ac.txt"]
    html = client.get("/diff", params={"a": a[:12], "b": b[:12]}).text
    assert "changed" in html and "<del>" in html and "<ins>" in html
    by_year = client.get("/diff", params={"a": "province=Quảng Bình,year=2022", "b": "province=Bắc Ninh,year=2024"})
    assert by_year.status_code == 200 and "aligned by" in by_year.text
    assert client.get("/diff", params={"a": "nothing", "b": b}).status_code == 400


def test_compare_matrix_with_filters(client):
    html = client.get("/compare", params={"by": "year", "sector": "health"}).text
    assert "Sở Y tế" in html and "2020" in html and "Sở Tư pháp" not in html


def test_untrusted_text_is_shown_as_text(client, ids):
    doc = ids["hostile.txt"]
    pages = [client.get(f"/doc/{doc}").text, client.get("/", params={"q": "alert"}).text,
             client.get("/body/so-tu-phap").text, client.get("/body/so-y-te").text, client.get("/").text]
    for html in pages:
        assert "<script" not in html.lower()
        assert "<img" not in html.lower()
    assert "&lt;script&gt;" in pages[0] and "&lt;img src=x onerror=alert(2)&gt;" in pages[0]
    assert "script-src" not in client.get("/").headers["content-security-policy"]  # no script may run at all
    assert "default-src 'none'" in client.get("/").headers["content-security-policy"]


def test_only_stored_originals_are_served(client, ids, workspace):
    doc = ids["000_cd3a10cc7c8fb063.docx"]
    original = client.get(f"/doc/{doc}/file")
    assert original.status_code == 200 and original.content[:2] == b"PK"
    for path in ("/doc/../../etc/passwd", "/doc/%2e%2e%2f%2e%2e%2fetc%2fpasswd/file", "/static/../kehoach.db",
                 "/static/%2e%2e/%2e%2e/%2e%2e/index/store.py", f"/doc/{'0' * 64}/file", "/doc/nothing"):
        got = client.get(path)
        assert got.status_code == 404, path
        assert b"root:" not in got.content and b"SQLite" not in got.content


def test_serve_binds_loopback_unless_told(monkeypatch, workspace):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    assert kehoach("serve", "--workspace", workspace, "--port", "9999").exit_code == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 9999
    assert kehoach("serve", "--workspace", workspace, "--host", "0.0.0.0").exit_code == 0
    assert seen["host"] == "0.0.0.0"
    missing = kehoach("serve", "--workspace", workspace / "nope")
    assert missing.exit_code == 1 and "no kehoach workspace" in missing.output


def ingested(tmp_path, corpus_dir, *names):
    """A workspace of these corpus files (in tmp_path/ws, read from tmp_path/plans) and the folder they are in."""
    folder = tmp_path / "plans"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(corpus_dir / name, folder)
    assert kehoach("ingest", folder, "--workers", "1", "--workspace", tmp_path / "ws").exit_code == 0
    return tmp_path / "ws", folder


def test_a_pdf_document_links_each_page_to_the_original(tmp_path, corpus_dir):
    ws, _ = ingested(tmp_path, corpus_dir, "000_cd3a10cc7c8fb063.pdf")
    client = TestClient(create_app(ws))
    store = Store.open(ws)
    doc = store.documents()[0]["id"]
    pages = store.db.execute("SELECT count(*) FROM pages WHERE doc_id = ?", (doc,)).fetchone()[0]
    html = client.get(f"/doc/{doc}").text
    assert pages > 1 and all(f'href="/doc/{doc}/file#page={n}"' in html for n in range(1, pages + 1))
    pdf = client.get(f"/doc/{doc}/file")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_duties_and_search_pages_tile_the_whole_list(workspace):
    every = kehoach("duties", "so-lao-dong-tbxh", "--json", "--workspace", workspace).stdout.splitlines()
    pages = [kehoach("duties", "so-lao-dong-tbxh", "--json", "--limit", 4, "--offset", k, "--workspace", workspace)
             .stdout.splitlines() for k in range(0, len(every), 4)]
    assert len(every) > 8 and [x for p in pages for x in p] == every
    hits = kehoach("search", "bình đẳng giới", "--json", "--limit", 9, "--workspace", workspace).stdout.splitlines()
    second = kehoach("search", "bình đẳng giới", "--json", "--limit", 3, "--offset", 3, "--workspace", workspace)
    assert second.stdout.splitlines() == hits[3:6]


def test_pages_follow_an_ingest_made_while_serving(tmp_path, corpus_dir):
    ws, _ = ingested(tmp_path, corpus_dir, "001_8e36cee14575c564.txt")
    client = TestClient(create_app(ws))
    assert "1 documents" in client.get("/").text
    before = client.get("/bodies", params={"format": "json"}).json()
    ingested(tmp_path, corpus_dir, "003_5695c2d38cc07562.txt")  # a second ingest, into the same workspace
    assert "2 documents" in client.get("/").text  # the counts kept for speed are dropped when the store changes
    assert client.get("/bodies", params={"format": "json"}).json() != before


def test_a_body_page_lists_the_deadlines_its_tasks_carry(client, workspace):
    html = client.get("/body/so-tu-phap").text
    assert "Deadlines of its tasks" in html and "2023-06-30" in html
    store = Store.open(workspace)  # the link is stored: task × deadline, as the record's assignments[].deadlines
    linked = store.db.execute("SELECT count(*) FROM task_deadlines").fetchone()[0]
    carried = sum(len(a.get("deadlines") or []) for d in store.documents() for a in store.plan(d["id"])["assignments"])
    assert linked >= carried > 0


def test_browse_counts_agree_with_the_tasks(workspace):
    from kehoach.index.search import faceted

    store = Store.open(workspace)
    for filters in ({}, {"agency": "so-y-te"}, {"sector": "health"}, {"province": "Hà Tĩnh"}):
        from kehoach.index.store import Filters

        result = faceted(store, None, "", filters=Filters(**filters))
        docs = {r["doc_id"] for r in store.assignments(Filters(**filters))} if filters.keys() & {"agency", "sector"} \
            else {d["id"] for d in store.documents(Filters(**filters))}
        assert result["total"] == len(docs) == sum(n for _, n in result["facets"]["level"]), filters
        assert {r["doc_id"] for r in result["rows"]} <= docs


def test_every_table_of_a_page_downloads(client, ids):
    matrix = client.get("/body/so-y-te", params={"format": "json", "table": "matrix"}).json()
    provinces = client.get("/body/so-y-te", params={"format": "json", "table": "provinces"}).json()
    assert sum(r["tasks"] for r in matrix) == sum(r["tasks"] for r in provinces) > 0
    assert client.get("/body/so-y-te", params={"format": "csv", "table": "deadlines"}).status_code == 200
    doc = ids["004_28c2f7b1913e88ac.txt"]
    refs = client.get(f"/doc/{doc}", params={"format": "json", "table": "refs"}).json()
    assert any(r["key"] == "28/NQ-CP" for r in refs)
    book = load_workbook(io.BytesIO(client.get(f"/doc/{doc}", params={"format": "xlsx", "table": "deadlines"}).content))
    assert book.active.max_row > 1
    assert client.get(f"/doc/{doc}", params={"format": "csv", "table": "nothing"}).status_code == 400
    html = client.get("/body/so-y-te").text
    assert html.count("Download this table") >= 3 and "table=matrix" in html


def test_every_page_of_the_workspace_answers(client, workspace):
    """Each document, each body, each cited document, and the list pages: 200, and no script anywhere."""
    from urllib.parse import quote

    store = Store.open(workspace)
    urls = ["/", "/bodies", "/cited", "/compare", "/compare?by=year", "/diff"]
    urls += [f"/doc/{r[0]}" for r in store.db.execute("SELECT id FROM documents")]
    urls += [f"/body/{quote(r[0], safe='/')}" for r in store.db.execute("SELECT DISTINCT agency_key FROM assignments")]
    urls += ["/cited/" + quote(r[0], safe="") for r in store.db.execute("SELECT identity FROM cited_documents")]
    assert len(urls) > 60
    for url in urls:
        got = client.get(url)
        assert got.status_code == 200, url
        assert "<script" not in got.text.lower(), url
