#!/usr/bin/env python3
"""The README's consumer snippets, which CI runs (scripts/ci_stages.sh).

In README.md, a line `<!-- snippet: PATH -->` names the file the fenced code
block right after it holds: a file of the example consumers under
scripts/consumers/ (bazel/, installed/).

  scripts/readme_snippets.py check          each block equals its file, byte
                                            for byte; exit 1 naming the ones
                                            that differ
  scripts/readme_snippets.py extract DIR    writes each block to DIR/PATH, so
                                            CI builds what the README says
"""
import os, re, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.realpath(__file__)), '..'))
SNIPPET = re.compile(r'^<!-- snippet: (\S+) -->\n```[a-z]*\n(.*?)^```$', re.M | re.S)
MARKER = re.compile(r'^<!-- snippet:', re.M)


def snippets(readme):
    with open(readme) as f:
        text = f.read()
    found = [(m.group(1), m.group(2)) for m in SNIPPET.finditer(text)]
    markers = len(MARKER.findall(text))
    if markers != len(found):
        sys.exit(f'{readme}: {markers} snippet markers but {len(found)} followed by a fenced block')
    if not found:
        sys.exit(f'{readme}: no snippets (lines "<!-- snippet: PATH -->" before a fenced block)')
    return found


def check(readme):
    problems = []
    for path, body in snippets(readme):
        full = os.path.join(ROOT, path)
        if not os.path.isfile(full):
            problems.append(f'{readme}: snippet {path}: no such file')
            continue
        with open(full) as f:
            if f.read() != body:
                problems.append(f'{readme}: snippet {path} differs from the file {path}')
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


def extract(readme, out):
    for path, body in snippets(readme):
        dest = os.path.join(out, path)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, 'w') as f:
            f.write(body)
        print(dest)
    return 0


def main(argv):
    readme = os.path.join(ROOT, 'README.md')
    if argv[1:2] == ['check'] and len(argv) == 2:
        return check(readme)
    if argv[1:2] == ['extract'] and len(argv) == 3:
        return extract(readme, argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
