"""axe-core, the standard accessibility checker, over the series' own stored outputs in a real JupyterLab.

The notebooks in ``NOTEBOOKS`` are opened with their stored outputs (as a reader opens them, no kernel run)
in JupyterLab in headless Chromium; JupyterLab draws every cell (``windowingMode: none``), and axe-core
4.12 (bundled by the ``axe-playwright-python`` package) checks the WCAG 2 A and AA rules on the output
areas only (``.jp-OutputArea-output``): what the series writes, not JupyterLab's own toolbar and menus.
A critical or serious violation there fails the test. A planted notebook whose figure is a bare
``image/png`` (no text alternative) and whose slider has no label proves the check can fail: axe must
report ``image-alt`` and ``label`` for it.

A second test runs notebooks 02, 03 and 05 with a kernel (their stored outputs removed, so every explorer on the
page is live) and checks, in each: axe finds no critical or serious violation in the output areas; the explorer's
controls are named and their state exposed (a ``radiogroup`` per toggle with its checked ``radio``, sliders named
by their label, the ``mask_zero`` checkbox, the Apply button), reached by Tab in the order they are drawn; pressing
ArrowRight / ArrowLeft / Space (Enter on Apply, ArrowUp / ArrowDown and Enter in a number box) changes the
control and the kernel's views follow, while JupyterLab's active cell stays the same, the focus stays in the
control and shows a visible outline; a typed vocabulary too large for ``input_dim`` is refused under the
sentences box, as an alert, and only there.
"""

import json
import shutil
import sys
from pathlib import Path

import lab_server
import nbformat
import pytest
from lab_server import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
#: Notebooks with explorers (their snapshots), with Keras' model summaries, and figure-heavy ones: a padded batch,
#: the lookup, the replay, the experiments' arms and curves, the backends' bars, the recovered map, curves with bands.
NOTEBOOKS = (
    "02_padding_and_truncating",
    "03_the_embedding_lookup",
    "05_how_the_vectors_learn",
    "06_training_the_imdb_lstm",
    "07_inside_the_learned_embedding",
    "08_word2vec_and_glove",
    "09_backends_and_devices",
    "10_after_the_embedding",
    "11_beyond_words",
    "12_how_big",
)
#: axe's rule tags checked: WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("critical", "serious")
#: The output areas of the notebook on show (JupyterLab keeps other tabs in the page, hidden; each notebook is
#: opened with ``reset``, so no earlier tab is restored beside it).
OUTPUTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"
PAGE_TIMEOUT_MS = 120_000

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def planted_notebook(target: Path) -> None:
    """A notebook with one figure output the way plt.show() leaves it (a PNG with no text alternative) and one
    unlabelled slider."""
    stored = json.loads((ROOT / "notebooks" / "02_padding_and_truncating.ipynb").read_text(encoding="utf-8"))
    png = next(
        "".join(o["data"]["image/png"])
        for cell in stored["cells"]
        for o in cell.get("outputs", [])
        if "image/png" in o.get("data", {})
    )
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("plt.show()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"})]
    control = nbformat.v4.new_code_cell("display(HTML(...))")  # a slider with no name a screen reader could say
    slider = "<div><span>step</span> <input type='range' min='0' max='9' value='0'></div>"
    control.outputs = [nbformat.v4.new_output("display_data", data={"text/html": slider, "text/plain": "slider"})]
    notebook.cells = [cell, control]
    nbformat.write(notebook, target)


