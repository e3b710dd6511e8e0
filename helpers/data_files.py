"""Find the series' small data files (own reviews, the trained IMDB model) wherever the helpers run.

In a clone of the repository they sit in its ``data/`` folder. Where the
helpers were installed without the repository (Colab, a plain ``pip install``),
they are read from the folder named by ``EMBEDDING_SERIES_DATA`` when it is set
(the Colab-like check sets it; there is no internet there), else downloaded once
from the repository into Keras' cache. A file missing from a clone, or a
damaged trained model, gets one line that names it and says what to do.

Introduced in notebook 06.
"""

import os
import zipfile
from pathlib import Path

from helpers.validation import check_readable

#: The repository's ``data/`` folder (present in a clone or an editable install).
REPOSITORY_DATA = Path(__file__).resolve().parents[1] / "data"
RAW_HOST = "raw.githubusercontent.com"
RAW_URL = f"https://{RAW_HOST}/keras-embedding-series/keras-embedding-series/main/data/"
#: Environment variable naming a folder that holds the data files (an offline copy of ``data/``).
DATA_VARIABLE = "EMBEDDING_SERIES_DATA"
#: The trained IMDB model notebook 06's full run saves and notebook 07 reads.
TRAINED_MODEL = "imdb_lstm.keras"
#: A run of the learner's own (any full run of notebook 06 that is not the series' recorded one), in user_data_dir().
OWN_TRAINED_MODEL = "my_imdb_lstm.keras"
#: Which run the repository's trained model is, its machine, its test accuracy and its file's SHA-256.
TRAINED_MODEL_RECORD = "imdb_lstm.json"
#: Sub-folder of Keras' home (``$KERAS_HOME`` or ``~/.keras``) for downloads and a user's own trained model.
USER_SUBDIR = "embedding-series"
#: What a ``.keras`` file must hold (``keras.saving`` writes these members).
KERAS_MEMBERS = ("config.json", "model.weights.h5")


class DamagedFileError(ValueError):
    """A data file is there but cannot be used (cut short, not the file it should be)."""


def _in_repository() -> bool:
    """True where the helpers run from a clone (or an editable install) of the repository."""
    root = REPOSITORY_DATA.parent
    return REPOSITORY_DATA.is_dir() and ((root / ".git").exists() or (root / "pyproject.toml").is_file())


def _restore(name: str) -> str:
    """How to get a good ``data/<name>`` back: from the clone, or (a plain install) by downloading it again."""
    if _in_repository():
        return f"restore it from the repository (`git checkout data/{name}`)"
    return (
        f"delete it so that the next call downloads it again (needs internet), or set {DATA_VARIABLE} "
        "to a folder holding a good copy"
    )


def _model_fix(name: str) -> str:
    return f"{_restore(name)} or re-run notebook 06 in full mode (EMBEDDING_SERIES_QUICK=0), which saves it"


def user_data_dir() -> Path:
    """``$KERAS_HOME/embedding-series`` (default ``~/.keras/embedding-series``): the user's own folder.

    Introduced in notebook 06.
    """
    from helpers.imdb_raw import keras_home

    return keras_home() / USER_SUBDIR


def own_model_path() -> Path:
    """Where notebook 06 saves a model of the learner's own: ``user_data_dir() / OWN_TRAINED_MODEL``.

    In a clone and installed alike: never the clone's ``data/`` (the series' model stays as it is),
    never ``site-packages``, and never the name the series' downloaded copy is cached under.
    Notebooks 07 and 08 read it only when asked (``load_trained_model(path=own_model_path())``).

    Introduced in notebook 06.
    """
    return user_data_dir() / OWN_TRAINED_MODEL


def trained_model_record() -> dict:
    """``data/imdb_lstm.json``: which run the series' trained model is (arm, seed, machine, test accuracy, SHA-256).

    Introduced in notebook 06; notebook 07 prints it.
    """
    return read_json(TRAINED_MODEL_RECORD)


def save_trained_model(model, epoch_test_accuracy) -> tuple[Path, bool]:
    """Save notebook 06's freshly trained model without replacing the series' own: ``(path, reproduced)``.

    ``reproduced`` is True when the run's test accuracy after every epoch equals the record's, i.e.
    this machine repeated the recorded run: in a clone the repository's file then already *is* this
    model and is left as it is. Any other run (and any run outside a clone) is the learner's own model,
    saved to :func:`own_model_path`, so that notebooks 07 and 08 keep reading the model their text
    describes.

    Introduced in notebook 06.
    """
    reproduced = [round(float(a), 6) for a in epoch_test_accuracy] == trained_model_record()["epoch_test_accuracy"]
    series = REPOSITORY_DATA / TRAINED_MODEL
    if reproduced and _in_repository() and series.is_file():
        return series, True
    path = own_model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)
    return path, reproduced


def shown_path(path) -> str:
    """``path`` as a learner should read it: relative to the repository in a clone, else with ``~`` for home.

    Introduced in notebook 06.
    """
    path = Path(path).resolve()
    root = REPOSITORY_DATA.parent.resolve()
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    home = Path.home().resolve()
    return "~/" + path.relative_to(home).as_posix() if path.is_relative_to(home) else path.as_posix()


