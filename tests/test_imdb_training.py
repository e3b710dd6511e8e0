"""Length-bucketed batches, the validation split, and the epoch report used in notebook 06."""

import numpy as np
import pytest

from helpers import figures, training


def test_validation_split_is_disjoint_fixed_and_leaves_the_rest():
    x = np.empty(100, dtype=object)
    x[:] = [[i] * (i % 7 + 1) for i in range(100)]
    y = np.arange(100) % 2
    (x_fit, y_fit), (x_val, y_val) = training.validation_split(x, y, 10, seed=1)
    assert len(x_fit) == 90 and len(x_val) == 10
    ids = {s[0] for s in x_fit} | {s[0] for s in x_val}
    assert ids == set(range(100))
    again = training.validation_split(x, y, 10, seed=1)[1][0]
    assert [s[0] for s in again] == [s[0] for s in x_val]
    with pytest.raises(ValueError, match="leaves nothing to train on"):
        training.validation_split(x, y, 100)


def test_bucketed_batches_cover_every_review_once_and_group_lengths():
    lengths = np.random.default_rng(0).integers(1, 500, size=1000)
    batches = training.bucketed_batch_indices(lengths, 64, np.random.default_rng(1))
    assert sorted(np.concatenate(batches).tolist()) == list(range(1000))
    spread = np.mean([lengths[b].max() - lengths[b].min() for b in batches])
    assert spread < 100  # random batches would spread over ~470
    sorted_batches = training.bucketed_batch_indices(lengths, 64)
    assert np.all(np.diff(lengths[np.concatenate(sorted_batches)]) >= 0)


def test_a_long_review_keeps_its_end_as_pad_sequences_does():
    import keras

    review = list(range(1, 12))
    data = training.make_bucketed_batches([review], [1], batch_size=1, sequence_length=5, shuffle=False)
    assert data[0][0].tolist() == keras.utils.pad_sequences([review], maxlen=5).tolist() == [[7, 8, 9, 10, 11]]


def test_bucketed_dataset_pads_before_the_review_by_default():
    data = training.make_bucketed_batches([[1, 5], [1, 5, 6, 7]], [0, 1], batch_size=2, shuffle=False)
    assert data[0][0].tolist() == [[0, 0, 1, 5], [1, 5, 6, 7]]
    with pytest.raises(ValueError, match="padding must be 'pre' or 'post'"):
        training.make_bucketed_batches([[1]], [0], padding="middle")


def test_bucketed_dataset_gives_post_padded_batches_and_reshuffles():
    x = [[1] + [4] * n for n in range(1, 201)]
    y = np.arange(200) % 2
    data = training.make_bucketed_batches(x, y, batch_size=16, sequence_length=50, shuffle=True, seed=0, padding="post")
    assert len(data) == 13
    xb, yb = data[0]
    assert xb.shape[1] <= 50 and xb.dtype == np.int32 and yb.dtype == np.float32
    assert all(row[0] != 0 for row in xb)  # post-padding: every review starts at position 0
    before = [list(b) for b in data.batches]
    data.on_epoch_end()
    assert before != [list(b) for b in data.batches]
    assert 0 <= data.padded_fraction() < 0.2


def test_epoch_report_times_epochs_and_measures_test_accuracy(capsys):
    import keras

    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    x, y = np.zeros((8, 3)), np.ones(8)
    report = training.make_epoch_callbacks(test_data=(x, y))
    model.fit(x, y, epochs=2, verbose=0, callbacks=[report])
    assert len(report.seconds) == 2 and len(report.test_accuracy) == 2
    assert "epoch 2:" in capsys.readouterr().out


def test_epoch_report_shows_short_progress_lines_inside_an_epoch(capsys):
    import keras

    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    x, y = np.zeros((40, 3)), np.ones(40)
    model.fit(x, y, epochs=2, batch_size=2, verbose=0, callbacks=[training.make_epoch_callbacks()])
    lines = capsys.readouterr().out.splitlines()
    progress = [line for line in lines if "batch" in line]
    assert len(progress) == 2 * 4  # 5 lines per epoch, the last one is the epoch's own line
    assert progress[0].startswith("  epoch 1: batch 4/20, ") and "loss" in progress[0]
    assert max(len(line) for line in lines) < 60  # short enough never to wrap mid-number
    model.fit(
        x, y, epochs=1, batch_size=2, verbose=0, callbacks=[training.make_epoch_callbacks(progress_lines_per_epoch=0)]
    )
    assert "batch" not in capsys.readouterr().out


def test_learning_curve_figure_has_one_line_per_series():
    import matplotlib

    matplotlib.use("Agg")
    fig = figures.plot_learning_curves({"training": [0.7, 0.8]}, "t", {"test": [0.6, 0.65]})
    assert len(fig.axes[0].lines) == 2 and fig.axes[0].get_xlabel() == "epoch"


def test_bucketed_batches_round_their_length_up_for_jax():
    rng = np.random.default_rng(0)
    x = [list(rng.integers(1, 50, size=n)) for n in rng.integers(1, 501, size=640)]
    y = rng.integers(0, 2, size=640)
    exact = training.make_bucketed_batches(x, y, batch_size=64, shuffle=False)
    rounded = training.make_bucketed_batches(x, y, batch_size=64, shuffle=False, round_to=100)
    exact_lengths = [exact[i][0].shape[1] for i in range(len(exact))]
    rounded_lengths = [rounded[i][0].shape[1] for i in range(len(rounded))]
    assert rounded_lengths == [min(500, -(-n // 100) * 100) for n in exact_lengths]
    assert set(rounded_lengths) <= {100, 200, 300, 400, 500} and len(set(exact_lengths)) > 5
    for i in range(len(rounded)):  # rounding adds zeros in front only; the reviews are unchanged
        batch, padded = exact[i][0], rounded[i][0]
        assert np.array_equal(padded[:, padded.shape[1] - batch.shape[1] :], batch)
        assert not padded[:, : padded.shape[1] - batch.shape[1]].any()
    assert rounded.padded_fraction() > exact.padded_fraction()
    with pytest.raises(ValueError, match="round_to"):
        training.make_bucketed_batches(x, y, round_to=0)
