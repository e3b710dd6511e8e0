"""IMDB loading: Keras first, the raw-text rebuild offline, a clear error with neither.

The test with the real offline files reads them from the environment variables
IMDB_RAW_ARCHIVE and IMDB_WORD_INDEX (as the notebooks do; `make test` sets them
from ../shared). It is skipped when they are unset, and fails when CI is set.
"""

import io
import json
import os
import tarfile

import numpy as np
import pytest

from helpers import imdb, imdb_raw


@pytest.fixture(autouse=True)
def tiny_archives(monkeypatch):
    """This file's archives hold a handful of reviews, not the genuine 12,500 per label and split."""
    monkeypatch.setattr(imdb_raw, "REVIEWS_PER_LABEL", None)


REVIEWS = {
    "aclImdb/train/pos/0_9.txt": "A great film.<br /><br />Great acting!",
    "aclImdb/train/pos/1_8.txt": "Good, good fun.",
    "aclImdb/train/neg/0_2.txt": "An awful, boring film.",
    "aclImdb/train/neg/3_1.txt": "Boring. Zyxwv boring!",
    "aclImdb/test/pos/0_10.txt": "Great fun.",
    "aclImdb/test/pos/5_7.txt": "A good film, isn't it?",
    "aclImdb/test/neg/0_1.txt": "Awful acting.",
    "aclImdb/test/neg/2_3.txt": "The film is boring.",
    "aclImdb/train/unsup/0_0.txt": "unlabelled text is skipped",
    "aclImdb/README": "not a review",
}
WORD_INDEX = {
    "the": 1,
    "film": 2,
    "a": 3,
    "great": 4,
    "boring": 5,
    "good": 6,
    "awful": 7,
    "acting": 8,
    "fun": 9,
    "an": 10,
    "is": 11,
    "isn't": 12,
    "it": 13,
}
# The word index file must look like Keras' (at least MIN_WORD_INDEX_SIZE words): rare filler words after the 13.
WORD_INDEX_FILE = {**WORD_INDEX, **{f"filler{rank}": rank for rank in range(14, imdb_raw.MIN_WORD_INDEX_SIZE + 14)}}


@pytest.fixture
def raw_files(tmp_path):
    archive = tmp_path / "aclImdb_v1.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, text in REVIEWS.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    index = tmp_path / "imdb_word_index.json"
    index.write_text(json.dumps(WORD_INDEX_FILE))
    return archive, index


def test_tokenizer_is_keras_text_to_word_sequence_with_ascii_lower_casing():
    assert imdb_raw.tokenize_review("A <br />great film, isn't it?") == ["a", "br", "great", "film", "isn't", "it"]
    assert imdb_raw.tokenize_review("'Quoted' WORDS<br/>...!") == ["'quoted'", "words", "br"]
    # Only ASCII letters are lower-cased (Keras' file was made from Python 2 byte strings); only spaces split.
    assert imdb_raw.tokenize_review("ÉLAN Über café\xa0noir\r") == ["Élan", "Über", "café\xa0noir\r"]
    assert imdb_raw.tokenize_review("well\x85and tab\tnew\nline") == ["well\x85and", "tab", "new", "line"]


def test_tokenizer_matches_keras_own_text_to_word_sequence_on_ascii():
    text = 'It\'s <br /><br />a 10/10 film -- "Great"; (really) good_fun! A+B@C #1 [x] {y} ~z~ `q` ^ | \\ end.'
    keras_like = text.lower()
    for c in imdb_raw.KERAS_FILTERS:
        keras_like = keras_like.replace(c, " ")
    assert imdb_raw.tokenize_review(text) == [w for w in keras_like.split(" ") if w]


def test_rebuild_puts_positive_reviews_first_in_file_name_order_and_skips_unknown_words(raw_files):
    archive, index = raw_files
    (train, y_train), (test, y_test) = imdb_raw.rebuild_ranks(archive, WORD_INDEX)
    assert list(y_train) == [1, 1, 0, 0] and list(y_test) == [1, 1, 0, 0]
    assert train[0] == [3, 4, 2, 4, 8]  # pos/0_9: a great film great acting (no 'br' in this index)
    assert train[1] == [6, 6, 9]  # pos/1_8
    assert train[2] == [10, 7, 5, 2]  # neg/0_2: an awful boring film
    assert train[3] == [5, 5]  # neg/3_1: the unknown word is skipped, as in Keras' file
    assert test[1] == [3, 6, 2, 12, 13]  # pos/5_7: a good film isn't it


