"""Footnotes: a superscript marker never becomes a digit of the word before it, and footnote texts are kept
apart from the body, where the references and deadlines they hold are still found."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from kehoach.corpus import ReadOptions, read
from kehoach.corpus.footnotes import mark, show_marks, strip_marks
from kehoach.extract import extract

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
BODY = [f"{i}. Sở Y tế chủ trì, phối hợp với các sở, ngành triển khai nội dung số {i}." for i in range(1, 13)]
NOTE_REF = "Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính phủ"
NOTE_DUE = "Các sở báo cáo kết quả trước ngày 15/12/2025."


def _pdf(path, *, rule: bool = True, marked: bool = True):
    """A page as Word prints footnotes: raised small markers in the body, a short rule, the notes below it in a
    smaller font, each opening with its own raised marker; a second page with <sup> markers set by HTML."""
    import pymupdf

    pdf = pymupdf.open()
    page = pdf.new_page()
    font = pymupdf.Font(fontfile=FONT)

    def put(x, y, text, size=13.0):
        page.insert_text((x, y), text, fontsize=size, fontname="kh", fontfile=FONT)
        return x + font.text_length(text, size)

    x = put(85, 90, "Căn cứ Luật Bình đẳng giới")
    put(x + 0.5, 84, "1", 8)
    x = put(85, 110, "Kế hoạch thực hiện Chiến lược đến năm 2025")
    put(x + 0.5, 104, "2", 8)
    put(x + 6, 110, " của tỉnh, diện tích 500 m")
    put(x + 6 + font.text_length(" của tỉnh, diện tích 500 m", 13) + 0.3, 104, "2", 8)
    for i, line in enumerate(BODY):
        put(85, 150 + 20 * i, line)
    if rule:
        page.draw_line((85, 690), (230, 690), width=0.5)
    for y, marker, text in ((704, "1", "Luật số 73/2006/QH11 ngày 29/11/2006."), (722, "2", NOTE_REF + ".")):
        if marked:
            put(85, y - 4, marker, 7)
            put(90, y, text, 10)
        else:
            put(85, y, f"{marker} {text}", 10)
    put(90, 734, NOTE_DUE, 10)
    second = pdf.new_page()
    second.insert_htmlbox(pymupdf.Rect(85, 80, 500, 200),
                          "<p style='font-family:serif;font-size:13pt'>Đến năm 2030<sup>3</sup> hoàn thành; Luật<sup>4</sup> mới.</p>")
    pdf.save(path)
    return path


def test_pdf_markers_are_not_glued_and_notes_leave_the_body(tmp_path):
    doc = read(_pdf(tmp_path / "notes.pdf"), options=ReadOptions(check_language=False))
    assert "năm 2025 của tỉnh" in doc.text and "20252" not in doc.text
    assert "Luật Bình đẳng giới\n" in doc.text and "giới1" not in doc.text
    assert "năm 2030 hoàn thành; Luật mới." in doc.text  # <sup> set by HTML: the superscript flag
    assert "500 m²" in doc.text  # a raised 2 after a unit is a power, not a footnote
    assert "2232" not in doc.text and "73/2006" not in doc.text  # the notes are not read into the body
    notes = [(f.marker, f.text, f.page) for f in doc.footnotes]
    assert notes[:2] == [("1", "Luật số 73/2006/QH11 ngày 29/11/2006.", 1), ("2", f"{NOTE_REF}. {NOTE_DUE}", 1)]
    assert [(f.marker, f.text, f.page) for f in doc.footnotes[2:]] == [("3", "", 2), ("4", "", 2)]
    first = doc.footnotes[0]
    assert doc.text[: first.offset] == "Căn cứ Luật Bình đẳng giới"  # the marker's place, after the word it marks
    assert "[2]" in doc.raw_text and "20252" not in doc.raw_text


def test_pdf_plain_numbered_notes_under_a_rule(tmp_path):
    """Notes numbered at their own size ("2 Quyết định …") are footnotes when a short rule sets them apart."""
    doc = read(_pdf(tmp_path / "plain.pdf", marked=False), options=ReadOptions(check_language=False))
    assert "2232" not in doc.text
    assert any(f.text.startswith("Quyết định số 2232") for f in doc.footnotes)


def test_a_footnote_that_runs_on_under_the_next_pages_rule(tmp_path):
    import pymupdf

    pdf = pymupdf.open()
    font = pymupdf.Font(fontfile=FONT)
    for number in (1, 2):
        page = pdf.new_page()
        for i, line in enumerate(BODY):
            page.insert_text((85, 100 + 20 * i), line, fontsize=13, fontname="kh", fontfile=FONT)
        if number == 1:
            page.insert_text((85 + font.text_length(BODY[-1], 13) + 0.5, 314), "1", fontsize=8, fontname="kh", fontfile=FONT)
        page.draw_line((85, 700), (230, 700), width=0.5)
        if number == 1:
            page.insert_text((85, 710), "1", fontsize=7, fontname="kh", fontfile=FONT)
        note = "Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng" if number == 1 else "Chính phủ phê duyệt Chiến lược."
        page.insert_text((90, 714), note, fontsize=10, fontname="kh", fontfile=FONT)
    path = tmp_path / "runs_on.pdf"
    pdf.save(path)
    doc = read(path, options=ReadOptions(check_language=False))
    assert "Chiến lược" not in doc.text and "2232" not in doc.text
    assert [(f.marker, f.text, f.page) for f in doc.footnotes] == [
        ("1", "Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính phủ phê duyệt Chiến lược.", 1)]
    assert doc.text[: doc.footnotes[0].offset].endswith("nội dung số 12.")


def test_small_print_at_the_foot_without_a_marker_stays_body(tmp_path):
    """A list set small at the foot of the last page ("Nơi nhận:") opens with no marker: it is the letter's, not
    a footnote."""
    import pymupdf

    pdf = pymupdf.open()
    page = pdf.new_page()
    for i, line in enumerate(BODY):
        page.insert_text((85, 100 + 20 * i), line, fontsize=13, fontname="kh", fontfile=FONT)
    page.draw_line((85, 690), (230, 690), width=0.5)
    for i, line in enumerate(["Nơi nhận:", "- Như trên;", "- Lưu: VT."]):
        page.insert_text((85, 704 + 12 * i), line, fontsize=10, fontname="kh", fontfile=FONT)
    path = tmp_path / "letter.pdf"
    pdf.save(path)
    doc = read(path, options=ReadOptions(check_language=False))
    assert "Nơi nhận:" in doc.text and "Lưu: VT." in doc.text and doc.footnotes == []


def test_a_reference_and_a_deadline_in_a_footnote_are_found(tmp_path):
    plan = extract(read(_pdf(tmp_path / "notes.pdf"), options=ReadOptions(check_language=False)))
    by_key = {r.key: r for r in plan.legal_refs}
    ref = by_key["2232/QĐ-TTg"]
    assert ref.footnote == "2" and ref.issued_date == "2020-12-28" and ref.issuer == "Thủ tướng Chính phủ"
    at = plan.document.footnotes[1].offset
    assert ref.span == (at, at)  # placed where the footnote's marker stands in the body
    assert by_key["73/2006/QH11"].footnote == "1" and by_key["Luật Bình đẳng giới"].footnote is None
    dates = {d.date: d for d in plan.deadlines}
    assert dates["2025-12-15"].footnote == "2"
    assert "2020-12-28" not in dates  # the issue date of the document the footnote cites is no deadline
    record = plan.to_dict()
    assert record["footnotes"][1] == {"marker": "2", "text": f"{NOTE_REF}. {NOTE_DUE}", "page": 1, "offset": at}


def _docx(path, body, notes):
    """A Word file whose paragraphs are runs (text, kind): kind None, "sup" (a superscript typed by hand) or
    "ref:ID" (a real footnote reference); `notes` becomes the package's word/footnotes.xml."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    for runs in body:
        p = d.add_paragraph()
        for text, kind in runs:
            if kind and kind.startswith("ref:"):
                r = p.add_run()
                r.font.superscript = True
                ref = OxmlElement("w:footnoteReference")
                ref.set(qn("w:id"), kind[4:])
                r._r.append(ref)
            else:
                p.add_run(text).font.superscript = kind == "sup"
    buf = io.BytesIO()
    d.save(buf)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
    for note_id, text in notes.items():
        xml += (f'<w:footnote w:id="{note_id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/>'
                f'</w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>')
    xml += "</w:footnotes>"
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            out.writestr(item, data)
        out.writestr("word/footnotes.xml", xml.encode())
    return path


