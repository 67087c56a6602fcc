"""Benchmark the nightly work: `python bench/nightly.py [--json]`.

On the benchmark database (`bench/common.py`; run `bench/pages.py` first so it holds the demo
plus 10,000 generated cases) it times `deadlines_nightly` — recompute every case's deadlines
plus plan the reminders, the service the nightly task and `manage.py recompute_deadlines` call —
as one cases-per-second figure:

- steady: nothing changed since the previous run (the usual night);
- fresh: from scratch, after the deadlines, reminders and change records are removed.

Wall-clock and CPU time of this process are both printed (the database's own work counts in
wall-clock only), with the growth of the peak RSS during the run. Not a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import analyze, django_setup, machine, prepare_database


def _run(label: str) -> dict:
    from deadlines.services import deadlines_nightly

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    result = deadlines_nightly()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss
    row = {
        "run": label,
        "cases": result.cases,
        "planned": result.planned,
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "cases_per_s": round(result.cases / wall),
        "rss_growth_mb": round(grown / 1024, 1),
        "goal": 2000,
    }
    print(
        f"nightly {label:<7} {result.cases:>6} cases {wall:6.2f} s wall ({cpu:5.2f} s CPU) "
        f"{row['cases_per_s']:>6} cases/s  {result.planned:>6} reminders planned  "
        f"peak RSS +{row['rss_growth_mb']} MB"
    )
    return row


def _from_scratch() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE deadlines_deadline CASCADE")
        cursor.execute("UPDATE cases_case SET next_deadline = NULL")
    analyze()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    args = parser.parse_args()
    django_setup(prepare_database(fresh=False))
    print(f"machine: {machine()}")
    from deadlines.services import deadlines_nightly

    deadlines_nightly()  # bring everything up to date: the next run is a steady night
    analyze()
    rows = [_run("steady")]
    _from_scratch()
    rows.append(_run("fresh"))
    rows.append(_run("steady"))
    if args.json:
        print("JSON " + json.dumps(rows))


if __name__ == "__main__":
    main()
