"""A text field whose editing keys keep their place among the letters typed."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.widgets import Input


class InOrderInput(Input):
    """Textual's Input, with Backspace, Delete and the cursor keys done in typing order.

    A letter is handled by the field as soon as it arrives, but an editing key is a
    binding, run only once its key event has passed up to the app. Keys read from the
    terminal in one go ("x", Backspace, "y": a fast correction, over SSH) then come out
    of order: "x", "y", then Backspace deletes the "y". These keys are done here, in turn.
    """

    IN_ORDER: ClassVar[dict[str, str]] = {
        "backspace": "delete_left",
        "delete": "delete_right",
        "left": "cursor_left",
        "right": "cursor_right",
        "home": "home",
        "end": "end",
    }

    async def _on_key(self, event: events.Key) -> None:
        action = self.IN_ORDER.get(event.key)
        if action is None:
            return  # Input's own handler (next in the class order) types the letter
        # Done: neither Input's handler nor the binding (on its way up) sees it again.
        event.stop()
        event.prevent_default()
        await self.run_action(action)
