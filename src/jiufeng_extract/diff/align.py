"""Items of two circulars → links: which old task became which new task(s).

Features are whole words (``words.py``: jieba's shipped dictionary plus the domain glossary, in
search mode so that 举报投诉 also counts as 举报 and 投诉, and 受贿行贿一起查 meets
行贿受贿一起查 through 受贿 and 行贿). Each item gets two TF-IDF vectors (scikit-learn), fitted
on the items of both circulars together and keeping the words found in at least two items: one
of its title, one of its title, text and the text of the special actions it owns (an action
carried over is evidence that its task was too). Words such as 加强 or 工作 are dropped as
function words, and common ones weigh little; 带金销售 or 骗保 occur in few items and weigh a
lot. The score of a pair is ``TITLE_WEIGHT`` × title cosine + the rest × body cosine: titles are
rewritten more often than the duties under them, so they weigh less, but still apart.

Linking, in order:
1. keys: the same title on both sides (ignoring punctuation and spaces), or the same number
   with near-identical titles, links at once;
2. the rest by a global assignment (Hungarian method, scipy) maximising the total score, ties
   broken by relative position; pairs scoring at least ``threshold`` link;
3. splits and merges: an unlinked item joins a link when it scores at least ``possible`` with
   the link's item on the other side, that item is its best match, the group, taken together,
   scores about as well as the pair alone or better, and one sentence of that item has the
   joining item as its best counterpart: a new task merging two old ones carries a sentence
   of each (one that echoes a shared duty twice, only the words of one, merges nothing);
4. what is left is assigned again; pairs scoring at least ``possible`` (under ``threshold``)
   are possible counterparts: a suggestion to read, never an edit.
A pair sharing a single word links in neither step: in a short circular one word that few
items use (行风) can make a high score alone.
Everything is symmetric: aligning (new, old) gives the mirror of aligning (old, new).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from ..text.compare import similarity
from .words import is_word, search_tokens

_NOISE = regex.compile(r"[\p{P}\p{S}\s\d]+")
_SENTENCE_END = regex.compile(r"(?<=[。；！？])")
_SAME_TITLE = 0.85  # title ratio that, with the same number, is a key match
_GROUP_GAIN = -0.02  # how much better a split/merge group must score than the pair alone
_DOMINANCE = 0.8  # a link scores at least this share of either item's best score
TITLE_WEIGHT = 0.2
_TIE = 1e-6
_MIN_TERMS = 2  # shared words any link needs: one rare word (行风) can score high alone


@dataclass
class Item:
    ordinal: int
    number: str
    title: str
    text: str
    section: str = ""
    extra: str = ""  # text that belongs to the item without being it: its special actions

    @property
    def body(self) -> str:
        return f"{self.title}。{self.text}"


@dataclass
class Link:
    old: list[int]  # indexes into the old items
    new: list[int]
    score: float
    terms: list[str] = field(default_factory=list)
    weak: bool = False  # a possible counterpart only


def features(text: str) -> list[str]:
    return [t for t in search_tokens(text) if is_word(t)]


def _identity(doc: list[str]) -> list[str]:
    return doc


class Scorer:
    """Word TF-IDF vectors of both sides' items and their pairwise scores."""

    def __init__(self, old: list[Item], new: list[Item]) -> None:
        items = old + new
        self._n_old = len(old)
        self._titles = self._fit([features(item.title) for item in items])
        self._sentences = [
            [part for part in _SENTENCE_END.split(item.text) if part.strip()] for item in items
        ]
        self._bodies, self._names, self._vectorizer = self._fit_named(
            [features(f"{item.body}。{item.extra}") for item in items]
        )
        self.matrix: Any = [
            [self.group([i], [j]) for j in range(len(new))] for i in range(len(old))
        ]

    def _fit(self, docs: list[list[str]]) -> Any:
        return self._fit_named(docs)[0]

    def _fit_named(self, docs: list[list[str]]) -> tuple[Any, Any, Any]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        # min_df=2: a word found in one item only can match nothing, and would only dilute
        # that item's vector
        vectorizer = TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, lowercase=False, min_df=2
        )
        try:
            matrix = vectorizer.fit_transform(docs)
        except ValueError:  # no word shared by two items (or fewer than two items)
            return None, [], None
        return matrix, vectorizer.get_feature_names_out(), vectorizer

    def _sums(self, vectors: Any, old: list[int], new: list[int]) -> tuple[Any, Any]:
        import numpy as np

        a = np.asarray(vectors[old].sum(axis=0)).ravel()
        b = np.asarray(vectors[[self._n_old + j for j in new]].sum(axis=0)).ravel()
        return a, b

    def _cosine(self, vectors: Any, old: list[int], new: list[int]) -> float:
        import numpy as np

        if vectors is None:
            return 0.0
        a, b = self._sums(vectors, old, new)
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b) / norm if norm else 0.0

    def group(self, old: list[int], new: list[int]) -> float:
        """The score of two groups of items: the cosines of their summed vectors."""
        title = self._cosine(self._titles, old, new)
        body = self._cosine(self._bodies, old, new)
        return round(TITLE_WEIGHT * title + (1 - TITLE_WEIGHT) * body, 9)

    def body(self, old: list[int], new: list[int]) -> float:
        """The cosine of the texts alone: what the tasks ask to be done, not their headings."""
        return self._cosine(self._bodies, old, new)

    def sentence_counterparts(self, item: int, side: str) -> set[int]:
        """The items of the other side that are the best counterpart of one of the sentences
        of ``item`` (an index into the ``side`` items): which parts of it went where."""
        import numpy as np

        if self._vectorizer is None:
            return set()
        own = item if side == "old" else self._n_old + item
        others = self._bodies[self._n_old :] if side == "old" else self._bodies[: self._n_old]
        found: set[int] = set()
        for sentence in self._sentences[own]:
            vector = self._vectorizer.transform([features(sentence)])
            scores = np.asarray((others @ vector.T).todense()).ravel()
            if scores.size and scores.max() > 0:
                found.add(int(scores.argmax()))
        return found

    def terms(self, old: list[int], new: list[int], limit: int = 6) -> list[str]:
        """The shared words that weigh most in the score; a word inside a longer chosen one
        (受贿 in 受贿行贿一起查) gives way to it."""
        import numpy as np

        if self._bodies is None:
            return []
        a, b = self._sums(self._bodies, old, new)
        weight = a * b
        order = sorted(np.nonzero(weight)[0], key=lambda i: (-weight[i], str(self._names[i])))
        chosen: list[str] = []
        for index in order:
            word = str(self._names[index])
            if any(word in other for other in chosen):
                continue
            chosen = [c for c in chosen if c not in word] + [word]
            if len(chosen) == limit:
                break
        return chosen


