"""Neighbours, PCA, the sentiment direction, scores against a reference, the projector export and the data files
(notebooks 06-07)."""

import html

import numpy as np
import pytest

from helpers import data_files, embedding_space, exercises, imdb, imdb_raw

WORD_INDEX = {"the": 1, "good": 2, "great": 3, "bad": 4, "rare": 10}


def toy_embedding():
    W = np.zeros((8, 3))
    W[4] = [1, 0, 0]  # the
    W[5] = [0, 1, 0]  # good
    W[6] = [0, 2, 0.1]  # great: same direction as good, twice as long
    W[7] = [0, -1, 0]  # bad
    W[:4] = [5, 5, 5]  # non-word rows must never be neighbours
    return W


def test_cosine_similarity_ignores_length_and_matches_the_formula():
    W = toy_embedding()
    sims = embedding_space.cosine_similarities(W, W[5])
    assert np.isclose(sims[6], W[5] @ W[6] / (np.linalg.norm(W[5]) * np.linalg.norm(W[6])))
    assert np.isclose(sims[7], -1.0) and np.isclose(sims[5], 1.0)


def test_nearest_neighbours_skip_the_word_itself_and_the_reserved_rows():
    result = embedding_space.nearest_neighbours(toy_embedding(), 5, k=3)
    assert [row for row, _ in result] == [6, 4, 7]


def test_word_row_explains_unknown_and_dropped_words():
    assert embedding_space.word_row(" Good ", WORD_INDEX, 8) == 5
    with pytest.raises(ValueError, match="not in IMDB's word index"):
        embedding_space.word_row("zyxwv", WORD_INDEX, 8)
    with pytest.raises(ValueError, match="outside the 8 most frequent words"):
        embedding_space.word_row("rare", WORD_INDEX, 8)
    with pytest.raises(ValueError, match="type a word"):
        embedding_space.word_row("  ", WORD_INDEX, 8)


def test_describe_neighbours_never_raises():
    assert embedding_space.describe_neighbours("good", toy_embedding(), WORD_INDEX, k=1) == "good: great 1.00"
    assert "not in IMDB's word index" in embedding_space.describe_neighbours("zyxwv", toy_embedding(), WORD_INDEX)


def test_pca_matches_the_principal_axes_and_explained_variance():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 5)) * [10, 3, 1, 0.1, 0.1]
    points, explained = embedding_space.pca_2d(X)
    assert points.shape == (200, 2)
    assert np.allclose(np.abs(np.corrcoef(points[:, 0], X[:, 0])[0, 1]), 1, atol=0.01)
    assert explained[0] > explained[1] > 0 and explained.sum() < 1
    assert np.allclose(points.var(axis=0, ddof=0).sum() / X.var(axis=0).sum(), explained.sum())


def test_sentiment_direction_is_a_unit_vector_from_negative_to_positive():
    direction = embedding_space.sentiment_direction(toy_embedding(), [5, 6], [7])
    assert np.isclose(np.linalg.norm(direction), 1) and direction[1] > 0.99


def test_single_word_scores_feed_start_then_word():
    import keras

    class Recorder:
        layers = [keras.layers.Embedding(10, 2)]  # single_word_scores checks rows against its input_dim

        def predict(self, x, batch_size, verbose):
            self.x = x
            return x[:, 1:2].astype(float) / 10

    model = Recorder()
    assert np.allclose(embedding_space.single_word_scores(model, [4, 5]), [0.4, 0.5])
    assert model.x.tolist() == [[1, 4], [1, 5]]


def test_score_norm_puts_the_reference_at_the_middle_of_the_colour_map():
    norm = embedding_space.score_norm(0.17)
    assert np.isclose(norm(0.17), 0.5) and np.isclose(norm(0.0), 0.0) and np.isclose(norm(1.0), 1.0)
    assert norm(0.1) < 0.5 < norm(0.3)
    for bad in (0, 1, 1.5):
        with pytest.raises(ValueError, match="strictly between 0 and 1"):
            embedding_space.score_norm(bad)


def test_same_side_share_counts_neighbours_on_the_words_side_against_chance():
    # Two tight clusters: words 0-2 point along +x and score high, words 3-5 along -x and score low.
    W = np.array([[1, 0.1], [1, 0.2], [1, 0.3], [-1, 0.1], [-1, 0.2], [-1, 0.3]])
    scores = np.array([0.9, 0.8, 0.7, 0.1, 0.2, 0.3])
    share, chance = embedding_space.same_side_share(W, scores, reference=0.5, k=2, chunk=4)  # chunk < n: chunks too
    assert share == 1.0 and np.isclose(chance, (3 * 2 + 3 * 2) / (6 * 5))
    # Swap the scores of one word from each side: its neighbours are now on the other side.
    flipped = scores[[3, 1, 2, 0, 4, 5]]
    share, _ = embedding_space.same_side_share(W, flipped, reference=0.5, k=2)
    assert share < 1.0
    # Random directions: about chance.
    rng = np.random.default_rng(0)
    share, chance = embedding_space.same_side_share(rng.normal(size=(600, 8)), rng.random(600), 0.5, k=5)
    assert abs(share - chance) < 0.05 and abs(chance - 0.5) < 0.01


