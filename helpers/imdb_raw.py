"""Rebuild Keras' IMDB integer sequences from the raw Large Movie Review Dataset text.

Used by :func:`helpers.imdb.load_imdb` only when Keras cannot download its
``imdb.npz`` (a machine without internet). The raw archive
(``aclImdb_v1.tar.gz`` from Stanford, or the labelled-only
``aclImdb_v1_labeled.tar.gz``) holds 25,000 training and 25,000 test reviews
as text files ``aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt``.

How Keras' file was made, as far as the genuine word index and the published
arrays show (``tests/test_imdb_keras_facts.py`` checks every fact with its source):

- **Tokens**: Keras' old ``text_to_word_sequence`` defaults. Lower-case the
  ASCII letters only (the file was made with Python 2 byte strings, so ``É``
  stays ``É``), replace each of ``!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~`` and tab and
  newline by a space, split on single spaces. Apostrophes stay, and
  ``<br />`` becomes the word ``br`` (rank 7). On the 25,000 training reviews
  this gives exactly the 88,584 words of ``imdb_word_index.json``, and their
  counts never increase with rank: the word index was counted on the training
  set with this tokeniser.
- **Order** before Keras' seed-113 shuffle: each split's positive reviews, then
  its negative ones, each group in the string order of its file names
  (``0_9.txt``, ``10000_8.txt``, ``10001_10.txt``, ...), not in numeric id order.
- **Unknown words**: a test-set word missing from the word index is left out,
  as Keras' documentation says ("words that were not seen in the training set
  but are in the test set have simply been skipped").

With :func:`apply_keras_conventions` (Keras' own ``load_data`` steps) the
result equals Keras' arrays on every published fact found: the full
``x_train[0]`` (218 indices), ``x_train[1]``, ``x_train[2]``, the last three
training reviews, ``x_test[0]``, ``x_test[1]``, ``x_test[2]`` and the last
three test reviews (``num_words`` 5000, 10000 and 20000), the labels' order,
the counts kept by ``maxlen`` 50/100/200, 88,585 distinct indices and a mean
length of 234.76 (std 172.911495) over all 50,000 reviews. No published fact
differs; the complete arrays could not be compared, because no genuine
``imdb.npz`` was available.

Parsing 50,000 reviews from the ``.tar.gz`` takes tens of seconds, so the
rebuilt ranks are cached in one ``.npz`` (plain integer arrays, no pickle)
beside Keras' own cache, under a different name than ``imdb.npz``.

Bad files get one line that names them and says what to do
(:class:`ImdbFileError`): a truncated, damaged or foreign archive (it is read to
its very end, so gzip's checksum is checked, and must hold the genuine
archive's 12,500 reviews of each label in each split), a word index that is
not a JSON object of words with the ranks 1 to N once each, or whose ranks
do not follow the training counts. Nothing is cached from a bad file. The
cache is keyed on a SHA-256 of both files' contents and carries a digest of
its own arrays; a damaged or edited cache is rebuilt, with a one-line note,
and written atomically; a cache that cannot be written is said once.

Introduced in notebook 06.
"""

import hashlib
import json
import lzma
import os
import re
import tarfile
import tempfile
import zlib
from pathlib import Path

import numpy as np

#: Keras' IMDB conventions, the one home for them: 0 pads, 1 starts a review, 2 stands for a word
#: outside the kept vocabulary, and the word of frequency rank ``r`` (from 1) gets index ``r + INDEX_FROM``,
#: so index 3 is never used and the first word's row is ``FIRST_WORD``.
PAD, START, OOV = 0, 1, 2
INDEX_FROM = 3
FIRST_WORD = INDEX_FROM + 1
RESERVED_WORDS = {PAD: "<pad>", START: "<start>", OOV: "<oov>"}

#: Name of the cache file (never ``imdb.npz``: that name belongs to Keras' genuine file).
#: v2: Keras' tokeniser and order (v1 caches, made with the earlier approximation, are never read).
CACHE_NAME = "imdb_rebuilt_from_raw_text_v2.npz"

