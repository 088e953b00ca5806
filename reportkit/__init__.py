"""reportkit: one content file describing a negotiation -> a PDF policy memo and a PowerPoint deck.

Pipeline: ``content`` (load + validate) -> ``model`` -> audience selection -> ``charts`` (data,
computed once) -> ``memo`` / ``deck`` (each a pure plan, then a thin emitter) -> ``output``.
"""
__version__ = "0.1.0"
