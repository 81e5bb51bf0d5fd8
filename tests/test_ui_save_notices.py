"""Why a save or a read failed, said in the learner's language; the path stays literal.

The OS says "No space left on device" in English whatever the locale: the app says
it from its catalogue, by the errno, and keeps the English for ``stats`` and logs.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from helpers.app import FULL_CONTENT, build_app
from helpers.ui import until
from textual.pilot import Pilot
from textual.widgets import DataTable

from backend_tui.content.model import Content
from backend_tui.study.notices import Notice, os_reason
from backend_tui.study.snapshot import MAX_DEPTH, SaveFileError
from backend_tui.ui.app import StudyApp
from backend_tui.ui.notices import _ERRNO, reason_text
from backend_tui.ui.screens.drill import DrillScreen
from backend_tui.ui.strings import CATALOGUE
from backend_tui.ui.widgets.drill_panel import DrillPanel

FULL_DISK = {
    "en": "Could not save: no space left on the disk",
    "id": "Tidak bisa menyimpan: disk penuh",
}


def toasts(app: StudyApp) -> str:
    return " ".join(" ".join(str(t.render()) for t in app.screen.query("Toast")).split())


async def answer_one(pilot: Pilot[None]) -> None:
    """Answer the card on screen by keys (right or wrong does not matter), graded Good."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, DrillScreen)
    assert screen.card is not None
    kind = screen.card.kind
    if kind == "choice":
        await pilot.press("a")
    elif kind == "typed":
        await pilot.press("x")
    await pilot.press("enter")
    await until(pilot, lambda: screen.phase == "answered", "the answer")
    await pilot.press("3")
    await pilot.pause()


async def start_review(pilot: Pilot[None]) -> None:
    app = pilot.app
    await pilot.press("5")
    await until(pilot, lambda: bool(app.screen.query(DrillPanel)), "the Drill tab")
    table = app.screen.query_one(DataTable)
    await until(pilot, lambda: app.focused is table, "the deck table")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill")


def _enospc(*_: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_a_full_disk_is_said_in_the_learners_language_with_the_path_literal(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT, lang=lang)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await start_review(pilot)
        monkeypatch.setattr(os, "fsync", _enospc)
        await answer_one(pilot)
        await until(pilot, lambda: "journal.jsonl" in toasts(app), "the save notice")
        said = toasts(app)
        assert FULL_DISK[lang] in said, said
        assert "No space left on device" not in said  # the OS's English words
        assert "…/tester/journal.jsonl" in said
        assert app.study.unsaved_count() == 1
    if lang == "id":
        assert "Could not" not in said


def _read_only_open(real: object) -> object:
    def fake(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        assert callable(real)
        result = real(path, flags, *args, **kwargs)
        assert isinstance(result, int)
        return result

    return fake


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Could not save: the file system is read-only"),
        ("id", "Tidak bisa menyimpan: sistem file hanya-baca"),
    ],
)
async def test_a_folder_turned_read_only_is_said_in_the_learners_language(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch, lang: str, words: str
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT, lang=lang)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await start_review(pilot)
        monkeypatch.setattr(os, "open", _read_only_open(os.open))
        await answer_one(pilot)
        await until(pilot, lambda: bool(app.screen.query("Toast")), "the save notice")
        said = toasts(app)
        assert words in said, said
        assert "Read-only file system" not in said and "read-only file system" not in said


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", f"nested more than {MAX_DEPTH} levels deep"),
        ("id", f"bersarang lebih dari {MAX_DEPTH} tingkat"),
    ],
)
async def test_a_save_file_error_is_said_in_the_learners_language(
    tmp_path: Path, content: Content, lang: str, words: str
) -> None:
    folder = tmp_path / "data" / "profiles" / "tester"
    folder.mkdir(parents=True)
    deep = "schema_version = 1\nx = " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    (folder / "progress.toml").write_text(deep, encoding="utf-8")
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT, lang=lang)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: bool(app.screen.query("Toast")), "the warning")
        said = toasts(app)
        assert words in said, said
        assert "progress.toml" in said
    # `stats` and the logs keep the English sentence.
    assert f"nested more than {MAX_DEPTH} levels deep" in app.study.warnings[0]


@pytest.mark.parametrize("name", sorted(_ERRNO))
def test_every_errno_the_app_names_has_its_own_words_in_each_language(name: str) -> None:
    code = getattr(errno, name)
    why = os_reason(OSError(code, os.strerror(code)))
    english, indonesian = reason_text("en", why), reason_text("id", why)
    assert english == CATALOGUE["en"][_ERRNO[name]]
    assert indonesian == CATALOGUE["id"][_ERRNO[name]]
    assert indonesian != english
    assert os.strerror(code).lower() not in indonesian.lower()


def test_an_errno_without_words_still_names_it_and_no_errno_keeps_the_oss_words() -> None:
    other = os_reason(OSError(errno.EXDEV, "Invalid cross-device link"))
    assert reason_text("id", other) == "galat sistem EXDEV"
    assert reason_text("en", other) == "system error EXDEV"
    assert reason_text("id", OSError("socket closed\x1b[2J")) == "socket closed␛[2J"


def test_a_save_file_error_is_english_text_with_a_key() -> None:
    error = SaveFileError("too_large", "larger than {mb} MB", mb=4)
    assert str(error) == "larger than 4 MB"
    assert isinstance(error.reason, Notice) and error.reason.key == "too_large"
    assert reason_text("id", error) == "lebih besar dari 4 MB"
