"""experiments/imdb_size.py (issue 18's sweeps): its arms, the vocabulary cut, hashing, the step schedule,
the learning-rate choice, one real run."""

import json

import numpy as np
import pytest
from conftest import import_experiment


@pytest.fixture(scope="module")
def script():
    yield from import_experiment("imdb_size")


def test_every_arm_says_what_it_changes_and_nothing_else(script):
    groups = {name: len(arms) for name, arms in script.GROUPS.items()}
    assert groups == {"data": 24, "dim": 9, "vocab": 8, "shuffled": 4, "slow": 6, "hash": 3}
    assert len(script.TUNING) == 3 * 2 * 4 and set(script.ARMS) == set(script.SETTINGS)
    assert script.arm_settings("dim_8") == {
        "num_words": 5000,
        "embedding_dim": 8,
        "train_size": None,
        "start": "random",
        "hash_bins": None,
        "learning_rate": None,
    }
    assert script.arm_settings("vocab_250")["num_words"] == 250 and "vocab_5000" not in script.ARMS  # it is dim_32
    assert script.arm_settings("data_100_glove_frozen") | {"train_size": 0} == script.arm_settings(
        "data_100_random"
    ) | {"start": "glove_frozen", "train_size": 0}
    assert script.arm_settings("hash_5000")["hash_bins"] == 5000 and script.arm_settings("hash_5000")["num_words"] == (
        script.ALL_WORDS
    )
    assert script.arm_settings("tune_glove_tuned_500_lr0.03")["learning_rate"] == 0.03
    assert script.SEEDS == (1, 2, 3, 4, 5) and script.TUNING_SEED not in script.SEEDS
    assert script.header()["seeds"] == [1, 2, 3, 4, 5]


def test_every_comparison_pairs_two_arms_that_exist(script):
    for family, pairs in script.COMPARISONS.items():
        for arm, baseline in pairs:
            assert arm in script.ARMS and baseline in script.ARMS, (family, arm, baseline)
    assert ("dim_32", "vocab_2000") in script.COMPARISONS["vocabulary"]
    assert sum(len(p) for p in script.COMPARISONS.values()) == 16 + 4 + 8 + 8 + 3 + 12
    assert script.arm_settings("data_100_glove_tuned_lr0.003")["learning_rate"] == 0.003


def test_the_vocabulary_is_cut_as_keras_load_data_cuts_it(script):
    reviews = [[1, 14, 22, 4999, 5000, 88587], [], [1, 2]]
    cut = script.cut_vocabulary(reviews, 5000)
    assert [list(r) for r in cut] == [[1, 14, 22, 4999, 2, 2], [], [1, 2]]
    assert script.oov_share(cut) == pytest.approx(3 / 6)  # start tokens left out: 2 of 5 words, and the 2 of [1, 2]
    assert script.ALL_WORDS == 88_588  # rows 0..88,587: every word of the index


def test_hashing_keeps_padding_at_zero_and_counts_what_it_mixes(script):
    rows = script.hashed([[1, 4, 5, 88587], [4]], 50)
    assert [len(r) for r in rows] == [4, 1] and rows[0][1] == rows[1][0]  # the same word, the same row
    assert all(1 <= v < 50 for r in rows for v in r)  # row 0 is left to padding (mask_value=0)
    # words 4 and 5 share row 2; word 4 is 3 of the row's 4 tokens
    words, rows = np.array([1, 4, 5, 4, 6, 7, 4]), np.array([9, 2, 2, 2, 3, 4, 2])
    mixed = script.collisions(words, rows, 10)
    assert mixed == {"words": 4, "word_share": 0.5, "kept_word_share": 0.5, "token_purity": round(5 / 6, 6)}


def test_a_small_set_is_looked_at_every_few_steps_and_patience_is_counted_in_steps(script):
    assert script.epoch_schedule(100) == {
        "passes_per_epoch": 20,
        "steps_per_epoch": 40,
        "patience_epochs": 18,
        "max_epochs": 528,
    }
    full = script.epoch_schedule(22_500)
    assert full == {"passes_per_epoch": 1, "steps_per_epoch": 352, "patience_epochs": 3, "max_epochs": 60}
    for size in script.SIZES:
        s = script.epoch_schedule(size)
        assert s["steps_per_epoch"] >= script.MIN_EPOCH_STEPS and s["patience_epochs"] * s["steps_per_epoch"] >= 704


