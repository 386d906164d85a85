"""Document metadata: type, number, issuer, place, dates, title, signer.

Why so many fallbacks: the header of a Vietnamese administrative document
is a two-column table (issuer left, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
right) that every conversion flattens differently — in either order, glued
together, split by "|", or dropped altogether. Each field is therefore read
from the first place that states it, and left null when none does.
"""

from __future__ import annotations

import re

from kehoach.corpus.layout import SITE_LINE, opens_paragraph
from kehoach.corpus.normalise import fold_keep
from kehoach.data import load
from kehoach.extract.dates import issued
from kehoach.extract.places import canonical_province, districts, find_district, province_names, province_of_district
from kehoach.extract.refs import _type_from_symbol, legal_data
from kehoach.model import Document, Metadata

_LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# the number ends where the place begins ("Số: 1458/UBND-VX1 Hà Tĩnh, ngày …", glued or not), at a "|", a
# line end, "V/v", "ngày", or a character no symbol holds ("VX¿"); a capital inside the symbol ("TTr",
# "SLĐTBXH") is no place
# (the Prime Minister's code "TTg" ends in a lower-case letter: "224/CĐ-TTg" is not "224/CĐ-T" before a name "Tg")
_SO = re.compile(r"(?:Số|(?<![\w])(?:Sô|Só|Sồ|S\s+ố|X\s?ố))\s*[:.]?\s*(?P<num>[A-Z]?\d{1,5}[a-z]?\s*(?:/\s*\d{4}\s*)?(?:-\s*[A-ZĐ]{1,4}\s*)?/\s*[A-ZĐ][A-Za-zĐđ0-9&.\- ]*?)"
                 rf"(?=\s*(?:\||$|(?<!T)(?!Tg\b)[A-ZĐÀ-Ỹ][{_LOWER}]+(?=[\s,])|,|\n|V/v|v/v|ngày)|[^\w\s&./-])", re.M)
_PLACE_DATE = re.compile(r"(?P<place>[A-ZĐÀ-Ỹ][^\n,|]{1,40}?)\s*,\s*ngày\s*(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})", re.I)
_YEAR = re.compile(r"(?<!đến )(?<!tới )(?<!vọng )năm\s+((?:19|20)\d{2})(?!\s*[-–—]\s*(?:19|20)\d{2})", re.I)
_PERIOD = re.compile(r"(?:giai\s+đoạn|thời\s+kỳ|năm)\s+((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})", re.I)


def plan_year(title: str | None, issued_year: int | None, *, plan: bool = True) -> int | None:
    """The year a plan covers: "… năm 2023" in its title, else the year it was issued.

    "đến năm 2030" and "tầm nhìn đến năm 2045" are horizons, not the plan's
    year; a plan for a period ("giai đoạn 2021 - 2025") covers the year it was
    issued when that falls inside the period, else the period's first year. A
    document that is no plan (plan=False: a notice, a letter) only names the
    period or the year it speaks of ("Kết luận … về Chương trình … giai đoạn
    2026-2035", "V/v lập kế hoạch sử dụng đất năm 2023"): its year is the
    issue year.
    """
    if not plan and issued_year:
        return issued_year  # a letter about "kế hoạch sử dụng đất năm 2023", sent in 2022, is of 2022
    years = [int(y) for y in _YEAR.findall(title or "")]
    if years and not (issued_year and years[-1] < issued_year - 1):
        return years[-1]  # a year two or more before the issue is a cited document's ("… Nghị quyết … năm 2023")
    period = _PERIOD.search(title or "") if plan else None
    if period and not (issued_year and int(period.group(1)) <= issued_year <= int(period.group(2))):
        return int(period.group(1))
    return issued_year


