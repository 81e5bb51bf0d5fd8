"""Textual's Linux driver, made to leave when its terminal goes away without a SIGHUP.

A terminal can vanish with no SIGHUP for the app: a tmux pane or pty closed while
the app is not the foreground of that terminal's session, or a pty it only
inherited. The kernel then hangs the terminal up: it is always readable, every
read returns end of input and every write fails (EIO). Textual's input thread
takes an empty read for a piped stdin and goes round again, so it spun at a whole
core and the app never left. Here an empty read from a terminal ends the app as a
hang-up would (exit status 128 + SIGHUP), through ``App.exit``, so everything the
app saves on the way out (``on_unmount``) is saved; writes to the gone terminal
are dropped, else the unwritten output failed again at interpreter exit (status
120 instead of the hang-up's).
"""

from __future__ import annotations

import os
import selectors
import signal
from codecs import getincrementaldecoder
from typing import TYPE_CHECKING, Any

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from textual.app import App

HANGUP_STATUS = 128 + signal.SIGHUP
"""Exit status when the terminal is gone: the one a SIGHUP would have given."""


class _GoneTerminalOutput:
    """The driver's output file; drops writes once the terminal has hung up."""

    def __init__(self, file: Any) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        if self.gone:
            return len(text)
        try:
            return int(self._file.write(text))
        except OSError:
            self.gone = True
            return len(text)

    def flush(self) -> None:
        if self.gone:
            return
        try:
            self._file.flush()
        except OSError:
            self.gone = True

    def fileno(self) -> int:
        return int(self._file.fileno())

    def isatty(self) -> bool:
        return bool(self._file.isatty())


class HangUpDriver(LinuxDriver):
    """``LinuxDriver`` whose input thread takes end of input from a terminal as a hang-up."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._file = _GoneTerminalOutput(self._file)  # type: ignore[assignment]

    def run_input_thread(self) -> None:
        """Textual's ``LinuxDriver.run_input_thread`` (8.2), plus the end of input.

        Copied because the loop binds ``os.read`` locally and has no hook for an
        empty read; the only change is the ``_hung_up`` branch.
        """
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        feed = parser.feed
        decode = getincrementaldecoder("utf-8")().decode

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
        ) -> bool:
            """Feed what was read to the parser; False once the terminal is gone."""
            for last, (_selector_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    try:
                        data = os.read(fileno, 1024 * 4)
                    except OSError:  # EIO: the other end of the pty is closed
                        data = b""
                    if not data and self.input_tty:
                        self._hung_up()
                        return False
                    unicode_data = decode(data, final=final and last)
                    if not unicode_data:
                        break
                    for event in feed(unicode_data):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)
            return True

        try:
            while not self.exit_event.is_set():
                if not process_selector_events(selector.select(0.1)):
                    return
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass

    def _hung_up(self) -> None:
        assert isinstance(self._file, _GoneTerminalOutput)
        self._file.gone = True
        # Thread-safe (a posted message); the app leaves as it does on SIGTERM.
        self._app.call_later(self._app.exit, None, HANGUP_STATUS)


def with_hang_up(driver: type[Driver]) -> type[Driver]:
    """``HangUpDriver`` where Textual would use its ``LinuxDriver``, else ``driver``."""
    return HangUpDriver if driver is LinuxDriver else driver
