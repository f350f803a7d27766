"""Near-duplicate detection: MinHash LSH over word shingles of the cleaned body.

Syndicated wire copy and light rewrites (a new headline, an added paragraph,
an updated figure) share most of their 3-word shingles; independent reports
of the same event share almost none. A duplicate joins the group of the
article it copies, whose first-seen member stays the representative.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.link.features import shingles
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
        self._lsh = MinHashLSH(threshold=c.threshold, num_perm=c.num_perm, params=lsh_bands(c.threshold, c.num_perm))
        # Signatures as uint32 (the affine32 scheme): 512 bytes an article.
        self._sigs: OrderedDict[int, np.ndarray] = OrderedDict()
        self.rep_of: dict[int, int] = {}  # member -> representative (only for duplicates)
        self.members: dict[int, list[int]] = {}  # representative -> members (rep first)
        self.similarity: dict[int, float] = {}
        self.comparisons = 0
        # Optional lookup of earlier articles kept outside memory (the store):
        # band keys -> [(article id, signature, its representative or None)].
        self.backend: Callable[[list[int]], list[tuple[int, np.ndarray, int | None]]] | None = None
        # Permutations depend only on (num_perm, seed): draw them once, not per article.
        self._perm = MinHash(num_perm=c.num_perm, scheme=SCHEME).permutations

    # -- signatures
    def signature(self, text: str) -> np.ndarray | None:
        sh = shingles(text, self.config.shingle)
        if len(sh) < self.config.min_shingles:
            return None
        m = MinHash(num_perm=self.config.num_perm, scheme=SCHEME, permutations=self._perm)
        m.update_batch(sh)
        return m.hashvalues.astype(np.uint32)

    def _minhash(self, sig: np.ndarray) -> MinHash:
        return MinHash(num_perm=self.config.num_perm, hashvalues=sig, scheme=SCHEME, permutations=self._perm)

    # -- index
    def insert(self, article_id: int, sig: np.ndarray) -> None:
        if article_id in self._sigs:
            return
        self._lsh.insert(article_id, self._minhash(sig), check_duplication=False)
        self._sigs[article_id] = sig
        while len(self._sigs) > self.config.capacity:
            old, _ = self._sigs.popitem(last=False)
            self._lsh.remove(old)

    def band_keys(self, sig: np.ndarray) -> list[int]:
        """One signed 64-bit key per LSH band (same banding as the in-memory index), for a store index."""
        keys = []
        for i, (lo, hi) in enumerate(self._lsh.hashranges):
            d = hashlib.blake2b(sig[lo:hi].astype(np.uint32).tobytes(), digest_size=8, salt=i.to_bytes(2, "little"))
            keys.append(int.from_bytes(d.digest(), "little", signed=True))
        return keys

    def best_match(self, sig: np.ndarray) -> tuple[int | None, float]:
        """The indexed article most similar to ``sig`` above the threshold, and its Jaccard."""
        cands = {c: self._sigs[c] for c in self._lsh.query(self._minhash(sig))}
        if self.backend is not None:
            for aid, other, rep in self.backend(self.band_keys(sig)):
                cands.setdefault(aid, other)
                if rep is not None and rep != aid:
                    self.rep_of.setdefault(aid, rep)
        best, best_j = None, 0.0
        for cand, other in cands.items():
            self.comparisons += 1
            j = float(np.mean(other == sig))
            if j >= self.config.threshold and (j > best_j or (j == best_j and best is not None and cand < best)):
                best, best_j = cand, j
        return best, best_j

    def add(self, article_id: int, text: str) -> tuple[int | None, float, np.ndarray | None]:
        """Index one article; return (representative it duplicates or None, Jaccard, signature)."""
        sig = self.signature(text)
        if sig is None:
            return None, 0.0, None
        match, j = self.best_match(sig)
        self.insert(article_id, sig)
        if match is None:
            return None, 0.0, sig
        rep = self.rep_of.get(match, match)
        self.rep_of[article_id] = rep
        self.members.setdefault(rep, [rep]).append(article_id)
        self.similarity[article_id] = round(j, 3)
        return rep, j, sig

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
