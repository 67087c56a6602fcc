"""`dossier.case_rows` writes the lists of the dossier section exactly as the template loops it
replaces did (kept here as the reference), escaping included."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.template import engines
from django.utils import translation

from dossier import case_rows
from dossier.models import (
    ActionPlanVersion,
    Document,
    Evaluation,
    EvaluationKind,
    ExpertOpinionRequest,
    ExpertOpinionSubject,
    PhysicianStatement,
    ProgressTalk,
    StatementKind,
    WorkCapacityAssessment,
)

#: The loops of `dossier/_case_dossier.html` before the rows were written in Python, each after
#: a line "=== <function name>".
REFERENCE = dict(
    part.split("\n", 1)
    for part in (Path(__file__).parent / "case_rows_reference.html")
    .read_text()
    .removeprefix("=== ")
    .removesuffix("\n")
    .split("\n=== ")
)

ADVICE = "Start <b>halve</b> dagen & " + " ".join(f"woord{n}" for n in range(40))


def _records() -> dict[str, list]:
    return {
        "statement_items": [
            PhysicianStatement(pk=3, kind=StatementKind.PROBLEM_ANALYSIS,
                               statement_date=date(2026, 5, 1), advice=ADVICE),
            PhysicianStatement(pk=4, kind="unknown", statement_date=date(2026, 1, 2),
                               advice="Kort"),
        ],
        "capacity_links": [WorkCapacityAssessment(pk=5, assessed_on=date(2026, 3, 4))],
        "earlier_version_links": [ActionPlanVersion(pk=9, number=3),
                                  ActionPlanVersion(pk=8, number=2),
                                  ActionPlanVersion(pk=7, number=1)],
        "talk_items": [ProgressTalk(pk=11, held_on=date(2026, 6, 1),
                                    next_talk_on=date(2026, 7, 1)),
                       ProgressTalk(pk=12, held_on=date(2026, 5, 1), next_talk_on=None)],
        "evaluation_items": [Evaluation(pk=13, kind=EvaluationKind.FIRST_YEAR,
                                        held_on=date(2026, 10, 1))],
        "expert_opinion_items": [
            ExpertOpinionRequest(pk=14, subject=next(iter(ExpertOpinionSubject.values)),
                                 requested_on=date(2026, 2, 3), answered_on=date(2026, 3, 3)),
            ExpertOpinionRequest(pk=15, subject=ExpertOpinionSubject.values[-1],
                                 requested_on=date(2026, 4, 3), answered_on=None),
        ],
        "document_items": [
            Document(pk=16, title='Brief "arts" <bijlage> & co', is_medical=True,
                     withdrawn_at=datetime(2026, 1, 1, tzinfo=UTC)),
            Document(pk=17, title="Verslag", is_medical=False, withdrawn_at=None),
        ],
    }  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_the_items_are_what_the_template_wrote(language, name):
    records = _records()[name]
    with translation.override(language):
        expected = engines["django"].from_string(REFERENCE[name]).render({"records": records})
        assert getattr(case_rows, name)(records) == expected
