"""The explorers stay bounded (issue 20): sizes are checked before the Keras layer runs, big batches are drawn
by their ends, and a setting of the wrong kind is refused in one line, never with a traitlets traceback."""

import html
import json
import re
from pathlib import Path

import keras
import numpy as np
import pytest

from helpers import interactive, pipeline, validation
from helpers.pipeline import ExplorerError, ExplorerSettings

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
#: 1,000 sentences of 50 words each, from 2,000 made-up words (the hostile probe's number of sentences).
N_SENTENCES, DISTINCT = 1000, 2000
WORDS = [f"w{i}" for i in range(DISTINCT)]
THOUSAND_SENTENCES = "\n".join(
    " ".join(WORDS[(7 * s + 13 * i) % DISTINCT] for i in range(50)) for s in range(N_SENTENCES)
)
#: What one box may draw for 1,000 sentences at the largest settings (each box was up to 194 MB before the bound).
BOX_BOUND = 200_000


def text_of(widget) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", widget.value))


def one_warning_line(explorer) -> str:
    """The message box's text, checked to be the explorer's one warning line (its state says the same)."""
    text = text_of(explorer.message)
    assert text.startswith("⚠ ") and "\n" not in text and "Traceback" not in text, text
    assert explorer.problem == text[2:] and explorer.views is None
    return text[2:]


@pytest.fixture
def watch_layer_calls(monkeypatch):
    """``watch()`` refuses every call of a keras.layers.Embedding from then on and returns the list of them."""

    def watch() -> list:
        calls = []

        def refused_call(self, inputs, *args, **kwargs):
            calls.append(self)
            raise AssertionError("the layer ran")

        monkeypatch.setattr(keras.layers.Embedding, "call", refused_call)
        return calls

    return watch


class UnaskedCache(pipeline.LayerCache):
    """A layer cache that fails the test when asked for a layer (nothing may be built or called)."""

    def get(self, *args, **kwargs):
        raise AssertionError("a layer was asked for")


# --- 1. sizes checked before the layer runs ------------------------------------------------------------


def test_the_layer_call_is_really_watched(watch_layer_calls):
    e = interactive.embedding_explorer()
    layer_calls = watch_layer_calls()
    e.set(seed=7)
    assert len(layer_calls) == 1 and "Embedding.call()" in one_warning_line(e)


def test_an_output_tensor_over_the_limit_is_refused_before_the_layer_runs(watch_layer_calls):
    e = interactive.embedding_explorer()
    layer_calls = watch_layer_calls()
    builds = e.cache.builds
    e.set(sentences=THOUSAND_SENTENCES, sequence_length=1000, output_dim=1024, input_dim=DISTINCT + 1)
    assert one_warning_line(e) == (
        "The output tensor would hold 1,000 x 1,000 x 1,024 = 1,024,000,000 numbers (4.1 GB as float32); "
        "the helpers stop at 50,000,000: lower the number of sentences, sequence_length or embedding_dim."
    )
    assert layer_calls == [] and e.cache.builds == builds  # not called, not even built
    assert all(len(box.value) < 200 for box in e.boxes.values())  # "(no view: ...)" in every box
    assert e.last_update_seconds < 5  # 23 s and 8.9 GB before the check


def test_compute_views_refuses_the_output_tensor_without_asking_for_a_layer():
    settings = ExplorerSettings(sentences=THOUSAND_SENTENCES, sequence_length=1000, output_dim=1024, input_dim=2001)
    with pytest.raises(ExplorerError, match=r"^The output tensor would hold 1,000 x 1,000 x 1,024") as error:
        pipeline.compute_views(settings, UnaskedCache())
    assert "\n" not in str(error.value)


def test_the_limit_itself_is_allowed():
    # 1,000 sentences x 1,000 positions x 50 = MAX_MATRIX_ELEMENTS exactly: the layer runs, every box stays small
    assert N_SENTENCES * 1000 * 50 == validation.MAX_MATRIX_ELEMENTS
    e = interactive.embedding_explorer()
    e.set(sentences=THOUSAND_SENTENCES, sequence_length=1000, output_dim=50, input_dim=DISTINCT + 1)
    assert e.problem is None and e.views.shape == (1000, 1000, 50)
    sizes = {name: len(box.value) for name, box in e.boxes.items()}
    assert max(sizes.values()) < BOX_BOUND, sizes
    e.set(output_dim=51)
    assert one_warning_line(e).startswith("The output tensor would hold 1,000 x 1,000 x 51 = 51,000,000 numbers")


