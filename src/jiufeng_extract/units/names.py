"""Unit names → one canonical name per body, so 市卫健委 and 上海市卫生健康委员会 group together.

A printed name is a level prefix (国家, 省, 市, 区, 县, 各区, or a place: 上海市, 浦东新区) and
a body (卫生健康委). The body is looked up in an alias table that ships with the package
(``data/unit_aliases.toml``) and can be extended with the user's own files of the same layout.
The canonical name is the body without its prefix (市市场监管局 = 市场监管局 = 市场监督管理局);
the level is kept beside it, and the printed form is never changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, Literal

from ..errors import UsageError, describe
from ..modelbase import BaseModel, ConfigDict
from ..patterns import ORG_SUFFIX, WHITESPACE_RUN, on_first_use

_LEVELS = ("国家", "中央", "省", "自治区", "市", "州", "区", "县", "兵团")
# any place name before a known body: "浦东新区", "杭州市", "延边朝鲜族自治州"
_PLACE = on_first_use(r"^各?\p{Han}{1,10}?(?P<kind>自治区|自治州|地区|省|市|州|盟|区|县|旗)$")
# words that begin with a level character but are not a prefix: 市场, 区域, 县域, 省级
_NOT_A_PREFIX = on_first_use(r"^(?:场|域|级|属|直)")
_MAX_PREFIX = 12


class UnitName(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)  # made by model_construct

    printed: str
    canonical: str
    level: str | None


class UnitNames:
    """The alias table: ``UnitNames.default()`` ships with the package (read when a name is
    first looked up: a circular without a responsibility table never reads it);
    ``extended(paths)`` adds the user's files."""

    _aliases: dict[str, str]  # any known form of a body → its canonical form
    _places: dict[str, str]  # 上海市 → 市
    _prefixes: list[str]  # tried on a body not in the table, longest first

    def __init__(self, aliases: dict[str, str], places: dict[str, str]) -> None:
        self._read: Callable[[], tuple[dict[str, str], dict[str, str]]] | None = None
        self._set(aliases, places)

    @classmethod
    def _read_later(cls, read: Callable[[], tuple[dict[str, str], dict[str, str]]]) -> UnitNames:
        names = cls.__new__(cls)
        names._read = read
        return names

    def _set(self, aliases: dict[str, str], places: dict[str, str]) -> None:
        self._aliases = aliases
        self._places = places
        self._prefixes = sorted((*places, *_LEVELS), key=len, reverse=True)

    def __getattr__(self, name: str) -> Any:
        """The table of one made by ``_read_later``, read when first wanted."""
        read = self.__dict__.get("_read")
        if read is None or name not in ("_aliases", "_places", "_prefixes"):
            raise AttributeError(name)
        self._read = None
        self._set(*read())
        return getattr(self, name)

    @classmethod
    def default(cls) -> UnitNames:
        return _shipped()

    def extended(self, paths: Iterable[Path]) -> UnitNames:
        paths = list(paths)
        if not paths:
            return self
        aliases, places = dict(self._aliases), dict(self._places)
        for path in paths:
            more_aliases, more_places = _read_table(path)
            aliases.update(more_aliases)
            places.update(more_places)
        return UnitNames(aliases, places)

    def parse(self, printed: str) -> UnitName:
        name = WHITESPACE_RUN.sub("", printed.strip())
        for cut in range(min(len(name) - 1, _MAX_PREFIX) + 1):
            prefix, body = name[:cut], name[cut:]
            canonical = self._aliases.get(body)
            if canonical is not None and isinstance(level := self._level(prefix), str):
                return UnitName.model_construct(
                    printed=printed, canonical=canonical, level=level or None
                )
        return self._unknown(printed, name)

    def canonical(self, printed: str) -> str:
        return self.parse(printed).canonical

    def _level(self, prefix: str) -> str | Literal[False]:
        """The level a prefix stands for, "" for none, False when it is not a prefix."""
        if not prefix:
            return ""
        bare = prefix.removeprefix("各")
        if bare in _LEVELS:
            return prefix
        if bare in self._places:
            return self._places[bare]
        if place := _PLACE.match(prefix):
            return place["kind"]
        return False

    def _unknown(self, printed: str, name: str) -> UnitName:
        """A body not in the table: drop a level prefix when what follows reads as a body."""
        for prefix in self._prefixes:
            body = name[len(prefix) :]
            if (
                name.startswith(prefix)
                and len(body) >= 3
                and ORG_SUFFIX.search(body)
                and not _NOT_A_PREFIX.match(body)
            ):
                level = self._places.get(prefix, prefix)
                return UnitName.model_construct(
                    printed=printed, canonical=_short_form(body), level=level
                )
        return UnitName.model_construct(printed=printed, canonical=_short_form(name), level=None)


def _short_form(body: str) -> str:
    return body.removesuffix("委员会") + "委" if body.endswith("委员会") else body


def _read_table(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    import tomllib  # a circular without a responsibility table reads no table

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read the alias file: {exc.strerror or exc}", path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"the alias file is not valid TOML: {describe(exc)}", path) from None
    aliases: dict[str, str] = {}
    places: dict[str, str] = {}
    for section, target in (("aliases", aliases), ("places", places)):
        table = data.get(section, {})
        if not isinstance(table, dict) or not all(
            isinstance(names, list) and all(isinstance(n, str) for n in names)
            for names in table.values()
        ):
            raise UsageError(
                f'[{section}] must map a name to a list of names, e.g. "卫生健康委" = ["卫健委"]',
                path,
            )
        for key, names in table.items():
            if section == "aliases":
                target[key] = key
            for name in names:
                target[name] = key
    return aliases, places


# the package's own file, read where it is installed (not through importlib.resources, whose
# import costs a new process more than reading the table)
_SHIPPED = Path(__file__).parent.parent / "data" / "unit_aliases.toml"


@cache
def _shipped() -> UnitNames:
    return UnitNames._read_later(lambda: _read_table(_SHIPPED))
