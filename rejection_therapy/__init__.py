"""rejection-therapy: a terminal coach for 100 days of rejection."""

__version__ = "0.1.0"
