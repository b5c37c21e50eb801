"""Vietnamese text helpers: slugs that keep "đ", and accent-folded text for searching."""

import unicodedata

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
