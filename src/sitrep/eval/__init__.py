"""Evaluation helpers: corpus readers and the project metrics."""
