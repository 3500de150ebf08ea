"""A model as JSON data, the same as ``model.model_dump(mode="json")`` gives, walked in Python
so that writing a circular needs no Pydantic serializer (building one for ``Circular`` is
most of a new ``jiufeng extract`` process's start-up, and the walk takes about as long as
Pydantic's own dump of it).

The walk copies what our models hold: models, lists, dicts with string keys, strings, whole
numbers, booleans, finite floats, dates, enums and ``None``, fields in declaration order, a
field left out when its ``exclude_if`` says so. Anything else (a class with serializers,
computed fields or aliases, a datetime, an infinite float) is left to Pydantic, for the whole
model, so the data is the same either way. Models on the light base (``modelbase.py``) hold
only those, and are walked the same way.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any

from ..modelbase import BaseModel, is_light

_Plan = tuple[tuple[str, Callable[[Any], bool] | None], ...]


class _Unsupported(Exception):
    """Something the walk does not copy: Pydantic dumps the model instead."""


def json_data(model: BaseModel) -> Any:
    try:
        return _model(model)
    except _Unsupported:
        if is_light():  # the light base has no serializer; its models hold nothing else
            raise
        return model.model_dump(mode="json")


@cache
def _plan(cls: type[BaseModel]) -> _Plan:
    """The fields to write, in order, each with its ``exclude_if``."""
    if is_light():  # declared on the light base (``modelbase.py``): no serializers, no aliases
        return tuple((name, info.exclude_if) for name, info in cls.model_fields.items())
    decorators = cls.__pydantic_decorators__
    config = cls.model_config
    if (
        decorators.field_serializers
        or decorators.model_serializers
        or cls.__pydantic_computed_fields__
        or config.get("extra") == "allow"
        or config.get("serialize_by_alias")
        or config.get("use_enum_values")
    ):
        raise _Unsupported(cls.__name__)
    plan = []
    for name, info in cls.__pydantic_fields__.items():
        if info.exclude or info.alias or info.serialization_alias:
            raise _Unsupported(f"{cls.__name__}.{name}")
        plan.append((name, info.exclude_if))
    return tuple(plan)


def _model(model: BaseModel) -> dict[str, Any]:
    data: dict[str, Any] = {}
    values = model.__dict__
    for name, exclude_if in _plan(type(model)):
        if name not in values:
            raise _Unsupported(name)  # a required field never set: Pydantic says so
        value = values[name]
        if exclude_if is not None and exclude_if(value):
            continue
        data[name] = _value(value)
    return data


def _value(value: Any) -> Any:
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:
        return value
    if kind is list or kind is tuple:
        return [_value(item) for item in value]
    if isinstance(value, BaseModel):
        return _model(value)
    if isinstance(value, Enum):
        return _value(value.value)
    if kind is float and math.isfinite(value):
        return value
    if kind is dict and all(type(key) is str for key in value):
        return {key: _value(item) for key, item in value.items()}
    if kind is dt.date:
        return value.isoformat()
    raise _Unsupported(kind.__name__)
