"""Who is speaking: a display name per article and the independent voice it counts as.

A scraped text often carries no outlet name. Every article must still count as a source, so
the name falls back to the URL host, then to the file name (plus the record number of a
container). Independence: near-duplicate copies count once (their group's representative), so do
rewritten copies of one wire story (link.dedup.sentence_copies) and paraphrased ones
(link.dedup.rewrite_copies), and an article that relays another
outlet's report ("This is reported by X") speaks with X's voice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import PurePath
from urllib.parse import urlsplit

from storyline.clean.language import is_english
from storyline.clean.meta import fold_outlet, same_outlet, site_name
from storyline.link.dedup import (
    long_sentences,
    passage_fingerprints,
    rewrite_copies,
    sentence_copies,
    sentence_sources,
)
from storyline.model import Article, ClaimMember, ReportSource, Story

_WWW = re.compile(r"^(?:www\d?|m|amp|mobile)\.", re.I)
_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.I)  # an outlet known by its web address only


def outlet_name(article: Article) -> str:
    """The outlet, else the URL host, else the file name stem (with its record number)."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip()
    if article.url:
        host = urlsplit(article.url).hostname or ""
        if host:
            return _WWW.sub("", host.lower())
    src = article.source or ""
    base, _, record = src.partition("#")
    if "://" in base:
        host = urlsplit(base).hostname or ""
        if host:
            return _WWW.sub("", host.lower())
    stem = PurePath(base).stem or base or f"article {article.id}"
    return f"{stem}#{record}" if record else stem


# Whom a speaker talked to: "told the Daily News", "said in an interview with Norland Radio".
_HEARER = re.compile(
    r"\b(?:told|tells|telling|in\s+an\s+interview\s+with|(?:spoke|speaking|talking|talked)\s+(?:to|with))\s+"
    r"(?:the\s+)?(?P<who>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4})"
)
_CREDIT_NOUN = re.compile(r"\s+(?:article|report|story|piece|newspaper|news agency)$")


@lru_cache(maxsize=4096)
def _outlet_keys(name: str) -> tuple[str, ...]:
    """Comparable forms of an outlet name: folded, without a web address's ending, without a
    trailing "article" or "report" ("Bloomberg article" credits Bloomberg)."""
    folded = fold_outlet(name)
    if not folded:
        return ()
    keys = [folded, site_name(name, folded), _CREDIT_NOUN.sub("", folded)]
    return tuple(k for k in dict.fromkeys(keys) if k)


