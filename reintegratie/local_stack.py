"""`make run`: migrate, load demo data once, then run web, Celery worker and beat together.

With DATABASE_URL unset the embedded PostgreSQL is started (and kept up while this runs);
with REDIS_URL unset the worker and beat use kombu's filesystem transport under .data/.
Ctrl-C stops all three processes and then the embedded database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


def needs_demo_data() -> bool:
    result = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from accounts.models import User; print(User.objects.exists())",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1] != "True"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegratie.settings.local")
    keep_alive = None
    if not os.environ.get("DATABASE_URL"):
        sys.path.insert(0, str(ROOT))
        from reintegratie.embedded import embedded_database

        keep_alive = embedded_database()  # holds the embedded server for the whole run
        print(f"Embedded PostgreSQL running (data in .data/postgres, socket {keep_alive['HOST']}).")
    manage("migrate", "--noinput")
    manage("createcachetable")
    if needs_demo_data():
        manage("seed_demo")
    commands = {
        "web": [PYTHON, "manage.py", "runserver", "127.0.0.1:8000"],
        "worker": [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "reintegratie",
            "worker",
            "-l",
            "info",
            "--concurrency",
            "1",
            "-P",
            "solo",
        ],
        "beat": [PYTHON, "-m", "celery", "-A", "reintegratie", "beat", "-l", "info"],
    }
    # Each in its own process group, so stopping one also stops its children (runserver's reloader).
    processes = {
        name: subprocess.Popen(cmd, cwd=ROOT, start_new_session=True)
        for name, cmd in commands.items()
    }
    print("Poortwachter runs at http://127.0.0.1:8000 — press Ctrl-C to stop.")

    def stop(*_: object) -> None:
        for process in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)
        deadline = time.monotonic() + 10
        for process in processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        if keep_alive is not None:
            from reintegratie.embedded import stop_embedded_database

            stop_embedded_database()
            print("Embedded PostgreSQL stopped.")
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while True:
        for name, process in processes.items():
            if process.poll() is not None:
                print(f"{name} stopped (exit {process.returncode}); stopping the others.")
                stop()
        time.sleep(1)


if __name__ == "__main__":
    main()
