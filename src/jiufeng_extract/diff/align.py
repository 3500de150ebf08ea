"""Items of two circulars → links: which old task became which new task(s).

The score is the cosine similarity of TF-IDF vectors over character 2- and 3-grams (scikit-learn),
fitted on the items of both circulars together, punctuation, digits and spaces removed, keeping
the n-grams found in at least two items: a 2-gram such as 加强, 推进 or 工作 occurs in most tasks
and weighs little, while 带金 or 骗保 occurs in few and weighs a lot. No word segmentation is
needed, and the same text always scores 1.

Linking, in order:
1. keys: the same title on both sides (ignoring punctuation and spaces), or the same number
   with near-identical titles, links at once;
2. the rest by a global assignment (Hungarian method, scipy) maximising the total score, ties
   broken by relative position; pairs scoring under ``threshold`` stay unlinked;
3. splits and merges: an unlinked item joins a link when it scores at least ``threshold``
   with the other side and the group, taken together, scores higher than the pair alone.
Everything is symmetric: aligning (new, old) gives the mirror of aligning (old, new).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from ..text.compare import similarity

_NOISE = regex.compile(r"[\p{P}\p{S}\s\d]+")
_SAME_TITLE = 0.85  # title ratio that, with the same number, is a key match
_GROUP_GAIN = 0.02  # how much better a split/merge group must score than the pair alone
_TIE = 1e-6


@dataclass
class Item:
    ordinal: int
    number: str
    title: str
    text: str
    section: str = ""

    @property
    def body(self) -> str:
        return f"{self.title}。{self.text}"


@dataclass
class Link:
    old: list[int]  # indexes into the old items
    new: list[int]
    score: float
    terms: list[str] = field(default_factory=list)


class Scorer:
    """TF-IDF vectors of both sides' items and their pairwise cosine similarities."""

    def __init__(self, old: list[Item], new: list[Item]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [_clean(item.body) for item in old + new]
        self._texts_old, self._texts_new = texts[: len(old)], texts[len(old) :]
        # min_df=2: an n-gram found in one item only can match nothing, and would only dilute
        # that item's vector
        vectorizer = TfidfVectorizer(
            analyzer="char", ngram_range=(2, 3), sublinear_tf=True, lowercase=False, min_df=2
        )
        vectors: Any = None
        self._names: Any = []
        try:
            vectors = vectorizer.fit_transform(texts)
            self._names = vectorizer.get_feature_names_out()
        except ValueError:  # no n-gram shared by two items (or fewer than two items)
            vectors = None
        self._old = vectors[: len(old)] if vectors is not None else None
        self._new = vectors[len(old) :] if vectors is not None else None
        self.matrix: Any = (
            (self._old @ self._new.T).toarray()
            if self._old is not None and self._new is not None and old and new
            else [[0.0] * len(new) for _ in old]
        )

    def group(self, old: list[int], new: list[int]) -> float:
        """Cosine similarity of the summed vectors of two groups."""
        import numpy as np

        if self._old is None or self._new is None:
            return 0.0
        a = np.asarray(self._old[old].sum(axis=0)).ravel()
        b = np.asarray(self._new[new].sum(axis=0)).ravel()
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b) / norm if norm else 0.0

    def terms(self, old: list[int], new: list[int], limit: int = 5) -> list[str]:
        """The n-grams that contribute most to the score, longest first where they overlap."""
        import numpy as np

        if self._old is None or self._new is None:
            return []
        a = np.asarray(self._old[old].sum(axis=0)).ravel()
        b = np.asarray(self._new[new].sum(axis=0)).ravel()
        weight = a * b
        order = sorted(np.nonzero(weight)[0], key=lambda i: (-weight[i], self._names[i]))
        left = "\n".join(self._texts_old[i] for i in old)
        right = "\n".join(self._texts_new[j] for j in new)
        chosen: list[str] = []
        for index in order:
            gram = _widest(str(self._names[index]), left, right)
            if any(gram in other for other in chosen):
                continue
            chosen = [c for c in chosen if c not in gram] + [gram]
            if len(chosen) == limit:
                break
        return chosen


def _widest(gram: str, left: str, right: str, limit: int = 8) -> str:
    """``gram`` grown one character at a time while both texts still contain it: the n-grams
    中选产 and 选产品 are evidence of 中选产品."""
    best = gram
    for start in (m.start() for m in regex.finditer(regex.escape(gram), left)):
        lo, hi = start, start + len(gram)
        while hi < len(left) and hi - lo < limit and left[lo : hi + 1] in right:
            hi += 1
        while lo > 0 and hi - lo < limit and left[lo - 1 : hi] in right:
            lo -= 1
        if hi - lo > len(best):
            best = left[lo:hi]
    return best


def _clean(text: str) -> str:
    return _NOISE.sub("", text)


def align(old: list[Item], new: list[Item], scorer: Scorer, threshold: float) -> list[Link]:
    """Links between items; unlinked items are those in no link."""
    matrix = scorer.matrix
    links = _key_links(old, new, matrix)
    free_old = [i for i in range(len(old)) if not any(i in link.old for link in links)]
    free_new = [j for j in range(len(new)) if not any(j in link.new for link in links)]
    links += _assign(free_old, free_new, matrix, threshold, len(old), len(new))
    links = _groups(links, len(old), len(new), scorer, threshold)
    for link in links:
        link.terms = scorer.terms(link.old, link.new)
    return sorted(links, key=lambda link: (min(link.new), min(link.old)))


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
    links: list[Link], n_old: int, n_new: int, scorer: Scorer, threshold: float
) -> list[Link]:
    """Splits (one old, several new) and merges (several old, one new), found together from the
    one-to-one links so that the result does not depend on which side is called old."""
    matrix = scorer.matrix
    linked_old = {i for link in links for i in link.old}
    linked_new = {j for link in links for j in link.new}
    offers: list[tuple[float, int, str, int]] = []  # (gain, link index, side, item)
    for index, link in enumerate(links):
        i, j = link.old[0], link.new[0]
        for extra in (k for k in range(n_new) if k not in linked_new):
            if matrix[i][extra] >= threshold:
                gain = scorer.group([i], [j, extra]) - link.score
                if gain > _GROUP_GAIN:
                    offers.append((gain, index, "new", extra))
        for extra in (k for k in range(n_old) if k not in linked_old):
            if matrix[extra][j] >= threshold:
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
