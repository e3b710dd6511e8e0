"""Helpers for the notebook series "How Keras Embedding layers work".

Importing this package changes nothing by itself: no seeds are set, no
matplotlib defaults change and neither Keras nor TensorFlow is imported. Notebooks call
what they need explicitly, starting with the setup cell of each notebook:

    import helpers
    keras = helpers.import_keras_quietly()     # notebook 01: the backend KERAS_BACKEND names
    helpers.set_seed(42)                       # notebook 01
    helpers.use_figure_style()                 # notebook 02

One module, one job, in the order the data flows (the notebook that introduces each in brackets):

- ``notebook_setup``     quiet Keras import on any backend, quick-mode switch,
                         one seed                                               (01)
- ``validation``         one-line errors for what a learner can get wrong       (01)
- ``text``               sentences -> word index -> integer sequences, the way
                         the seed answer built them, with Keras 3 layers        (01)
- ``pipeline``           settings -> padded batch -> a real Keras ``Embedding``
                         -> output, mask and every view of the explorers        (02, 03)
- ``embedding``          weight matrix, ``W[indices]``, ``one_hot @ W``,
                         parameter count, size limits                           (03)
- ``learning``           which rows an optimizer step moves; the toy 2-D task   (05)
- ``imdb``               IMDB the Keras way, offline fallback, decode/encode    (06)
- ``imdb_raw``           Keras' IMDB conventions; the exact offline rebuild     (06)
- ``network``            a probe that needs a real HTTPS answer; a deadline on
                         every download, so no helper hangs offline             (06)
- ``data_files``         the series' small data files and the trained model     (06)
- ``training``           the seed's model, validation split, length-bucketed
                         batches, the epoch report                              (06)
- ``experiments``        the controlled experiment's results, per arm           (06)
- ``seed_statistics``    means over seeds with 95% intervals, paired
                         differences between arms, the chance of a false claim  (06, 08)
- ``embedding_space``    neighbours, PCA, the sentiment direction, one-word
                         scores, the Embedding Projector's files                (07)
- ``skipgram``           word2vec's skip-gram: training pairs and the model     (08)
- ``glove``              pretrained GloVe: find, download, read, align          (08)
- ``backends``           run a function under another Keras backend (TensorFlow,
                         JAX, PyTorch) in a fresh process; which are installed (09)
- ``mask_table``         what each layer after an Embedding does with its mask,
                         measured on the installed Keras                        (10)
- ``heads``              what follows the Embedding: pooling, Flatten, Conv1D,
                         the seed's LSTM, a Transformer block with positions    (10)
- ``size_sweeps``        how big: the dimension, vocabulary, data and hashing
                         sweeps' results as curves, the rules of thumb          (12)

Around the data path:

- ``figure_style``       the series' one figure style and its colours           (02)
- ``figures``            every figure: padded batch, weight lookup, labels that
                         never overlap, words in 2-D, curves, experiment arms,
                         seconds per epoch by backend and device, curves with
                         95% bands                                              (02-12)
- ``figure_text``        each figure's text alternative, written from its data  (02)
- ``figure_output``      ``figures.show(fig)``: the picture with its words, for
                         screen readers and for anyone ("Described in words")  (02)
- ``interactive``        every live widget: explorers, replay, word box    (02, 03, 05, 07)
- ``controls``           the explorers' own slider, toggles, checkbox and button:
                         labelled, and keyboard-safe in JupyterLab (anywidget)  (02)
- ``exercises``          check functions for the end-of-notebook exercises;
                         one module of questions per notebook, ``nbNN.py``      (01)
"""

from helpers.figure_style import use_figure_style
from helpers.notebook_setup import (
    QUICK_MODE_VARIABLE,
    gpu_count,
    import_keras_quietly,
    import_tensorflow_quietly,
    is_quick_mode,
    set_seed,
)

__all__ = [
    "QUICK_MODE_VARIABLE",
    "gpu_count",
    "import_keras_quietly",
    "import_tensorflow_quietly",
    "is_quick_mode",
    "set_seed",
    "use_figure_style",
]
