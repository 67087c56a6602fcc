"""Run every benchmark and print one table: `make bench` (or `python bench/run_all.py`).

1. `bench/pages.py --fresh`: every HR page against the bare view at 100, 1,000 and 10,000 cases;
2. `bench/nightly.py`: the nightly work on those 10,000 cases, steady and from scratch;
3. `bench/mail.py`: sending 2,000 of the reminders that planned (locmem e-mail backend);
4. `bench/seed.py`: `seed_demo --employees 10000` on a fresh database;
5. `bench/dossier_pdf.py`: the RIV export of a full two-year dossier against WeasyPrint alone.

All on the one benchmark database of `bench/common.py` (``BENCH_DATABASE_URL``; the RIV on a
throwaway database named after it). The Analyse figures (`bench/analytics.py`), the API
(`bench/api.py`) and the payroll import (`bench/employee_import.py`) have their own scripts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, machine


def _run(script: str, *args: str) -> object:
    process = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--json", *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    sys.stderr.write(process.stdout)
    line = next(x for x in reversed(process.stdout.splitlines()) if x.startswith("JSON "))
    return json.loads(line[5:])


def main() -> None:
    started = datetime.now(UTC)
    pages = _run("pages.py", "--fresh", "--explain")
    nightly = _run("nightly.py")
    mail = _run("mail.py")
    seed = _run("seed.py")
    riv = _run("dossier_pdf.py")
    print(f"Benchmarks of {started:%Y-%m-%d %H:%M} UTC on {machine()}")
    print()
    sizes = sorted({row["size"] for row in pages})
    print("| Page | " + " | ".join(f"{s:,} cases" for s in sizes) + " | Goal |")
    print("|---|" + "---|" * len(sizes) + "---|")
    for label in dict.fromkeys(row["page"] for row in pages):
        cells, goal = [], 0.0
        for size in sizes:
            row = next(r for r in pages if r["page"] == label and r["size"] == size)
            goal = row["goal"]
            cells.append(f"{row['ratio']:.1f}× ({row['queries']} q, {row['page_ms']:.0f} ms)")
        last = next(r for r in pages if r["page"] == label and r["size"] == sizes[-1])
        if goal is None:
            print(f"| {label} | " + " | ".join(cells) + " | (no goal: counts recomputed) |")
            continue
        verdict = "met" if last["ratio"] <= goal else "NOT met"
        print(f"| {label} | " + " | ".join(cells) + f" | ≤ {goal:.0f}× ({verdict}) |")
    print()
    print("| Work | Figure | Goal |")
    print("|---|---|---|")
    for row in nightly:
        verdict = "met" if row["cases_per_s"] >= row["goal"] else "NOT met"
        print(
            f"| Nightly recompute + reminder planning, {row['run']} ({row['cases']:,} cases) | "
            f"{row['cases_per_s']:,} cases/s ({row['seconds']} s wall, {row['cpu_seconds']} s "
            f"CPU, peak RSS +{row['rss_growth_mb']} MB) | ≥ 2,000 cases/s ({verdict}) |"
        )
    verdict = "met" if mail["per_s"] >= mail["goal"] else "NOT met"
    print(
        f"| Reminder sending, {mail['reminders']:,} reminders (locmem e-mail) | "
        f"{mail['per_s']:,} reminders/s ({mail['seconds']} s wall, {mail['cpu_seconds']} s CPU) "
        f"| ≥ {mail['goal']}/s ({verdict}) |"
    )
    verdict = "met" if seed["seconds"] < 15 else "NOT met"
    print(
        f"| `seed_demo --employees {seed['employees']}` | {seed['seconds']} s | "
        f"< 15 s ({verdict}) |"
    )
    verdict = "met" if riv["ratio"] <= riv["goal"] else "NOT met"
    print(
        f"| RIV export, {riv['pages']}-page dossier, vs WeasyPrint alone on its HTML | "
        f"{riv['ratio']:.2f}× (median of {riv['runs']}: {riv['full_s']} s vs "
        f"{riv['html_only_s']} s) | ≤ {riv['goal']}× ({verdict}) |"
    )


if __name__ == "__main__":
    main()
