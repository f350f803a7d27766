"""Fetching a URL the user asked for, without becoming a way into their network."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

DEFAULT_TIMEOUT = 20.0
MAX_REDIRECTS = 5


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


def _blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
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


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise FetchError unless the URL is http(s) and every address it resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused scheme {parts.scheme or '(none)'!r}: only http and https are fetched")
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host")
    if parts.username or parts.password:
        raise FetchError("refused: credentials in URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as e:
        raise FetchError(f"bad port: {e}") from e
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(f"cannot resolve host {host!r}: {e}") from e
    if allow_private:
        return
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        why = _blocked(ip)
        if why:
            raise FetchError(f"refused: {host} resolves to {why} address {ip} (use --allow-private to permit)")


def fetch(
    url: str,
    *,
    max_bytes: int = 20 * 1024 * 1024,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    headers: dict[str, str] | None = None,
) -> Fetched:
    """GET a URL with a total deadline, a size cap and address checks on every redirect hop."""
    import httpx

    deadline = time.monotonic() + timeout
    hdrs = {"User-Agent": "storyline/0.1 (+https://example.invalid/storyline)", **(headers or {})}
    with httpx.Client(follow_redirects=False, timeout=httpx.Timeout(min(timeout, 10.0)), trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, allow_private)
            try:
                with client.stream("GET", url, headers=hdrs) as resp:
                    if resp.is_redirect:
                        loc = resp.headers.get("location")
                        if not loc:
                            raise FetchError(f"redirect without Location from {url}")
                        url = urljoin(url, loc)
                        continue
                    if resp.status_code == 304:
                        return Fetched(url, b"", "", resp.headers.get("etag"), resp.headers.get("last-modified"), 304)
                    if resp.status_code >= 400:
                        raise FetchError(f"HTTP {resp.status_code} from {url}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(f"response too large ({int(declared)} bytes > {max_bytes} limit)")
                    buf = bytearray()
                    for chunk in resp.iter_bytes():
                        buf += chunk
                        if len(buf) > max_bytes:
                            raise FetchError(f"response too large (over {max_bytes} bytes limit)")
                        if time.monotonic() > deadline:
                            raise FetchError(f"response too slow (over {timeout:.0f} s total deadline)")
                    return Fetched(
                        url, bytes(buf), resp.headers.get("content-type", ""),
                        resp.headers.get("etag"), resp.headers.get("last-modified"), resp.status_code,
                    )
            except httpx.HTTPError as e:
                raise FetchError(f"fetch failed: {type(e).__name__}: {e}") from e
        raise FetchError(f"too many redirects (> {MAX_REDIRECTS})")
