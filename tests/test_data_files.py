"""Where the trained model is saved and found: a clone's data/, else the user's own folder, never site-packages;
which run the repository's model is."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from helpers import data_files, training

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "data" / data_files.TRAINED_MODEL


def test_in_a_clone_the_model_is_saved_in_data():
    assert data_files.trained_model_path() == ROOT / "data" / "imdb_lstm.keras"


def test_installed_without_the_repository_the_model_goes_to_keras_home(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", site / "data")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    path = data_files.trained_model_path()
    assert path == tmp_path / "home" / "embedding-series" / "imdb_lstm.keras"
    assert site not in path.parents


@pytest.mark.skipif(not MODEL.is_file(), reason="data/imdb_lstm.keras is not in this checkout")
def test_a_users_own_model_is_found_before_any_download(tmp_path, monkeypatch):
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", tmp_path / "site-packages" / "data")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(
        data_files, "data_file", lambda *a, **k: pytest.fail("no download when the user's model exists")
    )
    own = data_files.trained_model_path()
    own.parent.mkdir(parents=True)
    shutil.copy(MODEL, own)
    model = data_files.load_trained_model()
    assert model.count_params() == 213_301
    assert model.get_layer("embedding").get_weights()[0].shape == (5000, 32)


def test_the_seed_model_has_the_seeds_sizes():
    model = training.build_seed_model()
    assert [layer.name for layer in model.layers] == ["embedding", "lstm", "dense"]
    assert model.count_params() == 5000 * 32 + 4 * (32 * 100 + 100 * 100 + 100) + 101 == 213_301


def test_paths_are_shown_relative_to_the_clone_or_home(tmp_path, monkeypatch):
    assert data_files.shown_path(ROOT / "data" / "imdb_lstm.keras") == "data/imdb_lstm.keras"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data_files.shown_path(tmp_path / ".keras" / "x.keras") == "~/.keras/x.keras"


def test_the_repository_model_is_the_run_its_record_names():
    record = data_files.trained_model_record()
    assert record["file"] == MODEL.name and hashlib.sha256(MODEL.read_bytes()).hexdigest() == record["sha256"], (
        "data/imdb_lstm.keras is not the model data/imdb_lstm.json describes: restore it (git checkout data/)"
    )
    runs = json.loads((ROOT / "data" / record["run"]["results_file"]).read_text())["runs"]
    (run,) = [
        r
        for r in runs
        if (r["arm"], r["seed"]) == (record["run"]["arm"], record["run"]["seed"]) and r["machine"] == record["machine"]
    ]
    assert [e["test_accuracy"] for e in run["epochs"]] == record["epoch_test_accuracy"]
    assert run["test_accuracy"] == record["test_accuracy"] and run["test_loss"] == record["test_loss"]


class Saved:
    def save(self, path):
        Path(path).write_text("a model")


def test_another_run_in_a_clone_is_saved_as_the_learners_own_and_leaves_the_series_model(tmp_path, monkeypatch):
    clone = tmp_path / "clone"
    (clone / "data").mkdir(parents=True)
    (clone / "pyproject.toml").write_text("")
    shutil.copy(ROOT / "data" / data_files.TRAINED_MODEL_RECORD, clone / "data")
    (clone / "data" / MODEL.name).write_text("the series' model")
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", clone / "data")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    path, reproduced = data_files.save_trained_model(Saved(), [0.5, 0.6, 0.7])
    assert (
        not reproduced and path == tmp_path / "home" / "embedding-series" / MODEL.name and path.read_text() == "a model"
    )
    assert (clone / "data" / MODEL.name).read_text() == "the series' model"
    recorded = data_files.trained_model_record()["epoch_test_accuracy"]
    path, reproduced = data_files.save_trained_model(Saved(), recorded)
    assert reproduced and path == clone / "data" / MODEL.name and path.read_text() == "the series' model"
