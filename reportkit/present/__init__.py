"""Shared presentation rules: how every edition words, dates and colours the same data.

The memo, the deck and any later edition import these instead of spelling the rules themselves, so
two outputs built from one briefing cannot disagree (``tests/present`` compares them field by field).
Pure: imports the model, never a rendering library.

- ``words``: scores, cell labels, positions, likelihoods, tones, bases, moved scores, counts.
- ``dates``: one date style per language.
- ``citations``: how a source is cited in a list of sources (its address a link only when safe), and
  the endnote markers with each citation's grade.
- ``colours``: the theme colour of a score, likelihood, position or tone, and the text on a fill.
- ``chunks``: splitting columns evenly over several tables or slides.
- ``chart_data``: every chart's categories, values, labels, inferred flags, colours and alt text
  (imported as ``reportkit.present.chart_data``; the deck, Word, memo and web charts draw from it).
"""
from __future__ import annotations

from .chunks import balanced_chunks
from .citations import Ref, citation, grade_key, link_parts, link_target, markers
from .colours import contrast, fill_for, passes_aa, text_on
from .dates import day
from .words import (INFERRED_MARK, NONE_STATED, NO_STANCE, count, likelihood_basis_word, likelihood_word, moved,
                    position_word, score_cell, signed, tone_word)

__all__ = ["INFERRED_MARK", "NONE_STATED", "NO_STANCE", "Ref", "balanced_chunks", "citation", "grade_key",
           "link_parts", "link_target", "markers", "contrast", "count", "day",
           "fill_for", "likelihood_basis_word", "likelihood_word", "moved", "passes_aa", "position_word",
           "score_cell", "signed", "text_on", "tone_word"]
