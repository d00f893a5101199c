"""sitrep: sourced, graded preliminary assessments from crisis reporting."""

__version__ = "0.1.0"
