"""Hostile inputs for the bad-input matrix, made at test time (the large ones are megabytes
that inflate to gigabytes, so none is committed). Each ``make_*`` writes one file into a
folder and returns its path; ``python tests/hostile/make_inputs.py DIR`` writes them all, to
try one by hand (``/usr/bin/time -v jiufeng extract DIR/nested-forms.pdf``).
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
DOCX = SAMPLES / "national-2024-jiufeng.docx"
TEXT = SAMPLES / "national-2024-jiufeng.txt"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of ``objects`` (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def _page_objects(content: bytes, resources: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 4 0 R >>"
        % resources,
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def make_nested_forms(folder: Path, depth: int = 24) -> Path:
    """Form XObjects nested ``depth`` deep, each drawing the next twice: 2**depth glyphs."""
    objects = _page_objects(_stream(b"", b"q /X Do Q"), b"<< /XObject << /X 6 0 R >> >>")
    for level in range(depth):
        inner = b"<< /XObject << /X %d 0 R >> >>" % (7 + level) if level < depth - 1 else None
        resources = inner or b"<< /Font << /F 5 0 R >> >>"
        body = b"q /X Do Q q /X Do Q" if inner else b"BT /F 12 Tf 10 10 Td (ab) Tj ET"
        objects.append(
            _stream(
                b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + resources, body
            )
        )
    target = folder / "nested-forms.pdf"
    target.write_bytes(pdf(objects))
    return target


def make_inflating_stream(folder: Path, megabytes: int = 1536) -> Path:
    """A content stream of 1.5 MB that inflates to ``megabytes`` of spaces."""
    compressor = zlib.compressobj(9)
    piece = b" " * (1024 * 1024)
    data = b"".join(compressor.compress(piece) for _ in range(megabytes)) + compressor.flush()
    content = _stream(b"/Filter /FlateDecode", data)
    target = folder / "inflating.pdf"
    target.write_bytes(pdf(_page_objects(content, b"<< >>")))
    return target


def docx_with(part: str, data: bytes) -> bytes:
    """A copy of the national DOCX with one part replaced (or added)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(DOCX) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        names = source.namelist()
        for name in names:
            out.writestr(name, data if name == part else source.read(name))
        if part not in names:
            out.writestr(part, data)
    return buffer.getvalue()


def _body(paragraphs: str) -> bytes:
    return f"<w:document {_W}><w:body>{paragraphs}</w:body></w:document>".encode()


def _circular_paragraphs() -> str:
    return "".join(
        f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
        for line in TEXT.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )


def make_grid_span(folder: Path) -> Path:
    """A table whose cells claim gridSpan 2e7 and gridBefore 3e8."""
    row = (
        '<w:tr><w:trPr><w:gridBefore w:val="300000000"/></w:trPr>'
        '<w:tc><w:tcPr><w:gridSpan w:val="20000000"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p>'
        "</w:tc></w:tr>"
    )
    table = "<w:tbl>" + row * 20 + "</w:tbl>"
    target = folder / "grid-span.docx"
    target.write_bytes(docx_with("word/document.xml", _body(_circular_paragraphs() + table)))
    return target


