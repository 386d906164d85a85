"""Legal references: the documents a plan cites.

Numbered documents are found by their number/symbol ("2232/QĐ-TTg",
"191/2009/TT-BTC", "37-CT/TW"), wherever they stand — after "Quyết định
số", in a footnote, or bare — and typed from the words before them or, when
there are none, from the code in the symbol. Named laws ("Luật Bình đẳng
giới") are found by "Luật"/"Bộ luật" and a name from data/legal.json, or a
capitalised name up to the first word that cannot belong to one.

Each cited document appears once, with every place it is cited
(`citations`), and a corpus-wide `identity` so that the same document cited
by many plans is one node in the store.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kehoach.corpus.normalise import fold_keep
from kehoach.data import load
from kehoach.extract.dates import match_date
from kehoach.model import Document, LegalRef, Metadata


@lru_cache(maxsize=1)
def legal_data() -> dict:
    return load("legal")


_NUMBER = re.compile(
    r"(?<![\w/])(?P<num>[A-Z]?\d{1,5}[a-z]?)\s*(?:/\s*(?P<year>(?:19|20)\d{2}))?\s*/\s*"
    r"(?P<sym>[A-ZĐ][A-Za-zĐđ0-9&.\-]*(?:(?<=-)[ ](?=[A-ZĐ])[A-Za-zĐđ0-9&.\-]*[A-Za-zĐđ0-9]"  # "QĐ- TTg": a space after the hyphen
    r"|(?<=BCĐ)[ ]\d{2,3}/[A-ZĐ][A-Za-zĐđ0-9&.\-]*[A-Za-zĐđ0-9]"  # "425/BCĐ 138/CP-VPTT": the Ban Chỉ đạo 138/CP's office
    r"|[ ]-[ ]?[A-ZĐ]{2}[A-Za-zĐđ0-9&.\-]*[A-Za-zĐđ0-9]"  # "4796/LĐTBXH - BĐG": spaces around the hyphen
    r"|(?<=BCĐ138)/CP"  # "09/KH-BCĐ138/CP": the Ban Chỉ đạo 138/CP, its "/" inside the symbol
    r"|[ ](?=[A-ZĐ]{2,})[A-ZĐ0-9&.\-]*[A-ZĐ0-9](?![A-ZĐÀ-Ỹ]))?)"
)
_PARTY = re.compile(r"(?<![\w/])(?P<num>\d{1,4})\s*-\s*(?P<code>[A-ZĐ][A-Za-zĐ]{0,4})\s*/\s*"
                    r"(?P<org>[A-ZĐ][A-ZĐa-z]{0,6}(?:-[A-ZĐ][A-ZĐa-z0-9]{1,8})*)(?![\w])")  # "87-KH/TĐTN-CTTN": a Đoàn's unit
_DATE_AFTER = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s*", re.I)
_ISSUER = re.compile(r"\s*(?:của|do)\s+(?P<issuer>[^,;.()]{3,90}?)(?=\s+(?:về|ban hành|phê duyệt|quy định|hướng dẫn|thực hiện|triển khai|sửa đổi|tiếp tục|xử phạt|quy chế|v/v)\b|[,;.():]|$)", re.I)


def _doc_type_before(text: str, start: int) -> tuple[str | None, int]:
    """The document type printed just before a number ("Quyết định số "), and where it starts."""
    window = text[max(0, start - 40) : start]
    best = None
    for dt in legal_data()["doc_types"]:
        m = re.search(re.escape(dt) + r"\s*(?:số|số:|Số)?\s*:?\s*$", window, re.I)
        if m and (best is None or m.start() < best[1]):
            best = (dt, m.start())
    if best is None:
        m = re.search(r"(?:số|Số)\s*:?\s*$", window)
        return None, start - (len(window) - m.start()) if m else start
    dt = legal_data()["type_aliases"].get(best[0], best[0])
    return dt, start - (len(window) - best[1])


def _type_from_symbol(symbol: str) -> str | None:
    codes = legal_data()["type_codes"]
    head = symbol.split("-")[0]
    if head in codes:
        return codes[head]
    if head.upper() in legal_data()["letter_issuer_codes"] or "-" in symbol and head.isupper():
        return "Công văn"
    return None


def _issuer_from_symbol(symbol: str) -> str | None:
    issuers = legal_data()["issuers"]
    for part in reversed(re.split(r"[-/]", symbol)):
        if part in issuers:
            return issuers[part]
    return None


def _after(text: str, end: int) -> tuple[str | None, str | None, int]:
    """(issued date, issuer, end) read after a number."""
    date_iso, issuer = None, None
    m = _DATE_AFTER.match(text, end)
    if m:
        found = match_date(text, m.end())
        if found and found.year:
            date_iso = found.iso()
            end = found.end
    m = _ISSUER.match(text, end)
    if m:
        issuer = " ".join(m.group("issuer").split())
        end = m.end("issuer")
    return date_iso, issuer, end


def _known_codes() -> set[str]:
    data = legal_data()
    return set(data["issuers"]) | set(data["type_codes"])


def clean_symbol(symbol: str, doc_type: str | None = None) -> str:
    """Spaces out ("LĐT BXH" -> "LĐTBXH"), and a letter OCR doubled taken out when that makes a known
    code ("LĐĐTBXH" -> "LĐTBXH"); a type code one letter off the code of the type printed before the number
    set right ("Tờ trình số 27/TIr-LĐTBXH" -> "27/TTr-LĐTBXH")."""
    symbol = symbol.replace(" ", "").rstrip(".-")
    known = _known_codes()
    parts = re.split(r"([-/])", symbol)
    if doc_type and parts and parts[0] not in known:
        from rapidfuzz.distance import Levenshtein

        codes = [c for c, t in legal_data()["type_codes"].items() if t == doc_type and len(c) >= 2]
        close = [c for c in codes if Levenshtein.distance(c, parts[0]) == 1 and len(c) == len(parts[0])]
        if len(close) == 1:
            parts[0] = close[0]
    if doc_type and len(parts) == 1 and parts[0] not in known:
        parts = _split_type_code(parts[0], doc_type)
    for i, part in enumerate(parts):
        if part in known or len(part) < 3:
            continue
        single = re.sub(r"(.)\1+", r"\1", part)  # "LĐĐĐTBXH" -> "LĐTBXH"
        if single in known:
            parts[i] = single
            continue
        for j in range(1, len(part)):
            if part[j] == part[j - 1] and part[:j] + part[j + 1 :] in known:
                parts[i] = part[:j] + part[j + 1 :]
                break
    return "".join(parts)


def _split_type_code(symbol: str, doc_type: str) -> list[str]:
    """A symbol whose hyphen a scan lost, in capitals ("CHỈ THỊ SỐ 32/CTTTG"): the printed type's code and an
    issuer's code ("CT" + "TTg"), put back with the hyphen; any other symbol as it is."""
    issuers = {c.upper(): c for c in legal_data()["issuers"]}
    for code, kind in legal_data()["type_codes"].items():
        if kind == doc_type and symbol.upper().startswith(code.upper()) and symbol[len(code) :].upper() in issuers:
            return [code, "-", issuers[symbol[len(code) :].upper()]]
    return [symbol]


