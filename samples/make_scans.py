"""Build the scanned test files from the sample PDFs: what an office scanner makes of the signed
paper copy.

Each page is rendered at 200 dpi, a red seal (ring, star, the issuer's name along the rim) is
stamped over the signature and the date as the ink of a seal lies on paper (multiplied: black
print under it stays dark), the sheet is turned a little (as fed into the scanner), blurred and
noised slightly, and saved as JPEG: greyscale pages, colour where a seal is. Writes, under
``tests/data/scans/``:

- ``<seed>-scan.pdf`` for both seeds: every page an image, no text layer;
- ``mixed-cover.pdf``: the first seed with its first two pages scanned and the rest its text
  layer;
- ``garbled-cover.pdf``: the first two pages of ``tests/data/garbled-fonts.pdf`` (fonts without
  a Unicode map, made by ``make_samples.py``), for OCR to read instead;
- ``sideways-sheet.pdf``: the first seed's cover page and its first landscape table sheet fed
  into the scanner the long way, so that the sheet lies turned a quarter turn to the left on a
  portrait page (no /Rotate: only its print shows which way is up);
- ``pasted-pages.docx``: the first seed's first two scanned pages (the cover, and the signature
  page in colour with its seal) pasted into a Word document as pictures, one a page, no text;
- ``page-1.png`` (greyscale), ``signature.jpg`` (colour, with the seal) and ``pages.tiff`` (two
  pages, black and white, CCITT group 4): image inputs.

Deterministic (fixed seeds), needs the package with its ``ocr`` extra (Pillow, NumPy,
pypdfium2) and ``fonts-noto-cjk`` for the seal's lettering; run with
``.venv/bin/python samples/make_scans.py``. The outputs are committed so tests need none of it.
"""

from __future__ import annotations

import io
import math
import zipfile
from pathlib import Path

import numpy as np
import pypdfium2
import regex
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from jiufeng_extract import extract_path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "tests" / "data" / "scans"
SEEDS = ["shanghai-2023-jiufeng", "national-2024-jiufeng"]
DPI = 200
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
SEAL_MM = 42.0
SEAL_INK = (226, 38, 44)
_DATE = regex.compile(r"(?m)^[ \t]*\d{4}[ ]*年[ ]*\d{1,2}[ ]*月[ ]*\d{1,2}[ ]*日[ \t]*\r?$")


def render(pdf: pypdfium2.PdfDocument, index: int) -> Image.Image:
    image = pdf[index].render(scale=DPI / 72, rev_byteorder=True).to_pil()
    return image.convert("RGB")


def signature_dates(pdf: pypdfium2.PdfDocument) -> list[tuple[int, float, float]]:
    """(page index, x, y) in pixels of each 成文日期: a line holding only a date, set right."""
    found = []
    for index in range(len(pdf)):
        page = pdf[index]
        width, height = page.get_size()
        text = page.get_textpage()
        content = text.get_text_range()
        for match in _DATE.finditer(content):
            boxes = [text.get_charbox(i) for i in range(match.start(), match.end())]
            boxes = [b for b in boxes if b[2] > b[0]]
            x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
            y = height - (min(b[1] for b in boxes) + max(b[3] for b in boxes)) / 2
            if x0 > width * 0.45:
                found.append((index, (x0 + x1) / 2 * DPI / 72, y * DPI / 72))
    return found


def seal(name: str, rng: np.random.Generator) -> Image.Image:
    """A round seal in greyscale coverage (255 = full ink): rim, star, name along the rim."""
    size = round(SEAL_MM / 25.4 * DPI)
    cover = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(cover)
    rim = round(size * 0.03)
    draw.ellipse((rim, rim, size - rim, size - rim), outline=255, width=rim)
    centre, star = size / 2, size * 0.16
    points = [
        (
            centre + (star if i % 2 == 0 else star * 0.4) * math.sin(i * math.pi / 5),
            centre - (star if i % 2 == 0 else star * 0.4) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(points, fill=255)
    font = ImageFont.truetype(FONT, round(size * 0.12))
    letters = name[:14]
    spread = math.radians(250)
    for i, letter in enumerate(letters):
        angle = -spread / 2 + spread * (i + 0.5) / len(letters)
        glyph = Image.new("L", (round(size * 0.16), round(size * 0.16)), 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), letter, 255, font, "mm")
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.Resampling.BICUBIC)
        radius = size / 2 - rim * 2 - glyph.width / 2
        x = centre + radius * math.sin(angle) - glyph.width / 2
        y = centre - radius * math.cos(angle) - glyph.height / 2
        cover.paste(255, (round(x), round(y)), glyph)
    # ink is uneven: some of it did not take
    texture = rng.uniform(0.55, 1.0, (size, size))
    return Image.fromarray((np.asarray(cover) * texture).astype(np.uint8))


def stamp(page: Image.Image, cover: Image.Image, x: float, y: float) -> Image.Image:
    """Multiply the seal's ink into the page, centred on (x, y)."""
    pixels = np.asarray(page).astype(np.float32) / 255
    layer = np.ones_like(pixels)
    left, top = round(x - cover.width / 2), round(y - cover.height / 2)
    share = np.asarray(cover).astype(np.float32)[:, :, None] / 255
    ink = np.array(SEAL_INK, np.float32) / 255
    region = layer[top : top + cover.height, left : left + cover.width]
    region[:] = 1 - share[: region.shape[0], : region.shape[1]] * (1 - ink)
    return Image.fromarray((pixels * layer * 255).astype(np.uint8))


