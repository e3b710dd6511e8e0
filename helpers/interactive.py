"""Every live widget of the series (ipywidgets 7 and 8, with the labelled, keyboard-safe controls of
:mod:`helpers.controls`): the padding and embedding explorers, built from
a table of controls and a table of views over :mod:`helpers.pipeline`, and the training replay.

Introduced in notebook 02.
"""

import html
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import traitlets

from helpers.controls import Announcer, Check, Choice, Press, Slider, display_metadata
from helpers.figure_style import (
    ERROR_COLOR,
    HIGHLIGHT_COLOR,
    MUTED_TEXT_COLOR,
    PADDING_COLOR,
    UNUSED_BACKGROUND,
)
from helpers.figures import draw_word_positions
from helpers.pipeline import (
    PADDING_CHOICES,
    ExplorerError,
    ExplorerSettings,
    LayerCache,
    check_setting,
    compute_padding,
    compute_views,
)
from helpers.validation import check_html_size

#: A view box grows with its content up to this height, then scrolls (and its title says so).
MAX_BOX_HEIGHT = "360px"
#: Lines of the token-index and padded-batch views that fit in that height (measured in Chromium: 18 fit, 19 scroll;
#: tests/test_scroll_hints.py checks the hints against the browser).
ROWS_IN_BOX = 18
#: Weight-matrix rows listed when the vocabulary is larger than this: the looked-up rows, then a few unused ones.
MAX_TABLE_ROWS = 24
#: Unused rows listed below the looked-up ones when not every row fits.
UNUSED_ROWS_SHOWN = 3
#: Columns of values shown per row (the rest are counted, not shown).
MAX_VALUE_COLUMNS = 8
#: Output rows shown (one per token); beyond, the first and last halves with a count between.
MAX_OUTPUT_ROWS = 36
#: Sentences shown (token-index lines, padded-batch rows); beyond, the first and last halves with a count between.
MAX_SENTENCES_SHOWN = 20
#: Padded-batch columns shown per row; beyond, the first and last halves with a count between.
MAX_BATCH_COLUMNS = 40
#: Characters of a word shown in the tables and the word index before "…".
MAX_WORD_CHARS = 24
#: Notes listed in the message box; beyond, a count of the rest.
MAX_NOTES = 8
#: Token indices and word-index entries shown per line before "…".
MAX_LISTED = 40
#: Pictures of the training replay kept once drawn (151 steps in notebook 05, about 40 kB each).
REPLAY_FRAMES_KEPT = 256
#: Sliders cover the toy sentences' range; the number box beside each reaches the IMDB seed's sizes.
SEQUENCE_SLIDER_MAX, SEQUENCE_LENGTH_MAX = 16, 1000
EMBEDDING_SLIDER_MAX, EMBEDDING_DIM_MAX = 16, 1024

_LABEL_WIDTH = "120px"
_GREY = MUTED_TEXT_COLOR
_ERROR = ERROR_COLOR
_CELL = "padding:1px 6px;border:1px solid #fff;text-align:right;font-family:monospace;white-space:nowrap"
_TABLE = "border-collapse:collapse;white-space:nowrap;font-size:12px;line-height:1.35"


def _tint(colour: str, alpha: float) -> str:
    """``colour`` (#RRGGBB) as a CSS rgba() with the given opacity."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


_USED_ROW = f"background:{_tint(HIGHLIGHT_COLOR, 0.28)};border-left:4px solid {HIGHLIGHT_COLOR}"
_UNUSED_ROW = (
    f"background:{UNUSED_BACKGROUND};color:{_GREY};font-style:italic;border-left:4px solid {UNUSED_BACKGROUND}"
)
_PAD_CELL = f"background:{PADDING_COLOR};color:#444"


def _shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, ending with "…" when cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] or text[: width - 1]
    return cut.rstrip(",; ") + "…"


def _listed(items, limit: int = MAX_LISTED) -> str:
    items = list(items)
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (f", … ({len(items)} in all)" if len(items) > limit else "")


def _ends(n: int, limit: int) -> list:
    """The positions 0..n-1 to draw: all of them, or the first and last ``limit // 2`` with ``None`` between."""
    if n <= limit:
        return list(range(n))
    half = limit // 2
    return [*range(half), None, *range(n - half, n)]


