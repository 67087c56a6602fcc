"""Fill `Case.second_track_due` from the stored deadlines (kept by the recompute from now on)."""

from django.db import migrations

FILL = """
    UPDATE cases_case SET second_track_due = d.due_date
    FROM deadlines_deadline d
    WHERE d.case_id = cases_case.id AND d.kind = 'second_track_latest'
      AND d.status IN ('open', 'overdue')
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_case_second_track_due"),
        ("deadlines", "0009_write_stamps"),
    ]

    operations = [migrations.RunSQL(FILL, migrations.RunSQL.noop)]
