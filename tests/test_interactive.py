"""The explorer's views come from a real Keras Embedding, bad settings give one line, and it keeps working."""

import numpy as np
import pytest

from helpers import interactive, pipeline
from helpers.pipeline import ExplorerError, ExplorerSettings, LayerCache, compute_padding, compute_views

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
    e = interactive.embedding_explorer()
    assert "(2, 6, 3)" in widget_text(e.boxes["shape"])
    assert "parameters: 30 =" in widget_text(e.boxes["params"])
    e.controls["output_dim"].value = 8  # as a learner typing into the number box
    assert "(2, 6, 8)" in widget_text(e.boxes["shape"])
    assert "parameters: 80 =" in widget_text(e.boxes["params"])
    e.extras["output_dim"].value = 5  # as a learner dragging the slider beside it
    assert e.controls["output_dim"].value == 5 and "(2, 6, 5)" in widget_text(e.boxes["shape"])
    e.controls["padding"].value = "post"
    assert e.views.batch.tolist() == [[1, 2, 3, 4, 0, 0], [1, 2, 5, 3, 4, 0]]
    e.controls["mask_zero"].value = False
    assert e.views.mask is None and "mask_zero is off" in widget_text(e.boxes["mask"])


def test_the_number_box_reaches_past_the_slider_and_the_slider_follows_back():
    e = interactive.padding_explorer()
    slider = e.extras["sequence_length"]
    assert slider.max == interactive.SEQUENCE_SLIDER_MAX < 500
    e.set(sequence_length=500)  # the IMDB seed's length, typed
    assert e.views.batch.shape == (2, 500) and slider.value == slider.max
    assert e.controls["sequence_length"].value == 500  # the slider at its end did not pull the value back
    slider.value = 3  # dragged back to a small value
    assert e.controls["sequence_length"].value == 3 and e.views.batch.shape == (2, 3)


def test_the_weight_table_marks_used_and_unused_rows():
    e = interactive.embedding_explorer()
    table = e.boxes["weights"].value
    assert table.count("explorer-used-row") == 6 and table.count("explorer-unused-row") == 4
    assert "never" in widget_text(e.boxes["weights"])
    e.set(input_dim=1000)  # too many rows to list: the used ones, a few unused ones, and a count
    table = e.boxes["weights"].value
    assert table.count("explorer-used-row") == 6
    assert table.count("explorer-unused-row") == interactive.UNUSED_ROWS_SHOWN
    assert "991 more rows not listed" in widget_text(e.boxes["weights"])


def test_wide_settings_stay_legible():
    e = interactive.embedding_explorer()
    e.set(output_dim=64)
    text = widget_text(e.boxes["output"])
    assert "56 more" in text  # 8 columns shown, the rest counted
    assert "white-space:nowrap" in e.boxes["output"].value  # numbers never wrap mid-digit
    assert "8 of the 64 values of each row drawn, the rest counted" in e.titles["output"].value
    assert "sideways" not in e.titles["output"].value + e.titles["weights"].value  # nothing there to scroll to


def test_truncation_message_names_the_lost_words():
    p = interactive.padding_explorer()
    p.set(sequence_length=3, truncating="post")
    message = widget_text(p.message)
    assert (
        "Sentence 2 has 5 words, more than sequence_length=3: truncating='post' drops its last 2 words, “a text”."
        in message
    )
    assert message.count("•") == 2  # one line per note, no ".;" run-ons


def test_widget_survives_impossible_settings():
    e = interactive.embedding_explorer()
    for name, bad in [("input_dim", 3), ("output_dim", 0), ("sentences", ""), ("sequence_length", 0), ("input_dim", 0)]:
        good = e.controls[name].value
        e.controls[name].value = bad
        text = widget_text(e.message)
        assert text.startswith("⚠ ") and "\n" not in text and "Traceback" not in text, text
        assert e.views is None and e.problem == text[2:]
        assert e.summary() == f"problem: {e.problem}"  # read from the state, not from the HTML
        e.controls[name].value = good
        assert widget_text(e.message) == "" and e.problem is None
        assert "(2, 6, 3)" in widget_text(e.boxes["shape"])


def test_set_updates_once_and_rejects_unknown_controls():
    e = interactive.embedding_explorer()
    builds = e.cache.builds
    e.set(output_dim=4, input_dim=20, seed=3)
    assert e.cache.builds == builds + 1
    assert e.views.parameter_count == 80
    with pytest.raises(ValueError, match="unknown control"):
        e.set(vocab=3)


def test_padding_explorer_has_only_text_controls_and_views():
    p = interactive.padding_explorer()
    assert (
        set(p.controls)
        == set(interactive.PADDING_CONTROLS)
        == {"sentences", "sequence_length", "padding", "truncating"}
    )
    assert set(p.boxes) == {"indices", "batch"}
    p.set(sentences="one two three four five six seven eight nine ten eleven twelve", sequence_length=3)
    assert p.views.batch.tolist() == [[10, 11, 12]]
    assert "drops its first 9 words, “one two three four five six seven eight nine”" in p.summary()