def _clean(text: str) -> str:
    return _NOISE.sub("", text)


def align(
    old: list[Item], new: list[Item], scorer: Scorer, threshold: float, possible: float
) -> list[Link]:
    """Links between items; unlinked items are those in no link."""
    matrix = scorer.matrix
    links = _key_links(old, new, matrix)
    strong = _assign(*_free(links, len(old), len(new)), matrix, threshold, len(old), len(new))
    links += [link for link in strong if _dominant(link, matrix, scorer, possible)]
    links = _groups(links, len(old), len(new), scorer, possible)
    for link in _assign(*_free(links, len(old), len(new)), matrix, possible, len(old), len(new)):
        if _shares_words(link, scorer):
            link.weak = True
            links.append(link)
    for link in links:
        link.terms = scorer.terms(link.old, link.new)
    return sorted(links, key=lambda link: (min(link.new), min(link.old)))


def _dominant(link: Link, matrix: Any, scorer: Scorer, possible: float) -> bool:
    """Not a pair the assignment made only because each item's better match was taken, nor
    one that shares a heading word and little of what the tasks ask to be done, nor one that
    shares a single word (in a short circular one rare word such as 行风 scores high alone)."""
    i, j = link.old[0], link.new[0]
    best = max(max(matrix[i]), max(row[j] for row in matrix))
    return bool(
        link.score >= _DOMINANCE * best
        and scorer.body([i], [j]) >= possible
        and _shares_words(link, scorer)
    )


def _shares_words(link: Link, scorer: Scorer) -> bool:
    return len(scorer.terms(link.old, link.new, limit=_MIN_TERMS)) >= _MIN_TERMS