#: Where the archive comes from, and the environment variables naming the offline copies.
ARCHIVE_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
ARCHIVE_VARIABLE = "IMDB_RAW_ARCHIVE"
WORD_INDEX_VARIABLE = "IMDB_WORD_INDEX"
WORD_INDEX_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json"
#: The genuine word index holds 88,584 words; a file with fewer than this many is not it.
MIN_WORD_INDEX_SIZE = 1000
#: The genuine archive holds this many reviews of each label in each split (``None``: any number, for tests'
#: tiny archives; then the training counts are not checked against the ranks either).
REVIEWS_PER_LABEL = 12_500


class ImdbFileError(ValueError):
    """An offline IMDB file (archive or word index) is damaged or is not the file it should be."""


def _bad_archive(archive, what: str) -> ImdbFileError:
    return ImdbFileError(
        f"{os.fspath(archive)} {what}; download aclImdb_v1.tar.gz again from {ARCHIVE_URL} "
        f"and point {ARCHIVE_VARIABLE} (or raw_archive=...) at it."
    )


def _bad_word_index(path, what: str) -> ImdbFileError:
    return ImdbFileError(
        f"{os.fspath(path)} {what}; download Keras' imdb_word_index.json again ({WORD_INDEX_URL}, "
        f"88,584 words) and point {WORD_INDEX_VARIABLE} (or word_index_path=...) at it."
    )


_MEMBER = re.compile(r"(?:^|/)aclImdb/(train|test)/(pos|neg)/(\d+)_(\d+)\.txt$")
#: The characters Keras' ``text_to_word_sequence`` replaced by spaces (its ``filters`` default).
KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_FILTER_TO_SPACE = str.maketrans({c: " " for c in KERAS_FILTERS})


def tokenize_review(text: str) -> list[str]:
    """Split a review into words exactly as the tokeniser behind Keras' ``imdb.npz`` did.

    Lower-case ASCII letters only, replace Keras' filter characters
    (:data:`KERAS_FILTERS`: punctuation except the apostrophe, tab, newline) by
    spaces, split on single spaces, drop empty strings. ``<br />`` becomes the
    word ``br``, as in Keras' file: ``tokenize_review("A <br />great film, isn't it?")``
    gives ``['a', 'br', 'great', 'film', "isn't", 'it']``.

    Introduced in notebook 06.
    """
    return [w for w in text.translate(_ASCII_LOWER).translate(_FILTER_TO_SPACE).split(" ") if w]


def read_word_index(path) -> dict[str, int]:
    """Read a Keras-style word index (word -> frequency rank from 1) from a JSON file, checked.

    Raises :class:`ImdbFileError` (one line naming the file and the fix) unless the
    file is a JSON object of at least :data:`MIN_WORD_INDEX_SIZE` words, each
    mapped to a positive int rank.

    Introduced in notebook 06.
    """
    try:
        with open(path, encoding="utf-8") as f:
            word_index = json.load(f)
    except (ValueError, UnicodeDecodeError) as error:  # JSONDecodeError is a ValueError
        raise _bad_word_index(path, f"is not valid JSON ({type(error).__name__})") from None
    if not isinstance(word_index, dict):
        raise _bad_word_index(
            path, f"holds a JSON {type(word_index).__name__}, not an object of word -> rank"
        ) from None
    if len(word_index) < MIN_WORD_INDEX_SIZE:
        raise _bad_word_index(path, f"holds {len(word_index):,} words, too few for Keras' IMDB word index")
    for word, rank in word_index.items():
        if type(rank) is not int or rank < 1:
            raise _bad_word_index(path, f"maps {word[:30]!r} to {str(rank)[:30]!r}, not to a positive int rank")
    ranks = np.bincount(np.fromiter(word_index.values(), dtype=np.int64, count=len(word_index)))
    if ranks.size != len(word_index) + 1 or np.any(ranks[1:] != 1):
        twice = np.flatnonzero(ranks > 1)
        what = (
            f"gives rank {twice[0]} to {ranks[twice[0]]:,} words"
            if twice.size
            else f"skips rank {np.flatnonzero(ranks[1:] == 0)[0] + 1}"
        )
        raise _bad_word_index(path, f"{what}; a word index ranks its {len(word_index):,} words 1 to N, once each")
    return word_index


