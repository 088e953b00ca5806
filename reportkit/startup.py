"""Start-up cost of a command-line process (issue 11: the cold build must not get slower).

``xml.sax.saxutils`` imports ``urllib.request`` (and with it http.client, email, ssl and socket: about
30 ms of CPU) for one function that opens URLs, which reportkit never calls; python-pptx imports
``saxutils`` for its ``escape``, so every deck and Word build paid for it. ``defer_unused_imports``
puts a stand-in module in its place that imports the real one the first time anything reads an
attribute of it. (``importlib.util.LazyLoader`` cannot do this on Python 3.11: every later ``import``
statement reads the module's ``__spec__``, which loads it.)
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types

DEFERRED = ("urllib.request", "PIL.Image")  # PIL: imported by reportlab and python-pptx, used for figures


class _StandIn(types.ModuleType):
    """A module that is imported for real when an attribute it lacks is read (``__getattr__`` is
    only called for those: ``__spec__``, ``__name__`` are its own)."""

    def __getattr__(self, attr: str):
        return getattr(_load(self), attr)


def _load(stand_in: types.ModuleType) -> types.ModuleType:
    name = stand_in.__name__
    if sys.modules.get(name) is stand_in:
        del sys.modules[name]
    real = importlib.import_module(name)  # sets the package's attribute to the real module too
    stand_in.__dict__.update(real.__dict__)  # whoever holds the stand-in sees the real thing
    return real


def defer(name: str) -> None:
    """Make ``import NAME`` free until the module is used; nothing happens if it is imported already."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    stand_in = _StandIn(name)
    stand_in.__spec__ = spec
    sys.modules[name] = stand_in
    parent, _, child = name.rpartition(".")
    if parent:  # ``import urllib.request`` then reads it as an attribute of the package
        setattr(sys.modules[parent], child, stand_in)


def defer_unused_imports() -> None:
    for name in DEFERRED:
        defer(name)
