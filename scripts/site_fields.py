"""Check kehoach's metadata against the fields a legal-document web site prints above each copy.

    python scripts/site_fields.py [DIR] [--verbose]

Most documents of ../shared/real/docs open with the site's own table
("**Số hiệu:** | 98/2025/QĐ-UBND", "**Loại văn bản:**", "**Người ký:**",
"**Ngày ban hành:**"). Those fields were typed by the site's editors, not read
by kehoach, so they check number, type, signer and issue date on every
document that has them, answers or not. kehoach does not read the table
itself for these fields (only the signer, where the copy lost the name), so
agreement is earned from the document's own header and signature. Where the
two disagree the site is not always right: it may print "37999/CHQ-GSQL" for a
letter numbered "3799/CHQ-GSQL", or the type "Văn bản hợp nhất" of its own
consolidation.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT.parent / "shared" / "real" / "docs"


def site_fields(text: str) -> dict[str, str]:
    """The site table's fields, by their Vietnamese labels."""
    fields = {}
    for label in ("Số hiệu", "Loại văn bản", "Người ký", "Ngày ban hành"):
        m = re.search(r"\*\*" + label + r":\*\*\s*\n\|\s*\n(.+)", text)
        if m and m.group(1).strip() not in ("", "***", "Đang cập nhật"):
            fields[label] = m.group(1).strip()
    return fields


def compare(meta, fields: dict[str, str]) -> dict[str, tuple[str, str | None]]:
    """field → (site's value, kehoach's value), for each field the site prints."""
    out = {}
    if "Số hiệu" in fields:
        out["number"] = (fields["Số hiệu"].replace(" ", ""), (meta.number or "").replace(" ", "") or None)
    if "Loại văn bản" in fields:
        out["doc_type"] = (fields["Loại văn bản"], meta.doc_type)
    if "Người ký" in fields:
        out["signer"] = (fields["Người ký"], meta.signer)
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", fields.get("Ngày ban hành", ""))
    if m:
        out["issued_date"] = (f"{m.group(3)}-{m.group(2)}-{m.group(1)}", meta.issued_date)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", nargs="?", default=str(DOCS))
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    from kehoach.corpus import read
    from kehoach.extract.metadata import extract_metadata

    agree, total, wrong = Counter(), Counter(), []
    for path in sorted(Path(args.dir).glob("*.md")):
        fields = site_fields(path.read_text(encoding="utf-8"))
        if not fields:
            continue
        for name, (site, ours) in compare(extract_metadata(read(path)), fields).items():
            total[name] += 1
            if site.lower() == (ours or "").lower():
                agree[name] += 1
            else:
                wrong.append((path.name, name, site, ours))
    for name in total:
        print(f"{name:12} {agree[name]}/{total[name]} agree")
    for row in wrong if args.verbose else []:
        print("  ", *row, sep="  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
