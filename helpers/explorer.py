"""Live explorers (ipywidgets 8): change a setting, see what a real Keras ``Embedding`` does with it.

``padding_explorer()`` (notebook 02) shows sentences -> token indices -> padded batch.
``embedding_explorer()`` (notebook 03) adds the layer: vocabulary size (``input_dim``),
``embedding_dim`` (``output_dim``), ``mask_zero`` and the seed, and shows the weight
matrix with the looked-up rows highlighted, the output tensor, its shape, the mask
and the parameter count. Every number comes from ``helpers.explorer_state``, which
builds and calls a real ``keras.layers.Embedding``.

Impossible settings show one line in the widget (never a traceback) and the widget
keeps working: fix the setting and the views come back.

To feel instant, slow controls use ``continuous_update=False``, views are HTML with
fixed heights (no figure is redrawn by default; an optional live figure is created
once and updated in place), and the layer is rebuilt only when its own settings
change (see ``explorer_state.LayerCache``).

Introduced in notebook 02 (padding explorer) and notebook 03 (full explorer).
"""

import html
import io
import time

import numpy as np

from helpers.explorer_state import (
    PADDING_CHOICES,
    ExplorerError,
    ExplorerSettings,
    LayerCache,
    compute_padding,
    compute_views,
)

#: Figures are drawn only up to this many weight-matrix rows; beyond it the rows are too thin to see.
MAX_FIGURE_ROWS = 200
#: Rows of the weight matrix listed in the table (row 0 and the looked-up rows first).
MAX_TABLE_ROWS = 16

_PAD_STYLE = "background:#D9D9D9;color:#555"
_USED_STYLE = "background:#E69F00;color:black"  # HIGHLIGHT_COLOR in helpers.figure_style
_CELL = "padding:1px 6px;border:1px solid #fff;text-align:right;font-family:monospace"


def _pre(text: str) -> str:
    return f"<pre style='margin:0;font-size:12px;line-height:1.25'>{html.escape(text)}</pre>"


