"""Start-up time of the BUILT program (dist/liushou-desktop, packaging/build.sh) on a real X
server, as a user sees it: from starting the executable to its window on the screen, and to
the login window (the demo database opened; found as the process's second window).

    .venv/bin/python bench/packaged_startup.py [--runs 5] [--dist dist/liushou-desktop]

Uses $DISPLAY, or starts ``Xvfb :78`` when there is none; the process's windows are found with
xdotool (polled every 20 ms). The same is measured for the source tree
(``.venv/bin/python -m liushou_desktop``) for comparison. Prints one JSON line; no targets are
asserted (the README quotes the numbers).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 60.0


def windows(pid: int, env: dict[str, str]) -> int:
    """How many windows of process ``pid`` are on the screen (Qt sets _NET_WM_PID)."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
        capture_output=True,
        env=env,
        check=False,
    )
    return len(found.stdout.split()) if found.returncode == 0 else 0


def one_run(command: list[str], env: dict[str, str], log: Path) -> dict[str, float]:
    """Seconds from the start to the main window, then to the login window (a second one)."""
    start = time.perf_counter()
    with log.open("wb") as err:
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=err)
    times: dict[str, float] = {}
    try:
        while "login_window" not in times:
            now = time.perf_counter() - start
            if now > TIMEOUT_S or proc.poll() is not None:
                tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise RuntimeError(f"{command[0]}: no window after {now:.1f} s\n{tail}")
            shown = windows(proc.pid, env)
            if shown >= 1:
                times.setdefault("main_window", now)
            if shown >= 2:
                times["login_window"] = now
            time.sleep(0.02)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        time.sleep(0.5)  # let the X server forget the windows before the next run
    return times


def run_retrying(command: list[str], env: dict[str, str], log: Path) -> dict[str, float]:
    """One run; again when the program could not connect to the X server at all (Xvfb now
    and then refuses a connection while the polling opens one every few milliseconds)."""
    for attempt in range(3):
        try:
            return one_run(command, env, log)
        except RuntimeError as exc:
            if "could not connect to display" not in str(exc) or attempt == 2:
                raise
    raise AssertionError("unreachable")


def measure(command: list[str], env: dict[str, str], runs: int, log: Path) -> dict[str, float]:
    results = [run_retrying(command, env, log) for _ in range(runs + 1)]
    warm = results[1:]  # the first run fills the disk cache
    return {
        "first_main_window_s": round(results[0]["main_window"], 2),
        "main_window_s": round(statistics.median(r["main_window"] for r in warm), 2),
        "login_window_s": round(statistics.median(r["login_window"] for r in warm), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "liushou-desktop")
    args = parser.parse_args()
    exe = args.dist / "liushou-desktop"
    if not exe.exists():
        print(f"{exe} is not built: bash packaging/build.sh", file=sys.stderr)
        return 2
    if shutil.which("xdotool") is None:
        print("xdotool is needed (apt-get install xdotool)", file=sys.stderr)
        return 2

    xvfb = None
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env["LIUSHOU_NO_USER_CONFIG"] = "1"
    if not env.get("DISPLAY"):
        env["DISPLAY"] = ":78"
        xvfb = subprocess.Popen(["Xvfb", ":78", "-screen", "0", "1366x768x24", "-nolisten", "tcp"])
        time.sleep(1.0)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "demo.sqlite"
            subprocess.run(
                [str(args.dist / "liushou"), "demo", "--db", str(db)],
                check=True,
                capture_output=True,
            )
            env["HOME"] = tmp
            log = Path(tmp) / "stderr.txt"
            built = measure([str(exe), "--db", str(db)], env, args.runs, log)
            source = measure(
                [str(ROOT / ".venv" / "bin" / "python"), "-m", "liushou_desktop", "--db", str(db)],
                env,
                args.runs,
                log,
            )
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    print(json.dumps({"built": built, "source": source, "runs": args.runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