def _left_out(n: int, limit: int) -> int:
    """How many of ``n`` positions ``_ends(n, limit)`` leaves out."""
    return n - 2 * (limit // 2) if n > limit else 0


# --- the views: computed state -> HTML ----------------------------------------------------------


def _indices_html(views, settings) -> str:
    lines = []
    for i in _ends(len(views.texts), MAX_SENTENCES_SHOWN):
        if i is None:
            hidden = _left_out(len(views.texts), MAX_SENTENCES_SHOWN)
            lines.append(f"<div style='color:{_GREY}'>… {hidden:,} more sentences</div>")
            continue
        sentence, sequence = views.texts[i], views.sequences[i]
        lines.append(
            f"<div>{i + 1}. {html.escape(repr(_shorten(sentence, 60)))} &rarr; [{html.escape(_listed(sequence))}]</div>"
        )
    entries = [
        f"{html.escape(_shorten(word, MAX_WORD_CHARS))}&nbsp;{index}"
        for word, index in itertools.islice(views.word_index.items(), MAX_LISTED)
    ]
    more = len(views.word_index) - len(entries)
    index_line = " · ".join(entries) + (f" · … ({len(views.word_index)} words in all)" if more else "")
    lines.append(f"<div style='color:{_GREY}'>word index: {index_line}</div>")
    return "<div style='font-family:monospace;font-size:12px;line-height:1.45'>" + "".join(lines) + "</div>"


def _batch_html(views, settings) -> str:
    mask = getattr(views, "mask", None)
    n_rows, n_columns = views.batch.shape
    columns = _ends(n_columns, MAX_BATCH_COLUMNS)
    rows = []
    for r in _ends(n_rows, MAX_SENTENCES_SHOWN):
        if r is None:
            rows.append(
                f"<tr class='explorer-batch-gap'><td colspan='99' style='{_CELL};text-align:left;color:{_GREY}'>"
                f"… {_left_out(n_rows, MAX_SENTENCES_SHOWN):,} more sentences</td></tr>"
            )
            continue
        cells = [f"<td style='{_CELL};color:{_GREY}'>{r + 1}</td>"]
        for c in columns:
            if c is None:
                cells.append(f"<td style='{_CELL};color:{_GREY}'>… {_left_out(n_columns, MAX_BATCH_COLUMNS)} more</td>")
                continue
            index = views.batch[r, c]
            masked = mask is not None and not mask[r, c]
            style = (_PAD_CELL if index == 0 else "") + (";text-decoration:line-through" if masked else "")
            title = ("padding" + (", masked" if masked else "")) if index == 0 else "token"
            cells.append(f"<td style='{_CELL};{style}' title='{title}'>{index}</td>")
        rows.append("<tr class='explorer-batch-row'>" + "".join(cells) + "</tr>")
    return f"<table style='{_TABLE}'>" + "".join(rows) + "</table>"


def _shape_html(views, settings) -> str:
    return f"output shape: <b>{views.shape}</b> (sentences, sequence_length, embedding_dim)"


def _params_html(views, settings) -> str:
    return (
        f"parameters: <b>{views.parameter_count:,}</b> = input_dim {settings.input_dim} "
        f"&times; embedding_dim {settings.output_dim}"
    )


def _mask_html(views, settings) -> str:
    if views.mask is None:
        text = "mask_zero is off: no mask; padded positions count as tokens."
    else:
        text = (
            np.array2string(views.mask, threshold=200, edgeitems=6)
            + "\nwords are numbered from 1, so only padding (index 0) is masked."
        )
    return f"<pre style='margin:0;font-size:12px;line-height:1.25'>{html.escape(text)}</pre>"


def _values(row) -> str:
    cells = "".join(f"<td style='{_CELL}'>{v:+.4f}</td>" for v in row[:MAX_VALUE_COLUMNS])
    if len(row) > MAX_VALUE_COLUMNS:
        cells += f"<td style='{_CELL};color:{_GREY}'>… {len(row) - MAX_VALUE_COLUMNS} more</td>"
    return cells


def _word(index: int, index_to_word: dict) -> str:
    return "(padding)" if index == 0 else _shorten(index_to_word.get(index, ""), MAX_WORD_CHARS)


def _weights_html(views, settings) -> str:
    weights, used = views.weights, set(views.used_rows)
    counts = dict(zip(*np.unique(views.batch, return_counts=True)))
    index_to_word = {i: w for w, i in views.word_index.items()}
    n_rows = weights.shape[0]
    if n_rows <= MAX_TABLE_ROWS:
        order = list(range(n_rows))
    else:
        unused = list(itertools.islice((i for i in range(n_rows) if i not in used), UNUSED_ROWS_SHOWN))
        order = sorted(used)[: MAX_TABLE_ROWS - len(unused)] + unused
    head = (
        f"<tr style='color:{_GREY}'><td style='{_CELL}'>row</td><td style='{_CELL};text-align:left'>word</td>"
        f"<td style='{_CELL}'>looked up</td><td style='{_CELL};text-align:left' colspan='99'>weights</td></tr>"
    )
    rows = [head]
    for index in order:
        is_used = index in used
        looked = f"{counts[index]}&times;" if is_used else "never"
        rows.append(
            f"<tr class='explorer-{'used' if is_used else 'unused'}-row' "
            f"style='{_USED_ROW if is_used else _UNUSED_ROW}'>"
            f"<td style='{_CELL};font-weight:{'bold' if is_used else 'normal'}'>{index}</td>"
            f"<td style='{_CELL};text-align:left'>{html.escape(_word(index, index_to_word))}</td>"
            f"<td style='{_CELL}'>{looked}</td>{_values(weights[index])}</tr>"
        )
    table = f"<table style='{_TABLE}'>" + "".join(rows) + "</table>"
    hidden = n_rows - len(order)
    if hidden:
        table += (
            f"<div style='color:{_GREY}'>… {hidden} more rows not listed "
            f"({n_rows - len(used) - min(UNUSED_ROWS_SHOWN, n_rows - len(used))} of them never looked up)</div>"
        )
    return table


def _output_html(views, settings) -> str:
    index_to_word = {i: w for w, i in views.word_index.items()}
    n_positions, sequence_length = views.batch.size, views.batch.shape[1]
    shown = [None if p is None else divmod(p, sequence_length) for p in _ends(n_positions, MAX_OUTPUT_ROWS)]
    head = (
        f"<tr style='color:{_GREY}'><td style='{_CELL}'>sentence</td><td style='{_CELL}'>position</td>"
        f"<td style='{_CELL}'>= row of W</td><td style='{_CELL};text-align:left'>word</td>"
        f"<td style='{_CELL};text-align:left' colspan='99'>output[sentence, position]</td></tr>"
    )
    rows = [head]
    for position in shown:
        if position is None:
            rows.append(
                f"<tr><td colspan='99' style='{_CELL};text-align:left;color:{_GREY}'>"
                f"… {_left_out(n_positions, MAX_OUTPUT_ROWS)} more positions</td></tr>"
            )
            continue
        s, t = position
        index = int(views.batch[s, t])
        style = _PAD_CELL if index == 0 else _USED_ROW
        rows.append(
            f"<tr style='{style}'><td style='{_CELL}'>{s + 1}</td><td style='{_CELL}'>{t}</td>"
            f"<td style='{_CELL};font-weight:bold'>{index}</td>"
            f"<td style='{_CELL};text-align:left'>{html.escape(_word(index, index_to_word))}</td>"
            f"{_values(views.output[s, t])}</tr>"
        )
    return f"<table style='{_TABLE}'>" + "".join(rows) + "</table>"


def _message_html(problem, notes, announce: bool = True) -> str:
    """The message box: the problem in one line, or one line per note (the first ``MAX_NOTES``, then a count).

    A problem is a ``role="alert"`` (a screen reader says it when it appears, wherever the focus is) unless
    ``announce`` is false: the explorer then announces it next to the control that caused it instead, once.
    """
    if problem is not None:
        role = " role='alert'" if announce else ""
        return f"<div{role} style='color:{_ERROR};white-space:normal'>&#9888; {html.escape(problem)}</div>"
    lines = [
        f"<div style='color:#333;white-space:normal'>&#8226; {html.escape(note)}</div>" for note in notes[:MAX_NOTES]
    ]
    if len(notes) > MAX_NOTES:
        lines.append(f"<div style='color:{_GREY};white-space:normal'>… {len(notes) - MAX_NOTES:,} more notes</div>")
    return f"<div role='status'>{''.join(lines)}</div>" if lines else ""


@dataclass(frozen=True)
class View:
    """One box of the explorer: its title, how to draw it, and (for a too-large box) what it is and what shrinks it."""

    title: str
    render: Callable
    titled: bool = True
    what: str = ""
    lower: str = "the number of sentences"


_SENTENCES_OR_LENGTH = "the number of sentences or sequence_length"
#: Every view an explorer can show, by name (the box's CSS class is ``explorer-<name>``).
VIEWS = {
    "indices": View("token indices (one line per sentence) and the word index", _indices_html, what="token-indices"),
    "batch": View(
        "padded batch: grey = padding (index 0), struck through = masked",
        _batch_html,
        what="padded-batch",
        lower=_SENTENCES_OR_LENGTH,
    ),
    "shape": View("output shape", _shape_html, titled=False, what="output-shape"),
    "params": View("parameters", _params_html, titled=False, what="parameters"),
    "mask": View("mask (compute_mask)", _mask_html, what="mask", lower=_SENTENCES_OR_LENGTH),
    "weights": View(
        "weight matrix W: highlighted rows are looked up, grey rows never are",
        _weights_html,
        what="weight-matrix",
        lower="input_dim or embedding_dim",
    ),
    "output": View(
        "output tensor: one row per token, each a copy of row W[index]",
        _output_html,
        what="output-tensor",
        lower="the number of sentences, sequence_length or embedding_dim",
    ),
}
PADDING_VIEWS = ("indices", "batch")
EMBEDDING_VIEWS = ("indices", "batch", "shape", "params", "mask", "weights", "output")


# --- the controls: one small function per setting ----------------------------------------------


def _style():
    return {"description_width": _LABEL_WIDTH}


def _hint(text: str):
    return widgets.HTML(
        f"<span style='color:{_GREY};font-size:12px'>{text}</span>", layout=widgets.Layout(margin="0 0 6px 124px")
    )


def _sentences_control(value):
    box = widgets.Textarea(
        value=value,
        description="sentences",
        placeholder="one sentence per line",
        continuous_update=False,
        rows=_rows_for(value),
        style=_style(),
        layout=widgets.Layout(width="390px"),
    )
    box.observe(lambda change: setattr(box, "rows", _rows_for(change["new"])), names="value")
    apply = Press(
        description="Apply",
        tooltip="apply the typed sentences",
        layout=widgets.Layout(margin="2px 0 0 124px"),
    )
    apply.add_class("explorer-apply")
    hint = _hint("One sentence per line. Typed text applies when you press Apply or click outside the box.")
    return box, widgets.VBox([box, apply, hint]), apply


def _rows_for(value: str) -> int:
    return max(3, min(12, len(str(value).splitlines()) + 1))


def _number(value, *, label, maximum, width="250px"):
    number = widgets.BoundedIntText(
        value=value,
        min=0,
        max=maximum,
        description=label,
        continuous_update=False,
        style=_style(),
        layout=widgets.Layout(width=width),
    )
    return number, number, None


def _number_and_slider(value, *, label, maximum, slider_max, seed_value):
    """A number box (the value; applies on Enter or leaving it) with a short-range slider beside it."""
    hint = f"Drag for 1-{slider_max}, or type up to {maximum} (the IMDB seed's {seed_value}) and press Enter."
    number, _, _ = _number(value, label=label, maximum=maximum, width="200px")
    slider = Slider(  # named for screen readers; the number box beside it shows the name
        value=min(max(value, 1), slider_max),
        min=1,
        max=slider_max,
        description=f"{label} (slider, 1 to {slider_max})",
        label_hidden=True,
        readout=False,
        continuous_update=False,
        layout=widgets.Layout(width="200px"),
    )
    syncing = []

    def from_slider(change):
        if not syncing:
            number.value = change["new"]

    def from_number(change):
        syncing.append(True)
        try:
            slider.value = min(max(change["new"], slider.min), slider.max)
        finally:
            syncing.pop()

    slider.observe(from_slider, names="value")
    number.observe(from_number, names="value")
    return number, widgets.VBox([widgets.HBox([number, slider]), _hint(hint)]), slider


def _toggle(value, *, label):
    toggle = Choice(value=value, options=list(PADDING_CHOICES), description=label, label_width=_LABEL_WIDTH)
    return toggle, toggle, None


def _checkbox(value, *, label):
    box = Check(value=value, description=label, label_width=_LABEL_WIDTH)
    return box, box, None


#: Every control, by the ``ExplorerSettings`` field it sets. Each makes (value widget, what to show, extra).
CONTROLS = {
    "sentences": _sentences_control,
    "sequence_length": lambda v: _number_and_slider(
        v, label="sequence_length", maximum=SEQUENCE_LENGTH_MAX, slider_max=SEQUENCE_SLIDER_MAX, seed_value=500
    ),
    "padding": lambda v: _toggle(v, label="padding"),
    "truncating": lambda v: _toggle(v, label="truncating"),
    "input_dim": lambda v: _number(v, label="input_dim (vocab)", maximum=100_000),
    "output_dim": lambda v: _number_and_slider(
        v, label="embedding_dim", maximum=EMBEDDING_DIM_MAX, slider_max=EMBEDDING_SLIDER_MAX, seed_value=32
    ),
    "mask_zero": lambda v: _checkbox(v, label="mask_zero"),
    "seed": lambda v: _number(v, label="seed", maximum=2**31 - 1),
}
PADDING_CONTROLS = ("sentences", "sequence_length", "padding", "truncating")
EMBEDDING_CONTROLS = PADDING_CONTROLS + ("input_dim", "output_dim", "mask_zero", "seed")


class LiveBox(widgets.VBox):
    """A VBox that a reader without a kernel still sees: a labelled snapshot, never ``VBox(children=(...``.

    Displayed, it sends three forms of itself. Jupyter and Colab draw the live widget; a viewer
    that cannot (a notebook opened untrusted, an HTML export, GitHub or nbviewer, none of which
    gets the widget state: the stored notebooks keep none) falls back to the HTML snapshot (the
    widget's first view, headed "Snapshot, not live"), and a plain-text viewer to one line that
    says what it is. A trusted notebook reopened in JupyterLab without its kernel is the exception:
    the widget extension claims the output and says "Error displaying widget: model not found"
    (read in jupyterlab-widgets' renderer, not measured). ``snapshot`` makes the snapshot's HTML
    when the box is displayed.

    Introduced in notebook 02.
    """

    def __init__(self, children, *, what: str, snapshot: Callable[[], str] | None = None, **kwargs):
        super().__init__(children, **kwargs)
        self._what = what
        self._snapshot = snapshot

    def __repr__(self):
        return f"[{self._what}: a live widget. Run this cell in Jupyter or Colab to use it.]"

    def snapshot_html(self) -> str:
        """The HTML a reader without a kernel sees: what this is, that it is not live, and its first view."""
        body = self._snapshot() if self._snapshot is not None else ""
        return (
            f"<div class='series-snapshot' role='group' aria-label='{html.escape(self._what)}, snapshot'>"
            f"<p style='margin:0 0 6px 0'><strong>Snapshot, not live:</strong> the {html.escape(self._what)} as "
            "it first opened. Its controls need a running kernel: run this cell in Jupyter or Colab to use "
            f"them.</p>{body}</div>"
        )

    def mimebundle(self) -> dict:
        """The live widget, its HTML snapshot and its one line, as one display bundle."""
        return {
            "text/plain": repr(self),
            "text/html": self.snapshot_html(),
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.model_id,
            },
        }

    def _ipython_display_(self, **kwargs):
        # IPython prefers this to ``_repr_mimebundle_`` on ipywidgets 8 and 7 (what Colab ships) alike.
        from IPython.display import display

        display(self.mimebundle(), raw=True, metadata=display_metadata())
        if hasattr(self, "_handle_displayed"):  # ipywidgets 7 calls its on_displayed callbacks here
            self._handle_displayed(**kwargs)


