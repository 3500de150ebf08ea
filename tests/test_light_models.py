"""The light base (``modelbase.py``, ``lightbase.py``): which ``jiufeng extract`` processes
declare the models on it, that those write what the Pydantic models write, that the light
models are the same declarations (fields, order, defaults, descriptions), and that they make
and compare models as Pydantic's ``model_construct`` does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT, run_cli
from jiufeng_extract import extract_path, modelbase
from jiufeng_extract.emit.serialize import render_circular
from jiufeng_extract.formats import OutputFormat
from jiufeng_extract.lightbase import BaseModel, ConfigDict, Field
from jiufeng_extract.model import Circular, StrictModel
from jiufeng_extract.options import ExtractOptions
from jiufeng_extract.pipeline import _unfolded
from jiufeng_extract.units.names import UnitName, UnitNames

TEXT = "samples/national-2024-jiufeng.txt"
_CORPUS = sorted((ROOT / "corpus" / "docs").glob("*.txt"))
LIGHT_INPUTS = [
    TEXT,
    "samples/shanghai-2023-jiufeng.txt",
    "samples/shanghai-2023-jiufeng.html",
    str((DATA / "county-lead-support-columns.txt").relative_to(ROOT)),
    *[str(p.relative_to(ROOT)) for p in _CORPUS if "-trad-" in p.name][:3],
    *(str(p.relative_to(ROOT)) for p in _CORPUS[:: max(1, len(_CORPUS) // 6)]),
]


def _modules(*args: str) -> set[str]:
    """The top-level packages a ``jiufeng ARGS`` process has imported when it ends."""
    code = (
        "import atexit, sys; from jiufeng_extract.cli import main; sys.argv[0] = 'jiufeng'; "
        "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules}), "
        "file=sys.stderr)); main()"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    return set(json.loads(run.stderr.strip().splitlines()[-1].replace("'", '"')))


def test_a_text_extract_written_as_json_or_yaml_imports_no_pydantic(tmp_path: Path) -> None:
    assert "pydantic" not in _modules("extract", TEXT, "-q")
    assert "pydantic" not in _modules("extract", TEXT, "-q", "-o", str(tmp_path / "c.yaml"))


@pytest.mark.parametrize(
    "args",
    [
        ["samples/national-2024-jiufeng.pdf", "--ocr", "never"],
        ["samples/national-2024-jiufeng.docx"],
        ["samples/shanghai-2023-jiufeng.txt", "-f", "csv"],
        ["--format=json", TEXT],  # typer reads it
    ],
    ids=lambda args: " ".join(args),
)
def test_other_extracts_use_the_pydantic_models(args: list[str]) -> None:
    assert "pydantic" in _modules("extract", *args, "-q")


@pytest.mark.parametrize("path", LIGHT_INPUTS, ids=lambda p: Path(p).name)
def test_a_light_extract_writes_what_the_library_writes(path: str, at_root: Path) -> None:
    run = run_cli("extract", path, "-q")
    assert run.returncode == 0, run.stderr
    assert run.stdout == render_circular(extract_path(path), OutputFormat.JSON).decode("utf-8")


def test_a_light_yaml_extract_writes_what_the_library_writes(at_root: Path) -> None:
    run = run_cli("extract", TEXT, "-q", "-f", "yaml")
    assert run.stdout == render_circular(extract_path(TEXT), OutputFormat.YAML).decode("utf-8")


def _declared(model: Any) -> list[tuple[object, ...]]:
    """What a model class declares: each field's name, whether required, default, factory,
    description and whether it has an exclude_if, in order."""
    rows: list[tuple[object, ...]] = []
    for name, info in model.model_fields.items():
        required = info.is_required()
        default = None if required or info.default_factory else repr(info.default)
        factory = getattr(info.default_factory, "__name__", None)
        rows.append((name, required, default, factory, info.description, bool(info.exclude_if)))
    return rows


def _declarations(modules: dict[str, Any]) -> dict[str, Any]:
    return {
        name: [list(row) for row in _declared(cls)]
        for name, cls in sorted(modules.items())
        if isinstance(cls, type) and "model_fields" in dir(cls)
    }


def test_the_light_models_are_the_same_declarations() -> None:
    code = """if True:
        import json, sys
        from jiufeng_extract import modelbase
        assert modelbase.use_light()
        from jiufeng_extract import model, options
        from jiufeng_extract.units import names
        sys.path.insert(0, "tests")
        from test_light_models import _declarations
        assert modelbase.is_light() and "pydantic" not in sys.modules
        found = {**vars(model), "ExtractOptions": options.ExtractOptions,
                 "UnitName": names.UnitName}
        print(json.dumps(_declarations(found)))
    """
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert run.returncode == 0, run.stderr
    import jiufeng_extract.model as model

    found = {**vars(model), "ExtractOptions": ExtractOptions, "UnitName": UnitName}
    expected = _declarations(found)
    assert len(expected) > 20
    assert json.loads(run.stdout) == expected


def test_the_base_is_chosen_once_per_process() -> None:
    assert not modelbase.is_light()
    assert not modelbase.use_light()  # the models are Pydantic's already
    assert not modelbase.is_light()


class _Place(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    level: str | None = None
    parts: list[str] = Field(default_factory=list)


class _Town(_Place):
    county: str = Field("", description="the county it is in")


class _Key(BaseModel):
    model_config = ConfigDict(frozen=True)

    printed: str
    level: str | None = None


def test_a_light_model_is_made_as_pydantic_model_construct_makes_one() -> None:
    town = _Town.model_construct(name="浦东", surplus=1)
    assert town.__dict__ == {"name": "浦东", "level": None, "parts": [], "county": ""}
    assert town.model_fields_set == {"name"}
    assert _Town.model_construct({"name", "level"}, name="x").model_fields_set == {"name", "level"}
    assert _Town(name="浦东") == town
    assert _Place.model_construct(name="浦东") != town  # another class
    other = _Town.model_construct(name="浦东")
    other.parts.append("x")
    assert town.parts == []  # each its own default
    assert list(_Town.model_fields) == ["name", "level", "parts", "county"]
    assert not hasattr(_Town, "county")  # defaults are no class attributes, as in Pydantic
    assert repr(town) == "_Town(name='浦东', level=None, parts=[], county='')"


def test_a_frozen_light_model_cannot_change_and_hashes_by_its_values() -> None:
    key = _Key.model_construct(printed="市卫健委")
    with pytest.raises(TypeError, match="frozen"):
        key.level = "市"
    assert hash(key) == hash(_Key(printed="市卫健委"))
    assert len({key, _Key(printed="市卫健委"), _Key(printed="区卫健委")}) == 2
    with pytest.raises(TypeError):
        hash(_Place.model_construct(name="x"))


def test_unfolding_a_circular_copies_it_as_validating_its_dump_did(at_root: Path) -> None:
    """The Traditional-script path: every string unfolded, ``source`` kept, models copied."""
    circular = extract_path("samples/shanghai-2023-jiufeng.txt")

    def unfold(text: str) -> str:
        return text.replace("关", "關").replace("卫", "衛")

    def tree(value: Any) -> Any:  # the way before: the dump, its strings unfolded
        if isinstance(value, str):
            return unfold(value)
        if isinstance(value, list):
            return [tree(v) for v in value]
        if isinstance(value, dict):
            return {k: tree(v) for k, v in value.items()}
        return value

    dump = circular.model_dump()
    dump.update(tree({k: v for k, v in dump.items() if k != "source"}))
    unfolded = _unfolded(circular, unfold, keep={"source"})
    assert unfolded == Circular.model_validate(dump)
    assert unfolded.metadata is not circular.metadata
    assert unfolded.source == circular.source
    assert isinstance(unfolded.responsibility_table[0], StrictModel)


def test_the_shipped_alias_table_is_read_when_a_name_is_first_looked_up() -> None:
    reads: list[int] = []

    def read() -> tuple[dict[str, str], dict[str, str]]:
        reads.append(1)
        return {"卫生健康委": "卫生健康委", "卫健委": "卫生健康委"}, {"上海市": "市"}

    names = UnitNames._read_later(read)
    assert reads == []
    assert names.parse("上海市卫健委") == UnitName.model_construct(
        printed="上海市卫健委", canonical="卫生健康委", level="市"
    )
    assert names.canonical("市卫健委") == "卫生健康委"
    assert reads == [1]


def test_a_circular_without_a_responsibility_table_reads_no_alias_table() -> None:
    assert "tomllib" not in _modules("extract", TEXT, "-q")
    assert "tomllib" in _modules("extract", "samples/shanghai-2023-jiufeng.txt", "-q")


def test_the_light_base_refuses_what_it_cannot_honour() -> None:
    from pydantic import field_serializer

    with pytest.raises(TypeError, match="no validators, serializers"):

        class _Upper(BaseModel):
            name: str

            @field_serializer("name")
            def _up(self, name: str) -> str:
                return name.upper()