def check_ranks_follow_counts(train_ranks, path) -> None:
    """One line (:class:`ImdbFileError`) unless the training counts never rise with rank.

    Keras' word index was counted on the training reviews (the module docstring), so in the
    genuine pair of files a word of rank ``r`` occurs at least as often as the word of rank
    ``r + 1``. Another data set's index (Reuters') or shuffled ranks break it at once.
    """
    flat = np.fromiter((r for review in train_ranks for r in review), dtype=np.int64)
    counts = np.bincount(flat)[1:]
    rises = np.flatnonzero(np.diff(counts) > 0)
    if rises.size:
        r = int(rises[0]) + 1
        raise _bad_word_index(
            path,
            f"is not this archive's word index: rank {r + 1} occurs {counts[r]:,} times in the training reviews, "
            f"more than rank {r} ({counts[r - 1]:,})",
        )


def read_raw_reviews(archive):
    """Yield ``(split, label, file_name, text)`` for every labelled review in the archive.

    ``split`` is ``'train'`` or ``'test'``, ``label`` is 0 (neg) or 1 (pos),
    ``file_name`` the review's file name (``'0_9.txt'``).
    The unlabelled ``train/unsup`` reviews of the full archive are skipped. A
    truncated or foreign file raises :class:`ImdbFileError` (one line).

    Introduced in notebook 06.
    """
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                match = _MEMBER.search(member.name)
                if not member.isfile() or match is None:
                    continue
                split, sentiment, review_id, rating = match.groups()
                text = tar.extractfile(member).read().decode("utf-8", errors="replace")
                yield split, int(sentiment == "pos"), f"{review_id}_{rating}.txt", text
            _read_to_the_end(tar, archive)
    except EOFError:
        raise _bad_archive(archive, "ends early (a truncated download?)") from None
    except tarfile.ReadError:
        raise _bad_archive(archive, "is not a tar archive (a web page or another file?)") from None
    except (tarfile.TarError, OSError, zlib.error, lzma.LZMAError) as error:  # gzip.BadGzipFile is an OSError
        raise _bad_archive(archive, f"cannot be read ({type(error).__name__}: damaged?)") from None


def _read_to_the_end(tar, archive) -> None:
    """Read what follows the last member: only zeros may (the archive's end), and gzip checks its CRC there.

    ``tarfile`` takes a damaged header anywhere after the first for the end of the archive, and
    reading members by seeking never reaches gzip's checksum; both would pass a damaged file.
    """
    stream = tar.fileobj
    while chunk := stream.read(1 << 20):
        if chunk.strip(b"\0"):
            raise _bad_archive(archive, "holds data past a damaged member header (damaged or cut short?)")


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
    lists of ranks (1 = most frequent word) and int64 label arrays. Each split
    holds its positive reviews first, then its negative ones, each group in the
    string order of the file names (``'0_9.txt' < '10000_8.txt' < '1_7.txt'``):
    the order of Keras' ``imdb.npz`` before its seeded shuffle. Words missing
    from the word index are left out, as in Keras' file.

    Introduced in notebook 06.
    """
    found = {"train": [], "test": []}
    for split, label, name, text in read_raw_reviews(archive):
        ranks = [word_index[w] for w in tokenize_review(text) if w in word_index]
        found[split].append((label, name, ranks))
    result = []
    for split in ("train", "test"):
        if not found[split]:
            raise _bad_archive(archive, f"holds no aclImdb/{split}/pos|neg/*.txt reviews")
        for label, name in ((1, "pos"), (0, "neg")):
            count = sum(row[0] == label for row in found[split])
            if REVIEWS_PER_LABEL is not None and count != REVIEWS_PER_LABEL:
                raise _bad_archive(
                    archive,
                    f"holds {count:,} aclImdb/{split}/{name} reviews, not the genuine {REVIEWS_PER_LABEL:,} "
                    "(cut short or damaged?)",
                )
        rows = sorted(found[split], key=lambda row: (-row[0], row[1]))
        result.append(([r[2] for r in rows], np.array([r[0] for r in rows], dtype=np.int64)))
    return tuple(result)


def _fingerprint(archive, word_index_path) -> str:
    """A SHA-256 of both files' contents (with the rules that apply): the cache's key."""
    digest = hashlib.sha256(f"per-label={REVIEWS_PER_LABEL}|".encode())
    for path in (archive, word_index_path):
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        digest.update(b"|")
    return "sha256:" + digest.hexdigest()


def _arrays_digest(arrays) -> str:
    """A SHA-256 of the cache's arrays, in order: an edited cache does not match it."""
    digest = hashlib.sha256()
    for array in arrays:
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()


