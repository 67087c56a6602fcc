"""Choose the services for `make test`, then run the given command with them.

DATABASE_URL / REDIS_URL when set; else the servers on 127.0.0.1 when they answer; else
nothing, which makes the settings start the embedded PostgreSQL.
Usage: python -m reintegratie.test_env COMMAND [ARGS...]
"""

from __future__ import annotations

import os
import socket
import sys


def reachable(host: str, port: int) -> bool:
    """Return whether a TCP server answers on host:port."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def service_environment(environ: dict[str, str]) -> dict[str, str]:
    """Return `environ` completed with DATABASE_URL and REDIS_URL where servers answer."""
    env = dict(environ)
    if not env.get("DATABASE_URL") and reachable("127.0.0.1", 5432):
        env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/poortwachter"
    if not env.get("REDIS_URL") and reachable("127.0.0.1", 6379):
        env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    return env


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit("usage: python -m reintegratie.test_env COMMAND [ARGS...]")
    env = service_environment(dict(os.environ))
    os.execvpe(argv[0], argv, env)


if __name__ == "__main__":
    main(sys.argv[1:])