# the document types a title line may name, and the signature titles with how they are written in a record
# (legal.json "title_types", "signature_titles")
_TITLE_TYPES = load("legal")["title_types"]
_NOT_PLANS = tuple(load("legal")["not_plan_types"])  # they speak of a period, they cover none
# a letter's subject line: "V/v …", in the copy's italics ("*V/v"), or on the number's line ("Số: 5387/CT-CS v/v …")
_VV = re.compile(r"(?:^[\s*_]*|\s)V/v\b", re.M | re.I)
_VV_SUBJECT = re.compile(_VV.pattern + r"\s*[:.]?\s*(.+)$", _VV.flags)
_SIGN_TITLES = [tuple(pair) for pair in load("legal")["signature_titles"]]
_SIGN_TITLE_ALTS = "|".join(re.escape(w) for w, _ in _SIGN_TITLES)  # "- BCĐ 138 tỉnh (b/c); TRƯỞNG BAN": the title ends a line
# each "PHÓ …" title stands before the title it ends with: the first that a signature line ends with is its title
_HEADER_END = re.compile(r"^(?:I|1)\s*[.)]\s|^Căn cứ|^Thực hiện|^Kính gửi|^Điều 1", re.M)


_MOTTO = re.compile(r"C[ỘO]NG\s*H[ÒO]A\s*X[ÃA]\s*H[ỘO]I\s*CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM", re.I)


_DOCUMENT_PARTS = re.compile(r"^\W*(?:QUYẾT ĐỊNH|KẾ HOẠCH|Căn cứ|Điều \d|Nơi nhận|Kính gửi|[IVX]+\.\s)", re.M)


def document_start(text: str) -> int:
    """Where the document's own header begins: 0, unless a web page put something before it.

    Legal-document sites print a list of related documents, a metadata block
    or their navigation above the document ("- 1Luật Bình đẳng giới 2006 …").
    None of it is the document: the header starts at the issuer's lines just
    above the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
    """
    m = _MOTTO.search(text, 0, 12000)
    if m is None or _DOCUMENT_PARTS.search(text, 0, m.start()):
        return 0  # no motto, or a document before it: a decision whose plan has the header
    start = text.rfind("\n", 0, m.start()) + 1
    for _ in range(6):  # back over the issuer's capital lines, rules and the "Số:" line
        if start == 0:
            return 0
        prev = text.rfind("\n", 0, start - 1) + 1
        line = text[prev : start - 1].strip(" |*")
        letters = [c for c in line if c.isalpha()]
        if letters and not (len(line) <= 80 and (all(c.isupper() for c in letters) or line.startswith("Số"))):
            break
        start = prev
    return start


def document_end(text: str) -> int:
    """Where the document ends: the end of the text, unless a web page goes on after it.

    A legal-document site prints "Văn bản gốc | Tải về", "Bài viết liên quan"
    and a list of other documents below the signature: not the plan's.
    """

    markers = load("sections")["web_page_end"]
    signature = max(text.rfind("Nơi nhận"), text.rfind("KT. CHỦ TỊCH"), text.rfind("TM. "))
    if signature < 0:
        return len(text)
    pos = text.find("\n", signature)
    while 0 <= pos < len(text):
        nxt = text.find("\n", pos + 1)
        line = text[pos + 1 : nxt if nxt >= 0 else len(text)].strip(" |")
        if len(line) < 60 and any(" ".join(fold_keep(line).split()).startswith(" ".join(fold_keep(m).split())) for m in markers) \
                or SITE_LINE.match(line):  # (the site's title again: "Quyết định 612/QĐ-UBND năm 2023 ban hành …")
            return pos + 1
        pos = nxt
    return len(text)


_MOTTO_WORDS = re.compile(_MOTTO.pattern + r"|Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc", re.I)  # the motto, both lines


