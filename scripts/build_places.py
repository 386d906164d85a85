"""Build src/kehoach/data/places.json from the administrative-unit data underthesea ships.

Why a committed output: extraction must not depend on underthesea's private
data layout at run time, and the gazetteer should be reviewable in the repo.
Run: .venv/bin/python scripts/build_places.py
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import underthesea

SRC = Path(underthesea.__file__).parent / "address" / "data" / "mapping.json"
OUT = Path(__file__).resolve().parent.parent / "src" / "kehoach" / "data" / "places.json"
PREFIXES = [("Thành phố ", "thành phố"), ("Tỉnh ", "tỉnh"), ("Huyện ", "huyện"), ("Quận ", "quận"),
            ("Thị xã ", "thị xã"), ("Thị Xã ", "thị xã"), ("Thành Phố ", "thành phố")]


def split(full: str) -> tuple[str, str]:
    full = unicodedata.normalize("NFC", full)
    for prefix, kind in PREFIXES:
        if full.startswith(prefix):
            return full[len(prefix):], kind
    return full, ""


def main() -> None:
    data = json.loads(SRC.read_text(encoding="utf-8"))
    new_names = data["province_names"]
    old_names = data["old_province_names"]
    provinces = []
    for key, info in sorted(old_names.items(), key=lambda kv: kv[1]["code"]):
        name, kind = split(info["name"])
        new_key = data["province_mapping"][key]
        provinces.append({"name": name, "type": kind, "code": info["code"],
                          "after_2025": split(new_names[new_key]["name"])[0]})
    after = sorted({split(v["name"])[0] for v in new_names.values()})
    districts: dict[str, set] = {}
    for row in data["ward_mapping"]:
        prov = split(row["old_province"])[0]
        if row.get("old_district"):
            districts.setdefault(prov, set()).add(split(row["old_district"]))
    out = {
        "source": f"underthesea {underthesea.__version__} address/data/mapping.json "
        f"({data['metadata']['source']} {data['metadata']['version']}, effective {data['metadata']['effective_date']})",
        "provinces_before_2025": provinces,
        "provinces_after_2025": after,
        "districts": {p: [{"name": n, "type": k} for n, k in sorted(ds)] for p, ds in sorted(districts.items())},
    }
    if OUT.exists():  # the hand-kept spellings of provinces ("Thừa Thiên Huế" → "Huế") survive a rebuild
        out = {"aliases": json.loads(OUT.read_text(encoding="utf-8")).get("aliases", {}), **out}
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(provinces)} provinces before 2025, {len(after)} after, "
          f"{sum(len(v) for v in districts.values())} districts")


if __name__ == "__main__":
    main()