def _key(number: str, year: str | None, symbol: str, doc_type: str | None = None) -> str:
    symbol = clean_symbol(symbol, doc_type)
    return f"{number}/{year}/{symbol}" if year else f"{number}/{symbol}"


def identity(key: str, issued_date: str | None) -> str:
    """One id for one document across the corpus: the folded key, and the year when known."""
    folded = "".join(fold_keep(key).split())
    year = (issued_date or "")[:4]
    return f"{folded}@{year}" if year and year not in key else folded


def _next_ground(words: str) -> bool:
    """Whether two words open the next legal ground ("Căn cứ", or a document type of legal.json other than a law:
    "Thông tư số …"): a law's name, joined to the next line, ends before them."""
    return words == "Căn cứ" or words in _other_types()


@lru_cache(maxsize=1)
def _other_types() -> frozenset[str]:
    return frozenset(t for t in legal_data()["doc_types"] if t not in ("Luật", "Bộ luật", "Hiến pháp"))


def _cited_by_number(text: str, ref: LegalRef) -> bool:
    """Whether a law named here is cited by its National Assembly number: right after its name ("Luật Đất đai số
    31/2024/QH15"), or at the end of the list of laws it is one of, in the same clause ("Luật Quản lý thuế, Luật
    Thuế thu nhập cá nhân, … số 56/2024/QH15": the title of the law amending them)."""
    if _LAW_NUMBER.match(text, ref.span[1]) or re.search(r"\bsố\s+\d+/\d{4}/", ref.key):
        return True
    clause = re.split(r"[;\n\t]|\.\s", text[ref.span[1] : ref.span[1] + 400], maxsplit=1)[0]
    m = re.search(r"(?:số\s*)?\d+\s*/\s*\d{4}\s*/\s*(?:UBTV)?QH\d+", clause)
    if not m:
        return False
    before = clause[: m.start()].lower()
    return not any(t.lower() in before for t in _other_types())  # else the number is another document's


