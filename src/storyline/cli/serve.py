"""``storyline serve``: the web app and REST API over a store (loopback only unless told otherwise)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

from storyline.cli.options import add_db
from storyline.store import db_url

TOKEN_ENV = "STORYLINE_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    # deferred: uvicorn and FastAPI come with the optional extra storyline[web]
    import uvicorn

    from storyline.web import create_app

    token = args.token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(args.host) and not token:
        print(
            f"error: serving on {args.host} exposes POST /api/articles beyond this machine: give --token "
            f"or set {TOKEN_ENV} (clients then send 'Authorization: Bearer <token>')",
            file=sys.stderr,
        )
        return 2
    app = create_app(args.db, token=token)
    shown = "localhost" if is_loopback(args.host) else args.host
    print(
        f"storyline: serving {db_url(args.db)} on http://{shown}:{args.port}/ (OpenAPI schema at /openapi.json)",
        file=sys.stderr,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sp = sub.add_parser("serve", help="the web app and REST API (story pages, search, what changed)")
    add_db(sp)
    sp.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument(
        "--token",
        default=None,
        help=f"token write endpoints require (also {TOKEN_ENV}); needed to bind beyond loopback",
    )
    sp.set_defaults(fn=cmd_serve)