def keras_home() -> Path:
    """Keras' home folder, by Keras' own rule: ``$KERAS_HOME``, else ``~/.keras``, else ``/tmp/.keras``
    when that exists but cannot be written. The one place the helpers decide it.

    Introduced in notebook 06.
    """
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    if not os.access(home, os.W_OK) and os.path.exists(home):
        home = os.path.join("/tmp", ".keras")
    return Path(home)


def default_cache_dir() -> Path:
    """Keras' dataset cache folder: ``datasets`` in :func:`keras_home`.

    Introduced in notebook 06.
    """
    return keras_home() / "datasets"


_ARRAY_KEYS = ("train_flat", "train_offsets", "train_labels", "test_flat", "test_offsets", "test_labels")
_CACHE_KEYS = {"fingerprint", "digest", *_ARRAY_KEYS}


def _read_cache(cache: Path, fingerprint: str):
    """The cached ranks, ``None`` for a cache of other files, or raise ``ValueError`` if damaged."""
    try:
        with np.load(cache, allow_pickle=False) as f:
            if "fingerprint" in f.files and str(f["fingerprint"]) != fingerprint:
                return None  # built from other files (or by an earlier version): rebuilt, no note needed
            if set(f.files) != _CACHE_KEYS:
                raise ValueError(f"keys {sorted(f.files)}")
            if str(f["digest"]) != _arrays_digest(f[key] for key in _ARRAY_KEYS):
                raise ValueError("digest")
            parts = []
            for split in ("train", "test"):
                flat, offsets, labels = f[f"{split}_flat"], f[f"{split}_offsets"], f[f"{split}_labels"]
                if not (
                    flat.ndim == offsets.ndim == labels.ndim == 1
                    and len(offsets) == len(labels) + 1
                    and all(a.dtype.kind in "iu" for a in (flat, offsets, labels))
                ):
                    raise ValueError("shapes")
                if (
                    len(labels) == 0
                    or offsets[0] != 0
                    or offsets[-1] != len(flat)
                    or np.any(np.diff(offsets) < 0)
                    or (len(flat) and flat.min() < 1)
                    or not np.isin(labels, (0, 1)).all()
                ):
                    raise ValueError("contents")
                parts.append((_unflatten(flat, offsets), labels))
            return tuple(parts)
    except Exception as error:  # BadZipFile, EOFError, zlib.error, OSError, KeyError, ValueError...
        raise ValueError(type(error).__name__) from None