def violations(page, url: str) -> list[dict]:
    """axe's critical and serious violations in the output areas of the notebook at ``url``."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(url + "&reset", timeout=PAGE_TIMEOUT_MS)  # reset: only this notebook open, no tab restored
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first.wait_for(timeout=PAGE_TIMEOUT_MS)
    dialog = page.locator(".jp-Dialog button", has_text="No Kernel")  # a reader, not a runner
    try:
        dialog.click(timeout=10_000)
    except Exception:  # JupyterLab did not ask
        pass
    page.locator(OUTPUTS).first.wait_for(state="attached", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=PAGE_TIMEOUT_MS)
    results = Axe().run(
        page,
        context={"include": [OUTPUTS]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "test-artifacts" / f"axe_{url.split('/')[-1].split('.')[0]}.png"))
    found = results.response["violations"]
    return [v for v in found if v["impact"] in FAILING_IMPACTS]


def summary(found: list[dict]) -> str:
    return "; ".join(
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes: {v['nodes'][0]['html'][:120]})" for v in found
    )


def test_the_series_outputs_pass_axe_and_a_bare_figure_does_not(tmp_path):
    from playwright.sync_api import sync_playwright

    chromium = lab_server.chromium_or_skip()
    root = tmp_path / "lab"
    (root / "notebooks").mkdir(parents=True)
    for name in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", root / "notebooks" / f"{name}.ipynb")
    planted_notebook(root / "notebooks" / "planted_bare_figure.ipynb")
    settings = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    with lab_server.serve(root, tmp_path, settings) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            planted = violations(page, f"{base}/lab/tree/notebooks/planted_bare_figure.ipynb?token={token}")
            found = sorted(v["id"] for v in planted)
            assert found == ["image-alt", "label"], "the planted notebook: " + summary(planted)
            report = {}
            for name in NOTEBOOKS:
                found = violations(page, f"{base}/lab/tree/notebooks/{name}.ipynb?token={token}")
                if found:
                    report[name] = summary(found)
            assert report == {}, "critical or serious axe violations in the series' outputs: " + json.dumps(report)
        finally:
            browser.close()


# --- the live explorers, with a kernel: axe, the keyboard, and where messages appear ----------------------------

#: The notebooks with live explorers, and the output of their last cell (the run is over when it shows).
LIVE_NOTEBOOKS = {
    "02_padding_and_truncating": "Exercise 02.3:",
    "03_the_embedding_lookup": "Exercise 03.3:",
    "05_how_the_vectors_learn": "Exercise 05.3:",
}
RUN_ALL_TIMEOUT_MS = 420_000
STEP_TIMEOUT_MS = 60_000
#: The JupyterLab bundle installed with this environment, and the loop in it (Lumino's ``CommandRegistry``, which
#: matches key bindings to a keydown's target) that stops at an element with ``data-lm-suppress-shortcuts``: the
#: attribute ``helpers.controls`` puts on every control. Minified; the names are webpack's.
LAB_STATIC = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static"
LUMINO_SUPPRESS_LOOP = '!i.hasAttribute("data-lm-suppress-shortcuts");i=i.parentElement'
#: Index of the notebook's active cell (JupyterLab's cell selection), among the cells of the notebook on show.
ACTIVE_CELL_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')]
    .findIndex(cell => cell.classList.contains('jp-mod-active'))"""
#: Whether the focused element shows a visible focus indicator (an outline at least 2 px wide).
FOCUS_SHOWN_JS = """() => { const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"""
#: The control (its ``explorer-control-*`` / ``explorer-extra-*`` / ``explorer-apply`` class) that holds the focus.
FOCUSED_CONTROL_JS = """() => { const own = document.activeElement.closest(
        '[class*="explorer-control-"], [class*="explorer-extra-"], .explorer-apply');
    return own ? [...own.classList].find(c => /^explorer-(control|extra)-|^explorer-apply$/.test(c)) : null; }"""
TWELVE_WORDS = "one two three four five six seven eight nine ten eleven twelve"


def test_the_installed_jupyterlab_ignores_shortcuts_inside_a_suppressing_element():
    """The attribute the controls rely on is the one this JupyterLab's Lumino honours (read in its bundle)."""
    bundles = [p for p in LAB_STATIC.glob("*.js") if LUMINO_SUPPRESS_LOOP in p.read_text(encoding="utf-8")]
    assert bundles, f"no JupyterLab bundle in {LAB_STATIC} stops at data-lm-suppress-shortcuts"
    controls = (ROOT / "helpers" / "controls.py").read_text(encoding="utf-8")
    assert 'el.setAttribute("data-lm-suppress-shortcuts", "true")' in controls


