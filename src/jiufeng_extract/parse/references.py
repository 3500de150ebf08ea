"""Stage 4e: cited documents: 《titles》 and 发文字号, paired when a number follows a title.

"《关于…的通知》（国卫医急函〔2023〕75号）" is one reference. The document's own number, its
enclosure and its attachments are not references.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Provenance, Reference
from ..patterns import BOOK_TITLE, DOC_NUMBER
from .metadata import normalise_doc_number

# how far after 》 a doc number may start and still belong to that title: "》（" or "》(…"
_PAIR_GAP = 3


def find_references(
    texts: Iterable[tuple[str, Provenance]], exclude_titles: set[str], own_number: str | None
) -> list[Reference]:
    found: dict[tuple[str | None, str | None], Reference] = {}
    for text, provenance in texts:
        paired_numbers: set[int] = set()
        for m in BOOK_TITLE.finditer(text):
            title = m.group("title")
            if title in exclude_titles:
                continue
            number_match = DOC_NUMBER.search(text, m.end(), m.end() + _PAIR_GAP + 40)
            number = None
            if number_match and number_match.start() - m.end() <= _PAIR_GAP:
                parsed = normalise_doc_number(number_match.group(0))
                number = parsed[0] if parsed else None
                paired_numbers.add(number_match.start())
            _add(found, title, number, provenance)
        for m in DOC_NUMBER.finditer(text):
            if m.start() in paired_numbers:
                continue
            parsed = normalise_doc_number(m.group(0))
            if parsed and parsed[0] != own_number:
                _add(found, None, parsed[0], provenance)
    return list(found.values())


def _add(
    found: dict[tuple[str | None, str | None], Reference],
    title: str | None,
    number: str | None,
    provenance: Provenance,
) -> None:
    if title is None and any(key[1] == number for key in found):
        return  # a bare number already cited with its title
    if title is not None and number is not None and (title, None) in found:
        found.pop((title, None))
    if title is not None and number is None and any(key[0] == title for key in found):
        return
    found.setdefault(
        (title, number),
        Reference.model_construct(title=title, doc_number=number, provenance=provenance),
    )
