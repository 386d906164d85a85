import unicodedata

import pytest

from kehoach.corpus.normalise import clean_chars, fold, normalise, tone_marks


@pytest.mark.parametrize(
    "new, old",
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Hoà Bình", "Hòa Bình"),
        ("cấp uỷ", "cấp ủy"),
        ("HOÀ", "HÒA"),
        ("tuỳ", "tùy"),
        ("Uỷ ban", "Ủy ban"),
    ],
)
def test_tone_marks_take_the_traditional_place(new, old):
    assert tone_marks(new) == old
    assert tone_marks(old) == old


@pytest.mark.parametrize("word", ["quý", "quỳ", "hoàng", "khuyến", "khuya", "hoài", "toàn"])
def test_syllables_where_both_styles_agree_are_left_alone(word):
    assert tone_marks(word) == word


def test_nfd_input_gives_the_nfc_spelling():
    text = "Ủy ban nhân dân tỉnh Quảng Bình"
    assert normalise(unicodedata.normalize("NFD", text)) == text


def test_control_and_odd_spaces_are_cleaned_tabs_kept():
    assert clean_chars("Sở\u00a0Y\u200btế\x07\tA") == "Sở Ytế\tA"


def test_fold_strips_diacritics_and_d_bar():
    assert fold("Sở Y tế Đắk Lắk") == "so y te dak lak"


@pytest.mark.parametrize("glued, spaced", [
    ("Kế hoạchvà Đầu tư", "Kế hoạch và Đầu tư"),
    ("BANHÀNH KẾ HOẠCH", "BAN HÀNH KẾ HOẠCH"),
    ("PHÓ CHỦ TỊCHNguyễn Thị Thu", "PHÓ CHỦ TỊCH Nguyễn Thị Thu"),
    ("Hội đồngnhân dân", "Hội đồng nhân dân"),
    ("lồngghép giới", "lồng ghép giới"),
])
def test_glued_syllables_are_spaced(glued, spaced):
    assert normalise(glued) == spaced


@pytest.mark.parametrize("word", ["khuyến khích quyết định nghiêm giữa Quảng thuyền khuya người nguyễn giường",
                                  "Vinaphone Facebook OCOP UBKTTU LĐTBXH", "ĐăkLăk", "Đắk Lắk", "Internet"])
def test_syllables_and_foreign_words_are_left_alone(word):
    assert normalise(word) == word


def test_ocr_look_alikes_become_the_letters_they_stand_for():
    assert normalise("Công văn số 418/LĐÐT BXH-BĐG") == "Công văn số 418/LĐĐT BXH-BĐG"
    assert normalise("¡) Ban Dân tộc tỉnh") == "i) Ban Dân tộc tỉnh"
    assert normalise("V\u2044v triển khai") == "V/v triển khai"


def test_a_prefix_tree_matches_as_the_longest_first_alternation():
    """The gazetteer's names are searched as a prefix tree: the same matches as a flat alternation sorted
    longest first, spaces matching any run of white space."""
    import re

    from kehoach.corpus.normalise import trie_alternation

    names = ["so y te", "so y", "so tai chinh", "ubnd", "ubnd tinh", "uy ban nhan dan tinh", "s&t"]
    flat = re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in
                                                    sorted(names, key=len, reverse=True)) + r")(?![a-z0-9])")
    tree = re.compile(r"(?<![a-z0-9])(" + trie_alternation(names) + r")(?![a-z0-9])")
    text = "so y te va so  tai chinh, ubnd tinh, so y; ubndx; uy ban\nnhan dan tinh; so y tex s&t"
    assert [m.span(1) for m in tree.finditer(text)] == [m.span(1) for m in flat.finditer(text)]
    assert [m.group(1) for m in tree.finditer(text)][:3] == ["so y te", "so  tai chinh", "ubnd tinh"]
