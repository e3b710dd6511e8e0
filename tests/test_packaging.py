"""The helpers install completely however they are installed, and never replace what Colab ships.

Colab's setup cell runs a plain (non-editable) ``pip install`` of the repository, which
ships only the packages ``pyproject.toml`` names; ``make`` uses an editable install,
which would hide a missing sub-package. So this builds the wheel and reads it.
"""

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
COLAB_VERSIONS = ROOT / "tests" / "colab" / "versions.txt"


def pins(path: Path) -> dict[str, str]:
    """``{name: version}`` from a file of ``name==version`` lines (comments allowed)."""
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = (part.strip() for part in line.split("==", 1))
            found[re.sub(r"[-_.]+", "-", name).lower()] = version
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel ``pip`` builds from a copy of the repository's package files."""
    source = tmp_path_factory.mktemp("source")
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copy(ROOT / "README.md", source)
    shutil.copytree(ROOT / "helpers", source / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("*.whl")
    with zipfile.ZipFile(path) as archive:
        yield archive


def test_the_wheel_holds_every_helper_module_and_sub_package(wheel):
    in_repository = {p.relative_to(ROOT).as_posix() for p in (ROOT / "helpers").rglob("*.py")}
    in_wheel = {name for name in wheel.namelist() if name.startswith("helpers/")}
    assert "helpers/exercises/nb01.py" in in_repository
    assert in_wheel == in_repository, f"left out of the wheel: {sorted(in_repository - in_wheel)}"


def test_the_dependencies_accept_colabs_versions_and_the_pinned_ones(wheel):
    metadata = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    requirements = [
        Requirement(line.split(":", 1)[1].strip())
        for line in wheel.read(metadata).decode().splitlines()
        if line.startswith("Requires-Dist:")
    ]
    assert {r.name for r in requirements} >= {"keras", "tensorflow", "numpy", "ipywidgets"}
    for versions in (COLAB_VERSIONS, ROOT / "requirements.txt"):
        pinned = pins(versions)
        for requirement in requirements:
            version = pinned.get(requirement.name)
            if version is not None:
                assert requirement.specifier.contains(version), (
                    f"{requirement} would replace {requirement.name}=={version} from {versions.name}"
                )
    assert set(pins(COLAB_VERSIONS)) >= {"tensorflow", "keras", "ipywidgets", "numpy"}
