"""Issue 20, nothing silent: a bad row, index or size gives one line naming the argument, never a wrong result.

NumPy reads row -1 as the last row, ``True`` as row 1 and casts 4.5 to 4 without a word; each helper below
refuses those with a ValueError (or a TypeError for the wrong kind of value) of one line.
"""

import numpy as np
import pytest

from helpers import embedding_space, glove, learning, skipgram, text, training
from helpers.validation import check_index_sequences, check_row_indices, check_string, check_word_index


def one_line(error) -> str:
    message = str(error.value)
    assert "\n" not in message, message
    return message


def table(rows: int = 8) -> np.ndarray:
    return np.random.default_rng(0).normal(size=(rows, 3))


# 1. embedding_space: every row index is a whole number inside the table.


@pytest.mark.parametrize(
    "positive, negative, error, says",
    [
        ([-1], [5], ValueError, r"positive_rows holds the negative row -1; rows count from 0 to 7"),
        ([5], [8], ValueError, r"negative_rows holds row 8, past the last row 7 of this 8-row table"),
        ([5.0], [6], TypeError, r"positive_rows must hold whole-number rows, got 5\.0"),
        (np.array([5.0]), [6], TypeError, r"positive_rows must hold whole-number rows, got 5\.0 \(dtype float64\)"),
        ([True], [6], TypeError, r"positive_rows must hold whole-number rows, got True"),
        (np.arange(8) > 5, [6], TypeError, r"positive_rows holds True/False, not row numbers.*np\.flatnonzero"),
        (5, [6], TypeError, r"positive_rows must be a list of row numbers, got the single row 5; wrap it: \[5\]"),
        ([], [6], ValueError, r"positive_rows is empty"),
        ([[5, 6]], [6], ValueError, r"positive_rows must be a flat list of row numbers, got shape \(1, 2\)"),
        ([5], [5], ValueError, r"the positive and negative rows have the same mean"),
    ],
)
def test_sentiment_direction_refuses_rows_numpy_would_misread(positive, negative, error, says):
    with pytest.raises(error, match=says) as raised:
        embedding_space.sentiment_direction(table(), positive, negative)
    one_line(raised)


def test_sentiment_direction_still_takes_numpy_rows():
    W = table()
    direction = embedding_space.sentiment_direction(W, np.array([4, 5]), [np.int64(6)])
    expected = W[[4, 5]].mean(axis=0) - W[6]
    assert np.allclose(direction, expected / np.linalg.norm(expected))


def test_nearest_neighbours_refuses_a_bool_or_negative_row():
    W = table()
    with pytest.raises(ValueError, match=r"row must be a word's row, 0 to 7, got True") as raised:
        embedding_space.nearest_neighbours(W, True, k=2, first_word=0)  # True is 1 to Python
    one_line(raised)
    with pytest.raises(ValueError, match=r"row must be a word's row, 4 to 7, got np.int64\(-1\)"):
        embedding_space.nearest_neighbours(W, np.int64(-1), k=2)
    with pytest.raises(ValueError, match=r"first_word must be 0 or more, got -1"):
        embedding_space.nearest_neighbours(W, 5, k=2, first_word=-1)


@pytest.mark.parametrize(
    "X, says",
    [
        (np.zeros((0, 5)), r"X has shape \(0, 5\), but pca_2d needs at least 2 rows and 2 columns"),
        (np.zeros((1, 5)), r"X has shape \(1, 5\), but pca_2d needs at least 2 rows and 2 columns"),
        (np.zeros((5, 1)), r"X has shape \(5, 1\), but pca_2d needs at least 2 rows and 2 columns"),
        (np.zeros(5), r"X must be a table \(rows x dimensions\), got shape \(5,\)"),
        (np.ones((3, 4)), r"all 3 rows of X are the same point"),
        ([[1.0, np.nan], [2.0, 3.0]], r"X holds NaN or infinity"),
    ],
)
def test_pca_2d_needs_two_rows_of_spread(X, says):
    with pytest.raises(ValueError, match=says) as raised:
        embedding_space.pca_2d(X)
    one_line(raised)


