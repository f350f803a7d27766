"""Command line: ``storyline COMMAND``. Each module here registers a group of commands; each command
parses its options, calls one library function (mostly ``storyline.pipeline``) and prints."""

from __future__ import annotations

import argparse

from storyline import __version__
from storyline.cli import articles, briefs, serve, stories, stream

# The one list of command groups: `storyline --help` shows every command they register.
COMMAND_GROUPS = (articles, stories, briefs, stream, serve)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="storyline", description="Cross-source story intelligence from raw news articles."
    )
    p.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.fn(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
