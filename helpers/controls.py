"""The explorers' own controls: native, labelled HTML inputs (anywidget) that keep the keyboard to themselves.

ipywidgets' slider draws a ``<div role="slider">`` with no accessible name (axe: ``aria-input-field-name``),
its toggle buttons expose no pressed state and no group name, and in JupyterLab the arrow keys pressed on a
button or a checkbox reach the notebook's command-mode shortcuts (ArrowDown selects the next cell and takes
the focus away). These four controls, and a live region, are plain HTML instead, drawn by one small ES module:

- ``Slider``: an ``<input type="range">`` named by a ``<label for>`` (visible, or visually hidden where a
  number box beside it already shows the name), its value read out in an ``<output>``;
- ``Choice``: a ``role="radiogroup"`` named by its visible label (``aria-labelledby``) around native radio
  inputs, so the checked option is announced and the arrow keys move the choice;
- ``Check``: an ``<input type="checkbox">`` with its ``<label for>``;
- ``Press``: a ``<button>`` whose click runs the ``on_click`` callbacks in the kernel;
- ``Announcer``: no control, a visually hidden live region (``role="status"``) that stays in the page and
  whose text changes, so that a screen reader announces each new text (the replay's step, the neighbours).

Each control's element carries ``data-lm-suppress-shortcuts``: Lumino's ``CommandRegistry`` (JupyterLab 4's
key bindings) walks from a key event's target up to the root and gives up at the first element with that
attribute, so no notebook shortcut fires from inside a control (``tests/test_browser_accessibility.py`` reads
that loop in the installed JupyterLab). The control also stops the navigation keys' ``keydown`` from
bubbling (JupyterLab listens in the bubbling phase), for front ends without Lumino. In Colab, outputs live
in their own frame, where the notebook's shortcuts cannot see them anyway. The explorers' number boxes and
sentences box stay ipywidgets: they are text inputs, and JupyterLab's command-mode bindings
(``.jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus``) leave a focused text input alone; the
stylesheet gives them the same visible focus outline as the controls.

The Python side mirrors the ipywidgets it replaces (``value``, ``min``/``max``, ``options``, ``description``,
``observe``, ``add_class``, ``on_click``/``click``), so the explorers' code and tests read the same.

Introduced in notebook 02.
"""

import anywidget
import traitlets
from ipywidgets import CallbackDispatcher