def test_pca_2d_of_two_rows_works():
    points, explained = embedding_space.pca_2d([[0.0, 0.0], [1.0, 2.0]])
    assert points.shape == (2, 2) and np.isclose(explained[0], 1.0)


def test_export_for_projector_refuses_rows_outside_w_and_a_wrong_number_of_scores(tmp_path):
    W = table()
    with pytest.raises(ValueError, match=r"labels' rows holds the negative row -1") as raised:
        embedding_space.export_for_projector(W, {-1: "last"}, folder=tmp_path)
    one_line(raised)
    with pytest.raises(ValueError, match=r"labels' rows holds row 8, past the last row 7"):
        embedding_space.export_for_projector(W, {8: "past"}, folder=tmp_path)
    with pytest.raises(ValueError, match=r"scores has 2 numbers but labels lists 1 rows"):
        embedding_space.export_for_projector(W, {4: "the"}, [0.5, 0.6], folder=tmp_path)
    with pytest.raises(TypeError, match=r"labels must be a dict row -> word"):
        embedding_space.export_for_projector(W, [4, 5], folder=tmp_path)
    assert not list(tmp_path.iterdir())  # nothing written before the check


def test_cosine_similarities_score_norm_and_same_side_share_explain_bad_arguments():
    W = table()
    with pytest.raises(ValueError, match=r"vector has shape \(2, 3\) but W's rows have 3 numbers") as raised:
        embedding_space.cosine_similarities(W, W[:2])
    one_line(raised)
    with pytest.raises(TypeError, match=r"reference must be a score between 0 and 1, got 'half'"):
        embedding_space.score_norm("half")
    with pytest.raises(ValueError, match=r"chunk must be at least 1"):
        embedding_space.same_side_share(W, np.linspace(0, 1, 8), 0.5, k=2, chunk=0)
    with pytest.raises(ValueError, match=r"same_side_share needs at least 2 words, got 1"):
        embedding_space.same_side_share(W[:1], [0.3], 0.5, k=1)
    with pytest.raises(ValueError, match=r"vocab_size must be at least 1"):
        embedding_space.word_row("good", {"good": 2}, 0)
    with pytest.raises(TypeError, match=r"word_index must be a dict word -> rank, got NoneType"):
        embedding_space.word_row("good", None, 8)


def test_single_word_scores_checks_start_index_and_bool_rows():
    import keras

    class Model:
        layers = [keras.layers.Embedding(10, 2)]

        def predict(self, x, batch_size, verbose):
            return x[:, 1:2].astype(float) / 10

    with pytest.raises(ValueError, match=r"start_index=10 is past the model's 10 rows") as raised:
        embedding_space.single_word_scores(Model(), [4], start_index=10)
    one_line(raised)
    with pytest.raises(ValueError, match=r"start_index must be 0 or more, got -1"):
        embedding_space.single_word_scores(Model(), [4], start_index=-1)
    with pytest.raises(TypeError, match=r"rows holds True/False"):
        embedding_space.single_word_scores(Model(), [4, True])


# 2. glove.aligned_matrix: every index is a whole number of 0 or more; rows past vocab_size are left out.


@pytest.fixture
def tiny_glove():
    return glove.GloveVectors(["the", "good", "bad"], np.arange(9, dtype="float32").reshape(3, 3), "test")


@pytest.mark.parametrize(
    "rows, error, says",
    [
        ({"good": -1}, ValueError, r"rows\['good'\] is -1, a negative row; rows count from 0"),
        ({"good": 4.0}, TypeError, r"rows\['good'\] must be a whole-number row, got 4\.0"),
        ({"good": True}, TypeError, r"rows\['good'\] must be a whole-number row, got True"),
        ({"good": "4"}, TypeError, r"rows\['good'\] must be a whole-number row, got '4'"),
        ([("good", 4)], TypeError, r"rows must be a dict word -> row"),
        ({"good": 4, "bad": 4}, ValueError, r"rows maps both 'good' and 'bad' to row 4; each row can hold one"),
        ({"good": 4, "bad": np.int64(4)}, ValueError, r"rows maps both 'good' and 'bad' to row 4"),
    ],
)
def test_aligned_matrix_refuses_indices_that_would_write_a_wrong_row(tiny_glove, rows, error, says):
    with pytest.raises(error, match=says) as raised:
        glove.aligned_matrix(rows, tiny_glove, vocab_size=6)
    one_line(raised)


