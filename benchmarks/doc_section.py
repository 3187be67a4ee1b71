#!/usr/bin/env python3
"""Replaces a generated section of docs/performance.md.

A benchmark script that regenerates its figures writes them between the lines
`<!-- BEGIN NAME -->` and `<!-- END NAME -->`; the rest of the file is left
as it is. A missing marker is an error, so a renamed section is noticed.

  doc_section.py NAME [DOC] < TEXT      (DOC: docs/performance.md)
"""
import sys
from pathlib import Path


def replace(doc, name, section):
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    text = Path(doc).read_text()
    if begin not in text or end not in text:
        sys.exit(f"doc_section.py: {doc}: expected the markers {begin} and {end}")
    head, rest = text.split(begin, 1)
    Path(doc).write_text(head + begin + "\n" + section.rstrip("\n") + "\n" + end + rest.split(end, 1)[1])


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: doc_section.py NAME [DOC] < TEXT")
    replace(sys.argv[2] if len(sys.argv) == 3 else "docs/performance.md", sys.argv[1], sys.stdin.read())


if __name__ == "__main__":
    main()
