"""The per-draft language choice, kept here for existing imports; it lives in
`guard.detect.language` because it needs no model (a --no-nlp check imports nothing of nlp/)."""

from guard.detect.language import SAMPLE, SUPPORTED, detect, scores

__all__ = ["SAMPLE", "SUPPORTED", "detect", "scores"]