def data_file(name: str, *, fix: str | None = None, file_hash: str | None = None) -> Path:
    """Path of ``data/<name>``: from the repository, else downloaded once (needs internet).

    ``file_hash`` (a SHA-256) is passed to ``keras.utils.get_file``: a cached copy that does not
    match it is downloaded again instead of being used.

    In a clone, a missing file raises ``FileNotFoundError`` at once, naming the
    path and ``fix`` (default: restore it with ``git checkout``).

    Introduced in notebook 06.
    """
    local = REPOSITORY_DATA / name
    if local.is_file():
        return local
    if _in_repository():
        raise FileNotFoundError(f"{local} is missing; {fix or _restore(name)}.")
    if os.environ.get(DATA_VARIABLE):
        offline = Path(os.environ[DATA_VARIABLE]).expanduser() / name
        if offline.is_file():
            return offline
    from helpers import network

    if not network.can_reach(RAW_URL + name):  # a quick probe first: a real HTTPS answer within 3 s
        raise FileNotFoundError(
            f"data/{name} is not in this installation and {RAW_HOST} does not answer; connect to the internet, "
            f"set {DATA_VARIABLE} to a folder holding it, or run the notebooks from a clone of the repository"
            + (f" and {fix}." if fix else ".")
        )
    import keras

    try:
        with network.deadline():  # and a server that goes silent half-way gives up after 30 s
            return Path(
                keras.utils.get_file(fname=name, origin=RAW_URL + name, cache_subdir=USER_SUBDIR, file_hash=file_hash)
            )
    except Exception as error:  # no internet, or the file is not published
        raise FileNotFoundError(
            f"data/{name} is not in this installation and could not be downloaded ({type(error).__name__}); "
            f"connect to the internet, or run the notebooks from a clone of the repository"
            + (f" and {fix}." if fix else ".")
        ) from None


def read_json(name: str) -> dict:
    """``data/<name>``, a results file, as a dict; an unreadable file gets one line that says how to restore it.

    Introduced in notebook 06.
    """
    import json

    path = data_file(name)
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"{path} is not a readable results file ({type(error).__name__}); {_restore(name)}.") from None
    if not isinstance(value, dict):
        raise ValueError(f"{path} is not a results file (no JSON object at the top); {_restore(name)}.")
    return value


def _keras_file_problem(path: Path) -> str | None:
    """Why ``path`` is not a whole ``.keras`` file, or ``None`` if its zip checks out."""
    try:
        with zipfile.ZipFile(path) as archive:
            corrupt = archive.testzip()
            if corrupt is not None:
                return f"its part {corrupt} is corrupt"
            missing = [m for m in KERAS_MEMBERS if m not in archive.namelist()]
            if missing:
                return f"it lacks {', '.join(missing)}"
    except Exception as error:  # BadZipFile, EOFError, zlib.error, OSError...
        return f"it is not a complete .keras zip file: {type(error).__name__}"
    return None


def load_trained_model(name: str = TRAINED_MODEL, path: Path | None = None):
    """Notebook 06's trained IMDB model: its architecture built here, its weights read from the saved file.

    The file is ``path`` when given (your own run: ``own_model_path()``), else the series' model, the
    one notebooks 07 and 08 describe: a clone's ``data/<name>``, or outside a clone the repository's
    copy (downloaded once). A model of your own never replaces it.

    Only the weights come from the file (``model.load_weights``): they load on any
    Keras 3, whereas a whole saved model written by Keras 3.15 did not load on
    Colab's Keras 3.13 (its config names an initializer argument 3.13 lacks). A
    missing or damaged file, or one whose weights do not fit, gets one line that says
    to restore it from the repository (``git checkout data/<name>``) or to re-run
    notebook 06 in full mode (``EMBEDDING_SERIES_QUICK=0``).

    Introduced in notebook 07.
    """
    fix = _model_fix(name)
    if path is None:  # outside a clone the download is checked against the record's SHA-256 (a stale copy is replaced)
        file_hash = None
        if name == TRAINED_MODEL and not _in_repository():
            try:
                file_hash = trained_model_record()["sha256"]
            except FileNotFoundError:  # no record either: the model's own download says what to do
                pass
        path = data_file(name, fix=fix, file_hash=file_hash)
    elif not Path(path).is_file():
        raise FileNotFoundError(
            f"{path} is missing; run notebook 06 in full mode (EMBEDDING_SERIES_QUICK=0) to save it."
        )
    path = check_readable(Path(path), fix)
    problem = _keras_file_problem(path)
    if problem is not None:
        raise DamagedFileError(f"{path} is damaged ({problem}); {fix}.")
    from helpers.training import build_seed_model

    model = build_seed_model(name="trained_seed_model")
    try:
        model.load_weights(path)
    except Exception as error:
        detail = (str(error).strip().splitlines() or [""])[0][:200]
        raise DamagedFileError(
            f"{path} does not hold this model's weights ({type(error).__name__}: {detail}); {fix}."
        ) from None
    return model


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
            raise ValueError(
                f"{name} line {number}: expected 'pos' or 'neg', a tab, then the review; got {line[:40]!r}."
            )
        pairs.append((label, text.strip()))
    return pairs
