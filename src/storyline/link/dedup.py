"""Near-duplicate detection: MinHash LSH over word shingles of the cleaned body, and shared passages.

Syndicated wire copy and light rewrites (a new headline, an added paragraph,
an updated figure) share most of their 3-word shingles; independent reports
of the same event share almost none. A duplicate joins the group of the
article it copies, whose first-seen member stays the representative.

The same agency story truncated at another length, or wrapped in other boilerplate, shares too
little of its whole text for MinHash, but shares long verbatim passages: a second index keeps a
sample of each article's 10-word sequences (those whose hash falls in a fixed residue class, so two
copies sample the same sequences) and calls two articles copies when the shorter one's sample is
largely found in the other. Text inside quotation marks is left out first: two outlets quoting the
same statement word for word are not copies of each other.

A copy-edited rewrite of one wire story (a word changed every few words, "Saturday" for "today")
keeps no long verbatim run, but keeps its sentences. ``sentence_copies`` finds such rewrites among
the articles of one story, for counting sources (compare.sources); linking leaves them alone, since
reports of two same-kind events can share stock sentences. ``rewrite_copies`` finds, among the same
articles, a rewrite that keeps no sentence word for word but tells the other's narrative sentence by
sentence in the same order (a paraphrase of one outlet's report, an agency story re-edited).
"""

from __future__ import annotations

import bisect
import hashlib
import re
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.link.features import _WORD, fold, shingles
from storyline.model import DuplicateGroup

# Pinned so that persisted signatures stay comparable across datasketch versions.
SCHEME = "affine32"


@dataclass(slots=True)
class DedupConfig:
    threshold: float = 0.5  # estimated Jaccard of 3-word shingles to call two bodies copies
    num_perm: int = 128
    shingle: int = 3
    min_shingles: int = 8  # shorter bodies are too small to judge
    capacity: int = 300_000  # most recent signatures kept in memory; copies arrive close together
    # Shared passages (partial copies). Measured on news-dev's verbatim copy pairs (their longest
    # unquoted shared passage 82-113 words, 20-64% of the shorter text's sequences), a revised
    # republication (25 words: missed), independent reports of one event (no shared passage once
    # quotations are left out), synthetic 3000 (template sentences: longest shared run 31 words) and
    # the ferry fixture of tests/test_link.py (two events, reports of generic shared sentences: 36).
    passage_k: int = 10  # words per sequence: shorter runs are set phrases
    passage_sample: int = 2  # keep the sequences whose hash is 0 modulo this (half)
    passage_min_run: int = 40  # words of one verbatim passage, at least (a paragraph, not a sentence)
    passage_containment: float = 0.15  # share of the shorter article's sample found in the other
    passage_capacity: int = 20_000  # most recent articles whose passages are kept in memory (~70 each)


# Quoted speech, straight or curly, within one paragraph: left out of passage matching.
_QUOTE_MARK = re.compile(r"[\"“”«»„]")
_QUOTED = re.compile(r"“[^”\n]{0,2000}”|\"[^\"\n]{0,2000}\"|«[^»\n]{0,2000}»|„[^“”\n]{0,2000}[“”]")


@dataclass(frozen=True, slots=True)
class Passages:
    """A sample of a text's unquoted k-word sequences: hashes (sorted, uint32) and where each starts."""

    hashes: np.ndarray
    positions: np.ndarray  # word index of each hash's first occurrence

    def __len__(self) -> int:
        return len(self.hashes)


def passage_fingerprints(text: str, k: int = 10, sample: int = 2) -> Passages:
    """The sampled k-word sequences of ``text`` outside quotation marks (see ``Passages``)."""
    toks = _WORD.findall(fold(_QUOTED.sub(" \n ", text)))
    first: dict[int, int] = {}
    for i in range(len(toks) - k + 1):
        h = zlib.crc32(" ".join(toks[i : i + k]).encode())
        if h % sample == 0 and h not in first:
            first[h] = i
    hs = np.array(sorted(first), dtype=np.uint32)
    return Passages(hs, np.array([first[h] for h in hs.tolist()], dtype=np.int32))