def settings_html(values: dict) -> str:
    """A snapshot's list of what each control was set to (sentences on one line, `` / `` between them)."""
    items = []
    for name, value in values.items():
        shown = " / ".join(str(value).splitlines()) if isinstance(value, str) else str(value)
        items.append(f"<li><code>{html.escape(name)}</code>: {html.escape(_shorten(shown, 200))}</li>")
    return f"<ul style='margin:0 0 6px 0'>{''.join(items)}</ul>"


# --- the explorer: controls -> compute -> views ---------------------------------------------------


class EmbeddingExplorer:
    """Controls on top, then a message, then one box per view, all drawn from ``views`` and ``problem``.

    Use ``padding_explorer()`` or ``embedding_explorer()`` to make one. ``set(...)``
    changes several controls and updates once; each box is a widget whose ``.value``
    holds what is shown (``boxes[name]``), so tests can read it.

    Before the Keras layer runs, every box is drawn from a stand-in of the views
    (``pipeline.planned_views``) and checked against ``MAX_VIEW_HTML_CHARS``; the
    padded batch and the output tensor are checked against ``MAX_MATRIX_ELEMENTS``
    (``helpers.validation``). Over a limit, the message box says what is too big
    and what to lower, and the layer does not run.

    ``compute(settings, check)`` makes the views and calls ``check(views)`` before
    anything large is computed (``compute_views`` and ``compute_padding`` do).

    Introduced in notebook 02.
    """

    def __init__(
        self,
        settings: ExplorerSettings | None = None,
        *,
        controls=EMBEDDING_CONTROLS,
        views=EMBEDDING_VIEWS,
        compute: Callable | None = None,
        what: str = "Embedding explorer",
    ):
        self._base_settings = settings or ExplorerSettings()
        self.cache = LayerCache()
        self.compute = compute or (lambda s, check=None: compute_views(s, self.cache, check=check))
        self.views = None
        self.problem = None
        self.last_update_seconds = None
        self._updating = False
        self._cause = None  # the control whose change led to the current update (its message goes beside it)

        self.controls, shown, self.extras, self.notes = {}, [], {}, {}
        for name in controls:
            value_widget, display, extra = CONTROLS[name](getattr(self._base_settings, name))
            value_widget.add_class(f"explorer-control-{name}")
            value_widget.observe(lambda change, name=name: self._on_change(change, name), names="value")
            self.controls[name], self.extras[name] = value_widget, extra
            if extra is not None:
                extra.add_class(f"explorer-extra-{name}")
            # Right under the control: the problem its change caused, announced there (empty, hidden otherwise).
            note = widgets.HTML(layout=widgets.Layout(display="none", margin="0 0 4px 124px"))
            note.add_class("explorer-inline-message")
            note.add_class(f"explorer-note-{name}")
            self.notes[name] = note
            shown += [display, note]
        if self.extras.get("sentences") is not None:
            self.extras["sentences"].on_click(lambda button: self._on_change(None, "sentences"))

        self.message = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.message.add_class("explorer-message")
        self.boxes, self.titles, panels = {}, {}, [self.message]
        for name in views:
            box = widgets.HTML(layout=widgets.Layout(max_height=MAX_BOX_HEIGHT, overflow="auto", width="100%"))
            box.add_class(f"explorer-{name}")
            box.add_class("explorer-box")
            self.boxes[name] = box
            if VIEWS[name].titled:
                self.titles[name] = widgets.HTML()
                panels.append(self.titles[name])
            panels.append(box)
        self.widget = LiveBox(
            [widgets.VBox(shown, layout=widgets.Layout(margin="0 0 8px 0")), *panels],
            what=what,
            snapshot=self.snapshot_html,
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("embedding-explorer")
        self.update()

    # --- reading and changing the settings -------------------------------------------------
    @property
    def settings(self) -> ExplorerSettings:
        """The settings the controls hold now."""
        return self._base_settings.with_changes(**{name: c.value for name, c in self.controls.items()})

    def set(self, **values) -> None:
        """Set several controls (e.g. ``set(output_dim=8, padding="post")``) and update once.

        A value a control cannot hold as given (the wrong type, such as ``mask_zero="no"``,
        or a number past the number box's range) changes nothing: the message box says
        why in one line, instead of a traitlets error. A value the control holds but the
        layer cannot use (``sequence_length=0``) is set, and the update says what to change.
        """
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"unknown control(s) {unknown}; this explorer has {sorted(self.controls)}.")
        before = {name: control.value for name, control in self.controls.items()}
        refused = None
        self._updating = True
        try:
            for name, value in values.items():
                refused = self._assign(name, value)
                if refused is not None:
                    break
        finally:
            if refused is not None:
                for name, value in before.items():
                    self.controls[name].value = value
            self._updating = False
        if refused is None:
            self.update()
            return
        self.views, self.problem = None, f"{refused} Nothing was changed."
        self._draw(None)

    def _assign(self, name: str, value) -> str | None:
        """Put ``value`` into the control ``name``; return why not (one line) when it cannot hold it as given."""
        try:
            value = check_setting(name, value)  # as the control holds it: NumPy's True as True, 3 as int
            range_problem = None
        except TypeError as error:  # the wrong kind of value: no control should coerce it
            return str(error).splitlines()[0]
        except ValueError as error:  # out of the layer's range: the control may still hold it (then update says so)
            range_problem = str(error).splitlines()[0]
        control = self.controls[name]
        try:
            control.value = value
        except traitlets.TraitError:
            return range_problem or f"{name} cannot be {_shorten(repr(value), 60)} in this explorer."
        if control.value != value:  # a number box keeps its value within [min, max]
            side, limit = ("most", control.max) if value > control.max else ("least", control.min)
            return (
                range_problem or f"{name} can be at {side} {limit:,} in this explorer (its number box), got {value:,}."
            )
        return None

    def _on_change(self, change, name: str | None = None) -> None:
        if not self._updating:
            self._cause = name
            try:
                self.update()
            finally:
                self._cause = None

    # --- state -> boxes -----------------------------------------------------------------------
    def update(self) -> None:
        """Recompute the state from the controls, then draw every box from it."""
        start = time.perf_counter()
        settings = None
        try:
            settings = self.settings  # a value of the wrong kind is refused here, in one line
            self.views = self.compute(settings, check=lambda views: self._check_drawn(views, settings))
            self.problem = None
        except ExplorerError as error:
            self.views, self.problem = None, str(error)
        except Exception as error:  # anything unforeseen: still one message, and the widget stays alive
            first_line = (str(error).splitlines() or [""])[0][:200]
            self.views = None
            self.problem = f"Keras could not use these settings ({type(error).__name__}: {first_line})."
        self._draw(settings)
        self.last_update_seconds = time.perf_counter() - start

    def _check_drawn(self, views, settings) -> None:
        """Raise ExplorerError (one line) if any box would draw more than ``MAX_VIEW_HTML_CHARS`` of HTML."""
        drawn = [("message", len(_message_html(None, views.notes)), "the number of sentences")]
        drawn += [
            (VIEWS[name].what, len(VIEWS[name].render(views, settings)), VIEWS[name].lower) for name in self.boxes
        ]
        for what, size, lower in drawn:
            try:
                check_html_size(size, f"The {what} box", lower)
            except ValueError as error:
                raise ExplorerError(str(error)) from None

    def _draw(self, settings) -> None:
        beside = self._cause if self.problem is not None and self._cause in self.notes else None
        notes = None if self.views is None else self.views.notes
        self.message.value = _message_html(self.problem, notes, announce=beside is None)
        for name, note in self.notes.items():
            note.value = _message_html(self.problem, None) if name == beside else ""
            note.layout.display = None if name == beside else "none"
        for name, box in self.boxes.items():
            if name in self.titles:
                self.titles[name].value = f"<b>{VIEWS[name].title}</b>" + self._scroll_hint(name)
            if self.views is None:
                box.value = f"<span style='color:{_GREY}'>(no view: fix the setting above)</span>"
            else:
                box.value = VIEWS[name].render(self.views, settings)

    def _scroll_hint(self, name: str) -> str:
        """Say when a box holds more than it shows at once (``ROWS_IN_BOX`` lines), so its scroll bar is seen, and
        how many of a row's values the weight and output tables draw (the rest are counted: nothing to scroll to)."""
        if self.views is None:
            return ""
        views, tall, wide = self.views, False, False
        if name == "indices":
            tall = len(views.texts) > ROWS_IN_BOX
        elif name == "batch":
            tall, wide = len(views.batch) > ROWS_IN_BOX, views.batch.shape[1] > 30
        elif name == "weights":  # at most MAX_VALUE_COLUMNS values per row are drawn (the rest counted): not wide
            tall = min(views.weights.shape[0], MAX_TABLE_ROWS) > 12
        elif name == "output":
            tall = min(views.batch.size, MAX_OUTPUT_ROWS) > 12
        parts = []
        if tall or wide:
            way = " and ".join(w for w, on in (("down", tall), ("sideways", wide)) if on)
            parts.append(f"scroll {way} inside the box to see all it draws")
        values = views.weights.shape[1] if name in ("weights", "output") else 0
        if values > MAX_VALUE_COLUMNS:
            parts.append(f"{MAX_VALUE_COLUMNS} of the {values} values of each row drawn, the rest counted")
        if not parts:
            return ""
        return f" <span style='color:{_GREY};font-size:12px'>({'; '.join(parts)})</span>"

    # --- text for notebooks and tests ------------------------------------------------------
    def snapshot_html(self) -> str:
        """What the explorer shows now, as static HTML: its settings, its message and every box with its title."""
        parts = [settings_html({name: control.value for name, control in self.controls.items()})]
        parts.append(f"<div>{self.message.value}</div>")
        for name, box in self.boxes.items():
            if name in self.titles:
                parts.append(f"<div>{self.titles[name].value}</div>")
            parts.append(f"<div style='max-height:{MAX_BOX_HEIGHT};overflow:auto'>{box.value}</div>")
        return "".join(parts)

    def summary(self) -> str:
        """A short, deterministic text of what the explorer shows now (for checked notebook cells)."""
        if self.views is None:
            return f"problem: {self.problem}"
        views = self.views
        lines = [f"token indices: {views.sequences}", f"padded batch:\n{views.batch}"]
        if hasattr(views, "output"):
            lines += [
                f"output shape: {views.shape}",
                f"parameters: {views.parameter_count}",
                f"mask:\n{views.mask}" if views.mask is not None else "mask: none (mask_zero is off)",
                f"looked-up rows: {views.used_rows}",
            ]
        lines += [f"note: {note}" for note in views.notes]
        return "\n".join(lines)

    def __repr__(self):
        return repr(self.widget)

    def _ipython_display_(self):
        # Display the widget itself. ipywidgets 8 widgets have ``_repr_mimebundle_``;
        # ipywidgets 7 (what Colab ships) has only ``_ipython_display_``, so delegate
        # through IPython's ``display``, which works with both.
        from IPython.display import display

        display(self.widget)


