"""requirements.txt (pip) and environment.yml (conda, Binder) must pin the same versions."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^\s*-?\s*([A-Za-z0-9_.\-\[\]]+)==([^\s#]+)")


def pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_requirements_and_environment_yml_pin_the_same_versions():
    requirements = pins((ROOT / "requirements.txt").read_text())
    environment = pins((ROOT / "environment.yml").read_text())
    assert requirements, "requirements.txt pins nothing"
    assert requirements == environment


def test_every_requirement_is_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert "==" in line, f"requirements.txt: {line!r} is not pinned with =="


def test_the_other_backends_are_pinned_apart_and_make_test_runs_every_notebook_on_them():
    """JAX and PyTorch: pinned in requirements-backends.txt, installed by make test, not by make lab."""
    import shutil
    import subprocess

    import pytest

    backends = pins((ROOT / "requirements-backends.txt").read_text())
    assert {"torch", "jax", "jaxlib"} <= set(backends)
    assert not set(backends) & set(pins((ROOT / "requirements.txt").read_text())), "make lab would install them"
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    dry_run = {
        target: subprocess.run([make, "-n", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        for target in ("lab", "test")
    }
    assert "requirements-backends.txt" not in dry_run["lab"]
    test_backend = [line for line in dry_run["test"].splitlines() if "--nbval-lax" in line]
    assert len(test_backend) == 2, dry_run["test"]  # one pytest run per other backend, notebooks included
    assert "KERAS_BACKEND=jax" in dry_run["test"] and "KERAS_BACKEND=torch" in dry_run["test"]
