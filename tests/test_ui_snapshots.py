"""Screenshots of every study tab in both languages at 80x24, on the whole-course fixture.

Regenerate after an intended change with ``pytest tests/test_ui_snapshots.py --snapshot-update``
and look at the SVGs under tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest

from backend_tui.ui.tabs import ALL_TABS

TABS = {"role": "1", "duties": "2", "skills": "3", "career": "4"}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("tab", list(TABS))
def test_tab_snapshot(snap_compare, make_test_app, full_content, lang: str, tab: str) -> None:
    app = make_test_app(lang, content=full_content, tabs=ALL_TABS)
    assert snap_compare(app, press=[TABS[tab]], terminal_size=(80, 24))


def test_wide_duties_snapshot(snap_compare, make_test_app, full_content) -> None:
    app = make_test_app("en", content=full_content, tabs=ALL_TABS)
    assert snap_compare(app, press=["2", "j"], terminal_size=(140, 40))