def padding_explorer(settings: ExplorerSettings | None = None) -> EmbeddingExplorer:
    """Sentences, sequence_length, padding and truncating -> token indices and the padded batch.

    The padded batch is checked against ``MAX_MATRIX_ELEMENTS`` before it is made, and
    each box against ``MAX_VIEW_HTML_CHARS`` before it is drawn (``helpers.validation``).

    Introduced in notebook 02.
    """
    return EmbeddingExplorer(
        settings, controls=PADDING_CONTROLS, views=PADDING_VIEWS, compute=compute_padding, what="Padding explorer"
    )


def embedding_explorer(settings: ExplorerSettings | None = None) -> EmbeddingExplorer:
    """Every setting of the seed answer's layer -> every view of a real ``keras.layers.Embedding``.

    Introduced in notebook 03.
    """
    return EmbeddingExplorer(settings, controls=EMBEDDING_CONTROLS, views=EMBEDDING_VIEWS, what="Embedding explorer")


def snapshot_slider(snapshots, word_index: dict[str, int]):
    """A slider over training steps (``controls.Slider``, named "step") that shows the word positions recorded then.

    Nothing is trained when the slider moves; it only shows ``snapshots[step]``.
    The axes keep the scale of the last step, so the drift is visible. Each step's
    picture is drawn once, the first time it is shown, and kept (``REPLAY_FRAMES_KEPT``
    at most), so moving back and forth costs only sending it. Every picture's words
    (``figure_text.word_positions``) are its caption (its ``alt`` points there), and a
    live region (``controls.Announcer``) says them at each step. The returned box's ``figure`` is the figure steps are
    drawn into (tests read its title); ``frame_html(step)`` gives a step's HTML.

    Introduced in notebook 05.
    """
    import base64
    import io
    from functools import lru_cache

    import ipywidgets as widgets
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    from helpers.figure_text import word_positions
    from helpers.learning import NEGATIVE_WORDS, POSITIVE_WORDS

    limit = float(np.abs(snapshots[-1][1:]).max()) * 1.25
    slider = Slider(
        value=0,
        min=0,
        max=len(snapshots) - 1,
        description="step",
        label_width="",
        continuous_update=True,
        layout=widgets.Layout(width="420px"),
    )
    slider.add_class("replay-step")
    # The picture goes into an HTML widget as an <img> with its alt text: no Output widget, so nothing
    # leaks into the cell's own outputs when no front end captures it (nbval, or a viewer without state).
    picture = widgets.HTML(layout=widgets.Layout(width="580px"))
    picture.add_class("replay-picture")
    # A figure of its own (no pyplot: nothing shown by the inline backend), drawn by Agg into pixels.
    # Margins fixed by hand, not by the style's constrained layout: the layout must not depend on what one step drew.
    fig = Figure(figsize=(5.6, 4.4), layout="none")
    canvas = FigureCanvasAgg(fig)
    ax = fig.subplots()
    fig.subplots_adjust(left=0.15, right=0.96, bottom=0.12, top=0.9)  # room for the y label and the title

    drawn, background = [], []

    def pixels_png() -> bytes:
        # The picture as PNG, drawn "blitted": the axes, ticks and labels that never change are drawn once
        # and kept as pixels; each step puts back those pixels and draws only what moves over them.
        moving = sorted([*ax.collections, *ax.lines, *ax.texts, ax.title], key=lambda artist: artist.get_zorder())
        if not background:
            for artist in moving:
                artist.set_visible(False)
            canvas.draw()
            background.append(canvas.copy_from_bbox(fig.bbox))
            for artist in moving:
                artist.set_visible(True)
            ax.title.set_y(1.0)  # where set_title puts it at every later step (a full draw of an empty title moves it)
        canvas.restore_region(background[0])
        for artist in moving:
            ax.draw_artist(artist)
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    @lru_cache(maxsize=REPLAY_FRAMES_KEPT)
    def words_of(step: int) -> str:
        return word_positions(snapshots[step], word_index, POSITIVE_WORDS, NEGATIVE_WORDS, step)

    @lru_cache(maxsize=REPLAY_FRAMES_KEPT)
    def frame_html(step: int) -> str:
        when = "before training" if step == 0 else f"after step {step}"
        title = f"word vectors {when}"
        # Same axes and limits at every step: the layout fixed by the first step's drawing holds for all.
        draw_word_positions(ax, snapshots[step], word_index, limit=limit, title=title, layout_fixed=bool(drawn))
        drawn.append(step)
        png = base64.b64encode(pixels_png()).decode("ascii")  # compress_level 1: fast to make; sent only locally
        alt = html.escape(words_of(step), quote=True)
        # The words go in the caption, read once; the picture's alt points to it. Announcer says them on each step.
        return (
            f"<figure class='replay-frame' style='margin:0'><img src='data:image/png;base64,{png}' "
            f"alt=\"Word vectors {html.escape(when)}: described in the caption below\" width='560'>"
            f"<figcaption style='font-size:12px;color:#333'>{alt}</figcaption></figure>"
        )

    announcer = Announcer()
    announcer.add_class("replay-announcer")

    def redraw(change=None):
        picture.value = frame_html(slider.value)
        announcer.text = words_of(slider.value)

    slider.observe(redraw, names="value")
    redraw()
    box = LiveBox([slider, picture, announcer], what="Training replay", snapshot=lambda: frame_html(0))
    box.figure = fig  # the one figure every step is drawn into (tests read its title)
    box.frame_html = frame_html
    return box


