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
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