def _issuing_department(text: str, start: int) -> str | None:
    """The body that issued the document when it is not a People's Committee: the capital line of the
    letterhead under "UBND TỈNH …" that names a department ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")."""
    from kehoach.extract.agencies import lookup

    motto = _MOTTO.search(text, start, start + 3000)
    block = text[start : motto.start() if motto else start + 300]
    if motto is not None and "\n" not in block.strip():
        # a copy that flattened the two columns: "UBND TỈNH ĐẮK NÔNG CỘNG HÒA …" / "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG Độc
        # lập - Tự do - Hạnh phúc": the letterhead's lines to the number's, without the motto's
        number = re.search(r"(?m)^[\s|*]*Số\b", text[start : start + 600])
        block = _MOTTO_WORDS.sub("", text[start : start + (number.start() if number else 300)])
    lines = [line.strip(" |*") for line in block.split("\n")[:5]]
    for line, nxt in zip(lines, lines[1:] + [""]):
        if line.isupper() and re.match(r"(SỞ|BAN|BCH|PHÒNG|HỘI|CÔNG AN|BỘ CHỈ HUY|ĐÀI|CỤC|THANH TRA|VĂN PHÒNG|TỈNH ĐOÀN|THÀNH ĐOÀN)\b", line):
            # "SỞ THÔNG TIN VÀ TRUYỀN" / "THÔNG": a name the copy wrapped is read whole first
            place = nxt.lower().startswith(tuple(w + " " for w in load("legal")["central_letterheads"]["local_words"]))
            wrapped = nxt.isupper() and nxt[:1].isalpha() and not place  # (a next line "TỈNH …" is the place)
            for name in ([line + " " + nxt] if wrapped else []) + [line]:
                agency = lookup(name.title(), default_level="province")
                if agency is not None and not agency.key.startswith("hoi-dong-nhan-dan"):  # a council: _COUNCIL's
                    return agency.name
    return None


def _central_letterhead(text: str, start: int) -> bool:
    """A central body's letterhead ("VĂN PHÒNG CHÍNH PHỦ", "BỘ TÀI CHÍNH / CỤC THUẾ"): its place line ("Hà Nội,
    ngày …") is where it sits, not a province it governs."""
    motto = _MOTTO.search(text, start, start + 3000)
    if motto is None:
        return False
    rules = load("legal")["central_letterheads"]
    head = text[start : motto.start()].replace("*", " ").replace("|", " ")
    block = " ".join(fold_keep(head).split()) + " "
    local = re.search(r"(?<!\w)(?:" + "|".join(rules["local_words"]) + r")(?!\w)", " ".join(head.lower().split()))
    return block.startswith(tuple(rules["opens"])) and local is None


def _header(text: str) -> str:
    m = _HEADER_END.search(text)
    end = m.start() if m and m.start() > 40 else min(len(text), 1500)
    return text[: min(end, 2500)]


def _title_case(doc_type: str) -> str:
    return doc_type[0] + doc_type[1:].lower()


def _doc_type(header: str, number: str | None) -> tuple[str | None, int | None]:
    """(type, offset of its title line) from a title line, else from the number's symbol."""
    lines = list(re.finditer(r"^(.*)$", header, re.M))
    for k, m in enumerate(lines):
        line = m.group(1).strip(" |*")
        wrapped = line + " " + lines[k + 1].group(1).strip(" |*") if k + 1 < len(lines) and line.isupper() else ""
        if wrapped in _TITLE_TYPES:  # "QUYẾT" / "ĐỊNH": a web copy wrapped the type's two words
            return _title_case(wrapped), lines[k + 1].start()
        for t in _TITLE_TYPES:
            if line == t or line.startswith(t + " ") and line[len(t) + 1 : len(t) + 2].isupper() or re.match(re.escape(t) + r"(?=[^\s])", line) and not line[len(t)].isalpha():
                return _title_case(t), m.start()
            if "|" in m.group(1) and re.search(r"\|\s*" + re.escape(t) + r"\s*(\||$)", m.group(1)):
                return _title_case(t), m.start()
    # no title line: a "V/v …" line makes it a letter, whatever its symbol's first code says ("5363/CT-CS" is
    # Cục Thuế's letter, no Chỉ thị: a directive prints "CHỈ THỊ" above its title)
    # "*V/v\nChính sách thuế TNCN*" in the copy's italics, "Số: 5387/CT-CS v/v trả lời …" on the number's line
    if _VV.search(header):
        return "Công văn", None
    if number:
        symbol = number.split("/")[-1]
        dt = _type_from_symbol(symbol)
        if dt:
            return dt, None
    return None, None


