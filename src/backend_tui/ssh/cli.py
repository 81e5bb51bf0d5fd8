"""`backend-tui serve` on the command line: options, greeting, signals, exit status."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import ipaddress
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from backend_tui import paths
from backend_tui.ssh.config import ServeConfig, ServeError, Tell
from backend_tui.ssh.keys import fingerprint
from backend_tui.ssh.server import ClassServer

log = logging.getLogger("backend_tui.ssh")

Say = Callable[..., str]
"""A catalogue key and its values -> the words in the teacher's language. Given by the
command line: this package loads no words of the app's own. Logs stay English."""


def bind_warning(host: str) -> str | None:
    """A warning when ``host`` is reachable from other machines, else ``None``."""
    if host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass
    return (
        f"listening on {host}: anyone who can reach this address can try to log in;"
        " consider --authorized-keys"
    )


def _server_lang() -> str:
    from backend_tui.cli import detect_lang  # the app's own rule, on the server's locale

    return detect_lang(os.environ)


def config_from_args(args: argparse.Namespace) -> ServeConfig:
    if not 0 <= args.port <= 65535:
        raise ServeError.of("serve_port", "--port must be 0-65535, not {port}", port=args.port)
    for flag in (
        "max_sessions",
        "max_unauthenticated",
        "max_unauthenticated_per_address",
        "connections_per_minute",
        "names_per_hour",
    ):
        if getattr(args, flag) < 1:
            option = f"--{flag.replace('_', '-')}"
            raise ServeError.of("serve_at_least_1", "{option} must be at least 1", option=option)
    for flag in ("idle_timeout", "login_timeout"):
        # "not > 0" also catches nan.
        if not getattr(args, flag) > 0:
            option = f"--{flag.replace('_', '-')}"
            raise ServeError.of(
                "serve_more_than_0", "{option} must be more than 0 seconds", option=option
            )
    content = Path(args.content).resolve() if args.content else None
    return ServeConfig(
        data_dir=paths.data_dir(args.data_dir).resolve(),
        host=args.host,
        port=args.port,
        host_key=Path(args.host_key).expanduser().resolve() if args.host_key else None,
        authorized_keys=(
            Path(args.authorized_keys).expanduser().resolve() if args.authorized_keys else None
        ),
        content_dir=content,
        lang=args.lang or _server_lang(),
        max_sessions=args.max_sessions,
        idle_timeout=args.idle_timeout,
        launcher=args.launcher,
        login_timeout=args.login_timeout,
        pending_total=args.max_unauthenticated,
        pending_per_address=args.max_unauthenticated_per_address,
        connections_per_minute=args.connections_per_minute,
        names_per_hour=args.names_per_hour,
    )


def _check_content(root: Path | None) -> None:
    """Raises :class:`~backend_tui.content.ContentError`, for the command line to list."""
    from backend_tui.content import load_content

    load_content(root or paths.bundled_content_dir())


def _greeting(server: ClassServer, say: Say) -> str:
    config = server.config
    anywhere = config.host in {"0.0.0.0", "::", ""}
    host = say("serve_this_machine") if anywhere else config.host
    key = server.host_key
    assert key is not None
    where = {"fingerprint": fingerprint(key), "path": server.host_key_path}
    lines = [
        say("serve_listening", host=config.host, port=server.port),
        "  " + say("serve_host_key_new" if server.host_key_created else "serve_host_key", **where),
        "  " + say("serve_progress_in", folder=config.data_dir),
    ]
    if server.authorized is not None:
        keys = len(server.authorized)
        lines.append("  " + say("serve_only_keys", n=keys, file=config.authorized_keys))
        lines.append(say("serve_connect", command=f"ssh -p {server.port} {host}"))
    else:
        lines.append(say("serve_connect", command=f"ssh -p {server.port} NAME@{host}"))
        lines.append("  " + say("serve_name_is_profile"))
    lines.append(say("serve_stop"))
    return "\n".join(lines)


async def serve(config: ServeConfig, say: Say) -> int:
    """Run until SIGTERM or SIGINT, then stop cleanly; 0 on a clean stop."""
    server = ClassServer(config)
    server.prepare()
    await server.start()
    warning = bind_warning(config.host)
    if warning is not None:
        log.warning("%s", warning)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    # Before the greeting: a stop asked for as soon as it is shown (a script, a
    # quick Ctrl-C) is a clean stop, not the default handler killing the server.
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        print(_greeting(server, say), flush=True)
        await stop.wait()
    finally:
        # The handlers stay during the stop, so a second Ctrl-C cannot cut it short.
        await server.stop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
    return 0


def run_serve(args: argparse.Namespace, say: Say, tell: Tell | None = None) -> int:
    """Entry point for `backend-tui serve`.

    Raises :class:`ServeError` or :class:`~backend_tui.content.ContentError` when the
    server cannot start, for the command line to say in the teacher's language.
    ``tell`` says what the server writes to a learner, in the learner's language.
    """
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )
    # asyncssh logs every packet-level step at INFO; our own lines say what matters.
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    config = dataclasses.replace(config_from_args(args), tell=tell)
    _check_content(config.content_dir)
    return asyncio.run(serve(config, say))
