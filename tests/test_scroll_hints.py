"""The explorers' boxes say "scroll down" exactly when they scroll, checked in Chromium.

The token-index and padded-batch boxes are drawn as the explorer's HTML (its kernel-less snapshot: the same box
HTML and the same ``max-height``) for one line fewer and one line more than ``ROWS_IN_BOX``; each box's title hint
must agree with ``scrollHeight > clientHeight``.
"""

import pytest

from helpers import interactive
from helpers.pipeline import ExplorerSettings

pytestmark = pytest.mark.slow

MEASURE_JS = """() => [...document.querySelectorAll("div[style*='max-height']")].map(box => [
    box.previousElementSibling ? box.previousElementSibling.textContent : "",
    box.scrollHeight > box.clientHeight + 1])"""


def boxes_in_chromium(html_body: str) -> list[tuple[str, bool]]:
    import lab_server
    from playwright.sync_api import sync_playwright

    chromium = lab_server.chromium_or_skip()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=lab_server.CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            page.set_content(f"<html><body style='font-family:sans-serif;font-size:13px'>{html_body}</body></html>")
            return [tuple(row) for row in page.evaluate(MEASURE_JS)]
        finally:
            browser.close()


@pytest.mark.parametrize("lines", [interactive.ROWS_IN_BOX, interactive.ROWS_IN_BOX + 1])
def test_a_box_says_scroll_down_exactly_when_it_scrolls(lines):
    sentences = "\n".join(f"this is sentence number {i} of a text" for i in range(lines))
    explorer = interactive.padding_explorer(ExplorerSettings(sentences=sentences, input_dim=60, sequence_length=8))
    checked = 0
    for title, scrolls in boxes_in_chromium(explorer.snapshot_html()):
        if title.startswith(("token indices", "padded batch")):
            assert ("scroll down" in title) == scrolls, (lines, title, scrolls)
            checked += 1
    assert checked == 2