def _title(text: str, type_at: int | None, doc_type: str | None) -> str | None:
    if type_at is None:
        m = _VV_SUBJECT.search(text[:2500])
        return " ".join(m.group(1).strip(" *_").split()) if m else None
    lines = text[type_at:].split("\n")[1:4]
    title = []
    for i, line in enumerate(lines):
        line = line.strip()
        stops = ("(", "CHỦ TỊCH", "ỦY BAN", "I.", "Số") + (("Căn cứ", "Thực hiện") if i else ())
        if not line or line.startswith(stops) or re.match(r"^[IVX]+\.", line) or opens_paragraph(line):
            break
        if title and (len(line) > 200 and not line.isupper() or title[0].isupper() != line.isupper() and not line[:1].islower()):
            break  # the body begins: a capitals title never goes on in sentence case
        title.append(line)
        if len(" ".join(title)) > 60:
            break
    return " ".join(title) or None


def _number(header: str) -> tuple[str | None, int | None]:
    m = _SO.search(header)
    if not m:
        return None, None
    num = re.sub(r"\s+", "", m.group("num")).rstrip(".-")
    return num, m.start("num")


_TITLE_THEN_NAME = re.compile(rf"^((?:KT\.|TM\.|Q\.|[A-ZĐÀ-Ỹ ])*(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|BÍ THƯ|CHÁNH VĂN PHÒNG))\s+"
                              rf"([A-ZĐÀ-Ỹ][{_LOWER}]+(?:\s+[A-ZĐÀ-Ỹ][{_LOWER}]+){{1,4}})$")


_SURNAMES = frozenset(load("legal")["surnames"])  # a signer's name cut after the surname
_SITE_SIGNER = re.compile(r"Người ký:\s*\|?\s*([A-ZĐÀ-Ỹ][a-zđà-ỹ]+(?:[ ]+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){1,4})(?![ ]*[a-zđà-ỹ])")