def test_a_padded_batch_over_the_limit_is_refused_before_it_is_padded(monkeypatch):
    def no_padding(*args, **kwargs):
        raise AssertionError("pad_sequences ran")

    p = interactive.padding_explorer()
    monkeypatch.setattr(keras.utils, "pad_sequences", no_padding)
    p.set(sentences="a b\n" * 50_001, sequence_length=1000)
    assert one_warning_line(p) == (
        "The padded batch would hold 50,001 x 1,000 = 50,001,000 numbers (400.0 MB as int64); "
        "the helpers stop at 50,000,000: lower the number of sentences or sequence_length."
    )


@pytest.mark.parametrize("make", [interactive.padding_explorer, interactive.embedding_explorer])
def test_every_drawn_box_is_checked_before_the_layer_runs(monkeypatch, watch_layer_calls, make):
    e = make()
    layer_calls = watch_layer_calls()
    batch_size = len(e.boxes["batch"].value)  # drawn exactly so (struck-through padding included) by the check
    assert len(e.boxes["indices"].value) < 2000 < batch_size
    monkeypatch.setattr(validation, "MAX_VIEW_HTML_CHARS", 2000)
    e.set(sequence_length=6)
    assert one_warning_line(e) == (
        f"The padded-batch box would draw {batch_size:,} characters of HTML ({batch_size / 1e3:.1f} kB); "
        "the explorers draw at most 2,000 per box: lower the number of sentences or sequence_length."
    )
    assert layer_calls == []


def test_the_html_check_reads_every_box_of_the_embedding_explorer(monkeypatch, watch_layer_calls):
    e = interactive.embedding_explorer()
    layer_calls = watch_layer_calls()
    largest = max(e.boxes, key=lambda name: len(e.boxes[name].value))
    assert largest == "output"  # the last box drawn: every box before it was checked too
    monkeypatch.setattr(validation, "MAX_VIEW_HTML_CHARS", len(e.boxes["output"].value) - 1)
    e.set(seed=7)
    assert one_warning_line(e).startswith("The output-tensor box would draw")
    assert "lower the number of sentences, sequence_length or embedding_dim." in e.problem
    assert layer_calls == []


# --- 2. large batches drawn by their ends --------------------------------------------------------------


def test_1000_sentences_at_the_largest_settings_draw_small_boxes():
    p = interactive.padding_explorer()
    p.set(sentences=THOUSAND_SENTENCES, sequence_length=interactive.SEQUENCE_LENGTH_MAX)
    assert p.problem is None and p.views.batch.shape == (1000, 1000)
    sizes = {name: len(box.value) for name, box in p.boxes.items()}
    assert max(sizes.values()) < BOX_BOUND and len(p.message.value) < 1000, sizes  # 159 MB before
    batch = p.boxes["batch"].value
    assert batch.count("explorer-batch-row") == interactive.MAX_SENTENCES_SHOWN
    assert "… 980 more sentences" in text_of(p.boxes["batch"])  # rows 1-10, the count, rows 991-1000
    assert "… 960 more" in text_of(p.boxes["batch"])  # positions 0-19 and 980-999 of each row
    assert "… 980 more sentences" in text_of(p.boxes["indices"])
    assert "1000. 'w993 w1006 " in text_of(p.boxes["indices"])  # the last sentence is shown


def test_batches_up_to_the_limits_are_drawn_whole():
    sentences = "\n".join(f"s{i} t{i}" for i in range(interactive.MAX_SENTENCES_SHOWN))
    p = interactive.padding_explorer()
    p.set(sentences=sentences, sequence_length=interactive.MAX_BATCH_COLUMNS)
    assert p.boxes["batch"].value.count("explorer-batch-row") == interactive.MAX_SENTENCES_SHOWN
    assert "more" not in text_of(p.boxes["batch"]) and "more" not in text_of(p.boxes["indices"])


def test_many_notes_are_counted_not_listed():
    p = interactive.padding_explorer()
    p.set(sentences=THOUSAND_SENTENCES, sequence_length=3)  # every sentence is truncated: 1,000 notes
    assert len(p.views.notes) == 1000
    assert text_of(p.message).count("•") == interactive.MAX_NOTES
    assert f"… {1000 - interactive.MAX_NOTES:,} more notes" in text_of(p.message)


def test_a_long_word_is_cut_in_every_box_and_message():
    word = "x" * 100_000
    e = interactive.embedding_explorer()
    e.set(sentences=f"this is a text\nthis is not a text {word}")  # the long word has the last index, 6
    assert e.problem is None
    assert all(len(box.value) < 20_000 for box in e.boxes.values())
    assert "x" * interactive.MAX_WORD_CHARS not in text_of(e.boxes["weights"])
    e.set(input_dim=3)
    assert one_warning_line(e).startswith("input_dim=3 is too small: the word 'xxxxxxxx")
    assert len(e.problem) < 200


