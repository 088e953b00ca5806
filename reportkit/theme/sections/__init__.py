"""Theme sections declared by the renderers: ``<section>.py`` holds ``KEYS``, a tuple of
``theme.keys.Key`` for the keys under ``<section>.`` (the renderer's ``theme_section`` in the
registry). Kept here, beside the theme, not in the renderer's package: loading a theme must not
import a renderer (a memo build would pay for the deck planner's imports)."""
