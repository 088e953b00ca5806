"""Library workarounds, one module per library (``reportlab``, ``pptx``, ``matplotlib``).

Each workaround says what the obvious call gets wrong and cites the upstream issue or the entry in
shared/NOTES-libraries.md that records it. Renderers import from here instead of repeating fixes.
"""
