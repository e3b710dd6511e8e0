"""The explorer's views come from a real Keras Embedding, bad settings give one line, and it keeps working."""

import numpy as np
import pytest

from helpers import explorer, explorer_state
from helpers.explorer_state import ExplorerError, ExplorerSettings, LayerCache, compute_padding, compute_views

SEED_BATCH = [[0, 0, 1, 2, 3, 4], [0, 1, 2, 5, 3, 4]]


def test_defaults_reproduce_the_seed_answer():
    views = compute_views(ExplorerSettings())
    assert views.batch.tolist() == SEED_BATCH
    assert views.shape == (2, 6, 3)
    assert views.parameter_count == 30
    assert np.array_equal(views.mask, np.array(SEED_BATCH) != 0)
    assert np.array_equal(views.output, views.weights[views.batch])  # every output row is a row of W
    assert views.used_rows == [0, 1, 2, 3, 4, 5]


def test_views_come_from_a_real_keras_layer():
    import keras

    cache = LayerCache()
    views = compute_views(ExplorerSettings(output_dim=5, seed=7), cache)
    assert isinstance(cache.layer, keras.layers.Embedding)
    assert np.array_equal(views.weights, cache.layer.get_weights()[0])
    again = keras.ops.convert_to_numpy(cache.layer(views.batch))
    assert np.array_equal(views.output, again)


def test_the_layer_is_rebuilt_only_when_its_own_settings_change():
    cache = LayerCache()
    settings = ExplorerSettings()
    first = compute_views(settings, cache)
    compute_views(settings.with_changes(padding="post", sequence_length=8), cache)
    assert cache.builds == 1
    assert compute_views(settings.with_changes(output_dim=4), cache).layer_rebuilt
    assert cache.builds == 2
    back = compute_views(settings, cache)  # same seed: the same weights again
    assert np.array_equal(back.weights, first.weights)


def test_padding_and_truncating_choices():
    settings = ExplorerSettings(sequence_length=4)
    assert compute_padding(settings.with_changes(truncating="pre")).batch.tolist() == [[1, 2, 3, 4], [2, 5, 3, 4]]
    assert compute_padding(settings.with_changes(truncating="post")).batch.tolist() == [[1, 2, 3, 4], [1, 2, 5, 3]]
    assert compute_padding(ExplorerSettings(padding="post")).batch.tolist() == [[1, 2, 3, 4, 0, 0], [1, 2, 5, 3, 4, 0]]


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"sentences": ""}, "The text box is empty"),
        ({"sentences": "  \n \n"}, "The text box is empty"),
        ({"sentences": "!!! ???"}, "No words found"),
        ({"input_dim": 5}, "input_dim=5 is too small: the word 'not' has index 5, so the layer needs at least 6 rows"),
        ({"input_dim": 0}, "input_dim (vocabulary size) must be at least 1"),
        ({"output_dim": 0}, "output_dim (embedding_dim) must be at least 1"),
        ({"sequence_length": 0}, "sequence_length must be at least 1"),
        ({"padding": "middle"}, "padding must be 'pre' or 'post'"),
    ],
)
def test_impossible_settings_give_one_line(changes, expected):
    with pytest.raises(ExplorerError) as error:
        compute_views(ExplorerSettings().with_changes(**changes))
    message = str(error.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_a_sentence_without_words_is_all_padding_and_fully_masked():
    views = compute_views(ExplorerSettings(sentences="This is a text\n???"))
    assert views.batch[1].tolist() == [0] * 6
    assert not views.mask[1].any()
    assert any("all padding" in note for note in views.notes)


def test_words_never_get_index_zero_so_the_mask_hides_only_padding():
    views = compute_views(ExplorerSettings(sentences="zero one two\nthree", sequence_length=5))
    assert min(views.word_index.values()) == 1
    assert np.array_equal(views.mask, views.batch != 0)


def widget_text(box) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", box.value))


def test_widget_shows_views_and_follows_its_controls():
    e = explorer.embedding_explorer()
    assert "(2, 6, 3)" in widget_text(e.shape_view)
    assert "30" in widget_text(e.params_view)
    e.controls["output_dim"].value = 8  # as a learner moving the slider
    assert "(2, 6, 8)" in widget_text(e.shape_view)
    assert "80" in widget_text(e.params_view)
    e.controls["padding"].value = "post"
    assert e.views.batch.tolist() == [[1, 2, 3, 4, 0, 0], [1, 2, 5, 3, 4, 0]]
    e.controls["mask_zero"].value = False
    assert e.views.mask is None and "mask_zero is off" in widget_text(e.mask_view)


def test_widget_survives_impossible_settings():
    e = explorer.embedding_explorer()
    for name, bad in [("input_dim", 3), ("output_dim", 0), ("sentences", ""), ("sequence_length", 0), ("input_dim", 0)]:
        good = e.controls[name].value
        e.controls[name].value = bad
        text = widget_text(e.message)
        assert text.startswith("⚠ ") and "\n" not in text and "Traceback" not in text, text
        assert e.views is None
        assert e.summary().startswith("problem: ")
        e.controls[name].value = good
        assert widget_text(e.message) == ""
        assert "(2, 6, 3)" in widget_text(e.shape_view)


def test_set_updates_once_and_rejects_unknown_controls():
    e = explorer.embedding_explorer()
    builds = e.cache.builds
    e.set(output_dim=4, input_dim=20, seed=3)
    assert e.cache.builds == builds + 1
    assert e.views.parameter_count == 80
    with pytest.raises(ValueError, match="unknown control"):
        e.set(vocab=3)


def test_padding_explorer_has_only_text_controls():
    p = explorer.padding_explorer()
    assert set(p.controls) == {"sentences", "sequence_length", "padding", "truncating"}
    p.set(sentences="one two three four five six seven eight nine ten eleven twelve", sequence_length=3)
    assert p.views.batch.tolist() == [[10, 11, 12]]
    assert "lost 9 word(s) from its front" in p.summary()


def test_optional_live_figure_draws_and_skips_huge_matrices():
    import matplotlib

    matplotlib.use("Agg")
    e = explorer.embedding_explorer(figure=True)
    assert e.figure_view.value[:4] == b"\x89PNG"
    e.set(input_dim=explorer.MAX_FIGURE_ROWS + 1)
    assert e.figure_view.value == b""
    p = explorer.padding_explorer(figure=True)
    assert p.figure_view.value[:4] == b"\x89PNG"


def test_summary_is_deterministic():
    assert explorer.embedding_explorer().summary() == explorer.embedding_explorer().summary()
    assert "output shape: (2, 6, 3)" in explorer.embedding_explorer().summary()


def test_state_module_needs_no_widgets():
    import inspect

    assert "ipywidgets" not in inspect.getsource(explorer_state)
