"""Typed records exchanged between stages.

Flow: RawDoc -clean-> Article -analyse-> ArticleFacts -link-> Story -compare-> StoryReport.
Every derived fact keeps provenance: the article id plus a character span into
``Article.text`` (body paragraphs joined by a blank line).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

PARA_SEP = "\n\n"


def publication_key(published: dt.date | None, article_id: int | None) -> tuple[bool, dt.date, int]:
    """Sort key for linking a batch as a stream: oldest first, undated articles last, then by id."""
    return (published is None, published or dt.date.min, article_id or 0)


def content_hash(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- ingest


@dataclass(slots=True)
class RawDoc:
    """One article's raw material, before any parsing of its content.

    ``kind`` says how to clean it: "text" (a plain-text scrape), "html".
    Container formats (JSON/JSONL records, feeds) are split at ingest into one
    RawDoc per article, with whatever metadata the container gave.
    """

    source: str  # file path, URL or "-" (plus "#N" for the Nth record of a container)
    kind: str  # "text" | "html"
    data: bytes  # raw bytes of this article as found (record text/html encoded UTF-8)
    origin: str = "file"  # "file" | "url" | "stdin" | "jsonl" | "feed"
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as given by the container, parsed during clean
    outlet: str | None = None
    byline: str | None = None
    summary: str | None = None  # feed summary / record dek

    @property
    def hash(self) -> str:
        return content_hash(self.data)


@dataclass(slots=True)
class IngestError:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class IngestReport:
    """What a batch did: ids of new and of already stored articles, and the inputs that failed."""

    stored: list[int] = field(default_factory=list)
    existing: list[int] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    seen: int = 0
    analysed: int = 0  # facts records saved

    @property
    def ids(self) -> list[int]:
        return self.stored + self.existing


# ---------------------------------------------------------------- clean


@dataclass(slots=True)
class Dropped:
    """A line or sentence the cleaner removed, and why."""

    text: str
    reason: str  # e.g. "widget", "related-links", "call-to-action", "repeated-title"
    line: int | None = None  # 0-based line number in the decoded input, if line-level


@dataclass(slots=True)
class Article:
    source: str
    content_hash: str
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    dek: str | None = None
    byline: str | None = None
    outlet: str | None = None
    reported_via: str | None = None
    published: dt.date | None = None
    url: str | None = None
    section_headings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    kind: str = "text"
    language: str | None = None  # ISO 639-1, detected by the clean stage (None: too little text)
    language_confidence: float = 0.0  # the detector's confidence in ``language`` (0..1)
    id: int | None = None  # assigned by the store

    @property
    def text(self) -> str:
        return PARA_SEP.join(self.paragraphs)

    def paragraph_offsets(self) -> list[int]:
        """Start offset of each paragraph in ``text``."""
        out, pos = [], 0
        for p in self.paragraphs:
            out.append(pos)
            pos += len(p) + len(PARA_SEP)
        return out


# ---------------------------------------------------------------- analyse


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Sentence:
    idx: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str  # person | organisation | place | group | role | other
    entity: int | None = None  # index into ArticleFacts.entities
    part: str = "body"  # where start/end point: "body" (Article.text), "title" or "dek"


@dataclass(slots=True)
class Entity:
    idx: int
    name: str  # canonical name
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: int = 0


@dataclass(slots=True)
class Quote:
    content: Span
    speaker: str | None  # canonical name
    kind: str  # direct | indirect | mixed
    sentence: int
    cue: Span | None = None
    speaker_span: Span | None = None
    confidence: float = 0.5
    part: str = "body"  # where the spans point: "body" (Article.text), "title" or "dek"
    speaker_entity: int | None = None  # index into ArticleFacts.entities


@dataclass(slots=True)
class Quantity:
    value: float
    unit: str  # "percent", "usd", "people", "" ...
    text: str
    measure: str = ""  # what it measures, e.g. "of GDP on defence"
    approx: str = ""  # "over", "around", "at least", ...
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Claim:
    span: Span
    sentence: int
    asserter: str  # canonical speaker name, or "outlet"
    subjects: list[str] = field(default_factory=list)
    negated: bool = False
    modality: str = ""  # must | should | will | plans | can | ""
    numbers: list[Quantity] = field(default_factory=list)
    quote: int | None = None  # index into ArticleFacts.quotes when reported speech
    # the proposition's skeleton: article offsets of the words its parse keeps when modifiers,
    # times and settings are left out (predicate, subject, objects, complements, negation)
    core: list[tuple[int, int]] = field(default_factory=list)
    verbs: list[int] = field(
        default_factory=list
    )  # article offsets of its verbs: a piece without one is no assertion
    # article offsets of the coordinating words that join two nouns ("the man and his wife", "A, B,
    # and C were treated"): the claim does not break into two propositions there
    noun_joins: list[int] = field(default_factory=list)


@dataclass(slots=True)
class TimeRef:
    span: Span
    sentence: int
    expression: str
    value: dt.date | None = None  # resolved date (start of range)
    end: dt.date | None = None  # end of range, for "last year" etc.
    anchor: str = ""  # "absolute" | "published" | "story" | ""
    tense: str = ""  # "past" | "future" | "": which way a relative reference points from its anchor


@dataclass(slots=True)
class ArticleFacts:
    article_id: int | None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)


# ---------------------------------------------------------------- link


@dataclass(slots=True)
class DuplicateGroup:
    """Copies or light rewrites of one text (syndication, updates): later stages count it once."""

    representative: int  # article id of the first-seen member
    members: list[int] = field(default_factory=list)  # article ids, representative first
    similarity: dict[int, float] = field(default_factory=dict)  # member -> estimated Jaccard to its match


@dataclass(slots=True)
class ClaimRef:
    article_id: int
    claim: int  # index into that article's ArticleFacts.claims


@dataclass(slots=True)
class Event:
    """Something that happened on a day (or span) inside a story, e.g. one speech of a trip."""

    id: int  # position in Story.events
    start: dt.date | None
    end: dt.date | None
    label: str
    places: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # key terms of the sentences reporting it
    article_ids: list[int] = field(default_factory=list)
    claims: list[ClaimRef] = field(default_factory=list)


@dataclass(slots=True)
class CanonicalEntity:
    """One person/organisation of a story, merged across its articles."""

    id: int
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    mentions: int = 0


@dataclass(slots=True)
class Story:
    id: int
    label: str
    article_ids: list[int] = field(default_factory=list)
    duplicate_groups: list[DuplicateGroup] = field(default_factory=list)  # groups of 2+ members
    start: dt.date | None = None  # span of the dated articles
    end: dt.date | None = None
    key_entities: list[str] = field(default_factory=list)
    key_terms: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    independent_outlets: int = 0  # outlets counted once per duplicate group
    inferred_dates: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)  # undated id -> range
    events: list[Event] = field(default_factory=list)
    entities: list[CanonicalEntity] = field(default_factory=list)


@dataclass(slots=True)
class Assignment:
    """Where one added article went."""

    article_id: int
    story_id: int
    new_story: bool
    score: float  # similarity to the chosen story (1.0 for a duplicate, 0.0 for a new story)
    duplicate_of: int | None = None  # representative article id when a near-duplicate
    candidates: int = 0  # stories compared (bounded by the index, not the store size)


# ---------------------------------------------------------------- compare


@dataclass(slots=True)
class SourceRef:
    """A verbatim piece of one article: what every statement of a report points back to.

    ``field`` says which text the offsets index: "text" (``Article.text``), "title" or "dek".
    """

    article_id: int
    start: int
    end: int
    text: str
    field: str = "text"


@dataclass(slots=True)
class ClaimMember:
    """One article's statement of a proposition (a claim of its ArticleFacts)."""

    article_id: int
    claim: int  # index into that article's ArticleFacts.claims
    span: Span
    sentence: int
    asserter: str  # canonical speaker, or "outlet" for the outlet's own assertion
    outlet: str  # display name of the article's source (outlet, URL host or file name)
    negated: bool = False
    numbers: list[Quantity] = field(default_factory=list)
    quote: int | None = None
    secondary: bool = False  # also states another cluster's proposition (compound sentence)
    context: Span | None = None  # the whole sentence the claim comes from
    whole: Span | None = None  # the whole claim, when ``span`` is one proposition cut from it
    part: str = "body"  # where span points: "body" (Article.text), or "title"/"dek" for a headline


