"""Fetching a URL the user asked for, without becoming a way into their network.

Every connection is made through ``_GuardedBackend`` (an httpcore network backend).  It resolves the
host once, refuses when any address is loopback, private, link-local, multicast, reserved or a cloud
metadata service, and connects to the very address it checked: a DNS answer that changes between the
check and the connect (DNS rebinding) cannot move the socket.  The same backend holds one total
deadline over connect, TLS, writes and every read, so a server dripping headers or body a byte at a
time is cut off.  Redirects are followed by hand, each hop checked again; bodies are capped in bytes
after decompression (a small gzip body can inflate a thousandfold).
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
import typing
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

DEFAULT_TIMEOUT = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "storyline/0.1 (+https://example.invalid/storyline)"
_REDIRECTS = {301, 302, 303, 307, 308}
# Cloud metadata endpoints, including the ones that are not link-local (ECS, Alibaba, Azure wireserver).
_METADATA = {
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "168.63.129.16")
}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
IP = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(ValueError):
    """A URL that was refused or could not be fetched; the message is the reason."""


@dataclass(slots=True)
class Fetched:
    url: str  # final URL after redirects
    data: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200


def _embedded_v4(ip: IP) -> ipaddress.IPv4Address | None:
    """The IPv4 host an IPv6 address reaches (mapped, 6to4, NAT64 forms), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    inner = ip.ipv4_mapped or ip.sixtofour
    if inner is None and ip in _NAT64:
        inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return inner


def _is_metadata(ip: IP) -> bool:
    return ip in _METADATA or _embedded_v4(ip) in _METADATA


def _blocked(ip: IP) -> str | None:
    """Why an address must not be contacted, or None for a public address."""
    if _is_metadata(ip):
        return "cloud metadata service"
    inner = _embedded_v4(ip)
    if inner is not None:
        why = _blocked(inner)
        if why:
            return why
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local (cloud metadata services live here)"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_private:
        return "private"
    if ip.is_reserved:
        return "reserved"
    if not ip.is_global:
        return "non-global"
    return None


@dataclass(frozen=True, slots=True)
class _Policy:
    allow_private: bool = False
    # (host, port) pairs, port None for any, that may be on non-public addresses (e.g. an intranet feed)
    allow_hosts: frozenset[tuple[str, int | None]] = frozenset()

    def named(self, host: str, port: int) -> bool:
        h = host.lower().strip("[]")
        return (h, port) in self.allow_hosts or (h, None) in self.allow_hosts

    def private_ok(self, host: str, port: int) -> bool:
        return self.allow_private or self.named(host, port)


def _host_set(hosts: Iterable[str]) -> frozenset[tuple[str, int | None]]:
    out: set[tuple[str, int | None]] = set()
    for h in hosts:
        try:
            parts = urlsplit("//" + h.strip())
            port = parts.port
        except ValueError as e:
            raise FetchError(f"bad allowed host {h!r}: {e}") from e
        if not parts.hostname:
            raise FetchError(f"bad allowed host {h!r}")
        out.add((parts.hostname.lower(), port))
    return frozenset(out)


