"""`python -m guard` runs the CLI."""

from .cli import run

run()
