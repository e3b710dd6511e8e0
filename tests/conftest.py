"""Shared test set-up: TensorFlow stays quiet and on the CPU-friendly defaults; IMDB offline fixtures."""

import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

# Read at import time: the `offline` fixture removes these variables from the environment.
REAL_IMDB_ARCHIVE = os.environ.get("IMDB_RAW_ARCHIVE") or None
REAL_IMDB_WORD_INDEX = os.environ.get("IMDB_WORD_INDEX") or None


@pytest.fixture(scope="session")
def real_imdb_files():
    """The real archive and word index named by the environment; skip without them, or fail when CI is set."""
    if (
        REAL_IMDB_ARCHIVE
        and REAL_IMDB_WORD_INDEX
        and os.path.isfile(REAL_IMDB_ARCHIVE)
        and os.path.isfile(REAL_IMDB_WORD_INDEX)
    ):
        return REAL_IMDB_ARCHIVE, REAL_IMDB_WORD_INDEX
    why = "IMDB_RAW_ARCHIVE and IMDB_WORD_INDEX must name the raw IMDB archive and Keras' word index"
    if os.environ.get("CI"):
        pytest.fail(f"{why} on CI (got {REAL_IMDB_ARCHIVE!r}, {REAL_IMDB_WORD_INDEX!r}).")
    pytest.skip(f"{why}; unset or missing here.")


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No internet, no Keras cache, no IMDB environment variables; Keras' home in tmp_path.

    Returns the (not yet created) Keras dataset cache folder.
    """
    from helpers import imdb

    monkeypatch.setattr(imdb, "keras_can_download", lambda name="imdb.npz": False)
    monkeypatch.setattr(imdb, "_keras_cached", lambda name: False)
    monkeypatch.delenv(imdb.ARCHIVE_VARIABLE, raising=False)
    monkeypatch.delenv(imdb.WORD_INDEX_VARIABLE, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    return tmp_path / "keras_home" / "datasets"


@pytest.fixture
def accepts_right_rejects_wrong(capsys):
    """Check one exercise: ``is_correct`` says True for the right answer and False for the wrong one, and
    ``check`` prints "correct." for the first and a hint for the second, returning nothing (no ``Out:``)."""
    from helpers.exercises import check, is_correct

    def assert_exercise(question: str, right, wrong) -> None:
        assert is_correct(question, right) is True
        assert is_correct(question, wrong) is False
        assert check(question, right) is None and check(question, wrong) is None
        out = capsys.readouterr().out
        assert f"Exercise {question}: correct." in out and "Hint:" in out

    return assert_exercise


def import_experiment(name: str):
    """The module of ``experiments/<name>.py`` (the scripts import each other by plain name, so the folder goes on
    ``sys.path`` while the fixture lives)."""
    import importlib
    import sys
    from pathlib import Path

    folder = str(Path(__file__).resolve().parents[1] / "experiments")
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module(name)
    finally:
        sys.path.remove(folder)
