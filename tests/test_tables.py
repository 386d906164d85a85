from helpers import doc
from kehoach.extract.tables import extract_tables


def test_tab_separated_runs_become_tables_with_captions():
    d = doc("Phụ lục 01\nKẾT QUẢ THỰC HIỆN\nTT\tChỉ tiêu\tĐơn vị\nI\tMục tiêu 1\t%\n1\tChỉ tiêu 1\tngười\nHết.\n")
    [t] = extract_tables(d)
    assert t.caption == "Phụ lục 01" and t.header == ["TT", "Chỉ tiêu", "Đơn vị"]
    assert t.rows == [["I", "Mục tiêu 1", "%"], ["1", "Chỉ tiêu 1", "người"]]
    assert d.text[t.span[0] : t.span[1]].startswith("TT\t")


def test_the_seed_annex(corpus_dir):
    from kehoach.corpus import read

    tables = extract_tables(read(corpus_dir / "004_28c2f7b1913e88ac.txt"))
    assert tables and tables[0].header[:2] == ["TT", "Mục tiêu, chỉ tiêu"]
