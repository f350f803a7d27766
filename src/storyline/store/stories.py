"""Persistence of the link stage: stories, each article's place in them, and the linker's indexes.

Tables live on the store's declarative ``Base`` (same database as the articles; plain types, so
SQLite and PostgreSQL both work). Nothing is loaded up front but the IDF counts: while linking,
``SqlBackend`` answers the linker's questions with indexed queries — candidate stories through
``link_postings`` (feature -> story, newest first), near-duplicate candidates through
``link_bands`` (MinHash LSH band keys) — and fetches only the stories it names. Adding one
article to a store of millions reads a handful of rows, never the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from storyline.link.aliases import EntityNote
from storyline.link.cluster import (
    ArticleState,
    ClusterConfig,
    LinkConfig,
    Placement,
    StoryLinker,
    StoryState,
    build_story,
    story_label,
)
from storyline.link.dedup import DedupConfig, Passages
from storyline.link.events import EventCue
from storyline.model import Article, ArticleFacts, Assignment, DuplicateGroup, Story
from storyline.store.schema import Base

log = logging.getLogger(__name__)


class LinkStoryRow(Base):
    __tablename__ = "link_stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    label: Mapped[str] = mapped_column(Text, default="")
    first: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    last: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)  # linker counter at the last update
    n: Mapped[int] = mapped_column(Integer, default=0)  # articles in the centroid (copies excluded)
    n_articles: Mapped[int] = mapped_column(Integer, default=0)
    independent_outlets: Mapped[int] = mapped_column(Integer, default=0)
    terms: Mapped[bytes] = mapped_column(LargeBinary)  # packed (feature, weight) centroid
    ents: Mapped[bytes] = mapped_column(LargeBinary)
    indexed: Mapped[bytes] = mapped_column(LargeBinary)  # features posted to the inverted index
    emb: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    names: Mapped[dict] = mapped_column(JSON)  # feature -> text, for labels
    summary: Mapped[dict] = mapped_column(JSON)  # key entities/terms, outlets


class LinkArticleRow(Base):
    __tablename__ = "link_articles"

    # The article's id in ``articles``; no foreign key so the linker also runs on corpora kept elsewhere.
    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    story_id: Mapped[int] = mapped_column(Integer, index=True)
    duplicate_of: Mapped[int | None] = mapped_column(Integer, nullable=True)
    similarity: Mapped[float] = mapped_column(Float, default=0.0)
    published: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    outlet: Mapped[str | None] = mapped_column(Text, nullable=True)
    seq: Mapped[int] = mapped_column(Integer)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    cues: Mapped[list] = mapped_column(JSON)
    entities: Mapped[list] = mapped_column(JSON)
    # trimmed vectors while the article's story is young (``ArticleState.vector``): a later session can split it
    vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    placement: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # ``Placement``: --why
    passages: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # sampled verbatim passages


class LinkPassageRow(Base):
    """Index of the sampled verbatim passages (partial copies): passage hash -> articles holding it."""

    __tablename__ = "link_passages"

    passage: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class LinkPostingRow(Base):
    """Inverted index: a story's top features; ``seq`` is the story's last update (newest first)."""

    __tablename__ = "link_postings"
    __table_args__ = (Index("ix_link_postings_feature_seq", "feature", "seq"),)

    feature: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    story_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False, index=True)
    seq: Mapped[int] = mapped_column(Integer)


class LinkBandRow(Base):
    """MinHash LSH bands of each article body, for near-duplicate lookup."""

    __tablename__ = "link_bands"

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class LinkMetaRow(Base):
    __tablename__ = "link_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


TABLES = [
    LinkStoryRow.__table__,
    LinkArticleRow.__table__,
    LinkPostingRow.__table__,
    LinkBandRow.__table__,
    LinkMetaRow.__table__,
    LinkPassageRow.__table__,
]


def create_tables(bind: Engine | Session) -> None:
    """Create the link tables if missing (the store's migrations normally do this)."""
    engine = bind.get_bind() if isinstance(bind, Session) else bind
    Base.metadata.create_all(engine, tables=TABLES)  # type: ignore[arg-type]


# ----------------------------------------------------------------- packing


def _pack(vec: dict[int, float]) -> bytes:
    keys = np.fromiter(vec.keys(), dtype=np.int32, count=len(vec))
    vals = np.fromiter(vec.values(), dtype=np.float32, count=len(vec))
    return keys.tobytes() + vals.tobytes()


def _unpack(blob: bytes) -> dict[int, float]:
    n = len(blob) // 8
    keys = np.frombuffer(blob[: 4 * n], dtype=np.int32)
    vals = np.frombuffer(blob[4 * n :], dtype=np.float32)
    return dict(zip(keys.tolist(), vals.tolist(), strict=True))


def _pack_member(v: tuple[dict[int, float], dict[int, float], int | None] | None) -> bytes | None:
    if v is None:
        return None
    head = np.array([len(v[0]), v[2] or 0], dtype=np.int32).tobytes()
    return head + _pack(v[0]) + _pack(v[1])


def _unpack_member(blob: bytes | None) -> tuple[dict[int, float], dict[int, float], int | None] | None:
    if not blob:
        return None
    nt, year = np.frombuffer(blob[:8], dtype=np.int32).tolist()
    return _unpack(blob[8 : 8 + 8 * nt]), _unpack(blob[8 + 8 * nt :]), year or None


def _config_json(cfg: LinkConfig) -> dict[str, Any]:
    return {"cluster": dataclasses.asdict(cfg.cluster), "dedup": dataclasses.asdict(cfg.dedup)}


def _config_from(d: dict[str, Any]) -> LinkConfig:
    names_c = {f.name for f in dataclasses.fields(ClusterConfig)}
    names_d = {f.name for f in dataclasses.fields(DedupConfig)}
    return LinkConfig(
        cluster=ClusterConfig(**{k: v for k, v in d.get("cluster", {}).items() if k in names_c}),
        dedup=DedupConfig(**{k: v for k, v in d.get("dedup", {}).items() if k in names_d}),
    )


def _story_row(s: StoryState) -> dict[str, Any]:
    ents, terms = story_label(s)
    return {
        "id": s.id,
        "label": (", ".join(ents) + (" — " if ents and terms else "") + " ".join(terms)) or f"story {s.id}",
        "first": s.first,
        "last": s.last,
        "seq": s.seq,
        "n": s.n,
        "n_articles": s.n_articles,
        "independent_outlets": len(s.voices),
        "terms": _pack(s.terms),
        "ents": _pack(s.ents),
        "indexed": np.fromiter(s.indexed, dtype=np.int32, count=len(s.indexed)).tobytes(),
        "emb": s.emb.astype(np.float32).tobytes() if s.emb is not None else None,
        "names": {str(f): n for f, n in s.names.items()},
        "summary": {
            "key_entities": ents,
            "key_terms": terms,
            "outlets": sorted(s.outlets),
            "voices": sorted(s.voices),
            "merged_into": s.merged_into,
        },
    }


def _article_row(a: ArticleState) -> dict[str, Any]:
    return {
        "article_id": a.id,
        "story_id": a.story,
        "duplicate_of": a.duplicate_of,
        "similarity": a.similarity,
        "published": a.published,
        "outlet": a.outlet,
        "seq": a.seq,
        "signature": a.signature.astype(np.uint32).tobytes() if a.signature is not None else None,
        "cues": [c.to_json() for c in a.cues],
        "entities": [e.to_json() for e in a.entities],
        "vector": _pack_member(a.vector),
        "placement": a.placement.to_json() if a.placement is not None else None,
    }


def _article_state(r: LinkArticleRow) -> ArticleState:
    return ArticleState(
        id=r.article_id,
        story=r.story_id,
        published=r.published,
        outlet=r.outlet,
        duplicate_of=r.duplicate_of,
        similarity=r.similarity,
        cues=[EventCue.from_json(c) for c in r.cues or []],
        entities=[EntityNote.from_json(e) for e in r.entities or []],
        signature=np.frombuffer(r.signature, dtype=np.uint32).copy() if r.signature else None,
        seq=r.seq,
        vector=_unpack_member(r.vector),
        placement=Placement.from_json(r.placement) if r.placement else None,
    )


def _story_state(r: LinkStoryRow) -> StoryState:
    s = StoryState(
        id=r.id,
        first=r.first,
        last=r.last,
        seq=r.seq,
        n=r.n,
        terms=_unpack(r.terms),
        ents=_unpack(r.ents),
        emb=np.frombuffer(r.emb, dtype=np.float32).copy() if r.emb else None,
        names={int(k): v for k, v in (r.names or {}).items()},
        indexed=set(np.frombuffer(r.indexed, dtype=np.int32).tolist()),
        n_articles=r.n_articles,
        outlets=set((r.summary or {}).get("outlets", [])),
        voices=set((r.summary or {}).get("voices", [])),
        merged_into=(r.summary or {}).get("merged_into"),
    )
    s.norms()
    return s


def _pack_passages(p: Passages | None) -> bytes | None:
    if p is None or not len(p):
        return None
    return p.hashes.astype(np.uint32).tobytes() + p.positions.astype(np.int32).tobytes()


def _unpack_passages(blob: bytes) -> Passages:
    n = len(blob) // 8
    return Passages(
        np.frombuffer(blob[: 4 * n], dtype=np.uint32).copy(),
        np.frombuffer(blob[4 * n :], dtype=np.int32).copy(),
    )


def _chunks(xs: Sequence[int], n: int = 500) -> Iterable[Sequence[int]]:
    for i in range(0, len(xs), n):
        yield xs[i : i + n]


# ----------------------------------------------------------------- backend / save / load


class SqlBackend:
    """The linker's view of earlier link state in the store (see ``LinkBackend``)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.queries = 0

    def candidates(
        self, keys: list[int], limit: int, window: tuple[dt.date, dt.date] | None, min_seq: int
    ) -> list[int]:
        if not keys:
            return []
        self.queries += 1
        hits = func.count().label("hits")
        q = (
            select(LinkPostingRow.story_id, hits)
            .where(LinkPostingRow.feature.in_(keys), LinkPostingRow.seq >= min_seq)
            .group_by(LinkPostingRow.story_id)
            .order_by(hits.desc(), func.max(LinkPostingRow.seq).desc())
            .limit(limit)
        )
        if window is not None:
            # stories with no date at all stay candidates; dated ones must overlap the window
            q = q.join(LinkStoryRow, LinkStoryRow.id == LinkPostingRow.story_id).where(
                or_(
                    LinkStoryRow.last.is_(None),
                    (LinkStoryRow.last >= window[0]) & (LinkStoryRow.first <= window[1]),
                )
            )
        return [sid for sid, _ in self.session.execute(q)]

    def stories(self, story_ids: list[int]) -> list[StoryState]:
        self.queries += 1
        out: list[StoryState] = []
        for chunk in _chunks(sorted(story_ids)):
            out.extend(
                _story_state(r)
                for r in self.session.scalars(select(LinkStoryRow).where(LinkStoryRow.id.in_(chunk)))
            )
        return out

    def article(self, article_id: int) -> ArticleState | None:
        self.queries += 1
        r = self.session.get(LinkArticleRow, article_id)
        return _article_state(r) if r is not None else None

    def members(self, story_id: int) -> list[ArticleState]:
        self.queries += 1
        return [
            _article_state(r)
            for r in self.session.scalars(
                select(LinkArticleRow).where(LinkArticleRow.story_id == story_id).order_by(LinkArticleRow.seq)
            )
        ]

    def duplicates(self, band_keys: list[int]) -> list[tuple[int, np.ndarray, int | None]]:
        self.queries += 1
        q = select(LinkArticleRow.article_id, LinkArticleRow.signature, LinkArticleRow.duplicate_of).where(
            LinkArticleRow.article_id.in_(
                select(LinkBandRow.article_id).where(LinkBandRow.band_key.in_(band_keys)).distinct()
            )
        )
        return [
            (aid, np.frombuffer(sig, dtype=np.uint32), dup)
            for aid, sig, dup in self.session.execute(q)
            if sig
        ]

    def passages(self, hashes: list[int], limit: int = 8) -> list[tuple[int, Passages, int | None]]:
        """Earlier articles sharing the most of these passage hashes: (id, their passages, representative)."""
        if not hashes:
            return []
        self.queries += 1
        hits = func.count().label("hits")
        top = (
            select(LinkPassageRow.article_id, hits)
            .where(LinkPassageRow.passage.in_(hashes))
            .group_by(LinkPassageRow.article_id)
            .order_by(hits.desc(), LinkPassageRow.article_id)
            .limit(limit)
        )
        ids = [aid for aid, _ in self.session.execute(top)]
        if not ids:
            return []
        rows = self.session.execute(
            select(LinkArticleRow.article_id, LinkArticleRow.passages, LinkArticleRow.duplicate_of).where(
                LinkArticleRow.article_id.in_(ids)
            )
        )
        return [(aid, _unpack_passages(blob), dup) for aid, blob, dup in rows if blob]


def save_linker(session: Session, linker: StoryLinker) -> int:
    """Write what changed since the last save (new articles and their bands, touched stories and their
    postings, IDF state). Returns the number of stories written. The caller commits."""
    new = [linker.articles[a] for a in linker.new_articles if a in linker.articles]
    if new:
        rows = [_article_row(a) for a in new]
        for r in rows:
            r["passages"] = _pack_passages(linker.dedup.passages_of(r["article_id"]))
        session.execute(insert(LinkArticleRow), rows)
        passages = [
            {"passage": h, "article_id": r["article_id"]}
            for r in rows
            if (p := linker.dedup.passages_of(r["article_id"])) is not None
            for h in p.hashes.tolist()
        ]
        if passages:
            session.execute(insert(LinkPassageRow), passages)
        bands = [
            {"band_key": k, "article_id": a.id}
            for a in new
            if a.signature is not None
            for k in set(linker.dedup.band_keys(a.signature))
        ]
        if bands:
            session.execute(insert(LinkBandRow), bands)
    # Articles saved earlier whose story was split since: their rows follow them.
    fresh = set(linker.new_articles)
    moved = [
        {
            "article_id": a,
            "story_id": linker.articles[a].story,
            "placement": pl.to_json() if (pl := linker.articles[a].placement) is not None else None,
        }
        for a in sorted(linker.moved)
        if a not in fresh and a in linker.articles
    ]
    if moved:
        session.execute(update(LinkArticleRow), moved)
    dirty = sorted(linker.dirty_stories & set(linker.stories))
    rows = [_story_row(linker.stories[s]) for s in dirty]
    existing: set[int] = set()
    for chunk in _chunks(dirty):
        existing |= set(session.scalars(select(LinkStoryRow.id).where(LinkStoryRow.id.in_(chunk))))
    ins = [r for r in rows if r["id"] not in existing]
    upd = [r for r in rows if r["id"] in existing]
    if ins:
        session.execute(insert(LinkStoryRow), ins)
    if upd:
        session.execute(update(LinkStoryRow), upd)
    # Postings of touched stories: replaced, stamped with the story's last update.
    for chunk in _chunks(sorted(existing)):
        session.execute(delete(LinkPostingRow).where(LinkPostingRow.story_id.in_(chunk)))
    posts = [
        {"feature": f, "story_id": sid, "seq": linker.stories[sid].seq}
        for sid in dirty
        for f in linker.stories[sid].indexed
    ]
    if posts:
        session.execute(insert(LinkPostingRow), posts)
    state = {
        "n_docs": linker.n_docs,
        "next_story": linker.next_story,
        "seq": linker.seq,
        "latest": linker.latest.isoformat() if linker.latest else None,
        "comparisons": linker.comparisons,
        "config": _config_json(linker.config),
    }
    _put(session, "state", json.dumps(state).encode())
    _put(session, "df", zlib.compress(linker.df.tobytes(), 1))
    session.flush()
    linker.new_articles.clear()
    linker.dirty_stories.clear()
    linker.moved.clear()
    return len(rows)


def _put(session: Session, key: str, value: bytes) -> None:
    row = session.get(LinkMetaRow, key)
    if row is None:
        session.add(LinkMetaRow(key=key, value=value))
    else:
        row.value = value


def load_linker(session: Session, config: LinkConfig | None = None) -> StoryLinker:
    """A linker that continues the saved one: counters and IDF in memory, the rest read on demand."""
    create_tables(session)
    st_row = session.get(LinkMetaRow, "state")
    state = json.loads(st_row.value) if st_row else {}
    saved = _config_from(state["config"]) if "config" in state else None
    if config is not None and saved is not None and config.cluster.n_features != saved.cluster.n_features:
        raise ValueError(
            f"link state was built with n_features={saved.cluster.n_features}, not {config.cluster.n_features}"
        )
    linker = StoryLinker(config or saved)
    backend = SqlBackend(session)
    linker.backend = backend
    linker.dedup.backend = backend.duplicates
    linker.dedup.passage_backend = backend.passages
    if not state:
        return linker
    linker.n_docs = state["n_docs"]
    linker.next_story = state["next_story"]
    linker.seq = state["seq"]
    linker.comparisons = state.get("comparisons", 0)
    linker.latest = dt.date.fromisoformat(state["latest"]) if state.get("latest") else None
    df_row = session.get(LinkMetaRow, "df")
    if df_row is not None:
        linker.df = np.frombuffer(zlib.decompress(df_row.value), dtype=np.int32).copy()
    return linker


def load_story(session: Session, story_id: int) -> Story | None:
    """The full record of one story (events, entities, inferred dates), from the store."""
    r = session.get(LinkStoryRow, story_id)
    if r is None:
        return None
    s = _story_state(r)
    members = [
        _article_state(a)
        for a in session.scalars(
            select(LinkArticleRow).where(LinkArticleRow.story_id == story_id).order_by(LinkArticleRow.seq)
        )
    ]
    s.article_ids = [a.id for a in members]
    return build_story(s, members)


def story_summaries(
    session: Session,
    limit: int | None = 100,
    offset: int = 0,
    min_articles: int = 1,
    since: dt.date | None = None,
    ids: Sequence[int] | None = None,
) -> list[Story]:
    """Stories newest first, with ids, label, span, outlets and duplicate groups (no events/entities)."""
    q = select(LinkStoryRow).where(LinkStoryRow.n_articles >= min_articles)
    if ids is not None:
        if not ids:
            return []
        q = q.where(LinkStoryRow.id.in_(list(ids)))
    if since is not None:
        q = q.where(LinkStoryRow.last >= since)
    q = q.order_by(LinkStoryRow.last.desc().nulls_last(), LinkStoryRow.seq.desc()).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    rows = list(session.scalars(q))
    members: dict[int, list[tuple[int, int | None, float, dt.date | None]]] = {r.id: [] for r in rows}
    for chunk in _chunks(list(members)):
        for aid, sid, dup, sim, pub in session.execute(
            select(
                LinkArticleRow.article_id,
                LinkArticleRow.story_id,
                LinkArticleRow.duplicate_of,
                LinkArticleRow.similarity,
                LinkArticleRow.published,
            )
            .where(LinkArticleRow.story_id.in_(chunk))
            .order_by(LinkArticleRow.seq)
        ):
            members[sid].append((aid, dup, sim, pub))
    out = []
    for r in rows:
        ms = members[r.id]
        groups: dict[int, DuplicateGroup] = {}
        for aid, dup, sim, _ in ms:
            if dup is not None:
                g = groups.setdefault(dup, DuplicateGroup(representative=dup, members=[dup]))
                g.members.append(aid)
                g.similarity[aid] = sim
        span = (r.first, r.last) if r.first else None
        out.append(
            Story(
                id=r.id,
                label=r.label,
                article_ids=[m[0] for m in ms],
                duplicate_groups=list(groups.values()),
                start=r.first,
                end=r.last,
                key_entities=list(r.summary.get("key_entities", [])),
                key_terms=list(r.summary.get("key_terms", [])),
                outlets=list(r.summary.get("outlets", [])),
                independent_outlets=r.independent_outlets,
                inferred_dates={m[0]: span for m in ms if m[3] is None and span is not None},  # type: ignore[misc]
            )
        )
    return out


def story_of(session: Session, article_ids: Iterable[int]) -> dict[int, int]:
    """article id -> story id for the given articles (those already linked)."""
    ids = sorted(set(article_ids))
    out: dict[int, int] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            select(LinkArticleRow.article_id, LinkArticleRow.story_id).where(
                LinkArticleRow.article_id.in_(chunk)
            )
        )
        out.update((aid, sid) for aid, sid in rows)
    return out


# ----------------------------------------------------------------- the link stage against the store


@contextmanager
def _session(db: Engine | Session) -> Iterator[Session]:
    if isinstance(db, Session):
        yield db
        return
    with Session(db) as s:
        yield s
        s.commit()


def link_articles(
    db: Engine | Session,
    articles: Sequence[Article],
    facts: Sequence[ArticleFacts | None] | None = None,
    config: LinkConfig | None = None,
    assignments: list[Assignment] | None = None,
    full: bool = False,
) -> list[Story]:
    """Link ``articles`` (stored, so with ids) into the stories kept in ``db``; return the touched stories.

    ``db`` is an SQLAlchemy ``Engine`` (committed here) or ``Session`` (the caller commits). Articles
    already linked are skipped; an article without an id is logged and skipped. Earlier state is read
    through the store's indexes, never scanned (``SqlBackend``). The touched stories come back as
    summaries (like ``list_stories``), or in full (events, entities) with ``full=True``.
    ``assignments``, when given, receives one ``Assignment`` per newly linked article.
    """
    facts = list(facts) if facts is not None else [None] * len(articles)
    if len(facts) != len(articles):
        raise ValueError(f"link_articles: {len(articles)} articles but {len(facts)} facts")
    todo = []
    for a, f in zip(articles, facts, strict=True):
        if a.id is None:
            log.warning("%s: not linked, the article has no id (store it first)", a.source)
            continue
        todo.append((a, f))
    with _session(db) as s:
        linker = load_linker(s, config)
        done = story_of(s, [a.id for a, _ in todo if a.id is not None])
        todo = [(a, f) for a, f in todo if a.id not in done]
        out = linker.add_many([a for a, _ in todo], [f for _, f in todo])
        if assignments is not None:
            assignments.extend(out)
        touched = sorted(linker.dirty_stories & set(linker.stories))
        stories = [linker.story(sid) for sid in touched] if full else []
        save_linker(s, linker)
        if not full:
            stories = sorted(story_summaries(s, limit=None, ids=touched), key=lambda st: st.id)
    return stories


def list_stories(
    db: Engine | Session,
    limit: int | None = 100,
    offset: int = 0,
    min_articles: int = 1,
    since: dt.date | None = None,
) -> list[Story]:
    """Story summaries, most recent first: id, label, article ids, span, outlets, independent outlets,
    duplicate groups (events and entities are left empty: see ``get_story``)."""
    with _session(db) as s:
        create_tables(s)
        return story_summaries(s, limit=limit, offset=offset, min_articles=min_articles, since=since)


def get_story(db: Engine | Session, story_id: int) -> Story | None:
    """One story in full, or None if there is no such story."""
    with _session(db) as s:
        create_tables(s)
        return load_story(s, story_id)


def get_stories(db: Engine | Session, story_ids: Iterable[int]) -> list[Story]:
    """Several stories in full, in the order of ``story_ids`` (unknown ids are left out)."""
    with _session(db) as s:
        create_tables(s)
        return [st for sid in story_ids if (st := load_story(s, sid)) is not None]
