"""Benchmark the demo volume: `python bench/seed.py [--employees 10000] [--json]`.

Drops and recreates the benchmark database (`bench/common.py`), migrates it (not timed), then
times `manage.py seed_demo --employees N` in its own process: the demo employers, users and
staged cases, N generated employees with an open case each, and their deadlines. Not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, bench_environment, prepare_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10000)
    parser.add_argument("--json", action="store_true", help="also print the result as JSON")
    args = parser.parse_args()
    env = bench_environment(prepare_database(fresh=True))
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    start = time.perf_counter()
    subprocess.run(
        [*manage, "seed_demo", "--employees", str(args.employees)], env=env, check=True, cwd=ROOT
    )
    seconds = time.perf_counter() - start
    print(f"seed_demo --employees {args.employees}: {seconds:.1f} s (goal 15 s)")
    if args.json:
        print("JSON " + json.dumps({"employees": args.employees, "seconds": round(seconds, 1)}))


if __name__ == "__main__":
    main()