def _numbering(start: str, fmt: str, ilvl: str = "0") -> bytes:
    return (
        f'<w:numbering {_W}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="{ilvl}">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    ).encode()


def _numbered_docx(folder: Path, name: str, numbering: bytes, ilvl: str = "0") -> Path:
    item = (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>加强组织领导。</w:t></w:r></w:p>"
    )
    document = docx_with("word/document.xml", _body(_circular_paragraphs() + item * 50))
    buffer = io.BytesIO(document)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for entry in source.namelist():
            if entry != "word/numbering.xml":
                dest.writestr(entry, source.read(entry))
        dest.writestr("word/numbering.xml", numbering)
    target = folder / name
    target.write_bytes(out.getvalue())
    return target


def make_huge_start(folder: Path) -> Path:
    """Numbering starting at 1e15 in lower-roman and letter formats."""
    return _numbered_docx(folder, "huge-start.docx", _numbering("1000000000000000", "lowerRoman"))


def make_huge_letters(folder: Path) -> Path:
    return _numbered_docx(
        folder, "huge-letters.docx", _numbering("1000000000000000", "upperLetter")
    )


def make_malformed_numbers(folder: Path) -> Path:
    """``w:start="one"`` and ``w:ilvl="x"``: malformed values, not our bug."""
    return _numbered_docx(folder, "malformed.docx", _numbering("one", "decimal", "x"), ilvl="x")


def _page(body: str, charset: str = "utf-8") -> str:
    head = f"<head><meta charset='{charset}'><title>通知</title></head>"
    return f"<html>{head}<body>{body}</body></html>"


def _html_paragraphs() -> str:
    return "".join(f"<p>{line}</p>" for line in TEXT.read_text(encoding="utf-8").splitlines())


def make_html_spans(folder: Path) -> Path:
    """A table cell with rowspan 65534 and colspan 1000 in a table of 100 rows, 20 times."""
    cell = "<td rowspan='65534' colspan='1000'>甲</td>"
    table = "<table>" + "".join(f"<tr>{cell}<td>{i}</td></tr>" for i in range(100)) + "</table>"
    target = folder / "spans.html"
    target.write_text(_page(_html_paragraphs() + table * 20), encoding="utf-8")
    return target


def make_deep_divs(folder: Path, depth: int = 254) -> Path:
    """The circular inside ``depth`` nested <div>s (libxml2 stops at 256 by default)."""
    target = folder / f"deep-{depth}.html"
    target.write_text(_page("<div>" * depth + _html_paragraphs() + "</div>" * depth))
    return target


def make_utf8_as_latin1(folder: Path) -> Path:
    target = folder / "utf8-says-latin1.html"
    target.write_bytes(_page(_html_paragraphs(), "iso-8859-1").encode("utf-8"))
    return target


def make_gbk_as_1252(folder: Path) -> Path:
    target = folder / "gbk-says-1252.html"
    target.write_bytes(_page(_html_paragraphs(), "windows-1252").encode("gbk"))
    return target


def _yaml_head() -> list[str]:
    """What makes the YAML look written by extract, so a reader goes on to the aliases."""
    from jiufeng_extract.model import SCHEMA_NAME, SCHEMA_VERSION

    return [f"schema_name: {SCHEMA_NAME}", f'schema_version: "{SCHEMA_VERSION}"']


def make_yaml_aliases(folder: Path, levels: int = 30) -> Path:
    """A billion-laughs alias tree: each level a list of the previous one ten times."""
    lines = [*_yaml_head(), "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"tasks: *a{levels - 1}")
    target = folder / "aliases.yaml"
    target.write_text("\n".join(lines) + "\n")
    return target


def make_yaml_cycle(folder: Path) -> Path:
    """An alias to its own ancestor: a tree that never ends when walked."""
    target = folder / "cycle.yaml"
    target.write_text("\n".join([*_yaml_head(), "tasks: &t [*t, *t]"]) + "\n")
    return target


def make_deep_json(folder: Path, depth: int = 200_000) -> Path:
    target = folder / "deep.json"
    target.write_text("[" * depth + "]" * depth)
    return target


def make_large_json(folder: Path, megabytes: int = 64) -> Path:
    """A JSON document of ``megabytes`` (tests lower --max-bytes rather than write 1 GB)."""
    target = folder / "large.json"
    with target.open("w") as handle:
        handle.write('{"schema_name": "jiufeng-circular", "tasks": [')
        handle.write("0," * (megabytes * 512 * 1024))
        handle.write("0]}")
    return target


def make_long_text(folder: Path, copies: int = 300) -> Path:
    """The circular's text ``copies`` times over: seconds of honest work, for a time limit."""
    target = folder / "long.txt"
    target.write_text(TEXT.read_text(encoding="utf-8") * copies, encoding="utf-8")
    return target


MAKERS: dict[str, Callable[[Path], Path]] = {
    name.removeprefix("make_"): value
    for name, value in sorted(globals().items())
    if name.startswith("make_") and callable(value)
}


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    out.mkdir(parents=True, exist_ok=True)
    for make in MAKERS.values():
        print(make(out))
