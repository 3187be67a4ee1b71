#!/usr/bin/env python3
"""Writes docs/reliability.md from the figures of the last runs.

  scripts/reliability_doc.py [--figures docs/fuzz_figures.tsv] [--testlogs DIR]

Sources:
  - the fuzz figures (scripts/fuzz.sh --figures FILE): per target, the
    seconds, executions, executions per second, corpus size and crashes of
    the last long run (the last line of each target in the file counts);
  - the regression inputs testdata/fuzz/<target>/crash-*: crashes found by
    fuzzing and fixed, each with the subject of the commit that added it
    (the fix);
  - the test logs of //executor:fault_test (test.xml: each fault and its
    result), //executor/cli:hostile_input_test and //benchmarks:scaling_test
    (the lines they print: exit code and peak RSS per hostile input, growth
    ratios per shape), under DIR (default: bazel-testlogs of this checkout).
    Run `bazel test //executor:fault_test //executor/cli:hostile_input_test
    //benchmarks:scaling_test` first.
The fuzz target table's "what" column is the first comment line of each
target's source file.
"""
import argparse
import datetime
import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.realpath(__file__)), '..'))
FUZZ_DIRS = ('spec/fuzz', 'policy/fuzz', 'executor/fuzz')


def fuzz_targets():
    """(package, name, what) of every fuzz target, from its source file."""
    targets = []
    for pkg in FUZZ_DIRS:
        for src in sorted(glob.glob(os.path.join(ROOT, pkg, '*_fuzzer.cc'))):
            name = os.path.basename(src)[:-len('.cc')]
            what = first_sentence(src)
            targets.append((pkg, name, what))
    return targets


def first_sentence(src):
    """The first sentence of a fuzz target's opening comment, after "Fuzz target:"."""
    text = []
    with open(src) as f:
        for line in f:
            if not line.startswith('//'):
                break
            text.append(line[2:].strip())
    joined = re.sub(r'^Fuzz target: ', '', ' '.join(text))
    sentence = re.split(r'(?<=[.:])\s', joined, maxsplit=1)[0].rstrip('.:')
    return sentence


def read_figures(path):
    figures = {}
    if not os.path.exists(path):
        return figures
    with open(path) as f:
        header = f.readline().rstrip('\n').split('\t')
        for line in f:
            row = dict(zip(header, line.rstrip('\n').split('\t')))
            figures[row['target']] = row
    return figures


def crash_inputs():
    """(path, the subject of the commit that added it, or '') per input."""
    out = []
    for path in sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, 'testdata/fuzz/*/crash-*'))):
        log = subprocess.run(['git', '-C', ROOT, 'log', '--diff-filter=A', '--format=%s', '-1', '--', path],
                             capture_output=True, text=True, check=False)
        out.append((path, log.stdout.strip()))
    return out


def test_cases(testlogs, target):
    """(name, status, seconds) of each test case of a test's test.xml."""
    path = os.path.join(testlogs, target, 'test.xml')
    if not os.path.exists(path):
        return None
    cases = []
    for case in ET.parse(path).getroot().iter('testcase'):
        status = 'passed'
        if case.find('failure') is not None or case.find('error') is not None:
            status = 'FAILED'
        elif case.find('skipped') is not None or case.get('result') == 'skipped':
            status = 'skipped'
        cases.append((case.get('name'), status, float(case.get('time') or 0)))
    return cases


def log_lines(testlogs, target, pattern):
    path = os.path.join(testlogs, target, 'test.log')
    if not os.path.exists(path):
        return []
    with open(path, errors='replace') as f:
        return [m for m in (re.match(pattern, line.rstrip('\n')) for line in f) if m]


def words(camel):
    spaced = re.sub(r'(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z])(?=[0-9])', ' ', camel)
    return spaced.lower().capitalize()


def fuzz_section(figures):
    out = ['| target | what it checks | executions | seconds | exec/s | corpus | crashes |',
           '|---|---|---:|---:|---:|---:|---:|']
    total = 0
    for pkg, name, what in fuzz_targets():
        row = figures.get(name)
        if row:
            total += int(row['executions'])
            out.append(f"| `//{pkg}:{name}` | {what} | {int(row['executions']):,} | {row['seconds']} | "
                       f"{int(row['exec_per_second']):,} | {row['corpus']} | {row['crashes']} |")
        else:
            out.append(f'| `//{pkg}:{name}` | {what} | not run | | | | |')
    out.append('')
    out.append(f'Total: **{total:,}** executions under ASan + UBSan.')
    return out


