"""The choice of pg_dump / pg_restore: the embedded server's own, Debian's versioned, or PATH."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from backups.pg_tools import ToolNotFound, pg_tool, pg_tool_path, version_major


def _tool(folder: Path, name: str, version: str = "15.20") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "{name} (PostgreSQL) {version}"\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_the_embedded_server_uses_its_own_binaries(tmp_path):
    embedded = _tool(tmp_path / "embedded" / "bin", "pg_dump", "18.6")
    _tool(tmp_path / "debian" / "18" / "bin", "pg_dump", "18.6")
    chosen = pg_tool_path(
        "pg_dump",
        server_major=18,
        embedded_bin_dir=tmp_path / "embedded" / "bin",
        debian_root=tmp_path / "debian",
        which=lambda name: "/usr/bin/pg_dump",
    )
    assert chosen == embedded


def test_a_missing_embedded_binary_is_an_error_not_a_fallback(tmp_path):
    (tmp_path / "embedded" / "bin").mkdir(parents=True)
    with pytest.raises(ToolNotFound, match="embedded PostgreSQL"):
        pg_tool_path(
            "pg_restore",
            server_major=18,
            embedded_bin_dir=tmp_path / "embedded" / "bin",
            which=lambda name: "/usr/bin/pg_restore",
        )


def test_a_server_elsewhere_uses_debians_folder_of_its_major_version(tmp_path):
    _tool(tmp_path / "debian" / "15" / "bin", "pg_dump")
    sixteen = _tool(tmp_path / "debian" / "16" / "bin", "pg_dump", "16.4")
    chosen = pg_tool_path(
        "pg_dump",
        server_major=16,
        embedded_bin_dir=None,
        debian_root=tmp_path / "debian",
        which=lambda name: "/usr/bin/pg_dump",
    )
    assert chosen == sixteen


def test_without_a_versioned_folder_the_tool_on_path(tmp_path):
    chosen = pg_tool_path(
        "pg_dump",
        server_major=15,
        embedded_bin_dir=None,
        debian_root=tmp_path / "none",
        which=lambda name: f"/opt/pg/bin/{name}",
    )
    assert chosen == Path("/opt/pg/bin/pg_dump")
    with pytest.raises(ToolNotFound, match="postgresql-client-15"):
        pg_tool_path(
            "pg_dump",
            server_major=15,
            embedded_bin_dir=None,
            debian_root=tmp_path / "none",
            which=lambda name: None,
        )


def test_a_tool_older_than_the_server_is_refused(tmp_path):
    _tool(tmp_path / "embedded", "pg_dump", "15.20")
    with pytest.raises(ToolNotFound, match="PostgreSQL 15, older than the server \\(16\\)"):
        pg_tool("pg_dump", server_major=16, embedded_bin_dir=tmp_path / "embedded")
    assert pg_tool("pg_dump", server_major=15, embedded_bin_dir=tmp_path / "embedded")


def test_version_parsing():
    assert version_major("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)") == 15
    assert version_major("pg_restore (PostgreSQL) 18.6") == 18


def test_the_embedded_wheel_ships_dump_and_restore():
    from reintegratie.embedded import embedded_bin_dir

    for name in ("pg_dump", "pg_restore"):
        assert (embedded_bin_dir() / name).exists()
