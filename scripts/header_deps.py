#!/usr/bin/env python3
"""Checks (or, with --fix, writes) the dependency line of every public header.

Each public header of spec/, policy/ and executor/ says in its opening comment
which external libraries a header-only user links:

  // Dependencies: absl_status absl_strings re2

The names are the targets of third_party/system/BUILD.bazel (each maps to
Debian's -l flags there). The truth is computed from the includes: the header
and, in header-only mode, everything it pulls in (its FOO-inl.h and every
ocikit header those include, transitively). The header's Bazel target must
also list, in deps, the libraries its own header and FOO-inl.h include.

  scripts/header_deps.py          # check; exit 1 with a list of problems
  scripts/header_deps.py --fix    # rewrite the dependency lines
  scripts/header_deps.py --libs spec/codec.h ...
                                  # the -l flags a header-only user links
"""
import os, re, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.realpath(__file__)), '..'))
if os.environ.get('TEST_SRCDIR'):
    ROOT = os.path.join(os.environ['TEST_SRCDIR'], os.environ.get('TEST_WORKSPACE', 'ocikit'))
FOLDERS = ('spec', 'policy', 'executor')
# External include prefix -> third_party/system target.
LIBS = [
    ('absl/status/', 'absl_status'),
    ('absl/strings/', 'absl_strings'),
    ('absl/numeric/int128', 'absl_strings'),
    ('absl/container/flat_hash', 'absl_hash'),
    ('absl/container/node_hash', 'absl_hash'),
    ('absl/hash/', 'absl_hash'),
    ('absl/time/', 'absl_time'),
    ('re2/', 're2'),
    ('nlohmann/', 'nlohmann_json'),
    ('seccomp.h', 'seccomp'),
]
INCLUDE = re.compile(r'^#include\s+[<"]([^>"]+)[>"]', re.M)
DEP_LINE = re.compile(r'^// Dependencies:.*\n', re.M)


def rel(p):
    return os.path.relpath(p, ROOT)


def public_headers():
    out = []
    for folder in FOLDERS:
        for d, _, files in os.walk(os.path.join(ROOT, folder)):
            for f in files:
                p = rel(os.path.join(d, f))
                if f.endswith('.h') and not f.endswith('-inl.h') and 'test' not in f and '/testing/' not in p:
                    out.append(p)
    return sorted(out)


def includes(path):
    with open(os.path.join(ROOT, path)) as f:
        return INCLUDE.findall(f.read())


def libs_of(incs):
    found = set()
    for inc in incs:
        for prefix, lib in LIBS:
            if inc.startswith(prefix):
                found.add(lib)
    return found


def own_files(header):
    inl = header[:-2] + '-inl.h'
    return [header] + ([inl] if os.path.exists(os.path.join(ROOT, inl)) else [])


def closure_libs(header, memo):
    """Libraries of the header in header-only mode, transitively."""
    if header in memo:
        return memo[header]
    memo[header] = set()
    libs = set()
    for f in own_files(header):
        incs = includes(f)
        libs |= libs_of(incs)
        for inc in incs:
            if inc.startswith(FOLDERS) and not inc.endswith('-inl.h') and os.path.exists(os.path.join(ROOT, inc)):
                libs |= closure_libs(inc, memo)
    memo[header] = libs
    return libs


def bazel_deps(header):
    """The third_party/system deps of the target whose hdrs list `header`."""
    pkg, name = os.path.split(header)
    while pkg and not os.path.exists(os.path.join(ROOT, pkg, 'BUILD.bazel')):
        name = os.path.join(os.path.basename(pkg), name)
        pkg = os.path.dirname(pkg)
    with open(os.path.join(ROOT, pkg, 'BUILD.bazel')) as f:
        text = f.read()
    for m in re.finditer(r'\n\w+\((.*?)\n\)', text, re.S):
        body = m.group(1)
        hdrs = re.search(r'hdrs = \[(.*?)\]', body, re.S)
        if hdrs and f'"{name}"' in hdrs.group(1):
            return set(re.findall(r'"//third_party/system:(\w+)"', body))
    return None


def link_flags(libs):
    """The linkopts of the third_party/system targets `libs`, in order, once each."""
    with open(os.path.join(ROOT, 'third_party/system/BUILD.bazel')) as f:
        text = f.read()
    flags = []
    for lib in sorted(libs):
        m = re.search(r'name = "%s",\n\s*linkopts = \[(.*?)\]' % lib, text, re.S)
        for flag in re.findall(r'"([^"]+)"', m.group(1)) if m else []:
            if flag not in flags:
                flags.append(flag)
    return flags


def main():
    if sys.argv[1:2] == ['--libs']:
        memo, libs = {}, set()
        for h in sys.argv[2:]:
            libs |= closure_libs(h, memo)
        print(' '.join(link_flags(libs)))
        return 0
    fix = '--fix' in sys.argv[1:]
    memo = {}
    problems = []
    for h in public_headers():
        want = sorted(closure_libs(h, memo))
        line = '// Dependencies: ' + (' '.join(want) if want else 'none') + '\n'
        path = os.path.join(ROOT, h)
        with open(path) as f:
            text = f.read()
        m = DEP_LINE.search(text)
        if m is None or m.group(0) != line:
            if fix:
                if m is not None:
                    text = text[:m.start()] + line + text[m.end():]
                else:
                    guard = re.search(r'^#ifndef OCIKIT_\w+_H_$', text, re.M)
                    text = text[:guard.start()] + '//\n' + line + text[guard.start():]
                with open(path, 'w') as f:
                    f.write(text)
            else:
                problems.append(f'{h}: opening comment should say "{line.strip()}"')
        direct = set()
        for f in own_files(h):
            direct |= libs_of(includes(f))
        have = bazel_deps(h)
        if have is None:
            problems.append(f'{h}: no Bazel target lists it in hdrs')
        elif direct - have:
            problems.append(f'{h}: its Bazel target lacks deps on //third_party/system:'
                            + ', '.join(sorted(direct - have)))
    for p in problems:
        print(p)
    if problems:
        print(f'{len(problems)} problems; fix the BUILD deps, and rewrite the comments with scripts/header_deps.py --fix')
        return 1
    print(f'header_deps: {len(public_headers())} headers checked')
    return 0


if __name__ == '__main__':
    sys.exit(main())
