"""A real JupyterLab for the browser tests: started on a free loopback port with a random token, always shut down.

Shared by ``test_browser_jupyterlab.py`` (the explorer, driven live) and ``test_browser_accessibility.py``
(axe-core over the series' stored outputs). Also finds Debian's Chromium (no downloaded browser).
"""

import contextlib
import json
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
#: How long JupyterLab may take to answer after it is started (2 shared cores: 20 s or more is usual).
SERVER_START_TIMEOUT_S = 180


def find_chromium() -> str | None:
    """The path of a Chromium found on this machine ($CHROMIUM_PATH first), or None."""
    candidates = [os.environ.get("CHROMIUM_PATH")] + [shutil.which(name) for name in CHROMIUM_NAMES]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def chromium_or_skip() -> str:
    """Chromium's path; without one the test is skipped, except under CI (``CI`` set), where it fails."""
    path = find_chromium()
    if path is None:
        reason = (
            f"no Chromium found (looked for $CHROMIUM_PATH and {', '.join(CHROMIUM_NAMES)}); apt-get install chromium"
        )
        if os.environ.get("CI"):
            pytest.fail("CI is set, so the browser test must run, but " + reason)
        pytest.skip(reason)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(root: Path, tmp_path: Path, settings: dict | None = None):
    """Run JupyterLab rooted at ``root``; yield ``(base_url, token)``; stop it on the way out.

    ``settings`` maps a JupyterLab plugin id (``"@jupyterlab/notebook-extension:tracker"``) to the
    user settings it starts with (written to a temporary settings folder).
    """
    port, token = free_port(), secrets.token_hex(16)
    settings_dir = tmp_path / "user-settings"
    for plugin, values in (settings or {}).items():
        package, name = plugin.split(":")
        target = settings_dir / package / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    env = dict(
        os.environ,
        TF_CPP_MIN_LOG_LEVEL="3",
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
        JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
    )
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.port_retries=0",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
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
        yield base, token
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        log.close()


def open_and_run_all(page, url: str, timeout_ms: int) -> None:
    """Open the notebook at ``url`` in JupyterLab, take the preselected Python 3 kernel if asked, and Run All Cells."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    page.goto(url, timeout=timeout_ms)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first.wait_for(timeout=timeout_ms)
    select = page.locator(".jp-Dialog button", has_text="Select")
    try:  # JupyterLab may ask which kernel to start: take its preselected Python 3
        select.first.wait_for(timeout=30_000)
        select.first.click()
    except PlaywrightTimeoutError:
        pass
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