def fault_section(testlogs):
    cases = test_cases(testlogs, 'executor/fault_test')
    if cases is None:
        return ['No results: run `bazel test //executor:fault_test` first.']
    out = ['| fault | result | seconds |', '|---|---|---:|']
    for name, status, seconds in cases:
        out.append(f'| {words(name)} | {status} | {seconds:.1f} |')
    out += [
        '',
        'Notes on the matrix:',
        '',
        '- SIGKILL of `ocikit run` followed by recovery of the orphaned container is tested by',
        '  //executor:detached_test (the owner lock and `ocikit gc`, docs/detached.md).',
        '- The tests run as root, and root reads and writes through permission bits',
        '  (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH). An *unwritable* state dir is therefore an',
        '  immutable one (`chattr +i`, FS_IMMUTABLE_FL, which stops root too): a state root where',
        '  the bundles directory cannot be created, and one whose bundles directory takes no new',
        '  bundle; the test skips, saying so, on a filesystem without that attribute.',
        '- An *unreadable* rootfs is not tested: no mode or attribute makes a directory unreadable',
        '  to root. The rootfs cases whose opening fails (missing, not a directory, a symlink loop)',
        '  stand in for it: they take the same path through ocikit, which names the rootfs and the',
        '  error and creates nothing.',
        '- The 50 runs are all started before the first is waited for (50 at once, not batches).',
    ]
    return out


def hostile_section(testlogs):
    rows = log_lines(testlogs, 'executor/cli/hostile_input_test',
                     r'^(.*): exit (\d+), peak RSS (\d+) MiB, (.*)$')
    if not rows:
        return ['No results: run `bazel test //executor/cli:hostile_input_test` first.']
    out = ['| input: command | exit | peak RSS | message |', '|---|---:|---:|---|']
    for m in rows:
        message = m.group(4).replace('|', '\\|')
        if len(message) > 110:
            message = message[:107] + '...'
        out.append(f'| {m.group(1)} | {m.group(2)} | {m.group(3)} MiB | `{message}` |')
    return out


def scaling_section(testlogs):
    rows = log_lines(testlogs, 'benchmarks/scaling_test',
                     r'^(.*?) of (.*?) \((.*?)\): (\d+) -> (\d+) entries: bytes x([\d.]+), CPU time x([\d.]+) .*$')
    if not rows:
        return ['No results: run `bazel test //benchmarks:scaling_test` first.']
    out = ['| operation | shape | layout | bytes ratio | CPU time ratio |', '|---|---|---|---:|---:|']
    for m in rows:
        out.append(f'| {m.group(1)} | {m.group(2)} | {m.group(3)} | x{float(m.group(6)):.1f} | '
                   f'x{float(m.group(7)):.1f} |')
    n, n8 = rows[0].group(4), rows[0].group(5)
    out.append('')
    out.append(f'From {n} to {n8} entries (x8): linear growth gives x8, quadratic x64; the test fails '
               'above x20 (bytes) or x28 (CPU time).')
    return out