@dataclass(frozen=True, slots=True)
class SentenceCopyConfig:
    """When one article of a story is a rewritten copy of an earlier one: at least ``copies`` unquoted
    sentences of ``words`` words or more, each told in the other at rapidfuzz ratio ``ratio`` or more
    (folded words), and at least ``share`` of the shorter article's such sentences.

    Measured on news-dev (every pair of two outlets of one story): no pair that is not a gold copy
    shares one such sentence; the revised republication shares 2 (25%), the verbatim copies 3-8. On
    ECB+ (982 real reports, 43 topics of two same-kind events) no two reports of different events
    share 2; 268 pairs of one event do, wire rewrites among them."""

    words: int = 10
    ratio: float = 85.0
    copies: int = 2
    share: float = 0.2
    candidates: int = 8  # earlier articles checked per article: those sharing the most passages
    # an excerpt: an article whose one long sentence (this many words or more) another tells word for
    # word (a feed's lede-only page); news-dev shares no such sentence between two independent outlets
    excerpt_words: int = 15


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def long_sentences(text: str, min_words: int = 10) -> tuple[str, ...]:
    """The text's unquoted sentences of ``min_words`` words or more, as folded words. A quotation
    ends a sentence here: what two outlets quote alike makes no copy."""
    out = []
    for s in _SENTENCE_END.split(_QUOTED.sub(" \n ", text)):
        words = _WORD.findall(fold(s))
        if len(words) >= min_words:
            out.append(" ".join(words))
    return tuple(out)


def near_verbatim(a: tuple[str, ...], b: tuple[str, ...], ratio: float) -> int:
    """How many sentences of ``a`` are told in ``b`` near word for word (rapidfuzz ratio >= ``ratio``)."""
    if not a or not b:
        return 0
    return sum(1 for s in a if process.extractOne(s, b, scorer=fuzz.ratio, score_cutoff=ratio) is not None)


def sentence_copies(
    texts: dict[int, str], order: list[int], config: SentenceCopyConfig | None = None
) -> dict[int, int]:
    """Rewritten copies among one story's articles: article -> the earliest article (in ``order``) of
    its group. An article that copies several earlier ones joins them all: a wire story's full text
    holds the sentences two of its shorter versions kept. Candidates are the earlier articles sharing
    the most sampled passages (``Passages``), so the cost stays linear in the story's size."""
    c = config or SentenceCopyConfig()
    groups = _Groups(order)
    for aid, mine, near, sents in _by_shared_passages(texts, order, c):
        excerpt = len(mine) == 1 and len(mine[0].split()) >= c.excerpt_words
        if len(mine) < c.copies and not excerpt:
            continue
        for other in near:
            theirs = sents[other]
            if len(theirs) < (1 if excerpt else c.copies):
                continue
            n = near_verbatim(mine, theirs, c.ratio)
            share = n / min(len(mine), len(theirs))
            if (n >= c.copies or (excerpt and n == 1)) and share >= c.share:
                groups.join(aid, other)
    return groups.copies()


def _by_shared_passages(
    texts: dict[int, str], order: list[int], c: SentenceCopyConfig
) -> Iterator[tuple[int, tuple[str, ...], list[int], dict[int, tuple[str, ...]]]]:
    """For each article in ``order``: its long sentences, the ``c.candidates`` earlier articles sharing
    the most sampled passages with it (most first), and the long sentences of every article so far."""
    by_hash: dict[int, list[int]] = {}
    sents: dict[int, tuple[str, ...]] = {}
    for aid in order:
        text = texts.get(aid) or ""
        sents[aid] = mine = long_sentences(text, c.words)
        hits: dict[int, int] = {}
        for h in passage_fingerprints(text).hashes.tolist():
            for other in by_hash.get(h, ())[-c.candidates :]:
                hits[other] = hits.get(other, 0) + 1
            by_hash.setdefault(h, []).append(aid)
        near = [o for o, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[: c.candidates]]
        yield aid, mine, near, sents


def sentence_sources(
    texts: dict[int, str], order: list[int], config: SentenceCopyConfig | None = None
) -> dict[int, dict[str, int]]:
    """Sentences one article of a story tells near word for word after an earlier one: article ->
    {sentence (folded words, as ``long_sentences`` gives it) -> the earliest article (in ``order``)
    telling it}. A page stitched from several reports, or quoting another's paragraph, holds such
    sentences without being a copy as a whole; each of them is still that earlier report's word.
    Candidates are the earlier articles sharing the most sampled passages, as in ``sentence_copies``."""
    c = config or SentenceCopyConfig()
    origin: dict[tuple[int, str], int] = {}  # (article, sentence) -> earliest article telling it
    out: dict[int, dict[str, int]] = {}
    rank = {aid: k for k, aid in enumerate(order)}
    for aid, mine, near, sents in _by_shared_passages(texts, order, c):
        for sent in mine:
            best: int | None = None
            for other in near:
                got = process.extractOne(sent, sents[other], scorer=fuzz.ratio, score_cutoff=c.ratio)
                if got is not None:
                    first = origin.get((other, got[0]), other)
                    if best is None or rank[first] < rank[best]:
                        best = first
            if best is not None:
                origin[(aid, sent)] = best
                out.setdefault(aid, {})[sent] = best
    return out


