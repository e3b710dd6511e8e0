"""helpers/heads.py and experiments/imdb_heads.py: what each head is, which ignore padding, the design fixed first."""

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import import_experiment

import helpers
from helpers import heads

ROOT = Path(__file__).resolve().parents[1]
keras = helpers.import_keras_quietly()

VOCAB, DIM, STEPS = 50, 8, 12


def toy_batch():
    """Two reviews padded in front with 0: 3 and 7 real tokens."""
    x = np.zeros((2, STEPS), dtype="int32")
    x[0, -3:] = [5, 6, 7]
    x[1, -7:] = [1, 2, 3, 4, 9, 11, 12]
    return x


def predictions_after_row_0_changes(head: str):
    """The model's outputs before and after row 0 (the padding's row) of the token table is replaced."""
    keras.utils.set_random_seed(3)
    model = heads.build_head_model(head, VOCAB, DIM, STEPS)
    before = model.predict(toy_batch(), verbose=0)
    layer = model.get_layer("embedding")
    table = layer.tokens if head == "transformer" else layer
    weights = table.get_weights()[0].copy()
    weights[0] = np.random.default_rng(0).normal(size=DIM) * 5
    table.set_weights([weights])
    return before, model.predict(toy_batch(), verbose=0)


@pytest.mark.parametrize("head", ["pool", "transformer"])
def test_masked_heads_never_read_the_padding_row(head):
    before, after = predictions_after_row_0_changes(head)
    np.testing.assert_allclose(before, after, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("head", ["flatten", "conv", "lstm"])
def test_unmasked_heads_read_the_padding_row(head):
    before, after = predictions_after_row_0_changes(head)
    assert np.abs(before - after).max() > 1e-4


def test_parameter_counts_follow_from_the_layers():
    table = 5000 * 32
    counts = {head: heads.build_head_model(head).count_params() for head in heads.HEADS}
    assert counts["pool"] == table + 32 + 1
    assert counts["flatten"] == table + 500 * 32 + 1
    assert counts["conv"] == table + (heads.CONV_WIDTH * 32 + 1) * heads.CONV_FILTERS + heads.CONV_FILTERS + 1
    assert counts["lstm"] == table + 4 * (32 + 100 + 1) * 100 + 101 == 213_301
    attention = 4 * (32 * 32 + 32)  # query, key, value (2 heads x 16) and output projections
    block = attention + (32 * 64 + 64) + (64 * 32 + 32) + 2 * (2 * 32)  # feed-forward; two norms (scale, shift)
    assert counts["transformer"] == table + 500 * 32 + block + 33


def test_the_transformer_saves_and_loads(tmp_path):
    model = heads.build_head_model("transformer", VOCAB, DIM, STEPS)
    path = tmp_path / "transformer.keras"
    model.save(path)
    again = keras.saving.load_model(path)
    np.testing.assert_allclose(again.predict(toy_batch(), verbose=0), model.predict(toy_batch(), verbose=0), rtol=1e-6)


def test_an_unknown_head_names_the_choices():
    with pytest.raises(ValueError, match="unknown head 'gru': choose one of pool, flatten, conv, lstm, transformer"):
        heads.build_head_model("gru")


@pytest.fixture(scope="module")
def script():
    yield from import_experiment("imdb_heads")


def test_the_heads_experiment_trains_with_notebook_06s_recipe(script):
    controlled = script.imdb_controlled.header()["settings"]
    mine = script.header()
    assert mine["seeds"] == [1, 2, 3, 4, 5] and set(mine["arms"]) == set(heads.HEADS)
    for key in ("vocab_size", "embedding_dim", "sequence_length", "batch_size", "validation_size", "max_epochs"):
        assert mine["settings"][key] == controlled[key], key
    assert mine["settings"]["patience"] == controlled["patience"]
    assert set(script.TRAINED) | {"lstm"} == set(heads.HEADS)


def test_the_lstm_head_is_notebook_06s_pad500_es(script, tmp_path):
    controlled = tmp_path / "controlled.json"
    runs = [{"arm": "pad500_es", "seed": 2, "test_accuracy": 0.87}, {"arm": "seed", "seed": 2, "test_accuracy": 0.8}]
    runs += [{"arm": "pad500_es", "seed": 7, "test_accuracy": 0.86}]  # not one of the heads' seeds
    controlled.write_text(json.dumps({"runs": runs}))
    (run,) = script.lstm_runs(controlled)
    assert run["arm"] == "lstm" and run["seed"] == 2 and run["test_accuracy"] == 0.87 and "pad500_es" in run["from"]


def test_the_results_file_holds_only_the_design_fixed_in_advance(script):
    if not script.RESULTS.exists():
        pytest.skip("data/imdb_heads.json has no runs yet")
    results = json.loads(script.RESULTS.read_text())
    assert {k: v for k, v in results.items() if k != "runs"} == script.header()
    from helpers.seed_statistics import pairing_unit

    pairs = [(r["arm"], *pairing_unit(r)) for r in results["runs"]]
    assert len(pairs) == len(set(pairs)), "a head ran twice with one seed on one kind of machine"
    for run in results["runs"]:
        assert run["arm"] in script.TRAINED and run["seed"] in script.SEEDS and not run["quick"]
        assert {"cpu", "cores", "backend", "keras"} <= set(run["machine"])


@pytest.mark.slow
def test_a_head_trains_on_the_same_split_as_pad500_es(script, monkeypatch):
    """Same seed, same 90/10 split and the same padded arrays as the controlled experiment's pad500_es arm."""
    rng = np.random.default_rng(0)
    reviews = [list(rng.integers(1, 5000, size=rng.integers(5, 30))) for _ in range(40)]
    labels = rng.integers(0, 2, size=40)
    data = ((reviews[:30], labels[:30]), (reviews[30:], labels[30:]))
    seen = []

    def recording(build):
        def wrapped(*args, **kwargs):
            model = build(*args, **kwargs)
            fit = model.fit

            def recording_fit(x, y=None, **fit_kwargs):
                seen.append((np.asarray(x), np.asarray(y), fit_kwargs["validation_data"][1]))
                return fit(x, y, **fit_kwargs)

            model.fit = recording_fit
            return model

        return wrapped

    monkeypatch.setattr(script, "build_model", recording(script.build_model))
    monkeypatch.setattr(script.imdb_controlled, "build_model", recording(script.imdb_controlled.build_model))
    run = script.run_arm("pool", 4, data, None, quick=True)
    script.imdb_controlled.run_arm("pad500_es", 4, data, None, quick=True)
    (x_a, y_a, val_a), (x_b, y_b, val_b) = seen
    assert np.array_equal(x_a, x_b) and np.array_equal(y_a, y_b) and np.array_equal(val_a, val_b)
    assert run["train_size"] == 27 and run["arm"] == "pool" and run["params"] == 160_033


def test_heads_results_borrow_only_lstm_runs_that_can_pair(monkeypatch):
    from helpers import experiments

    def run(arm, seed, units):
        return {"arm": arm, "seed": seed, "test_accuracy": 0.8, "machine": {"cpu": "EPYC", "vector_extensions": units}}

    files = {
        "imdb_heads.json": {
            "seeds": [1, 2],
            "runs": [run("pool", 1, "avx512"), run("pool", 2, "avx512"), run("lstm", 2, "avx512")],
        },  # trained here: seed 2 had none
        "imdb_experiments.json": {
            "runs": [
                run("pad500_es", 1, "avx512"),
                run("pad500_es", 2, "avx2"),
                run("pad500_es", 9, "avx512"),
                run("seed", 1, "avx512"),
            ]
        },
    }
    monkeypatch.setattr(experiments, "load_results", lambda name=experiments.RESULTS_FILE: files[name])
    lstm = [
        (r["seed"], r["machine"]["vector_extensions"], r.get("from"))
        for r in experiments.heads_results()["runs"]
        if r["arm"] == "lstm"
    ]
    assert lstm == [(2, "avx512", None), (1, "avx512", "imdb_experiments.json, arm pad500_es")]