_LAW_NUMBER = re.compile(r"\s*(?:năm\s+\d{4}\s*)?,?\s*(?:\(\s*)?(?:số|Số)\s*\d+\s*/\s*\d{4}\s*/\s*(?:UBTV)?QH", re.I)


def _assembly_type(text: str, start: int, symbol: str) -> str | None:
    """A number of the National Assembly ("…/QH15") or its Standing Committee ("…/UBTVQH15") after the name of
    the law it numbers ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15"): the nearest type word before."""
    if not re.fullmatch(r"(?:UBTV)?QH\d{1,2}", symbol.replace(" ", "")):
        return None
    window = text[max(0, start - 200) : start]
    found = [(m.end(), m.group(1)) for m in re.finditer(r"(?<!\w)(Bộ luật|Luật|Nghị quyết|Pháp lệnh)(?!\w)", window)]
    if found:
        return max(found)[1]
    return "Nghị quyết" if symbol.startswith("UBTV") else "Luật"


def _numbered(doc: Document) -> list[LegalRef]:
    text = doc.text
    found: list[LegalRef] = []
    spans: list[tuple[int, int]] = []
    for m in list(_NUMBER.finditer(text)) + list(_PARTY.finditer(text)):
        if any(s <= m.start() < e for s, e in spans):
            continue
        if "sym" in m.groupdict():
            number, year, symbol = m.group("num"), m.group("year"), m.group("sym").rstrip(".-")
            if not re.search(r"[A-ZĐ]", symbol) or len(symbol) < 2:
                continue
            if re.fullmatch(r"\d{1,2}", number) and re.fullmatch(r"[A-Z]{1,2}", symbol):
                continue
        else:
            number, year, symbol = m.group("num"), None, f"{m.group('code')}/{m.group('org')}"
        doc_type, begin = _doc_type_before(text, m.start())
        if m.re is _PARTY:
            doc_type = doc_type or legal_data()["type_codes"].get(m.group("code"))
            key = f"{number}-{symbol}"
        else:
            doc_type = doc_type or _type_from_symbol(symbol) or _assembly_type(text, m.start(), symbol)
            key = _key(number, year, symbol, doc_type)
        if doc_type is None:
            continue
        date_iso, issuer, end = _after(text, m.end())
        ref_year = int(year) if year else (int(date_iso[:4]) if date_iso else None)
        found.append(
            LegalRef(
                kind="numbered",
                doc_type=doc_type,
                key=key,
                text=text[begin:end].strip(),
                span=(begin, end),
                number=number,
                symbol=clean_symbol(symbol),
                year=ref_year,
                issued_date=date_iso,
                issuer=issuer or _issuer_from_symbol(symbol.replace(" ", "")),
            )
        )
        spans.append((m.start(), m.end()))
    return found


@lru_cache(maxsize=1)
def _law_regex() -> re.Pattern:
    names = sorted(legal_data()["laws"], key=len, reverse=True)
    # (between a known name's words a lone "(" is a speck a scan read, "Luật Tổ chức (chính quyền địa phương")
    alts = "|".join(r"\s+(?:\(\s*)?".join(re.escape(w) for w in n.split()) for n in names)
    return re.compile(r"(?<![\w])(?P<kind>Bộ luật|Luật|BỘ LUẬT|LUẬT)\s+(?:(?P<known>" + alts + r")(?![\w])|(?P<other>\S.*))", re.I)