def scanner(page: Image.Image, angle: float, rng: np.random.Generator) -> Image.Image:
    """Fed in a little askew, a little soft, a little noisy."""
    turned = page.rotate(angle, Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    soft = turned.filter(ImageFilter.GaussianBlur(0.6))
    pixels = np.asarray(soft).astype(np.float32)
    pixels += rng.normal(0, 4, pixels.shape[:2])[:, :, None]
    pixels[pixels > 232] = 255  # the scanner's white point: paper comes out white
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def scanned_pages(name: str) -> list[Image.Image]:
    pdf = pypdfium2.PdfDocument(HERE / f"{name}.pdf")
    rng = np.random.default_rng(len(name))
    issuers = extract_path(HERE / f"{name}.txt").metadata.issuers
    seals = {index: (x, y) for index, x, y in signature_dates(pdf)}
    pages = []
    for index in range(len(pdf)):
        page = render(pdf, index)
        if index in seals:
            x, y = seals[index]
            page = stamp(page, seal(issuers[0], rng), x, y - 0.25 * SEAL_MM / 25.4 * DPI)
        angle = (0.6 + 0.5 * rng.random()) * (1 if index % 2 else -1)
        page = scanner(page, angle, rng)
        pages.append(page if index in seals else page.convert("L"))
    return pages


def sideways_sheet(name: str, index: int) -> Image.Image:
    """Page ``index`` (a landscape sheet) as a portrait scan: turned a quarter turn to the left,
    a little askew, grey (stored black and white, as the other sheets)."""
    pdf = pypdfium2.PdfDocument(HERE / f"{name}.pdf")
    page = render(pdf, index).transpose(Image.Transpose.ROTATE_90)
    return scanner(page, 0.8, np.random.default_rng(index)).convert("L")


def pasted_pages(pages: list[Image.Image]) -> bytes:
    """A DOCX whose body is only the page images, pasted one to a page (JPEG, quality 40)."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(5)
    section.top_margin = section.bottom_margin = Mm(5)
    for number, page in enumerate(pages):
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=40, dpi=(DPI, DPI))
        buffer.seek(0)
        run = document.add_paragraph().add_run()
        if number:
            run.add_break(WD_BREAK.PAGE)
        run.add_picture(buffer, width=Mm(195))
    saved = io.BytesIO()
    document.save(saved)
    # the same bytes on every run: python-docx stamps each ZIP entry with the time of saving
    out = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as package,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as fixed,
    ):
        for entry in package.infolist():
            fixed.writestr(
                zipfile.ZipInfo(entry.filename), package.read(entry), zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


def bilevel(page: Image.Image) -> Image.Image:
    """The office scanner's black-and-white document mode (CCITT group 4: a few kB a page)."""
    return page.convert("L").point(lambda v: 255 if v > 160 else 0, "1")


def to_pdf(pages: list[Image.Image]) -> bytes:
    """One image per page: JPEG for grey and colour pages, CCITT group 4 for black and white."""
    document = pypdfium2.PdfDocument.new()
    for page in pages:
        buffer = io.BytesIO()
        extra = {} if page.mode == "1" else {"quality": 40}
        page.save(buffer, "PDF", resolution=DPI, **extra)
        document.import_pages(pypdfium2.PdfDocument(buffer.getvalue()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def mixed(name: str, pages: list[Image.Image], scanned: int) -> bytes:
    """The first ``scanned`` pages as images, the rest from the original's text layer."""
    covers = pypdfium2.PdfDocument(to_pdf(pages[:scanned]))
    body = pypdfium2.PdfDocument(HERE / f"{name}.pdf")
    covers.import_pages(body, list(range(scanned, len(body))))
    buffer = io.BytesIO()
    covers.save(buffer)
    return buffer.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in SEEDS:
        pages = scanned_pages(name)
        stored = [page if page.mode == "RGB" else bilevel(page) for page in pages]
        (OUT / f"{name}-scan.pdf").write_bytes(to_pdf(stored))
        print(f"wrote {name}-scan.pdf ({len(pages)} pages)")
        if name == SEEDS[0]:
            (OUT / "mixed-cover.pdf").write_bytes(mixed(name, pages, 2))
            flat = ImageOps.posterize(pages[0].convert("L"), 3)  # 8 grey levels: a small PNG
            flat.save(OUT / "page-1.png", dpi=(DPI, DPI), optimize=True)
            signature = next(p for p in pages if p.mode == "RGB")
            signature.save(OUT / "signature.jpg", dpi=(DPI, DPI), quality=60)
            stored[0].save(
                OUT / "pages.tiff",
                save_all=True,
                append_images=[bilevel(pages[1])],
                compression="group4",
                dpi=(DPI, DPI),
            )
            garbled = pypdfium2.PdfDocument.new()
            garbled.import_pages(pypdfium2.PdfDocument(OUT.parent / "garbled-fonts.pdf"), [0, 1])
            buffer = io.BytesIO()
            garbled.save(buffer)
            (OUT / "garbled-cover.pdf").write_bytes(buffer.getvalue())
            sheet = next(i for i, p in enumerate(pages) if p.width > p.height)
            sideways = to_pdf([stored[0], bilevel(sideways_sheet(name, sheet))])
            (OUT / "sideways-sheet.pdf").write_bytes(sideways)
            (OUT / "pasted-pages.docx").write_bytes(pasted_pages(pages[:2]))
            print(
                "wrote mixed-cover.pdf, garbled-cover.pdf, page-1.png, signature.jpg, pages.tiff,"
                " sideways-sheet.pdf, pasted-pages.docx"
            )


if __name__ == "__main__":
    main()