@dataclass(slots=True)
class ClaimCluster:
    """The same proposition told by one or more articles, paraphrased or quoted."""

    id: int
    members: list[ClaimMember] = field(default_factory=list)
    representative: int = 0  # index into members: the span shown for the cluster
    entities: list[str] = field(default_factory=list)  # canonical entities its members share
    negated: bool = False


@dataclass(slots=True)
class OutletSupport:
    """How one independent source states a claim cluster."""

    outlet: str  # independence key: relayed outlet, else the article's outlet
    article_ids: list[int] = field(default_factory=list)
    own: bool = False  # at least one member is the outlet's own assertion
    speakers: list[str] = field(default_factory=list)  # speakers it attributes the claim to
    relaying: list[int] = field(default_factory=list)  # articles that relay another outlet's report
    copies: list[int] = field(default_factory=list)  # near-duplicate copies counted with their original


@dataclass(slots=True)
class Corroboration:
    cluster: int
    label: str  # "corroborated" (>= 2 independent outlets) | "single-source"
    independent: int
    support: list[OutletSupport] = field(default_factory=list)
    outlets: int = 0  # outlets stating it, copies and relays included ("5 outlets, 3 independent")


# Every conflict kind; each has one entry (label, rank, detector) in ``storyline.compare.conflicts.CONFLICT_KINDS``.
ConflictKind = Literal["polarity", "quantity", "role", "date", "order", "place", "speaker", "misquote"]


