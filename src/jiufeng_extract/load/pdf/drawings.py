"""What a PDF page draws besides text, walked with PDFium's own calls: the straight segments of
its paths (table rules) and the boxes of the seals it draws (a red ring of curves, a red image
of a seal's size).

A page holds hundreds of text objects and a table hundreds of path segments: each is asked
through the C functions themselves (``_Calls``), without pypdfium2's argument conversion,
which costs more per call than PDFium's answer, and without a pypdfium2 object per page object
(only a seal-sized image gets one, to decode its pixels).
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..fixed import Box, Edge, edge
from .bare import bare
from .marks import seal_image, seal_path, seal_sized

if TYPE_CHECKING:
    import pypdfium2

    from .pages import Upright

# pypdfium2's ``get_objects`` default: forms nested deeper than this are not opened
_MAX_DEPTH = 15


class _Handle(ctypes.c_void_p):
    """A PDFium handle as a C function returns it: ctypes hands back a subclass of ``c_void_p``
    as it is (``c_void_p`` itself would become an int, which a call without argument types
    would pass as a 32-bit int)."""


@dataclass(frozen=True)
class _Calls:
    count_objects: Callable[..., int]
    get_object: Callable[..., _Handle]
    object_type: Callable[..., int]
    matrix: Callable[..., int]
    bounds: Callable[..., int]
    count_segments: Callable[..., int]
    segment: Callable[..., _Handle]
    point: Callable[..., int]
    segment_type: Callable[..., int]
    closes: Callable[..., int]
    count_in_form: Callable[..., int]
    get_in_form: Callable[..., _Handle]


@functools.cache
def _calls() -> _Calls:
    import pypdfium2.raw as pdfium_c

    return _Calls(
        count_objects=bare(pdfium_c.FPDFPage_CountObjects, ctypes.c_int),
        get_object=bare(pdfium_c.FPDFPage_GetObject, _Handle),
        object_type=bare(pdfium_c.FPDFPageObj_GetType, ctypes.c_int),
        matrix=bare(pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int),
        bounds=bare(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_int),
        count_segments=bare(pdfium_c.FPDFPath_CountSegments, ctypes.c_int),
        segment=bare(pdfium_c.FPDFPath_GetPathSegment, _Handle),
        point=bare(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int),
        segment_type=bare(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int),
        closes=bare(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int),
        count_in_form=bare(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int),
        get_in_form=bare(pdfium_c.FPDFFormObj_GetObject, _Handle),
    )


def drawings(page: pypdfium2.PdfPage, upright: Upright) -> tuple[list[Edge], list[Box]]:
    """Horizontal and vertical straight segments of every path, in page coordinates (the
    shared table finder, ``fixed.ruled_tables``, turns them into cells), and the boxes of the
    seals the page draws: a red ring of curves, or a red image of a seal's size."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    calls = _calls()
    lineto, bezierto, moveto = (
        pdfium_c.FPDF_SEGMENT_LINETO,
        pdfium_c.FPDF_SEGMENT_BEZIERTO,
        pdfium_c.FPDF_SEGMENT_MOVETO,
    )
    edges: list[Edge] = []
    seals = []
    x, y = ctypes.c_float(), ctypes.c_float()
    x_at, y_at = ctypes.byref(x), ctypes.byref(y)
    for obj, kind, matrix in _objects(page, calls):
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            box = upright.box(*_bounds(obj, calls))
            if seal_sized(box) and seal_image(
                pypdfium2.PdfObject(_typed(obj), page=page, pdf=page.pdf), box
            ):
                seals.append(box)
            continue
        a, b, c, d, e, f = matrix
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        curved = False
        for i in range(calls.count_segments(obj)):
            segment = calls.segment(obj, i)
            calls.point(segment, x_at, y_at)
            px, py = x.value, y.value
            point = (a * px + c * py + e, b * px + d * py + f)
            step = calls.segment_type(segment)
            if step == lineto and points:
                edges += _edge(points[-1], point, upright)
            elif step == bezierto:
                curved = True
            if step == moveto:
                start = point
            points.append(point)
            if calls.closes(segment) and start is not None:
                edges += _edge(point, start, upright)
        if curved and points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            box = upright.box(min(xs), min(ys), max(xs), max(ys))
            if seal_sized(box) and seal_path(_typed(obj), box):
                seals.append(box)
    return edges, seals


def _typed(obj: _Handle) -> Any:
    """The handle as pypdfium2's declared argument types take it."""
    import pypdfium2.raw as pdfium_c

    return ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT)


def _bounds(obj: _Handle, calls: _Calls) -> tuple[float, float, float, float]:
    """Left, bottom, right, top of an object in PDF page coordinates (pypdfium2's
    ``get_bounds``)."""
    import pypdfium2

    sides = [ctypes.c_float() for _ in range(4)]
    if not calls.bounds(obj, *(ctypes.byref(side) for side in sides)):
        raise pypdfium2.PdfiumError("Failed to locate pageobject.")
    left, bottom, right, top = (side.value for side in sides)
    return left, bottom, right, top


def _objects(
    page: pypdfium2.PdfPage,
    calls: _Calls,
    form: _Handle | None = None,
    level: int = 0,
    outer: tuple[float, ...] | None = None,
) -> Iterator[tuple[_Handle, int, tuple[float, ...]]]:
    """The page's paths (with their matrices, composed with the forms they sit in) and images;
    text objects are skipped after asking their type."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    path_kind, form_kind, image_kind = (
        pdfium_c.FPDF_PAGEOBJ_PATH,
        pdfium_c.FPDF_PAGEOBJ_FORM,
        pdfium_c.FPDF_PAGEOBJ_IMAGE,
    )
    if form is None:
        parent: Any = page.raw
        count, get = calls.count_objects, calls.get_object
    else:
        parent, count = form, calls.count_in_form

        def get(form: _Handle, index: int) -> _Handle:
            return calls.get_in_form(form, ctypes.c_ulong(index))  # an unsigned long

    object_type = calls.object_type
    fs_matrix = pdfium_c.FS_MATRIX()
    matrix_at = ctypes.byref(fs_matrix)
    for i in range(count(parent)):
        obj = get(parent, i)
        if not obj:
            raise pypdfium2.PdfiumError("Failed to get pageobject.")
        kind = object_type(obj)
        if kind == image_kind:
            yield obj, kind, ()
            continue
        if kind != path_kind and kind != form_kind:
            continue
        if not calls.matrix(obj, matrix_at):
            raise pypdfium2.PdfiumError("Failed to get matrix of pageobject.")
        m = fs_matrix
        matrix = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        if kind == path_kind:
            yield obj, kind, matrix
        elif level < _MAX_DEPTH - 1:
            yield from _objects(page, calls, obj, level + 1, matrix)


def _edge(a: tuple[float, float], b: tuple[float, float], upright: Upright) -> list[Edge]:
    return edge(*upright.box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))


def _compose(inner: tuple[float, ...], outer: tuple[float, ...] | None) -> tuple[float, ...]:
    """The matrix ``inner`` followed by ``outer`` (PDF order: a b c d e f)."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    oa, ob, oc, od, oe, of = outer
    return (
        a * oa + b * oc,
        a * ob + b * od,
        c * oa + d * oc,
        c * ob + d * od,
        e * oa + f * oc + oe,
        e * ob + f * od + of,
    )