#: The controls' front end (one ES module; ``OWN_KEYS`` are the keys whose ``keydown`` never leaves a control).
_ESM = r"""
const OWN_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", " ", "Spacebar", "Enter",
                          "Home", "End", "PageUp", "PageDown"]);
let counter = 0;
const uid = (kind) => `series-${kind}-${Math.random().toString(36).slice(2, 8)}-${counter++}`;

function guard(el) {
  // Lumino's CommandRegistry stops looking for a key binding at an element with this attribute.
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  el.classList.add("series-control");
  el.addEventListener("keydown", (event) => { if (OWN_KEYS.has(event.key)) event.stopPropagation(); });
}

function listen(model, names, callback) {
  for (const name of names) model.on(`change:${name}`, callback);
  return () => { for (const name of names) model.off(`change:${name}`, callback); };
}

function labelFor(model, id) {
  const label = document.createElement("label");
  label.htmlFor = id;
  label.className = "series-label";
  return label;
}

function drawLabel(model, label) {
  label.textContent = model.get("description");
  label.classList.toggle("series-visually-hidden", model.get("label_hidden"));
  label.style.width = model.get("label_hidden") ? "" : model.get("label_width");
}

function slider(model, el) {
  const id = uid("slider");
  const label = labelFor(model, id);
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  const readout = document.createElement("output");
  readout.setAttribute("for", id);
  readout.setAttribute("aria-hidden", "true");  // the slider itself announces its value
  const draw = () => {
    drawLabel(model, label);
    input.min = model.get("min");
    input.max = model.get("max");
    input.step = model.get("step");
    input.value = model.get("value");
    readout.textContent = String(model.get("value"));
    readout.hidden = !model.get("readout");
  };
  const send = () => {
    const value = Number(input.value);
    readout.textContent = String(value);
    if (value !== model.get("value")) {
      model.set("value", value);
      model.save_changes();
    }
  };
  input.addEventListener("input", () => {
    readout.textContent = input.value;
    if (model.get("continuous_update")) send();
  });
  input.addEventListener("change", send);
  el.classList.add("series-slider");
  el.append(label, input, readout);
  draw();
  return listen(model, ["value", "min", "max", "step", "description", "readout", "label_hidden"], draw);
}

function choice(model, el) {
  const group = document.createElement("div");
  const name = uid("choice");
  const label = document.createElement("span");
  label.id = `${name}-label`;
  label.className = "series-label";
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-labelledby", label.id);
  group.className = "series-choice";
  const options = document.createElement("span");
  options.className = "series-choice-options";
  group.append(label, options);
  let inputs = [];
  const build = () => {
    options.replaceChildren();
    inputs = model.get("options").map((option) => {
      const wrapper = document.createElement("label");
      wrapper.className = "series-choice-option";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = option;
      input.addEventListener("change", () => {
        if (input.checked && model.get("value") !== option) {
          model.set("value", option);
          model.save_changes();
        }
      });
      const text = document.createElement("span");
      text.textContent = option;
      wrapper.append(input, text);
      options.append(wrapper);
      return input;
    });
    draw();
  };
  const draw = () => {
    drawLabel(model, label);
    for (const input of inputs) input.checked = input.value === model.get("value");
  };
  el.append(group);
  build();
  const stopDraw = listen(model, ["value", "description"], draw);
  const stopBuild = listen(model, ["options"], build);
  return () => { stopDraw(); stopBuild(); };
}

function check(model, el) {
  const id = uid("check");
  const input = document.createElement("input");
  input.type = "checkbox";
  input.id = id;
  const label = labelFor(model, id);
  const draw = () => {
    input.checked = model.get("value");
    label.textContent = model.get("description");
  };
  input.addEventListener("change", () => {
    model.set("value", input.checked);
    model.save_changes();
  });
  const row = document.createElement("div");  // indented inside el: ipywidgets' layout owns el's own padding
  row.className = "series-check";
  row.style.paddingLeft = model.get("label_width");
  row.append(input, label);
  el.append(row);
  draw();
  return listen(model, ["value", "description"], draw);
}

function press(model, el) {
  const button = document.createElement("button");
  button.type = "button";
  const draw = () => {
    button.textContent = model.get("description");
    button.title = model.get("tooltip");
  };
  button.addEventListener("click", () => model.send({ event: "click" }));
  el.append(button);
  draw();
  return listen(model, ["description", "tooltip"], draw);
}

function announce(model, el) {
  // One live region that stays in the page while its text changes: what screen readers announce reliably
  // (a region inserted anew with each change is often not announced).
  const region = document.createElement("div");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.className = "series-visually-hidden";
  const draw = () => { region.textContent = model.get("text"); };
  el.append(region);
  draw();
  return listen(model, ["text"], draw);
}

const KINDS = { slider, choice, check, press, announce };

export default {
  render({ model, el }) {
    guard(el);
    return KINDS[model.get("kind")](model, el);
  },
};
"""

_CSS = """
.series-control { font-size: var(--jp-widgets-font-size, 13px); color: var(--jp-widgets-label-color, #1f1f1f);
  box-sizing: border-box; }
.series-control .series-visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0;
  margin: -1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.series-control :focus-visible { outline: 2px solid #1a5fb4 !important; outline-offset: 2px; }
.embedding-explorer input:focus-visible, .embedding-explorer textarea:focus-visible {
  outline: 2px solid #1a5fb4 !important; outline-offset: 1px; }
.series-control .series-label { display: inline-block; flex: 0 0 auto; box-sizing: border-box;
  padding-right: 8px; text-align: right; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.series-slider { display: flex; align-items: center; gap: 6px; min-height: 28px; }
.series-slider input[type="range"] { flex: 1 1 auto; min-width: 40px; margin: 0 4px; accent-color: #1a5fb4; }
.series-slider output { min-width: 2.5em; font-variant-numeric: tabular-nums; }
.series-choice { display: flex; align-items: center; min-height: 30px; }
.series-choice-options { display: inline-flex; gap: 4px; }
.series-choice-option { display: inline-flex; align-items: center; gap: 4px; min-width: 52px; padding: 2px 8px;
  border: 1px solid #767676; border-radius: 3px; background: #fff; cursor: pointer; }
.series-choice-option input { margin: 0; accent-color: #1a5fb4; }
.series-choice-option:has(input:checked) { border: 2px solid #1a5fb4; padding: 1px 7px; background: #dbe7f7;
  font-weight: bold; }
.series-check { display: flex; align-items: center; gap: 6px; min-height: 28px; box-sizing: border-box; }
.series-check input { margin: 0 0 0 4px; accent-color: #1a5fb4; }
.series-control button { padding: 3px 12px; border: 1px solid #767676; border-radius: 3px; background: #eee;
  color: #1f1f1f; cursor: pointer; font: inherit; }
.series-control button:hover { background: #ddd; }
"""

