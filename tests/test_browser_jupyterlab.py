"""A real browser test: JupyterLab in headless Chromium runs the explorer notebook and uses it as a learner would.

It starts JupyterLab on a free loopback port with a random token, rooted, as
``make lab`` is, at a temporary copy of the repository's layout (README.md and
notebooks/, so the repository's own notebooks stay untouched), drives Debian's
``chromium`` with Playwright (no downloaded browser) and runs all cells. Then it
checks what the learner sees:

- every widget cell draws its widget, never the plain-text form (``HBox(children=...``
  or the "run this cell" line), after the run and after a page reload;
- no explorer box hides content: a box either shows all of it (``scrollHeight`` no
  larger than ``clientHeight``) or scrolls; with four typed sentences every padded
  row is fully visible without scrolling;
- the ``sequence_length`` slider can be dragged with the mouse to a small value (3),
  and the ``embedding_dim`` slider moves with the keyboard, and the views follow.

Then it follows the notebook's "Contents" and "next" navigation links, which work
only when the server root is the repository. Screenshots are saved in ``test-artifacts/``.

Skipped when no Chromium is installed, except when ``CI`` is set: CI must run it.
"""

import os
import shutil
import subprocess
from pathlib import Path

import lab_server
import pytest
from lab_server import CHROMIUM_ARGS

from helpers.interactive import MAX_BATCH_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
RUN_ALL_TIMEOUT_MS = int(os.environ.get("BROWSER_TEST_RUN_ALL_TIMEOUT_MS", 420_000))
STEP_TIMEOUT_MS = 60_000

pytestmark = [pytest.mark.browser, pytest.mark.slow]


EXPLORER_NOTEBOOK = ROOT / "notebooks" / "03_the_embedding_lookup.ipynb"


def copy_without_outputs(source: Path, target: Path) -> None:
    """Copy a notebook without stored outputs and widget state, so the only explorer on the page is a live one."""
    import nbformat

    nb = nbformat.read(source, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(nb, target)


def type_sentences(textarea, text: str) -> None:
    """Type into the sentences box and send its change event, as leaving the box does.

    The Apply click that follows leaves the box too; in one CI run of several, right after a
    large re-render, the typed text still never reached the kernel (the box showed the new
    text, the explorer the old one). Sending the change event explicitly makes the test about
    the explorer, not about that race, which is recorded as an open question.
    """
    textarea.fill(text)
    textarea.dispatch_event("change")


@pytest.fixture
def chromium_path():
    return lab_server.chromium_or_skip()


@pytest.fixture
def jupyterlab(tmp_path):
    """A running JupyterLab rooted at a temporary copy of the repository's layout; always shut down."""
    root = tmp_path / "lab"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "README.md", root / "README.md")
    assert "embedding_explorer(" in EXPLORER_NOTEBOOK.read_text(encoding="utf-8"), "notebook 03 lost its explorer"
    for source in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"):
        copy_without_outputs(source, root / "notebooks" / source.name)
    notebook = root / "notebooks" / EXPLORER_NOTEBOOK.name
    with lab_server.serve(root, tmp_path) as (base, token):
        yield {"url": f"{base}/lab/tree/notebooks/{notebook.name}?token={token}", "notebook": notebook}


#: Text that means a widget cell shows its plain-text form instead of the widget.
RAW_WIDGET_TEXT = ("HBox(children", "VBox(children", "a live widget. Run this cell")