def test_the_learning_rate_is_the_best_on_validation_and_a_tie_goes_to_the_smaller(script):
    runs = []
    for name, s in script.TUNING.items():
        score = {"random": 0.001, "glove_frozen": 0.03, "glove_tuned": 0.003}[s["start"]]
        runs.append({"arm": name, "val_accuracy": 0.8 if s["learning_rate"] == score else 0.7})
    assert script.chosen_rates(runs) == {
        "random": 0.001,
        "glove_frozen": 0.03,
        "glove_tuned": 0.003,
        "glove_shuffled": 0.003,
    }
    tied = [{**r, "val_accuracy": 0.75} for r in runs]
    assert set(script.chosen_rates(tied).values()) == {0.001}
    with pytest.raises(KeyError, match="tune_random_500_lr0.001"):
        script.chosen_rates(runs[1:])


def test_the_shuffled_control_keeps_glove_rows_but_deals_them_to_other_words(script):
    matrix = np.zeros((20, 3), dtype="float32")
    matrix[4:19] = np.arange(45).reshape(15, 3) + 1
    out = script.shuffled_glove(matrix, seed=1)
    assert np.array_equal(out[:4], matrix[:4]) and not out[19].any()  # rows without a vector stay zero
    assert sorted(map(tuple, out[4:19])) == sorted(map(tuple, matrix[4:19])) and not np.array_equal(out, matrix)


def test_the_glove_arms_start_from_the_matrix_and_only_the_frozen_one_is_fixed(script):
    matrix = np.random.default_rng(0).normal(size=(5000, 50)).astype("float32")
    for start, trainable in (("glove_frozen", False), ("glove_tuned", True), ("glove_shuffled", True)):
        model = script.build_model({**script.arm_settings(f"data_100_{start}")}, matrix, 0.01)
        table = model.get_layer("embedding")
        assert np.array_equal(table.get_weights()[0], matrix) and table.trainable == trainable
        assert float(model.optimizer.learning_rate) == pytest.approx(0.01)
    random = script.build_model(script.arm_settings("data_100_random"), None, 0.001).get_layer("embedding")
    assert not np.array_equal(random.get_weights()[0], matrix) and random.trainable
    hashed = script.build_model(script.arm_settings("hash_1000"), None, 0.001).get_layer("embedding")
    assert hashed.input_dim == 1000


def test_a_quick_run_writes_one_complete_record(script, tmp_path, monkeypatch):
    from helpers import imdb

    rng = np.random.default_rng(0)
    fake = [list(rng.integers(3, 6000, size=rng.integers(5, 40))) for _ in range(600)]
    labels = rng.integers(0, 2, size=600)
    monkeypatch.setattr(imdb, "load_imdb", lambda **kwargs: ((fake, labels), (fake, labels)))
    monkeypatch.setattr(imdb, "imdb_source", lambda *args, **kwargs: "made-up reviews")
    results = tmp_path / "size.json"
    arms = ["dim_2", "vocab_250", "hash_1000"]
    assert script.main(["--quick", "--arms", *arms, "--seeds", "1", "--results", str(results)]) == 0
    saved = json.loads(results.read_text())
    runs = saved["runs"]
    assert [(r["arm"], r["seed"]) for r in runs] == [("dim_2", 1), ("vocab_250", 1), ("hash_1000", 1)]
    dim, vocab, hashing = runs
    assert dim["table_weights"] == 5000 * 2 and vocab["table_weights"] == 250 * 32 and vocab["oov_share_test"] > 0.9
    assert dim["adam_table_slot_weights"] == 2 * 5000 * 2 and dim["trainable_params"] == 5000 * 2 + 3
    assert hashing["collisions"]["words"] > 500 and hashing["table_weights"] == 1000 * 32
    assert all(r["quick"] and 0 <= r["test_accuracy"] <= 1 and r["machine"]["cpu"] for r in runs)
    assert all(r["learning_rate"] == script.QUICK_RATE and len(r["curve"]["val_loss"]) == r["epochs_run"] for r in runs)
    assert saved["chosen_learning_rates"]["random"] == script.QUICK_RATE


def test_pair_here_reruns_only_what_this_kind_of_machine_lacks(script):
    from helpers import experiments

    here, other = experiments.machine(), {**experiments.machine(), "cpu_signature": "another"}
    results = {"runs": [{"arm": "dim_32", "seed": 1, "machine": here}, {"arm": "dim_32", "seed": 2, "machine": other}]}
    todo = [("dim_32", 3)]
    assert script.missing_here(results, ["dim_32"], [1, 2, 3, 4], todo) == [("dim_32", 2), ("dim_32", 4)]
