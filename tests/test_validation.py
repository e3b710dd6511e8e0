"""Learner mistakes get one-line messages that say what was wrong and what to do."""

import numpy as np
import pytest

from helpers.validation import (
    check_indices_in_vocabulary,
    check_non_negative_int,
    check_positive_int,
    check_texts,
)


def test_index_past_the_vocabulary_names_the_index_and_the_size():
    with pytest.raises(
        ValueError, match=r"token index 12 is outside the vocabulary \[0, 10\).*raise input_dim to at least 13"
    ):
        check_indices_in_vocabulary([[0, 1, 12]], input_dim=10)


def test_negative_index_is_explained():
    with pytest.raises(ValueError, match="token index -1 is negative"):
        check_indices_in_vocabulary([3, -1], input_dim=10)


def test_valid_indices_come_back_as_int_array():
    out = check_indices_in_vocabulary([[0, 0, 1], [2, 3, 9]], input_dim=10)
    assert out.dtype == np.int64 and out.shape == (2, 3)


def test_non_integer_and_empty_indices_are_rejected():
    with pytest.raises(TypeError, match="whole numbers"):
        check_indices_in_vocabulary([0.5], input_dim=10)
    with pytest.raises(ValueError, match="indices is empty"):
        check_indices_in_vocabulary([], input_dim=10)


@pytest.mark.parametrize("bad", [0, -3])
def test_non_positive_dimension_is_rejected(bad):
    with pytest.raises(ValueError, match="embedding_dim must be at least 1"):
        check_positive_int(bad, "embedding_dim")


@pytest.mark.parametrize("bad", [2.5, "3", True, None])
def test_dimension_of_the_wrong_type_is_rejected(bad):
    with pytest.raises(TypeError, match="input_dim must be a whole number"):
        check_positive_int(bad, "input_dim")


def test_seed_must_be_non_negative():
    assert check_non_negative_int(0, "seed") == 0
    with pytest.raises(ValueError, match="seed must be 0 or more"):
        check_non_negative_int(-1, "seed")


@pytest.mark.parametrize(
    "texts, error, message",
    [
        ([], ValueError, "texts is empty"),
        (["", "   "], ValueError, "no words"),
        ("This is a text", TypeError, "wrap it"),
        (["ok", 3], TypeError, r"texts\[1\] must be a string"),
    ],
)
def test_bad_texts_are_explained(texts, error, message):
    with pytest.raises(error, match=message):
        check_texts(texts)
