"""Synthetic Jeju / national export bundles with ground truth (docs/synthetic-data.md)."""

from synth.build import GENERATOR_VERSION, generate

__all__ = ["GENERATOR_VERSION", "generate"]