def _free(links: list[Link], n_old: int, n_new: int) -> tuple[list[int], list[int]]:
    linked_old = {i for link in links for i in link.old}
    linked_new = {j for link in links for j in link.new}
    return (
        [i for i in range(n_old) if i not in linked_old],
        [j for j in range(n_new) if j not in linked_new],
    )


def _key_links(old: list[Item], new: list[Item], matrix: Any) -> list[Link]:
    titles_old = [_clean(item.title) for item in old]
    titles_new = [_clean(item.title) for item in new]
    links = []
    for i, item in enumerate(old):
        same_title = [j for j, t in enumerate(titles_new) if t and t == titles_old[i]]
        if len(same_title) == 1 and titles_old.count(titles_old[i]) == 1:
            links.append(Link([i], same_title, float(matrix[i][same_title[0]])))
            continue
        same_number = [j for j, other in enumerate(new) if other.number == item.number]
        if (
            len(same_number) == 1
            and similarity(item.title, new[same_number[0]].title) >= _SAME_TITLE
        ):
            links.append(Link([i], same_number, float(matrix[i][same_number[0]])))
    taken: set[int] = set()
    unique = []
    for link in links:  # a new item claimed twice links to neither
        if sum(1 for other in links if other.new == link.new) == 1 and link.new[0] not in taken:
            unique.append(link)
            taken.add(link.new[0])
    return unique


def _assign(
    rows: list[int], cols: list[int], matrix: Any, threshold: float, n_old: int, n_new: int
) -> list[Link]:
    if not rows or not cols:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    scores = np.array([[matrix[i][j] for j in cols] for i in rows], dtype=float)
    # ties go to the pair at the most similar relative position (symmetric in old and new)
    position = np.array([[abs(i / max(n_old, 1) - j / max(n_new, 1)) for j in cols] for i in rows])
    picked_rows, picked_cols = linear_sum_assignment(-(scores - _TIE * position))
    return [
        Link([rows[r]], [cols[c]], float(scores[r][c]))
        for r, c in zip(picked_rows, picked_cols, strict=True)
        if scores[r][c] >= threshold
    ]


def _groups(
    links: list[Link], n_old: int, n_new: int, scorer: Scorer, possible: float
) -> list[Link]:
    """Splits (one old, several new) and merges (several old, one new), found together from the
    one-to-one links so that the result does not depend on which side is called old."""
    matrix = scorer.matrix
    free_old, free_new = _free(links, n_old, n_new)
    offers: list[tuple[float, int, str, int]] = []  # (gain, link index, side, item)
    for index, link in enumerate(links):
        i, j = link.old[0], link.new[0]
        parts_of_old = scorer.sentence_counterparts(i, "old")
        parts_of_new = scorer.sentence_counterparts(j, "new")
        for extra in free_new:
            best = max(matrix[k][extra] for k in range(n_old))
            if (
                matrix[i][extra] >= best
                and scorer.body([i], [extra]) >= possible
                and extra in parts_of_old
            ):
                gain = scorer.group([i], [j, extra]) - link.score
                if gain > _GROUP_GAIN:
                    offers.append((gain, index, "new", extra))
        for extra in free_old:
            best = max(matrix[extra][k] for k in range(n_new))
            if (
                matrix[extra][j] >= best
                and scorer.body([extra], [j]) >= possible
                and extra in parts_of_new
            ):
                gain = scorer.group([i, extra], [j]) - link.score
                if gain > _GROUP_GAIN:
                    offers.append((gain, index, "old", extra))
    # best offers first; an item joins one link, a link grows on one side only
    offers.sort(key=lambda offer: (-round(offer[0], 9), offer[2], offer[3], offer[1]))
    used: set[tuple[str, int]] = set()
    side_of: dict[int, str] = {}
    for _, index, side, extra in offers:
        if (side, extra) in used or side_of.get(index, side) != side:
            continue
        used.add((side, extra))
        side_of[index] = side
        target = links[index].new if side == "new" else links[index].old
        target.append(extra)
    for link in links:
        link.old.sort()
        link.new.sort()
        if len(link.old) > 1 or len(link.new) > 1:
            link.score = scorer.group(link.old, link.new)
    return links
