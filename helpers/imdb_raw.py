"""Rebuild Keras' IMDB integer sequences from the raw Large Movie Review Dataset text.

Used by :func:`helpers.imdb.load_imdb` only when Keras cannot download its
``imdb.npz`` (a machine without internet). The raw archive
(``aclImdb_v1.tar.gz`` from Stanford, or the labelled-only
``aclImdb_v1_labeled.tar.gz``) holds 25,000 training and 25,000 test reviews
as text files ``aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt``. Each review
is tokenised (:func:`tokenize_review`) and every word becomes its frequency
rank in the genuine Keras word index (``imdb_word_index.json``); words missing
from the index are skipped, as in Keras' file.

The result is close to, not byte-identical with, Keras' ``imdb.npz``: Keras'
own tokeniser is not published, and this one drops the ``<br />`` tags that
Keras kept as the word ``br``.

Parsing 50,000 reviews from the ``.tar.gz`` takes tens of seconds, so the
rebuilt ranks are cached in one ``.npz`` (plain integer arrays, no pickle)
beside Keras' own cache, under a different name than ``imdb.npz``.

Introduced in notebook 06.
"""

import json
import os
import re
import tarfile
from pathlib import Path

import numpy as np

#: Name of the cache file (never ``imdb.npz``: that name belongs to Keras' genuine file).
CACHE_NAME = "imdb_rebuilt_from_raw_text_v1.npz"

_MEMBER = re.compile(r"(?:^|/)aclImdb/(train|test)/(pos|neg)/(\d+)_(\d+)\.txt$")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w']+")


def tokenize_review(text: str) -> list[str]:
    """Lower-case, drop ``<br />`` tags and punctuation (apostrophes inside words stay), split.

    ``tokenize_review("A <br />great film, isn't it?")`` gives ``['a', 'great', 'film', "isn't", 'it']``.
    Keras' word index keeps apostrophes (``"don't"`` is a word in it), so they stay here too.

    Introduced in notebook 06.
    """
    text = _BREAK_TAG.sub(" ", text.lower())
    words = (w.strip("'_") for w in _NOT_WORD.sub(" ", text).split())
    return [w for w in words if w]


def read_word_index(path) -> dict[str, int]:
    """Read a Keras-style word index (word -> frequency rank from 1) from a JSON file.

    Introduced in notebook 06.
    """
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_raw_reviews(archive):
    """Yield ``(split, label, review_id, text)`` for every labelled review in the archive.

    ``split`` is ``'train'`` or ``'test'``, ``label`` is 0 (neg) or 1 (pos).
    The unlabelled ``train/unsup`` reviews of the full archive are skipped.

    Introduced in notebook 06.
    """
    with tarfile.open(archive, "r:*") as tar:
        for member in tar:
            match = _MEMBER.search(member.name)
            if not member.isfile() or match is None:
                continue
            split, sentiment, review_id, _rating = match.groups()
            text = tar.extractfile(member).read().decode("utf-8", errors="replace")
            yield split, int(sentiment == "pos"), int(review_id), text


def _flatten(sequences):
    lengths = np.fromiter((len(s) for s in sequences), dtype=np.int64, count=len(sequences))
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    flat = np.fromiter((w for s in sequences for w in s), dtype=np.int32, count=int(offsets[-1]))
    return flat, offsets


def _unflatten(flat, offsets):
    return [flat[a:b].tolist() for a, b in zip(offsets[:-1], offsets[1:])]


def rebuild_ranks(archive, word_index: dict[str, int]):
    """Turn the raw archive into word-rank sequences, in a fixed order, before any Keras convention.

    Returns ``(train_ranks, train_labels), (test_ranks, test_labels)``: lists of
    lists of ranks (1 = most frequent word) and int64 label arrays. Reviews are
    ordered by label (neg first), then by their numeric id, so the order never
    depends on the archive's file order; Keras' seeded shuffle comes later.

    Introduced in notebook 06.
    """
    found = {"train": [], "test": []}
    for split, label, review_id, text in read_raw_reviews(archive):
        ranks = [word_index[w] for w in tokenize_review(text) if w in word_index]
        found[split].append((label, review_id, ranks))
    result = []
    for split in ("train", "test"):
        if not found[split]:
            raise ValueError(
                f"the archive {os.fspath(archive)!r} holds no aclImdb/{split}/pos|neg/*.txt reviews; "
                "give the Large Movie Review Dataset archive (aclImdb_v1.tar.gz)."
            )
        rows = sorted(found[split], key=lambda row: (row[0], row[1]))
        result.append(([r[2] for r in rows], np.array([r[0] for r in rows], dtype=np.int64)))
    return tuple(result)


