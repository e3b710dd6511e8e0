"""Shared test set-up: TensorFlow stays quiet and on the CPU-friendly defaults."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
