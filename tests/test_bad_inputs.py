"""The bad-input matrix: every kind of broken file a CI pipeline meets, through the real CLI.

Each case asserts the exit code, a one-line message naming the file, and that no output file
is left behind. Some "bad" inputs are only unusual and must work: a PDF named .docx, a PDF
whose cross-reference table is broken (PDFium rebuilds it), an HTML page that lies about its
charset.
"""

from __future__ import annotations

import ctypes
import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, SAMPLES, run_cli

Make = Callable[[Path], Path]
PDF = SAMPLES / "national-2024-jiufeng.pdf"
DOCX = SAMPLES / "national-2024-jiufeng.docx"


def run(
    *args: str, path: str | None = None, obey_modes: bool = False
) -> subprocess.CompletedProcess[str]:
    return run_cli(
        *args,
        env={"PATH": path} if path else None,
        timeout=120,
        preexec_fn=drop_file_override if obey_modes and os.geteuid() == 0 else None,
    )


def drop_file_override() -> None:
    """In the child, before exec: root gives up CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (gone
    from the bounding set, so the CLI starts without them) and meets file modes like any user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH (linux/capability.h)
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def write(name: str, data: bytes) -> Make:
    def make(tmp: Path) -> Path:
        target = tmp / name
        target.write_bytes(data)
        return target

    return make


def copy(source: Path, name: str) -> Make:
    return lambda tmp: write(name, source.read_bytes())(tmp)


def docx_with(part: str, data: bytes) -> bytes:
    """A copy of the national DOCX with one part replaced."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(DOCX) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            out.writestr(name, data if name == part else source.read(name))
    return buffer.getvalue()


def broken_xref() -> bytes:
    data = PDF.read_bytes()
    at = data.rfind(b"startxref")
    return data[:at] + b"startxref\n999999\n%%EOF\n"


def missing(tmp: Path) -> Path:
    return tmp / "missing.pdf"


def directory(tmp: Path) -> Path:
    (tmp / "folder.pdf").mkdir()
    return tmp / "folder.pdf"


def unreadable(tmp: Path) -> Path:
    target = write("locked.txt", b"x")(tmp)
    target.chmod(0)
    return target


def xlsx(tmp: Path) -> Path:
    from openpyxl import Workbook

    target = tmp / "table.docx"
    Workbook().save(target)
    return target


_LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">' + _LAUGHS + "]>"
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
).encode()
NESTED = docx_with(
    "word/document.xml",
    b"<w:document xmlns:w='x'>" + b"<w:p>" * 5000 + b"</w:p>" * 5000 + b"</w:document>",
)
GBK_PAGE = (
    "<html><head><meta charset='utf-8'><title>通知</title></head><body>"
    + "".join(
        f"<p>{line}</p>"
        for line in (SAMPLES / "national-2024-jiufeng.txt").read_text(encoding="utf-8").splitlines()
    )
    + "</body></html>"
).encode("gb18030")