#: In the page: every explorer box whose content is taller or wider than the box without being
#: scrollable (so the rest is hidden), and every box matching the CSS selector ``mustFit`` that
#: needs scrolling at all.
HIDDEN_CONTENT_JS = """([root, mustFitSelector]) => {
    const problems = [];
    for (const box of root.querySelectorAll('.explorer-box, .explorer-message')) {
        const style = getComputedStyle(box);
        const name = [...box.classList].filter(c => c.startsWith('explorer-')).join(' ');
        const mustFit = mustFitSelector !== '' && box.matches(mustFitSelector);
        const over = [box.scrollHeight - box.clientHeight, box.scrollWidth - box.clientWidth];
        const scrolls = [style.overflowY, style.overflowX].map(v => v === 'auto' || v === 'scroll');
        for (const axis of [0, 1]) {
            if (over[axis] > 1 && (mustFit || !scrolls[axis])) {
                problems.push(`${name}: ${over[axis]} px of content hidden ${axis ? 'sideways' : 'below'} ` +
                              `(overflow ${axis ? style.overflowX : style.overflowY}, ` +
                              `height ${box.clientHeight} of ${box.scrollHeight} px)`);
            }
        }
    }
    return problems;
}"""

#: In the page: padded-batch rows of the explorer that are not entirely inside their box.
ROWS_NOT_VISIBLE_JS = """(root) => {
    const box = root.querySelector('.explorer-batch');
    const outer = box.getBoundingClientRect();
    return [...box.querySelectorAll('.explorer-batch-row')].map((row, i) => [i + 1, row.getBoundingClientRect()])
        .filter(([i, r]) => r.top < outer.top - 1 || r.bottom > outer.bottom + 1 || r.height === 0)
        .map(([i, r]) => `padded row ${i} at ${Math.round(r.top)}-${Math.round(r.bottom)} px, ` +
                         `box ${Math.round(outer.top)}-${Math.round(outer.bottom)} px`);
}"""

FOUR_SENTENCES = "This is a text\nThis is not a text\nA text is this\nNot this text"


def raw_widget_outputs(page) -> list[str]:
    """Outputs that show a widget's plain-text form instead of the widget."""
    texts = page.locator(".jp-OutputArea-output").all_inner_texts()
    return [t[:120] for t in texts if any(raw in t for raw in RAW_WIDGET_TEXT)]


def dismiss_notifications(page) -> None:
    """Close JupyterLab's "get notified about news?" toast, which covers the bottom right corner."""
    for button in page.locator(".jp-toast-button, .Toastify__toast button").all():
        try:
            if button.inner_text(timeout=1_000).strip() in ("No", "Dismiss"):
                button.click(timeout=2_000)
        except Exception:
            pass


#: Width of Chromium's range thumb (px): the thumb's centre travels the track less this width.
RANGE_THUMB_PX = 16


def drag_slider_to(page, slider, value: int, minimum: int, maximum: int) -> None:
    """Drag a slider's thumb (a native ``<input type="range">``) with the mouse to ``value``, as a hand would."""
    track = slider.locator("input[type=range]").first.bounding_box()
    current = int(slider.locator("input[type=range]").first.input_value())

    def x_of(v: int) -> float:
        return track["x"] + RANGE_THUMB_PX / 2 + (track["width"] - RANGE_THUMB_PX) * (v - minimum) / (maximum - minimum)

    y = track["y"] + track["height"] / 2
    page.mouse.move(x_of(current), y)
    page.mouse.down()
    page.mouse.move(x_of(value), y, steps=12)
    page.mouse.up()


