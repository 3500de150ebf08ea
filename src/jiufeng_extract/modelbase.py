"""The base the models are declared on: Pydantic's, or for one kind of process a light one.

``model.py``, ``options.py`` and ``units/names.py`` declare their models once, on the names
this module gives (``BaseModel``, ``ConfigDict``, ``Field``, ``field_validator``,
``ValidationError``). They are Pydantic's: what a library user imports, validates, dumps and
what ``schemas/`` is generated from. A process may ask for the light ones instead
(``use_light``) before the first model is declared: ``jiufeng extract`` of a text or HTML
file written as JSON or YAML does, since importing Pydantic's base and building its
classes is most of that process's start-up, and it only makes models (``model_construct``)
and writes them (``emit/data.py``). The light base (``lightbase.py``) validates nothing.

The choice is made when the first name is taken from this module, once per process.

Also here: how ``model.StrictModel.model_construct`` makes a Pydantic model itself
(``construct_plan``), without Pydantic's loop over the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from pydantic import BaseModel as BaseModel
    from pydantic import ConfigDict as ConfigDict
    from pydantic import Field as Field
    from pydantic import ValidationError as ValidationError
    from pydantic import field_validator as field_validator

_NAMES = ("BaseModel", "ConfigDict", "Field", "ValidationError", "field_validator")
_asked = False  # use_light() was called
_chosen: bool | None = None  # None until a name is taken; then whether the light base is


def use_light() -> bool:
    """Declare the models that are not declared yet on the light base: True when they will
    be, False when a name was taken already (the models are Pydantic's; nothing changes)."""
    global _asked
    if _chosen is None:
        _asked = True
    return bool(_chosen if _chosen is not None else _asked)


def is_light() -> bool:
    """Whether this process's models are on the light base."""
    return _chosen is True


def __getattr__(name: str) -> Any:
    global _chosen
    if name not in _NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _chosen is None:
        _chosen = _asked
    if _chosen:
        from . import lightbase

        return getattr(lightbase, name)
    import pydantic

    return getattr(pydantic, name)


def copied_value(value: Any) -> Any:
    """A list or dict copied (as validation copies them), anything else as it is."""
    return value.copy() if type(value) in (list, dict) else value


REQUIRED: Any = object()  # a field without default, in a construct plan
# defaults Pydantic hands out as they are (it copies any other kind)
_SHARED_DEFAULTS = (type(None), str, int, float, bool, tuple, frozenset, Enum)
# each field's name, default (or REQUIRED) and factory, in order; None: made by the base
_Plan = tuple[tuple[str, Any, Callable[[], Any] | None], ...]
_PLANS: dict[type[BaseModel], _Plan | None] = {}


def construct_plan(model: type[BaseModel]) -> _Plan | None:
    """How ``StrictModel.model_construct`` makes ``model`` itself, or None when Pydantic's
    ``model_construct`` must (aliases, private attributes, post-init, extra fields, a
    default Pydantic would copy) or the model is on the light base."""
    if model in _PLANS:
        return _PLANS[model]
    fields = getattr(model, "__pydantic_fields__", None)  # none on the light base
    plan: list[tuple[str, Any, Callable[[], Any] | None]] | None = None
    if (
        fields is not None
        and not model.__private_attributes__
        and model.__pydantic_post_init__ is None
        and not model.__pydantic_root_model__
        and model.model_config.get("extra") != "allow"
    ):
        plan = []
        for name, field in fields.items():
            factory = cast("Callable[[], Any] | None", field.default_factory)
            shared = (
                factory is not None
                or field.is_required()
                or isinstance(field.default, _SHARED_DEFAULTS)
            )
            if field.alias is not None or field.validation_alias is not None or not shared:
                plan = None
                break
            default = REQUIRED if factory is None and field.is_required() else field.default
            plan.append((name, default, factory))
    _PLANS[model] = None if plan is None else tuple(plan)
    return _PLANS[model]


_FACTORIES: dict[type[BaseModel], dict[str, Callable[[], Any]]] = {}


def factories(model: type[BaseModel]) -> dict[str, Callable[[], Any]]:
    """The fields of ``model`` whose default is made by a factory (no argument), by name."""
    found = _FACTORIES.get(model)
    if found is None:
        found = {
            name: cast("Callable[[], Any]", field.default_factory)
            for name, field in model.model_fields.items()
            if field.default_factory is not None
        }
        _FACTORIES[model] = found
    return found