#: The width of a control's label, as the ipywidgets beside them use (``description_width``).
LABEL_WIDTH = "120px"


class _Control(anywidget.AnyWidget):
    _esm = _ESM
    _css = _CSS
    kind = traitlets.Unicode().tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    label_width = traitlets.Unicode(LABEL_WIDTH).tag(sync=True)
    label_hidden = traitlets.Bool(False).tag(sync=True)


class Slider(_Control):
    """An integer ``<input type="range">`` with its label; ``value`` is kept within ``[min, max]``.

    ``label_hidden`` keeps the label for screen readers only (where a number box beside it shows the name);
    ``continuous_update`` sends the value while dragging, not only on release.
    """

    kind = traitlets.Unicode("slider").tag(sync=True)
    value = traitlets.Int(0).tag(sync=True)
    min = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(100).tag(sync=True)
    step = traitlets.Int(1).tag(sync=True)
    readout = traitlets.Bool(True).tag(sync=True)
    continuous_update = traitlets.Bool(True).tag(sync=True)

    def __init__(self, **kwargs):
        value = kwargs.pop("value", None)
        super().__init__(**kwargs)
        if value is not None:
            self.value = value

    @traitlets.validate("value")
    def _within_range(self, proposal):
        return min(max(proposal["value"], self.min), self.max)

    @traitlets.observe("min", "max")
    def _keep_within_range(self, change):
        self.value = min(max(self.value, self.min), self.max)


class Choice(_Control):
    """One of ``options`` (strings), as a labelled group of radio buttons; a value not in ``options`` is refused."""

    kind = traitlets.Unicode("choice").tag(sync=True)
    value = traitlets.Unicode().tag(sync=True)
    options = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, **kwargs):
        value = kwargs.pop("value", None)
        super().__init__(**kwargs)
        self.value = self.options[0] if value is None else value

    @traitlets.validate("value")
    def _one_of_the_options(self, proposal):
        if proposal["value"] not in self.options:
            raise traitlets.TraitError(f"{proposal['value']!r} is not one of {self.options}")
        return proposal["value"]


class Check(_Control):
    """A checkbox with its label, indented by ``label_width`` to line up with the labelled controls."""

    kind = traitlets.Unicode("check").tag(sync=True)
    value = traitlets.Bool(False).tag(sync=True)


class Press(_Control):
    """A button; a click in the browser (or ``click()``) runs every callback given to ``on_click``."""

    kind = traitlets.Unicode("press").tag(sync=True)
    tooltip = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._click_handlers = CallbackDispatcher()
        self.on_msg(self._handle_message)

    def on_click(self, callback, remove: bool = False) -> None:
        """Run ``callback(button)`` on every click (``remove=True`` takes it off again)."""
        self._click_handlers.register_callback(callback, remove=remove)

    def click(self) -> None:
        """Click the button from Python: run its callbacks."""
        self._click_handlers(self)

    def _handle_message(self, widget, content, buffers) -> None:
        if content.get("event") == "click":
            self.click()


def display_metadata() -> dict:
    """The display metadata a box holding these controls needs: on Colab, which front end draws it.

    Colab draws only the core ipywidgets by default; anywidget turns on Colab's custom widget manager when a
    control is made, and its own outputs name that manager in their metadata. A ``LiveBox`` displays itself,
    so it adds the same metadata (anywidget's ``get_repr_metadata``; empty outside Colab).
    """
    try:
        from anywidget._util import get_repr_metadata
    except ImportError:  # a later anywidget that moved it: Colab then falls back to enabling the manager alone
        return {}
    return get_repr_metadata()


class Announcer(_Control):
    """A live region for screen readers only: set ``text`` and it is announced (shown nowhere on screen)."""

    kind = traitlets.Unicode("announce").tag(sync=True)
    text = traitlets.Unicode("").tag(sync=True)
