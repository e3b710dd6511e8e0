"""A real browser test: JupyterLab in headless Chromium runs the explorer notebook and moves a slider.

It starts JupyterLab on a free loopback port with a random token, rooted, as
``make lab`` is, at a temporary copy of the repository's layout (README.md and
notebooks/, so the repository's own notebooks stay untouched), drives Debian's
``chromium`` with Playwright (no downloaded browser), runs all cells, moves the
``embedding_dim`` slider with the keyboard and checks that the shape and parameter
count shown by the widget follow. Then it follows the notebook's "Contents" and
"next" navigation links, which work only when the server root is the repository.
Screenshots are saved in ``test-artifacts/``.

Skipped when no Chromium is installed, except when ``CI`` is set: CI must run it.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# The machine may be slow (2 shared cores): kernel start and the TensorFlow import take 20 s or more.
SERVER_START_TIMEOUT_S = 180
RUN_ALL_TIMEOUT_MS = int(os.environ.get("BROWSER_TEST_RUN_ALL_TIMEOUT_MS", 420_000))
STEP_TIMEOUT_MS = 60_000

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def find_chromium() -> str | None:
    """The path of a Chromium found on this machine ($CHROMIUM_PATH first), or None."""
    candidates = [os.environ.get("CHROMIUM_PATH")] + [shutil.which(name) for name in CHROMIUM_NAMES]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chromium_path():
    path = find_chromium()
    if path is None:
        reason = f"no Chromium found (looked for $CHROMIUM_PATH and {', '.join(CHROMIUM_NAMES)}); apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail("CI is set, so the browser test must run, but " + reason)
        pytest.skip(reason)
    return path


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
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.port_retries=0",
        "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = open(tmp_path / "jupyterlab.log", "w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited early with code {process.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT_S} s; see {log.name}")
            time.sleep(1)
        yield {"url": f"{base}/lab/tree/notebooks/{notebook.name}?token={token}", "notebook": notebook}
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        log.close()


def test_explorer_slider_changes_shape_and_parameter_count(chromium_path, jupyterlab):
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
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
            shape = explorer.locator(".explorer-shape")
            params = explorer.locator(".explorer-params")
            expect(shape).to_contain_text("(2, 6, 3)", timeout=STEP_TIMEOUT_MS)
            expect(params).to_contain_text("30", timeout=STEP_TIMEOUT_MS)
            explorer.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "explorer_before_slider.png"), full_page=False)

            # Move the embedding_dim slider one step right with the keyboard, as a learner would.
            handle = explorer.locator(".explorer-control-output_dim .noUi-handle")
            handle.focus()
            handle.press("ArrowRight")
            expect(shape).to_contain_text("(2, 6, 4)", timeout=STEP_TIMEOUT_MS)
            expect(params).to_contain_text("40", timeout=STEP_TIMEOUT_MS)
            expect(explorer.locator(".explorer-message")).not_to_contain_text("⚠")

            explorer.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "explorer_after_slider.png"), full_page=False)
            explorer.screenshot(path=str(ARTIFACTS / "explorer_widget_after_slider.png"))

            # The navigation cell's links, as a learner clicks them: "Contents" opens README.md,
            # "next" opens notebook 04. Both leave the notebooks/ folder or need its siblings.
            tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab")
            navigation = page.locator(".jp-RenderedMarkdown", has_text="Contents").first
            navigation.scroll_into_view_if_needed()
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
    """``make lab`` roots JupyterLab at the repository (so ../README.md links work) and opens notebook 01."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    recipe = subprocess.run([make, "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lab_line = next(line for line in recipe.splitlines() if "jupyter lab" in line)
    assert f'--ServerApp.root_dir="{ROOT}"' in lab_line, lab_line
    assert lab_line.rstrip().endswith("notebooks/01_tokenizing_the_two_sentences.ipynb"), lab_line
