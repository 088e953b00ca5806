"""The manifest (``OUT/manifest.json``): for every output, what it was built from and its hash.

It is both the provenance record and the cache: an output is fresh when its entry names the same job,
the same reportkit version, inputs whose files still hash the same, and the file itself still hashes
to what was written. Keys are sorted and no clock time is stored, so the same builds give the same
manifest, byte for byte.
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from ..output import write_bytes
from .task import local, sha256_file

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1


class Manifest:
    def __init__(self, out: Path, entries: dict | None = None):
        self.path = out / MANIFEST_NAME
        self.out = out
        self.entries: dict[str, dict] = entries or {}
        self._hashes: dict[str, str | None] = {}  # one hash per file per run (a theme serves many jobs)

    @classmethod
    def load(cls, out: Path) -> "Manifest":
        try:
            data = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
            entries = data["outputs"] if data.get("format") == MANIFEST_FORMAT else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}  # no manifest or an unreadable one: everything is stale, nothing is lost
        return cls(out, entries if isinstance(entries, dict) else {})

    def key(self, path: Path) -> str:
        try:
            return path.relative_to(self.out).as_posix()
        except ValueError:
            return path.as_posix()

    def _hash(self, path: str) -> str | None:
        if path not in self._hashes:
            try:
                self._hashes[path] = sha256_file(local(path))
            except OSError:
                self._hashes[path] = None
        return self._hashes[path]

    def fresh(self, job, fmt: str) -> bool:
        entry = self.entries.get(self.key(job.outputs[fmt]))
        if not entry or entry.get("reportkit") != __version__ or entry.get("job") != job_fields(job, fmt):
            return False
        if any(self._hash(path) != digest for path, digest in entry.get("inputs", {}).items()):
            return False
        return self._hash(str(job.outputs[fmt])) == entry.get("sha256")

    def record(self, job, fmt: str, result) -> None:
        data = result.outputs[fmt]
        import hashlib

        digest = hashlib.sha256(data).hexdigest()
        self._hashes[str(job.outputs[fmt])] = digest
        self.entries[self.key(job.outputs[fmt])] = {
            "job": job_fields(job, fmt),
            "reportkit": __version__,
            "inputs": dict(sorted(result.inputs.items())),
            "withheld": list(result.withheld),
            "warnings": list(result.warnings.get(fmt, ())),
            "sha256": digest,
            "bytes": len(data),
        }

    def save(self) -> None:
        text = json.dumps({"format": MANIFEST_FORMAT, "outputs": self.entries}, indent=2, sort_keys=True,
                          ensure_ascii=False)
        write_bytes(self.path, (text + "\n").encode("utf-8"))


def job_fields(job, fmt: str) -> dict:
    return {"content": job.content.as_posix(), "audience": job.audience, "edition": fmt,
            "theme": job.theme, "page_size": job.page_size}