def _signer(text: str) -> tuple[str | None, str | None]:
    """The first signature block: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name", or a bare name after "Nơi nhận"."""
    lines = []
    for line in text.split("\n"):  # a web page's "|" row holds the list and the signature side by side
        for cell in line.split("|"):
            cell = cell.strip()
            m = _TITLE_THEN_NAME.match(cell)  # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nông Thị Thu Hằng" on one line
            lines += [m.group(1), m.group(2)] if m else [cell]
    start = next((i for i, ln in enumerate(lines) if re.match(r"^\s*(Nơi nhận|TM\.|KT\.)", ln)), None)
    if start is None:
        return None, None
    title = None
    provinces = set(province_names())
    window = lines[start : start + 40]
    for k, ln in enumerate(window):
        s = ln.strip(" .|;,")
        if s in _SURNAMES and k + 1 < len(window) and re.match(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]+(?:\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){0,3}$", window[k + 1].strip(" .|;,")):
            return s + " " + window[k + 1].strip(" .|;,"), title  # "Nguyễn" / "Văn Khởi": a name cut by the page
        glued = next((w for w, _ in _SIGN_TITLES if s.startswith(w + " ") and s[len(w) + 1 :] != s[len(w) + 1 :].upper()), None)
        if glued:  # "PHÓ CHỦ TỊCH Nguyễn Thị Thu": the title and the name on one line
            title, s = dict(_SIGN_TITLES)[glued], s[len(glued) :].strip()
        tail = re.search(r"(?:KT\.\s*|TM\.\s*)?(?:(?:PH[OÓ]\s+)?CH[UỦ]\s+T[IỊ]CH|" + _SIGN_TITLE_ALTS + r")\s*$", s)
        if tail and tail.start() > 0 and s[: tail.start()] != s[: tail.start()].upper():
            s = s[tail.start() :]  # "- Bộ Lao động (b/c); PHÓ CHỦ TỊCH": a copy read the two columns across
        upper = s.upper()
        if s and s == upper:
            title = _title_after([s]) or title
            continue
        glued_name = re.search(r"[;:]\s*([A-ZĐÀ-Ỹ][a-zđà-ỹ]+(?:\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){1,4})$", s) if title else None
        if glued_name and ln.lstrip().startswith("-"):
            # "- Trung tâm TT-CB-TH; : Đặng Quốc Vinh": a scan read the recipients and the signature across
            s = glued_name.group(1)
        s = _through_the_pen(s)
        words = s.split()
        if 2 <= len(words) <= 5 and all(w[0].isupper() and (w[1:].islower() or len(w) == 1) for w in words if w) \
                and s not in provinces and not re.search(r"\d|:|,", s):
            rest = window[k + 1 :]
            more = rest[0].strip(" .|;,*") if rest else ""
            if len(words) <= 4 and re.fullmatch(r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+", more) and more not in provinces:
                return s + " " + more, _title_after(rest[1:]) or title  # "Nguyễn Quỳnh" / "Thiện": a name the copy wrapped
            return s, _title_after(rest) or title  # (a recipients' line, "Giang, Cà Mau;", is no name)
    return None, title


def _through_the_pen(line: str) -> str:
    """A name a signature stroke crosses on a scan: the stroke is read as a stray letter glued before a word's
    capital ("Vương fQưốc Tuấn"), and the word under it with a wrong mark. Such a word loses the letter and is
    spelt as the corpus's syllable model most often spells those letters ("Quốc"); other words are left as read."""
    words = line.split()
    if not 2 <= len(words) <= 5 or not any(re.match(r"^[a-z][A-ZĐÀ-Ỹ]", w) and w[1].isupper() for w in words):
        return line
    from kehoach.corpus.normalise import fold
    from kehoach.corpus.ocr_fix import load_model

    model, out = load_model(), []
    for w in words:
        if re.match(r"^[a-z][A-ZĐÀ-Ỹ]", w) and w[1].isupper():
            w = w[1:]
            spellings = model.variants.get(fold(w.lower()), [])
            if spellings and w.lower() not in model.unigrams:
                best = max(spellings, key=lambda x: model.unigrams.get(x, 0))
                w = best[:1].upper() + best[1:]
        out.append(w)
    return " ".join(out)


def _title_after(lines: list[str]) -> str | None:
    """The signer's title on the line after the name: a scan may read the name, set left of the seal, before
    the title line it overlaps ("Đặng Quốc Vinh" / "PHÓ CHỦ TỊCH")."""
    s = lines[0].strip(" .|;,") if lines else ""
    if not s or s != s.upper():
        return None
    folded = " ".join(fold_keep(s).split())
    for word, display in _SIGN_TITLES:  # without diacritics: OCR reads "PHO CHỦ TỊCH", "PHÓ CHỦ TICH"
        if folded.endswith(" ".join(fold_keep(word).split())):
            return display
    return None


def _province(doc: Document, header: str, place: str | None) -> str | None:
    for source in (header, place or ""):
        m = re.search(r"(?:TỈNH|THÀNH PHỐ|tỉnh|thành phố|Tỉnh|Thành phố)\s+([^\n|,]+)", source)
        if m:
            p = canonical_province(m.group(1).title() if m.group(1).isupper() else m.group(1))
            if p:
                return p
    if place:
        p = canonical_province(place)
        if p:
            return p
    m = re.search(r"(?:tỉnh|Tỉnh|TỈNH|thành phố|Thành phố)\s+(?P<name>[A-ZĐÀ-Ỹ][^\s,;.]*(?:\s+[A-ZĐÀ-Ỹ][^\s,;.]*){0,3})", doc.text[:20000])
    if m and canonical_province(m.group("name")):
        return canonical_province(m.group("name"))
    # a commune's plan names its district ("Kế hoạch số 20/KH-UBND của UBND huyện Đức Hòa"): its province
    district = find_district(doc.text[:6000])
    return province_of_district(district) if district else None


def _level_and_district(doc: Document, header: str, province: str | None, title: str | None, place: str | None):
    # the letterhead: what stands above the number, not the title ("… TẠI CÁC SỞ, BAN, NGÀNH, ỦY BAN NHÂN DÂN
    # XÃ, PHƯỜNG, ĐẶC KHU …" is a city's decision about its communes)
    number_line = re.search(r"(?m)^[\s|*]*Số\s*:", header)
    # (a PDF copy flattens the letterhead beside the motto: "ỦY BAN NHÂN DÂN CỘNG HÒA …" / "XÃ ĐỒNG LỘC Độc lập …")
    folded_header = " ".join(fold_keep(_MOTTO_WORDS.sub(" ", header[: number_line.start()] if number_line
                                                         and number_line.start() > 20 else header)).split())
    if re.search(r"\b(?:uy ban nhan dan|ubnd)\s+(?:xa|phuong|thi tran|dac khu)\s", folded_header):
        return "commune", None  # a commune's letterhead, whatever district shares the commune's name ("XÃ PHÚ LƯƠNG")
    text = doc.text[:6000]
    scope = " ".join(x for x in (header, title or "", place or "") if x)
    district = find_district(scope, province) or find_district(scope.title(), province)
    if district is None and place and province and canonical_province(place) != province:
        names = {d["name"] for d in districts(province)}
        if place.strip() in names:
            district = place.strip()
    issued_by_district = re.search(r"(?:Ủy ban nhân dân|UBND|Uỷ ban nhân dân)\s+(?:huyện|thị xã|quận)\b(?!\s+[A-ZĐ][^\n]*các)", text) and not re.search(r"(?:Ủy ban nhân dân|UBND)\s+tỉnh\s+ban hành", text)
    # a province's letterhead ("UBND TỈNH VĨNH PHÚC" over "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG") is no district's, whatever its
    # text asks of "UBND huyện" and whatever its subject says of "cấp huyện"
    provincial = re.search(r"\b(?:uy ban nhan dan|ubnd) (?:tinh|thanh pho)\b", folded_header) and not re.search(
        r"\b(?:uy ban nhan dan|ubnd) (?:huyen|thi xa|quan)\b", folded_header)
    issued_by_district = issued_by_district and not provincial
    if district or "uy ban nhan dan huyen" in folded_header or issued_by_district and re.search(
            r"(?<![a-z])huyen(?![a-z])", " ".join(fold_keep(title or "").split())):  # ("chuyển đổi" holds "huyen")
        if district is None:
            m = re.search(r"\b(?:huyện|thị xã|quận)\s+([A-ZĐÀ-Ỹ][^\s,;.]*(?:\s+[A-ZĐÀ-Ỹ][^\s,;.]*){0,2})", scope + "\n" + text)
            district = m.group(1) if m else None
        return "district", district
    if re.search(r"\b(?:uy ban nhan dan|ubnd)\s+(?:xa|phuong|thi tran)\s", folded_header):
        return "commune", None
    if province:
        return "province", None
    if re.search(r"\b(BỘ|Bộ|CHÍNH PHỦ|THỦ TƯỚNG)\b", header[:300]):
        return "central", None
    return None, None


def _local_issuer(meta: Metadata, text: str, start: int, header: str) -> str | None:
    """Who issued a local document: a department, a commune's or a district's People's Committee, a council (its
    resolutions give the People's Committee work), else the provincial People's Committee."""
    kind = "thành phố" if meta.province in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế") else "tỉnh"
    department = _issuing_department(text, start)
    commune = re.search(r"^\s*(XÃ|PHƯỜNG|THỊ TRẤN)\s+([^\n|]{2,40}?)\s*$", _MOTTO_WORDS.sub("", header), re.M) \
        if meta.level == "commune" else None
    if department and meta.province:
        if department.startswith(("Tỉnh", "Thành")):  # "Tỉnh đoàn Lạng Sơn", not "Tỉnh đoàn tỉnh Lạng Sơn"
            return f"{department} {meta.province}"
        return f"{department} {kind} {meta.province}"  # a plan of a department, not of the People's Committee
    if commune:
        return f"UBND {commune.group(1).lower()} {commune.group(2).title()}"
    if meta.level == "district" and meta.district:
        return f"UBND huyện {meta.district}"
    if meta.province and _COUNCIL.search(text[start : start + 400] + " " + (meta.number or "")):
        return f"HĐND {kind} {meta.province}"  # a council's resolution: the People's Committee is given work
    if meta.province:
        return f"UBND {kind} {meta.province}"
    return None


_COUNCIL = re.compile(r"H[ỘộO]I\W+[ĐđD][ỒồO]NG\W+NH[ÂâA]N\W+D[ÂâA]N|-HĐND\b")


def extract_metadata(doc: Document) -> Metadata:
    """Every metadata field the document states; null where it does not."""
    text = doc.text
    header = _header(text)
    meta = Metadata()
    meta.number, number_at = _number(header)
    meta.doc_type, type_at = _doc_type(header, meta.number)
    meta.title = _title(text, type_at, meta.doc_type)
    pd = _PLACE_DATE.search(header) or _PLACE_DATE.search(text[:3000])
    place = None
    if pd:
        place = pd.group("place").strip(" |*")
        meta.issued_date = issued(pd.group(0))
    start = document_start(text)
    if _central_letterhead(text, start):
        meta.level = "central"  # the issuer its number's code names ("634/TB-VPCP"), if a known one
        meta.issuer = legal_data()["issuers"].get(meta.number.rpartition("-")[2]) if meta.number and "-" in meta.number else None
    else:
        meta.province = _province(doc, header, place)
        # the letterhead names a district; the text under the title ("… tại các huyện Bình Sơn, Tư Nghĩa …") does not
        above = header[:type_at] if type_at else header
        meta.level, meta.district = _level_and_district(doc, above, meta.province, meta.title, place)
        former = load("places").get("names_until", {}).get(meta.province or "")
        if former and meta.issued_date and meta.issued_date < former[1]:
            meta.province = former[0]  # "Thừa Thiên Huế" until 2025: the name the document was issued under
    meta.issuer = _local_issuer(meta, text, start, header) or meta.issuer
    meta.year = plan_year(meta.title, int(meta.issued_date[:4]) if meta.issued_date else None,
                          plan=meta.doc_type not in _NOT_PLANS)
    meta.signer, meta.signer_title = _signer(text)
    if meta.signer is None and (site := _SITE_SIGNER.search(doc.text)):
        meta.signer = site.group(1)  # the legal-document site's own "Người ký:" field, where the copy lost the name
    if meta.number is None and meta.doc_type:
        # a decision or plan whose own header was lost: its annex says "(Kèm theo Quyết định số 373/QĐ-UBND ngày …)"
        m = re.search(r"Kèm theo\s+" + re.escape(meta.doc_type) + r"\s+số\s*:?\s*([A-Z]?\d{1,5}\s*/\s*[A-ZĐ][A-Za-zĐđ0-9&.\-]*)([^)\n]{0,40})", text)
        if m:
            meta.number = re.sub(r"\s+", "", m.group(1)).rstrip(".-")
            number_at = m.start(1)
            meta.issued_date = meta.issued_date or issued(m.group(2))
    start = document_start(text)
    if start:
        meta.extra["header_start"] = start
    end = document_end(text)
    if end < len(text):
        meta.extra["document_end"] = end
    if number_at is not None:
        meta.extra["number_span"] = [number_at, number_at + len(meta.number)]
    from kehoach.extract.places import after_2025

    meta.extra["province_2025"] = after_2025(meta.province)
    if meta.doc_type == "Quyết định":
        m = re.search(r"^(KẾ HOẠCH|CHƯƠNG TRÌNH|ĐỀ ÁN)\s*\n(.+)$", text, re.M)
        if m:
            meta.extra["plan_title"] = " ".join(m.group(2).split("(Kèm theo")[0].split())
            meta.year = plan_year(meta.extra["plan_title"], meta.year)
    return meta


__all__ = ["extract_metadata", "legal_data"]
