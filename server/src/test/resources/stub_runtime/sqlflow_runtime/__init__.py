"""A stand-in for the real runtime in unit tests: same functions, no TensorFlow, fixed outputs."""
