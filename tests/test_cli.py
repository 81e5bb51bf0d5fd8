"""The command line as a person uses it: exit codes and messages, never a traceback."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend_tui import __version__
from backend_tui.cli import build_parser, detect_lang, main, plain_args


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"backend-tui {__version__}"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, "id"),
        ({"LC_ALL": "", "LANG": "id_ID"}, "id"),
    ],
)
def test_language_from_locale(environ: dict[str, str], expected: str) -> None:
    assert detect_lang(environ) == expected


def test_unsafe_profile_is_refused_before_the_app_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "--profile", "../escape"]) == 2
    err = capsys.readouterr().err
    assert "profile name '../escape' is not allowed" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


def test_every_help_text_is_said_in_both_languages() -> None:
    english, indonesian = list(_parsers(build_parser("en"))), list(_parsers(build_parser("id")))
    assert len(english) == len(indonesian) == 7
    for en, id_ in zip(english, indonesian, strict=True):
        assert en.prog == id_.prog
        assert en.description and en.description != id_.description
        for a, b in zip(en._actions, id_._actions, strict=True):
            if a.help != argparse.SUPPRESS and not isinstance(a, argparse._SubParsersAction):
                assert a.help and b.help and a.help != b.help, (en.prog, a.option_strings)


@pytest.mark.parametrize(
    ("argv", "env"),
    [(["--lang", "id", "-h"], "C.UTF-8"), (["check", "-h"], "id_ID.UTF-8")],
)
def test_help_in_indonesian(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    env: str,
) -> None:
    monkeypatch.setenv("LC_ALL", env)
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("pemakaian: backend-tui")
    assert "\nopsi:\n" in out and "tampilkan bantuan ini lalu keluar" in out
    assert "usage" not in out and "options" not in out and "default" not in out


def test_help_in_english_by_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: backend-tui serve")
    assert "learners studying at once" in out
    assert "(default: 64)" in out and "\nlimits:\n" in out


def test_refusals_before_the_app_starts_are_in_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "id", "--data-dir", str(tmp_path), "--profile", "../x"]) == 2
    assert capsys.readouterr().err.startswith("backend-tui: nama profil '../x' tidak diizinkan")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    assert main(["--lang", "id", "--data-dir", str(blocker), "--profile", "ana"]) == 2
    assert capsys.readouterr().err == (
        f"backend-tui: progres tidak bisa disimpan di {blocker}/profiles/ana: sebagian jalurnya"
        " bukan folder (pilih tempat lain dengan --data-dir)\n"
    )


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_closed_pipe_is_not_a_traceback(tmp_path: Path, extra: list[str]) -> None:
    # The reader is gone before the command writes anything, as with `| head -c0`.
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend_tui", "stats", "--data-dir", str(tmp_path), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"BACKEND_TUI_PROFILE": "pipe", "PATH": "", "COLUMNS": "200"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err


def test_unusable_data_folder_is_one_line_before_the_app_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    assert main(["--data-dir", str(blocker), "--profile", "ana"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"backend-tui: cannot save progress in {blocker}")
    assert "--data-dir" in err
    assert "Traceback" not in err
    assert blocker.read_text() == "a file where the data folder should be"


@pytest.mark.parametrize(
    ("saved", "flag", "locale", "expected"),
    [
        (None, None, "en_US.UTF-8", "en"),
        (None, None, "id_ID.UTF-8", "id"),
        ("id", None, "en_US.UTF-8", "id"),  # the learner's own choice wins over the locale
        ("en", None, "id_ID.UTF-8", "en"),
        ("id", "en", "en_US.UTF-8", "en"),  # --lang decides for this run
    ],
)
def test_the_language_a_learner_chose_is_the_one_they_start_in(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    saved: str | None,
    flag: str | None,
    locale: str,
    expected: str,
) -> None:
    from backend_tui import paths
    from backend_tui.study.preferences import Preferences, save_preferences
    from backend_tui.ui.app import StudyApp

    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", locale)
    if saved is not None:
        save_preferences(paths.profile_dir(tmp_path, "amir"), Preferences(lang=saved))
    started: list[str] = []
    # The app is built as for real; only its run (the terminal) is left out.
    monkeypatch.setattr(StudyApp, "run", lambda self: started.append(self.lang))
    argv = ["--data-dir", str(tmp_path), "--profile", "amir"]
    assert main([*argv, "--lang", flag] if flag else argv) == 0
    assert started == [expected]


# Every command that repeats an option of the top level, with what it takes.
_REPEATED = [
    (["stats"], {"data_dir": "d", "profile": "p", "content": "c", "lang": "id"}),
    (["serve"], {"data_dir": "d", "content": "c", "lang": "id"}),
    (["check"], {"lang": "id"}),
    (["class"], {"data_dir": "d", "content": "c", "lang": "id"}),
    (["class", "list"], {"data_dir": "d", "content": "c"}),
    (["class", "release", "ana"], {"data_dir": "d", "content": "c"}),
]


def _flags(values: dict[str, str]) -> list[str]:
    return [word for key, value in values.items() for word in ("--" + key.replace("_", "-"), value)]


@pytest.mark.parametrize(("command", "values"), _REPEATED, ids=lambda v: "-".join(v))
@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_options_count_before_or_after_the_command(
    command: list[str], values: dict[str, str], before: bool
) -> None:
    argv = [*_flags(values), *command] if before else [*command, *_flags(values)]
    args = build_parser().parse_args(argv)
    assert {key: getattr(args, key) for key in values} == values


PLAIN_WORDS = [
    "--content", "--data-dir", "--profile", "--lang", "--served", "--la", "--lang=en",
    "--data-dir=x", "-h", "--version", "en", "id", "fr", "x", "-x", "", "check", "stats", "--",
]  # fmt: skip


@given(st.lists(st.sampled_from(PLAIN_WORDS), max_size=7))
def test_plain_start_reads_arguments_as_the_parser_does(argv: list[str]) -> None:
    """The plain start's own reading agrees with argparse, or leaves the words to it."""
    plain = plain_args(argv)
    if plain is None:
        return
    assert vars(plain) == vars(build_parser("en", argv).parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "d", "--lang", "en"],
        ["--profile", "check", "--served", "--content", "c", "--lang", "id"],
        ["--data-dir", "a", "--data-dir", "b"],
    ],
)
def test_plain_start_is_read_without_the_parser(argv: list[str]) -> None:
    plain = plain_args(argv)
    assert plain is not None
    assert vars(plain) == vars(build_parser("en", argv).parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [["--lang", "fr"], ["--lang=en"], ["--la", "en"], ["--data-dir"], ["--data-dir", "-x"],
     ["check"], ["--served", "x"], ["-h"], ["--", "x"]],
)  # fmt: skip
def test_anything_else_is_left_to_the_parser(argv: list[str]) -> None:
    assert plain_args(argv) is None