@dataclass(slots=True)
class Conflict:
    """Two source spans that cannot both be right, with a plain-language reason."""

    kind: ConflictKind
    a: SourceRef
    b: SourceRef
    reason: str  # a fixed template filled with verbatim values
    scope: str = "across-outlets"  # "within-article" | "across-outlets"
    subject: str = ""  # the entity, quantity or quote it is about
    clusters: list[int] = field(default_factory=list)


@dataclass(slots=True)
class DiffPart:
    op: str  # "=" same words, "+" only in this variant, "-" only in the reference
    text: str


@dataclass(slots=True)
class QuoteVariant:
    article_id: int
    outlet: str
    quote: int  # index into that article's ArticleFacts.quotes
    speaker: str | None
    kind: str
    content: Span
    diff: list[DiffPart] = field(default_factory=list)  # word diff against the group's reference
    same_as_reference: bool = True
    field: str = "text"  # which article field ``content`` indexes: "text", "title" or "dek"
    denied: bool = False  # the speaker denies the words ("denied the attack occurred")


@dataclass(slots=True)
class QuoteGroup:
    """One quotation as rendered by one or more articles."""

    id: int
    speaker: str | None
    variants: list[QuoteVariant] = field(default_factory=list)
    reference: int = 0  # index into variants
    speakers: list[str] = field(default_factory=list)  # distinct speakers named for it


@dataclass(slots=True)
class Coverage:
    """Matrix claim cluster x outlet; cells: "own", "attributed", "copy" or "" (absent)."""

    outlets: list[str] = field(default_factory=list)
    clusters: list[int] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)  # [cluster row][outlet column]
    omissions: dict[str, list[int]] = field(
        default_factory=dict
    )  # outlet -> corroborated clusters it left out


