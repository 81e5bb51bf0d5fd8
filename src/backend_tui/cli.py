"""Command line: parse arguments, build Settings, hand over. No logic of its own."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from backend_tui import __version__, paths
from backend_tui.content import Content, ContentError, load_content_cached
from backend_tui.safetext import visible
from backend_tui.settings import Settings


def detect_lang(environ: Mapping[str, str]) -> str:
    """``id`` when the locale is Indonesian, else ``en``.

    POSIX order: the first of LC_ALL, LC_MESSAGES, LANG that is set decides.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "id" if value.lower().startswith("id") else "en"
    return "en"


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


def argv_lang(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of ``--help`` and usage: ``--lang`` anywhere in ``argv``, else the locale."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in ("en", "id"):
            return argv[index + 1]
        if arg in ("--lang=en", "--lang=id"):
            return arg.removeprefix("--lang=")
    return detect_lang(environ)


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


def _content_dir(arg: str | None) -> Path:
    return Path(arg) if arg else paths.bundled_content_dir()


def _check(args: argparse.Namespace) -> int:
    from backend_tui.content.loader import load_content  # always checked afresh
    from backend_tui.reports import check_line, command_lang, print_problems

    lang = command_lang(args.lang)
    root = _content_dir(args.dir or args.content)
    try:
        content = load_content(root)
    except ContentError as exc:
        print_problems(exc.problems, root, lang)
        return 1
    if args.strict:
        from backend_tui.content.strict import strict_warnings
        from backend_tui.study.answers import check_typed

        warnings = strict_warnings(content, accepts=check_typed)
        if warnings:
            print_problems(warnings, root, lang, warnings=True)
            return 1
    print(check_line(visible(str(root)), content, args.strict, lang))
    return 0


@contextlib.contextmanager
def _collector_paused() -> Iterator[Callable[[], None]]:
    """Pause the cyclic garbage collector until the app calls back that it has started.

    Start-up allocates tens of thousands of objects that live as long as the app
    (Textual's modules, the content, the widgets) and almost no garbage, yet the
    collector would scan them over and over: about a tenth of the time to the first
    frame. Once started they are frozen, so later collections (during a drill, say)
    skip them too. What little start-up garbage there is (~2,500 objects) stays.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    started = False

    def on_started() -> None:
        nonlocal started
        if was_enabled and not started:
            started = True
            gc.freeze()
            gc.enable()

    try:
        yield on_started
    finally:
        if was_enabled:
            gc.enable()


def _saved_lang(folder: Path) -> str | None:
    """The language the learner last chose with ``l``, if they ever did.

    Only a stat for a learner who never chose (the file is read when it exists); a
    damaged file is moved aside by the reader and the locale decides.
    """
    if not os.path.exists(os.path.join(folder, "preferences.toml")):
        return None
    from backend_tui.study.preferences import load_preferences

    return load_preferences(folder).preferences.lang


def _run_app(args: argparse.Namespace, preloaded: Mapping[Path, Content]) -> int:
    with _collector_paused() as on_started:
        return _start_app(args, on_started, preloaded)


def _start_app(
    args: argparse.Namespace, on_started: Callable[[], None], preloaded: Mapping[Path, Content]
) -> int:
    root = _content_dir(args.content)
    # Until the learner's own choice can be read: the flag, else the locale.
    lang = args.lang or detect_lang(os.environ)
    content = preloaded.get(root)
    if content is None:
        try:
            content = load_content_cached(root, paths.cache_dir())
        except ContentError as exc:
            from backend_tui.reports import print_problems

            print_problems(exc.problems, root, lang)
            return 1
    try:
        profile = paths.validate_profile(args.profile or paths.default_profile())
    except paths.ProfileNameError as exc:
        from backend_tui.reports import error, profile_name_error

        error("backend-tui", profile_name_error(exc, lang))
        return 2
    data = paths.data_dir(args.data_dir)
    # Checked here, before the terminal is taken over, so an unusable data folder
    # is one clear line instead of an error inside the running app.
    folder = paths.profile_dir(data, profile)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied")
    except OSError as exc:
        from backend_tui.reports import error
        from backend_tui.ui.notices import reason_text
        from backend_tui.ui.strings import text

        why = reason_text(lang, exc)
        error("backend-tui", text(lang, "error_cannot_save", folder=visible(str(folder)), why=why))
        return 2
    settings = Settings(
        content_dir=root,
        data_dir=data,
        profile=profile,
        # --lang for this run, else the learner's own choice (`l`), else the locale.
        lang=args.lang or _saved_lang(folder) or detect_lang(os.environ),
        served=args.served,
    )
    # Imported here so `check`, `stats` and `--help` never pay for loading Textual.
    from backend_tui.ui.app import make_app

    app = make_app(settings, content, on_started=on_started)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None, preloaded: Mapping[Path, Content] | None = None) -> int:
    """``preloaded``: material already loaded and checked, by folder (the launcher's)."""
    try:
        words = sys.argv[1:] if argv is None else argv
        parser = build_parser(argv_lang(words, os.environ), words)
        code = _dispatch(parser.parse_args(argv), preloaded or {})
        sys.stdout.flush()  # a closed pipe shows up here, while we can still handle it
        return code
    except BrokenPipeError:
        # `backend-tui stats --json | head` closed the pipe: not an error worth a
        # traceback. Point stdout at devnull so the interpreter's final flush is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _serve(args: argparse.Namespace) -> int:
    from backend_tui.reports import error, print_problems, said
    from backend_tui.ssh.cli import run_serve
    from backend_tui.ssh.config import ServeError
    from backend_tui.ui.strings import text

    # The teacher's language: the one learners start in, else the locale.
    lang = args.lang or detect_lang(os.environ)

    def say(key: str, **values: object) -> str:
        # Paths and names in the greeting are shown, never sent raw.
        return visible(text(lang, key, **{n: str(v) for n, v in values.items()}))

    try:
        # What learners read on their terminal: said in each learner's language.
        return run_serve(args, say, said)
    except ServeError as exc:
        for reason in exc.reasons:
            error("backend-tui serve", said(lang, reason))
        return 2
    except ContentError as exc:
        print_problems(exc.problems, _content_dir(args.content), lang)
        return 2


def _dispatch(args: argparse.Namespace, preloaded: Mapping[Path, Content]) -> int:
    if args.command == "check":
        return _check(args)
    if args.command == "stats":
        from backend_tui.reports import run_stats_command

        return run_stats_command(args)
    if args.command == "class":
        from backend_tui.classroom import run_class

        return run_class(args, args.lang or detect_lang(os.environ))
    if args.command == "serve":
        return _serve(args)
    return _run_app(args, preloaded)