# What issue 15's measurements and the tests of this page found: (what, the
# commits that fixed it, the tests that guard it). The commits are looked up
# in git (short hash and subject); `test` names are bazel targets, then the
# test case or what in it.
FOUND_AND_FIXED = [
    ('Unbounded standard input: `ocikit diff - x.json </dev/zero` (also `patch - P`, `patch F -`) never '
     'returned and grew ~40 MB/s; a 200 MB stdin was read whole before the 16 MiB cap was checked. Every '
     'input (stdin, pipes, FIFOs, character devices) now stops reading as soon as it passes the cap '
     '(exit 2, `<stdin>: input exceeds 16777216 bytes`).',
     ['4bffe42'],
     ['//spec:file_test ReadInputStreamStopsAtTheCap',
      '//executor/cli:diff_command_test PipesAndStandardInputWithTheSizeCap',
      '//executor/cli:lint_command_test PipesAreReadAndOversizedInputIsAnIoError',
      '//executor/cli:patch_command_test StandardInputBeyondTheCapIsExit2 (256 MiB offered, little more '
      'than the cap read)',
      '//executor/cli:hostile_input_test (the three "/dev/zero as stdin" rows: exit, message, peak RSS)']),
    ('Container ids that start with `-` reached the runtime as flags (`ocikit run --name=--help -- true` '
     'printed runc\'s help and exited 0). They are refused, and every runtime command with an id (run, '
     'create, start, exec, state, kill, delete) puts `--` before it.',
     ['5b65df7'],
     ['//executor:container_id_test ValidateContainerIdTest.RejectsOthers',
      '//executor/cli:ocikit_cli_test (run-dash-id: the error of `run --name=--help`)',
      '//executor:lifecycle_test EveryRuntimeCommandPutsDashDashBeforeTheId (a wrapper runtime records '
      'the arguments of every call)']),
    ('Terminal escape sequences in a runtime\'s log message (window title, clear screen, CR/LF) were '
     'relayed to stderr raw. Relayed messages now show C0/C1 controls, DEL and bytes that are not UTF-8 '
     'as visible escapes.',
     ['5b65df7', '23c5807'],
     ['//executor:runtime_log_test TerminalControlsInMessagesAreEscaped, '
      'EscapeForTerminalTest.KeepsTextAndUtf8EscapesControlsAndBadBytes',
      '//executor:fault_test RuntimeLogsGarbage (a stub runtime writes OSC and clear-screen sequences)']),
    ('Quadratic time on inputs ocikit accepts: lint finding positions counted code points from the line '
     'start for every finding (a one-line config with 50k annotations: 27.9 s); the JSON writer made its '
     'whole capacity writable again (zero-fill) after every raw or escaped value (`spec --from` with 200k '
     'unknown keys: 45.6 s); diff found sections (every unknown top-level key is one) and unknown members '
     'by linear search, and counted the occurrences of display keys for every change.',
     ['62b1250', 'fe3e35d', '9514259'],
     ['//benchmarks:scaling_test, whose checks fail when a hunk of 62b1250 is put back: '
      'LintWithAFindingPerEntryIsLinear (bad annotation keys, one line: x50), ParseAndMarshalAreLinear '
      '(escaped strings: x32), DiffIsLinear (unknown keys: x41 for the sections, x42 for the members; '
      'mounts: x36 for the occurrences); the bound is x28']),
    ('Quadratic time found by the scaling test: lint rule OCI153 (a later mount covers an earlier one) '
     'compared every pair of mounts (8000 mounts: 1.6 s); diff planned the moves of a reordered keyed list '
     '(env, mounts, seccomp rules) with a linear search, erase and insert per move (x31 to x50 for x8 '
     'entries). Covering mounts are looked up among each destination\'s prefixes; a Fenwick tree over slot '
     'numbers gives each move\'s position in O(log n).',
     ['50644c2'],
     ['//benchmarks:scaling_test LintIsLinear (mounts), DiffIsLinear (env entries, mounts, seccomp rules)',
      '//policy/diff:property_test PatchTurnsAIntoBExactly (2000 pairs: the moves still patch A into B)']),
    ('SIGKILL of `ocikit run` left the bundle and the running container, and nothing found them later. '
     'An owner lock marks the live ocikit of a container; `ocikit gc` (and `ps`, `rm`) collect the '
     'containers whose owner is gone and never touch a live one.',
     ['6cc9896'],
     ['//executor:detached_test SigkilledRunIsCollectedAndLiveContainersAreNotTouched']),
    ('The replay of the diff + patch seeds showed that a spec holding a number beyond what nlohmann/json '
     'keeps (1e400) diffs to a patch that `ocikit patch` refuses, saying so (`number overflow`): a '
     'documented limit of policy/diff/patch.h, not a crash; the property accepts that refusal.',
     [],
     ['//policy/fuzz:diff_patch_fuzzer_test']),
    ('Applying a diff\'s JSON Patch (`ocikit patch`) was quadratic in the size of what it changes: '
     'nlohmann/json applied it one operation at a time, finding an object\'s member by linear search '
     '(ordered_json keeps members in a vector) and erasing and inserting for every move in an array, and '
     'its parser looked up every key it read; every shape of the scaling test took 1.6 to 2.3 s at 8000 '
     'entries, x19 to x34 of 1000. The patch now runs on a working document whose objects find members '
     'through a hash index and whose arrays are a treap (O(log n) per operation), and ordered JSON is '
     'parsed by appending members.',
     ['eb748dc'],
     ['//benchmarks:scaling_test ApplyingTheDiffPatchIsLinear (every shape, one line and indented)',
      '//policy/diff:patch_document_test ArrayOperationsMatchAVector, '
      'InsertingAlwaysAtTheFrontStaysBalanced, ErrorsNameWhatDoesNotResolve',
      '//policy/diff:patch_test and //policy/diff:property_test (the same results and messages)']),
    ('Loading a seccomp profile (`--security-opt seccomp=FILE`) was quadratic in the number of keys of '
     'an object: nlohmann::ordered_json\'s parse looks up every key it reads by linear search; a profile '
     'with 50,000 unknown keys (800 KB) took 18.8 s. It is parsed in O(n) (keys indexed per object, '
     'nlohmann\'s result for a repeated key kept): 0.16 s.',
     ['9d334bb'],
     ['//benchmarks:scaling_test LoadingASeccompProfileIsLinear',
      '//policy/internal:ordered_json_test ReadsAsNlohmannDoes (member order, number kinds, repeated keys)']),
    ('ASan: `policy/lint/lint_test.cc` read findings through pointers into temporary `LintResult`s '
     '(heap-use-after-free in the test, not in the library).',
     ['cf960a9'],
     ['//policy/lint:lint_test under `--config=asan`']),
]

