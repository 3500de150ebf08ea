"""The pieces that make a new ``jiufeng extract`` process start fast, each held to what it
stands in for: the quick argument path reads a command line as typer does, the JSON walk
writes what Pydantic's dump writes, models made without validation are those validation
makes, and options taken as given equal validated ones. (How fast: ``make bench``.)"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, Field, field_serializer

from conftest import DATA, ROOT, SAMPLE_FILES
from jiufeng_extract import JiufengError, extract_path
from jiufeng_extract.cli.extract_run import ExtractArgs
from jiufeng_extract.cli.quick import read_extract
from jiufeng_extract.emit.data import json_data
from jiufeng_extract.formats import Lang, OcrMode, OutputFormat
from jiufeng_extract.model import Circular, StrictModel, Units
from jiufeng_extract.modelbase import construct_plan as _plan
from jiufeng_extract.options import _PLAIN, ExtractOptions

TEXT = "samples/national-2024-jiufeng.txt"
_TYPER = "import sys; from jiufeng_extract.cli.commands import app; sys.argv[0] = 'jiufeng'; app()"
_MAIN = "import sys; from jiufeng_extract.cli import main; sys.argv[0] = 'jiufeng'; main()"


def _both(*args: str) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """``jiufeng extract ARGS`` by the usual entry point and by typer alone."""
    env = {"PATH": os.environ["PATH"], "NO_COLOR": "1", "COLUMNS": "80"}
    done = []
    for code in (_MAIN, _TYPER):
        run = subprocess.run(
            [sys.executable, "-c", code, "extract", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=300,
            check=False,
        )
        done.append((run.returncode, run.stdout, run.stderr))
    return done[0], done[1]


@pytest.mark.parametrize(
    "args",
    [
        [TEXT],
        [TEXT, "-q", "-f", "yaml"],
        ["--lang", "en", "-f", "csv", "samples/shanghai-2023-jiufeng.txt"],
        [TEXT, "--strict"],
        [TEXT, "--max-pages", "0"],
        [TEXT, "--encoding", "no-such-codec"],
        [TEXT, "--encoding", "gb18030", "--time-limit", "30", "--max-memory", "512"],
        [TEXT, "-f", "xlsx"],
        [TEXT, "--format=json", "-q"],
        ["no-such-file.txt"],
        [TEXT, "--aliases", "no-such.toml", "-q"],
        [TEXT, "--ocr"],
        [TEXT, TEXT],
    ],
    ids=lambda args: " ".join(args),
)
def test_the_quick_path_answers_as_typer_does(args: list[str]) -> None:
    quick, typer = _both(*args)
    assert quick == typer


def test_a_text_extract_imports_neither_typer_nor_rich() -> None:
    code = _MAIN + "; print(sorted({m.split('.')[0] for m in sys.modules}), file=sys.stderr)"
    run = subprocess.run(
        [sys.executable, "-c", code, "extract", TEXT, "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    modules = set(json.loads(run.stderr.strip().splitlines()[-1].replace("'", '"')))
    assert not modules & {"typer", "click", "rich"}


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["a.txt", "-h"],
        ["a.txt", "b.txt"],
        ["a.txt", "--output=x.json"],
        ["-qo", "x.json", "a.txt"],
        ["a.txt", "--", "-b"],
        ["a.txt", "-o"],
        ["a.txt", "-o", "x.json", "-o", "y.json"],
        ["a.txt", "--max-pages", "007"],
        ["a.txt", "--max-pages", "1_000"],
        ["a.txt", "--max-pages", "0"],
        ["a.txt", "--time-limit", "1e3"],
        ["a.txt", "--time-limit", ".5"],
        ["a.txt", "--max-memory", "63"],
        ["a.txt", "--format", "JSON"],
        ["a.txt", "--no-strict"],
        ["a.txt", "--encoding", "no-such-codec"],
    ],
)
def test_what_the_quick_path_leaves_to_typer(args: list[str]) -> None:
    assert read_extract(args) is None


def test_what_the_quick_path_reads() -> None:
    args = ["-", "-o", "out.yaml", "-f", "yaml", "--lang", "en", "--ocr", "never", "-q"]
    args += ["--aliases", "a.toml", "--aliases", "b.toml", "--time-limit", "2.5", "--strict"]
    args += ["--max-pages", "10", "--max-bytes", "2048", "--max-memory", "128", "--debug"]
    args += ["--encoding", "gb18030", "--password", "-secret"]
    assert read_extract(args) == ExtractArgs(
        file=Path("-"),
        output=Path("out.yaml"),
        fmt=OutputFormat.YAML,
        lang=Lang.EN,
        ocr=OcrMode.NEVER,
        quiet=True,
        aliases=[Path("a.toml"), Path("b.toml")],
        time_limit=2.5,
        strict=True,
        max_pages=10,
        max_bytes=2048,
        max_memory=128,
        debug=True,
        encoding="gb18030",
        password="-secret",
    )


CORPUS = sorted((ROOT / "corpus" / "docs").glob("*.txt"))
INPUTS = [
    *SAMPLE_FILES,
    DATA / "county-lead-support-columns.txt",
    *CORPUS[:: max(1, len(CORPUS) // 12)],
]


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_the_walk_writes_what_pydantic_writes(path: Path) -> None:
    """Also after validating it again: a model made without validation holding a value of
    another type than validation gives (an int for a float) would be written differently."""
    try:
        circular = extract_path(path, ExtractOptions(ocr=OcrMode.NEVER))
    except JiufengError:
        pytest.skip("not read: nothing to write")
    walked = json.dumps(json_data(circular), ensure_ascii=False, indent=2)
    assert walked == json.dumps(circular.model_dump(mode="json"), ensure_ascii=False, indent=2)
    again = Circular.model_validate_json(walked)
    assert json.dumps(json_data(again), ensure_ascii=False, indent=2) == walked


class _Stamped(BaseModel):
    at: dt.datetime
    name: str

    @field_serializer("name")
    def _upper(self, name: str) -> str:
        return name.upper()


class _Timed(BaseModel):
    at: dt.datetime
    ratio: float


@pytest.mark.parametrize(
    "model",
    [
        _Stamped(at=dt.datetime(2024, 5, 17, 8, tzinfo=dt.UTC), name="x"),
        _Timed(at=dt.datetime(2024, 5, 17, 8, tzinfo=dt.UTC), ratio=float("inf")),
    ],
)
def test_what_the_walk_does_not_copy_pydantic_writes(model: BaseModel) -> None:
    assert json_data(model) == model.model_dump(mode="json")


def test_a_model_made_without_validation_shares_no_list_with_its_maker() -> None:
    lead = ["市卫生健康委"]
    units = Units.model_construct(raw="市卫生健康委", lead=lead)
    lead.append("市医保局")
    assert units.lead == ["市卫生健康委"]
    assert units == Units.model_validate({"raw": "市卫生健康委", "lead": ["市卫生健康委"]})


def test_a_model_made_without_validation_gets_its_own_defaults() -> None:
    first = Units.model_construct(raw="市卫生健康委")
    second = Units.model_construct(raw="市医保局")
    first.lead.append("市卫生健康委")
    assert second.lead == []
    assert first.model_fields_set == {"raw"}
    assert second == Units.model_validate({"raw": "市医保局"})


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"encoding": "gb18030", "strict": True, "max_pages": 3, "ocr": OcrMode.NEVER},
        {"aliases": (Path("a.toml"),), "password": "x", "max_bytes": 10},
    ],
)
def test_options_taken_as_given_equal_validated_ones(values: dict[str, object]) -> None:
    assert ExtractOptions.build(**values) == ExtractOptions.model_validate(values)


def test_options_taken_as_given_know_every_field() -> None:
    assert set(_PLAIN) == set(ExtractOptions.model_fields)


def _pydantic_construct(cls: type[BaseModel], **values: object) -> BaseModel:
    return BaseModel.model_construct.__func__(cls, set(values), **values)  # type: ignore[attr-defined, no-any-return]


def _made(model: BaseModel) -> tuple[object, ...]:
    return (
        type(model),
        model.__dict__,
        model.model_fields_set,
        model.__pydantic_extra__,
        model.__pydantic_private__,
    )


@pytest.mark.parametrize(
    "cls", [c for c in StrictModel.__subclasses__() if c.__module__ == Circular.__module__]
)
def test_models_are_made_as_pydantics_model_construct_makes_them(cls: type[StrictModel]) -> None:
    """Every field given (a list given is copied), then none given, and a key that is none."""
    given: dict[str, Any] = {
        name: [name] if "list" in str(f.annotation) else name
        for name, f in cls.model_fields.items()
    }
    assert _plan(cls) is not None  # made by StrictModel itself
    construct: Any = cls.model_construct  # mypy's plugin types it by each model's fields
    made = construct(**given)
    assert _made(made) == _made(_pydantic_construct(cls, **given))
    assert all(made.__dict__[k] is not v for k, v in given.items() if type(v) is list)
    assert _made(construct(surplus=1)) == _made(_pydantic_construct(cls, surplus=1))


class _Aliased(StrictModel):
    name: str = Field(alias="名称")


def test_a_model_with_aliases_is_made_by_pydantic() -> None:
    assert _plan(_Aliased) is None
    construct: Any = _Aliased.model_construct
    made = construct(名称="市卫健委")
    assert made.name == "市卫健委"
    assert _made(made) == _made(_pydantic_construct(_Aliased, 名称="市卫健委"))
