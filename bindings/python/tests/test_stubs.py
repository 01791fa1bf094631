"""The curated stubs match the native module: every public runtime name is declared in
`_vitrina.pyi`, every class declared there (other than stub-only TypedDicts) exists with every
method and property it lists, and exception classes derive from what the stubs say."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import pytest

import vitrina
from vitrina import _vitrina

STUB = Path(vitrina.__file__).with_name("_vitrina.pyi")
TREE = ast.parse(STUB.read_text(encoding="utf-8"))
CLASSES = {node.name: node for node in TREE.body if isinstance(node, ast.ClassDef)}
FUNCTIONS = {node.name for node in TREE.body if isinstance(node, ast.FunctionDef)}
ASSIGNED = {
    target.id
    for node in TREE.body
    if isinstance(node, (ast.Assign, ast.AnnAssign))
    for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
    if isinstance(target, ast.Name)
}


def is_typed_dict(node: ast.ClassDef) -> bool:
    return any(isinstance(base, ast.Name) and base.id == "TypedDict" for base in node.bases)


RUNTIME_CLASSES = sorted(name for name, node in CLASSES.items() if not is_typed_dict(node))


def test_every_runtime_name_is_in_the_stubs() -> None:
    public = {name for name in dir(_vitrina) if not name.startswith("__")}
    missing = sorted(public - set(CLASSES) - FUNCTIONS - ASSIGNED)
    assert missing == []


def test_every_runtime_name_is_exported() -> None:
    public = {name for name in dir(_vitrina) if not name.startswith("_")}
    assert sorted(public - set(vitrina.__all__)) == []


@pytest.mark.parametrize("name", RUNTIME_CLASSES)
def test_stub_classes_exist_with_their_members(name: str) -> None:
    runtime = getattr(_vitrina, name)
    members = [
        item.name
        for item in CLASSES[name].body
        if isinstance(item, ast.FunctionDef) and (not item.name.startswith("_") or item.name in {"__len__", "__iter__"})
    ]
    assert [member for member in members if not hasattr(runtime, member)] == []


@pytest.mark.parametrize("name", [n for n in RUNTIME_CLASSES if n.endswith("Error")])
def test_exception_bases_match_the_stubs(name: str) -> None:
    runtime = getattr(_vitrina, name)
    for base in CLASSES[name].bases:
        assert isinstance(base, ast.Name)
        expected = getattr(_vitrina, base.id, None) or getattr(builtins, base.id)
        assert issubclass(runtime, expected), f"{name} should derive from {base.id}"
    assert issubclass(runtime, vitrina.VitrinaError) and runtime.__module__ == "vitrina" and runtime.__doc__