DOCX_BODY = [
    [("Căn cứ Luật Bình đẳng giới", None), ("1", "sup"), ("; diện tích 500 m", None), ("2", "sup"), (".", None)],
    [("Kế hoạch thực hiện đến năm 2025", None), ("", "ref:7"), (" của Ủy ban nhân dân tỉnh.", None)],
    [("Sở Y tế chủ trì thực hiện Chiến lược", None), ("", "ref:9"), (".", None)],
]
DOCX_NOTES = {7: NOTE_REF + " phê duyệt Chiến lược quốc gia.", 9: NOTE_DUE}


def test_docx_superscripts_and_footnote_part(tmp_path):
    doc = read(_docx(tmp_path / "notes.docx", DOCX_BODY, DOCX_NOTES), options=ReadOptions(check_language=False))
    lines = doc.text.split("\n")
    assert lines[:3] == ["Căn cứ Luật Bình đẳng giới; diện tích 500 m².", "Kế hoạch thực hiện đến năm 2025 của Ủy ban nhân dân tỉnh.",
                         "Sở Y tế chủ trì thực hiện Chiến lược."]
    assert "2232" not in doc.text and "15/12/2025" not in doc.text
    # Word numbers its references 1, 2 … in order: the typed superscript "1" has no text in the footnotes part
    assert [(f.marker, f.text, f.page) for f in doc.footnotes] == [
        ("1", "", None), ("1", DOCX_NOTES[7], None), ("2", NOTE_DUE, None)]
    assert doc.text[: doc.footnotes[1].offset].endswith("năm 2025")


