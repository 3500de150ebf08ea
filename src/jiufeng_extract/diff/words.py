"""Chinese text → whole words, for linking tasks and for showing why two tasks were linked.

Words come from jieba's shipped dictionary (inside the pip package, nothing downloaded) with the
domain glossary (``data/glossary.txt``) added so that terms such as 带金销售 or 欺诈骗保 stay
whole. ``words`` keeps what can carry meaning: no punctuation, digits, single characters or
function words (以及, 有关, 进一步); ``tokens`` keeps everything, for a word-level text diff.
"""

from __future__ import annotations

import logging
import warnings
from functools import cache
from importlib import resources
from typing import Any

import regex

_NOT_A_WORD = regex.compile(r"^[\p{P}\p{S}\s\d\p{Latin}]*$")


def _lines(name: str) -> list[str]:
    text = resources.files("jiufeng_extract").joinpath(f"data/{name}").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def glossary() -> tuple[str, ...]:
    return tuple(_lines("glossary.txt"))


@cache
def function_words() -> frozenset[str]:
    return frozenset(word for line in _lines("function_words.txt") for word in line.split())


@cache
def _tokenizer() -> Any:
    with warnings.catch_warnings():  # jieba may import the deprecated pkg_resources
        warnings.simplefilter("ignore")
        import jieba

    # CRITICAL: jieba logs its progress, and a traceback when it cannot write its cache file
    jieba.setLogLevel(logging.CRITICAL)
    tokenizer = jieba.Tokenizer()
    for term in glossary():
        tokenizer.add_word(term, freq=None)
    return tokenizer


@cache
def tokens(text: str) -> tuple[str, ...]:
    """Every token of ``text`` in order (punctuation included): joined, they give it back."""
    return tuple(_tokenizer().lcut(text, HMM=False))


def is_word(token: str) -> bool:
    return len(token) >= 2 and not _NOT_A_WORD.match(token) and token not in function_words()


def words(text: str) -> list[str]:
    """The meaningful words of ``text``, in order, repeats kept."""
    return [t for t in tokens(text) if is_word(t)]


@cache
def search_tokens(text: str) -> tuple[str, ...]:
    """Tokens in search mode: a long word also yields the dictionary words inside it."""
    return tuple(_tokenizer().cut_for_search(text, HMM=False))
