"""Running a snippet on Colab's Keras (3.13.2) in ``.venv-colab/``, for the tests that compare versions.

``make colab-check`` builds ``.venv-colab/`` and then runs those tests there
(``tools/colab_like_check.py``, ``CROSS_VERSION_TESTS``). In the main test run, before the folder
exists, they are skipped; under the check (``EMBEDDING_SERIES_NEED_COLAB_VENV=1``) a missing one fails.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COLAB_PYTHON = ROOT / ".venv-colab" / "bin" / "python"

#: Marks a test that needs ``.venv-colab/``: slow, and skipped until the folder exists (unless the check needs it).
needs_colab_venv = pytest.mark.skipif(
    not COLAB_PYTHON.is_file() and not os.environ.get("EMBEDDING_SERIES_NEED_COLAB_VENV"),
    reason="no .venv-colab yet: make colab-check builds it, then runs this test",
)


def run_on_colab_keras(script: str, *args: str) -> dict:
    """Run ``script`` with ``.venv-colab``'s Python on TensorFlow and the CPU; the JSON its last line prints."""
    assert COLAB_PYTHON.is_file(), f"{COLAB_PYTHON} is missing: run make colab-check"
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run(
        [str(COLAB_PYTHON), "-c", script, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