def _amending(rest: str) -> int | None:
    """Length of "sửa đổi, bổ sung một số điều của Luật …" up to its date or punctuation, matched without
    diacritics (OCR reads "bố sung"); None when `rest` does not start so."""
    folded = fold_keep(rest[:400])
    m = re.match(r"sua\s+doi\s+bo\s+sung\s+(?:mot\s+so\s+dieu\s+cua\s+)?(?:cac\s+)?luat\s", folded)
    if m is None:
        return None
    # the laws it amends, by their known names: "… của Luật Phòng, chống thiên tai và Luật Đê điều"
    pos, known = m.end() - 5, None  # at "luat "
    while (law := _law_regex().match(rest, pos)) is not None and law.group("known"):
        known = pos = law.end("known")
        joint = re.match(r"\s*(?:,|và)\s*(?=Luật\s)", rest[pos:])
        if not joint:
            break
        pos += joint.end()
    if known is not None:
        return known
    stops = [x.start() for x in (re.compile(r"[,;.(]").search(rest, m.end()), re.compile(r"\s+(?:nam|ngay)\s+\d").search(folded, m.end()),
                                 re.compile(r"\s+va\s+cac\s+van\s+ban").search(folded, m.end())) if x]
    return min(stops, default=len(folded))


def _and_goes_on(after: list[str], stop: set[str]) -> bool:
    """Whether the words after "và" go on a law's name: lower-case words that are neither a stop word nor
    a kind of document ("… và văn bản hướng dẫn", "… và các Nghị định")."""
    if len(after) < 2 or not all(w[:1].islower() and w.isalpha() for w in after) or after[0] in stop:
        return False
    return " ".join(after).lower() not in legal_data()["law_and_stops"]


def _named(doc: Document) -> list[LegalRef]:
    text = doc.text
    stop = set(legal_data()["law_stop_words"])
    out = []
    for m in re.finditer(r"(?<![\w])(Bộ luật|Luật)\s", text):
        kind = m.group(1)
        if kind == "Luật" and m.start() >= 3 and text[m.start() - 3 : m.start()].lower() == "bộ ":
            continue
        if kind == "Luật" and text[m.start()] != "L":
            continue
        lm = _law_regex().match(text, m.start())
        rest = text[m.end() :]
        if lm and lm.group("known"):
            known = " ".join(lm.group("known").replace("(", " ").split())
            name = legal_data().get("law_aliases", {}).get(known, known)  # "Luật NSNN"
            end = lm.end("known")
        else:
            amend = _amending(rest)
            if amend:
                name = rest[:amend]
                end = m.end() + amend
            else:
                words = []
                tokens = re.findall(r"[^\s,;.()“”\"*…]+|[,;.()*…]", rest[:120])
                for i, w in enumerate(tokens):
                    if w.lower() == "và" and words and _and_goes_on(tokens[i + 1 : i + 3], stop):
                        words.append(w)  # "Luật Bảo vệ và phát triển rừng": lower-case words go on after "và"
                        continue
                    if w in ",;.()*…" or w.lower() in stop or (words and w[0].isdigit()):  # punctuation ends a name
                        break
                    if words and _next_ground(" ".join(tokens[i : i + 2])):
                        break  # "Luật Quản lý ngoại thương" / "Thông tư số …": a line joined to the next ground
                    words.append(w)
                if not words or not words[0][0].isupper() or len(words) > 10:
                    continue
                name = " ".join(words)
                end = m.end() + rest.index(words[-1]) + len(words[-1])
        if re.match(r"\s*số\s*[….]{2,}", text[end:]):
            continue  # "Luật … số……………": a form's blank, no citation
        if name in legal_data().get("not_laws", []):
            continue  # "Luật Việt Nam": a law firm's or a web site's name, no law
        if name[:1].islower():
            name = name[0].upper() + name[1:]
        key = f"{kind} {name}"
        year_m = re.match(r"\s*năm\s+(\d{4})", text[end:])
        out.append(
            LegalRef(kind="named", doc_type="Bộ luật" if kind == "Bộ luật" else "Luật", key=key,
                     text=text[m.start() : end + (year_m.end() if year_m else 0)], span=(m.start(), end),
                     year=int(year_m.group(1)) if year_m else None)
        )
    inside = [r for r in out if any(o is not r and o.span[0] < r.span[0] and r.span[1] <= o.span[1] for o in out)]
    # "Luật số 90/2025/QH15 sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Hải quan, …": the laws a
    # numbered law amends are its title, cited by its number, not citations of their own
    amended = [m.span(1) for m in _AMENDED_BY_NUMBER.finditer(text)]
    inside += [r for r in out if any(a <= r.span[0] and r.span[1] <= b for a, b in amended)]
    return [r for r in out if r not in inside]  # "Luật Tổ chức Chính phủ" inside the name of the law amending it