class _Groups:
    """Union-find over one story's articles whose root is the earliest article (in ``order``)."""

    def __init__(self, order: list[int]) -> None:
        self.rank = {aid: k for k, aid in enumerate(order)}
        self.parent: dict[int, int] = {}

    def root(self, a: int) -> int:
        while self.parent.get(a, a) != a:
            a = self.parent[a]
        return a

    def join(self, a: int, b: int) -> None:
        x, y = sorted((self.root(a), self.root(b)), key=lambda r: self.rank[r])
        if x != y:
            self.parent[y] = x

    def copies(self) -> dict[int, int]:
        return {aid: r for aid in self.parent if (r := self.root(aid)) != aid}


@dataclass(frozen=True, slots=True)
class RewriteConfig:
    """When one article of a story rewrites another sentence by sentence: of the shorter article's
    unquoted sentences of ``words`` words or more (``least`` of them at least), more than a share
    ``share`` has a counterpart in the other at embedding cosine ``similarity`` or more, in the same
    order (the longest run of matches whose counterparts keep the order).

    Measured on news-dev (every same-story pair of two outlets): its paraphrased and re-edited gold
    copies score 0.57-1.0, no other pair above 0.33 (a re-translation and a rewrite with headings, 0.33
    and less, stay apart). On ECB+ (982 reports, 43 topics of two same-kind events) no pair of reports
    of different events reaches 0.5 (at cosine 0.70 one did: two baseball offers told alike). Of the
    pairs of one event that ``sentence_copies`` misses, an editor read those scoring 0.5 or more:
    above 0.6, 12 of 13 are one text rewritten (the 13th, two updates of one site); at 0.5-0.6, 23 of
    44, with 12 built on one press release and 9 independent (two agencies' formulaic quake reports).
    Quoted sentences are left out: two reporters quote one statement alike."""

    words: int = 8
    similarity: float = 0.75
    share: float = 0.6
    least: int = 5
    candidates: int = 8  # earlier articles checked per article: the closest by mean sentence embedding
    # the first sentences only: a rewrite keeps the original's lede and body order, and the encoder's
    # cost stays bounded per article (ECB+: the first 8 sentences find 60 of the 75 rewrites the first
    # 12 find). Cost: the compare bench's 1,000 distinct articles 28 s -> 42 s on a 2-core machine.
    limit: int = 12
    # Before encoding, a pair must share words in order: more than ``lexical`` of the shorter text's
    # sentences with a counterpart sharing ``overlap`` of their content words (Jaccard). On ECB+ (7,415
    # same-topic pairs) this keeps 483, every pair the embedding rule takes among them, and leaves
    # 353 of 790 articles to encode.
    overlap: float = 0.2
    lexical: float = 0.4


def _narrative(text: str, min_words: int) -> list[str]:
    """The text's sentences of ``min_words`` words or more that quote nothing."""
    return [
        s.strip()
        for s in _SENTENCE_END.split(text)
        if not _QUOTE_MARK.search(s) and len(_WORD.findall(s)) >= min_words
    ]


def _in_order(best: np.ndarray, at: np.ndarray, similarity: float) -> int:
    """How many of a text's sentences have a counterpart (``at``, similarity ``best``) at
    ``similarity`` or more, counting the longest run whose counterparts keep the text's order."""
    tails: list[int] = []
    for i in np.flatnonzero(best >= similarity).tolist():
        k = bisect.bisect_left(tails, int(at[i]))
        if k == len(tails):
            tails.append(int(at[i]))
        else:
            tails[k] = int(at[i])
    return len(tails)


