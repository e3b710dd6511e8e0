"""Skip-gram with negative sampling: the examples it trains on, and the model (two lookups and a dot product)."""

import numpy as np
import pytest

from helpers import skipgram


def test_pairs_stay_inside_a_window_and_inside_a_sequence():
    sequences = [[1, 4, 5, 6], [1, 7, 8]]  # 1 = <start>, never a word
    centres, contexts, labels = skipgram.skipgram_examples(sequences, 10, window_size=1, num_negative=2, subsample=None)
    pairs = sorted(zip(centres.tolist(), contexts[:, 0].tolist()))
    assert pairs == [(4, 5), (5, 4), (5, 6), (6, 5), (7, 8), (8, 7)]  # never (6, 7): that crosses two reviews
    assert contexts.shape == labels.shape == (6, 3) and contexts.dtype == np.int32
    assert np.array_equal(labels[:, 0], np.ones(6)) and not labels[:, 1:].any()
    assert contexts[:, 1:].min() >= 4  # negatives are words, never padding, start or unknown


def test_a_wider_window_gives_more_pairs_and_the_same_seed_the_same_examples():
    sequences = [list(range(4, 20))]
    one = skipgram.skipgram_examples(sequences, 20, window_size=1, subsample=None, seed=3)
    two = skipgram.skipgram_examples(sequences, 20, window_size=2, subsample=None, seed=3)
    assert len(one[0]) == 2 * 15 and len(two[0]) == 2 * 15 + 2 * 14
    again = skipgram.skipgram_examples(sequences, 20, window_size=2, subsample=None, seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(two, again))


def test_subsampling_thins_frequent_words_only():
    counts = np.array([0, 0, 0, 0, 1_000_000, 10])
    keep = skipgram.keep_probability(counts, 1e-3)
    assert keep[4] < 0.05 and keep[5] == 1.0
    distribution = skipgram.negative_distribution(counts)
    assert distribution[:4].sum() == 0 and np.isclose(distribution.sum(), 1.0)


def test_an_index_past_the_vocabulary_is_refused():
    with pytest.raises(ValueError, match="index 12 is outside the vocabulary of 10"):
        skipgram.skipgram_examples([[4, 12]], 10)


def test_the_model_is_two_tables_a_dot_product_and_a_sigmoid():
    model = skipgram.build_skipgram_model(vocab_size=50, embedding_dim=4, num_negative=2)
    assert model.count_params() == 2 * 50 * 4
    centre, contexts = np.array([4, 7]), np.array([[5, 9, 30], [8, 4, 11]])
    W = model.get_layer("centre_embedding").get_weights()[0]
    C = model.get_layer("context_embedding").get_weights()[0]
    by_hand = 1 / (1 + np.exp(-np.einsum("bd,bcd->bc", W[centre], C[contexts])))  # W[indices], C[indices], dot, sigmoid
    assert np.allclose(model.predict([centre, contexts], verbose=0), by_hand, atol=1e-6)


def test_subsampling_counts_words_only():
    """Word frequencies are shares of the word tokens: start and unknown tokens change no word's chance to stay."""
    rng = np.random.default_rng(0)
    sequences = [[1, *rng.integers(4, 30, size=40)] for _ in range(50)]
    counts = skipgram.word_counts(sequences, 30)
    many_unknown = counts.copy()
    many_unknown[2] = 10 * counts.sum()  # as if the reviews held ten times as many unknown words
    one = skipgram.skipgram_examples(sequences, 30, subsample=1e-2, seed=5, counts=counts)
    two = skipgram.skipgram_examples(sequences, 30, subsample=1e-2, seed=5, counts=many_unknown)
    assert all(np.array_equal(a, b) for a, b in zip(one, two))