def test_file_names_are_ordered_as_strings_not_as_numbers(tmp_path):
    archive = tmp_path / "order.tar.gz"
    names = ["2_7.txt", "10_8.txt", "1_9.txt", "10000_10.txt"]
    with tarfile.open(archive, "w:gz") as tar:
        for rank, name in enumerate(names, start=1):
            for split in ("train", "test"):
                data = f"w{rank}".encode()
                info = tarfile.TarInfo(f"aclImdb/{split}/pos/{name}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    (train, _), _ = imdb_raw.rebuild_ranks(archive, {f"w{rank}": rank for rank in range(1, 5)})
    assert train == [[4], [2], [3], [1]]  # 10000_10 < 10_8 < 1_9 < 2_7


def test_cache_is_written_then_read_without_parsing(raw_files, tmp_path, monkeypatch):
    archive, index = raw_files
    first = imdb_raw.load_ranks(archive, index, cache_dir=tmp_path / "cache")
    assert (tmp_path / "cache" / imdb_raw.CACHE_NAME).is_file()
    monkeypatch.setattr(imdb_raw, "rebuild_ranks", lambda *a: pytest.fail("the cache was not used"))
    second = imdb_raw.load_ranks(archive, index, cache_dir=tmp_path / "cache")
    assert first[0][0] == second[0][0] and np.array_equal(first[1][1], second[1][1])


def test_archive_without_reviews_is_explained(tmp_path):
    archive = tmp_path / "empty.tar.gz"
    with tarfile.open(archive, "w:gz"):
        pass
    with pytest.raises(imdb.ImdbFileError, match="holds no aclImdb/train"):
        imdb_raw.rebuild_ranks(archive, WORD_INDEX)


def test_keras_conventions_match_keras_own_load_data(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    train = [list(rng.integers(1, 40, size=n)) for n in rng.integers(1, 9, size=30)]
    test = [list(rng.integers(1, 40, size=n)) for n in rng.integers(1, 9, size=20)]
    y_train, y_test = rng.integers(0, 2, size=30), rng.integers(0, 2, size=20)
    npz = tmp_path / "imdb.npz"

    def as_object(seqs):
        return np.array([np.array(s) for s in seqs] + [None], dtype=object)[:-1]

    np.savez(npz, x_train=as_object(train), y_train=y_train, x_test=as_object(test), y_test=y_test)
    import keras.src.datasets.imdb as keras_imdb

    monkeypatch.setattr(keras_imdb, "get_file", lambda **kwargs: str(npz))
    for num_words in (None, 20):
        expected = keras_imdb.load_data(num_words=num_words)
        ours = imdb_raw.apply_keras_conventions(train, y_train, test, y_test, num_words=num_words)
        for (xe, ye), (xo, yo) in zip(expected, ours):
            assert [list(map(int, s)) for s in xe] == [list(map(int, s)) for s in xo]
            assert np.array_equal(ye, yo)


def test_offline_load_from_arguments(raw_files, offline, capsys):
    archive, index = raw_files
    (x_train, y_train), (x_test, y_test) = imdb.load_imdb(num_words=10, raw_archive=archive, word_index_path=index)
    assert len(x_train) == 4 and len(x_test) == 4
    assert all(s[0] == imdb.START for s in x_train)
    assert max(max(s) for s in x_train) < 10 and imdb.OOV in {w for s in x_train for w in s}
    assert "rebuilt offline" in capsys.readouterr().out


def test_offline_load_from_environment_variables(raw_files, offline, monkeypatch):
    archive, index = raw_files
    monkeypatch.setenv(imdb.ARCHIVE_VARIABLE, str(archive))
    monkeypatch.setenv(imdb.WORD_INDEX_VARIABLE, str(index))
    assert imdb.imdb_source() == "raw"
    (x_train, y_train), _ = imdb.load_imdb(verbose=False)
    assert sorted(map(len, x_train)) == [3, 4, 5, 6]  # start index + words (no 'br' in this index)
    assert imdb.get_word_index() == WORD_INDEX_FILE


def test_neither_source_fails_naming_both_fixes(offline):
    with pytest.raises(imdb.ImdbUnavailableError) as error:
        imdb.load_imdb(num_words=5000)
    message = str(error.value)
    assert "connect to the internet" in message and "IMDB_RAW_ARCHIVE" in message and "IMDB_WORD_INDEX" in message
    with pytest.raises(imdb.ImdbUnavailableError, match="word index"):
        imdb.get_word_index()


def test_a_wrong_path_is_named(offline, tmp_path):
    with pytest.raises(FileNotFoundError, match="not a file"):
        imdb.load_imdb(raw_archive=tmp_path / "missing.tar.gz", word_index_path=tmp_path / "missing.json")


def test_keras_is_asked_when_no_copy_is_at_hand_and_it_can_download(monkeypatch):
    import keras

    monkeypatch.delenv(imdb.ARCHIVE_VARIABLE, raising=False)
    monkeypatch.delenv(imdb.WORD_INDEX_VARIABLE, raising=False)
    monkeypatch.setattr(imdb, "_keras_cached", lambda name: False)
    monkeypatch.setattr(imdb, "keras_can_download", lambda name="imdb.npz": True)
    monkeypatch.setattr(keras.datasets.imdb, "load_data", lambda num_words=None: ("from keras", num_words))
    assert imdb.load_imdb(num_words=5000, verbose=False) == ("from keras", 5000)


def test_offline_copies_come_before_any_download(monkeypatch, raw_files, tmp_path):
    """With the copies given, the network is never asked: a stalled one cannot hold the notebook."""
    import keras

    archive, index = raw_files
    monkeypatch.setattr(imdb, "_keras_cached", lambda name: False)
    monkeypatch.setattr(imdb, "keras_can_download", lambda name="imdb.npz": pytest.fail("no probe with copies here"))
    monkeypatch.setattr(keras.datasets.imdb, "load_data", lambda **k: pytest.fail("no download with copies here"))
    monkeypatch.setattr(keras.datasets.imdb, "get_word_index", lambda **k: pytest.fail("no download either"))
    (x_train, _), _ = imdb.load_imdb(raw_archive=archive, word_index_path=index, cache_dir=tmp_path, verbose=False)
    assert len(x_train) == 4 and imdb.get_word_index(index) == WORD_INDEX_FILE


def test_one_variable_of_two_is_named_in_the_message(offline, raw_files, monkeypatch):
    archive, _ = raw_files
    monkeypatch.setenv(imdb.ARCHIVE_VARIABLE, str(archive))
    with pytest.raises(imdb.ImdbUnavailableError) as error:
        imdb.load_imdb()
    assert "only IMDB_RAW_ARCHIVE is set, IMDB_WORD_INDEX is not" in str(error.value)
    assert "\n" not in str(error.value)


def test_num_words_must_leave_room_for_words():
    with pytest.raises(ValueError, match="indices 0-2 are reserved"):
        imdb.load_imdb(num_words=3)


def test_decode_and_encode_use_the_offset_of_three():
    assert imdb.decode_review([0, 0, 1, 4, 5, 2], WORD_INDEX) == "<start> the film <oov>"
    assert imdb.decode_review([0, 1], WORD_INDEX, skip_padding=False) == "<pad> <start>"
    assert imdb.encode_review("The film is great!", WORD_INDEX) == [1, 4, 5, 14, 7]
    assert imdb.encode_review("The film is great!", WORD_INDEX, num_words=10) == [1, 4, 5, 2, 7]
    assert imdb.encode_review("the unknownword", WORD_INDEX) == [1, 4, 2]


def test_encode_rejects_empty_and_non_text():
    with pytest.raises(ValueError, match="holds no words"):
        imdb.encode_review("  ...  ", WORD_INDEX)
    with pytest.raises(TypeError, match="one review"):
        imdb.encode_review(["a list"], WORD_INDEX)


def test_real_offline_files_give_keras_shaped_data(real_imdb_files, offline, monkeypatch):
    archive, index = real_imdb_files
    monkeypatch.setenv("KERAS_HOME", os.path.expanduser("~/.keras"))  # reuse the cache between runs
    (x_train, y_train), (x_test, y_test) = imdb.load_imdb(
        num_words=5000, raw_archive=archive, word_index_path=index, verbose=False
    )
    assert len(x_train) == len(x_test) == 25_000
    assert y_train.mean() == y_test.mean() == 0.5
    assert all(s[0] == 1 for s in x_test) and max(max(s) for s in x_train) == 4999
    assert np.median([len(s) for s in x_train]) == 178  # Keras' imdb.npz: 178 (more facts: test_imdb_keras_facts.py)
    word_index = imdb.get_word_index(index)
    assert len(word_index) == 88_584 and word_index["the"] == 1
