"""Side-by-side comparison of two plan van aanpak versions (difflib on the canonical text)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .models import ActionPlanVersion
from .models.action_plans import CONTENT_FIELDS


@dataclass(frozen=True)
class DiffRow:
    tag: str  # "equal", "replace", "delete", "insert"
    left: str
    right: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    changed: bool
    rows: list[DiffRow]


def _rows(old: list[str], new: list[str]) -> list[DiffRow]:
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = old[i1:i2], new[j1:j2]
        for k in range(max(len(left), len(right))):
            rows.append(
                DiffRow(
                    tag=tag,
                    left=left[k] if k < len(left) else "",
                    right=right[k] if k < len(right) else "",
                )
            )
    return rows


def plan_version_diff(old: ActionPlanVersion, new: ActionPlanVersion) -> list[FieldDiff]:
    """Return per content field the line-by-line difference between `old` and `new`."""
    a, b = old.canonical_content(), new.canonical_content()
    return [
        FieldDiff(
            label=str(label),
            changed=a[name] != b[name],
            rows=_rows(a[name].splitlines(), b[name].splitlines()),
        )
        for name, label in CONTENT_FIELDS
    ]