def _batch_table(batch: np.ndarray, mask) -> str:
    rows = []
    for r, row in enumerate(batch):
        cells = []
        for c, index in enumerate(row):
            hidden = mask is not None and not mask[r, c]
            style = _PAD_STYLE if index == 0 else ""
            if hidden:
                style += ";text-decoration:line-through"
            title = ("padding" + (", masked" if hidden else "")) if index == 0 else "token"
            cells.append(f"<td style='{_CELL};{style}' title='{title}'>{index}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table style='border-collapse:collapse'>" + "".join(rows) + "</table>"


def _weights_table(weights: np.ndarray, used_rows, word_of: dict) -> str:
    used = set(used_rows)
    order = list(range(weights.shape[0])) if weights.shape[0] <= MAX_TABLE_ROWS else sorted(used)[:MAX_TABLE_ROWS]
    max_cols = 8
    rows = []
    for index in order:
        style = _USED_STYLE if index in used else ""
        values = weights[index, :max_cols]
        cells = "".join(f"<td style='{_CELL}'>{v:+.4f}</td>" for v in values)
        if weights.shape[1] > max_cols:
            cells += f"<td style='{_CELL}'>… {weights.shape[1] - max_cols} more</td>"
        name = "pad" if index == 0 else word_of.get(index, "")
        rows.append(f"<tr style='{style}'><td style='{_CELL}'>{index}</td><td style='{_CELL};text-align:left'>"
                    f"{html.escape(name)}</td>{cells}</tr>")
    hidden = weights.shape[0] - len(order)
    note = (f"<div>showing the {len(order)} looked-up rows of {weights.shape[0]}; "
            f"{hidden} rows are not listed</div>") if hidden else ""
    return "<table style='border-collapse:collapse'>" + "".join(rows) + "</table>" + note


class EmbeddingExplorer:
    """The widget: controls on the left, live views on the right, one message line on top.

    Use ``padding_explorer()`` or ``embedding_explorer()`` to make one. ``set(...)``
    changes several controls and updates once; each view is a widget whose
    ``.value`` holds what is shown, so tests can read it.

    Introduced in notebook 02.
    """

    def __init__(self, settings: ExplorerSettings | None = None, *, full: bool = True, figure: bool = False):
        import ipywidgets as widgets

        settings = settings or ExplorerSettings()
        self.full = full
        self.show_figure = figure
        self.cache = LayerCache()
        self.views = None
        self.last_update_seconds = None
        self._updating = False
        self._figure = None
        self._figure_kind = None

        slow = dict(continuous_update=False, style={"description_width": "120px"},
                    layout=widgets.Layout(width="370px"))
        self.controls = {
            "sentences": widgets.Textarea(value=settings.sentences, description="sentences",
                                          placeholder="one sentence per line", **slow),
            "sequence_length": widgets.IntSlider(value=settings.sequence_length, min=0, max=1000,
                                                 description="sequence_length", **slow),
            "padding": widgets.ToggleButtons(value=settings.padding, options=list(PADDING_CHOICES),
                                             description="padding", style={"button_width": "60px",
                                                                           "description_width": "120px"}),
            "truncating": widgets.ToggleButtons(value=settings.truncating, options=list(PADDING_CHOICES),
                                                description="truncating", style={"button_width": "60px",
                                                                                 "description_width": "120px"}),
        }
        self.controls["sentences"].layout.height = "70px"
        if full:
            self.controls.update({
                "input_dim": widgets.BoundedIntText(value=settings.input_dim, min=0, max=100_000,
                                                    description="input_dim (vocab)", **slow),
                "output_dim": widgets.IntSlider(value=settings.output_dim, min=0, max=64,
                                                description="embedding_dim", **slow),
                "mask_zero": widgets.Checkbox(value=settings.mask_zero, description="mask_zero", indent=False),
                "seed": widgets.BoundedIntText(value=settings.seed, min=0, max=2**31 - 1, description="seed", **slow),
            })
        self._base_settings = settings
        for name, control in self.controls.items():
            control.add_class(f"explorer-control-{name}")
            control.observe(self._on_change, names="value")

        def view(name, height):
            box = widgets.HTML(layout=widgets.Layout(height=height, overflow="auto", width="100%"))
            box.add_class(f"explorer-{name}")
            return box

        self.message = view("message", "24px")
        self.indices_view = view("indices", "70px")
        self.batch_view = view("batch", "70px")
        self.shape_view = view("shape", "24px")
        self.params_view = view("params", "24px")
        self.mask_view = view("mask", "70px")
        self.weights_view = view("weights", "200px")
        self.output_view = view("output", "200px")
        self.figure_view = widgets.Image(format="png", layout=widgets.Layout(height="260px", object_fit="contain"))
        self.figure_view.add_class("explorer-figure")

        def titled(title, box):
            return widgets.VBox([widgets.HTML(f"<b>{title}</b>"), box])

        panels = [self.message, titled("token indices", self.indices_view), titled("padded batch", self.batch_view)]
        if full:
            panels += [self.shape_view, self.params_view, titled("mask (compute_mask)", self.mask_view),
                       widgets.HBox([titled("weight matrix (looked-up rows highlighted)", self.weights_view),
                                     titled("output tensor", self.output_view)])]
        if figure:
            panels.append(self.figure_view)
        self.widget = widgets.HBox([
            widgets.VBox(list(self.controls.values()), layout=widgets.Layout(width="390px", min_width="390px")),
            widgets.VBox(panels, layout=widgets.Layout(width="100%")),
        ])
        self.widget.add_class("embedding-explorer")
        self.update()

    # --- reading and changing the settings -------------------------------------------------
    @property
    def settings(self) -> ExplorerSettings:
        """The settings the controls hold now."""
        values = {name: control.value for name, control in self.controls.items()}
        return self._base_settings.with_changes(**values)

    def set(self, **values) -> None:
        """Set several controls (e.g. ``set(output_dim=8, padding="post")``) and update once."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"unknown control(s) {unknown}; this explorer has {sorted(self.controls)}.")
        self._updating = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._updating = False
        self.update()

    def _on_change(self, change) -> None:
        if not self._updating:
            self.update()

    # --- computing and showing the views ---------------------------------------------------
    def update(self) -> None:
        """Recompute every view from the controls; a bad setting shows one line, never a traceback."""
        start = time.perf_counter()
        try:
            settings = self.settings
            self.views = compute_views(settings, self.cache) if self.full else compute_padding(settings)
        except ExplorerError as error:
            self._show_problem(str(error))
        except Exception as error:  # anything unforeseen: still one line, and the widget stays alive
            first_line = (str(error).splitlines() or [""])[0][:200]
            self._show_problem(f"Keras could not use these settings ({type(error).__name__}: {first_line}).")
        else:
            self._show(self.views)
        self.last_update_seconds = time.perf_counter() - start

    def _show_problem(self, text: str) -> None:
        self.views = None
        self.message.value = f"<span style='color:#B00020'>&#9888; {html.escape(text)}</span>"
        for box in (self.indices_view, self.batch_view, self.shape_view, self.params_view, self.mask_view,
                    self.weights_view, self.output_view):
            box.value = "<span style='color:#888'>(no view: fix the setting above)</span>"
        self.figure_view.value = b""

    def _show(self, views) -> None:
        notes = "; ".join(views.notes)
        self.message.value = f"<span style='color:#555'>{html.escape(notes)}</span>" if notes else ""
        lines = [f"{t!r} -> {s}" for t, s in zip(views.texts, views.sequences)]
        self.indices_view.value = _pre("\n".join(lines) + f"\nword index: {views.word_index}")
        mask = getattr(views, "mask", None)
        self.batch_view.value = _batch_table(views.batch, mask)
        if self.full:
            settings = self.settings
            self.shape_view.value = (f"output shape: <b>{views.shape}</b> "
                                     "(sentences, sequence_length, embedding_dim)")
            self.params_view.value = (f"parameters: <b>{views.parameter_count:,}</b> = input_dim {settings.input_dim} "
                                      f"&times; embedding_dim {settings.output_dim}")
            if mask is None:
                self.mask_view.value = _pre("mask_zero is off: no mask; padded positions count as tokens.")
            else:
                self.mask_view.value = _pre(np.array2string(mask, threshold=200, edgeitems=6) +
                                            "\nwords are numbered from 1, so only padding (index 0) is masked.")
            index_to_word = {i: w for w, i in views.word_index.items()}
            self.weights_view.value = _weights_table(views.weights, views.used_rows, index_to_word)
            self.output_view.value = _pre(np.array2string(views.output, precision=4, suppress_small=True,
                                                          threshold=120, edgeitems=3))
        if self.show_figure:
            self._draw_figure(views)

    def _draw_figure(self, views) -> None:
        import matplotlib.pyplot as plt

        from helpers import plots

        index_to_word = {i: w for w, i in views.word_index.items()}
        if self.full and views.weights.shape[0] > MAX_FIGURE_ROWS:
            self.figure_view.value = b""  # 200+ rows are thinner than a pixel; the table lists the used ones
            return
        kind = "lookup" if self.full else "batch"
        if self._figure is None or self._figure_kind != kind:
            with plt.ioff():
                self._figure = plt.figure(figsize=(7.0, 3.2)) if kind == "lookup" else plt.figure(figsize=(6.0, 2.0))
            self._figure_kind = kind
        if kind == "lookup":
            plots.plot_weight_lookup(views.weights, views.batch, views.output, fig=self._figure,
                                     index_to_word=index_to_word)
        else:
            if not self._figure.axes:
                self._figure.add_subplot()
            plots.plot_padded_batch(views.batch, index_to_word, ax=self._figure.axes[0])
        buffer = io.BytesIO()
        self._figure.savefig(buffer, format="png")
        self.figure_view.value = buffer.getvalue()

    # --- text for notebooks and tests ------------------------------------------------------
    def summary(self) -> str:
        """A short, deterministic text of what the explorer shows now (for checked notebook cells)."""
        if self.views is None:
            return "problem: " + html.unescape(self.message.value.split("</span>")[0].split("&#9888; ")[-1])
        views = self.views
        lines = [f"token indices: {views.sequences}", f"padded batch:\n{views.batch}"]
        if self.full:
            lines += [f"output shape: {views.shape}", f"parameters: {views.parameter_count}",
                      f"mask:\n{views.mask}" if views.mask is not None else "mask: none (mask_zero is off)",
                      f"looked-up rows: {views.used_rows}"]
        lines += [f"note: {note}" for note in views.notes]
        return "\n".join(lines)

    def _ipython_display_(self):
        # Display the widget itself. ipywidgets 8 widgets have ``_repr_mimebundle_``;
        # ipywidgets 7 (what Colab ships) has only ``_ipython_display_``, so delegate
        # through IPython's ``display``, which works with both.
        from IPython.display import display

        display(self.widget)


def padding_explorer(settings: ExplorerSettings | None = None, *, figure: bool = False) -> EmbeddingExplorer:
    """Sentences, sequence_length, padding and truncating -> token indices and the padded batch.

    ``figure=True`` adds a live matplotlib figure (``plots.plot_padded_batch``), which
    makes every update slower (see ``benchmarks/widget_update.py``).

    Introduced in notebook 02.
    """
    return EmbeddingExplorer(settings, full=False, figure=figure)


def embedding_explorer(settings: ExplorerSettings | None = None, *, figure: bool = False) -> EmbeddingExplorer:
    """Every setting of the seed answer's layer -> every view of a real ``keras.layers.Embedding``.

    ``figure=True`` adds a live matplotlib figure (``plots.plot_weight_lookup``, up to
    ``MAX_FIGURE_ROWS`` rows), which makes every update far slower (see
    ``benchmarks/widget_update.py``); the HTML table already highlights the looked-up rows.

    Introduced in notebook 03.
    """
    return EmbeddingExplorer(settings, full=True, figure=figure)
