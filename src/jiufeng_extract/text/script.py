"""Text as the patterns read it, and back to the text as printed.

Mirrors of circulars come in Traditional script (關於印發…的通知), with pinyin inserted after
converted characters (發(fā)文), with Kangxi radicals or compatibility ideographs where a
converter slipped (⾏ for 行), and with zero-width marks or a literal ``&nbsp;`` left over. The
grammar in ``patterns.py`` is written once, in Simplified script. So:

- ``clean`` removes what is debris, not text: zero-width marks, leftover entities, pinyin
  annotations, indentation turned into ``??``; it maps radicals and compatibility ideographs
  to ordinary characters. The output shows the cleaned text.
- ``fold`` turns Traditional characters into Simplified ones, one character for one, so that
  every offset in the folded text is the same offset in the printed one.
- ``Unfolder`` puts the printed script back into strings the parser built from folded text:
  each string is found in the folded document and replaced by the printed characters at the
  same place, so the output keeps 關於 where the page prints 關於.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

import regex

from ..patterns import on_first_use

# pinyin a mirror puts after a converted character: 發(fā), 衛(wèi); also with full-width brackets
_PINYIN = on_first_use(r"(?<=\p{Han})[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}[)）]")
# indentation a converter turned into question marks: "??一、规划背景", "??? 为…", a line of
# them alone, and the long run that pushed a signature or its date to the right
_LOST_INDENT = on_first_use(r"^\s*(?:[?？]{1,4}|\?{5,})\s*(?=[\p{Han}（(《“\d]|$)")
_ZERO_WIDTH = on_first_use(r"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
_ENTITY = on_first_use(r"&(?:nbsp|ensp|emsp|thinsp);?|&#(?:160|12288|8194|8195);", regex.I)
# Kangxi radicals, CJK radical supplement and compatibility ideographs: NFKC gives the ordinary
# character (⾏ → 行, 﨑 → 崎)
_VARIANT_IDEOGRAPH = on_first_use(r"[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def clean(text: str) -> str:
    """Debris removed, variant ideographs mapped; spaces (U+3000, NBSP) kept as spaces."""
    text = _ENTITY.sub(" ", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _PINYIN.sub("", text)
    text = _LOST_INDENT.sub("", text)
    if _VARIANT_IDEOGRAPH.search(text):
        text = _VARIANT_IDEOGRAPH.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return text


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc  # imported on first use: most circulars are Simplified and never need it

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded: str = _converter().convert(char)
    return folded if len(folded) == 1 else char


def fold(text: str) -> str:
    """Traditional → Simplified, one character for one (the length never changes)."""
    if text.isascii():
        return text
    folded: str = _converter().convert(text)
    if len(folded) == len(text):
        return folded
    return "".join(_fold_char(c) for c in text)  # a phrase rule changed the length


class Unfolder:
    """Maps strings built from the folded text back to the characters printed there."""

    def __init__(self, printed: list[str]) -> None:
        folded = [fold(t) for t in printed]
        self.changed = folded != printed
        self._folded: list[str] = []
        self._printed: list[str] = []
        self._chars: dict[str, str] = {}
        if not self.changed:
            return  # a Simplified document (most are): nothing to map back
        # joined both ways: paragraphs keep their lines' breaks, wrapped lines are joined
        self._folded = ["\n".join(folded), "".join(folded)]
        self._printed = ["\n".join(printed), "".join(printed)]
        seen: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for f_text, p_text in zip(folded, printed, strict=True):
            for f, p in zip(f_text, p_text, strict=True):
                seen[f][p] += 1
        # a folded character printed one way only in this document is printed that way
        self._chars = {f: next(iter(c)) for f, c in seen.items() if len(c) == 1}

    def unfold(self, text: str) -> str:
        if not self.changed or text.isascii():
            return text
        for folded, printed in zip(self._folded, self._printed, strict=True):
            at = folded.find(text)
            if at >= 0:
                return printed[at : at + len(text)]
        return "".join(self._chars.get(c, c) for c in text)

    def unfold_tree(self, value: Any) -> Any:
        """Every string inside dicts and lists (a model dump) unfolded."""
        if isinstance(value, str):
            return self.unfold(value)
        if isinstance(value, list):
            return [self.unfold_tree(v) for v in value]
        if isinstance(value, dict):
            return {k: self.unfold_tree(v) for k, v in value.items()}
        return value
