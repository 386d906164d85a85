"""`kehoach serve` in a real browser: headless Chromium (Debian's, driven by Playwright) over a workspace of
corpus/ — search, open a document, follow a reference, open a body, run a diff, download a CSV and read it
back. Each page's screenshot is saved in build/screenshots/ and must not be blank; no page may log a console
error. The server is the real `kehoach serve` command, on 127.0.0.1."""

import csv
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = ROOT / "build" / "screenshots"
PLANS = ["000_cd3a10cc7c8fb063.txt", "000_cd3a10cc7c8fb063.pdf", "001_8e36cee14575c564.txt", "004_28c2f7b1913e88ac.txt"]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make test installs Debian's chromium)")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local addresses listening on `port`, read from /proc/net/tcp (hex, little-endian IPv4)."""
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:
                out.add(address)
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    for name in PLANS:
        shutil.copy(ROOT / "corpus" / name, folder / name)
    ws = tmp_path_factory.mktemp("ws")
    exe = str(Path(sys.executable).parent / "kehoach")
    subprocess.run([exe, "ingest", str(folder), "--workers", "1", "--workspace", str(ws)], check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--workspace", str(ws), "--port", str(port)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("kehoach serve did not start: " + proc.stderr.read().decode())
    yield f"http://127.0.0.1:{port}", port
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    assert pg.errors == []
    context.close()


def shoot(page, name: str) -> None:
    """Save the page and check it is not blank: a rendered page has many colours, a blank one one or two."""
    from PIL import Image

    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    colours = Image.open(path).convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, f"{name}: the screenshot is blank"


def test_the_server_answers_this_machine_only(server):
    _, port = server
    addresses = listening_addresses(port)
    if not addresses:
        pytest.skip("no /proc/net/tcp to read listening sockets from")
    assert addresses == {"0100007F"}  # 127.0.0.1, nothing else


def test_search_open_a_document_follow_a_reference(server, page):
    base, _ = server
    page.goto(base + "/")
    page.fill("input[name=q]", "so y te")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("ol.hits li")
    assert "Sở Y tế" in page.inner_text("ol.hits")
    assert page.locator("aside.facets h3").count() >= 5
    shoot(page, "search")
    page.locator("ol.hits li.kind-task a.snippet").first.click()
    page.wait_for_selector("article.doctext")
    assert "#t" in page.url
    target = page.locator("span.task:target")
    assert target.count() == 1 and target.first.is_visible()
    assert page.locator("span.task").first.get_attribute("title")  # hover says body, role, rule
    shoot(page, "document")
    page.locator("article.doctext a.ref").first.click()
    page.wait_for_selector("text=The plans that cite it")
    assert page.locator("table.grid a[href^='/doc/']").count() >= 1
    shoot(page, "cited")


def test_a_body_page_and_a_csv_downloaded_and_read_back(server, page, tmp_path):
    base, _ = server
    page.goto(base + "/body/so-y-te")
    assert page.locator("table.matrix td.hot").count() >= 1
    shoot(page, "body")
    rows_on_page = page.locator("table.tasks tbody tr").count()
    with page.expect_download() as info:
        page.locator("p.downloads").last.locator("text=CSV").click()  # the tasks table (the last on the page)
    path = tmp_path / "duties.csv"
    info.value.save_as(path)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == rows_on_page > 0 and all(r["agency_key"].startswith("so-y-te") for r in rows)


def test_a_diff_run_from_its_form(server, page):
    base, _ = server
    page.goto(base + "/diff")
    ids = [c.inner_text().strip() for c in page.locator("table.grid tbody tr td:first-child code").all()]
    assert len(ids) >= 3
    page.fill("input[name=a]", "province=Quảng Bình,year=2022")
    page.fill("input[name=b]", "province=Bắc Ninh,year=2024")
    page.click("form.filters button")
    page.wait_for_selector("table.diff")
    assert page.locator("table.diff del").count() > 0 and page.locator("table.diff ins").count() > 0
    shoot(page, "diff")


def test_compare_and_bodies_render(server, page):
    base, _ = server
    page.goto(base + "/compare?by=year")
    assert page.locator("table.matrix tbody tr").count() > 5
    shoot(page, "compare")
    page.goto(base + "/bodies")
    assert page.locator("table.grid tbody tr").count() > 5
    shoot(page, "bodies")
