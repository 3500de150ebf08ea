"""Render both seeds as OFD (GB/T 33190), laid out as their GB/T 9704 PDF samples are.

For each seed this writes ``samples/<name>.ofd`` from ``samples/<name>.pdf`` (which
``make_samples.py`` lays out from the seed text): every character at the place the PDF prints
it, so the OFD form can be compared with the text form (``tests/test_formats.py``). The OFD is
written the way document systems write them, to exercise the loader:

- one ``TextObject`` per run of text on a baseline, its characters placed by ``DeltaX`` (the
  ``g n v`` form where steps repeat), coordinates relative to the object's ``Boundary``;
  titles set at half the size and scaled back by a ``CTM``;
- the red masthead (发文机关标志 and the red rule under it) on a template page that page 1
  draws (``TemplatePage``, ``ZOrder="Background"``), the page numbers in a ``Foreground`` layer,
  the body in ``PageBlock``s;
- the PDF's ruled lines (the responsibility table on the landscape pages) as ``PathObject``
  strokes;
- ``DocInfo`` with the title, issuer and 发文字号 as ``CustomData``, and one seal signature
  (``Signatures.xml`` → ``Signature.xml`` with a ``StampAnnot`` on the last page; the signed
  value is a placeholder: nothing here is cryptography).

Needs only the package's own dependencies (pypdfium2); run with ``make samples``.
"""

from __future__ import annotations

import ctypes
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pypdfium2
import pypdfium2.raw as pdfium_c

from jiufeng_extract.patterns import PAGE_NUMBER
from jiufeng_extract.pipeline import extract_path

HERE = Path(__file__).parent
SEEDS = ("shanghai-2023-jiufeng", "national-2024-jiufeng")
MM = 25.4 / 72  # mm per point
NS = "http://www.ofdspec.org/2016"
TITLE_SIZE = 18.0  # points: text this large is written at half size with a CTM scaling by 2
STAMP_DATE = "20250101120000Z"  # fixed, so a re-run writes the same bytes


@dataclass
class Run:
    """Characters on one baseline, in order: (char, x, baseline y) in mm from the top-left."""

    size: float  # mm
    red: bool
    chars: list[tuple[str, float, float]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c for c, _, _ in self.chars)


def _chars(page: pypdfium2.PdfPage) -> list[Run]:
    """The page's characters as runs on a baseline, from PDFium."""
    height = page.get_height()
    textpage = page.get_textpage()
    raw = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    runs: list[Run] = []
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if code in (0, 0xFFFE, 0xFFFF, 10, 13) or 0xD800 <= code <= 0xDFFF:
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, i, ctypes.byref(x), ctypes.byref(y))
        pdfium_c.FPDFText_GetFillColor(
            raw, i, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
        )
        size = pdfium_c.FPDFText_GetFontSize(raw, i) * MM
        red = r.value > 150 and g.value < 100 and b.value < 100
        cx, cy = x.value * MM, (height - y.value) * MM
        last = runs[-1] if runs else None
        if (
            last is None
            or abs(last.chars[-1][2] - cy) > 0.2
            or abs(last.size - size) > 0.01
            or last.red != red
            or cx < last.chars[-1][1]
            or cx - last.chars[-1][1] > 4 * size
        ):
            last = Run(size=size, red=red)
            runs.append(last)
        last.chars.append((chr(code), cx, cy))
    textpage.close()
    return [run for run in runs if run.text.strip()]


def _deltas(steps: list[float]) -> str:
    """DeltaX values, repeated steps written in the ``g n v`` form."""
    out: list[str] = []
    i = 0
    while i < len(steps):
        j = i
        while j + 1 < len(steps) and abs(steps[j + 1] - steps[i]) < 0.001:
            j += 1
        value = f"{steps[i]:.3f}".rstrip("0").rstrip(".")
        out.append(f"g {j - i + 1} {value}" if j - i >= 2 else " ".join([value] * (j - i + 1)))
        i = j + 1
    return " ".join(out)


class Ids:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def _text_object(run: Run, ids: Ids, font: int) -> str:
    """A TextObject: Boundary at the run's box, the characters placed by DeltaX."""
    scale = 2.0 if run.size / MM >= TITLE_SIZE else 1.0
    left = run.chars[0][1]
    top = run.chars[0][2] - run.size
    width = run.chars[-1][1] - left + run.size
    steps = [(b[1] - a[1]) / scale for a, b in zip(run.chars, run.chars[1:], strict=False)]
    ctm = f' CTM="{scale:g} 0 0 {scale:g} 0 0"' if scale != 1.0 else ""
    delta = f" DeltaX={quoteattr(_deltas(steps))}" if steps else ""
    fill = '<ofd:FillColor Value="255 0 0"/>' if run.red else ""
    return (
        f'<ofd:TextObject ID="{ids.next()}" Boundary="{left:.3f} {top:.3f} {width:.3f} '
        f'{run.size * 1.3:.3f}" Font="{font}" Size="{run.size / scale:.4f}"{ctm}>{fill}'
        f'<ofd:TextCode X="0" Y="{run.size / scale:.4f}"{delta}>{escape(run.text)}'
        "</ofd:TextCode></ofd:TextObject>"
    )