def test_aligned_matrix_checks_vocab_size_and_still_skips_rows_past_it(tiny_glove):
    with pytest.raises(ValueError, match=r"vocab_size must be at least 1, got 0"):
        glove.aligned_matrix({"good": 4}, tiny_glove, vocab_size=0)
    with pytest.raises(TypeError, match=r"vocab_size must be a whole number, got 6\.0"):
        glove.aligned_matrix({"good": 4}, tiny_glove, vocab_size=6.0)
    with pytest.raises(TypeError, match=r"glove must be GloveVectors"):
        glove.aligned_matrix({"good": 4}, {"good": [1, 2, 3]}, vocab_size=6)
    matrix, found = glove.aligned_matrix({"the": 0, "good": np.int64(5), "bad": 6}, tiny_glove, vocab_size=6)
    assert found.tolist() == [True, False, False, False, False, True]  # bad (row 6) is past the table: left out
    assert np.array_equal(matrix[5], tiny_glove["good"]) and np.array_equal(matrix[0], tiny_glove["the"])


# 3. skipgram: sequences of whole-number indices inside the vocabulary.


@pytest.mark.parametrize(
    "sequences, error, says",
    [
        ([[4, 5], [6, 7.5]], TypeError, r"sequences\[1\] holds 7\.5, not a token index"),
        ([np.array([4.0, 5.0])], TypeError, r"sequences\[0\] holds floats \(dtype float64, e\.g\. 4\.0\)"),
        ([[4, 5], [6, -1]], ValueError, r"sequences\[1\] holds the negative index -1"),
        ([[4, 5], [6, 12]], ValueError, r"index 12 is outside the vocabulary of 10 \(in sequences\[1\]\)"),
        ([[4, None]], TypeError, r"sequences\[0\] holds None, not a token index"),
        ([np.array([True, False])], TypeError, r"sequences\[0\] holds True/False"),
        ([4, 5, 6], TypeError, r"but sequences\[0\] is 4; wrap one review in a list: \[\[4, 5, 6\]\]"),
    ],
)
def test_skipgram_examples_refuses_indices_it_would_cast_or_misread(sequences, error, says):
    with pytest.raises(error, match=says) as raised:
        skipgram.skipgram_examples(sequences, 10, subsample=None)
    one_line(raised)
    with pytest.raises(error, match=says):
        skipgram.word_counts(sequences, 10)  # the counts would grow past vocab_size, or fail in bincount


@pytest.mark.parametrize(
    "settings, error, says",
    [
        ({"counts": [1, 2, 3]}, ValueError, r"counts has shape \(3,\), expected \(10,\)"),
        ({"counts": -np.ones(10)}, ValueError, r"counts must be finite and 0 or more"),
        ({"subsample": -1e-3}, ValueError, r"subsample must be above 0, got -0\.001"),
        ({"subsample": "1e-3"}, TypeError, r"subsample must be a number such as 1e-3"),
        ({"seed": -1}, ValueError, r"seed must be 0 or more, got -1"),
    ],
)
def test_skipgram_examples_checks_its_other_arguments(settings, error, says):
    with pytest.raises(error, match=says) as raised:
        skipgram.skipgram_examples([[4, 5, 6, 7]], 10, **settings)
    one_line(raised)


def test_skipgram_model_sizes_are_checked_with_the_helpers_names():
    with pytest.raises(ValueError, match=r"vocab_size must be at least 1, got 0") as raised:
        skipgram.build_skipgram_model(vocab_size=0, embedding_dim=4, num_negative=2)
    one_line(raised)
    with pytest.raises(TypeError, match=r"num_negative must be a whole number"):
        skipgram.build_skipgram_model(vocab_size=10, embedding_dim=4, num_negative=2.5)


