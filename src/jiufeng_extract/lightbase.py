"""The light base (see ``modelbase.py``): the part of Pydantic's ``BaseModel`` the pipeline
and the JSON walk use, for a process that only makes models and writes them.

A model's fields are its annotated names, in order (a base's first), each with the default
or ``Field(...)`` given beside it; ``model_fields`` maps them to ``FieldInfo`` (``default``,
``default_factory``, ``description``, ``exclude_if``). ``model_construct`` and
``Model(**values)`` set the values given and the defaults of the others, as Pydantic's
``model_construct`` does (the values are not checked or converted: they are the pipeline's
own, of the declared types, which mypy checks against the Pydantic models). Models compare
as Pydantic's do (same class, same values); a ``frozen`` one cannot be changed and hashes by
its values. Anything that validates or serializes (``model_validate``, ``model_dump``,
``model_json_schema``) is Pydantic's only: those are not here, and a model declared with a
Pydantic validator, serializer or computed field is refused (its JSON would differ).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Self

_REQUIRED: Any = object()


class ValidationError(ValueError):
    """Never raised here (nothing is validated); named so that ``except`` clauses read."""


class FieldInfo:
    __slots__ = ("default", "default_factory", "description", "exclude_if")

    def __init__(
        self,
        default: Any = _REQUIRED,
        *,
        default_factory: Callable[[], Any] | None = None,
        description: str | None = None,
        exclude_if: Callable[[Any], bool] | None = None,
        **_checks: Any,  # bounds such as gt=0: for validation, which is Pydantic's
    ) -> None:
        self.default = _REQUIRED if default is ... else default
        self.default_factory = default_factory
        self.description = description
        self.exclude_if = exclude_if

    def is_required(self) -> bool:
        return self.default is _REQUIRED and self.default_factory is None


def Field(default: Any = _REQUIRED, **options: Any) -> Any:
    return FieldInfo(default, **options)


def ConfigDict(**options: Any) -> dict[str, Any]:
    return options


def field_validator(*_fields: str, **_options: Any) -> Callable[[Any], Any]:
    """Validators run when a value is validated, which is Pydantic's: kept as they are."""
    return lambda method: method


class BaseModel:
    __slots__ = ("__dict__", "__pydantic_fields_set__")
    model_config: ClassVar[dict[str, Any]] = {}
    model_fields: ClassVar[dict[str, FieldInfo]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, FieldInfo] = {}
        config: dict[str, Any] = {}
        for base in reversed(cls.__mro__[1:]):
            fields.update(base.__dict__.get("model_fields", {}))
            config.update(base.__dict__.get("model_config", {}))
        config.update(cls.__dict__.get("model_config", {}))
        for name, value in cls.__dict__.items():
            if type(value).__name__ == "PydanticDescriptorProxy":  # a Pydantic decorator
                raise TypeError(
                    f"{cls.__name__}.{name}: the light base has no validators, serializers or "
                    "computed fields; declare the model without them or on Pydantic's base"
                )
        for name, annotation in inspect.get_annotations(cls).items():
            if name.startswith("_") or "ClassVar" in str(annotation):
                continue
            given = cls.__dict__.get(name, _REQUIRED)
            fields[name] = given if isinstance(given, FieldInfo) else FieldInfo(given)
            if given is not _REQUIRED:
                delattr(cls, name)  # as in Pydantic: a default is not a class attribute
        cls.model_fields = fields
        cls.model_config = config
        if config.get("frozen"):
            cls.__setattr__ = _frozen_setattr  # type: ignore[method-assign,assignment]
            cls.__delattr__ = _frozen_delattr  # type: ignore[method-assign,assignment]
            cls.__hash__ = _values_hash  # type: ignore[method-assign,assignment]
        else:
            cls.__hash__ = None  # type: ignore[assignment]

    def __init__(self, **values: Any) -> None:
        _fill(self, None, values)

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Self:
        model = cls.__new__(cls)
        _fill(model, _fields_set, values)
        return model

    @property
    def model_fields_set(self) -> set[str]:
        given: set[str] = object.__getattribute__(self, "__pydantic_fields_set__")
        return given

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __repr_args__(self) -> Iterator[tuple[str, Any]]:
        yield from self.__dict__.items()

    def __repr__(self) -> str:
        args = ", ".join(f"{name}={value!r}" for name, value in self.__repr_args__())
        return f"{type(self).__name__}({args})"

    def __str__(self) -> str:
        return " ".join(f"{name}={value!r}" for name, value in self.__repr_args__())


def _fill(model: BaseModel, fields_set: set[str] | None, values: dict[str, Any]) -> None:
    """Pydantic's ``model_construct``: the given values and the others' defaults, in field
    order; a key that is no field is dropped (the models forbid extra keys, so Pydantic's
    construct drops them too)."""
    data: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        if name in values:
            data[name] = values[name]
        elif info.default_factory is not None:
            data[name] = info.default_factory()
        elif info.default is not _REQUIRED:
            data[name] = info.default
    object.__setattr__(model, "__dict__", data)
    given = set(values) & data.keys() if fields_set is None else fields_set
    object.__setattr__(model, "__pydantic_fields_set__", given)


def _frozen_setattr(model: BaseModel, name: str, value: Any) -> None:
    raise TypeError(f"{type(model).__name__} is frozen: {name} cannot be set")


def _frozen_delattr(model: BaseModel, name: str) -> None:
    raise TypeError(f"{type(model).__name__} is frozen: {name} cannot be deleted")


def _values_hash(model: BaseModel) -> int:
    return hash(tuple(model.__dict__.values()))