@dataclass(slots=True)
class FramingSignal:
    """Evidence of how an outlet frames the story: a cue and the span it occurs in."""

    outlet: str
    kind: str  # loaded | hedge | headline
    cue: str  # the word or phrase, verbatim
    span: SourceRef
    cluster: int | None = None  # for a headline: the claim cluster it foregrounds


@dataclass(slots=True)
class TimelineEntry:
    date: dt.date
    end: dt.date | None = None
    label: str = ""  # event label from the linker (date and places)
    evidence: list[SourceRef] = field(default_factory=list)  # the sentences reporting it
    article_ids: list[int] = field(default_factory=list)
    inferred: bool = False  # dated against a reference date inferred from the story
    kind: str = "event"  # "event" | "published"


@dataclass(slots=True)
class ReportSource:
    ref: int  # citation number: [ref]
    article_id: int
    outlet: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str = ""
    duplicate_of: int | None = None
    reported_via: str | None = None
    language: str | None = None  # detected by the clean stage (ISO 639-1)
    analysed: bool = True  # False: not in English, so not run through the (English) analysis


@dataclass(slots=True)
class StoryReport:
    story_id: int
    label: str
    start: dt.date | None = None
    end: dt.date | None = None
    sources: list[ReportSource] = field(default_factory=list)
    clusters: list[ClaimCluster] = field(default_factory=list)
    corroboration: list[Corroboration] = field(default_factory=list)  # one per cluster, same order
    conflicts: list[Conflict] = field(default_factory=list)
    quotes: list[QuoteGroup] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)
    framing: list[FramingSignal] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    overview: list[int] = field(default_factory=list)  # cluster ids whose spans form the overview

    @property
    def independent(self) -> int:
        """Independent sources: the outlets (or relayed voices) of articles that copy no other one."""
        return len({s.reported_via or s.outlet for s in self.sources if s.duplicate_of is None})


# ---------------------------------------------------------------- json helpers


def to_jsonable(obj: Any) -> Any:
    """Records -> plain JSON values (dates as ISO strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, bytes):
        return None
    return obj


def article_from_json(d: dict[str, Any]) -> Article:
    d = dict(d)
    d["dropped"] = [Dropped(**x) for x in d.get("dropped", [])]
    if d.get("published"):
        d["published"] = dt.date.fromisoformat(d["published"])
    names = {f.name for f in dataclasses.fields(Article)}
    return Article(**{k: v for k, v in d.items() if k in names})


def _span(d: dict[str, Any] | None) -> Span | None:
    return Span(**d) if d else None


def facts_from_json(d: dict[str, Any]) -> ArticleFacts:
    def date(x: str | None) -> dt.date | None:
        return dt.date.fromisoformat(x) if x else None

    return ArticleFacts(
        article_id=d.get("article_id"),
        sentences=[Sentence(**s) for s in d.get("sentences", [])],
        mentions=[Mention(**m) for m in d.get("mentions", [])],
        entities=[Entity(**e) for e in d.get("entities", [])],
        quotes=[
            Quote(
                **{
                    **q,
                    "content": Span(**q["content"]),
                    "cue": _span(q.get("cue")),
                    "speaker_span": _span(q.get("speaker_span")),
                }
            )
            for q in d.get("quotes", [])
        ],
        claims=[
            Claim(
                **{
                    **c,
                    "span": Span(**c["span"]),
                    "numbers": [Quantity(**n) for n in c.get("numbers", [])],
                    "core": [(int(x[0]), int(x[1])) for x in c.get("core", [])],
                }
            )
            for c in d.get("claims", [])
        ],
        times=[
            TimeRef(
                **{
                    **t,
                    "span": Span(**t["span"]),
                    "value": date(t.get("value")),
                    "end": date(t.get("end")),
                }
            )
            for t in d.get("times", [])
        ],
    )
