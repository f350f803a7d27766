"""Safe fetching against local HTTP servers this module starts on 127.0.0.1.

A process-wide audit hook watches every DNS lookup and socket connect while these tests run: a connect
to any non-loopback address raises before a packet leaves, so a regression in the address checks fails
the test instead of sending traffic anywhere.  The same hook proves the DNS-rebinding defence: a host
name is looked up once and the socket goes to the address that was checked.
"""

from __future__ import annotations

import functools
import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from storyline.ingest import read_paths
from storyline.ingest.web import FetchError, check_url, fetch
from storyline.model import IngestError, RawDoc

ARTICLE = (
    b"<html><body><article><p>The Morrow Valley rail line reopened on Tuesday after a landslide "
    b"closed it for nine days, the operator said.</p></article></body></html>"
)


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # ~50 KB on the wire, 50 MB inflated


class NonLoopbackConnect(RuntimeError):
    """Raised inside socket.connect: the test tried to reach a non-loopback address."""


@dataclass
class _Guard:
    active: bool = False
    lookups: list[str] = field(default_factory=list)
    connects: list[str] = field(default_factory=list)


GUARD = _Guard()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not GUARD.active:
        return
    if event == "socket.getaddrinfo":
        GUARD.lookups.append(str(args[0]))
    elif event == "socket.connect":
        sock, addr = args
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = str(addr[0]).split("%")[0]
            if not ipaddress.ip_address(host).is_loopback:
                raise NonLoopbackConnect(f"connect to {addr} attempted")
            GUARD.connects.append(host)


sys.addaudithook(_audit)  # hooks cannot be removed; it does nothing unless GUARD.active


@pytest.fixture(autouse=True)
def guard() -> Iterator[_Guard]:
    GUARD.lookups.clear()
    GUARD.connects.clear()
    GUARD.active = True
    try:
        yield GUARD
    finally:
        GUARD.active = False


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up on a misbehaving handler is what these tests provoke