# --- 3. settings of the wrong kind: one line ---------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"mask_zero": "no"}, "mask_zero must be True or False, got 'no'."),
        ({"mask_zero": 1}, "mask_zero must be True or False, got 1."),
        ({"mask_zero": None}, "mask_zero must be True or False, got None."),
        ({"padding": "middle"}, "padding must be 'pre' or 'post', got 'middle'."),
        ({"truncating": 5}, "truncating must be 'pre' or 'post', got 5."),
        ({"sequence_length": 6.0}, "sequence_length must be a whole number, got 6.0; pass an int such as 3."),
        ({"sequence_length": "6"}, "sequence_length must be a whole number, got '6'; pass an int such as 3."),
        ({"input_dim": True}, "input_dim (vocabulary size) must be a whole number, got True; pass an int such as 3."),
        ({"output_dim": 2.5}, "output_dim (embedding_dim) must be a whole number, got 2.5; pass an int such as 3."),
        ({"seed": None}, "seed must be a whole number, got None; pass an int such as 42."),
        ({"seed": -1}, "seed must be 0 or more, got -1."),
        ({"sentences": ["This is a text"]}, "sentences must be text, got list."),
        ({"sentences": 5}, "sentences must be text, got int."),
    ],
)
def test_a_setting_of_the_wrong_kind_is_refused_in_one_line(changes, expected):
    with pytest.raises(ExplorerError) as error:
        ExplorerSettings(**changes)
    assert str(error.value) == expected
    with pytest.raises(ExplorerError, match=re.escape(expected)):
        ExplorerSettings().with_changes(**changes)


def test_numpy_values_of_the_right_kind_are_accepted():
    settings = ExplorerSettings(mask_zero=np.bool_(False), output_dim=np.int64(4), sequence_length=np.int32(5))
    views = pipeline.compute_views(settings)
    assert views.mask is None and views.shape == (2, 5, 4)


@pytest.mark.parametrize(
    "make, changes, expected",
    [
        (interactive.embedding_explorer, {"mask_zero": "no"}, "mask_zero must be True or False, got 'no'."),
        (interactive.embedding_explorer, {"output_dim": "8"}, "output_dim (embedding_dim) must be a whole number"),
        (interactive.embedding_explorer, {"output_dim": 2.5}, "output_dim (embedding_dim) must be a whole number"),
        (interactive.embedding_explorer, {"seed": -1}, "seed must be 0 or more, got -1."),
        (interactive.embedding_explorer, {"output_dim": 4, "mask_zero": "yes"}, "mask_zero must be True or False"),
        (interactive.padding_explorer, {"padding": "middle"}, "padding must be 'pre' or 'post', got 'middle'."),
        (interactive.padding_explorer, {"sentences": None}, "sentences must be text, got NoneType."),
        (
            interactive.padding_explorer,
            {"sequence_length": 5000},
            "sequence_length can be at most 1,000 in this explorer (its number box), got 5,000.",
        ),
    ],
)
def test_set_with_a_wrong_value_shows_one_line_and_changes_nothing(make, changes, expected):
    e = make()
    before = {name: control.value for name, control in e.controls.items()}
    builds = e.cache.builds
    e.set(**changes)  # no TraitError, no traceback
    line = one_warning_line(e)
    assert line.startswith(expected) and line.endswith("Nothing was changed."), line
    assert {name: control.value for name, control in e.controls.items()} == before
    assert e.cache.builds == builds and e.summary() == f"problem: {line}"
    e.set(sequence_length=4)  # the next good change draws again
    assert e.problem is None and e.views.batch.shape == (2, 4)


def test_set_a_value_the_box_holds_but_the_layer_cannot_use_is_shown_like_typing_it():
    e = interactive.embedding_explorer()
    e.set(sequence_length=0)
    assert e.controls["sequence_length"].value == 0
    assert one_warning_line(e).startswith("sequence_length must be at least 1, got 0")


# --- the defaults draw what the notebooks store ------------------------------------------------------------


def stored_html(notebook: str) -> str:
    """The explorer's snapshot as the notebook stores it (the HTML a reader without a kernel sees)."""
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    (snapshot,) = [
        "".join(o["data"]["text/html"])
        for cell in cells
        for o in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    return snapshot


@pytest.mark.parametrize(
    "make, notebook",
    [
        (interactive.padding_explorer, "02_padding_and_truncating.ipynb"),
        (interactive.embedding_explorer, "03_the_embedding_lookup.ipynb"),
    ],
)
def test_the_defaults_draw_exactly_what_the_notebooks_store(make, notebook):
    e, stored = make(), stored_html(notebook)
    shown = [e.message] + list(e.titles.values())
    shown += [box for name, box in e.boxes.items() if name not in ("weights", "output")]  # numbers: backend-made
    for widget in shown:
        assert widget.value in stored, widget.value[:200]
