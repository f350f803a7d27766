"""Turning untrusted bytes into text, or a clear reason why not."""

from __future__ import annotations

import codecs

_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"SQLite format 3", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"RIFF", "RIFF media"),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


class DecodeError(ValueError):
    """Input that is not usable text; the message is the reason."""


class InputLimitError(DecodeError):
    """Text beyond a processing limit (e.g. too many lines for one article); the message is the reason."""


def check_bytes(data: bytes) -> None:
    """Raise DecodeError for empty or binary input."""
    if not data or not data.strip():
        raise DecodeError("empty input")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary content ({what}), not an article")


def decode_bytes(data: bytes) -> str:
    """UTF-8 first (with or without BOM), then UTF-16/32 by BOM, then detection."""
    check_bytes(data)
    text = _decode(data)
    if not _textual(text):
        raise DecodeError("binary content (control characters), not text")
    if not text.strip():
        raise DecodeError("empty input")
    return text


def _decode(data: bytes) -> str:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc)
            except UnicodeDecodeError as e:
                raise DecodeError(
                    f"undecodable bytes: starts with a {enc} byte-order mark but {e.reason}"
                ) from e
    head = data[:4096]
    # UTF-16 without BOM: many NULs, at odd offsets for little-endian text, even offsets for big-endian
    # (the other byte order decodes too, into valid but meaningless CJK characters).
    if head.count(b"\x00") > len(head) // 4:
        big_endian = head[0::2].count(b"\x00") > head[1::2].count(b"\x00")
        for enc in ("utf-16-be", "utf-16-le") if big_endian else ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _textual(text):
                return text
        raise DecodeError("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 text with stray bytes of a legacy encoding pasted in (mixed encodings): when correctly
    # encoded non-ASCII characters outnumber the bad bytes, keep the UTF-8 and read the strays as cp1252.
    lossy = data.decode("utf-8", "replace")
    bad = lossy.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in lossy if c > "\x7f") - lossy.count("\ufffd")
    if good >= bad:
        return data.decode("utf-8", _MIXED)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable bytes: not UTF-8 and no other encoding fits")
    return data.decode(best.encoding, errors="replace")


def _cp1252_strays(e: UnicodeError) -> tuple[str, int]:
    assert isinstance(e, UnicodeDecodeError)
    return e.object[e.start : e.end].decode("cp1252", "replace"), e.end


_MIXED = "storyline-utf8-strays-cp1252"
codecs.register_error(_MIXED, _cp1252_strays)


def _textual(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad <= max(2, len(sample) // 50)