class _Server:
    """A loopback HTTP server whose handlers misbehave on request; it records every path it served."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                outer.paths.append(self.path)
                parts = urlsplit(self.path)
                try:
                    getattr(self, "r_" + parts.path.strip("/").replace("-", "_"), self.r_missing)(
                        parse_qs(parts.query)
                    )
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def _send(self, body: bytes, status: int = 200, **headers: str) -> None:
                self.send_response(status)
                headers.setdefault("Content-Type", "text/html; charset=utf-8")
                headers.setdefault("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k.replace("_", "-"), v)
                self.end_headers()
                self.wfile.write(body)

            def r_missing(self, q: dict[str, list[str]]) -> None:
                self._send(b"not here", 404)

            def r_ok(self, q: dict[str, list[str]]) -> None:
                self._send(ARTICLE)

            def r_exact(self, q: dict[str, list[str]]) -> None:
                self._send(b"x" * int(q["n"][0]), Content_Type="text/plain")

            def r_redirect(self, q: dict[str, list[str]]) -> None:
                self._send(b"", 302, Location=q["to"][0])

            def r_loop(self, q: dict[str, list[str]]) -> None:
                self._send(b"", 302, Location="/loop")

            def r_not_modified(self, q: dict[str, list[str]]) -> None:
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()

            def r_big_declared(self, q: dict[str, list[str]]) -> None:
                self.send_response(200)
                self.send_header("Content-Length", "50000000")
                self.end_headers()
                self.wfile.write(b"x" * 65536)

            def r_big_undeclared(self, q: dict[str, list[str]]) -> None:
                self.send_response(200)
                self.send_header("Connection", "close")  # body ends when the connection does
                self.end_headers()
                for _ in range(200):  # 13 MB
                    self.wfile.write(b"y" * 65536)

            def r_gzip_bomb(self, q: dict[str, list[str]]) -> None:
                self._send(_bomb(), Content_Encoding="gzip")

            def r_drip_body(self, q: dict[str, list[str]]) -> None:
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                for _ in range(1000):
                    if outer.stop.wait(0.1):
                        return
                    self.wfile.write(b"z")
                    self.wfile.flush()

            def r_drip_headers(self, q: dict[str, list[str]]) -> None:
                self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                for _ in range(1000):  # each byte well within any per-read timeout
                    if outer.stop.wait(0.1):
                        return
                    self.wfile.write(b"a")
                    self.wfile.flush()

            def r_silent(self, q: dict[str, list[str]]) -> None:
                outer.stop.wait(30)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[_Server, _Server]]:
    a, b = _Server(), _Server()
    yield a, b
    a.close()
    b.close()


def _refused(url: str, **kw: Any) -> str:
    with pytest.raises(FetchError) as exc:
        fetch(url, timeout=5, **kw)
    return str(exc.value)


# ------------------------------------------------------------------------------------ refusals, no traffic


@pytest.mark.parametrize(
    "url,why",
    [
        ("ftp://files.example/a.txt", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("gopher://old.example/", "scheme"),
        ("data:text/plain,hello", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("//no-scheme.example/", "scheme"),
        ("http://user:secret@news.example/", "credentials"),
        ("http:///path-only", "no host"),
        ("http://news.example:99999/", "port"),
    ],
)
def test_bad_url_forms_refused_without_lookup(url: str, why: str, guard: _Guard) -> None:
    assert why in _refused(url).lower()
    assert guard.lookups == [] and guard.connects == []


@pytest.mark.parametrize(
    "host,why",
    [
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.10.10", "link-local"),
        ("100.100.100.200", "metadata"),
        ("168.63.129.16", "metadata"),
        ("[fd00:ec2::254]", "metadata"),
        ("[fe80::1]", "link-local"),
        ("224.0.0.1", "multicast"),
        ("[ff02::1]", "multicast"),
        ("100.64.0.1", "non-global"),
        ("0.0.0.0", "unspecified"),
        ("255.255.255.255", "private"),
        ("[::ffff:10.0.0.1]", "private"),
        ("[64:ff9b::a9fe:a9fe]", "metadata"),  # NAT64 form of 169.254.169.254
        ("[64:ff9b::a9fe:0a0a]", "link-local"),
        ("[2002:a00:1::1]", "private"),  # 6to4 form of 10.0.0.1
    ],
)
def test_non_public_addresses_refused_before_connecting(host: str, why: str, guard: _Guard) -> None:
    assert why in _refused(f"http://{host}/latest/meta-data/")
    assert guard.connects == []


def test_metadata_refused_even_with_allow_private(guard: _Guard) -> None:
    assert "metadata" in _refused("http://169.254.169.254/latest/", allow_private=True)
    assert guard.connects == []


@pytest.mark.parametrize(
    "form",
    [
        "127.0.0.1:{p}",
        "localhost:{p}",
        "LocalHost:{p}",
        "127.1:{p}",
        "2130706433:{p}",
        "0x7f000001:{p}",
        "0.0.0.0:{p}",
        "[::1]:{p}",
        "[::ffff:127.0.0.1]:{p}",
    ],
)
def test_live_loopback_server_refused(form: str, servers: tuple[_Server, _Server], guard: _Guard) -> None:
    """The server is up and reachable (see the allowed tests); every spelling of it is refused."""
    a, _ = servers
    mark = uuid.uuid4().hex
    reason = _refused(f"http://{form.format(p=a.port)}/ok?m={mark}")
    assert "refused" in reason and ("loopback" in reason or "unspecified" in reason)
    assert guard.connects == []
    assert not any(mark in p for p in a.paths)


def test_check_url_resolves_names() -> None:
    with pytest.raises(FetchError, match="localhost resolves to loopback"):
        check_url("http://localhost/")
    check_url("http://localhost/", allow_private=True)


# ------------------------------------------------------------------------------------ redirects


def test_redirect_hops_are_checked(servers: tuple[_Server, _Server], guard: _Guard) -> None:
    a, b = servers
    allow = [f"127.0.0.1:{a.port}"]  # only the first hop's host is trusted

    def via(to: str) -> str:
        return f"{a.base}/redirect?to={quote(to, safe='')}"

    # control: an allowed hop redirecting to itself is followed to the article
    got = fetch(via(f"{a.base}/ok"), allow_hosts=allow, timeout=5)
    assert got.data == ARTICLE and got.url == f"{a.base}/ok" and got.status == 200
    # control: server b is reachable when private addresses are allowed
    assert fetch(via(f"{b.base}/ok"), allow_private=True, timeout=5).data == ARTICLE
    b_before = len(b.paths)

    for target, why in [
        (f"http://127.0.0.1:{b.port}/ok", "loopback"),  # another port on the trusted address
        (f"http://localhost:{a.port}/ok", "loopback"),  # same server under a name that resolves to it
        ("http://169.254.169.254/latest/meta-data/iam/", "metadata"),
        ("http://10.0.0.1/admin", "private"),
        ("http://[::ffff:192.168.0.1]/", "private"),
        ("file:///etc/passwd", "scheme"),
        ("gopher://127.0.0.1:70/", "scheme"),
    ]:
        mark = uuid.uuid4().hex
        reason = _refused(via(f"{target}{'&' if '?' in target else '?'}m={mark}"), allow_hosts=allow)
        assert why in reason, (target, reason)
        # the refused hop never arrived (the first hop's own request carries the mark in its query)
        assert not any(mark in p for p in a.paths + b.paths if not p.startswith("/redirect")), target
    assert len(b.paths) == b_before  # b never saw a refused redirect
    assert all(ipaddress.ip_address(h).is_loopback for h in guard.connects)

    # relative Location, and a redirect loop
    assert fetch(f"{a.base}/redirect?to=ok", allow_hosts=allow, timeout=5).data == ARTICLE
    assert "too many redirects" in _refused(f"{a.base}/loop", allow_hosts=allow)


def test_metadata_redirect_refused_with_allow_private(
    servers: tuple[_Server, _Server], guard: _Guard
) -> None:
    a, _ = servers
    reason = _refused(f"{a.base}/redirect?to={quote('http://169.254.169.254/latest/')}", allow_private=True)
    assert "metadata" in reason and guard.connects  # the first hop was fetched, the second refused


def test_name_resolved_once_and_socket_goes_to_checked_address(
    servers: tuple[_Server, _Server], guard: _Guard
) -> None:
    """DNS rebinding: a second lookup at connect time could return another address than the one checked."""
    a, _ = servers
    got = fetch(f"http://localhost:{a.port}/ok", allow_hosts=[f"localhost:{a.port}"], timeout=5)
    assert got.data == ARTICLE
    assert guard.lookups.count("localhost") == 1
    checked = {ai[4][0] for ai in socket.getaddrinfo("localhost", a.port, type=socket.SOCK_STREAM)}
    assert guard.connects and set(guard.connects) <= checked


# ------------------------------------------------------------------------------------ size and time


def test_size_cap(servers: tuple[_Server, _Server]) -> None:
    a, _ = servers
    allow = [f"127.0.0.1:{a.port}"]
    cap = 1_000_000
    assert len(fetch(f"{a.base}/exact?n={cap}", max_bytes=cap, allow_hosts=allow, timeout=5).data) == cap
    assert "too large" in _refused(f"{a.base}/exact?n={cap + 1}", max_bytes=cap, allow_hosts=allow)
    t0 = time.monotonic()
    reason = _refused(f"{a.base}/big-declared", max_bytes=cap, allow_hosts=allow)
    assert "too large (50000000 bytes" in reason and time.monotonic() - t0 < 2
    assert "too large" in _refused(f"{a.base}/big-undeclared", max_bytes=cap, allow_hosts=allow)


def test_gzip_bomb_capped_after_inflating_without_inflating_it(servers: tuple[_Server, _Server]) -> None:
    a, _ = servers
    cap = 1_000_000
    _bomb()  # built before measuring: only the client's allocations count
    tracemalloc.start()
    try:
        reason = _refused(f"{a.base}/gzip-bomb", max_bytes=cap, allow_hosts=[f"127.0.0.1:{a.port}"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "too large" in reason
    assert peak < 8 * cap, f"{peak / 1e6:.1f} MB allocated for a {cap / 1e6:.0f} MB cap"


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers", "/silent"])
def test_total_deadline(path: str, servers: tuple[_Server, _Server]) -> None:
    """A byte every 0.1 s keeps every single read alive; only a total deadline stops it."""
    a, _ = servers
    t0 = time.monotonic()
    with pytest.raises(FetchError, match="too slow"):
        fetch(a.base + path, timeout=1.5, allow_hosts=[f"127.0.0.1:{a.port}"])
    assert 1.4 < time.monotonic() - t0 < 3.5  # without the total deadline: 10 s per read, or forever


def test_status_handling(servers: tuple[_Server, _Server]) -> None:
    a, _ = servers
    allow = [f"127.0.0.1:{a.port}"]
    assert "HTTP 404" in _refused(f"{a.base}/nowhere", allow_hosts=allow)
    got = fetch(f"{a.base}/not-modified", allow_hosts=allow, headers={"If-None-Match": '"v1"'}, timeout=5)
    assert got.status == 304 and got.etag == '"v1"' and got.data == b""


# ------------------------------------------------------------------------------------ through ingest


def test_read_paths_reports_refusals_and_fetches_when_allowed(servers: tuple[_Server, _Server]) -> None:
    a, _ = servers
    got = list(read_paths([f"{a.base}/ok", f"http://localhost:{a.port}/ok", "ftp://files.example/x"]))
    assert all(isinstance(g, IngestError) for g in got)
    assert ["refused" in g.reason for g in got] == [True, True, True]  # type: ignore[union-attr]
    (doc,) = read_paths([f"{a.base}/ok"], allow_private=True)
    assert isinstance(doc, RawDoc) and doc.origin == "url" and doc.kind == "html" and doc.data == ARTICLE


# ------------------------------------------------------------------------------------ TLS


def test_tls_handshake_that_never_ends_hits_the_deadline() -> None:
    """A listener that accepts and then says nothing: the TLS handshake is bounded by the deadline too."""
    lsock = socket.create_server(("127.0.0.1", 0))
    port = lsock.getsockname()[1]
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(lsock.accept()[0]), daemon=True).start()
    try:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match="too slow"):
            fetch(f"https://127.0.0.1:{port}/", timeout=1.5, allow_hosts=[f"127.0.0.1:{port}"])
        assert time.monotonic() - t0 < 3.5
    finally:
        for s in held:
            s.close()
        lsock.close()


def test_untrusted_certificate_refused(tmp_path: Path) -> None:
    """Certificates are verified (against the URL's host name, though the socket goes to the checked IP)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not found: cannot make a self-signed certificate for the TLS test")
    key, cert = tmp_path / "k.pem", tmp_path / "c.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    lsock = socket.create_server(("127.0.0.1", 0))
    port = lsock.getsockname()[1]

    def serve() -> None:
        conn, _ = lsock.accept()
        try:
            with ctx.wrap_socket(conn, server_side=True) as tls:
                tls.recv(4096)
                tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        except (ssl.SSLError, OSError):
            pass  # the client rejects the certificate mid-handshake

    threading.Thread(target=serve, daemon=True).start()
    try:
        with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED"):
            fetch(f"https://127.0.0.1:{port}/", timeout=5, allow_hosts=[f"127.0.0.1:{port}"])
    finally:
        lsock.close()
