"""Every audit action recorded anywhere in services/ has a Thai label for the timeline."""

from __future__ import annotations

import ast
from pathlib import Path

from services.timeline import ACTION_LABELS

ROOT = Path(__file__).parents[2]
CALLERS = ("services", "ui", "views")  # where helpers that pass an action on are called


def _trees(folders: tuple[str, ...]) -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text(encoding="utf-8"))
        for folder in folders
        for path in sorted((ROOT / folder).glob("*.py"))
    }


def _is_record(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "record"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "audit"
    )


def _literals(node: ast.expr) -> list[str] | None:
    """The strings an expression can be, or None when it is not made of literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _enclosing_function(tree: ast.Module, call: ast.Call) -> ast.FunctionDef | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(c is call for c in ast.walk(node)):
            return node
    return None


def _passed_to(trees: dict[Path, ast.Module], function: ast.FunctionDef, name: str) -> list[str]:
    """Literal values callers anywhere pass for parameter `name` of `function`."""
    params = [a.arg for a in function.args.posonlyargs + function.args.args]
    position = params.index(name) if name in params else None
    found: list[str] = []
    for tree in trees.values():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else None
            callee = node.func.id if isinstance(node.func, ast.Name) else callee
            if callee != function.name:
                continue
            given = [k.value for k in node.keywords if k.arg == name]
            if position is not None and len(node.args) > position:
                given.append(node.args[position])
            for value in given:
                found += _literals(value) or []
    return found


def _module_constant(tree: ast.Module, name: str) -> list[str] | None:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return _literals(node.value)
    return None


def recorded_actions() -> tuple[set[str], list[str]]:
    """(every action string recorded, places whose action could not be traced to literals)"""
    services, callers = _trees(("services",)), _trees(CALLERS)
    actions: set[str] = set()
    untraced: list[str] = []
    for path, tree in services.items():
        for call in (n for n in ast.walk(tree) if _is_record(n)):
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            argument = call.args[2] if len(call.args) > 2 else None
            argument = argument or next((k.value for k in call.keywords if k.arg == "action"), None)
            values = _literals(argument) if argument is not None else None
            if values is None and isinstance(argument, ast.Name):
                values = _module_constant(tree, argument.id)
                function = _enclosing_function(tree, call)
                if values is None and function is not None:
                    values = _passed_to(callers, function, argument.id) or None
            if values is None:
                untraced.append(where)
            else:
                actions |= set(values)
    return actions, untraced


def test_the_scan_finds_the_known_actions_including_those_passed_through_helpers():
    actions, _ = recorded_actions()
    assert {"application_submitted", "committee_resolved", "application_returned"} <= actions
    assert {"lead_team_added", "advisor_removed", "logout"} <= actions  # via a parameter
    assert len(actions) >= 30


def test_every_recorded_action_can_be_traced_to_a_literal_string():
    _, untraced = recorded_actions()
    assert not untraced, f"audit.record with an action the label test cannot read: {untraced}"


def test_every_recorded_action_has_a_thai_label():
    actions, _ = recorded_actions()
    missing = sorted(actions - set(ACTION_LABELS))
    assert not missing, f"add these to services.timeline.ACTION_LABELS: {missing}"


def test_labels_are_thai_text():
    for action, label in ACTION_LABELS.items():
        assert label.strip() and label != action
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in label), action