def run_live(page, url: str, last_output: str) -> None:
    """Open the notebook at ``url`` alone, start its kernel, run every cell and wait for ``last_output``."""
    from playwright.sync_api import expect
    from test_browser_jupyterlab import dismiss_notifications

    lab_server.open_and_run_all(page, url + "&reset", PAGE_TIMEOUT_MS)
    expect(page.locator(f"{OUTPUTS}", has_text=last_output)).to_have_count(1, timeout=RUN_ALL_TIMEOUT_MS)
    dismiss_notifications(page)


class KeyCheck:
    """Presses keys in a control and records every press that moved JupyterLab's cell selection or the focus."""

    def __init__(self, page, notebook: str):
        self.page, self.notebook, self.leaks = page, notebook, []

    def press(self, target, key: str, *, times: int = 1) -> None:
        target.focus()
        control = self.page.evaluate(FOCUSED_CONTROL_JS)
        cell = self.page.evaluate(ACTIVE_CELL_JS)
        for _ in range(times):
            self.page.keyboard.press(key)
        self.page.wait_for_timeout(200)
        now = (self.page.evaluate(ACTIVE_CELL_JS), self.page.evaluate(FOCUSED_CONTROL_JS))
        if now != (cell, control):
            self.leaks.append(
                f"{self.notebook}: {key} in {control} moved the active cell {cell}->{now[0]} and the focus to {now[1]}"
            )
        if not self.page.evaluate(FOCUS_SHOWN_JS):
            self.leaks.append(f"{self.notebook}: {key} in {control}: no visible focus indicator")


