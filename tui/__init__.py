"""storydiff: a keyboard-driven terminal reader for the many versions of one story."""

__version__ = "0.1.0"
