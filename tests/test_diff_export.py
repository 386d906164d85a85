"""diff on hand-made pairs with known differences; compare; every export format read back."""

import json
import sqlite3

import pytest
from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.index.store import Store


def kehoach(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def edited_pair(tmp_path, corpus_dir):
    """Seed 000 and a copy with one task edited, one added, one removed and one moved to another body."""
    text = (corpus_dir / "000_cd3a10cc7c8fb063.txt").read_text(encoding="utf-8")
    edited = text.replace("Tham mưu thẩm định việc thực hiện lồng ghép", "Chủ trì thẩm định việc thực hiện lồng ghép")
    edited = edited.replace(
        "- Hướng dẫn các cơ quan, đơn vị quản lý, sử dụng và thanh quyết toán kinh phí thực hiện các chương trình, "
        "dự án về bình đẳng giới đã được phê duyệt theo quy định của Luật Ngân sách nhà nước và các văn bản pháp luật có liên quan.\n", "")
    moved = ("- Tiếp tục tổ chức các hoạt động truyền thông, nói chuyện chuyên đề về bình đẳng giới tại các trường "
             "trung học cơ sở và trung học phổ thông.\n")
    assert moved in edited
    edited = edited.replace(moved, "")
    edited = edited.replace("## **7. Sở Văn hóa và Thể thao**\n", "## **7. Sở Văn hóa và Thể thao**\n\n" + moved + "\n")
    heading_11 = next(line for line in edited.splitlines() if "11. Đề nghị" in line)
    edited = edited.replace(heading_11, "- Tổ chức tuyên truyền pháp luật về phòng, chống mua bán người tại các xã biên giới.\n\n"
                            + heading_11)
    a, b = tmp_path / "000_a.txt", tmp_path / "000_b.txt"
    a.write_text(text, encoding="utf-8")
    b.write_text(edited, encoding="utf-8")
    return a, b


def test_diff_reports_exactly_the_edits(edited_pair):
    a, b = edited_pair
    result = kehoach("diff", a, b, "--json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["aligned_by"] == "agency_key"
    s = d["summary"]
    assert (s["changed"], s["added"], s["removed"], s["moved"]) == (1, 1, 1, 1)
    changed = [p for body in d["bodies"] for p in body["pairs"] if p["status"] == "changed"]
    assert changed[0]["a"]["sector"] == "justice" and ["-", "Tham mưu"] in changed[0]["diff"] and ["+", "Chủ trì"] in changed[0]["diff"]
    added = [(body["key"], t["text"][:20]) for body in d["bodies"] for t in body["added"]]
    assert added == [("cong-an-tinh", "Tổ chức tuyên truyền")]
    removed = [(body["key"], t["text"][:20]) for body in d["bodies"] for t in body["removed"]]
    assert removed == [("so-tai-chinh", "Hướng dẫn các cơ qua")]
    assert (d["moved"][0]["from"], d["moved"][0]["to"]) == ("so-giao-duc-dao-tao", "so-van-hoa-the-thao")
    # the removed task was the plan's only citation of the budget law
    assert d["legal_refs"]["added"] == [] and [r["key"] for r in d["legal_refs"]["removed"]] == ["Luật Ngân sách nhà nước"]
    assert d["metadata"] == {}


def test_diff_of_two_provinces_and_its_renderings(tmp_path, corpus_dir):
    a, b = corpus_dir / "000_cd3a10cc7c8fb063.txt", corpus_dir / "004_28c2f7b1913e88ac.txt"
    d = json.loads(kehoach("diff", a, b, "--json").stdout)
    assert d["metadata"]["province"] == ["Quảng Bình", "Bắc Ninh"] and d["legal_refs"]["added"]
    html_path = tmp_path / "d.html"
    assert kehoach("diff", a, b, "--format", "html", "--out", html_path).exit_code == 0
    page = html_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<ins>" in page and "p." in page
    md = kehoach("diff", a, b, "--format", "md").stdout
    assert md.startswith("# Quảng Bình 2022 (1 document) → Bắc Ninh 2024 (1 document)")


def test_province_against_district_aligns_by_sector(corpus_dir):
    d = json.loads(kehoach("diff", corpus_dir / "004_28c2f7b1913e88ac.txt", corpus_dir / "003_5695c2d38cc07562.txt", "--json").stdout)
    assert d["aligned_by"] == "sector"


@pytest.fixture
def workspace(tmp_path, corpus_dir):
    ws = tmp_path / "ws"
    assert kehoach("ingest", *sorted(corpus_dir.glob("0*.txt")), "--workers", "1", "--workspace", ws).exit_code == 0
    return ws


def test_diff_with_selectors(workspace):
    d = json.loads(kehoach("diff", "--a", "province=Quảng Bình,year=2022", "--b", "province=Bắc Ninh", "--json",
                           "--workspace", workspace).stdout)
    assert d["a"]["province"] == ["Quảng Bình"] and d["b"]["year"] == [2024]
    bad = kehoach("diff", "--a", "province=Nowhere", "--b", "year=2022", "--workspace", workspace)
    assert bad.exit_code == 1 and "no stored document matches" in bad.stderr


def test_compare_matrix(workspace):
    rows = [json.loads(x) for x in kehoach("compare", "--sector", "health", "--json", "--workspace", workspace).stdout.splitlines()]
    health = {r["agency_key"]: r for r in rows}
    assert health["so-y-te"]["Quảng Bình"] > 0 and health["so-y-te"]["Cao Bằng"] == 0
    from kehoach.index.compare import compare, only_in

    matrix = compare(Store.open(workspace), by="year")
    assert "trung-tam-y-te-huyen" in {r["agency_key"] for r in only_in(matrix, "2023", "2022")}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "jsonl", "parquet", "sqlite"])
def test_every_export_reads_back_with_the_store_counts(workspace, tmp_path, fmt):
    import pandas as pd

    out = tmp_path / f"export.{fmt}"
    result = kehoach("export", "--format", fmt, "--out", out, "--workspace", workspace)
    assert result.exit_code == 0, result.output
    store = Store.open(workspace)
    n_tasks = store.db.execute("SELECT count(*) FROM assignments").fetchone()[0]
    n_docs = store.db.execute("SELECT count(*) FROM documents").fetchone()[0]
    if fmt == "csv":
        assert (out / "assignments.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        tasks = pd.read_csv(out / "assignments.csv", encoding="utf-8-sig")
        docs = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    elif fmt == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(out)
        assert wb["assignments"].freeze_panes == "A2" and any(name.startswith("annex") for name in wb.sheetnames)
        tasks = pd.read_excel(out, sheet_name="assignments")
        docs = pd.read_excel(out, sheet_name="documents")
    elif fmt == "json":
        data = json.loads(out.read_text(encoding="utf-8"))
        tasks, docs = pd.DataFrame(data["assignments"]), pd.DataFrame(data["documents"])
    elif fmt == "jsonl":
        tasks = pd.read_json(out / "assignments.jsonl", lines=True)
        docs = pd.read_json(out / "documents.jsonl", lines=True)
    elif fmt == "parquet":
        tasks = pd.read_parquet(out / "assignments.parquet")
        docs = pd.read_parquet(out / "documents.parquet")
    else:
        db = sqlite3.connect(out)
        tasks = pd.read_sql("SELECT * FROM assignments", db)
        docs = pd.read_sql("SELECT * FROM documents", db)
    assert len(tasks) == n_tasks and len(docs) == n_docs
    assert {"source", "page", "section", "span_start"} <= set(tasks.columns)
    assert "Sở Lao động - Thương binh và Xã hội" in set(tasks["agency"])
