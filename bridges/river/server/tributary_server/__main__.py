"""Entry point: python -m tributary_server --library river|capymoa [--parent-pid PID]."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .protocol import DEFAULT_SCHEMA_DIR, Server, watch_parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tributary_server", description="Tributary bridge server for River and CapyMOA")
    parser.add_argument("--library", choices=["river", "capymoa"], default="river")
    parser.add_argument("--parent-pid", type=int, default=int(os.environ.get("TRIBUTARY_PARENT_PID", "0")) or None,
                        help="exit when this process is no longer the parent")
    parser.add_argument("--schemas", type=Path, default=Path(os.environ.get("TRIBUTARY_BRIDGE_SCHEMAS", DEFAULT_SCHEMA_DIR)))
    parser.add_argument("--no-stdin-watch", action="store_true", help="do not exit at stdin EOF (manual runs)")
    args = parser.parse_args(argv)

    watch_parent(args.parent_pid, not args.no_stdin_watch)
    if args.library == "river":
        from .river_backend import RiverBackend

        backend = RiverBackend()
    else:
        from .capymoa_backend import CapymoaBackend

        backend = CapymoaBackend()
    server = Server(backend, args.schemas, faults=os.environ.get("TRIBUTARY_BRIDGE_FAULTS") == "1")
    server.announce()
    server.serve()
    sys.stderr.flush()
    # A JVM (CapyMOA) may keep non-daemon threads alive: leave at once.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
