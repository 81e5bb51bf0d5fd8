"""The command line's parser, its words in the learner's language.

A module of its own so that the plain start (``backend-tui`` with at most the data,
profile, language and content options) need not import argparse at all: see
``backend_tui.cli.plain_args``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from backend_tui import __version__, paths

Say = Callable[[str], str]
"""A catalogue key -> the words of the language the parser speaks."""


def _parser_class(say: Say) -> type[argparse.ArgumentParser]:
    """An ArgumentParser whose own words (usage, section titles, ``-h``) are ours.

    argparse's error messages stay its own English: they quote our options anyway.
    Every subcommand's parser is of the same class (argparse makes them so).
    """

    class Formatter(argparse.HelpFormatter):
        def add_usage(
            self,
            usage: str | None,
            actions: Iterable[argparse.Action],
            groups: Iterable[argparse._MutuallyExclusiveGroup],
            prefix: str | None = None,
        ) -> None:
            super().add_usage(
                usage, actions, groups, say("cli_usage") if prefix is None else prefix
            )

    class Parser(argparse.ArgumentParser):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(formatter_class=Formatter, add_help=False, **kwargs)
            self._positionals.title = say("cli_positionals")
            self._optionals.title = say("cli_options")
            self.add_argument("-h", "--help", action="help", help=say("cli_help"))

    return Parser


def _add_data_options(parser: argparse.ArgumentParser, say: Say, default: object = None) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=say("cli_data_dir").format(env=f"${paths.DATA_DIR_ENV}"),
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        default=default,
        help=say("cli_profile").format(env=f"${paths.PROFILE_ENV}"),
    )


def _add_lang_option(parser: argparse.ArgumentParser, help: str) -> None:
    # Given before the command (`backend-tui --lang id stats`) or after it; SUPPRESS
    # so that a command's own default does not overwrite the one given before it.
    parser.add_argument("--lang", choices=["en", "id"], default=argparse.SUPPRESS, help=help)


COMMANDS = ("check", "stats", "serve", "class")


def build_parser(lang: str = "en", argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line, its help in ``lang``.

    Given the arguments it will parse, a command they do not name gets its name and
    help only, not its options: the plain start names none and need not build them
    all (~1 ms of every start). ``--help`` and a mistyped command read the same.
    """
    from backend_tui.ui.strings import text  # no Textual: a table of words

    def say(key: str) -> str:
        return text(lang, key)

    parser = _parser_class(say)(prog="backend-tui", description=say("cli_description"))
    parser.add_argument(
        "--version", action="version", version=f"backend-tui {__version__}", help=say("cli_version")
    )
    parser.add_argument("--content", metavar="DIR", help=say("cli_content"))
    _add_data_options(parser, say)
    parser.add_argument("--lang", choices=["en", "id"], help=say("cli_lang"))
    # Set by `backend-tui serve` for each remote learner; not for people.
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)

    # A command is named by a whole argument of its own; a value that reads like
    # one (`--profile check`) only builds that command's options for nothing.
    named = set(COMMANDS) if argv is None else set(COMMANDS).intersection(argv)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help=say("cli_check"), description=say("cli_check"))
    if "check" in named:
        check.add_argument("dir", nargs="?", metavar="DIR", help=say("cli_check_dir"))
        _add_lang_option(check, say("cli_check_lang"))
        check.add_argument("--strict", action="store_true", help=say("cli_strict"))

    stats = commands.add_parser("stats", help=say("cli_stats"), description=say("cli_stats"))
    if "stats" in named:
        stats.add_argument("--json", action="store_true", help=say("cli_json"))
        # A command repeats the options of the top level so that they may come after
        # it too; SUPPRESS keeps its default from overwriting one given before it
        # (`backend-tui --profile ana stats`).
        _add_data_options(stats, say, argparse.SUPPRESS)
        _add_lang_option(stats, say("cli_stats_lang"))
        stats.add_argument(
            "--content", metavar="DIR", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )

    serve = commands.add_parser("serve", help=say("cli_serve"), description=say("cli_serve"))
    if "serve" in named:
        _add_serve_options(serve, say)
    klass = commands.add_parser(
        "class", help=say("cli_class"), description=say("cli_class_description")
    )
    if "class" in named:
        _add_class_options(klass, say)
    return parser


def _add_serve_options(serve: argparse.ArgumentParser, say: Say) -> None:
    serve.add_argument("--host", default="127.0.0.1", help=say("cli_host"))
    serve.add_argument("--port", type=int, default=2222, help=say("cli_port"))
    serve.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=say("cli_serve_data_dir")
    )
    serve.add_argument("--host-key", metavar="PATH", help=say("cli_host_key"))
    serve.add_argument("--authorized-keys", metavar="FILE", help=say("cli_authorized_keys"))
    serve.add_argument(
        "--content", metavar="DIR", default=argparse.SUPPRESS, help=say("cli_serve_content")
    )
    _add_lang_option(serve, say("cli_serve_lang"))
    serve.add_argument(
        "--launcher", choices=["fork", "exec"], default="fork", help=say("cli_launcher")
    )
    _add_serve_limits(serve, say)


def _add_class_options(klass: argparse.ArgumentParser, say: Say) -> None:
    _class_options(klass, say)
    klass.add_argument(
        "--lang", choices=["en", "id"], default=argparse.SUPPRESS, help=say("cli_class_lang")
    )
    sub = klass.add_subparsers(dest="class_command", metavar="SUBCOMMAND")
    listing = sub.add_parser("list", help=say("cli_list"), description=say("cli_list"))
    _class_options(listing, say)
    form = listing.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help=say("cli_list_json"))
    form.add_argument("--csv", action="store_true", help=say("cli_list_csv"))
    release = sub.add_parser("release", help=say("cli_release"), description=say("cli_release"))
    release.add_argument("name", metavar="NAME", help=say("cli_release_name"))
    _class_options(release, say)


def _class_options(parser: argparse.ArgumentParser, say: Say) -> None:
    # Given before or after the (sub)command; its own default must not overwrite
    # a value given before it, hence SUPPRESS (the top level holds the default).
    parser.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=say("cli_class_data_dir")
    )
    parser.add_argument(
        "--content", metavar="DIR", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def _add_serve_limits(serve: argparse.ArgumentParser, say: Say) -> None:
    # The defaults match ServeConfig's (a test keeps them equal); docs/serving.md
    # explains each limit in its threat model.
    limits = serve.add_argument_group(say("cli_limits"))
    for flag, kind, default, metavar, key in (
        ("--max-sessions", int, 64, "N", "cli_max_sessions"),
        ("--idle-timeout", float, 1800.0, "SECONDS", "cli_idle_timeout"),
        ("--login-timeout", float, 30.0, "SECONDS", "cli_login_timeout"),
        ("--max-unauthenticated", int, 100, "N", "cli_max_unauthenticated"),
        ("--max-unauthenticated-per-address", int, 64, "N", "cli_max_unauthenticated_per_address"),
        ("--connections-per-minute", int, 120, "N", "cli_connections_per_minute"),
        ("--names-per-hour", int, 100, "N", "cli_names_per_hour"),
    ):  # fmt: skip
        limits.add_argument(
            flag,
            type=kind,
            default=default,
            metavar=metavar,
            help=say("cli_with_default").format(help=say(key)),
        )
