"""JSON and YAML from outside (``validate``, ``diff``, ``units`` and ``check`` read what
extract wrote, or what someone says it wrote) parsed within bounds.

A YAML alias tree expands to an exponential number of nodes only when something walks it, so
the composed graph is measured first (each alias counted as the nodes it stands for, a cycle
refused) and only then built. Nesting is bounded for both formats: what extract writes is a
dozen levels deep, and deeper documents would exhaust the recursion of the validators.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, describe

MAX_NODES = 2_000_000  # values once aliases are expanded; an extract has some thousands
MAX_DEPTH = 100  # levels of nesting; an extract has about ten


def load_structured(data: bytes, path: Path | str, as_json: bool) -> Any:
    """The document in ``data``, or an InputError naming ``path`` and the bound it passes."""
    kind = "JSON" if as_json else "YAML"
    try:
        document = json.loads(data) if as_json else _load_yaml(data, path)
    except RecursionError:
        raise InputError(f"not readable {kind}: nested over {MAX_DEPTH} deep", path) from None
    except (ValueError, yaml.YAMLError) as exc:
        raise InputError(f"not valid {kind}: {describe(exc)}", path) from None
    depth = _depth(document)
    if depth > MAX_DEPTH:
        raise InputError(f"not readable {kind}: nested over {MAX_DEPTH} deep", path)
    return document


def _load_yaml(data: bytes, path: Path | str) -> Any:
    loader = yaml.SafeLoader(data)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = _expanded_size(node)
        if size < 0:
            raise InputError("not readable YAML: an alias inside what it names (no end)", path)
        if size > MAX_NODES:
            raise InputError(
                f"not readable YAML: its aliases expand to over {MAX_NODES} values", path
            )
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _expanded_size(root: yaml.Node) -> int:
    """Nodes the tree has once every alias is replaced by what it points to (-1: endless,
    an alias inside its own anchor). Iterative, each distinct node measured once."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            sizes[key] = min(MAX_NODES + 1, 1 + sum(sizes[id(c)] for c in children))
            continue
        if key in sizes:
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                return -1
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _depth(document: Any) -> int:
    """How deep lists and objects nest, without recursion; stops counting past the bound."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(document, 1)]
    seen: set[int] = set()
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, dict | list) or id(value) in seen:
            continue
        seen.add(id(value))
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        items = value.values() if isinstance(value, dict) else value
        stack.extend((item, depth + 1) for item in items)
    return deepest