def _paths(page: pypdfium2.PdfPage, ids: Ids) -> tuple[list[str], list[str]]:
    """Straight segments of the page's paths as PathObjects: (red ones, the others)."""
    height = page.get_height()
    red, other = [], []
    x, y = ctypes.c_float(), ctypes.c_float()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
        ma, mb, mc, md, me, mf = obj.get_matrix().get()
        commands = []
        for i in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
            pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            px = (ma * x.value + mc * y.value + me) * MM
            py = (height - (mb * x.value + md * y.value + mf)) * MM
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            letter = "M" if kind == pdfium_c.FPDF_SEGMENT_MOVETO else "L"
            commands.append(f"{letter} {px:.3f} {py:.3f}")
            if pdfium_c.FPDFPathSegment_GetClose(segment):
                commands.append("C")
        if not commands:
            continue
        pdfium_c.FPDFPageObj_GetStrokeColor(
            obj.raw, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
        )
        is_red = r.value > 150 and g.value < 100 and b.value < 100
        colour = '<ofd:StrokeColor Value="255 0 0"/>' if is_red else ""
        element = (
            f'<ofd:PathObject ID="{ids.next()}" Boundary="0 0 {page.get_width() * MM:.3f} '
            f'{height * MM:.3f}" LineWidth="0.353">{colour}'
            f"<ofd:AbbreviatedData>{' '.join(commands)}</ofd:AbbreviatedData></ofd:PathObject>"
        )
        (red if is_red else other).append(element)
    return red, other


def _page_xml(width: float, height: float, template: int | None, layers: list[str]) -> str:
    tpl = f'<ofd:Template TemplateID="{template}" ZOrder="Background"/>' if template else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{NS}">'
        f"<ofd:Area><ofd:PhysicalBox>0 0 {width:.3f} {height:.3f}</ofd:PhysicalBox></ofd:Area>"
        f"{tpl}<ofd:Content>{''.join(layers)}</ofd:Content></ofd:Page>\n"
    )


def render(seed: str) -> bytes:
    pdf = pypdfium2.PdfDocument(HERE / f"{seed}.pdf")
    circular = extract_path(HERE / f"{seed}.txt")
    ids = Ids()
    parts: dict[str, str] = {}
    template_id = ids.next()
    page_ids = []
    masthead: list[str] = []
    for index, page in enumerate(pdf):
        width, height = page.get_width() * MM, page.get_height() * MM
        runs = _chars(page)
        red_paths, rules = _paths(page, ids)
        numbers = [r for r in runs if PAGE_NUMBER.match(r.text) and r.chars[0][2] > height * 0.85]
        body = [r for r in runs if not r.red and r not in numbers]
        layers = [
            f'<ofd:Layer ID="{ids.next()}" Type="Body"><ofd:PageBlock ID="{ids.next()}">'
            + "".join(_text_object(r, ids, 2) for r in body)
            + "</ofd:PageBlock>"
            + "".join(rules)
            + "</ofd:Layer>",
            f'<ofd:Layer ID="{ids.next()}" Type="Foreground">'
            + "".join(_text_object(r, ids, 2) for r in numbers)
            + "</ofd:Layer>",
        ]
        if index == 0:
            masthead = [_text_object(r, ids, 3) for r in runs if r.red] + red_paths
        page_ids.append(ids.next())
        parts[f"Doc_0/Pages/Page_{index}/Content.xml"] = _page_xml(
            width, height, template_id if index == 0 else None, layers
        )
        page.close()
    first = pdf[0]
    parts["Doc_0/Tpls/Tpl_0/Content.xml"] = _page_xml(
        first.get_width() * MM,
        first.get_height() * MM,
        None,
        [f'<ofd:Layer ID="{ids.next()}" Type="Background">{"".join(masthead)}</ofd:Layer>'],
    )
    last_page = len(page_ids) - 1
    parts["Doc_0/Document.xml"] = _document_xml(page_ids, template_id, ids)
    parts["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
        '<ofd:Fonts><ofd:Font ID="2" FontName="仿宋" FamilyName="仿宋"/>'
        '<ofd:Font ID="3" FontName="小标宋" FamilyName="小标宋"/></ofd:Fonts></ofd:Res>\n'
    )
    metadata = circular.metadata
    parts["OFD.xml"] = _ofd_xml(seed, metadata.title or "", "、".join(metadata.issuers), metadata)
    parts["Doc_0/Signs/Signatures.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Signatures xmlns:ofd="{NS}">'
        '<ofd:MaxSignId>1</ofd:MaxSignId><ofd:Signature ID="1" Type="Seal" '
        'BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>\n'
    )
    parts["Doc_0/Signs/Sign_0/Signature.xml"] = _signature_xml(
        page_ids[last_page], "、".join(metadata.issuers)
    )
    parts["Doc_0/Signs/Sign_0/SignedValue.dat"] = "placeholder: not a signature\n"
    seal_name = f"{metadata.issuers[0] if metadata.issuers else seed} (sample seal)".encode()
    inner = b"\x0c" + bytes([len(seal_name)]) + seal_name
    binary = {"Doc_0/Signs/Sign_0/Seal.esl": b"\x30" + bytes([len(inner)]) + inner}
    pdf.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["OFD.xml", *sorted(p for p in parts if p != "OFD.xml")]:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name].encode("utf-8"))
        for name, data in binary.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            archive.writestr(info, data)
    return buffer.getvalue()