def _resolve_checked(host: str, port: int, policy: _Policy | None = None) -> list[str]:
    """Addresses of host (one lookup), or FetchError when any of them may not be contacted."""
    policy = policy or _Policy()
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as e:
        raise FetchError(f"cannot resolve host {host!r}: {e}") from e
    addrs: list[str] = []
    for info in infos:
        addr = str(info[4][0])
        ip = ipaddress.ip_address(addr.split("%")[0])
        hint = " (use --allow-private to permit)"
        why: str | None
        if _is_metadata(ip) and not policy.named(host, port):
            why, hint = "cloud metadata service", ""  # not even with allow_private: only when named
        else:
            why = None if policy.private_ok(host, port) else _blocked(ip)
        if why:  # one bad address refuses the host: a resolver may hand out any of them
            if host.strip("[]") == str(ip):
                raise FetchError(f"refused: {ip} is a {why} address{hint}")
            raise FetchError(f"refused: {host} resolves to {why} address {ip}{hint}")
        if addr not in addrs:
            addrs.append(addr)
    if not addrs:
        raise FetchError(f"cannot resolve host {host!r}: no addresses")
    return addrs


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self, timeout: float | None = None) -> float:
        """Time for the next operation: its own timeout, never past the total deadline."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise FetchError(f"response too slow (over {self.seconds:g} s total deadline)")
        return left if timeout is None else min(timeout, left)


class _GuardedStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._inner.read(max_bytes, self._deadline.left(timeout))
        except httpcore.TimeoutException:
            self._deadline.left()  # the deadline's error when the deadline is why
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self._inner.write(buffer, self._deadline.left(timeout))
        except httpcore.TimeoutException:
            self._deadline.left()
            raise

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        # server_hostname is the URL's host name, so certificates are checked against it, not the IP
        try:
            tls = self._inner.start_tls(ssl_context, server_hostname, self._deadline.left(timeout))
        except httpcore.TimeoutException:
            self._deadline.left()
            raise
        return _GuardedStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolve once, check every address, connect to a checked address; all within the deadline."""

    def __init__(self, policy: _Policy, deadline: _Deadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._policy = policy
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        addrs = _resolve_checked(host, port, self._policy)
        err: Exception | None = None
        for addr in addrs:  # e.g. an IPv6 address first on a host without IPv6 routes
            try:
                stream = self._inner.connect_tcp(
                    addr, port, self._deadline.left(timeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                self._deadline.left()
                err = e
                continue
            return _GuardedStream(stream, self._deadline)
        assert err is not None
        raise err

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise FetchError("refused: unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, self._deadline.left()))


class _Body:
    """A response body up to max_bytes, counted after gzip/deflate decoding."""

    def __init__(self, encoding: str, max_bytes: int) -> None:
        self.encoding = encoding.strip().lower()
        self.max_bytes = max_bytes
        self.data = bytearray()
        self._z: typing.Any = None
        if self.encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self._z = zlib.decompressobj()
        elif self.encoding not in ("", "identity"):
            raise FetchError(f"unsupported content-encoding {encoding!r}")

    def add(self, chunk: bytes) -> None:
        if self._z is not None:
            room = self.max_bytes + 1 - len(self.data)  # inflate no further than one byte past the cap
            try:
                chunk = self._z.decompress(chunk, room)
            except zlib.error as e:
                if self.encoding == "deflate" and not self.data:  # servers that send raw deflate
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    self.encoding = "raw deflate"
                    self.add(chunk)
                    return
                raise FetchError(f"corrupt {self.encoding} response body: {e}") from e
        self.data += chunk
        if len(self.data) > self.max_bytes:
            raise FetchError(f"response too large (over {self.max_bytes} bytes limit)")


def _checked_url(url: str) -> httpx.URL:
    """The URL parsed, when its form is acceptable (scheme, host, no credentials, valid port)."""
    try:
        parts = urlsplit(url)
    except ValueError as e:  # e.g. an unclosed IPv6 bracket
        raise FetchError(f"bad URL {url!r}: {e}") from e
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"refused scheme {parts.scheme or '(none)'!r}: only http and https are fetched")
    if parts.username or parts.password:
        raise FetchError("refused: credentials in URL")
    try:
        u = httpx.URL(url)
        _ = parts.port
    except (ValueError, httpx.InvalidURL) as e:
        raise FetchError(f"bad URL {url!r}: {e}") from e
    if not u.host:
        raise FetchError("URL has no host")
    return u


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise FetchError unless the URL is http(s) and every address it resolves to is public."""
    u = _checked_url(url)
    _resolve_checked(u.host, u.port or (443 if u.scheme == "https" else 80), _Policy(allow_private))


_NET_ERRORS = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    ssl.SSLError,
    OSError,
)


def fetch(
    url: str,
    *,
    max_bytes: int = 20 * 1024 * 1024,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    allow_hosts: Iterable[str] = (),
    headers: dict[str, str] | None = None,
) -> Fetched:
    """GET a URL within ``timeout`` seconds in total, at most ``max_bytes``, public addresses only.

    ``allow_private`` lifts the address checks entirely; ``allow_hosts`` ("host" or "host:port") lifts
    them for the named hosts only, e.g. a trusted intranet feed.  Every redirect hop is checked again.
    """
    deadline = _Deadline(timeout)
    policy = _Policy(allow_private, _host_set(allow_hosts))
    per_op = min(timeout, 10.0)
    ext = {"timeout": {"connect": per_op, "read": per_op, "write": per_op, "pool": per_op}}
    hdrs = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", **(headers or {})}
    raw_headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in hdrs.items()]
    with httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), retries=0, network_backend=_GuardedBackend(policy, deadline)
    ) as pool:
        for _ in range(MAX_REDIRECTS + 1):
            u = _checked_url(url)
            target = httpcore.URL(scheme=u.raw_scheme, host=u.raw_host, port=u.port, target=u.raw_path)
            try:
                with pool.stream("GET", target, headers=raw_headers, extensions=ext) as resp:
                    got = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in resp.headers}
                    if resp.status in _REDIRECTS:
                        loc = got.get("location")
                        if not loc:
                            raise FetchError(f"redirect without Location from {url}")
                        url = urljoin(url, loc)
                        continue
                    if resp.status == 304:
                        return Fetched(url, b"", "", got.get("etag"), got.get("last-modified"), 304)
                    if resp.status >= 400:
                        raise FetchError(f"HTTP {resp.status} from {url}")
                    declared = got.get("content-length", "")
                    if declared.isdigit() and int(declared) > max_bytes and "content-encoding" not in got:
                        raise FetchError(f"response too large ({int(declared)} bytes > {max_bytes} limit)")
                    body = _Body(got.get("content-encoding", ""), max_bytes)
                    for chunk in resp.iter_stream():
                        body.add(chunk)
                        deadline.left()
                    return Fetched(
                        url,
                        bytes(body.data),
                        got.get("content-type", ""),
                        got.get("etag"),
                        got.get("last-modified"),
                        resp.status,
                    )
            except _NET_ERRORS as e:
                raise FetchError(f"fetch failed: {type(e).__name__}: {e}") from e
        raise FetchError(f"too many redirects (> {MAX_REDIRECTS})")
