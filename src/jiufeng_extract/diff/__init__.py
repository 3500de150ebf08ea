"""``jiufeng diff``: what changed between two circulars.

Stages: ``align`` (items of both sides → links with scores, splits and merges) →
``changes`` (links → task, special-action, milestone, unit, deadline, term and metadata
changes in a ``DiffReport``) → ``render`` (text, Markdown, HTML; JSON is the model itself).
"""

from __future__ import annotations

from .changes import compare
from .model import DiffReport

__all__ = ["DiffReport", "compare"]
