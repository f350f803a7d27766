"""Ingest: find inputs (files, folders, stdin, URLs) and turn them into RawDocs, or clear errors."""

from __future__ import annotations

import errno
import gzip
import io
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.ingest.decode import DecodeError, check_bytes
from storyline.ingest.records import read_feed, read_json
from storyline.ingest.web import FetchError, fetch
from storyline.model import IngestError, RawDoc

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?://|[^\\/])")

# A reader of a container input (a feed, a JSON record file): (data, source) -> its articles.
Reader = Callable[[bytes, str], Iterator[RawDoc | IngestError]]


@dataclass(frozen=True, slots=True)
class InputKind:
    """One kind of input: what names it (file extensions, content-type fragments) and how it is read."""

    name: str
    extensions: frozenset[str]
    content_types: tuple[str, ...]  # fragments of a Content-Type header that name this kind
    read: Reader | None = None  # None: the input is one article of this kind (cleaned as such)


# The one table of input kinds, in the order a content type is matched against them. Content with no
# telling name is sniffed (``sniff``).
INPUT_KINDS: dict[str, InputKind] = {
    k.name: k
    for k in (
        InputKind("text", frozenset({".txt", ".text"}), ("text/plain",)),
        InputKind("html", frozenset({".html", ".htm", ".xhtml", ".shtml"}), ("html",)),
        InputKind("json", frozenset({".json", ".jsonl", ".ndjson"}), ("json",), read_json),
        InputKind(
            "feed", frozenset({".xml", ".rss", ".atom", ".rdf", ".feed"}), ("rss", "atom", "xml"), read_feed
        ),
    )
}
KNOWN_EXT = frozenset().union(*(k.extensions for k in INPUT_KINDS.values()))

__all__ = ["INPUT_KINDS", "InputKind", "read_paths", "read_bytes", "iter_files", "DEFAULT_MAX_BYTES"]


def sniff(data: bytes, hint: str = "") -> str:
    """'text' | 'html' | 'json' | 'feed' from an extension or content-type hint, else the content."""
    h = hint.lower()
    for k in INPUT_KINDS.values():
        if h in k.extensions or any(t in h for t in k.content_types):
            return k.name
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "html" if b"<html" in head else "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
        return "html"
    return "text"


def read_bytes(
    data: bytes, source: str, hint: str = "", origin: str = "file", url: str | None = None
) -> Iterator[RawDoc | IngestError]:
    try:
        check_bytes(data)
    except DecodeError as e:
        yield IngestError(source, str(e))
        return
    kind = INPUT_KINDS[sniff(data, hint)]
    if kind.read is not None:
        yield from kind.read(data, source)
    else:
        yield RawDoc(source=source, kind=kind.name, data=data, origin=origin, url=url)


def _mb(n: int) -> str:
    """Bytes in MB as --max-mb counts them (2**20), e.g. '20' or '52.4'."""
    return f"{n / 2**20:.1f}".removesuffix(".0")


def display_path(p: Path | str) -> str:
    """A path as text that can be printed and stored: undecodable bytes of a file name become \\xNN."""
    return os.fsencode(p).decode("utf-8", "backslashreplace")


def iter_files(path: Path) -> Iterator[Path | IngestError]:
    """Files under a folder, recursively, sorted; symlinked folders are not followed (no loops)."""
    seen: set[tuple[int, int]] = set()
    unreadable: list[OSError] = []  # os.walk skips folders it cannot list unless told to report them
    for root, dirs, files in os.walk(path, followlinks=False, onerror=unreadable.append):
        while unreadable:
            e = unreadable.pop(0)
            yield IngestError(display_path(e.filename or root), f"cannot read folder: {e.strerror}")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        try:
            st = os.stat(root)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
        except OSError as e:
            yield IngestError(display_path(root), f"cannot read folder: {e.strerror}")
            continue
        for name in sorted(files):
            if name.startswith("."):
                continue
            p = Path(root) / name
            inner = _gz_inner_suffix(p)
            if p.suffix.lower() in KNOWN_EXT or not p.suffix or inner is not None:
                yield p
    for bad in unreadable:
        yield IngestError(display_path(bad.filename or path), f"cannot read folder: {bad.strerror}")


