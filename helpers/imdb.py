"""IMDB reviews as integer sequences: Keras' download first, an offline rebuild second.

``load_imdb(num_words=5000)`` returns exactly what
``keras.datasets.imdb.load_data(num_words=5000)`` returns. It takes the first
of: Keras' cached ``imdb.npz``; the offline copies, when given; Keras'
download, when the download host answers a real HTTPS request within a few
seconds (:mod:`helpers.network`; the download then gives up after 30 s of
silence). The offline copies are the raw Large Movie Review Dataset text and
the genuine Keras word index, rebuilt with the tokeniser and review order
behind Keras' file (see :mod:`helpers.imdb_raw`: equal on every published fact
checked), found through arguments or the environment variables
``IMDB_RAW_ARCHIVE`` and ``IMDB_WORD_INDEX``. With none of these it raises
:class:`ImdbUnavailableError` within seconds, naming both ways to fix it; a
damaged or wrong offline file raises :class:`ImdbFileError`, one line naming
the file and what to do.

The index conventions are Keras': 0 is padding, 1 marks the start of a review,
2 stands for any word outside the kept vocabulary (out of vocabulary), and the
word of frequency rank ``r`` gets index ``r + 3``.

Introduced in notebook 06.
"""

import os
from pathlib import Path

from helpers import imdb_raw, network
from helpers.validation import check_positive_int, check_readable

#: Where Keras downloads ``imdb.npz`` and ``imdb_word_index.json`` from (``keras/src/datasets/imdb.py``).
DOWNLOAD_HOST = "storage.googleapis.com"
DOWNLOAD_FOLDER = f"https://{DOWNLOAD_HOST}/tensorflow/tf-keras-datasets/"
#: Environment variables naming the offline copies.
ARCHIVE_VARIABLE = imdb_raw.ARCHIVE_VARIABLE
WORD_INDEX_VARIABLE = imdb_raw.WORD_INDEX_VARIABLE
#: Raised, with one line naming the file and the fix, for a damaged or wrong offline file.
ImdbFileError = imdb_raw.ImdbFileError
#: Keras' conventions for the reserved indices (their one home is :mod:`helpers.imdb_raw`).
from helpers.imdb_raw import FIRST_WORD, INDEX_FROM, OOV, PAD, RESERVED_WORDS, START  # noqa: E402,F401


class ImdbUnavailableError(RuntimeError):
    """Neither Keras' download nor an offline copy of IMDB can be had on this machine."""


def _keras_cached(name: str) -> bool:
    return (imdb_raw.default_cache_dir() / name).is_file()


def _offline_path(value, variable: str):
    value = value if value is not None else os.environ.get(variable) or None
    if value is None:
        return None
    path = Path(value).expanduser()
    if not path.is_file():
        raise FileNotFoundError(
            f"{variable} / argument points at {os.fspath(path)!r}, which is not a file; fix the path."
        )
    return check_readable(path, f"point {variable} at a copy you can read")


def _unavailable(what: str, why: str | None = None, archive=None, index=None) -> ImdbUnavailableError:
    """The one-line error when no way to ``what`` works; ``archive``/``index``: the offline copies given, if any."""
    archive = archive or os.environ.get(ARCHIVE_VARIABLE)
    index = index or os.environ.get(WORD_INDEX_VARIABLE)
    given = (
        f"only {ARCHIVE_VARIABLE} is set, {WORD_INDEX_VARIABLE} is not"
        if archive and not index and what == "IMDB"
        else f"only {WORD_INDEX_VARIABLE} is set, {ARCHIVE_VARIABLE} is not"
        if index and not archive and what == "IMDB"
        else "no offline copy was given"
        if not (archive or index)
        else "the offline copies did not serve either"
    )
    why = why or f"Keras cannot download it (no answer from {DOWNLOAD_HOST})"
    error = ImdbUnavailableError(
        f"Cannot load {what}: {why} and {given}. "
        f"Fix either way: (1) connect to the internet, so Keras downloads and caches it in "
        f"{imdb_raw.default_cache_dir()}; or "
        f"(2) set {ARCHIVE_VARIABLE} to the raw Large Movie Review Dataset archive (aclImdb_v1.tar.gz) and "
        f"{WORD_INDEX_VARIABLE} to Keras' imdb_word_index.json (or pass raw_archive=... and word_index_path=...)."
    )
    error.why = why  # what went wrong, without the advice: a caller that has another way says it in its own line
    return error