def test_skipgram_still_takes_empty_reviews_and_numpy_int_reviews():
    sequences = [np.array([4, 5, 6], dtype=np.int32), [], [7, 8]]
    centres, contexts, labels = skipgram.skipgram_examples(sequences, 10, window_size=1, subsample=None)
    assert sorted(zip(centres.tolist(), contexts[:, 0].tolist())) == [(4, 5), (5, 4), (5, 6), (6, 5), (7, 8), (8, 7)]
    assert skipgram.word_counts(sequences, 10).tolist() == [0, 0, 0, 0, 1, 1, 1, 1, 1, 0]


# 4. learning.changed_rows: bit for bit, NaN included.


def test_changed_rows_compares_bits_so_an_unchanged_nan_row_is_unchanged():
    before = np.array([[np.nan, 1.0], [0.0, 2.0], [3.0, 4.0]], dtype="float32")
    after = before.copy()
    assert learning.changed_rows(before, after) == []  # before != after would say [0]: NaN != NaN
    after[2, 0] = np.nan
    assert learning.changed_rows(before, after) == [2]  # a number that became NaN changed
    after = before.copy()
    after[0, 0] = 5.0
    assert learning.changed_rows(before, after) == [0]  # NaN that became a number changed
    after = before.copy()
    after[1, 0] = -0.0
    assert learning.changed_rows(before, after) == [1]  # 0.0 -> -0.0: equal values, different bits


def test_changed_rows_explains_what_it_cannot_compare_bit_for_bit():
    a = np.zeros((3, 2), dtype="float32")
    with pytest.raises(ValueError, match=r"before is float32 but after is float64; bit for bit needs the same dtype"):
        learning.changed_rows(a, a.astype("float64"))
    with pytest.raises(ValueError, match=r"must be weight matrices \(rows x columns\), got shape \(3,\)") as raised:
        learning.changed_rows(a[:, 0], a[:, 1])
    one_line(raised)


def test_embedding_gradient_refuses_indices_the_layer_would_misread():
    import keras

    layer = keras.layers.Embedding(10, 2)
    layer.build((None,))
    with pytest.raises(TypeError, match=r"token indices must be whole numbers, got dtype float64"):
        learning.embedding_gradient(layer, [[1.5, 2]])
    with pytest.raises(ValueError, match=r"token index 10 is outside the vocabulary \[0, 10\)"):
        learning.embedding_steps(layer, [[[1, 10]]], keras.optimizers.SGD(0.1))
    with pytest.raises(ValueError, match=r"token index -1 is negative"):
        learning.embedding_gradient(layer, [[-1]])
    with pytest.raises(TypeError, match=r"layer must be a keras.layers.Embedding, got Dense"):
        learning.embedding_gradient(keras.layers.Dense(2), [[1]])


def test_train_with_snapshots_checks_tokens_and_labels_first():
    model = learning.build_toy_model(4)
    with pytest.raises(ValueError, match=r"token index 5 is outside the vocabulary \[0, 5\)"):
        learning.train_with_snapshots(model, np.array([[1, 5]]), [1], num_steps=1)
    with pytest.raises(ValueError, match=r"x holds 1 reviews but y 2 labels"):
        learning.train_with_snapshots(model, np.array([[1, 2]]), [1, 0], num_steps=1)


# 5. text, pca_2d (above) and training: the helper's own names, before Python or Keras answer.


@pytest.mark.parametrize("bad", [None, 3, ["This is a text"], b"bytes"])
def test_split_words_wants_a_string(bad):
    with pytest.raises(TypeError, match=r"text must be a string, got .*; pass one sentence") as raised:
        text.split_words(bad)
    one_line(raised)


@pytest.mark.parametrize(
    "word_index, error, says",
    [
        (None, TypeError, r"word_index must be a dict word -> index, got None; build it with build_word_index"),
        ({"this": "1"}, TypeError, r"word_index\['this'\] must be a whole number, got '1'"),
        ({"this": 1.0}, TypeError, r"word_index\['this'\] must be a whole number, got 1\.0"),
        ({"this": 0}, ValueError, r"word_index\['this'\] is 0, but word indices count from 1"),
        ({3: 1}, TypeError, r"word_index has the key 3, not a word"),
    ],
)
def test_text_helpers_explain_a_bad_word_index(word_index, error, says):
    with pytest.raises(error, match=says) as raised:
        text.texts_to_sequences(["This is a text"], word_index)
    one_line(raised)
    with pytest.raises(error, match=says):
        text.make_string_lookup(word_index)


