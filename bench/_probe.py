"""Run in a fresh process by bench/startup.py: start a window and print timings as JSON.

    python bench/_probe.py bare
    python bench/_probe.py app DB_PATH [--keys]

``bare`` shows a plain QMainWindow; ``app`` starts liushou-desktop on DB_PATH the way
``main`` does. Times are seconds since this script began (after the interpreter started, the
same for both). With --keys the probe also types into the search box and reports the time of
each keystroke's re-filter.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LIUSHOU_NO_USER_CONFIG", "1")


def since() -> float:
    return time.perf_counter() - T0


def _painted_probe(widget, on_paint):
    from PySide6.QtCore import QEvent, QObject

    class Probe(QObject):
        fired = False

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not self.fired:
                self.fired = True
                on_paint()
            return False

    probe = Probe(widget)
    widget.installEventFilter(probe)
    return probe


def bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.resize(1280, 800)
    result: dict[str, float] = {}

    def painted() -> None:
        result["first_window"] = since()
        QTimer.singleShot(0, app.quit)

    _probe = _painted_probe(window, painted)
    window.show()
    app.exec()
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)


def app(db_path: str, keys: bool) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from liushou_desktop.app import build_app
    from liushou_desktop.gui import session

    def as_admin(parent, runner, request, done):  # type: ignore[no-untyped-def]
        """No one types a password here: the demo's administrator, read without one."""

        def work(_state: object) -> object:
            from liushou_desktop.domain.access import Actor, Role
            from liushou_desktop.services.accounts import AccountService

            info = next(a for a in AccountService(request.context).accounts() if a.active)
            return Actor(info.id, info.username, info.display_name, Role(info.role))

        runner.run(work, on_done=done)

    session.login_prompt = as_admin
    qapp, window = build_app(["--db", db_path])
    result: dict[str, object] = {}

    def painted() -> None:
        result["first_window"] = since()
        # The pages are built after the first paint; touching them earlier would build them.
        window.children_page.loaded.connect(loaded)

    _probe = _painted_probe(window, painted)

    def typed() -> None:
        page = window.children_page
        box = page.search_box
        times: list[float] = []
        # A teacher looking for 张… by initials, then by name, then an ID fragment, clearing
        # between searches: every keystroke re-filters all 10,000 rows.
        for text in ("zhang", "王小", "5205", "三年级"):
            for ch in text:
                start = time.perf_counter()
                if ch.isascii():
                    QTest.keyClicks(box, ch)
                else:
                    box.insert(ch)  # what an input method commits for a Chinese character
                qapp.processEvents()  # the 0 ms debounce timer fires; the table repaints
                times.append(time.perf_counter() - start)
            QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClick(box, Qt.Key.Key_Delete)
            qapp.processEvents()
        result["keystroke_median"] = statistics.median(times)
        result["keystroke_max"] = max(times)
        result["keystrokes"] = len(times)

    def loaded(count: int) -> None:
        def usable() -> None:
            result["list_usable"] = since()
            result["children"] = count
            result["visible"] = window.children_page.model.rowCount()
            if keys:
                typed()
            print(json.dumps(result))
            sys.stdout.flush()
            os._exit(0)

        QTimer.singleShot(0, usable)  # after the list has been laid out and painted

    qapp.exec()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        app(sys.argv[2], "--keys" in sys.argv)
