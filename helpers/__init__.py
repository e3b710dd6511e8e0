"""Helpers for the notebook series "How Keras Embedding layers work".

Importing this package changes nothing by itself: no seeds are set, no
matplotlib defaults change and TensorFlow is not imported. Notebooks call
what they need explicitly, starting with the setup cell of each notebook:

    import helpers
    tf = helpers.import_tensorflow_quietly()   # notebook 01
    helpers.set_seed(42)                       # notebook 01
    helpers.use_figure_style()                 # notebook 02

One module, one job (the notebook that introduces it in brackets):

- ``environment``        quiet TensorFlow import, quick-mode switch             (01)
- ``seeding``            one call seeds Python, NumPy, Keras and TF             (01)
- ``validation``         one-line errors for what a learner can get wrong       (01)
- ``text``               word index and sequences the way the seed answer
                         built them, with Keras 3 layers                        (01)
- ``exercises``          check functions for the end-of-notebook exercises;
                         one module of questions per notebook, ``nbNN.py``      (01)
- ``figure_style``       the series' one figure style, applied explicitly       (02)
- ``plots``              the padded-batch grid and the weight-lookup figure     (02, 03)
- ``explorer_state``     settings -> a real Keras ``Embedding`` -> every view   (02, 03)
- ``explorer``           the ipywidgets padding and embedding explorers         (02, 03)
- ``embedding``          weight matrix, ``W[indices]``, ``one_hot @ W``,
                         parameter count, errors for indices past the vocabulary (03)
- ``learning``           which rows an optimizer step moves; the toy 2-D task   (05)
- ``imdb``               IMDB the Keras way, offline fallback, decode/encode    (06)
- ``imdb_raw``           rebuild IMDB's integer sequences from the raw text     (06)
- ``data_files``         find the series' small data files                      (06)
- ``training``           the seed's model, validation split, length-bucketed
                         batches, curves                                        (06)
- ``experiments``        the controlled experiment's results, per arm           (06)
- ``neighbours``         nearest words by cosine similarity                     (07)
- ``projection``         2-D PCA picture and the sentiment direction            (07)
- ``projector_export``   ``vectors.tsv`` / ``metadata.tsv`` for the Projector   (07)
- ``skipgram``           word2vec's skip-gram: training pairs and the model     (08)
- ``glove``              pretrained GloVe: find, download, read, align          (08)
- ``parquet_strings``    the GloVe package's Parquet word list, without pyarrow (08)
"""

from helpers.environment import QUICK_MODE_VARIABLE, import_tensorflow_quietly, is_quick_mode
from helpers.figure_style import use_figure_style
from helpers.seeding import set_seed

__all__ = [
    "QUICK_MODE_VARIABLE",
    "import_tensorflow_quietly",
    "is_quick_mode",
    "set_seed",
    "use_figure_style",
]