def keras_can_download(name: str = "imdb.npz") -> bool:
    """True when Keras' download host answers an HTTPS request for ``name`` within 3 seconds.

    Introduced in notebook 06.
    """
    return network.can_reach(DOWNLOAD_FOLDER + name)


def imdb_source(raw_archive=None, word_index_path=None) -> str:
    """Which way :func:`load_imdb` takes here: ``'keras'`` or ``'raw'``; raises if neither works.

    Keras' cache first, then the offline copies, then Keras' download: nothing waits on the
    network while a copy is at hand.

    Introduced in notebook 06.
    """
    if _keras_cached("imdb.npz"):
        return "keras"
    archive = _offline_path(raw_archive, ARCHIVE_VARIABLE)
    index = _offline_path(word_index_path, WORD_INDEX_VARIABLE)
    if archive is not None and index is not None:
        return "raw"
    if keras_can_download("imdb.npz"):
        return "keras"
    raise _unavailable("IMDB")


def _keras_download(what: str, load):
    """``load()`` (a ``keras.datasets.imdb`` call) with a deadline on every network wait; one line if it fails."""
    try:
        with network.deadline():
            return load()
    except Exception as error:  # a connection that broke or went silent half-way; Keras removed the partial file
        raise _unavailable(what, f"Keras' download failed ({type(error).__name__}: {str(error)[:160]})") from None


def load_imdb(num_words: int | None = None, *, raw_archive=None, word_index_path=None, cache_dir=None, verbose=True):
    """``(x_train, y_train), (x_test, y_test)`` as ``keras.datasets.imdb.load_data(num_words=...)`` gives them.

    Takes the first of: Keras' cached ``imdb.npz``; the raw archive and word index (arguments,
    or the ``IMDB_RAW_ARCHIVE`` / ``IMDB_WORD_INDEX`` environment variables), rebuilt with a
    cache in ``cache_dir`` (default: Keras' ``datasets`` folder); Keras' download, when its
    host answers within 3 s. Both give 25,000 training and 25,000 test reviews, labels 0/1,
    start index 1, out-of-vocabulary index 2, words from index 3, shuffled with Keras' seed 113.
    With ``verbose`` it prints one line saying which source it used.

    Introduced in notebook 06.
    """
    if num_words is not None:
        num_words = check_positive_int(num_words, "num_words")
        if num_words <= INDEX_FROM:
            raise ValueError(
                f"num_words must be more than {INDEX_FROM} (indices 0-2 are reserved), got {num_words}; try 5000."
            )
    source = imdb_source(raw_archive, word_index_path)
    archive = _offline_path(raw_archive, ARCHIVE_VARIABLE)
    index = _offline_path(word_index_path, WORD_INDEX_VARIABLE)
    failed = None
    if source == "keras":
        import keras

        try:
            data = _keras_download("IMDB", lambda: keras.datasets.imdb.load_data(num_words=num_words))
        except ImdbUnavailableError as error:  # a damaged cache Keras removed, a download that broke off
            if archive is None or index is None:
                raise _unavailable("IMDB", error.why, archive, index) from None
            failed = error.why
        else:
            if verbose:
                print("IMDB: Keras' own imdb.npz (keras.datasets.imdb.load_data).")
            return data
    (train, y_train), (test, y_test) = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    if verbose:
        print(
            (f"IMDB: {failed}, so " if failed else "IMDB: ")
            + "rebuilt offline from the raw review text and Keras' word index (Keras' tokeniser and order, "
            "as in imdb.npz)."
        )
    return imdb_raw.apply_keras_conventions(train, y_train, test, y_test, num_words=num_words)