def _fingerprint(archive, word_index_path) -> str:
    parts = []
    for p in (archive, word_index_path):
        p = Path(p)
        parts.append(f"{p.name}:{p.stat().st_size}")
    return "|".join(parts)


def default_cache_dir() -> Path:
    """Keras' dataset cache folder: ``$KERAS_HOME/datasets`` or ``~/.keras/datasets``.

    Introduced in notebook 06.
    """
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    if not os.access(home, os.W_OK) and os.path.exists(home):
        home = os.path.join("/tmp", ".keras")
    return Path(home) / "datasets"


def load_ranks(archive, word_index_path, cache_dir=None):
    """Rank sequences from the raw archive, read from the cache when it matches, else rebuilt and cached.

    The cache is keyed by both files' names and sizes. Returns the same as
    :func:`rebuild_ranks`.

    Introduced in notebook 06.
    """
    cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    cache = cache_dir / CACHE_NAME
    fingerprint = _fingerprint(archive, word_index_path)
    if cache.exists():
        try:
            with np.load(cache, allow_pickle=False) as f:
                if str(f["fingerprint"]) == fingerprint:
                    return (
                        (_unflatten(f["train_flat"], f["train_offsets"]), f["train_labels"]),
                        (_unflatten(f["test_flat"], f["test_offsets"]), f["test_labels"]),
                    )
        except (OSError, ValueError, KeyError):
            pass  # a damaged or older cache is simply rebuilt
    (train, y_train), (test, y_test) = rebuild_ranks(archive, read_word_index(word_index_path))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        train_flat, train_offsets = _flatten(train)
        test_flat, test_offsets = _flatten(test)
        tmp = cache.with_name(cache.name + ".tmp.npz")
        np.savez_compressed(
            tmp, fingerprint=np.array(fingerprint),
            train_flat=train_flat, train_offsets=train_offsets, train_labels=y_train,
            test_flat=test_flat, test_offsets=test_offsets, test_labels=y_test,
        )
        os.replace(tmp, cache)
    except OSError:
        pass  # no writable cache: still return the rebuilt data
    return (train, y_train), (test, y_test)


def apply_keras_conventions(train, y_train, test, y_test, *, num_words=None, seed=113,
                            start_char=1, oov_char=2, index_from=3):
    """Apply exactly what ``keras.datasets.imdb.load_data`` does to the ranks stored in ``imdb.npz``.

    Shuffle train then test with one ``np.random.RandomState(seed)``; prepend
    ``start_char``; add ``index_from`` to every rank; replace indices of
    ``num_words`` or more by ``oov_char``. Returns ``(x_train, y_train), (x_test, y_test)``
    with object arrays of lists, as Keras does. A test holds this equal to Keras' own code.

    Introduced in notebook 06.
    """
    x_train = np.empty(len(train), dtype=object)
    x_train[:] = [list(s) for s in train]
    x_test = np.empty(len(test), dtype=object)
    x_test[:] = [list(s) for s in test]
    y_train, y_test = np.asarray(y_train), np.asarray(y_test)
    rng = np.random.RandomState(seed)
    indices = np.arange(len(x_train))
    rng.shuffle(indices)
    x_train, y_train = x_train[indices], y_train[indices]
    indices = np.arange(len(x_test))
    rng.shuffle(indices)
    x_test, y_test = x_test[indices], y_test[indices]
    xs = [[start_char] + [w + index_from for w in x] for x in list(x_train) + list(x_test)]
    if not num_words:
        num_words = max(max(x) for x in xs)
    xs = [[w if w < num_words else oov_char for w in x] for x in xs]
    n = len(x_train)
    out_train = np.empty(n, dtype=object)
    out_train[:] = xs[:n]
    out_test = np.empty(len(xs) - n, dtype=object)
    out_test[:] = xs[n:]
    return (out_train, y_train), (out_test, y_test)