def _write_cache(cache: Path, fingerprint: str, train, y_train, test, y_test) -> None:
    """Write the cache atomically: to a temporary file in the same folder, then ``os.replace``.

    Whatever happens, no temporary file is left behind; an ``OSError`` (no
    writable folder, disk full) propagates to the caller.
    """
    cache.parent.mkdir(parents=True, exist_ok=True)
    train_flat, train_offsets = _flatten(train)
    test_flat, test_offsets = _flatten(test)
    arrays = dict(
        zip(_ARRAY_KEYS, (train_flat, train_offsets, np.asarray(y_train), test_flat, test_offsets, np.asarray(y_test)))
    )
    _remove_stale_temporaries(cache)
    fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez_compressed(
                f, fingerprint=np.array(fingerprint), digest=np.array(_arrays_digest(arrays.values())), **arrays
            )
        mask = os.umask(0)  # mkstemp makes the file private; give the cache the usual permissions
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, cache)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


#: A temporary cache file older than this (seconds) was left by a write that was killed; the next write removes it.
STALE_TEMPORARY_SECONDS = 600


def _remove_stale_temporaries(cache: Path) -> None:
    """Remove ``<cache>.*.tmp`` files a killed write left behind (a running write's file is younger)."""
    import time

    for leftover in cache.parent.glob(cache.name + ".*.tmp"):
        try:
            if time.time() - leftover.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                leftover.unlink()
        except OSError:
            pass


def _read_only_caches(cache_dir: Path) -> list[Path]:
    """The cache in ``~/.keras`` (or ``$KERAS_HOME``) when Keras' rule moved the cache to ``/tmp/.keras`` because
    that folder cannot be written: a good cache there is still read."""
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    usual = Path(home) / "datasets" / CACHE_NAME
    return [usual] if usual.parent != cache_dir and usual.is_file() else []


#: Caches this process could not write, each said once.
_UNWRITABLE_SAID: set = set()


def load_ranks(archive, word_index_path, cache_dir=None):
    """Rank sequences from the raw archive, read from the cache when it matches, else rebuilt and cached.

    The cache is keyed by a SHA-256 of both files' contents. A damaged or edited
    cache (cut short, wrong contents, arrays that do not match their digest) is
    rebuilt and replaced, with a one-line note; a bad archive or word index raises
    :class:`ImdbFileError` before anything is cached; a cache that cannot be written
    is said once per process. Returns the same as :func:`rebuild_ranks`.

    Introduced in notebook 06.
    """
    cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    cache = cache_dir / CACHE_NAME
    fingerprint = _fingerprint(archive, word_index_path)
    damaged = False
    for elsewhere in _read_only_caches(cache_dir):  # a good cache Keras' home holds but cannot be written to
        try:
            cached = _read_cache(elsewhere, fingerprint)
            if cached is not None:
                return cached
        except ValueError:
            pass
    if cache.exists():
        try:
            cached = _read_cache(cache, fingerprint)
            if cached is not None:
                return cached
        except ValueError:
            damaged = True
    (train, y_train), (test, y_test) = rebuild_ranks(archive, read_word_index(word_index_path))
    if REVIEWS_PER_LABEL is not None:
        check_ranks_follow_counts(train, word_index_path)
    try:
        _write_cache(cache, fingerprint, train, y_train, test, y_test)
        if damaged:
            print(f"IMDB cache {cache} was damaged; rebuilt it.")
    except OSError as error:  # no writable cache: still return the rebuilt data
        if damaged:
            print(
                f"IMDB cache {cache} was damaged; rebuilt the data but could not replace it "
                f"({type(error).__name__}); delete it."
            )
        elif str(cache) not in _UNWRITABLE_SAID:
            print(
                f"IMDB cache {cache} cannot be written ({type(error).__name__}), so every run rebuilds IMDB "
                "(tens of seconds); set KERAS_HOME to a writable folder."
            )
        _UNWRITABLE_SAID.add(str(cache))
    return (train, y_train), (test, y_test)


def apply_keras_conventions(
    train, y_train, test, y_test, *, num_words=None, seed=113, start_char=START, oov_char=OOV, index_from=INDEX_FROM
):
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
