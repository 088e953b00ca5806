"""The editions reportkit can write, as registered records (Sphinx-style builders).

A renderer is a record here plus a package with a pure plan and a thin emitter. The package's module
exposes ``render(edition) -> Rendered`` (or plain ``bytes``, no warnings) and, optionally,
``preload()`` (import its heavy libraries before worker processes fork). The contract is written
down in ``docs/renderers.md``; ``tests`` walk this registry and hold every renderer to it.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BuildWarning:
    """Something the reader of the output should know, returned as data; the command line prints it."""

    message: str
    where: str | None = None  # "file:line:col" of the content that caused it, when known

    def __str__(self) -> str:
        return f"{self.where}: warning: {self.message}" if self.where else f"warning: {self.message}"


@dataclass(frozen=True)
class Rendered:
    """What a renderer returns: the output file's bytes and its warnings."""

    data: bytes
    warnings: tuple[BuildWarning, ...] = ()


@dataclass(frozen=True)
class Renderer:
    name: str  # the --format value
    module: str  # import path of the module with render(edition)
    filename: str  # out/STEM[-AUDIENCE]-<filename>
    media_type: str
    supports: frozenset[str] = field(default_factory=frozenset)  # "audiences", "since", "charts", "templates", ...
    theme_section: str | None = None  # the theme keys this renderer reads ("memo", "deck", "docx", "html")
    default: bool = True  # built by ``--format all`` unless the theme's build.editions says otherwise
    theme_colors: str | None = None  # "module:function(theme) -> {theme key: colour}" for its view of the theme

    def colors_for(self, theme) -> dict[str, str]:
        """The colours this renderer's view of ``theme`` takes (``theme.views.with_colors``); none by default."""
        if not self.theme_colors:
            return {}
        module, _, function = self.theme_colors.partition(":")
        return getattr(importlib.import_module(module), function)(theme)

    def load(self):
        return importlib.import_module(self.module)

    def render(self, edition) -> Rendered:
        out = self.load().render(edition)
        return out if isinstance(out, Rendered) else Rendered(bytes(out))

    def preload(self) -> None:
        module = self.load()
        if hasattr(module, "preload"):
            module.preload()


REGISTRY: dict[str, Renderer] = {}


def register(renderer: Renderer) -> Renderer:
    if renderer.name in REGISTRY:
        raise ValueError(f"renderer {renderer.name!r} registered twice")
    REGISTRY[renderer.name] = renderer
    return renderer


register(Renderer("memo", "reportkit.memo", "memo.pdf", "application/pdf",
                  frozenset({"audiences", "since", "charts", "themes"}), "memo"))
register(Renderer("deck", "reportkit.deck", "deck.pptx",
                  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                  frozenset({"audiences", "since", "charts", "themes", "templates", "notes"}), "deck",
                  theme_colors="reportkit.deck.template:theme_colors"))
register(Renderer("html", "reportkit.html", "briefing.html", "text/html",
                  frozenset({"audiences", "since", "charts", "themes"}), "html", default=False))
register(Renderer("docx", "reportkit.docx", "memo.docx",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  frozenset({"audiences", "since", "charts", "themes", "templates", "redline"}), "docx", default=False))
# New editions add one line here.


def default_formats() -> list[str]:
    return [name for name, r in REGISTRY.items() if r.default]


def output_name(content: Path, name: str, audience: str | None = None) -> str:
    stem = content.stem + (f"-{audience}" if audience else "")
    return f"{stem}-{REGISTRY[name].filename}"
