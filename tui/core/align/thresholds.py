"""Every threshold the aligner decides by, each with the reason for its value.

Weights are inverse sentence frequencies scaled to [0, 1] (1 = a stem found in one sentence of
the two versions), so a shared weight of 1.0 is about one distinctive word, whatever the length
of the documents. Dice and cover are shares of a sentence's weight, in [0, 1].
"""

from __future__ import annotations

# --- Same content (verbatim, edited, paraphrase) -------------------------------------------
SAME_MIN = 0.42  # weighted Dice for a same-content link: below it, rewrites share only topic words
# ... sharing at least this weight (about one distinctive word), unless both say only the same
# stems: "Sources:" is the same line as "Sources:", not as "... back to your people."
SAME_WEIGHT_MIN = 0.9
EDITED_MIN = 0.75  # word similarity above which a same-content link is a light edit, not a paraphrase
MERGE_GAIN = 0.05  # a neighbour that raises a link's Dice this much reads as part of it
MERGE_COVER = 0.5  # ... and must share this much of its weight with the link's other side
# A neighbour mostly said by the link's other side is a split-off or merged-in piece of it, even
# when the joined Dice barely rises (the link's other side is long).
NEIGHBOUR_COVER = 0.6

# --- Order (see `order.py`) ----------------------------------------------------------------
# A same-content link this strong is an anchor: the versions are taken to keep their order
# between two anchors. Links below it are kept but do not constrain the order.
ANCHOR_MIN = 0.5
# ... and shares at least this weight (one and a half distinctive words): a one-word line
# ("Sources:") that meets a common word says nothing about where the versions stand.
ANCHOR_WEIGHT_MIN = 1.5
# Between two anchors, a pair of sentences in order links when it shares this much. Far below
# SAME_MIN: the position is the evidence, the words only confirm it.
GAP_FLOOR = 0.2
# ... and shares at least this weight: half a distinctive word. The position vouches for the
# pair, so one fairly rare stem ("replaced" in "Krause replaced him." / "Klaus replaced him.")
# confirms it; a stem found in most sentences does not.
GAP_WEIGHT_MIN = 0.5
# A gap-filled link one side of which weighs less than this share of the other adds or drops
# much: it is partial. (Both sides reworded alike is a paraphrase, however little they share.)
GAP_SAME_COVER = 0.5
# A gap larger than this many sentence pairs is left alone: the order says little across it.
GAP_CELLS_MAX = 4_000

# --- Partial links (see `partial.py`) -------------------------------------------------------
PARTIAL_DICE_MIN = 0.10  # weighted Dice for a partial link
PARTIAL_COVER_MIN = 0.15  # share of the shorter sentence's weight found in the other
PARTIAL_WEIGHT_MIN = 1.5  # shared weight: about one and a half distinctive words
CLAUSE_WEIGHT_MIN = 1.45  # weight of a clause both sentences say (see `partial.shared_clause`)
CLAUSE_PLAIN_STEMS = 2  # stems of a shared clause that must not be names: names alone are no clause
PARTIAL_NAME_MIN = 0.5  # shared weight of names and numbers: one fairly rare name or figure
PARTIAL_RANK = 3  # a partial pair must be among the best few candidates of both sentences
PARTIAL_NEAR_BEST = 0.6  # ... and score at least this share of each sentence's best candidate
MAX_PARTIAL_PER_SENTENCE = 3

# --- Names ----------------------------------------------------------------------------------
NAME_EDIT_MAX = 1  # letters a name may differ by across versions and still be the same name

# --- Candidates on long documents (see `candidates.py`) ------------------------------------
# Past this many sentence pairs, candidates come from each sentence's rarest stems only.
EXHAUSTIVE_PAIRS = 250_000
POSTINGS_CAP = 48
RAREST_STEMS = 4
TOP_K = 6
# A pair this weak can neither link nor rank above a pair that can: it is not kept.
KEEP_DICE = min(SAME_MIN, PARTIAL_DICE_MIN, GAP_FLOOR)