_AMENDED_BY_NUMBER = re.compile(r"Luật\s+(?:số\s+)?\d+/\d{4}/QH\d*[^;\n]{0,40}?sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+)?"
                                r"(?:của\s+)?([^;\n]*)")


def _merge(refs: list[LegalRef]) -> list[LegalRef]:
    """Each document once, in order of first citation, with every place it is cited."""
    by_id: dict[str, LegalRef] = {}
    for ref in sorted(refs, key=lambda r: r.span[0]):
        ident = identity(ref.key, None) if ref.kind == "numbered" else "named:" + " ".join(fold_keep(ref.key).split())
        if ident in by_id:
            first = by_id[ident]
            first.citations.append(ref.span)
            first.issued_date = first.issued_date or ref.issued_date
            first.issuer = first.issuer or ref.issuer
            first.year = first.year or ref.year
            continue
        ref.citations = [ref.span]
        by_id[ident] = ref
    for ref in by_id.values():
        ref.identity = identity(ref.key, ref.issued_date) if ref.kind == "numbered" else "named:" + " ".join(
            fold_keep(ref.key).split()
        )
    return list(by_id.values())


def cited(doc: Document) -> list[LegalRef]:
    """Every citation in a text, numbered and named, not yet merged: one per place."""
    named = _named(doc)
    # a law the plan cites by its number ("Luật Đất đai số 31/2024/QH15") is a numbered reference; its name
    # alone elsewhere is the same document (gold rules: named laws are those cited without a number)
    numbered_names = {" ".join(fold_keep(r.key).split()) for r in named if _cited_by_number(doc.text, r)}
    named = [r for r in named if " ".join(fold_keep(r.key).split()) not in numbered_names]
    return _numbered(doc) + named


def extract_refs(doc: Document, metadata: Metadata) -> list[LegalRef]:
    """Every document the plan cites, in its text and its footnotes, once each; its own number marked `self`."""
    from kehoach.extract.footnotes import in_footnotes

    # what a web page prints around the document (related documents above and below) is not cited by the plan
    start, end = metadata.extra.get("header_start", 0), metadata.extra.get("document_end", len(doc.text))
    refs = _merge([r for r in cited(doc) + in_footnotes(doc, cited) if start <= r.span[0] < end])
    own = {"".join(fold_keep(n).split()) for n in (metadata.number, metadata.extra.get("plan_number")) if n}
    for ref in refs:
        if ref.kind == "numbered" and "".join(fold_keep(ref.key).split()) in own:
            ref.self = True
    if metadata.number and not any(r.self for r in refs):
        m = _NUMBER.fullmatch(metadata.number) or _PARTY.fullmatch(metadata.number)
        if m and "sym" in m.groupdict():
            refs.insert(
                0,
                LegalRef(kind="numbered", doc_type=metadata.doc_type, key=metadata.number, text=metadata.number,
                         span=(0, 0), number=m.group("num"), symbol=m.group("sym"),
                         year=int(metadata.issued_date[:4]) if metadata.issued_date else None,
                         issued_date=metadata.issued_date, issuer=metadata.issuer, self=True,
                         identity=identity(metadata.number, metadata.issued_date)),
            )
    return refs