def test_same_side_share_explains_bad_arguments():
    with pytest.raises(ValueError, match="one per word"):
        embedding_space.same_side_share(np.ones((4, 2)), [0.1, 0.2], 0.5)
    with pytest.raises(ValueError, match="choose k from 1 to 3"):
        embedding_space.same_side_share(np.eye(4), [0.1, 0.2, 0.7, 0.8], 0.5, k=4)


def test_projector_export_writes_matching_rows(tmp_path):
    W = toy_embedding()
    labels = {4: "the", 5: "good", 6: "great", 7: "bad"}
    vectors, metadata = embedding_space.export_for_projector(W, labels, [0.5, 0.9, 0.95, 0.1], folder=tmp_path)
    vector_lines = vectors.read_text().splitlines()
    metadata_lines = metadata.read_text().splitlines()
    assert len(vector_lines) == 4 and len(metadata_lines) == 5
    assert metadata_lines[0] == "word\tpositive_probability" and metadata_lines[2] == "good\t0.900"
    assert np.allclose(np.loadtxt(vectors, delimiter="\t"), W[4:8])
    _, plain = embedding_space.export_for_projector(W, labels, folder=tmp_path / "plain")
    # One column: no header (the Projector would take it for the first word's label), one line per vector.
    assert plain.read_text().splitlines() == ["the", "good", "great", "bad"]


def test_own_reviews_are_read_with_their_labels(tmp_path, monkeypatch):
    pairs = data_files.read_labelled_reviews("my_reviews.txt")
    assert len(pairs) >= 4 and {label for label, _ in pairs} == {"pos", "neg"}
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", tmp_path)
    (tmp_path / "bad.txt").write_text("positive: great film\n")
    with pytest.raises(ValueError, match="line 1: expected 'pos' or 'neg'"):
        data_files.read_labelled_reviews("bad.txt")


def lstm_weights(units: int, embedding_dim: int = 32) -> int:
    """The weights a real Keras LSTM(units) holds after an Embedding(5000, embedding_dim)."""
    import keras

    layer = keras.layers.LSTM(units)
    layer.build((None, None, embedding_dim))
    return layer.count_params()


def embedding_output_shape(batch: int, length: int) -> tuple:
    import keras

    return tuple(keras.layers.Embedding(5000, 32).compute_output_shape((batch, length)))


def answers():
    """Each exercise's right answer computed here, from real layers and real data, and a tempting wrong one."""
    word_index_rank_of_movie = 17  # the published imdb_word_index.json ranks 'movie' 17th (checked below if present)
    W = toy_embedding()
    v = W[5]
    return [
        ("06.1", lstm_weights(64), lstm_weights(100)),
        ("06.2", word_index_rank_of_movie + imdb.INDEX_FROM, word_index_rank_of_movie),
        ("06.3", embedding_output_shape(64, 200), embedding_output_shape(64, 500)),
        ("07.1", 5000, 5000 - imdb.FIRST_WORD),
        ("07.2", float(embedding_space.cosine_similarities(v[None, :], -2 * v)[0]), 1.0),
        ("07.3", embedding_space.pca_2d(np.random.default_rng(0).normal(size=(1000, 32)))[0].shape, (300, 2)),
    ]


def test_movie_has_rank_17_in_the_real_word_index(real_imdb_files):
    assert imdb_raw.read_word_index(real_imdb_files[1])["movie"] == 17


@pytest.mark.parametrize("question, right, wrong", answers(), ids=lambda value: str(value))
def test_exercise_checks_accept_the_answer_and_reject_a_wrong_one(question, right, wrong, capsys):
    assert exercises.is_correct(question, right) is True
    assert exercises.is_correct(question, wrong) is False


def test_the_neighbour_finder_shows_and_announces_each_answer_and_keeps_a_snapshot():
    from helpers import interactive
    from helpers.embedding_space import describe_neighbours

    rng = np.random.default_rng(0)
    W = rng.normal(size=(9, 3)).astype("float32")  # rows 0-3 reserved, then Keras' ranks 1-5 at rows 4-8 (+3)
    word_index = {w: rank for rank, w in enumerate(["great", "good", "fine", "bad", "awful"], start=1)}
    finder = interactive.neighbour_finder(W, word_index, list(word_index), first="great", k=2)
    assert finder.announcer.kind == "announce"
    assert finder.announcer.text == describe_neighbours("great", W, word_index, k=2)
    finder.word_box.value = "nope"  # an unknown word: one line saying so, shown and announced
    assert finder.announcer.text == describe_neighbours("nope", W, word_index, k=2)
    assert html.escape(finder.announcer.text) in finder.result.value
    snapshot = finder.mimebundle()["text/html"]
    assert "Snapshot, not live" in snapshot and "word: great" in snapshot and "Combobox(" not in snapshot