def check_explorer_keyboard(page, keys: KeyCheck, *, embedding: bool) -> None:
    """Arrows, Space and Enter change each control of the explorer, and the kernel's views follow."""
    from playwright.sync_api import expect

    explorer = page.locator(".embedding-explorer").last
    explorer.scroll_into_view_if_needed()
    first_row = explorer.locator(".explorer-batch-row").first.locator("td")
    message = explorer.locator(".explorer-message")

    # Tab order: the sentences, Apply, the number box and its slider, then one stop per toggle group.
    explorer.locator(".explorer-control-sentences textarea").focus()
    order = [page.evaluate(FOCUSED_CONTROL_JS)]
    for _ in range(5):
        page.keyboard.press("Tab")
        order.append(page.evaluate(FOCUSED_CONTROL_JS))
    assert order == [
        "explorer-control-sentences",
        "explorer-apply",
        "explorer-control-sequence_length",
        "explorer-extra-sequence_length",
        "explorer-control-padding",
        "explorer-control-truncating",
    ], order

    # The toggles: a named group of radio buttons; the checked one is announced, arrows and Space change it.
    for name in ("padding", "truncating"):
        group = explorer.get_by_role("radiogroup", name=name)
        expect(group.get_by_role("radio", name="pre")).to_be_checked()
        expect(group.get_by_role("radio")).to_have_count(2)
    padding = explorer.get_by_role("radiogroup", name="padding")
    keys.press(padding.get_by_role("radio", name="pre"), "ArrowRight")
    expect(padding.get_by_role("radio", name="post")).to_be_checked()
    expect(first_row.nth(1)).to_have_text("1", timeout=STEP_TIMEOUT_MS)  # post: [1 2 3 4 0 0]
    keys.press(padding.get_by_role("radio", name="post"), "ArrowLeft")
    expect(padding.get_by_role("radio", name="pre")).to_be_checked()
    expect(first_row.nth(1)).to_have_text("0", timeout=STEP_TIMEOUT_MS)  # pre: [0 0 1 2 3 4]
    keys.press(padding.get_by_role("radio", name="post"), " ")
    expect(padding.get_by_role("radio", name="post")).to_be_checked()
    expect(first_row.nth(1)).to_have_text("1", timeout=STEP_TIMEOUT_MS)
    keys.press(padding.get_by_role("radio", name="post"), "ArrowLeft")
    expect(first_row.nth(1)).to_have_text("0", timeout=STEP_TIMEOUT_MS)

    # The sequence_length slider, named for screen readers: three ArrowLeft from 6 to 3, and the views follow.
    slider = explorer.get_by_role("slider", name="sequence_length (slider, 1 to 16)")
    number = explorer.locator(".explorer-control-sequence_length input")
    keys.press(slider, "ArrowLeft", times=3)
    expect(number).to_have_value("3", timeout=STEP_TIMEOUT_MS)
    expect(first_row).to_have_count(1 + 3, timeout=STEP_TIMEOUT_MS)
    expect(message).to_contain_text("truncating='pre' drops its first", timeout=STEP_TIMEOUT_MS)
    keys.press(slider, " ")  # Space means nothing to a slider: nothing changes, nothing leaks
    expect(number).to_have_value("3")
    truncating = explorer.get_by_role("radiogroup", name="truncating")
    keys.press(truncating.get_by_role("radio", name="pre"), "ArrowRight")
    expect(truncating.get_by_role("radio", name="post")).to_be_checked()
    expect(message).to_contain_text("truncating='post' drops its last", timeout=STEP_TIMEOUT_MS)
    keys.press(truncating.get_by_role("radio", name="post"), "ArrowLeft")
    expect(message).to_contain_text("truncating='pre' drops its first", timeout=STEP_TIMEOUT_MS)
    keys.press(slider, "ArrowRight", times=3)
    expect(number).to_have_value("6", timeout=STEP_TIMEOUT_MS)
    expect(first_row).to_have_count(1 + 6, timeout=STEP_TIMEOUT_MS)
    # The number box beside it (an ipywidgets text input): ArrowUp steps it, Enter applies, nothing leaks.
    keys.press(number, "ArrowUp")
    expect(number).to_have_value("7")
    keys.press(number, "Enter")
    expect(first_row).to_have_count(1 + 7, timeout=STEP_TIMEOUT_MS)
    keys.press(number, "ArrowDown")
    keys.press(number, "Enter")
    expect(first_row).to_have_count(1 + 6, timeout=STEP_TIMEOUT_MS)

    # Apply: Enter and Space press it, arrows do nothing; a refusal appears under the sentences, announced.
    apply = explorer.get_by_role("button", name="Apply")
    sentences = explorer.locator(".explorer-control-sentences textarea")
    keys.press(apply, "ArrowDown")
    sentences.fill(TWELVE_WORDS if embedding else "This is a text\nThis is not a text\nNot this text")
    keys.press(apply, "Enter")
    if embedding:  # twelve words do not fit a vocabulary of 10: the message is beside the sentences
        beside = explorer.locator(".explorer-note-sentences [role=alert]")
        expect(beside).to_contain_text("input_dim=10 is too small", timeout=STEP_TIMEOUT_MS)
        expect(beside).to_be_visible()
        expect(message.locator("[role=alert]")).to_have_count(0)  # announced once, where it was caused
    else:
        expect(explorer.locator(".explorer-batch-row")).to_have_count(3, timeout=STEP_TIMEOUT_MS)
    sentences.fill("This is a text\nThis is not a text")
    keys.press(apply, " ")
    expect(explorer.locator(".explorer-batch-row")).to_have_count(2, timeout=STEP_TIMEOUT_MS)
    expect(explorer.locator(".explorer-note-sentences")).to_be_hidden()
    if not embedding:
        return

    # embedding_dim's slider and the mask_zero checkbox.
    shape = explorer.locator(".explorer-shape")
    dim = explorer.get_by_role("slider", name="embedding_dim (slider, 1 to 16)")
    keys.press(dim, "ArrowRight")
    expect(shape).to_contain_text("(2, 6, 4)", timeout=STEP_TIMEOUT_MS)
    keys.press(dim, "ArrowLeft")
    expect(shape).to_contain_text("(2, 6, 3)", timeout=STEP_TIMEOUT_MS)
    mask = explorer.get_by_role("checkbox", name="mask_zero")
    expect(mask).to_be_checked()
    keys.press(mask, " ")
    expect(mask).not_to_be_checked()
    expect(explorer.locator(".explorer-mask")).to_contain_text("mask_zero is off", timeout=STEP_TIMEOUT_MS)
    for key in ("ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp"):
        keys.press(mask, key)
    expect(mask).not_to_be_checked()
    keys.press(mask, " ")
    expect(mask).to_be_checked()
    expect(explorer.locator(".explorer-mask")).not_to_contain_text("mask_zero is off", timeout=STEP_TIMEOUT_MS)


