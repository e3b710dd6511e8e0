"""axe-core, the standard accessibility checker, over the series' own stored outputs in a real JupyterLab.

The notebooks in ``NOTEBOOKS`` are opened with their stored outputs (as a reader opens them, no kernel run)
in JupyterLab in headless Chromium; JupyterLab draws every cell (``windowingMode: none``), and axe-core
4.12 (bundled by the ``axe-playwright-python`` package) checks the WCAG 2 A and AA rules on the output
areas only (``.jp-OutputArea-output``): what the series writes, not JupyterLab's own toolbar and menus.
A critical or serious violation there fails the test. A planted notebook whose figure is a bare
``image/png`` (no text alternative) and whose slider has no label proves the check can fail: axe must
report ``image-alt`` and ``label`` for it.
"""

import json
import shutil
from pathlib import Path

import lab_server
import nbformat
import pytest
from lab_server import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
#: Notebooks with explorers (their snapshots), with Keras' model summaries, and figure-heavy ones: a padded batch,
#: the lookup, the replay, the experiments' arms and curves, the backends' bars, the recovered map.
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