def test_explorer_shows_everything_and_follows_mouse_and_keyboard(chromium_path, jupyterlab):
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        # JupyterLab's default: the file browser open, so the notebook column is narrower than the window.
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            page.set_default_timeout(STEP_TIMEOUT_MS)
            page.goto(jupyterlab["url"], timeout=120_000)
            page.locator(".jp-NotebookPanel").first.wait_for(timeout=120_000)
            # JupyterLab may ask which kernel to start; accept its preselected Python 3 kernel.
            select = page.locator(".jp-Dialog button", has_text="Select")
            try:
                select.first.wait_for(timeout=30_000)
                select.first.click()
            except PlaywrightTimeoutError:
                pass  # no dialog: the notebook's kernel started by itself

            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()

            explorer = page.locator(".embedding-explorer").last
            explorer.wait_for(timeout=RUN_ALL_TIMEOUT_MS)
            dismiss_notifications(page)
            shape = explorer.locator(".explorer-shape")
            params = explorer.locator(".explorer-params")
            expect(shape).to_contain_text("(2, 6, 3)", timeout=STEP_TIMEOUT_MS)
            expect(params).to_contain_text("parameters: 30 =", timeout=STEP_TIMEOUT_MS)
            # Wait for the last cell to finish, then no output may be a widget's plain text.
            expect(page.locator(".jp-OutputArea-output", has_text="Exercise 03.3:")).to_have_count(
                1, timeout=RUN_ALL_TIMEOUT_MS
            )
            assert raw_widget_outputs(page) == [], "a widget cell shows text instead of its widget"
            explorer.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "explorer_defaults.png"), full_page=False)
            problems = explorer.evaluate(f"root => ({HIDDEN_CONTENT_JS})([root, '.explorer-box'])")
            assert problems == [], "at the defaults every box must show all of its content: " + "; ".join(problems)

            # Four typed sentences, applied with the Apply button: every padded row stays visible.
            sentences = explorer.locator(".explorer-control-sentences textarea")
            type_sentences(sentences, FOUR_SENTENCES)
            explorer.locator(".explorer-apply").click()
            expect(explorer.locator(".explorer-batch-row")).to_have_count(4, timeout=STEP_TIMEOUT_MS)
            explorer.locator(".explorer-control-sequence_length").scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "explorer_four_sentences.png"))
            hidden = explorer.evaluate(f"root => ({HIDDEN_CONTENT_JS})([root, '.explorer-indices, .explorer-batch'])")
            hidden += explorer.evaluate(ROWS_NOT_VISIBLE_JS)
            assert hidden == [], "with four sentences a box hides content: " + "; ".join(hidden)

            # Drag sequence_length to 3 with the mouse: the batch becomes 3 wide and the message names lost words.
            slider = explorer.locator(".explorer-extra-sequence_length")
            slider.scroll_into_view_if_needed()
            drag_slider_to(page, slider, 3, 1, 16)
            number = explorer.locator(".explorer-control-sequence_length input")
            expect(number).to_have_value("3", timeout=STEP_TIMEOUT_MS)
            first_row = explorer.locator(".explorer-batch-row").first.locator("td")
            expect(first_row).to_have_count(1 + 3, timeout=STEP_TIMEOUT_MS)  # the row number + 3 positions
            expect(explorer.locator(".explorer-message")).to_contain_text("drops its first", timeout=STEP_TIMEOUT_MS)
            page.screenshot(path=str(ARTIFACTS / "explorer_dragged_to_3.png"))

            # Type the IMDB seed's 500: the batch is drawn by its ends, with the count of positions between.
            number.fill("500")
            number.press("Enter")
            half = MAX_BATCH_COLUMNS // 2
            expect(first_row).to_have_count(1 + half + 1 + half, timeout=STEP_TIMEOUT_MS)  # number, ends, gap
            expect(first_row.nth(1 + half)).to_have_text(f"… {500 - 2 * half} more", timeout=STEP_TIMEOUT_MS)
            problems = explorer.evaluate(f"root => ({HIDDEN_CONTENT_JS})([root, ''])")
            assert problems == [], "at sequence_length 500 a box hides content: " + "; ".join(problems)

            # Move the embedding_dim slider one step right with the keyboard, as a learner would.
            explorer.locator(".explorer-control-sequence_length input").fill("6")
            explorer.locator(".explorer-control-sequence_length input").press("Enter")
            type_sentences(sentences, "This is a text\nThis is not a text")
            explorer.locator(".explorer-apply").click()
            expect(shape).to_contain_text("(2, 6, 3)", timeout=STEP_TIMEOUT_MS)
            handle = explorer.locator(".explorer-extra-output_dim input[type=range]")
            handle.focus()
            handle.press("ArrowRight")
            expect(shape).to_contain_text("(2, 6, 4)", timeout=STEP_TIMEOUT_MS)
            expect(params).to_contain_text("parameters: 40 =", timeout=STEP_TIMEOUT_MS)
            expect(explorer.locator(".explorer-message")).not_to_contain_text("⚠")
            explorer.locator(".explorer-weights").scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "explorer_after_slider.png"), full_page=False)
            explorer.locator(".explorer-output").scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "explorer_output_after_slider.png"), full_page=False)

            # Saved, then the page reloaded with the kernel alive: widget cells show widgets, never raw text.
            page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
            page.keyboard.press("Escape")
            page.keyboard.press("Control+s")
            expect(page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0, timeout=STEP_TIMEOUT_MS)
            page.reload()
            page.locator(".jp-NotebookPanel").first.wait_for(timeout=120_000)
            page.locator(".jp-OutputArea-output").first.wait_for(state="attached", timeout=STEP_TIMEOUT_MS)
            raw, explorers = set(), 0
            for _ in range(60):  # JupyterLab draws only the cells in view: scroll through them all
                raw.update(raw_widget_outputs(page))
                explorers = max(explorers, page.locator(".embedding-explorer, .series-snapshot").count())
                page.evaluate("document.querySelector('.jp-WindowedPanel-outer, .jp-Notebook').scrollBy(0, 500)")
                page.wait_for_timeout(250)
            page.screenshot(path=str(ARTIFACTS / "explorer_after_reload.png"), full_page=False)
            assert [t for t in raw if "HBox(" in t or "VBox(" in t] == [], f"after a reload: {sorted(raw)}"
            assert explorers >= 1 or raw, (
                "after a reload the explorer cell shows neither the widget, its snapshot nor its text"
            )
            page.evaluate("document.querySelector('.jp-WindowedPanel-outer, .jp-Notebook').scrollTo(0, 0)")

            # The navigation cell's links, as a learner clicks them: "Contents" opens README.md,
            # "next" opens notebook 04. Both leave the notebooks/ folder or need its siblings.
            tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab")
            navigation = page.locator(".jp-RenderedMarkdown", has_text="Contents").first
            navigation.scroll_into_view_if_needed()
            badge = navigation.locator("a[href*='colab.research.google.com']")
            assert badge.get_attribute("target") == "_blank" and "noopener" in badge.get_attribute("rel")
            navigation.locator("a", has_text="Contents").click()
            expect(tabs.filter(has_text="README.md")).to_have_count(1, timeout=STEP_TIMEOUT_MS)
            page.screenshot(path=str(ARTIFACTS / "navigation_contents_link.png"), full_page=False)
            tabs.filter(has_text=EXPLORER_NOTEBOOK.name).first.click()
            navigation = page.locator(".jp-RenderedMarkdown", has_text="Contents").first
            navigation.scroll_into_view_if_needed()
            navigation.locator("a", has_text="Masking").click()
            expect(tabs.filter(has_text="04_masking.ipynb")).to_have_count(1, timeout=STEP_TIMEOUT_MS)
            page.screenshot(path=str(ARTIFACTS / "navigation_next_link.png"), full_page=False)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "explorer_failure.png"), full_page=True)
            raise
        finally:
            browser.close()


def test_make_lab_serves_the_repository_root():
    """``make lab`` roots JupyterLab at the repository (so ../README.md links work) and opens the
    series' first notebook (00, the short answer)."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    recipe = subprocess.run([make, "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lab_line = next(line for line in recipe.splitlines() if "jupyter lab" in line)
    assert f'--ServerApp.root_dir="{ROOT}"' in lab_line, lab_line
    first_notebook = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))[0]
    assert first_notebook.name.startswith("00_"), first_notebook
    assert lab_line.rstrip().endswith(f"notebooks/{first_notebook.name}"), lab_line
