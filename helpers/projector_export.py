"""Write an embedding as ``vectors.tsv`` and ``metadata.tsv`` for https://projector.tensorflow.org.

Introduced in notebook 07.
"""

from pathlib import Path

import numpy as np

from helpers import data_files


def default_export_dir() -> Path:
    """``data/exports/`` of the repository (git ignores it), else ``./exports``.

    Introduced in notebook 07.
    """
    if data_files.REPOSITORY_DATA.is_dir():
        return data_files.REPOSITORY_DATA / "exports"
    return Path.cwd() / "exports"


def export_for_projector(W, labels: dict[int, str], scores=None, folder=None):
    """Write the rows listed in ``labels`` (row -> word) to ``vectors.tsv`` and ``metadata.tsv``.

    ``vectors.tsv``: one row per word, its numbers separated by tabs, no header.
    ``metadata.tsv``: a header line ``word`` (plus ``positive_probability`` when
    ``scores`` is given, one per listed row) and then one line per word, in the same order.
    Returns the two paths.

    Introduced in notebook 07.
    """
    folder = Path(folder) if folder is not None else default_export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    rows = list(labels)
    vectors_path, metadata_path = folder / "vectors.tsv", folder / "metadata.tsv"
    np.savetxt(vectors_path, np.asarray(W)[rows], delimiter="\t", fmt="%.5f")
    with open(metadata_path, "w", encoding="utf-8") as f:
        if scores is None:
            f.write("word\n")
            f.writelines(f"{labels[r]}\n" for r in rows)
        else:
            f.write("word\tpositive_probability\n")
            f.writelines(f"{labels[r]}\t{s:.3f}\n" for r, s in zip(rows, scores))
    return vectors_path, metadata_path
