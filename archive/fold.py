"""Vietnamese folding for search: accents off, đ/Đ/Ð to d, lower case."""
from __future__ import annotations

import unicodedata

__all__ = ["fold"]

_D = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
