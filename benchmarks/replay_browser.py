"""How long notebook 05's training replay takes to show a step in a real browser (make benchmark-replay).

Drives the replay as a learner does: JupyterLab in headless Chromium (Debian's ``chromium``),
notebook 05 run from the top to its replay cell, then the slider's handle moved one step at a
time with the arrow keys. One update is timed in the page, from just before the key press to the
moment the step's picture is on screen (a ``MutationObserver`` on the picture sees its new words, then
waits for the image to be decoded and for the next frame to begin): the kernel's round trip, drawing
the step (the first time it is shown), sending it, and the browser putting it on screen. Forward over
steps never shown before (drawn, then kept), then back over the same steps (kept: only sent).

Prints the median, quartiles, 95th percentile and slowest step per direction, the machine and its
load; ``--json`` also writes them (with the CPU, versions and load) to a results file. Run it on a
quiet machine.

    .venv/bin/python benchmarks/replay_browser.py [--steps 30] [--json data/replay_browser_cpu.json]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the browser tests' JupyterLab launcher, shared

NOTEBOOK = ROOT / "notebooks" / "05_how_the_vectors_learn.ipynb"
REPLAY_CELL_MARK = "interactive.snapshot_slider("
#: The replay must answer within this (the target of issue 21) for ``--check`` to pass.
TARGET_MEDIAN_MS = 150
RUN_TIMEOUT_MS = 300_000
STEP_TIMEOUT_MS = 30_000

#: Marks the moment each new step is on screen: its picture decoded, and the next frame begun after that.
WATCH_JS = """() => {
    window.__replayMarks = [];
    const picture = document.querySelector('.replay-picture');
    let last = null;
    new MutationObserver(() => {
        const caption = picture.querySelector('figcaption');
        const img = picture.querySelector('img');
        const text = caption ? caption.textContent : '';
        if (text === last || !img) return;
        last = text;
        img.decode().catch(() => {}).then(() => requestAnimationFrame(
            () => window.__replayMarks.push([performance.now(), text])));
    }).observe(picture, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def replay_notebook(target: Path) -> None:
    """Notebook 05 without outputs, cut after the replay cell (the rest is not needed to time it)."""
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    last = next(i for i, cell in enumerate(nb.cells) if REPLAY_CELL_MARK in cell.source)
    nb.cells = nb.cells[: last + 1]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, target)


def time_steps(page, handle, steps, key: str) -> list[float]:
    """Milliseconds from each key press until the picture of the step it leads to is in the page."""
    times = []
    for step in steps:
        page.evaluate("() => { window.__replayMarks = []; }")
        started = page.evaluate("() => performance.now()")
        handle.press(key)
        wanted = "before training" if step == 0 else f"after step {step},"
        page.wait_for_function(
            "(w) => window.__replayMarks.some(m => m[1].includes(w))", arg=wanted, timeout=STEP_TIMEOUT_MS
        )
        marks = page.evaluate("() => window.__replayMarks")
        times.append(next(t for t, text in marks if wanted in text) - started)
    return times


def summary(times: list[float]) -> dict:
    q1, median, q3 = statistics.quantiles(times, n=4)
    p95 = statistics.quantiles(times, n=20)[18]
    return {
        "median_ms": round(median, 1),
        "q1_ms": round(q1, 1),
        "q3_ms": round(q3, 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(max(times), 1),
        "n": len(times),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30, help="steps forward, then the same steps back")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this results file")
    parser.add_argument("--check", action="store_true", help=f"exit 1 unless both medians are under {TARGET_MEDIAN_MS}")
    args = parser.parse_args(argv)

    import lab_server
    from playwright.sync_api import sync_playwright

    from helpers import experiments

    chromium = lab_server.find_chromium()
    if chromium is None:
        print("no Chromium found: apt-get install chromium (or set CHROMIUM_PATH)", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        root = tmp_path / "lab"
        (root / "notebooks").mkdir(parents=True)
        replay_notebook(root / "notebooks" / NOTEBOOK.name)
        with lab_server.serve(root, tmp_path) as (base, token), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=lab_server.CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                lab_server.open_and_run_all(page, f"{base}/lab/tree/notebooks/{NOTEBOOK.name}?token={token}", 120_000)
                page.locator(".replay-picture figcaption").first.wait_for(timeout=RUN_TIMEOUT_MS)
                page.evaluate(WATCH_JS)
                handle = page.locator(".replay-step input[type=range]").first
                handle.scroll_into_view_if_needed()
                handle.focus()
                forward = time_steps(page, handle, range(1, args.steps + 1), "ArrowRight")
                back = time_steps(page, handle, range(args.steps - 1, -1, -1), "ArrowLeft")
            except Exception:
                page.screenshot(path=str(ROOT / "test-artifacts" / "replay_benchmark_failure.png"), full_page=True)
                raise
            finally:
                browser.close()
    load_after = os.getloadavg()
    machine = experiments.machine()
    results = {
        "description": __doc__.splitlines()[0],
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "load_average_1min": [round(load_before[0], 2), round(load_after[0], 2)],
        "first_time_shown": summary(forward),
        "shown_again": summary(back),
        "target_median_ms": TARGET_MEDIAN_MS,
    }
    print(f"{machine['cpu']}, {machine['cores']} cores, load {load_before[0]:.2f} -> {load_after[0]:.2f}")
    for name in ("first_time_shown", "shown_again"):
        r = results[name]
        print(
            f"{name:18s} median {r['median_ms']:7.1f} ms   IQR {r['q1_ms']:.1f}-{r['q3_ms']:.1f} ms   "
            f"95th percentile {r['p95_ms']:.1f} ms   slowest {r['max_ms']:.1f} ms   (n={r['n']})"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    slow = [n for n in ("first_time_shown", "shown_again") if results[n]["median_ms"] >= TARGET_MEDIAN_MS]
    return 1 if args.check and slow else 0


if __name__ == "__main__":
    sys.exit(main())
