"""Synthetic Jeju / national export bundles with ground truth (docs/synthetic-data.md)."""

from synth.build import generate

__all__ = ["generate"]
