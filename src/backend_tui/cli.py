"""Command line: parse arguments, build Settings, hand over. No logic of its own."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from backend_tui import paths
from backend_tui.content import Content, ContentError, load_content_cached
from backend_tui.safetext import visible
from backend_tui.settings import Settings

if TYPE_CHECKING:
    import argparse


def detect_lang(environ: Mapping[str, str]) -> str:
    """``id`` when the locale is Indonesian, else ``en``.

    POSIX order: the first of LC_ALL, LC_MESSAGES, LANG that is set decides.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "id" if value.lower().startswith("id") else "en"
    return "en"


def argv_lang(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of ``--help`` and usage: ``--lang`` anywhere in ``argv``, else the locale."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in ("en", "id"):
            return argv[index + 1]
        if arg in ("--lang=en", "--lang=id"):
            return arg.removeprefix("--lang=")
    return detect_lang(environ)


def build_parser(lang: str = "en", argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line, its help in ``lang`` (see ``backend_tui.cli_parser``)."""
    from backend_tui.cli_parser import build_parser as build

    return build(lang, argv)


# The plain start's options that take a value, and the attribute each sets.
_PLAIN_VALUES = {"--content": "content", "--data-dir": "data_dir", "--profile": "profile"}


def plain_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """What the parser would make of a plain start, or None to ask the parser.

    Only for arguments it reads exactly alike: no command, each option spelled in
    full and apart from its value (``--lang en``, not ``--lang=en`` nor ``--la en``),
    no value that starts with ``-``. Anything else, ``--help`` and every mistake
    included, goes to argparse. Done by hand because importing argparse and building
    the parser took ~2.5 ms of every start (``python -X importtime``; the start-up
    bench in README.md has the figures), on a path that names none of its commands.
    """
    values: dict[str, object] = dict(
        content=None, data_dir=None, profile=None, lang=None, served=False, command=None
    )
    words = iter(argv)
    for word in words:
        if word == "--served":
            values["served"] = True
            continue
        name = "lang" if word == "--lang" else _PLAIN_VALUES.get(word)
        value = next(words, None)
        if name is None or value is None or value.startswith("-"):
            return None
        if name == "lang" and value not in ("en", "id"):
            return None
        values[name] = value
    return cast("argparse.Namespace", SimpleNamespace(**values))


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
        args = plain_args(words)
        if args is None:
            args = build_parser(argv_lang(words, os.environ), words).parse_args(words)
        code = _dispatch(args, preloaded or {})
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
