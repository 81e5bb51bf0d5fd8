"""A small, clean content folder written from text, and the problems the loader finds in it.

Each file is short enough to read in a test's failure output; tests change one
line of one file and assert on exactly the problems that follow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backend_tui.content import ContentError, load_content

SECTION = """\
[section]
tab = "Tab"
title = "Title"

[[items]]
id = "a"
title = "A"
body = "Body of a."
"""

DUTIES = """\
[section]
tab = "Tab"
title = "Title"

[[items]]
id = "a"
number = 1
title = "A"
body = "Body of a."

[[items]]
id = "b"
number = 2
title = "B"
body = "Body of b."
"""

CAREER = """\
[section]
tab = "Tab"
title = "Title"

[[items]]
id = "salary"
title = "Salary"
body = "Body."

[[salaries]]
id = "indonesia"
region = "Indonesia"
currency = "IDR"
low = 7_500_000
high = 10_500_000
period = "month"
period_stated = false
original = "Rp7.500.000 hingga Rp 10.500.000"

[exchange_rate]
currency = "IDR"
per_usd = 16_500
as_of = 2026-11-27
approximate = true

[[references]]
id = "ref"
title = "A reference"
"""

CARDS = """\
[[cards]]
id = "basic-card"
source = "duties.a"
type = "basic"
front = "Question?"
back = "Answer."

[[cards]]
id = "choice-card"
source = "duties.b"
type = "choice"
front = "Which?"
back = "This one."
options = [
  { text = "Right", correct = true },
  { text = "Wrong" },
]

[[cards]]
id = "typed-card"
source = "role.a"
type = "typed"
front = "Type it"
back = "It."
answers = ["it"]
"""

FILES = {
    "role.toml": SECTION,
    "duties.toml": DUTIES,
    "skills.toml": SECTION,
    "career.toml": CAREER,
    "cards.toml": CARDS,
}


def make_content(root: Path, **changes: str | None) -> Path:
    """A small clean content folder; ``changes`` maps ``id__duties`` to new text (None deletes)."""
    for lang in ("id", "en"):
        (root / lang).mkdir(parents=True, exist_ok=True)
        for name, text in FILES.items():
            (root / lang / name).write_text(text, encoding="utf-8")
    for key, new_text in changes.items():
        lang, _, stem = key.partition("__")
        path = root / lang / f"{stem}.toml"
        if new_text is None:
            path.unlink()
        else:
            path.write_text(new_text, encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    """Every problem, with paths relative to ``root``, in the loader's order."""
    with pytest.raises(ContentError) as info:
        load_content(root)
    return [f"{p.path.relative_to(root)}:{p.line}: {p.message}" for p in info.value.problems]
