"""Where the trained model is saved and found: the series' model in a clone's data/ (or downloaded), the learner's
own in their Keras folder under another name, never site-packages; which run the repository's model is."""

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from helpers import data_files, training

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "data" / data_files.TRAINED_MODEL


def test_the_learners_own_model_goes_to_keras_home_in_a_clone_and_installed(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    assert data_files.own_model_path() == tmp_path / "home" / "embedding-series" / "my_imdb_lstm.keras"
    site = tmp_path / "site-packages"
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", site / "data")
    path = data_files.own_model_path()
    assert path == tmp_path / "home" / "embedding-series" / "my_imdb_lstm.keras" and site not in path.parents
    assert path.name != data_files.TRAINED_MODEL  # never the name the series' downloaded copy is cached under


@pytest.mark.skipif(not MODEL.is_file(), reason="data/imdb_lstm.keras is not in this checkout")
def test_the_series_model_is_loaded_unless_the_learners_own_is_asked_for(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    own = data_files.own_model_path()
    own.parent.mkdir(parents=True)
    mine = training.build_seed_model(name="mine")
    mine.get_layer("embedding").set_weights([np.full((5000, 32), 0.5, dtype="float32")])
    mine.save(own)
    reference = training.build_seed_model(name="reference")
    reference.load_weights(MODEL)  # weights only: they load on every admitted Keras
    series = reference.get_layer("embedding").get_weights()[0]
    loaded = data_files.load_trained_model().get_layer("embedding").get_weights()[0]
    assert np.array_equal(loaded, series)  # the model the text describes, although the learner has one of their own
    asked = data_files.load_trained_model(path=own).get_layer("embedding").get_weights()[0]
    assert np.all(asked == 0.5)


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
        not reproduced
        and path == tmp_path / "home" / "embedding-series" / data_files.OWN_TRAINED_MODEL
        and path.read_text() == "a model"
    )
    assert (clone / "data" / MODEL.name).read_text() == "the series' model"
    recorded = data_files.trained_model_record()["epoch_test_accuracy"]
    path, reproduced = data_files.save_trained_model(Saved(), recorded)
    assert reproduced and path == clone / "data" / MODEL.name and path.read_text() == "the series' model"
