"""What the reading screen aligns, and what it redraws when an alignment lands.

The version read is aligned with the others in the background (`AlignmentProgress`). Which
pairs, and in what order, is the reader's need: the pair on screen first, then the versions `]`
reaches from it in turn. While the versions are still being read (`VersionArrivals`), a move
(`]`, `s`, choosing a version) aligns only the pair it puts on screen: the others wait until
every version is read, as the first version's do (aligning them meanwhile slows the reading down,
and each batch read would start the run again). Kept apart from the screen because it is one
idea: turning the reader's place into alignment work, and the work's results into redraws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widgets.alignment_progress import AlignmentProgress, AlignmentReady

if TYPE_CHECKING:
    from .reader import ReaderScreen


class ReaderAligning:
    """The alignments one reading screen asks for, and how it takes them in."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def align_place(self) -> None:
        """Align what the place on screen needs: the pair shown first, the rest of the version
        read's pairs after it, unless versions are still being read (then that pair alone)."""
        screen = self.screen
        only_first = screen.arrivals.still_reading
        screen.query_one(AlignmentProgress).align(screen.reading, screen.comparing, only_first=only_first)

    def landed(self, message: AlignmentReady) -> None:
        """Alignments of `message.reading` landed: the open lists hear of them; the panes are
        redrawn when they show one, else only the article list's lines change."""
        screen = self.screen
        for version in message.versions:
            screen.change_actions.alignment_landed(message.reading, version)
        if message.reading != screen.reading:
            return
        shown = screen.comparing in message.versions
        if shown or screen.show_all:
            screen.redraw(scroll=shown)
            if shown and screen.pending_move is not None:
                move, screen.pending_move = screen.pending_move, None
                move()
        else:
            # Another version's alignment only changes its line in the article list.
            screen.drawing.update_list()
