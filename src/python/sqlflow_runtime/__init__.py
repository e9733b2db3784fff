"""Runtime imported by the programs the SQLFlow server generates (see docs/ml-contract.md)."""
import os

# Must happen before TensorFlow is imported anywhere: every stdout line of a
# generated program becomes a row the user sees, so TF's console noise stays off.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")  # string inputs need the TF backend

from . import orphan as _orphan

_orphan.exit_when_orphaned()
