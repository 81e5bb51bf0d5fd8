"""What the dashboard looks like as terminals really are: narrow, wide, without colour."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Static

from backend_tui.ui.tabs import DEFAULT_TABS, TabSpec
from backend_tui.ui.widgets.items import ItemList

DRILL_LIKE = TabSpec("drill", "5", lambda language: "Drill", lambda ctx: Static("drill"))


async def test_list_and_detail_side_by_side_when_wide(make_test_app) -> None:
    app = make_test_app()
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        items = app.dashboard.query_one("#view-duties #item-list").region
        detail = app.dashboard.query_one("#view-duties #detail").region
        assert items.right <= detail.x  # detail to the right of the list
        assert detail.y == items.y  # on the same rows
        assert detail.width >= 60


async def test_list_above_detail_when_narrow(make_test_app) -> None:
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        items = app.dashboard.query_one("#view-duties #item-list").region
        detail = app.dashboard.query_one("#view-duties #detail").region
        assert detail.y >= items.bottom  # detail below the list
        assert detail.x <= 1 and detail.width >= 78  # full width
        assert detail.height >= 6  # room left to read the entry


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_every_tab_label_fits_at_80_columns_with_a_fifth_tab(
    make_test_app, full_content, lang: str
) -> None:
    tabs = (*DEFAULT_TABS, DRILL_LIKE)
    app = make_test_app(lang, content=full_content, tabs=tabs)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strip = app.dashboard.strip
        assert strip.region.width == 80
        line = strip.render_lines(Region(0, 0, 80, 1))[0].text
        spans = strip.spans()
        assert len(spans) == 5
        for (start, end, tab_id), spec in zip(spans, tabs, strict=True):
            assert tab_id == spec.id
            label = spec.label(app.content[lang])
            assert end <= 80, f"{label!r} is cut at 80 columns"
            assert line[start:end] == label
        await pilot.press("5")
        await pilot.pause()
        assert app.dashboard.active_tab == "drill"


async def test_no_color_keeps_focus_and_selection_visible(make_test_app, monkeypatch) -> None:
    # Textual reads NO_COLOR when the App is created.
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_test_app()
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "j")
        await pilot.pause()
        items = app.dashboard.query_one("#view-duties #item-list", ItemList)
        row = next(y for y in range(items.size.height) if items.render_line(y).text.startswith("▶"))
        strip = items.render_line(row)
        assert "2. Develop and manage databases" in strip.text
        styles = [segment.style for segment in strip if segment.text.strip()]
        assert styles and all(s is not None and (s.reverse or s.bold) for s in styles)
        # Rows that are not highlighted carry neither cue.
        other = items.render_line(row + 1)
        assert not any(s.style and s.style.reverse for s in other if s.text.strip())
        # The shown tab's label is bold and underlined; the others are neither.
        strip = app.dashboard.strip
        first = strip.render_lines(Region(0, 0, strip.size.width, 1))[0]
        marked = [s.text for s in first if s.style and s.style.bold and s.style.underline]
        assert marked == ["Duties"]


async def test_the_screen_is_laid_out_once_at_start_and_again_on_each_real_resize(
    make_test_app,
) -> None:
    # Textual lays a screen out on every Resize it gets; three reach it at start
    # with the size it was just laid out at.
    app = make_test_app()
    sizes = []
    layout = app.dashboard._refresh_layout

    def counted(size=None, scroll=False):  # type: ignore[no-untyped-def]
        if size is not None:
            sizes.append(tuple(size))
        layout(size, scroll)

    app.dashboard._refresh_layout = counted  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert sizes == [(80, 24)]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert sizes[-1] == (120, 40)
        assert app.dashboard.has_class("-wide") and not app.dashboard.has_class("-narrow")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert sizes[-1] == (80, 24)
        assert app.dashboard.has_class("-narrow")
