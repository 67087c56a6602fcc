"""Benchmark the RIV PDF: `python bench/dossier_pdf.py [--runs 5] [--talks 17] [--json]`.

Creates afresh a throwaway database next to the benchmark database of `bench/common.py`: its
name with `_pdf` appended (default `poortwachter_bench_pdf`), on the server of
``BENCH_DATABASE_URL``. It migrates it and builds one full two-year dossier (17
voortgangsgesprekken, 3 plan van aanpak versions, a second track with 40 activities and its
reports, ≈ 40 pages). Then it prints, for the full export (content from the database,
Poortwachtertoets, templates, WeasyPrint) and for WeasyPrint rendering the already-built HTML
alone: the median time, the peak Python memory (tracemalloc, measured in separate runs because it
slows the code down) and the process's peak RSS, plus the ratio of the two. Not a test.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_database_url, prepare_database

#: The export may take at most this many times WeasyPrint's own time on the same HTML.
GOAL_RATIO = 1.3

#: A realistic paragraph added to the free text of every record (dossiers are wordy).
PARAGRAPH = (
    "Toelichting: de afspraken zijn met de werknemer doorgenomen en schriftelijk bevestigd. "
    "De leidinggevende is betrokken bij de invulling van het aangepaste werk; de werknemer "
    "geeft aan dat de opbouw haalbaar is zolang de pauzes worden aangehouden."
)


def _pdf_database_url() -> str:
    parts = urlsplit(bench_database_url())
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_pdf"))


def _timed(fn: Callable[[], object], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return timings


def _peak_python_mib(fn: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--talks", type=int, default=17)
    parser.add_argument("--plan-versions", type=int, default=3)
    parser.add_argument("--activities", type=int, default=40)
    parser.add_argument("--reports", type=int, default=14)
    parser.add_argument("--json", action="store_true", help="also print the result as JSON")
    args = parser.parse_args()

    url = prepare_database(fresh=True, url=_pdf_database_url())
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegratie.settings.test")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from pypdf import PdfReader

    from accounts.models import Role
    from cases.models import AssignmentKind
    from reintegration_report.content import report_content_build
    from reintegration_report.pdf import html_to_pdf, render_report_html, report_pdf_for_case
    from tests.factories import (
        CaseAssignmentFactory,
        CaseFactory,
        EmployeeFactory,
        EmployerFactory,
        UserFactory,
    )
    from tests.reintegration_report.report_builders import Actors, two_year_dossier

    employer = EmployerFactory(name="Bakkerij De Korenschoof B.V.")
    hr = UserFactory(role=Role.HR, full_name="Hanneke de Vries")
    employer.hr_users.add(hr)
    employee_user = UserFactory(role=Role.EMPLOYEE, full_name="Willem Bakker")
    employee = EmployeeFactory(
        employer=employer, user=employee_user, first_name="Willem", last_name="Bakker"
    )
    case = CaseFactory(employee=employee, reported_by=hr, casemanager=hr)
    physician = UserFactory(role=Role.OCCUPATIONAL_PHYSICIAN, full_name="Dr. P. Jansen")
    specialist = UserFactory(role=Role.REINTEGRATION_SPECIALIST, full_name="M. Coach")
    CaseAssignmentFactory(case=case, user=physician)
    CaseAssignmentFactory(case=case, user=specialist, kind=AssignmentKind.REINTEGRATION_SPECIALIST)
    started = time.perf_counter()
    case = two_year_dossier(
        case,
        Actors(hr=hr, physician=physician, employee=employee_user, specialist=specialist),
        talks=args.talks,
        plan_versions=args.plan_versions,
        track_activities=args.activities,
        reports=args.reports,
        text=PARAGRAPH,
    )
    built = time.perf_counter() - started

    def full() -> bytes:
        return report_pdf_for_case(case).pdf

    content = report_content_build(case)
    html = render_report_html(content)

    def html_only() -> bytes:
        return html_to_pdf(html)

    pdf = full()  # warm up: templates, fonts, CSS
    html_only()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    # Alternate the two so that load from other processes hits both alike.
    full_s: list[float] = []
    html_s: list[float] = []
    for _ in range(args.runs):
        full_s += _timed(full, 1)
        html_s += _timed(html_only, 1)
    rss_after_timing = _maxrss_mib()
    full_mem = _peak_python_mib(full)
    html_mem = _peak_python_mib(html_only)

    print(
        f"dossier: {len(content.talks)} talks, {len(content.plan_versions)} plan versions, "
        f"{sum(len(t.activities) for t in content.second_track.tracks)} second-track "
        f"activities, {sum(len(t.reports) for t in content.second_track.tracks)} reports "
        f"(built in {built:.1f} s)"
    )
    print(f"PDF: {pages} pages, {len(pdf) / 1024:.0f} KiB, HTML {len(html) / 1024:.0f} KiB")
    full_median, html_median = statistics.median(full_s), statistics.median(html_s)
    print(
        f"full export     median {full_median:6.2f} s, fastest {min(full_s):5.2f} s (runs: "
        f"{', '.join(f'{t:.2f}' for t in full_s)})  peak Python memory {full_mem:6.1f} MiB"
    )
    print(
        f"HTML → PDF only median {html_median:6.2f} s, fastest {min(html_s):5.2f} s (runs: "
        f"{', '.join(f'{t:.2f}' for t in html_s)})  peak Python memory {html_mem:6.1f} MiB"
    )
    print(
        f"ratio full / HTML-only: time {full_median / html_median:.2f} (median), "
        f"{min(full_s) / min(html_s):.2f} (fastest runs); peak memory {full_mem / html_mem:.2f}"
    )
    print(f"process peak RSS (ru_maxrss) after the timed runs: {rss_after_timing:.0f} MiB")
    if args.json:
        row = {
            "pages": pages,
            "runs": args.runs,
            "full_s": round(full_median, 2),
            "html_only_s": round(html_median, 2),
            "ratio": round(full_median / html_median, 2),
            "goal": GOAL_RATIO,
        }
        print("JSON " + json.dumps(row))


if __name__ == "__main__":
    main()
