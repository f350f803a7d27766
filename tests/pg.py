"""A throwaway PostgreSQL server for the test session.

The Debian ``postgresql`` binaries (installed by ``make test`` through scripts/sysdeps.sh) run on a
temporary data directory, listening on 127.0.0.1 at a free port with the unix socket inside that
directory; each test gets a fresh database. PostgreSQL refuses to run as root, so under root (CI) the
server runs as the ``postgres`` OS user that the Debian package creates.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "storyline"
START_TIMEOUT = 60.0


class PgUnavailable(RuntimeError):
    """No PostgreSQL server can be started here; the message says why."""


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb and postgres (or $STORYLINE_PG_BIN)."""
    cands = [Path(os.environ["STORYLINE_PG_BIN"])] if os.environ.get("STORYLINE_PG_BIN") else []
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for bindir in [*cands, *versions]:
        if (bindir / "initdb").is_file() and (bindir / "postgres").is_file():
            return bindir
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> tuple[int, int] | None:
    """(uid, gid) of the postgres OS user when we are root, None when we can run the server ourselves."""
    if os.geteuid() != 0:
        return None
    import pwd

    try:
        pw = pwd.getpwnam("postgres")
    except KeyError as e:
        raise PgUnavailable("running as root and there is no 'postgres' OS user to run the server as") from e
    return pw.pw_uid, pw.pw_gid


def _reachable_by_others(path: Path) -> bool:
    return all(os.stat(p).st_mode & 0o001 for p in [path, *path.parents])


def _die_with_parent() -> Callable[[], None] | None:
    """A preexec function that makes the server stop if the test process dies without cleaning up."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def pdeathsig() -> None:
        prctl(1, int(signal.SIGINT))  # PR_SET_PDEATHSIG: fast shutdown when the parent goes

    return pdeathsig


@dataclass
class PgServer:
    root: Path
    port: int
    proc: subprocess.Popen[bytes]
    log: Path
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def url(self, dbname: str = "postgres") -> str:
        # A plain postgresql:// URL, as a user would type it: the store picks the psycopg 3 driver.
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def _admin(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            dbname="postgres",
            autocommit=True,
            connect_timeout=5,
        )

    def create_database(self, prefix: str = "t") -> str:
        name = f"{prefix}_{os.getpid()}_{next(self._ids)}"
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> PgServer:
    """Initialise a cluster in a temporary directory and start a server on loopback; raises PgUnavailable."""
    bindir = find_bindir()
    if bindir is None:
        raise PgUnavailable(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin "
            "(install the Debian 'postgresql' package, or run `make test`, which does)"
        )
    owner = _run_as()
    base = Path(tempfile.gettempdir())
    if owner and not _reachable_by_others(base):
        base = Path("/tmp")  # the postgres user must be able to reach its data directory
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-", dir=base))
    data, sock, log = root / "data", root / "sock", root / "server.log"
    sock.mkdir()
    if owner:
        for p in (root, sock):
            os.chown(p, *owner)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "LANG": "C", "TZ": "UTC"}
    run_as: dict[str, object] = {"user": owner[0], "group": owner[1], "extra_groups": []} if owner else {}
    try:
        init = subprocess.run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            env=env,
            capture_output=True,
            timeout=120,
            **run_as,  # type: ignore[arg-type]
        )
    except (OSError, subprocess.SubprocessError) as e:
        shutil.rmtree(root, ignore_errors=True)
        raise PgUnavailable(f"initdb failed: {e}") from e
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise PgUnavailable(f"initdb failed: {init.stderr.decode(errors='replace')[-2000:]}")
    port = free_port()
    logfh = open(log, "wb")  # the server writes to it until stop()
    if owner:
        os.chown(log, *owner)
    # Durability is irrelevant for a throwaway test cluster: turn off what makes it slow.
    try:
        proc = subprocess.Popen(
            [
                str(bindir / "postgres"),
                "-D",
                str(data),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-k",
                str(sock),
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
                "-c",
                "shared_buffers=64MB",
                "-c",
                "log_min_messages=warning",
            ],
            env=env,
            stdout=logfh,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent(),
            **run_as,  # type: ignore[arg-type]
        )
    except (OSError, subprocess.SubprocessError) as e:
        shutil.rmtree(root, ignore_errors=True)
        raise PgUnavailable(f"cannot start postgres: {e}") from e
    finally:
        logfh.close()
    server = PgServer(root, port, proc, log)
    deadline = time.monotonic() + START_TIMEOUT
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            text = log.read_text(errors="replace")[-2000:]
            shutil.rmtree(root, ignore_errors=True)
            raise PgUnavailable(f"postgres exited with code {proc.returncode}: {text}")
        try:
            with server._admin():
                return server
        except Exception as e:  # not accepting connections yet
            last = e
            time.sleep(0.1)
    server.stop()
    raise PgUnavailable(f"postgres did not accept connections within {START_TIMEOUT:.0f} s: {last}")
