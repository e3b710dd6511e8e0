"""Find the series' small data files (own reviews, the trained IMDB model) wherever the helpers run.

In a clone of the repository they sit in its ``data/`` folder. Where the
helpers were installed without the repository (Colab, a plain ``pip install``),
they are read from the folder named by ``EMBEDDING_SERIES_DATA`` when it is set
(the Colab-like check sets it; there is no internet there), else downloaded once
from the repository into Keras' cache.

Introduced in notebook 06.
"""

import os
from pathlib import Path

#: The repository's ``data/`` folder (present in a clone or an editable install).
REPOSITORY_DATA = Path(__file__).resolve().parents[1] / "data"
RAW_URL = "https://raw.githubusercontent.com/keras-embedding-series/keras-embedding-series/main/data/"
#: Environment variable naming a folder that holds the data files (an offline copy of ``data/``).
DATA_VARIABLE = "EMBEDDING_SERIES_DATA"


def data_file(name: str) -> Path:
    """Path of ``data/<name>``: from the repository, else downloaded once (needs internet).

    Introduced in notebook 06.
    """
    local = REPOSITORY_DATA / name
    if local.is_file():
        return local
    if os.environ.get(DATA_VARIABLE):
        offline = Path(os.environ[DATA_VARIABLE]).expanduser() / name
        if offline.is_file():
            return offline
    import keras

    try:
        return Path(keras.utils.get_file(fname=name, origin=RAW_URL + name, cache_subdir="embedding-series"))
    except Exception as error:  # no internet, or the file is not published
        raise FileNotFoundError(
            f"data/{name} is not in this installation and could not be downloaded ({type(error).__name__}); "
            "run the notebooks from a clone of the repository."
        ) from None


def read_labelled_reviews(name: str = "my_reviews.txt") -> list[tuple[str, str]]:
    """``(label, review)`` pairs from a text file: one review a line, ``pos``/``neg``, a tab, the text.

    Lines starting with ``#`` and blank lines are skipped.

    Introduced in notebook 06.
    """
    pairs = []
    for number, line in enumerate(data_file(name).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, text = line.partition("\t")
        if not sep or label not in {"pos", "neg"}:
            raise ValueError(f"{name} line {number}: expected 'pos' or 'neg', a tab, then the review; got {line[:40]!r}.")
        pairs.append((label, text.strip()))
    return pairs
