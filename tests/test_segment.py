"""underthesea's words mapped back onto our text, exactly, or loudly not at all."""

import pytest

from kehoach.extract.agencies import find_mentions
from kehoach.extract.nlp import find_mentions_spacy, segment


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "Sở Y tế", "  Sở  Lao động - Thương binh và Xã hội ,  chủ trì…",
                                  "Hòa Bình, hoà bình; UBND-VX1 (b/c) 15/11/2022 “Tháng hành động”", "a\nb"])
def test_round_trip(text):
    spans = segment(text)
    assert all(text[s:e].strip() == text[s:e] and text[s:e] for s, e in spans)
    assert "".join("".join(text[s:e].split()) for s, e in spans) == "".join(text.split())
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_spacy_pipeline_marks_agencies_like_the_matcher():
    text = "Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với Sở Y tế và Hội Liên hiệp Phụ nữ tỉnh."
    spacy_found = [(m.text, m.agency.key, m.agency.sector, m.agency.level) for m in find_mentions_spacy(text)]
    assert spacy_found == [(m.text, m.agency.key, m.agency.sector, m.agency.level) for m in find_mentions(text)]
    assert spacy_found[2] == ("Hội Liên hiệp Phụ nữ tỉnh", "hoi-lien-hiep-phu-nu-tinh", "womens_union", "province")


def test_the_two_routes_agree_on_most_seed_lines(corpus_dir):
    from kehoach.corpus import read

    lines = [ln for p in sorted(corpus_dir.glob("0*.txt"))[:2] for ln in read(p).text.split("\n")]
    same = sum([m.agency.key for m in find_mentions(ln)] == [m.agency.key for m in find_mentions_spacy(ln)] for ln in lines)
    assert same / len(lines) >= 0.9
