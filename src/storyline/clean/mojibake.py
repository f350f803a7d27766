"""Repair of mojibake: UTF-8 text that a scraper decoded with the wrong code page.

Two kinds are common in real scrapes:

* UTF-8 read as windows-1252/latin-1 ("donâ€™t", "cafÃ©"): ftfy (https://ftfy.readthedocs.io) detects
  and undoes it; every other ftfy fixer is off, so curly quotes, widths, ligatures, line breaks and the
  Unicode normal form stay exactly as the source wrote them.
* UTF-8 read as GBK/GB18030 ("the pier鈥檚 lights" for "the pier’s lights"), which ftfy does not know: a
  run of CJK ideographs in Latin-script text whose GB18030 bytes are valid UTF-8 of Latin characters and
  punctuation is re-decoded.  A curly quote or dash right before a space or ASCII punctuation loses its
  last byte in that decoding (the byte pair is invalid GBK) and leaves a lone "鈥" (bytes E2 80): the
  character is restored from its context (``_lone_lead``).

Genuine CJK text is left alone: a text with many CJK characters is not examined at all, and a run in
Latin text is replaced only when it decodes to Latin letters or punctuation *and* either holds a
General Punctuation character (the E2 80 lead "鈥" is a rare traditional character; ’ “ ” — – … all
begin with it) or is glued to a Latin letter ("caf茅" for "café"), as a name in CJK script is not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy

# ftfy limited to its encoding repair: nothing else in the text may change.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,  # "Ã " for "à" once the scrape turned the no-break space into a space
    replace_lossy_sequences=False,  # never put U+FFFD into text
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,  # lone C1 controls are dropped by normalise_text, as before
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

# A UTF-8 lead byte (C2-F4) read as windows-1252/latin-1, followed by a continuation byte (80-BF) read
# the same way: no text has to go to ftfy without one of these pairs.
_CP1252_CONT = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CP1252_SUSPECT_RE = re.compile(f"[\xc2-\xf4][{_CP1252_CONT}]")

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN_RE = re.compile(f"[{_CJK}]+")
_CJK_CHAR_RE = re.compile(f"[{_CJK}]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN_RUN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_LEAD = "鈥"  # bytes E2 80: the first two bytes of ’ “ ” ‘ — – … in UTF-8, read as GBK


@dataclass(frozen=True, slots=True)
class MojibakeConfig:
    """Limits of the GBK repair, set by reasoning, not measured (news-dev has one such article)."""

    # The repair stands only when, after it, Latin letters outnumber the CJK characters left this many
    # times: a CJK name in an English article is a few characters among thousands of letters, while in a
    # Chinese or Japanese article (even one with English words in it) the ideographs are far more than
    # a quarter.
    latin_per_cjk: int = 4
    # How far back a quotation mark is looked for, in characters: a long paragraph's length.
    quote_scope: int = 3000


MOJIBAKE = MojibakeConfig()


def repair_mojibake(text: str) -> str:
    """``text`` with mojibake (UTF-8 decoded as windows-1252/latin-1 or as GBK) decoded right.

    Cheap on clean text: ASCII text returns at once, other text after two regex scans.
    """
    if text.isascii():
        return text
    if _CP1252_SUSPECT_RE.search(text):
        text = ftfy.fix_text(text, _FTFY)
    if _CJK_CHAR_RE.search(text):
        text = _repair_gbk(text)
    return text


def _repair_gbk(text: str) -> str:
    n_cjk = _count(_CJK_RUN_RE, text)
    if n_cjk > 100 and n_cjk > _count(_LATIN_RUN_RE, text):
        # CJK-script text, surely (mojibake costs an English text at most two ideographs per garbled
        # character): not worth walking through; the check after the repair decides the rest
        return text
    # a lost byte the decoder replaced instead of dropping: the lone "鈥" below stands for both
    fixed = text.replace(_LEAD + "\ufffd", _LEAD)
    dash = "–" if fixed.count(" – ") > fixed.count(" — ") else "—"  # the text's spaced dash
    out: list[str] = []  # the repaired text so far: the context of a lone "鈥"
    pos = 0
    for m in _CJK_RUN_RE.finditer(fixed):
        out.append(fixed[pos : m.start()])
        _repair_run(fixed, m.start(), m.end(), out, dash)
        pos = m.end()
    out.append(fixed[pos:])
    fixed = "".join(out)
    if _count(_LATIN_RUN_RE, fixed) < MOJIBAKE.latin_per_cjk * _count(_CJK_RUN_RE, fixed):
        return text  # CJK-script text (or a large part of it): its ideographs are its own
    return fixed


def _count(runs: re.Pattern[str], text: str) -> int:
    """Characters in the runs ``runs`` matches (one match a run: far fewer objects than a char each)."""
    return sum(len(run) for run in runs.findall(text))


def _repair_run(text: str, start: int, end: int, out: list[str], dash: str) -> None:
    """Append the run ``text[start:end]`` to ``out``, repaired where it is mojibake."""
    fixed = _decode(text, start, end)
    if fixed is not None or _LEAD not in text[start:end]:
        out.append(text[start:end] if fixed is None else fixed)
        return
    # Several garbled characters in one run ("鈥檚鈥" for "’s”"): each piece from a 鈥 on, alone.
    offset = start
    for piece in re.split(f"(?={_LEAD})", text[start:end]):
        if not piece:
            continue
        nxt = offset + len(piece)
        got = _decode(text, offset, nxt)
        if got is None and piece == _LEAD:
            got = _lone_lead(text, offset, nxt, out, dash)
        out.append(piece if got is None else got)
        offset = nxt


def _decode(text: str, start: int, end: int) -> str | None:
    """The UTF-8 text whose GBK reading is ``text[start:end]``, when it is plausibly what the source
    wrote: Latin letters and punctuation only, and either General Punctuation among them or the run
    glued to a Latin letter."""
    try:
        s = text[start:end].encode("gb18030").decode("utf-8")
    except UnicodeError:
        return None
    if not s or not all(_plausible(c) for c in s):
        return None
    punctuation = any("\u2010" <= c <= "\u20cf" or c == "™" for c in s)
    glued = (start > 0 and _is_latin(text[start - 1])) or (end < len(text) and _is_latin(text[end]))
    return s if punctuation or glued else None


def _plausible(c: str) -> bool:
    """A character Latin-script news text is made of (no CJK, no combining mark, no control)."""
    o = ord(c)
    if 0x20 <= o < 0x7F:
        return True
    if 0xA0 <= o <= 0x24F or 0x2010 <= o <= 0x205E or 0x20A0 <= o <= 0x20CF or c == "™":
        return not unicodedata.combining(c)
    return False


def _is_latin(c: str) -> bool:
    return bool(_LATIN_LETTER_RE.match(c))


def _lone_lead(text: str, start: int, end: int, done: list[str], dash: str) -> str | None:
    """A lone "鈥": UTF-8 E2 80 whose third byte, with the byte after it, was no GBK character and was
    dropped (or became U+FFFD).  That only happens when the next byte is below 0x40 (a space, a digit,
    ASCII punctuation, a line end), so the lost character stood right before one of those; it was one of
    ’ ” “ ‘ — – … and the context decides:

    * between spaces (or a line start and a space): a dash set off by spaces, in the text's own dash
      style (— unless it writes spaced – more often);
    * between digits: a range, "–";
    * after a letter or punctuation, before a space, punctuation or the line end: a closing quotation
      mark, ” (a quote ends on a word or on its own comma or full stop) or ’ when the quotation open in
      the paragraph is a single one; after a letter "s" with no quotation open, the apostrophe of a
      plural possessive ("the workers’ union");
    * after a space or an opening bracket and before a digit or punctuation: an opening quotation
      mark “ (“1998”).

    In a page's markup, a tag's end counts as a space before and a tag's start as a space after.

    Otherwise (a CJK neighbour, a letter before a digit) None: the character stays as it is.  ``done`` is
    the text before it, repaired.
    """
    # the character before, as repaired ("鈥檚鈥" is "’s" then the lone lead, after an "s")
    before = next((chunk[-1] for chunk in reversed(done) if chunk), "\n")
    after = text[end] if end < len(text) else "\n"
    if _CJK_CHAR_RE.match(before) or _CJK_CHAR_RE.match(after) or ord(after) >= 0x40:
        return None
    # a tag's end or an opening bracket starts text as a line does; a tag's start ends it as a space does
    space_before, space_after = before.isspace() or before in ">([", after.isspace() or after == "<"
    if space_before and space_after:
        return dash
    if before.isdigit() and after.isdigit():
        return "–"
    if not space_before and not after.isdigit():
        opened = _open_quote(done)
        if opened == "‘" or (before in "sS" and opened is None):
            return "’"
        return "”"
    if space_before:
        return "“"
    return None


def _open_quote(done: list[str]) -> str | None:
    """The quotation mark open in the paragraph repaired so far (“ or ‘), if any."""
    following = ""
    seen = 0
    for chunk in reversed(done):
        para = chunk.rsplit("\n", 1)[-1]
        for k in range(len(para) - 1, -1, -1):
            c = para[k]
            if c in "“‘":
                return c
            if c == "”" or (c == "’" and not (para[k + 1 : k + 2] or following[:1]).isalpha()):
                return None  # closed (a ’ before a letter is an apostrophe: "don’t")
        seen += len(para)
        # back to the paragraph's start, and no further than a long paragraph: linear on any input
        if len(para) < len(chunk) or seen > MOJIBAKE.quote_scope:
            break
        following = para + following[:1]
    return None
