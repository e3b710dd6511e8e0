"""A reader without a kernel (GitHub, nbviewer, an HTML export, a notebook opened untrusted) sees each
explorer's first view, headed "Snapshot, not live", never a frozen widget or a ``VBox(children=...`` repr.

Each live widget is displayed with an HTML snapshot beside it (``interactive.LiveBox``); the stored
notebooks keep no widget state (``tools/build_navigation.py``, run by ``make outputs``, drops it), so
every viewer falls back to that snapshot. The browser test exports notebooks 02, 03 and 05 to HTML with
nbconvert, opens each file in headless Chromium with no server and no kernel, and checks that the
snapshot is drawn, visible and says what it is.
"""

import json
from pathlib import Path

import lab_server
import pytest
from lab_server import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SNAPSHOT_HEADING = "Snapshot, not live"
#: The explorers checked in the browser, and a piece of text their first view must show.
EXPORTED = {
    "02_padding_and_truncating": "padded batch",
    "03_the_embedding_lookup": "weight matrix W",
    "05_how_the_vectors_learn": "embedding row before training",
}


def stored(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def widget_outputs(nb: dict) -> list[dict]:
    return [o for cell in nb["cells"] for o in cell.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_notebooks_keep_no_widget_state_and_every_widget_has_a_snapshot(path):
    nb = stored(path)
    assert "widgets" not in nb["metadata"], (
        f"{path.name} stores widget state: a viewer would draw a frozen copy of the explorer whose controls "
        "change nothing. Run `make readme` (tools/build_navigation.py drops it)."
    )
    for output in widget_outputs(nb):
        data = output["data"]
        html = "".join(data.get("text/html", ""))
        assert SNAPSHOT_HEADING in html, f"{path.name}: a widget output without its snapshot"
        assert "children=" not in "".join(data["text/plain"]) + html


def test_the_explorer_notebooks_display_widgets():
    """The browser check below is about the explorers; it must not pass because one lost its widget."""
    for stem in EXPORTED:
        assert widget_outputs(stored(ROOT / "notebooks" / f"{stem}.ipynb")), f"{stem} shows no widget"


#: In the page: each snapshot's text, its drawn size, and whether any part lies outside the page's width.
SNAPSHOTS_JS = """() => [...document.querySelectorAll('.series-snapshot')].map(s => {
    const r = s.getBoundingClientRect();
    return {text: s.innerText, width: r.width, height: r.height,
            images: [...s.querySelectorAll('img')].map(i => [i.naturalWidth, i.alt.length])};
})"""


@pytest.mark.browser
@pytest.mark.slow
def test_an_html_export_shows_each_explorers_first_view_without_a_kernel(tmp_path):
    import nbformat
    from nbconvert import HTMLExporter
    from playwright.sync_api import sync_playwright

    chromium = lab_server.chromium_or_skip()
    pages = {}
    for stem in EXPORTED:
        body, _ = HTMLExporter().from_notebook_node(nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4))
        pages[stem] = tmp_path / f"{stem}.html"
        pages[stem].write_text(body, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("http*://**", lambda route: route.abort())  # no server, no kernel, no CDN
            for stem, shown in EXPORTED.items():
                page.goto(pages[stem].as_uri(), wait_until="domcontentloaded")
                snapshots = page.evaluate(SNAPSHOTS_JS)
                assert len(snapshots) == 1, f"{stem}: {len(snapshots)} snapshots drawn"
                (snapshot,) = snapshots
                assert snapshot["height"] > 100 and snapshot["width"] > 300, f"{stem}: snapshot drawn {snapshot}"
                assert snapshot["text"].startswith(SNAPSHOT_HEADING), snapshot["text"][:200]
                assert shown in snapshot["text"], f"{stem}: the first view lacks {shown!r}"
                assert "children=" not in page.inner_text("body")
                for width, alt_chars in snapshot["images"]:  # a picture is decoded and has its words
                    assert width > 100 and alt_chars > 40
                page.screenshot(path=str(tmp_path / f"{stem}.png"), full_page=True)
        finally:
            browser.close()