def rewrite_copies(
    texts: dict[int, str],
    order: list[int],
    config: RewriteConfig | None = None,
    encoder: Callable[[list[str]], np.ndarray] | None = None,
) -> dict[int, int]:
    """Rewrites among one story's articles (see ``RewriteConfig``): article -> the earliest article
    (in ``order``) of its group. ``encoder`` maps sentences to unit vectors (the story's sentence
    encoder by default). Each article is checked against the ``candidates`` earlier articles sharing
    the most rare words, so the cost stays linear in the story's size; a pair whose sentences do not
    even share words in order (``RewriteConfig.lexical``) is not encoded."""
    c = config or RewriteConfig()
    sents = {aid: _narrative(texts.get(aid) or "", c.words)[: c.limit] for aid in order}
    judged = [aid for aid in order if len(sents[aid]) >= c.least]
    if len(judged) < 2:
        return {}
    bags = {aid: [_content_words(x) for x in sents[aid]] for aid in judged}
    pairs = [
        (judged[j], judged[i])
        for j, near in enumerate(_earlier_neighbours([bags[a] for a in judged], c.candidates))
        for i in near
        if _lexical_share(bags[judged[i]], bags[judged[j]], c.overlap) > c.lexical
    ]
    if not pairs:
        return {}
    if encoder is None:
        from storyline.embed import encode

        encoder = encode
    rank = {aid: k for k, aid in enumerate(judged)}
    needed = sorted({a for pair in pairs for a in pair}, key=rank.__getitem__)
    vecs = encoder([x for aid in needed for x in sents[aid]])
    own: dict[int, np.ndarray] = {}
    k = 0
    for aid in needed:
        own[aid] = vecs[k : k + len(sents[aid])]
        k += len(sents[aid])
    groups = _Groups(order)
    for later, earlier in pairs:
        a, b = own[earlier], own[later]
        if len(a) > len(b):
            a, b = b, a
        sim = a @ b.T
        if _in_order(sim.max(axis=1), sim.argmax(axis=1), c.similarity) > c.share * len(a):
            groups.join(later, earlier)
    return groups.copies()


def _content_words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(fold(sentence)) if len(w) > 2 and w not in ENGLISH_STOP_WORDS)


def _lexical_share(a: list[frozenset[str]], b: list[frozenset[str]], overlap: float) -> float:
    """Share of the shorter text's sentences with a counterpart sharing ``overlap`` of their words
    (Jaccard), counting the longest run whose counterparts keep the order."""
    if len(a) > len(b):
        a, b = b, a
    best = np.zeros(len(a))
    at = np.zeros(len(a), dtype=np.int64)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            union = len(x | y)
            jac = len(x & y) / union if union else 0.0
            if jac > best[i]:
                best[i], at[i] = jac, j
    return _in_order(best, at, overlap) / max(1, len(a))


def _earlier_neighbours(bags: list[list[frozenset[str]]], k: int, block: int = 512) -> list[list[int]]:
    """For each text (a list of sentence word sets), the ``k`` earlier texts with the highest cosine of
    their rare-word (tf-idf) vectors; computed by blocks of rows so memory stays linear."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [[w for sent in bag for w in sent] for bag in bags]
    x = TfidfVectorizer(analyzer=lambda d: d).fit_transform(docs)
    out: list[list[int]] = [[]]
    for r0 in range(1, len(docs), block):
        r1 = min(len(docs), r0 + block)
        sims = (x[r0:r1] @ x[:r1].T).toarray()
        for j in range(r0, r1):
            row = sims[j - r0, :j]
            if j <= k:
                out.append(list(range(j)))
            else:
                out.append(np.argpartition(-row, k)[:k].tolist())
    return out


def longest_shared_run(a: Passages, b: Passages, k: int) -> tuple[int, int]:
    """(Longest verbatim passage the two share, in words; sampled sequences in common).

    Consecutive shared samples belong to one passage when they sit at the same offset in both texts
    and no further apart than a sequence's length (so no unsampled stretch between them can differ).
    """
    _, ia, ib = np.intersect1d(a.hashes, b.hashes, assume_unique=True, return_indices=True)
    if not len(ia):
        return 0, 0
    pa, pb = a.positions[ia], b.positions[ib]
    order = np.argsort(pa, kind="stable")
    pa, pb = pa[order].tolist(), pb[order].tolist()
    best, start = 0, 0
    for i in range(len(pa)):
        if i and not (pb[i] - pa[i] == pb[i - 1] - pa[i - 1] and pa[i] - pa[i - 1] <= k):
            start = i
        best = max(best, pa[i] - pa[start] + k)
    return best, len(pa)


@lru_cache(maxsize=8)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """LSH bands and rows for a Jaccard threshold. datasketch finds them by numerical integration
    (about 20 ms), which would otherwise be paid by every linker a single-article update builds."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@dataclass
