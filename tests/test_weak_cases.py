"""The long tail of a careless learner or a broken machine: each gets one line that says what to do.

Unreadable files (planted by making ``open`` refuse them: these tests may run as root, whom file
permissions do not stop), GloVe text in other formats, a review decoded with the wrong kind of
input, and the hints a plain install (no clone) is given.
"""

import builtins
import json

import numpy as np
import pytest

from helpers import data_files, glove, imdb

WORD_INDEX = {"the": 1, "film": 2}


@pytest.fixture
def unreadable(monkeypatch):
    """``unreadable(path)``: from now on, opening ``path`` raises PermissionError, as for a file of mode 000."""
    refused = set()
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file) in refused:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    return lambda path: refused.add(str(path))


def one_line(error) -> str:
    message = str(error.value)
    assert "\n" not in message, message
    return message


def test_an_unreadable_offline_imdb_file_is_not_called_damaged(offline, tmp_path, unreadable):
    archive, index = tmp_path / "aclImdb_v1.tar.gz", tmp_path / "imdb_word_index.json"
    archive.write_bytes(b"x")
    index.write_text(json.dumps(WORD_INDEX))
    unreadable(index)
    with pytest.raises(PermissionError) as error:
        imdb.get_word_index(index)
    assert one_line(error) == (
        f"{index} cannot be read (permission denied); make it readable (chmod u+r) or point IMDB_WORD_INDEX "
        "at a copy you can read."
    )
    unreadable(archive)
    with pytest.raises(PermissionError, match="cannot be read .permission denied.; make it readable"):
        imdb.load_imdb(raw_archive=archive, word_index_path=index)


def test_an_unreadable_model_is_not_called_damaged(tmp_path, unreadable):
    model = tmp_path / "imdb_lstm.keras"
    model.write_bytes(b"PK")
    unreadable(model)
    with pytest.raises(PermissionError) as error:
        data_files.load_trained_model(path=model)
    assert "cannot be read (permission denied)" in one_line(error) and "damaged" not in one_line(error)


def test_an_unreadable_glove_file_says_so(tmp_path, unreadable):
    path = tmp_path / "glove.6B.50d.txt"
    path.write_text("the 0.1 0.2\n")
    unreadable(path)
    with pytest.raises(glove.GloveFileError, match="cannot be read .permission denied."):
        glove.read_glove_file(path)


@pytest.mark.parametrize(
    "content, says",
    [
        (b"the 0.1 0.2\n\xe9t\xe9 0.3 0.4\n", "is not UTF-8 text (byte b'\\xe9' at position 12)"),
        (b"the\t0.1\t0.2\n", "line 1 is separated by tabs"),
        (b"the\nfilm\n", "line 1 holds a word and no numbers"),
        (b"the 0.1 0.2\nfilm 0.3\n", "line 2 holds 1 numbers after the word, expected 2"),
    ],
)
def test_glove_text_in_another_format_gets_one_line(tmp_path, content, says):
    path = tmp_path / "vectors.txt"
    path.write_bytes(content)
    with pytest.raises(glove.GloveFileError) as error:
        glove.read_glove_file(path)
    assert says in one_line(error)


def test_a_word2vec_header_line_is_skipped(tmp_path):
    path = tmp_path / "vectors.txt"
    path.write_text("2 2\nthe 0.1 0.2\nfilm 0.3 0.4\n")
    vectors = glove.read_glove_file(path)
    assert vectors.words == ["the", "film"] and vectors.vectors.shape == (2, 2)


@pytest.mark.parametrize(
    "sequence, error, says",
    [
        ([1, 17.9], TypeError, "sequence holds 17.9, not a token index"),
        ([1, True], TypeError, "sequence holds True, not a token index"),
        ([1, None], TypeError, "sequence holds None"),
        (np.array([1.0, 4.0]), TypeError, "sequence holds 1.0"),
        ([1, -1], ValueError, "the negative index -1"),
        ([[1, 4], [1, 5]], ValueError, "for a batch, decode each row"),
        (np.zeros((2, 3, 4), dtype=int), ValueError, "got shape (2, 3, 4)"),
    ],
)
def test_decode_review_refuses_what_it_would_misread(sequence, error, says):
    with pytest.raises(error) as raised:
        imdb.decode_review(sequence, WORD_INDEX)
    assert says in one_line(raised)


def test_decode_review_still_takes_lists_arrays_and_numpy_ints():
    assert imdb.decode_review([1, 4, 5, 0, 2], WORD_INDEX) == "<start> the film <oov>"
    assert imdb.decode_review(np.array([1, 4], dtype=np.int32), WORD_INDEX) == "<start> the"
    assert imdb.decode_review([np.int64(4)], WORD_INDEX) == "the"
    assert imdb.decode_review([], WORD_INDEX) == ""


def test_a_plain_install_is_not_told_to_git_checkout(tmp_path, monkeypatch):
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", tmp_path / "site-packages" / "data")
    assert "git checkout" not in data_files._model_fix("imdb_lstm.keras")
    assert "delete it so that the next call downloads it again" in data_files._model_fix("imdb_lstm.keras")
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", data_files.Path(__file__).resolve().parents[1] / "data")
    assert "git checkout data/imdb_lstm.keras" in data_files._model_fix("imdb_lstm.keras")