MATRIX: list[tuple[str, Make, list[str], int, str]] = [
    ("missing file", missing, [], 3, "no such file"),
    ("directory", directory, [], 3, "is a directory"),
    ("no permission", unreadable, [], 3, "permission denied"),
    ("0-byte file", write("empty.pdf", b""), [], 3, "file is empty"),
    ("PDF named .docx", copy(PDF, "really-a-pdf.docx"), [], 0, ""),
    ("DOCX named .pdf", copy(DOCX, "really-a-docx.pdf"), [], 0, ""),
    ("truncated PDF", write("cut.pdf", PDF.read_bytes()[:5000]), [], 3, "damaged PDF"),
    ("PDF with a broken xref", write("xref.pdf", broken_xref()), [], 0, ""),
    ("encrypted PDF", copy(DATA / "encrypted.pdf", "secret.pdf"), [], 6, "--password"),
    (
        "wrong password",
        copy(DATA / "encrypted.pdf", "secret.pdf"),
        ["--password", "x"],
        6,
        "wrong password",
    ),
    ("scanned PDF", copy(DATA / "scanned.pdf", "scan.pdf"), ["--ocr", "never"], 7, "no text layer"),
    (
        "fonts without Unicode",
        copy(DATA / "garbled-fonts.pdf", "garbled.pdf"),
        ["--ocr", "never"],
        8,
        "Unicode map",
    ),
    (
        "random bytes",
        write("noise.bin", bytes((i * 7919 + 13) % 256 for i in range(65536))),
        [],
        3,
        "binary data",
    ),
    ("ZIP that is an Excel file", xlsx, [], 4, "an Excel workbook"),
    (
        "DOCX decompression bomb",
        write("bomb.docx", docx_with("word/document.xml", b"<" + b" " * (80 * 1024 * 1024))),
        [],
        3,
        "decompression bomb",
    ),
    (
        "DOCX entity expansion",
        write("laughs.docx", docx_with("word/document.xml", LAUGHS)),
        [],
        3,
        "damaged DOCX",
    ),
    ("DOCX nested 5000 deep", write("deep.docx", NESTED), [], 3, "damaged DOCX"),
    ("HTML with a wrong charset", write("page.html", GBK_PAGE), [], 0, ""),
    ("binary .txt", write("data.txt", b"\x00\x01\x02\x03" * 4096), [], 3, "binary data"),
    (
        "no circular in it",
        write("notes.txt", "会议纪要\n今天讨论了午餐安排。\n".encode()),
        [],
        5,
        "no circular found",
    ),
    (
        "over --max-bytes",
        copy(PDF, "big.pdf"),
        ["--max-bytes", "1000"],
        3,
        "over the limit of 1000",
    ),
    ("over --max-pages", copy(PDF, "long.pdf"), ["--max-pages", "3"], 3, "over the limit of 3"),
]


@pytest.mark.parametrize(
    ("case", "make", "args", "code", "words"), MATRIX, ids=[m[0] for m in MATRIX]
)
def test_bad_input_matrix(
    tmp_path: Path, case: str, make: Make, args: list[str], code: int, words: str
) -> None:
    source = make(tmp_path)
    output = tmp_path / "out.json"
    result = run("extract", str(source), "-o", str(output), *args, obey_modes=True)
    assert result.returncode == code, result.stderr
    if code == 0:  # unusual but sound: the circular is read in full
        assert len(json.loads(output.read_text(encoding="utf-8"))["tasks"]) == 15
        return
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(f"jiufeng: error: {source}: ") and words in lines[0]
    assert not output.exists() and not list(tmp_path.glob(".out.json.*"))


def test_legacy_doc_without_libreoffice(tmp_path: Path) -> None:
    source = copy(DATA / "legacy-word.doc", "old.doc")(tmp_path)
    result = run("extract", str(source), "-o", str(tmp_path / "out.json"), path="/nonexistent")
    assert result.returncode == 4 and "save it as .docx or PDF" in result.stderr


def test_a_300_page_pdf_works_in_bounded_memory(tmp_path: Path) -> None:
    import pypdfium2

    source = pypdfium2.PdfDocument(SAMPLES / "shanghai-2023-jiufeng.pdf")
    document = pypdfium2.PdfDocument.new()
    while len(document) < 300:
        document.import_pages(source, list(range(min(len(source), 300 - len(document)))))
    target = tmp_path / "long.pdf"
    document.save(target)
    # The peak of the child's own memory (VmHWM), not getrusage: Linux carries ru_maxrss over
    # exec, so a child of a large pytest worker reported the worker's 900 MB as its own.
    script = (
        "import re, sys; from jiufeng_extract import extract_path; "
        "c = extract_path(sys.argv[1]); "
        "status = open('/proc/self/status').read(); "
        "print(c.source.pages, re.search(r'VmHWM:\\s+(\\d+)', status).group(1))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(target)], capture_output=True, text=True, check=True
    )
    pages, rss_kb = map(int, done.stdout.split())
    assert pages == 300 and rss_kb < 300 * 1024


def test_internal_error_asks_for_a_report_and_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer.testing import CliRunner

    from jiufeng_extract import pipeline
    from jiufeng_extract.cli.commands import app

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline, "extract_path", broken)
    text = str(SAMPLES / "national-2024-jiufeng.txt")
    plain = CliRunner().invoke(app, ["extract", text])
    assert plain.exit_code == 70
    assert (
        "internal error: RuntimeError: a bug. Please report it with the input file" in plain.output
    )
    assert "Traceback" not in plain.output
    debug = CliRunner().invoke(app, ["extract", text, "--debug"])
    assert debug.exit_code == 70 and "Traceback" in debug.output