class DuplicateIndex:
    config: DedupConfig = field(default_factory=DedupConfig)

    def __post_init__(self) -> None:
        c = self.config
        # The LSH index: per band (datasketch's banding for the threshold), the articles whose signature
        # holds that band's values. A plain dict per band: MinHashLSH's storage layer (byte-swapped keys,
        # a key table, a MinHash object per call) cost three times as much per article here.
        b, r = lsh_bands(c.threshold, c.num_perm)
        self.hashranges = [(i * r, (i + 1) * r) for i in range(b)]
        self._bands: list[dict[bytes, list[int]]] = [{} for _ in range(b)]
        # Signatures as uint32 (the affine32 scheme): 512 bytes an article.
        self._sigs: OrderedDict[int, np.ndarray] = OrderedDict()
        self.rep_of: dict[int, int] = {}  # member -> representative (only for duplicates)
        self.members: dict[int, list[int]] = {}  # representative -> members (rep first)
        self.similarity: dict[int, float] = {}
        self.comparisons = 0
        # Optional lookup of earlier articles kept outside memory (the store):
        # band keys -> [(article id, signature, its representative or None)].
        self.backend: Callable[[list[int]], list[tuple[int, np.ndarray, int | None]]] | None = None
        # ... and passage hashes -> [(article id, its passages, its representative or None)], most shared first.
        self.passage_backend: Callable[[list[int]], list[tuple[int, Passages, int | None]]] | None = None
        # Permutations depend only on (num_perm, seed): draw them once, not per article.
        self._perm = MinHash(num_perm=c.num_perm, scheme=SCHEME).permutations
        # passage sample -> the latest article holding it (a copy of a copy leads to the group anyway)
        self._passages: dict[int, int] = {}
        self._passages_of: OrderedDict[int, Passages] = OrderedDict()
        self.kind: dict[
            int, str
        ] = {}  # member -> "text" (whole-text MinHash) or "passages" (shared passages)

    # -- signatures
    def signature(self, text: str) -> np.ndarray | None:
        sh = shingles(text, self.config.shingle)
        if len(sh) < self.config.min_shingles:
            return None
        m = MinHash(num_perm=self.config.num_perm, scheme=SCHEME, permutations=self._perm)
        m.update_batch(sh)
        return m.hashvalues.astype(np.uint32)

    # -- index
    def _band_values(self, sig: np.ndarray) -> list[bytes]:
        sig = np.asarray(sig, dtype=np.uint32)  # one byte layout whatever array the signature came in
        return [sig[lo:hi].tobytes() for lo, hi in self.hashranges]

    def insert(self, article_id: int, sig: np.ndarray) -> None:
        if article_id in self._sigs:
            return
        for band, key in zip(self._bands, self._band_values(sig), strict=True):
            band.setdefault(key, []).append(article_id)
        self._sigs[article_id] = sig
        while len(self._sigs) > self.config.capacity:
            old, old_sig = self._sigs.popitem(last=False)
            for band, key in zip(self._bands, self._band_values(old_sig), strict=True):
                ids = band[key]
                ids.remove(old)
                if not ids:
                    del band[key]

    def _query(self, sig: np.ndarray) -> set[int]:
        """The indexed articles sharing at least one band with ``sig``."""
        out: set[int] = set()
        for band, key in zip(self._bands, self._band_values(sig), strict=True):
            ids = band.get(key)
            if ids:
                out.update(ids)
        return out

    def band_keys(self, sig: np.ndarray) -> list[int]:
        """One signed 64-bit key per LSH band (same banding as the in-memory index), for a store index."""
        keys = []
        for i, (lo, hi) in enumerate(self.hashranges):
            d = hashlib.blake2b(
                sig[lo:hi].astype(np.uint32).tobytes(), digest_size=8, salt=i.to_bytes(2, "little")
            )
            keys.append(int.from_bytes(d.digest(), "little", signed=True))
        return keys

    def best_match(self, sig: np.ndarray) -> tuple[int | None, float]:
        """The indexed article most similar to ``sig`` above the threshold, and its Jaccard."""
        cands = {c: self._sigs[c] for c in self._query(sig)}
        if self.backend is not None:
            for aid, other, rep in self.backend(self.band_keys(sig)):
                cands.setdefault(aid, other)
                if rep is not None and rep != aid:
                    self.rep_of.setdefault(aid, rep)
        best, best_j = None, 0.0
        for cand, other in cands.items():
            self.comparisons += 1
            j = float(np.mean(other == sig))
            if j >= self.config.threshold and (
                j > best_j or (j == best_j and best is not None and cand < best)
            ):
                best, best_j = cand, j
        return best, best_j

    def add(self, article_id: int, text: str) -> tuple[int | None, float, np.ndarray | None]:
        """Index one article; return (representative it duplicates or None, similarity, signature).

        The similarity is the estimated Jaccard of whole-text shingles, or for a partial copy the share
        of the shorter text's sampled passages found in the other.
        """
        sig = self.signature(text)
        match, j, kind = None, 0.0, "text"
        if sig is not None:
            match, j = self.best_match(sig)
            self.insert(article_id, sig)
        fps = passage_fingerprints(text, self.config.passage_k, self.config.passage_sample)
        if match is None:
            match, j = self.passage_match(fps)
            kind = "passages"
        self.insert_passages(article_id, fps)
        if match is None:
            return None, 0.0, sig
        rep = self.rep_of.get(match, match)
        self.rep_of[article_id] = rep
        self.members.setdefault(rep, [rep]).append(article_id)
        self.similarity[article_id] = round(j, 3)
        self.kind[article_id] = kind
        return rep, j, sig

    def passage_match(self, ps: Passages) -> tuple[int | None, float]:
        """The earlier article sharing a long verbatim passage and much of the shorter text, if any."""
        c = self.config
        if len(ps) < 2:
            return None, 0.0
        hits: dict[int, int] = {}
        for h in ps.hashes.tolist():
            aid = self._passages.get(h)
            if aid is not None:
                hits[aid] = hits.get(aid, 0) + 1
        known = {aid: self._passages_of[aid] for aid in hits if aid in self._passages_of}
        if self.passage_backend is not None:  # articles of earlier batches and sessions
            for aid, other, rep in self.passage_backend(ps.hashes.tolist()):
                if aid in known:
                    continue
                known[aid] = other
                hits[aid] = len(np.intersect1d(ps.hashes, other.hashes, assume_unique=True))
                if rep is not None and rep != aid:
                    self.rep_of.setdefault(aid, rep)
        # a passage of ``min_run`` words holds about (min_run - k + 1) / sample samples
        need = max(2, (c.passage_min_run - c.passage_k + 1) // (2 * c.passage_sample))
        best, best_c = None, 0.0
        for aid, shared in sorted(hits.items(), key=lambda kv: -kv[1])[:8]:
            seen = known.get(aid)
            if shared < need or seen is None:
                continue
            cont = shared / max(1, min(len(ps), len(seen)))
            if cont < c.passage_containment:
                continue
            self.comparisons += 1
            run, _ = longest_shared_run(ps, seen, c.passage_k)
            if run >= c.passage_min_run and (
                cont > best_c or (cont == best_c and best is not None and aid < best)
            ):
                best, best_c = aid, cont
        return best, min(1.0, best_c)

    def passages_of(self, article_id: int) -> Passages | None:
        """The sampled passages kept for an article indexed in this session (None: not kept)."""
        return self._passages_of.get(article_id)

    def insert_passages(self, article_id: int, ps: Passages) -> None:
        if article_id in self._passages_of or not len(ps):
            return
        for h in ps.hashes.tolist():
            self._passages[h] = article_id
        self._passages_of[article_id] = ps
        while len(self._passages_of) > self.config.passage_capacity:
            old, ops = self._passages_of.popitem(last=False)
            for h in ops.hashes.tolist():
                if self._passages.get(h) == old:
                    del self._passages[h]

    def restore(self, article_id: int, sig: np.ndarray | None, rep: int | None, sim: float = 0.0) -> None:
        """Re-enter a persisted article (no matching: its group is already known)."""
        if sig is not None:
            self.insert(article_id, sig)
        if rep is not None and rep != article_id:
            self.rep_of[article_id] = rep
            grp = self.members.setdefault(rep, [rep])
            if article_id not in grp:
                grp.append(article_id)
            self.similarity[article_id] = sim

    def representative(self, article_id: int) -> int:
        return self.rep_of.get(article_id, article_id)

    def group(self, rep: int) -> DuplicateGroup:
        members = self.members.get(rep, [rep])
        return DuplicateGroup(
            representative=rep,
            members=list(members),
            similarity={m: self.similarity[m] for m in members if m in self.similarity},
        )


def find_duplicates(texts: dict[int, str], config: DedupConfig | None = None) -> list[DuplicateGroup]:
    """Batch helper: duplicate groups (2+ members) among ``texts`` (id -> body), in id order."""
    idx = DuplicateIndex(config or DedupConfig())
    for aid in sorted(texts):
        idx.add(aid, texts[aid])
    return [idx.group(rep) for rep in sorted(idx.members)]
