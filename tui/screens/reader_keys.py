"""The reading screen's keys, in one table: help, footer and palette are generated from it, and a
user's keymap remaps each key by its id, so every binding has an id and a description.

`show=True` puts a key in the footer: the few a new reader needs first (the footer keeps `?` and
`q` at 80 columns); the rest are in the help (`?`) and the palette.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

READER_BINDINGS: list[BindingType] = [
    Binding("j,down", "move(1)", "Next sentence", id="next_sentence", show=False),
    Binding("k,up", "move(-1)", "Previous sentence", id="previous_sentence", show=False),
    Binding("n", "next_difference(1)", "Next change", id="next_difference"),
    Binding("p", "next_difference(-1)", "Previous change", id="previous_difference", show=False),
    Binding("c", "next_change(1, 'high')", "Next high-severity change", id="next_high_change", show=False),
    Binding("C", "next_change(-1, 'high')", "Previous high-severity change", id="previous_high_change", show=False),
    Binding("N", "next_change(1, 'low', 'name')", "Next name change", id="next_name_change", show=False),
    Binding("number_sign", "next_change(1, 'low', 'number')", "Next number change", id="next_number_change", show=False),
    Binding("quotation_mark", "next_change(1, 'low', 'quote')", "Next quotation change", id="next_quote_change", show=False),
    Binding("D", "next_change(1, 'low', 'date')", "Next date change", id="next_date_change", show=False),
    Binding("greater_than_sign", "next_match(1)", "Next match", id="next_match", show=False),
    Binding("less_than_sign", "next_match(-1)", "Previous match", id="previous_match", show=False),
    Binding("y", "copy_quotation", "Copy the sentence (or selection) with its source", id="copy_quotation", show=False),
    Binding("E", "export_report", "Export the fact-check report (Markdown)", id="export_report", show=False),
    Binding("e", "toggle_every_change", "Mark every change", id="toggle_every_change", show=False),
    Binding("o", "next_unmatched", "Next without counterpart", id="next_unmatched", show=False),
    Binding("s", "switch_sides", "Switch sides", id="switch_sides"),
    Binding("right_square_bracket", "cycle_comparison(1)", "Compare next", id="compare_next"),
    Binding("left_square_bracket", "cycle_comparison(-1)", "Compare previous", id="compare_previous", show=False),
    Binding("v", "toggle_all_versions", "All versions", id="toggle_all_versions"),
    Binding("g,home", "jump('first')", "First sentence", id="first_sentence", show=False),
    Binding("G,end", "jump('last')", "Last sentence", id="last_sentence", show=False),
    Binding("l", "toggle_list", "Article list", id="toggle_list", show=False),
    Binding("i", "version_info", "About the versions", id="version_info", show=False),
    Binding("m", "toggle_bookmark", "Bookmark", id="toggle_bookmark"),
    Binding("apostrophe", "bookmarks", "Bookmarks", id="bookmarks", show=False),
    Binding("b", "next_bookmark(1)", "Next bookmark", id="next_bookmark", show=False),
    Binding("B", "next_bookmark(-1)", "Previous bookmark", id="previous_bookmark", show=False),
    Binding("a", "annotate", "Annotate", id="annotate"),
    Binding("w", "change_list", "Change list", id="change_list", show=False),
    Binding("slash", "search", "Search", id="search", show=False),
    Binding("t", "collation", "Collation table of the current sentence", id="collation", show=False),
    Binding("S", "version_summary", "What each version carries and changes", id="version_summary", show=False),
    Binding("x", "select_words", "Select words to annotate", id="select_words", show=False),
    Binding("right", "extend_selection(1)", "Extend selection", id="extend_selection", show=False),
    Binding("left", "extend_selection(-1)", "Shrink selection", id="shrink_selection", show=False),
    Binding("shift+right", "move_selection(1)", "Move selection start right", id="move_selection_right", show=False),
    Binding("shift+left", "move_selection(-1)", "Move selection start left", id="move_selection_left", show=False),
    Binding("escape", "cancel_selection", "Cancel selection", id="cancel_selection", show=False),
    Binding("A", "annotations", "Annotations", id="annotations", show=False),
    Binding("R", "needs_review", "Notes needing review", id="needs_review", show=False),
]
