"""The legacy Tokenizer rules in plain Python, and the Keras 3 StringLookup built from them, agree with the seed."""

import numpy as np
import pytest

from helpers import text

TEXTS = ["This is a text", "This is not a text"]
SEED_WORD_INDEX = {"this": 1, "is": 2, "a": 3, "text": 4, "not": 5}


def test_word_index_is_the_seed_answers():
    word_index = text.build_word_index(TEXTS)
    assert word_index == SEED_WORD_INDEX
    assert list(word_index) == ["this", "is", "a", "text", "not"]  # frequency order, ties by first appearance


def test_sequences_are_the_seed_answers():
    assert text.texts_to_sequences(TEXTS, SEED_WORD_INDEX) == [[1, 2, 3, 4], [1, 2, 5, 3, 4]]


def test_split_words_lower_cases_and_drops_punctuation():
    assert text.split_words("This, is (not) a TEXT!") == ["this", "is", "not", "a", "text"]


def test_more_frequent_words_come_first():
    assert text.build_word_index(["b a", "a c", "a b"]) == {"a": 1, "b": 2, "c": 3}


def test_unknown_words_are_dropped_silently():
    assert text.texts_to_sequences(["This is a new text"], SEED_WORD_INDEX) == [[1, 2, 3, 4]]


def test_num_words_keeps_indices_below_it_and_leaves_word_index_alone():
    word_index = text.build_word_index(TEXTS)
    assert text.texts_to_sequences(TEXTS, word_index, num_words=4) == [[1, 2, 3], [1, 2, 3]]
    assert text.texts_to_sequences(TEXTS, word_index, num_words=10) == [[1, 2, 3, 4], [1, 2, 5, 3, 4]]
    assert len(word_index) == 5


def test_bad_num_words_and_texts_are_explained():
    with pytest.raises(ValueError, match="num_words must be at least 1"):
        text.texts_to_sequences(TEXTS, SEED_WORD_INDEX, num_words=0)
    with pytest.raises(TypeError, match="wrap it"):
        text.build_word_index("This is a text")


def test_string_lookup_gives_the_same_indices_as_the_plain_rules():
    lookup = text.make_string_lookup(SEED_WORD_INDEX)
    assert [str(w) for w in lookup.get_vocabulary()] == ["", "this", "is", "a", "text", "not"]
    assert lookup.vocabulary_size() == len(SEED_WORD_INDEX) + 1
    from_keras = [np.asarray(lookup(text.split_words(t))).tolist() for t in TEXTS]
    assert from_keras == text.texts_to_sequences(TEXTS, SEED_WORD_INDEX)


def test_string_lookup_raises_on_an_unknown_word():
    import keras

    lookup = text.make_string_lookup(SEED_WORD_INDEX)
    with pytest.raises(Exception) as raised:
        lookup(["this", "new"])
    # TensorFlow's InvalidArgumentError; on JAX and PyTorch a RuntimeError raised while handling it
    error = raised.value if keras.config.backend() == "tensorflow" else raised.value.__context__
    assert type(error).__name__ == "InvalidArgumentError" and "found OOV values" in str(error)


def test_string_lookup_needs_a_gapless_word_index():
    with pytest.raises(ValueError, match="without gaps"):
        text.make_string_lookup({"this": 1, "is": 3})


LEGACY_CASES = [
    TEXTS,
    ["This, is (not) a TEXT!", "a\ttab\nand a newline", "Hello\xa0world  two  spaces\r"],
    ["b a", "a c", "a b", "c c c"],
]


@pytest.mark.parametrize("texts", LEGACY_CASES)
@pytest.mark.parametrize("num_words", [None, 3, 10])
def test_the_rules_give_what_the_legacy_tokenizer_class_still_gives(texts, num_words):
    """Keras 3.13 and 3.15 still ship the legacy class (unsupported); helpers.text must agree with it."""
    from keras.src.legacy.preprocessing.text import Tokenizer

    tokenizer = Tokenizer(num_words=num_words)
    tokenizer.fit_on_texts(texts)
    word_index = text.build_word_index(texts)
    assert word_index == tokenizer.word_index
    assert text.texts_to_sequences(texts, word_index, num_words=num_words) == tokenizer.texts_to_sequences(texts)
