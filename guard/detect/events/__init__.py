"""Undisclosed corporate events (mnpi, incident, roadmap): cue lists plus a learned scorer."""
