"""The pure text engine of storydiff: loading, sentences, alignment and word diff.

Nothing under `tui.core` imports Textual, so the engine can be tested, benchmarked and used from
the command line without the user interface.
"""