# Found and not fixed yet: (what, the test that shows it).
FOUND_NOT_FIXED = []


def commit_line(commit):
    """`hash` (subject) of a commit, from git; the hash alone when git does not know it."""
    log = subprocess.run(['git', '-C', ROOT, 'log', '-1', '--format=%h\t%s', commit, '--'],
                         capture_output=True, text=True, check=False)
    if log.returncode != 0 or not log.stdout.strip():
        return f'`{commit}`'
    short, subject = log.stdout.strip().split('\t', 1)
    if len(subject) > 100:
        subject = subject[:97] + '...'
    return f'`{short}` ({subject})'


def found_section():
    out = []
    for what, commits, tests in FOUND_AND_FIXED:
        out.append(f'- {what}')
        if commits:
            out.append('  - Fixed by ' + '; '.join(commit_line(c) for c in commits) + '.')
        for test in tests:
            out.append(f'  - Guarded by {test}.')
    out += ['', 'Found and not fixed yet:', '']
    if not FOUND_NOT_FIXED:
        out.append('- Nothing.')
    for what, test in FOUND_NOT_FIXED:
        out += [f'- {what}', f'  - Shown by {test}.']
    return out


def render(figures_path, testlogs):
    figures = read_figures(figures_path)
    crashes = crash_inputs()
    today = datetime.date.today().isoformat()
    lines = [
        '# Reliability',
        '',
        '<!-- Generated by scripts/reliability_doc.py; do not edit by hand. -->',
        '',
        'What shows that ocikit never crashes, never hangs and leaves nothing behind, and how to run it',
        f'again. Generated on {today} from `{os.path.relpath(figures_path, ROOT)}` (the last long',
        '`scripts/fuzz.sh` run) and the test logs of the fault, hostile-input and scaling tests.',
        '',
        '## Fuzzing',
        '',
        'The fuzz targets sit beside what they fuzz (`spec/fuzz`, `policy/fuzz`, `executor/fuzz`; spec',
        'fuzzers depend on spec/ only). Each is a libFuzzer entry point with properties checked on every',
        'input, built two ways by `ocikit_fuzz_target` (ocikit.bzl):',
        '',
        '- `bazel test //spec/fuzz/... //policy/fuzz/... //executor/fuzz/...` replays the seed corpus and',
        '  regression inputs (`testdata/fuzz/<target>/` and the testdata/ trees each BUILD names) with a',
        '  plain driver, under any compiler (part of `bazel test //...`);',
        '- `scripts/fuzz.sh --seconds N` fuzzes every target with libFuzzer, clang-16 and',
        '  `-fsanitize=fuzzer,address,undefined`; one target by hand:',
        '',
        '```sh',
        'bazel --output_base=$HOME/.cache/ocikit-bazel-asan run --config=fuzz //spec/fuzz:codec_fuzzer -- -max_total_time=60',
        '```',
        '',
        'Last run (the seconds column says how long; CI fuzzes 20 s per target, a long run is',
        '`scripts/fuzz.sh --seconds 600 --figures docs/fuzz_figures.tsv`):',
        '',
    ]
    lines += fuzz_section(figures)
    lines += ['', '### Crashes found and fixed', '']
    if crashes:
        lines += [f'- `{path}`' + (f': {subject}' if subject else '') for path, subject in crashes]
    else:
        lines += ['None so far: no fuzz run has found a crash, leak, undefined behaviour or failed property.',
                  'A crash found is fixed and its input added as `testdata/fuzz/<target>/crash-<what>`.']
    lines += ['', '### Found and fixed by the other tests of this page (issue 15)', '']
    lines += found_section()
    lines += [
        '',
        '## Sanitizers',
        '',
        '`--config=asan` (ASan + UBSan, clang-16, `-fno-sanitize-recover=all`, with libFuzzer\'s coverage',
        'instrumentation so that `--config=fuzz` reuses the build) runs the suite; CI runs it on spec/ and',
        'policy/ (`scripts/ci_stages.sh`). `--config=tsan` is for the tests that start threads',
        "(`executor:pidfile_test`, the FIFO writers of `executor/cli`, and `ocikit lint -j`'s worker threads in",
        '`policy/lint:runner_test` and `executor/cli:lint_command_test`); in the library only',
        '`StreamLintPaths` (policy/lint/runner.h) starts threads.',
        '',
        'Last runs (2026-12-03, by hand): `--config=asan` on every test target of //spec, //policy,',
        '//executor, //benchmarks, //testdata and //docs: 89 passed, after the fixes listed above and two',
        'test adjustments (scaling_test counts the nothrow `operator new` too; hostile_input_test allows',
        'three times the RSS under ASan). `--config=tsan` on the three tests with threads: 3 passed. '
        '`--config=tsan` on `//policy/lint:runner_test`',
        "and `//executor/cli:lint_command_test` (2 to 8 lint jobs; 2026-12-04): 2 passed, no report (Debian's",
        'libseccomp is not instrumented, so TSan does not see inside it: each lint builds its own filter context).',
        '',
        '```sh',
        'bazel --output_base=$HOME/.cache/ocikit-bazel-asan test --config=asan //spec/... //policy/... //executor/...',
        'bazel --output_base=$HOME/.cache/ocikit-bazel-tsan test --config=tsan //executor:pidfile_test '
        '//policy/lint:runner_test //executor/cli:lint_command_test',
        '```',
        '',
        '## Executor under faults (real runc)',
        '',
        '`//executor:fault_test`: each fault is injected into a real `ocikit run`, which is then checked for',
        'its exit code and message, and for nothing left behind: no bundle, nothing in `runc list`, no',
        'container process, no zombie, no mount.',
        '',
    ]
    lines += fault_section(testlogs)
    lines += [
        '',
        '## Hostile inputs',
        '',
        '`//executor/cli:hostile_input_test` runs the `ocikit` binary on each input; every run must return',
        'within 20 s, with the expected exit code and message, under 64 MiB of peak RSS.',
        '',
    ]
    lines += hostile_section(testlogs)
    lines += [
        '',
        '## Bounded cost',
        '',
        '`//benchmarks:scaling_test`: bytes allocated and minimum CPU time from N to 8N entries of each',
        'shape, one compact line and indented.',
        '',
    ]
    lines += scaling_section(testlogs)
    return '\n'.join(lines) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--figures', default=os.path.join(ROOT, 'docs/fuzz_figures.tsv'))
    parser.add_argument('--testlogs', default=os.path.join(ROOT, 'bazel-testlogs'))
    parser.add_argument('--output', default=os.path.join(ROOT, 'docs/reliability.md'))
    args = parser.parse_args()
    text = render(args.figures, args.testlogs)
    with open(args.output, 'w') as f:
        f.write(text)
    print(f'wrote {os.path.relpath(args.output, ROOT)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