def get_word_index(word_index_path=None) -> dict[str, int]:
    """Keras' IMDB word index (word -> frequency rank, ``'the'`` is 1), online or offline.

    Takes the first of: Keras' cached file; the file given as argument or in ``IMDB_WORD_INDEX``;
    ``keras.datasets.imdb.get_word_index()``'s download, when the host answers within 3 s.

    Introduced in notebook 06.
    """
    import keras

    path = _offline_path(word_index_path, WORD_INDEX_VARIABLE)
    if _keras_cached("imdb_word_index.json"):
        try:
            return _keras_download("the IMDB word index", keras.datasets.imdb.get_word_index)
        except ImdbUnavailableError:  # a damaged cached copy: the offline one, when there is one
            if path is None:
                raise
    if path is not None:
        return imdb_raw.read_word_index(path)
    if keras_can_download("imdb_word_index.json"):
        return _keras_download("the IMDB word index", keras.datasets.imdb.get_word_index)
    raise _unavailable("the IMDB word index")


def index_to_word(word_index: dict[str, int]) -> dict[int, str]:
    """Sequence index -> word, with Keras' offset of 3 and the reserved 0, 1, 2 named.

    Introduced in notebook 06.
    """
    words = {rank + INDEX_FROM: word for word, rank in word_index.items()}
    words.update(RESERVED_WORDS)
    return words


def decode_review(sequence, word_index: dict[str, int], *, skip_padding: bool = True) -> str:
    """Turn a sequence of IMDB indices back into words (``<start>``, ``<oov>``, ``<pad>`` for 0-2).

    Padding zeros are left out unless ``skip_padding=False``.

    Introduced in notebook 06.
    """
    import numpy as np

    try:
        array = np.asarray(sequence)
    except ValueError:  # a ragged list of lists
        array = np.asarray(sequence, dtype=object)
    if array.ndim != 1:
        batch = "; for a batch, decode each row: [decode_review(row, word_index) for row in batch]"
        raise ValueError(
            f"sequence must be one review, a flat list of token indices; got shape {array.shape}"
            + (batch if array.ndim == 2 else "")
            + "."
        )
    values = list(sequence) if isinstance(sequence, (list, tuple)) else array.tolist()
    bad = [v for v in values if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer))]
    if bad:
        raise TypeError(f"sequence holds {bad[0]!r}, not a token index; token indices are whole numbers (ints).")
    values = [int(v) for v in values]
    if values and min(values) < 0:
        raise ValueError(f"sequence holds the negative index {min(values)}; token indices count from 0.")
    words = index_to_word(word_index)
    return " ".join(words.get(i, RESERVED_WORDS[OOV]) for i in values if not (skip_padding and i == PAD))


def encode_review(text: str, word_index: dict[str, int], num_words: int | None = None) -> list[int]:
    """Turn a new review into indices the way the data set is: ``<start>`` (1), then rank + 3 per word.

    Words tokenised as in :func:`helpers.imdb_raw.tokenize_review` (Keras' tokeniser). A word missing
    from the index, or whose index is ``num_words`` or more, becomes ``<oov>`` (2).

    Introduced in notebook 06.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string (one review), got {type(text).__name__}.")
    words = imdb_raw.tokenize_review(text)
    if not words:
        raise ValueError("the review holds no words; type at least one word, e.g. 'a great film'.")
    if num_words is not None:
        num_words = check_positive_int(num_words, "num_words")
    limit = num_words if num_words is not None else float("inf")
    indices = [START]
    for word in words:
        rank = word_index.get(word)
        index = rank + INDEX_FROM if rank is not None else OOV
        indices.append(index if index < limit else OOV)
    return indices
