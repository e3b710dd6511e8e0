# Two commands for a fresh machine (see README.md):
#   make lab    set everything up, then open the series in JupyterLab
#   make test   set everything up, then run the helper tests and every notebook (nbval)
# Both build .venv/ from the pinned requirements.txt the first time, and reuse it after.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Offline copies of IMDB, used only when Keras cannot download it (see notebook 06).
# Absolute paths: notebooks run with their own folder as the working directory.
SHARED_IMDB_ARCHIVE := $(abspath $(wildcard ../shared/raw-imdb/aclImdb_v1_labeled.tar.gz))
SHARED_WORD_INDEX   := $(abspath $(wildcard ../shared/keras-datasets/imdb_word_index.json))
export IMDB_RAW_ARCHIVE ?= $(SHARED_IMDB_ARCHIVE)
export IMDB_WORD_INDEX  ?= $(SHARED_WORD_INDEX)
# Hide TensorFlow's C++ start-up lines (they appear on some runs and not others).
export TF_CPP_MIN_LOG_LEVEL ?= 3
export KERAS_BACKEND ?= tensorflow

.PHONY: lab test test-backend backends colab-check venv readme outputs benchmark-widgets benchmark-replay benchmark-vocab benchmark-dims benchmark-imdb benchmark-backends benchmark-padding benchmark-heads clean

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Keras' JAX and PyTorch backends (requirements-backends.txt) in the same .venv: make test
# needs them; make lab does not (TensorFlow is the default backend).
BACKENDS_STAMP := $(VENV)/.backends-installed
backends: $(BACKENDS_STAMP)

$(BACKENDS_STAMP): $(STAMP) requirements-backends.txt
	$(BIN)/python -m pip install --quiet -r requirements-backends.txt
	touch $(BACKENDS_STAMP)

# JupyterLab refuses to start as root unless told; containers often run as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Rooted at the repository, so the notebooks' navigation links (../README.md), data/ and
# helpers/ all open in JupyterLab; notebook 00 (the short answer) opens first.
lab: $(STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir="$(CURDIR)" notebooks/00_the_short_answer.ipynb

# ruff first (one code style, configured in pyproject.toml); then the tests and every notebook
# on TensorFlow, stored outputs compared. Quick mode (EMBEDDING_SERIES_QUICK=1) shrinks IMDB
# training so the whole run stays short. Then the helper tests and every notebook again on JAX
# and on PyTorch: executed, every assertion checked, outputs not compared (they are TensorFlow's).
# Then the Colab-like check: Colab's versions, a plain pip install, every notebook again.
test: $(STAMP) $(BACKENDS_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	EMBEDDING_SERIES_QUICK=1 $(BIN)/python -m pytest --nbval
	$(MAKE) test-backend KERAS_BACKEND=jax
	$(MAKE) test-backend KERAS_BACKEND=torch
	$(MAKE) colab-check

# One backend other than TensorFlow: make test-backend KERAS_BACKEND=jax (or torch).
# The slow tests (browser, IMDB facts) do not depend on the backend and run once, above.
test-backend: $(BACKENDS_STAMP)
	EMBEDDING_SERIES_QUICK=1 $(BIN)/python -m pytest --nbval-lax -m "not slow" -q

# Colab's Python and packages (tests/colab/versions.txt) in .venv-colab, the helpers installed
# the way the notebooks' Colab setup cell installs them, every notebook executed (quick mode).
colab-check: $(STAMP)
	$(BIN)/python tools/colab_like_check.py

readme: $(STAMP)
	$(BIN)/python tools/build_navigation.py

# Re-execute notebooks top to bottom in full mode and store their outputs
# (all of them, or one: make outputs NOTEBOOKS=notebooks/03_the_embedding_lookup.ipynb).
# build_navigation.py then drops the widget state: a viewer without a kernel shows each explorer's
# snapshot, not a frozen copy whose controls move and change nothing (tests/test_kernel_less_view.py).
NOTEBOOKS ?= $(wildcard notebooks/[0-9][0-9]_*.ipynb)
outputs: $(STAMP) $(BACKENDS_STAMP)
	EMBEDDING_SERIES_QUICK=0 $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=-1 $(NOTEBOOKS)
	$(BIN)/python tools/build_navigation.py

benchmark-widgets: $(STAMP)
	$(BIN)/python benchmarks/widget_update.py

# Notebook 05's training replay driven in headless Chromium: milliseconds per step shown.
benchmark-replay: $(STAMP)
	$(BIN)/python benchmarks/replay_browser.py --json data/replay_browser_cpu.json

# Issue 18's cost of a large vocabulary: one model at four table sizes, interleaved, on the current backend.
benchmark-vocab: $(BACKENDS_STAMP)
	$(BIN)/python benchmarks/vocab_interleaved.py --json data/vocab_cost_$(KERAS_BACKEND)_cpu.json

benchmark-dims: $(BACKENDS_STAMP)
	$(BIN)/python benchmarks/vocab_interleaved.py --sweep dims --json data/dim_cost_$(KERAS_BACKEND)_cpu.json

benchmark-imdb: $(STAMP)
	$(BIN)/python benchmarks/imdb_padding.py

# Padding strategies on the current KERAS_BACKEND and device (GPU if there is one);
# e.g. make benchmark-backends KERAS_BACKEND=jax BENCHMARK_ARGS=--quick
benchmark-backends: $(BACKENDS_STAMP)
	$(BIN)/python benchmarks/backend_padding.py $(BENCHMARK_ARGS)

# Notebook 06's speed question: four padding recipes timed in interleaved rounds on the current backend.
# Run it on a quiet machine; it writes data/padding_interleaved_cpu.json only when the CPU was quiet.
benchmark-padding: $(STAMP)
	$(BIN)/python benchmarks/padding_interleaved.py --json data/padding_interleaved_cpu.json

# Notebook 10's speed question: the five heads after the Embedding timed in interleaved rounds.
# Run it on a quiet machine; it writes data/heads_interleaved_cpu.json only when the CPU was quiet.
benchmark-heads: $(STAMP)
	$(BIN)/python benchmarks/heads_interleaved.py --json data/heads_interleaved_cpu.json

clean:
	rm -rf $(VENV) .venv-colab
