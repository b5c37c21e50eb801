"""Vietnamese text helpers: slugs that keep "đ", accent-folded text for searching, and what
a citizen typed without invisible characters that reorder or hide text."""

import unicodedata

from django import forms
from django.utils.text import slugify


def fold(text):
    """Lower-case ``text`` and strip Vietnamese diacritics: "Hội nghị Đảng" -> "hoi nghi dang"."""
    # NFKD splits "ộ" into "o" + marks, but "đ" is a letter of its own and must be mapped by hand.
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def vietnamese_slugify(text):
    """Slug for a Vietnamese title: "Đồng chí Lê Thành Đông" -> "dong-chi-le-thanh-dong"."""
    return slugify(fold(text))


# Characters that reorder or hide text without being seen: bidi embeddings, overrides and
# isolates (a name ending in U+202E shows the comment's header backwards), bidi marks, the
# Arabic letter mark, and the zero-width space, joiners and byte-order mark.
_INVISIBLE = dict.fromkeys(
    [
        *range(0x202A, 0x202F),  # LRE, RLE, PDF, LRO, RLO
        *range(0x2066, 0x206A),  # LRI, RLI, FSI, PDI
        0x200E,  # LRM
        0x200F,  # RLM
        0x061C,  # ALM
        *range(0x200B, 0x200E),  # ZWSP, ZWNJ, ZWJ
        0x2060,  # word joiner
        0xFEFF,  # zero-width no-break space / BOM
    ]
)
# C0 and C1 controls and DEL; a multi-line text keeps its line breaks and tabs.
_CONTROLS = dict.fromkeys([*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])
_KEPT_IN_MULTILINE = {ord("\n"), ord("\r"), ord("\t")}
_STRIP_SINGLE_LINE = {**_CONTROLS, **_INVISIBLE}
_STRIP_MULTILINE = {
    **{code: None for code in _CONTROLS if code not in _KEPT_IN_MULTILINE},
    **_INVISIBLE,
}


def visible_text(text, *, multiline=False):
    """``text`` without control characters, bidi overrides and zero-width characters.

    What a citizen types is shown to others; such characters would let it flip or hide the text
    around it. A single-line value (a name) loses every control character, a multi-line one
    (a comment) keeps its line breaks and tabs. Vietnamese letters and marks are untouched.
    """
    if not text:
        return text
    return text.translate(_STRIP_MULTILINE if multiline else _STRIP_SINGLE_LINE)


class VisibleCharField(forms.CharField):
    """A form field for one line a citizen types (a name): invisible characters are dropped
    before validation, so a name of nothing but them is refused as empty."""

    multiline = False

    def to_python(self, value):
        value = visible_text(super().to_python(value), multiline=self.multiline)
        return value.strip() if self.strip and value else value


class VisibleTextField(VisibleCharField):
    """The same for a text of several lines (a comment): its line breaks are kept."""

    multiline = True