def _document_xml(page_ids: list[int], template_id: int, ids: Ids) -> str:
    pages = "".join(
        f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
        for i, pid in enumerate(page_ids)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        f'<ofd:TemplatePage ID="{template_id}" BaseLoc="Tpls/Tpl_0/Content.xml" '
        f'ZOrder="Background"/><ofd:MaxUnitID>{ids.next()}</ofd:MaxUnitID></ofd:CommonData>'
        f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>\n"
    )


def _ofd_xml(seed: str, title: str, issuer: str, metadata: object) -> str:
    number = getattr(metadata, "doc_number", None) or ""
    custom = "".join(
        f"<ofd:CustomData Name={quoteattr(name)}>{escape(value)}</ofd:CustomData>"
        for name, value in (("发文机关", issuer), ("发文字号", number))
        if value
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
        'DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
        f"<ofd:DocID>{seed}</ofd:DocID><ofd:Title>{escape(title)}</ofd:Title>"
        f"<ofd:Author>{escape(issuer)}</ofd:Author>"
        "<ofd:CreationDate>2025-01-01</ofd:CreationDate>"
        "<ofd:Creator>jiufeng-extract samples/make_ofd_samples.py</ofd:Creator>"
        f"<ofd:CustomDatas>{custom}</ofd:CustomDatas></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
        "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>"
        "</ofd:DocBody></ofd:OFD>\n"
    )


def _signature_xml(page_id: int, signer: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Signature xmlns:ofd="{NS}"><ofd:SignedInfo>'
        '<ofd:Provider ProviderName="jiufeng-extract samples" Version="1.0"/>'
        "<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>"
        f"<ofd:SignatureDateTime>{STAMP_DATE}</ofd:SignatureDateTime>"
        '<ofd:References CheckMethod="1.2.156.10197.1.401"/>'
        f'<ofd:StampAnnot ID="1" PageRef="{page_id}" Boundary="120 200 42 42"/>'
        f"<ofd:Seal><ofd:BaseLoc>Seal.esl</ofd:BaseLoc></ofd:Seal>"
        f"</ofd:SignedInfo><ofd:SignedValue>SignedValue.dat</ofd:SignedValue>"
        f"<!-- signer: {escape(signer)} --></ofd:Signature>\n"
    )


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def bad_files(good: bytes) -> dict[str, bytes]:
    """The OFDs a loader must refuse in one line: cut short, a ZIP bomb, entity expansion; and
    one it must read with a warning: a page part named but missing."""
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE ofd:OFD [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %c "%s">' % (98 + i, b"".join(b"&%c;" % (97 + i) for _ in range(10)))
            for i in range(8)
        )
        + b"]>\n"
    )
    entities = dict(parts)
    entities["OFD.xml"] = laughs + parts["OFD.xml"].split(b"\n", 1)[1].replace(
        b"<ofd:Creator>", b"<ofd:Creator>&i;"
    )
    bomb = {"OFD.xml": parts["OFD.xml"], "Doc_0/Document.xml": b"<" + b" " * (8 * 1024 * 1024)}
    missing = {name: data for name, data in parts.items() if "Page_1/" not in name}
    return {
        "damaged.ofd": good[: len(good) // 2],
        "bomb.ofd": _zip(bomb),
        "entities.ofd": _zip(entities),
        "missing-page.ofd": _zip(missing),
    }


def main() -> None:
    for seed in SEEDS:
        target = HERE / f"{seed}.ofd"
        target.write_bytes(render(seed))
        print(f"wrote {target}")
    data = HERE.parent / "tests" / "data" / "ofd"
    data.mkdir(parents=True, exist_ok=True)
    for name, content in bad_files((HERE / f"{SEEDS[1]}.ofd").read_bytes()).items():
        (data / name).write_bytes(content)
        print(f"wrote {data / name}")


if __name__ == "__main__":
    main()
