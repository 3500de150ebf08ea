"""Case files for the OFD loader's harder inputs, written to tests/data/ofd/cases/ (committed;
tests do not run this). Needs fontTools (a dependency), Pillow (the ocr extra) and
fonts-noto-cjk from Debian:

- ``pua-mapped.ofd``: text written in private-use codes, with an embedded subset of Noto Serif
  CJK whose cmap maps both the private-use codes and the real ones to each glyph (the loader
  reads the text back through the font);
- ``pua-unmapped.ofd``: the same page, the font's cmap holding only the private-use codes and
  its glyphs named by CID (nothing says what they are: garbled, unless OCR reads the page
  drawn with the font);
- ``scan-page.ofd``: a page that draws only an image, the first page of the Shanghai seed's
  scan (``tests/data/scans/page-1.png``);
- ``tolerant.ofd``: what real producers write: no namespace at all, backslashes and Chinese in
  part paths, a page's ``BaseLoc`` relative and another's absolute, a resource folder given as
  an absolute ``BaseLoc``, and a font and an image named but not in the package.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "ofd" / "cases"
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
PRIVATE = 0xE000
# generic circular text: a title, a salutation and a body paragraph in three lines
LINES = [
    "关于开展专项整治工作的通知",
    "各有关单位：",
    "现将有关事项通知如下，请认真贯彻落实。",
]


def _noto_sc() -> TTFont:
    for number in range(20):
        font = TTFont(NOTO, fontNumber=number)
        if "SC" in font["name"].getDebugName(1):
            return font
    raise SystemExit("Noto Serif CJK SC not found: apt-get install fonts-noto-cjk")


def subset_font(text: str, back_to_unicode: bool) -> tuple[bytes, dict[str, str]]:
    """A subset of Noto Serif CJK SC for ``text``; each character drawn by a private-use code.
    Returns the font and the code of each character."""
    font = _noto_sc()
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = [1, 2]
    subsetter = subset.Subsetter(options)
    chars = sorted(set(text))
    subsetter.populate(text="".join(chars))
    subsetter.subset(font)
    best = font.getBestCmap()
    codes = {char: chr(PRIVATE + i) for i, char in enumerate(chars)}
    mapping = {ord(codes[char]): best[ord(char)] for char in chars}
    if back_to_unicode:
        mapping.update({ord(char): best[ord(char)] for char in chars})
    table = CmapSubtable.newSubtable(4)
    table.platformID, table.platEncID, table.language = 3, 1, 0
    table.cmap = mapping
    font["cmap"].tables = [table]
    out = io.BytesIO()
    font.recalcTimestamp = False  # the same bytes on every run
    font.save(out)
    return out.getvalue(), codes


def _zip(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            entry = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))  # reproducible
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


def _package(content: str, res: str, files: dict[str, bytes]) -> bytes:
    parts: dict[str, bytes | str] = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0">'
        "<ofd:DocBody><ofd:DocInfo><ofd:DocID>case</ofd:DocID></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f"<ofd:Document {NS}><ofd:CommonData>"
        "<ofd:MaxUnitID>20</ofd:MaxUnitID><ofd:PageArea>"
        "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>"
        '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        "Doc_0/PublicRes.xml": f'<ofd:Res {NS} BaseLoc="Res">{res}</ofd:Res>',
        "Doc_0/Pages/Page_0/Content.xml": f"<ofd:Page {NS}><ofd:Content>"
        f'<ofd:Layer ID="2">{content}</ofd:Layer></ofd:Content></ofd:Page>',
    }
    parts.update({f"Doc_0/Res/{name}": data for name, data in files.items()})
    return _zip(parts)


def pua_case(back_to_unicode: bool) -> bytes:
    font, codes = subset_font("".join(LINES), back_to_unicode)
    size, objects = 6.0, []
    for i, line in enumerate(LINES):
        text = "".join(codes[char] for char in line)
        top = 40 + i * 12
        objects.append(
            f'<ofd:TextObject ID="{10 + i}" Boundary="25 {top} 170 10" Font="3" Size="{size}">'
            f'<ofd:TextCode X="0" Y="{size * 0.88}" DeltaX="g {len(line) - 1} {size}">'
            f"{text}</ofd:TextCode></ofd:TextObject>"
        )
    res = (
        '<ofd:Fonts><ofd:Font ID="3" FontName="NotoSerifCJKsc-Regular" FamilyName="Noto Serif">'
        "<ofd:FontFile>font_3.otf</ofd:FontFile></ofd:Font></ofd:Fonts>"
    )
    return _package("".join(objects), res, {"font_3.otf": font})


def scan_case() -> bytes:
    image = (ROOT / "tests" / "data" / "scans" / "page-1.png").read_bytes()
    content = (
        '<ofd:ImageObject ID="10" ResourceID="4" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'
    )
    res = (
        '<ofd:MultiMedias><ofd:MultiMedia ID="4" Type="Image" Format="PNG">'
        "<ofd:MediaFile>page-1.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias>"
    )
    return _package(content, res, {"page-1.png": image})


def tolerant_case() -> bytes:
    """Two pages, no namespace, paths as sloppy producers write them."""

    def text(top: float, line: str) -> str:
        return (
            f'<TextObject ID="9" Boundary="25 {top} 170 10" Font="5" Size="5">'
            f'<TextCode X="0" Y="4.4" DeltaX="g {len(line) - 1} 5">{line}</TextCode></TextObject>'
        )

    def page(lines: list[str]) -> str:
        body = "".join(text(40 + 10 * i, line) for i, line in enumerate(lines))
        return f"<Page><Content><Layer>{body}</Layer></Content></Page>"

    return _zip(
        {
            "OFD.xml": "<OFD><DocBody><DocRoot>\\文档_0\\Document.xml</DocRoot></DocBody></OFD>",
            "文档_0/Document.xml": "<Document><CommonData><PageArea><PhysicalBox>0 0 210 297"
            "</PhysicalBox></PageArea><PublicRes>.\\公共资源.xml</PublicRes></CommonData><Pages>"
            '<Page ID="1" BaseLoc="页面\\第1页\\Content.xml"/>'
            '<Page ID="2" BaseLoc="/文档_0/页面/第2页/Content.xml"/></Pages></Document>',
            "文档_0/公共资源.xml": '<Res BaseLoc="/文档_0/资源"><Fonts>'
            '<Font ID="5" FontName="宋体"><FontFile>宋体.ttf</FontFile></Font></Fonts><MultiMedias>'
            '<MultiMedia ID="6" Type="Image"><MediaFile>图片.png</MediaFile></MultiMedia>'
            "</MultiMedias></Res>",
            "文档_0/页面/第1页/Content.xml": page(["第一页的标题", "第一页的正文"]),
            "文档_0/页面/第2页/Content.xml": page(["第二页的正文"]),
        }
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cases = {
        "pua-mapped.ofd": pua_case(back_to_unicode=True),
        "pua-unmapped.ofd": pua_case(back_to_unicode=False),
        "scan-page.ofd": scan_case(),
        "tolerant.ofd": tolerant_case(),
    }
    for name, data in cases.items():
        (OUT / name).write_bytes(data)
        print(f"{OUT / name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
