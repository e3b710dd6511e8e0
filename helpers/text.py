"""From sentences to integer sequences, the way the seed answer's ``Tokenizer`` did it.

Keras 3 removed ``keras.preprocessing.text.Tokenizer``. These functions rebuild
its rules in plain Python (so a learner can read them) and
``make_string_lookup`` hands the same vocabulary to Keras 3's ``StringLookup``
layer, so the indices come out of a real Keras layer.

The legacy rules, in order:
1. lower-case, replace the characters in ``LEGACY_FILTERS`` by spaces, split on spaces;
2. count every word; sort by count, most frequent first, ties kept in order of
   first appearance (a stable sort); number them from 1 (0 is left for padding);
3. ``num_words=n`` keeps only indices ``1 .. n-1`` when turning texts into
   sequences; unknown words are dropped silently.

Introduced in notebook 01.
"""

from collections import Counter

from helpers.validation import check_positive_int, check_string, check_texts, check_word_index

#: The characters the legacy ``Tokenizer`` removed by default.
LEGACY_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
_TRANSLATION = str.maketrans({c: " " for c in LEGACY_FILTERS})


def split_words(text: str) -> list[str]:
    """Lower-case ``text``, turn the legacy filter characters into spaces, split on spaces (legacy ``Tokenizer``
    rules: a tab or newline is a filter character; other whitespace, such as a no-break space, is part of a word).

    Introduced in notebook 01.
    """
    check_string(text, "text")
    return [word for word in text.lower().translate(_TRANSLATION).split(" ") if word]


def build_word_index(texts) -> dict[str, int]:
    """Word -> index, most frequent word first, ties by first appearance, starting at 1.

    ``build_word_index(['This is a text', 'This is not a text'])`` gives
    ``{'this': 1, 'is': 2, 'a': 3, 'text': 4, 'not': 5}``, the seed answer's index.

    Introduced in notebook 01.
    """
    texts = check_texts(texts)
    counts = Counter(word for text in texts for word in split_words(text))  # keeps first-appearance order
    ranked = sorted(counts, key=lambda word: -counts[word])  # stable: ties stay in first-appearance order
    return {word: index for index, word in enumerate(ranked, start=1)}


def texts_to_sequences(texts, word_index: dict[str, int], num_words: int | None = None) -> list[list[int]]:
    """Turn each text into the list of its words' indices (legacy ``Tokenizer`` rules).

    Words missing from ``word_index``, and words whose index is ``num_words`` or
    more, are dropped silently, as the legacy ``Tokenizer`` did without ``oov_token``.

    Introduced in notebook 01.
    """
    texts = check_texts(texts)
    check_word_index(word_index)
    if num_words is not None:
        num_words = check_positive_int(num_words, "num_words")
    limit = num_words if num_words is not None else float("inf")
    sequences = []
    for text in texts:
        indices = (word_index.get(word) for word in split_words(text))
        sequences.append([i for i in indices if i is not None and i < limit])
    return sequences


def make_string_lookup(word_index: dict[str, int]):
    """A Keras 3 ``StringLookup`` that maps words to exactly the indices of ``word_index``.

    Index 0 is the mask token ``''`` (padding) and there are no out-of-vocabulary
    indices, so an unknown word raises instead of being dropped.

    Introduced in notebook 01.
    """
    check_word_index(word_index)
    if not word_index:
        raise ValueError("word_index is empty; build it from some texts with build_word_index(texts).")
    import keras

    vocabulary = sorted(word_index, key=word_index.get)
    if [word_index[w] for w in vocabulary] != list(range(1, len(vocabulary) + 1)):
        raise ValueError(
            "word_index must number its words 1, 2, 3, ... without gaps; build it with build_word_index()."
        )
    return keras.layers.StringLookup(vocabulary=vocabulary, mask_token="", num_oov_indices=0)
