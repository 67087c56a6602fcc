"""The apps depend on each other in one direction, and never through a hidden import.

Low to high: accounts ← cases ← deadlines ← dossier ← second_track ← reintegration_report. An
app may import the apps below it; a lower app learns of a higher one only through the hooks it
offers (the case-page sections, the deadlines' fact readers, the facts-changed signal, the
document guards), which the higher app fills in its `AppConfig.ready()`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

LAYERS = ("accounts", "cases", "deadlines", "dossier", "second_track", "reintegration_report")
#: Apps at the top that may use every layer and that no layer may use.
TOP = ("api", "absence_figures", "backups", "retention")
BASE = Path(settings.BASE_DIR)


def _modules(app: str) -> list[Path]:
    return [p for p in (BASE / app).rglob("*.py") if "migrations" not in p.parts]


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Return (imported top-level app, inside a function?) for each absolute import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name.split(".")[0], in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and not child.level and child.module:
                found.append((child.module.split(".")[0], in_function))
            visit(child, inner)

    visit(tree, False)
    return found


def _apps() -> list[str]:
    return [app for app in (*LAYERS, *TOP) if (BASE / app).is_dir()]


@pytest.mark.parametrize("app", _apps())
def test_an_app_imports_only_the_apps_below_it(app):
    allowed = set(LAYERS) if app in TOP else set(LAYERS[: LAYERS.index(app)])
    wrong = [
        f"{path.relative_to(BASE)} imports {target}"
        for path in _modules(app)
        for target, _inner in _imports(path)
        if target in {*LAYERS, *TOP} and target != app and target not in allowed
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("app", _apps())
def test_no_other_app_is_imported_inside_a_function(app):
    hidden = [
        f"{path.relative_to(BASE)} imports {target} inside a function"
        for path in _modules(app)
        for target, inner in _imports(path)
        if inner and target in {*LAYERS, *TOP} and target != app
    ]
    assert not hidden, "\n".join(hidden)


def test_the_check_sees_a_wrong_import(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("from second_track.models import SecondTrack\ndef f():\n    import dossier\n")
    assert _imports(source) == [("second_track", False), ("dossier", True)]