def neighbour_finder(W, word_index: dict[str, int], options, first: str = "great", k: int = 8) -> LiveBox:
    """A word box (type a word, press Enter) over the ``k`` nearest rows of ``W`` to that word's row.

    What it prints is ``embedding_space.describe_neighbours`` (unknown words and words past the
    table get one line saying so), also said by a live region (``controls.Announcer``) when it
    changes. Without a kernel the snapshot shows what it printed for ``first``.

    Introduced in notebook 07.
    """
    from helpers.embedding_space import describe_neighbours

    box = widgets.Combobox(
        value=first,
        options=list(options),
        placeholder="type a word",
        description="word:",
        ensure_option=False,
        continuous_update=False,
    )
    box.add_class("neighbour-word")
    result = widgets.HTML(layout=widgets.Layout(min_height="60px"))
    result.add_class("neighbour-result")

    announcer = Announcer()  # says each new answer: a live region that stays while the text changes

    def show(change=None):
        announcer.text = describe_neighbours(box.value, W, word_index, k=k)
        result.value = f"<pre style='margin:4px 0;white-space:pre-wrap'>{html.escape(announcer.text)}</pre>"

    box.observe(show, names="value")
    show()
    first_view = result.value
    finder = LiveBox(
        [box, result, announcer], what="Neighbour finder", snapshot=lambda: f"<p>word: {first}</p>{first_view}"
    )
    finder.word_box, finder.result, finder.announcer = box, result, announcer
    return finder
