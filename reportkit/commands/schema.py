"""``reportkit schema``: print the JSON Schema (draft 2020-12) of the content format."""
from __future__ import annotations

import argparse
import sys


def configure(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from ..content.schema import schema_json

    sys.stdout.write(schema_json())
    return 0
