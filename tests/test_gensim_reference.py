"""Notebook 08's gensim reference: its Word2Vec has the Keras skip-gram's settings, keeps each word and draws random
words exactly as ``helpers.skipgram`` does for the same counts, and gives the same vectors on every run (one worker
thread, a fixed seed; also across processes with different hash seeds). Run on a tiny corpus with the notebook's own
``train_gensim`` code."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers import skipgram

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "08_word2vec_and_glove.ipynb"
FIRST_WORD = 4  # rows 0-3 are padding, start, unknown, unused (helpers.imdb.FIRST_WORD)
SETTINGS = {"embedding_dim": 8, "window_size": 2, "num_negative": 4, "num_epochs": 2}


def notebook_source() -> str:
    return "\n".join(cell.source for cell in nbformat.read(NOTEBOOK, as_version=4).cells if cell.cell_type == "code")


def shown_train_gensim() -> str:
    """The notebook's ``train_gensim`` function, as the learner reads it."""
    lines = notebook_source().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("def train_gensim("))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("    return model"))
    return "\n".join(lines[start : end + 1])


def tiny_corpus():
    """400 'reviews' of 25 words from 300, Zipf-like, and each word's count (its row is its rank + 4, as in IMDB)."""
    rng = np.random.default_rng(0)
    weights = 1 / np.arange(1, 301)
    sentences = [[f"w{i}" for i in rng.choice(300, size=25, p=weights / weights.sum())] for _ in range(400)]
    counted = {}
    for sentence in sentences:
        for word in sentence:
            counted[word] = counted.get(word, 0) + 1
    ranked = sorted(counted, key=lambda w: -counted[w])
    rows = {word: rank + FIRST_WORD for rank, word in enumerate(ranked)}
    counts = np.zeros(FIRST_WORD + len(ranked), dtype=np.int64)
    for word, row in rows.items():
        counts[row] = counted[word]
    counts[1], counts[2] = 400, 1000  # start and unknown tokens: no words, in no total
    return sentences, counted, rows, counts


def train(seed: int):
    from gensim.models import Word2Vec

    sentences, counted, _, _ = tiny_corpus()
    scope = {"Word2Vec": Word2Vec, "gensim_counts": counted, "gensim_sentences": sentences, **SETTINGS}
    exec(shown_train_gensim(), scope)
    return scope["train_gensim"](seed)


def test_the_settings_are_the_keras_skipgrams():
    model = train(seed=1)
    assert (model.vector_size, model.window, model.negative) == (8, 2, 4)  # embedding_dim, window_size, num_negative
    assert model.sg == 1 and model.hs == 0 and model.shrink_windows is False and model.workers == 1
    assert model.ns_exponent == 0.75 and model.sample == 1e-4 and model.epochs == 2
    source = notebook_source()
    assert "subsample=1e-4, seed=1" in source and "sample=1e-4" in source  # the Keras examples' t, and gensim's


def test_gensim_keeps_each_word_as_often_as_skipgram_examples_does():
    model = train(seed=1)
    _, _, rows, counts = tiny_corpus()
    words_only = np.where(np.arange(len(counts)) >= FIRST_WORD, counts, 0)
    ours = skipgram.keep_probability(words_only, 1e-4)
    for word, row in rows.items():
        gensims = model.wv.get_vecattr(word, "sample_int") / (2**32 - 1)
        assert gensims == pytest.approx(ours[row], abs=1e-6), word


def test_gensim_draws_random_words_from_the_same_distribution():
    model = train(seed=1)
    _, _, rows, counts = tiny_corpus()
    ours = skipgram.negative_distribution(counts)
    gensims = np.diff(np.concatenate([[0], model.cum_table.astype(np.float64)])) / (
        2**31 - 1
    )  # make_cum_table's domain
    for word, row in rows.items():
        assert gensims[model.wv.key_to_index[word]] == pytest.approx(ours[row], abs=1e-8), word


def test_the_same_seed_gives_the_same_vectors_and_another_seed_others():
    one, again, other = train(seed=1), train(seed=1), train(seed=2)
    assert np.array_equal(one.wv.vectors, again.wv.vectors)
    assert not np.array_equal(one.wv.vectors, other.wv.vectors)


def test_the_vectors_do_not_depend_on_pythons_hash_seed(tmp_path):
    """gensim 4.4's docstring asks for a fixed PYTHONHASHSEED too; two processes with different ones agree anyway."""
    script = (
        "import sys, numpy as np\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "import test_gensim_reference as t\n"
        "np.save(sys.argv[1], t.train(seed=1).wv.vectors)\n"
    )
    saved = []
    for hash_seed in ("1", "2"):
        path = tmp_path / f"vectors_{hash_seed}.npy"
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", script, str(path)], check=True, env=environment, timeout=300)
        saved.append(np.load(path))
    assert np.array_equal(*saved) and np.array_equal(saved[0], train(seed=1).wv.vectors)
    assert saved[0].shape == (300, 8) and saved[0].any()