def check_replay_keyboard(page, keys: KeyCheck) -> None:
    """The replay's step slider, named "step": ArrowRight shows step 1 and a standing live region says so; Space and
    Enter change nothing; ArrowLeft, End and Home go back, to the last step and to the first."""
    from playwright.sync_api import expect

    step = page.get_by_role("slider", name="step")
    caption = page.locator(".replay-picture figcaption")
    status = page.locator(".replay-announcer [role=status]")
    expect(status).to_have_count(1)
    first = caption.inner_text()
    keys.press(step, "ArrowRight")
    expect(step).to_have_value("1")
    expect(caption).not_to_have_text(first, timeout=STEP_TIMEOUT_MS)
    expect(status).to_contain_text("after step 1", timeout=STEP_TIMEOUT_MS)
    for key in (" ", "Enter"):
        keys.press(step, key)
        expect(step).to_have_value("1")
    keys.press(step, "ArrowLeft")
    expect(caption).to_have_text(first, timeout=STEP_TIMEOUT_MS)
    last = step.get_attribute("max")
    keys.press(step, "End")
    expect(step).to_have_value(last)
    expect(status).to_contain_text(f"after step {last}", timeout=STEP_TIMEOUT_MS)
    keys.press(step, "Home")
    expect(step).to_have_value("0")
    expect(caption).to_have_text(first, timeout=STEP_TIMEOUT_MS)


def test_the_live_explorers_pass_axe_and_their_controls_keep_the_keyboard(tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright
    from test_browser_jupyterlab import copy_without_outputs

    chromium = lab_server.chromium_or_skip()
    root = tmp_path / "lab"
    (root / "notebooks").mkdir(parents=True)
    for name in LIVE_NOTEBOOKS:  # no stored outputs: every explorer on the page is a live one
        copy_without_outputs(ROOT / "notebooks" / f"{name}.ipynb", root / "notebooks" / f"{name}.ipynb")
    settings = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    report, leaks = {}, []
    with lab_server.serve(root, tmp_path, settings) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            page.set_default_timeout(STEP_TIMEOUT_MS)
            for name, last_output in LIVE_NOTEBOOKS.items():
                run_live(page, f"{base}/lab/tree/notebooks/{name}.ipynb?token={token}", last_output)
                live = page.locator(".embedding-explorer, .replay-step")
                assert live.count() >= 1, f"{name}: no live explorer drawn"
                results = Axe().run(
                    page,
                    context={"include": [OUTPUTS]},
                    options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
                )
                found = [v for v in results.response["violations"] if v["impact"] in FAILING_IMPACTS]
                if found:
                    report[name] = summary(found)
                keys = KeyCheck(page, name)
                if name.startswith("05"):
                    check_replay_keyboard(page, keys)
                else:
                    check_explorer_keyboard(page, keys, embedding=name.startswith("03"))
                leaks += keys.leaks
                (ROOT / "test-artifacts").mkdir(exist_ok=True)
                page.screenshot(path=str(ROOT / "test-artifacts" / f"live_{name}.png"))
        except Exception:
            (ROOT / "test-artifacts").mkdir(exist_ok=True)
            page.screenshot(path=str(ROOT / "test-artifacts" / "live_failure.png"), full_page=True)
            raise
        finally:
            browser.close()
    assert report == {}, "critical or serious axe violations in the live explorers: " + json.dumps(report)
    assert leaks == [], "keys that left their control: " + "; ".join(leaks)