def read_file(p: Path, max_bytes: int) -> Iterator[RawDoc | IngestError]:
    src = display_path(p)
    try:
        try:
            size = p.stat().st_size
        except OSError as e:
            if e.errno == errno.ELOOP:
                yield IngestError(src, "symbolic link loop")
            elif p.is_symlink():
                yield IngestError(src, "broken symbolic link")
            else:
                yield IngestError(src, f"cannot read: {e.strerror or e}")
            return
        if not p.is_file():
            yield IngestError(src, "not a regular file")
            return
        if size > max_bytes:
            yield IngestError(src, f"file too large ({_mb(size)} MB > {_mb(max_bytes)} MB limit)")
            return
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        yield IngestError(src, f"cannot read: {e.strerror or e}")
        return
    if len(data) > max_bytes:
        yield IngestError(src, f"file too large (> {_mb(max_bytes)} MB limit)")
        return
    inner = _gz_inner_suffix(p)
    if inner is not None or data.startswith(_GZIP_MAGIC):
        try:
            data = _gunzip(data, max_bytes)
        except (OSError, EOFError, zlib.error) as e:
            yield IngestError(src, f"corrupt gzip data: {e}")
            return
        except ValueError as e:
            yield IngestError(src, str(e))
            return
        yield from read_bytes(data, src, inner or "")
        return
    yield from read_bytes(data, src, p.suffix.lower())


_GZIP_MAGIC = b"\x1f\x8b"


def _gz_inner_suffix(p: Path) -> str | None:
    """For "page.html.gz", ".html"; "" for "page.gz"; None when the file is no gzip by its name."""
    if p.suffix.lower() != ".gz":
        return None
    inner = Path(p.stem).suffix.lower()
    return inner if inner in KNOWN_EXT else ""


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompressed gzip data, refused past ``max_bytes`` (a small file can expand a thousandfold)."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
        out = gz.read(max_bytes + 1)
    if len(out) > max_bytes:
        raise ValueError(f"decompressed content too large (> {_mb(max_bytes)} MB limit)")
    return out


def read_paths(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
    fetch_timeout: float = 20.0,
) -> Iterator[RawDoc | IngestError]:
    """RawDocs from files, folders (recursive), '-' (stdin) and explicit http(s) URLs."""
    for arg in paths:
        if arg == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield IngestError("-", f"stdin too large (> {_mb(max_bytes)} MB limit)")
                continue
            yield from read_bytes(data, "-", origin="stdin")
        elif arg[:8].lower().startswith(("http://", "https://")):
            try:
                got = fetch(arg, max_bytes=max_bytes, timeout=fetch_timeout, allow_private=allow_private)
            except FetchError as e:
                yield IngestError(arg, str(e))
                continue
            yield from read_bytes(got.data, arg, got.content_type, origin="url", url=got.url)
        else:
            try:
                yield from _read_local(arg, max_bytes)
            except (OSError, ValueError) as e:  # e.g. a name too long for the file system, a NUL in it
                yield IngestError(display_path(arg), f"cannot read: {getattr(e, 'strerror', None) or e}")


def _read_local(arg: str, max_bytes: int) -> Iterator[RawDoc | IngestError]:
    p = Path(arg)
    if _SCHEME_RE.match(arg) and not p.exists():
        yield IngestError(arg, "refused scheme: only http and https URLs are fetched")
    elif p.is_dir():
        for f in iter_files(p):
            if isinstance(f, IngestError):
                yield f
            else:
                yield from read_file(f, max_bytes)
    elif p.exists() or p.is_symlink():
        yield from read_file(p, max_bytes)
    else:
        yield IngestError(display_path(arg), "no such file or folder")
