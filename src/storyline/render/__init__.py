"""Render: a StoryReport as a cited brief, in one of the registered output formats."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storyline.model import StoryReport
from storyline.render.html import render_html
from storyline.render.json import render_json
from storyline.render.markdown import render_markdown

__all__ = ["FORMATS", "OutputFormat", "render_report"]


@dataclass(frozen=True, slots=True)
class OutputFormat:
    name: str  # what --format takes; also the file suffix
    media_type: str
    render: Callable[[StoryReport], str]
    description: str


# The one table of output formats: the CLI's --format choices, `run`'s files and the web app read it.
FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("md", "text/markdown; charset=utf-8", render_markdown, "Markdown brief"),
        OutputFormat("json", "application/json", render_json, "JSON (docs/brief-schema.json)"),
        OutputFormat("html", "text/html; charset=utf-8", render_html, "standalone HTML page with pictures"),
    )
}


def render_report(report: StoryReport, fmt: str) -> str:
    try:
        return FORMATS[fmt].render(report)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})") from None
