"""Persistence for feed polling: what the last poll of each feed learnt (validators, when it changed).

The table is created by migration 0002; a restarted poller reads it to send conditional requests.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from storyline.store import Store
from storyline.store.schema import Base


class FeedStateRow(Base):
    """What the last poll of a feed learnt: the validators to send next time, and when it changed."""

    __tablename__ = "feed_state"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)  # HTTP status, 0 when the fetch failed
    checked: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    changed: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    articles: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # new articles so far


def feed_state(store: Store, url: str) -> FeedStateRow | None:
    with store.session() as s:
        return s.get(FeedStateRow, url)


def save_feed_state(
    store: Store,
    url: str,
    *,
    status: int,
    checked: dt.datetime,
    changed: dt.datetime | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    new: int = 0,
) -> None:
    with store.session() as s, s.begin():
        row = s.get(FeedStateRow, url)
        if row is None:
            row = FeedStateRow(url=url, articles=0)
            s.add(row)
        row.status, row.checked = status, checked
        if status in (200, 203, 304) or changed:
            row.etag, row.last_modified = etag, last_modified
        if changed:
            row.changed = changed
        row.articles = (row.articles or 0) + new