def test_make_string_lookup_refuses_an_empty_word_index():
    with pytest.raises(ValueError, match=r"word_index is empty"):
        text.make_string_lookup({})


@pytest.mark.parametrize(
    "settings, error, says",
    [
        ({"vocab_size": 0}, ValueError, r"vocab_size must be at least 1, got 0"),
        ({"vocab_size": -5}, ValueError, r"vocab_size must be at least 1, got -5"),
        ({"vocab_size": 5000.0}, TypeError, r"vocab_size must be a whole number, got 5000\.0"),
        ({"embedding_dim": 0}, ValueError, r"embedding_dim must be at least 1, got 0"),
        ({"embedding_dim": True}, TypeError, r"embedding_dim must be a whole number, got True"),
        ({"input_length": 0}, ValueError, r"input_length must be at least 1, got 0"),
        ({"vocab_size": 10**9}, ValueError, r"Embedding\(1000000000, 32\) would hold"),
        ({"mask_zero": "yes"}, TypeError, r"mask_zero must be True or False, got 'yes'"),
    ],
)
def test_build_seed_model_checks_its_own_arguments_before_keras(settings, error, says):
    with pytest.raises(error, match=says) as raised:
        training.build_seed_model(**settings)
    one_line(raised)


def test_training_helpers_check_sizes_and_tokens():
    x, y = [[1, 4, 5], [1, 6]], [0, 1]
    with pytest.raises(ValueError, match=r"sequence_length must be at least 1, got 0"):
        training.make_bucketed_batches(x, y, sequence_length=0)
    with pytest.raises(TypeError, match=r"x\[1\] holds 6\.5, not a token index"):
        training.make_bucketed_batches([[1, 4, 5], [1, 6.5]], y)
    with pytest.raises(ValueError, match=r"x\[0\] holds the negative index -4"):
        training.make_bucketed_batches([[1, -4], [1, 6]], y)
    with pytest.raises(ValueError, match=r"x holds 2 reviews but y 3 labels"):
        training.make_bucketed_batches(x, [0, 1, 1])
    with pytest.raises(ValueError, match=r"x holds 2 reviews but y 1 labels"):
        training.validation_split(x, [0], 1)
    with pytest.raises(ValueError, match=r"bucket_batches must be at least 1"):
        training.bucketed_batch_indices([3, 2], 1, np.random.default_rng(0), bucket_batches=0)
    with pytest.raises(ValueError, match=r"progress_lines_per_epoch must be 0 or more, got -1"):
        training.make_epoch_callbacks(progress_lines_per_epoch=-1)


# The shared checks in helpers.validation.


def test_check_row_indices_returns_int64_rows_and_names_the_argument():
    assert check_row_indices([4, np.int32(5)], 8).tolist() == [4, 5]
    assert check_row_indices(range(2), 8).dtype == np.int64
    with pytest.raises(ValueError, match=r"my_rows holds the negative row -2"):
        check_row_indices(np.array([3, -2]), 8, "my_rows")
    with pytest.raises(TypeError, match=r"my_rows must be a list of row numbers, got 'abc'"):
        check_row_indices("abc", 8, "my_rows")


def test_check_index_sequences_and_the_string_checks():
    assert [a.tolist() for a in check_index_sequences([[1, 2], []], vocab_size=3)] == [[1, 2], []]
    with pytest.raises(TypeError, match=r"reviews\[0\] holds nan, not a token index"):
        check_index_sequences([[1.0, np.nan]], name="reviews")
    with pytest.raises(ValueError, match=r"reviews\[0\] must be a flat list of token indices, not a ragged list"):
        check_index_sequences([[[1], [1, 2]]], name="reviews")
    assert check_string("ok", "text") == "ok"
    assert check_word_index({"a": np.int64(1)}) == {"a": 1}
