"""What a batch builds: the content files under the given paths and the jobs for each.

A job is one (briefing, audience): its edition is built once and rendered in every edition format
the batch asks for. Options come from flags over ``reportkit-batch.yaml`` over the defaults.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError, Problem

CONFIG_NAME = "reportkit-batch.yaml"
FULL = "full"  # the audience name for the unshaped briefing (``build`` without ``--audience``)
LAYOUTS = ("flat", "tree")
PAGE_SIZES = ("letter", "a4")
_CONTENT_MARK = re.compile(rb"^reportkit\s*:", re.M)  # every content file declares its format version


@dataclass(frozen=True)
class Options:
    audiences: tuple[str, ...] = (FULL,)  # "all": every profile the briefing has
    editions: tuple[str, ...] = ()  # empty: the registry's defaults
    theme: str | None = None
    page_size: str | None = None
    out: Path = Path("out")
    layout: str = "flat"  # flat: out/STEM[-AUDIENCE]-memo.pdf (as ``build``); tree: out/STEM/AUDIENCE/memo.pdf
    force: bool = False


@dataclass(frozen=True)
class Job:
    content: Path
    audience: str | None  # None: the full briefing
    formats: tuple[str, ...]
    theme: str | None
    page_size: str | None
    outputs: dict = field(default_factory=dict, compare=False, hash=False)  # format -> target path

    @property
    def key(self) -> str:
        return f"{self.content}#{self.audience or FULL}"


def find_content(paths: list[Path]) -> list[Path]:
    """Content files named directly, and every ``*.yaml`` under a folder that declares ``reportkit:``
    (themes and batch configs do not). Sorted, so the job order and the manifest are stable."""
    found: set[Path] = set()
    problems = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*.y*ml")):
                if p.name != CONFIG_NAME and p.is_file() and not _hidden(p, path) and _is_content(p):
                    found.add(p)
        elif path.is_file():
            found.add(path)
        else:
            problems.append(Problem(str(path), 0, 0, "no such file or folder"))
    if problems:
        raise InputError(problems)
    return sorted(found)


def _hidden(p: Path, root: Path) -> bool:
    return any(part.startswith(".") or part == "out" for part in p.relative_to(root).parts[:-1])


def _is_content(p: Path) -> bool:
    with open(p, "rb") as f:
        return bool(_CONTENT_MARK.search(f.read(4096)))


def read_config(folder: Path, base: Options) -> Options:
    """``reportkit-batch.yaml`` in ``folder``, if there is one, over ``base``; errors located."""
    path = folder / CONFIG_NAME
    if not path.is_file():
        return base
    from ..content import load_yaml

    doc = load_yaml(path, str(path))
    data = doc.data
    if not isinstance(data, dict):
        raise InputError(Problem(str(path), 1, 1, "expected a mapping of batch settings"))
    known = {"audiences", "editions", "theme", "page_size", "out", "layout"}
    problems = []
    changes = {}
    for key, value in data.items():
        line, col = doc.where((key,), key=True)
        if key not in known:
            import difflib

            near = difflib.get_close_matches(str(key), sorted(known), n=1)
            hint = f"did you mean {near[0]!r}?" if near else f"expected one of {', '.join(sorted(known))}"
            problems.append(Problem(str(path), line, col, f"unknown setting {key!r}; {hint}"))
        elif key in ("audiences", "editions"):
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
                problems.append(Problem(str(path), line, col, f"{key} must be a list of names"))
            else:
                changes[key] = tuple(items)
                problems += _unknown_names(key, items, path, lambda i: doc.where((key, i) if isinstance(value, list) else (key,)))
        elif key == "page_size" and isinstance(value, str) and value.strip().lower() in PAGE_SIZES:
            changes[key] = value.strip().lower()  # A4 is how people write it
        elif key == "page_size":
            from ..errors import did_you_mean

            problems.append(Problem(str(path), *doc.where((key,)), f"unknown page size {value!r}"
                                    f"{did_you_mean(str(value), PAGE_SIZES)} (known: {', '.join(PAGE_SIZES)})"))
        elif key == "layout" and value not in LAYOUTS:
            problems.append(Problem(str(path), line, col, f"layout must be one of {', '.join(LAYOUTS)}"))
        elif not isinstance(value, str):
            problems.append(Problem(str(path), line, col, f"{key} must be a text value"))
        else:
            changes[key] = (folder / value) if key == "out" else value
    if problems:
        raise InputError(problems)
    return replace(base, **changes)


def _unknown_names(key: str, items: list[str], path: Path, where) -> list[Problem]:
    """Editions the registry does not know, each at its own item with a did-you-mean (audiences depend
    on each briefing's profiles and are checked per job)."""
    if key != "editions":
        return []
    from ..errors import did_you_mean
    from ..registry import REGISTRY

    known = [*REGISTRY, "all"]
    return [Problem(str(path), *where(i), f"unknown edition {name!r}{did_you_mean(name, known)} (known: {', '.join(known)})")
            for i, name in enumerate(items) if name not in known]


def audiences_of(content: Path, wanted: tuple[str, ...]) -> list[str | None]:
    """The audiences to build for one briefing: ``all`` expands to its profiles; ``full`` is None."""
    if "all" in wanted:
        from ..audience import profiles
        from ..content import load

        names = [FULL, *profiles(load(content), where=str(content))]
    else:
        names = list(wanted)
    return [None if n == FULL else n for n in dict.fromkeys(names)]


def target(opts: Options, content: Path, fmt: str, audience: str | None) -> Path:
    from ..registry import REGISTRY, output_name

    if opts.layout == "tree":  # the content's own folders, so equal names in two folders stay apart
        where = content.with_suffix("") if not content.is_absolute() else Path(content.stem)
        return opts.out.joinpath(*[p for p in where.parts if p not in ("..", ".")]) / (audience or FULL) / REGISTRY[fmt].filename
    return opts.out / output_name(content, fmt, audience)


def make_jobs(contents: list[Path], opts: Options, formats: tuple[str, ...]) -> list[Job]:
    jobs, seen, problems = [], {}, []
    for content in contents:
        try:
            audiences = audiences_of(content, opts.audiences)
        except InputError as e:  # the briefing does not load: one job reports it
            audiences = [None]
        for audience in audiences:
            job = Job(content, audience, formats, opts.theme, opts.page_size)
            for fmt in formats:
                path = target(opts, content, fmt, audience)
                if path in seen:
                    problems.append(Problem(str(content), 0, 0, f"writes {path}, as {seen[path]} does; use "
                                                                 "'layout: tree' or rename one of them"))
                seen[path] = content
                job.outputs[fmt] = path
            jobs.append(job)
    if problems:
        raise InputError(problems)
    return jobs