def test_the_sentence_box_grows_and_apply_updates():
    p = interactive.padding_explorer()
    p.set(sentences="a\nb c\nd e f\ng h i j")
    assert p.controls["sentences"].rows == 5
    assert p.views.batch.shape == (4, 6)
    p.views = None
    p.extras["sentences"].click()  # the Apply button
    assert p.views is not None


def test_the_plain_text_form_says_what_to_do_instead_of_a_widget_repr():
    for e in (interactive.padding_explorer(), interactive.embedding_explorer()):
        text = repr(e.widget)
        assert text.startswith("[") and "Run this cell" in text and "HBox(" not in text and "VBox(" not in text


def test_summary_reports_what_the_real_layer_computed():
    views = pipeline.compute_views(pipeline.ExplorerSettings())
    summary = interactive.embedding_explorer().summary()
    assert f"token indices: {views.sequences}" in summary
    assert f"output shape: {views.shape}" in summary and views.shape == (2, 6, 3)
    assert f"parameters: {views.parameter_count}" in summary and views.parameter_count == 30


def test_state_module_works_without_ipywidgets():
    """The pipeline (settings -> real layer -> views) runs where ipywidgets cannot even be imported."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['ipywidgets'] = None\n"
        "from helpers import pipeline\n"
        "print(pipeline.compute_views(pipeline.ExplorerSettings()).shape)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip().endswith("(2, 6, 3)")


def test_without_a_kernel_a_reader_sees_a_labelled_snapshot_of_the_first_view():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import display
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    for make, shown in ((interactive.padding_explorer, "padded batch"), (interactive.embedding_explorer, "weight")):
        explorer = make()
        with capture_output() as captured:
            display(explorer)
        (output,) = captured.outputs
        data = output.data
        # The live widget for Jupyter and Colab, a snapshot for a page without the widget, one line for plain text.
        assert set(data) == {"application/vnd.jupyter.widget-view+json", "text/html", "text/plain"}
        assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.widget.model_id
        snapshot = data["text/html"]
        assert "Snapshot, not live" in snapshot and "run this cell in Jupyter or Colab" in snapshot
        assert "<code>sentences</code>: This is a text / This is not a text" in snapshot
        assert shown in snapshot and explorer.boxes["batch"].value in snapshot  # the views as first drawn
        assert "children=" not in snapshot and "children=" not in data["text/plain"]


def test_the_explorers_controls_are_the_labelled_keyboard_safe_ones():
    from helpers.controls import Check, Choice, Press, Slider

    e = interactive.embedding_explorer()
    assert isinstance(e.controls["padding"], Choice) and isinstance(e.controls["truncating"], Choice)
    assert e.controls["padding"].description == "padding" and e.controls["padding"].options == ["pre", "post"]
    assert isinstance(e.controls["mask_zero"], Check) and e.controls["mask_zero"].description == "mask_zero"
    assert isinstance(e.extras["sentences"], Press) and e.extras["sentences"].description == "Apply"
    for name in ("sequence_length", "output_dim"):
        slider = e.extras[name]
        assert isinstance(slider, Slider) and slider.label_hidden  # named for screen readers only
        assert slider.description.endswith(f"(slider, 1 to {slider.max})")
    assert e.extras["output_dim"].description.startswith("embedding_dim")


def test_the_controls_refuse_or_clamp_like_the_ipywidgets_they_replace():
    import traitlets

    from helpers.controls import Choice, Press, Slider

    slider = Slider(value=30, min=1, max=16)
    assert slider.value == 16
    slider.value = -4
    assert slider.value == 1
    slider.max = 8
    slider.value = 8
    slider.max = 5
    assert slider.value == 5
    choice = Choice(options=["pre", "post"], description="padding")
    assert choice.value == "pre"
    with pytest.raises(traitlets.TraitError):
        choice.value = "middle"
    clicks = []
    button = Press(description="Apply")
    button.on_click(clicks.append)
    button._handle_message(button, {"event": "click"}, [])  # what a click in the browser sends
    button.click()
    assert clicks == [button, button]


def test_a_problem_appears_and_is_announced_beside_the_control_that_caused_it():
    e = interactive.embedding_explorer()
    note = e.notes["sentences"]
    assert note.layout.display == "none" and note.value == ""
    e.controls["sentences"].value = "one two three four five six seven eight nine ten eleven twelve"
    assert "role='alert'" in note.value and "input_dim=10 is too small" in note.value
    assert note.layout.display is None
    assert "input_dim=10 is too small" in e.message.value and "role='alert'" not in e.message.value  # said once
    assert all(n.value == "" for name, n in e.notes.items() if name != "sentences")
    e.controls["input_dim"].value = 20
    assert e.problem is None and note.value == "" and note.layout.display == "none"
    e.controls["sequence_length"].value = 0  # a number the box holds but the layer cannot use
    assert "role='alert'" in e.notes["sequence_length"].value
    e.set(sequence_length=6)
    e.set(input_dim=5)  # from code, not a control: the message box says it, announced there
    assert "role='alert'" in e.message.value and all(n.value == "" for n in e.notes.values())