class Sources:
    """Citation numbers, display names and independence keys of one story's articles."""

    def __init__(self, story: Story, articles: dict[int, Article]) -> None:
        self.articles = articles
        self.rep: dict[int, int] = {}  # copy -> representative of its duplicate group
        for g in story.duplicate_groups:
            for m in g.members:
                if m != g.representative:
                    self.rep[m] = g.representative
        order = sorted(
            (aid for aid in story.article_ids if aid in articles),
            key=lambda a: (articles[a].published is None, articles[a].published or 0, a),
        )
        # a rewrite of an earlier article's wire copy counts with it (the linker only finds verbatim
        # copies); a representative found to copy another takes its own copies along
        members: dict[int, list[int]] = defaultdict(list)
        for m, r in self.rep.items():
            members[r].append(m)
        texts = {a: articles[a].text for a in order}

        def own_voices() -> list[int]:
            return [a for a in order if self.representative(a) == a]

        # each finder looks only at the articles no earlier one has found a copy (a story of many
        # reprints stays cheap)
        for find in (sentence_copies, rewrite_copies):
            for copy, original in find(texts, own_voices()).items():
                root = self.representative(original)
                if copy in self.rep or root == copy:
                    continue
                for m in [*members.pop(copy, []), copy]:
                    self.rep[m] = root
                    members[root].append(m)
        # sentences an article tells after an earlier one (a page stitched from several reports)
        self._told_first = sentence_sources(texts, own_voices())
        self._pieces: dict[tuple[int, int, int], tuple[str, ...]] = {}
        self._runs: dict[tuple[int, int, int, int], frozenset[int]] = {}
        self.ref = {aid: i + 1 for i, aid in enumerate(order)}
        self.name = {aid: outlet_name(articles[aid]) for aid in order}
        # "sites.maker.com" speaks with the voice of the story's "maker.com" article (its copies' voice
        # when that article copies another)
        site_of = {n.lower(): aid for aid, n in self.name.items() if _HOST.fullmatch(n)}
        self._site: dict[str, int] = {
            h: site_of[min(parents, key=len)]
            for h in site_of
            if (parents := [p for p in site_of if h.endswith("." + p)])
        }
        self._voice: dict[int, str] = {}  # asked for every pair of claims by the conflict finders
        # an outlet of the story by the names a sentence may credit it with ("Bloomberg" for the
        # story's "bloomberg.com" article): its earliest article
        self._by_outlet: dict[str, int] = {}
        for aid in order:
            for key in _outlet_keys(self.name[aid]):
                self._by_outlet.setdefault(key, aid)

    @property
    def order(self) -> list[int]:
        return list(self.ref)

    def representative(self, aid: int) -> int:
        return self.rep.get(aid, aid)

    def voice(self, aid: int) -> str:
        """Independence key: the relayed outlet, else the outlet of the group's representative."""
        got = self._voice.get(aid)
        if got is None:
            got = self._voice[aid] = self._find_voice(aid)
        return got

    def _find_voice(self, aid: int) -> str:
        rep = self.representative(aid)
        art = self.articles[rep]
        if art.reported_via:
            # the relayed outlet under the name the story's own copy of it uses ("AP" = "Associated Press")
            for name in self.name.values():
                if same_outlet(name, art.reported_via):
                    return fold_outlet(name)
            return fold_outlet(art.reported_via)
        site = self._site.get(self.name[rep].lower())
        return self.voice(site) if site is not None else fold_outlet(self.name[rep])

    def said_first(self, member: ClaimMember) -> int:
        """The article whose word a claim is: the earliest one of another voice that tells the
        claim's sentence near word for word (the outlet's own sentences and those it credits to another
        outlet of the story), else the report it credits (``credited``), else the claim's own
        article."""
        told = self._told_first.get(member.article_id)
        span = member.context or member.span
        # what an outlet attributes to a third party ("..., police said") two outlets report alike
        # from one statement: it is no earlier outlet's word
        if (
            told
            and member.part == "body"
            and (member.asserter == "outlet" or self.credited(member) is not None)
        ):
            own = self.voice(member.article_id)
            key = (member.article_id, span.start, span.end)
            pieces = self._pieces.get(key)
            if pieces is None:
                pieces = self._pieces[key] = long_sentences(span.text)
            for piece in pieces:
                first = told.get(piece)
                if first is not None and self.voice(first) != own:
                    return first
        return self.credited(member) or member.article_id

    def credited(self, member: ClaimMember) -> int | None:
        """ "..., according to Bloomberg" where the story holds Bloomberg's own report (of another
        voice): that report, whose word the claim is; the member relays it rather than copies it."""
        if member.asserter != "outlet":
            for name in _outlet_keys(member.asserter):
                credited = self._by_outlet.get(name)
                if credited is not None and self.voice(credited) != self.voice(member.article_id):
                    return credited
            # "Kelly told the New York Times": the speaker's words come from that outlet's interview
            heard = _HEARER.search(self._around(member))
            if heard is not None:
                who = heard.group("who").rstrip(".’'")
                for aid in self.ref:
                    if same_outlet(self.name[aid], who) and self.voice(aid) != self.voice(member.article_id):
                        return aid
        return None

    def _around(self, member: ClaimMember) -> str:
        """The claim's sentence, and for a quotation the rest of its paragraph (where its tag is)."""
        span = member.context or member.span
        art = self.articles.get(member.article_id)
        if art is None or member.part != "body" or not 0 <= span.start < span.end <= len(art.text):
            return span.text
        text = art.text
        start = text.rfind("\n", 0, span.start) + 1
        end = text.find("\n", span.end)
        return text[start : end if end >= 0 else len(text)]

    def runs(self, member: ClaimMember, k: int) -> frozenset[int]:
        """Hashes of the unquoted ``k``-word runs of the member's sentence."""
        span = member.context or member.span
        key = (member.article_id, span.start, span.end, k)
        got = self._runs.get(key)
        if got is None:
            got = self._runs[key] = frozenset(passage_fingerprints(span.text, k, 1).hashes.tolist())
        return got

    def independent(self, a: int, b: int) -> bool:
        return self.voice(a) != self.voice(b)

    def report_sources(self) -> list[ReportSource]:
        out = []
        for aid, ref in self.ref.items():
            a = self.articles[aid]
            out.append(
                ReportSource(
                    ref=ref,
                    article_id=aid,
                    outlet=self.name[aid],
                    title=a.title,
                    published=a.published,
                    url=a.url,
                    source=a.source,
                    duplicate_of=self.rep.get(aid),
                    reported_via=a.reported_via,
                    language=a.language,
                    analysed=is_english(a),
                )
            )
        return out