def test_docx_footnote_reference_found_and_in_the_json(tmp_path):
    from click.testing import CliRunner

    from kehoach.cli.app import cli

    path = _docx(tmp_path / "notes.docx", DOCX_BODY, DOCX_NOTES)
    result = CliRunner().invoke(cli, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    ref = next(r for r in record["legal_refs"] if r["key"] == "2232/QĐ-TTg")
    assert ref["footnote"] == "1" and ref["issued_date"] == "2020-12-28"
    assert [(f["marker"], f["text"]) for f in record["footnotes"] if f["text"]] == [("1", DOCX_NOTES[7]), ("2", NOTE_DUE)]
    assert any(d["date"] == "2025-12-15" and d["footnote"] == "2" for d in record["deadlines"])


@pytest.mark.parametrize("name", ["000_cd3a10cc7c8fb063", "004_28c2f7b1913e88ac"])
@pytest.mark.parametrize("ext", [".pdf", ".docx"])
def test_corpus_renderings_have_no_footnotes(corpus_dir, name, ext):
    """The corpus renderings have none: no body line is taken for a footnote, no number for a marker."""
    assert read(corpus_dir / f"{name}{ext}").footnotes == []


def test_marks_leave_the_text_with_their_offsets():
    text = "năm 2025" + mark("2") + " của tỉnh; Luật " + mark("1", "7") + " mới" + mark("12") + "."
    clean, marks = strip_marks(text)
    assert clean == "năm 2025 của tỉnh; Luật mới."
    assert marks == [("2", None, 8), ("1", "7", 23), ("12", None, 27)]
    assert show_marks(text) == "năm 2025[2] của tỉnh; Luật [1] mới[12]."
