"""storyline: cross-source story intelligence from raw news articles."""

__version__ = "0.1.0"
