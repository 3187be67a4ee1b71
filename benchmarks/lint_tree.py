#!/usr/bin/env python3
"""The helper of benchmarks/lint_tree.sh.

  lint_tree.py generate OCIKIT DIR N     writes N config.json files below DIR
  lint_tree.py report RUNS BENCH_JSON --summary S --machine M --load L --date D
                                         prints the markdown section

The configs are `ocikit spec` outputs (four flag sets, Docker's seccomp
profile), each with its own hostname and annotation and a few findings: every
third a relative process.cwd (error), every third a duplicate environment
variable (warning), every fifth a misspelt field (warning), the templates an
empty process.args (info). They sit in DIR/NNN/MM/config.json, 100 per
directory.
"""
import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

TARGET_RSS_MB = 50
TARGET_RATIO = 2.0

VARIANTS = [
    [],
    ["--read-only", "--", "/usr/local/bin/server", "--port", "8080"],
    ["--cap-add", "NET_ADMIN", "--memory", "512m", "-e", "MODE=prod", "--", "sh", "-c", "exec app"],
    ["--network", "host", "--pids-limit", "100", "--hostname", "web", "--", "/bin/app"],
]


def generate(ocikit, out, n):
    bases = [json.loads(subprocess.run([ocikit, "spec", *flags], check=True, capture_output=True, text=True).stdout)
             for flags in VARIANTS]
    for i in range(n):
        spec = json.loads(json.dumps(bases[i % len(bases)]))
        spec["hostname"] = f"host-{i}"
        spec.setdefault("annotations", {})["com.example.id"] = str(i)
        process = spec["process"]
        if i % 3 == 0:
            process["cwd"] = "app"
        elif i % 3 == 1:
            process["env"] = process.get("env", []) + ["DUP=1", "DUP=2"]
        if i % 5 == 0:
            process["noNewPrivilege"] = True
        path = Path(out) / f"{i // 100:03d}" / f"{i % 100:02d}" / "config.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(spec, indent=4) + "\n")
    print(f"lint_tree.py: wrote {n} configs below {out}", file=sys.stderr)


def median_ns(bench, name):
    for b in bench["benchmarks"]:
        if b.get("run_name") == name and b.get("aggregate_name") == "median":
            scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
            return b["real_time"] * scale
    sys.exit(f"lint_tree.py: no median of {name} in the benchmark output")


def report(runs_path, bench_path, summary, machine, load, date):
    rows = []
    for line in Path(runs_path).read_text().splitlines():
        label, wall, peak_kb, rate = line.rsplit(" ", 3)
        fmt, jobs, configs = label.split("|")
        rows.append((fmt, jobs, int(configs), float(wall), int(rate), int(peak_kb) / 1024))
    one = next(r for r in rows if r[0] == "text" and r[1] == "-j 1")
    text_peak = max(r[5] for r in rows if r[0] == "text")
    bench = json.loads(Path(bench_path).read_text())
    lint_ns = median_ns(bench, "BM_LintText_ConformanceBaseline")
    parse_ns = median_ns(bench, "BM_ParseText_DefaultLike")
    ratio = lint_ns / parse_ns
    out = [f"Measured {date} by `benchmarks/lint_tree.sh --update` (`-c opt`): {machine}; load average {load}.", "",
           "| format | jobs | configs | wall | configs/s | vs -j 1 | peak RSS |", "|---|---|---|---|---|---|---|"]
    for fmt, jobs, configs, wall, rate, peak in rows:
        speedup = f"{rate / one[4]:.2f}×" if configs == one[2] else "–"
        out.append(f"| {fmt} | {jobs} | {configs} | {wall:.2f} s | {rate} | {speedup} | {peak:.1f} MB |")
    out += ["",
            f"Findings of the whole tree (the last text run): {summary}; most are info about this host's "
            "libseccomp (names it does not know, the filter's size).",
            f"Text output, peak RSS: {text_peak:.1f} MB at most (target ≤ {TARGET_RSS_MB} MB: "
            f"{'met' if text_peak <= TARGET_RSS_MB else 'NOT met'}).",
            f"One file of a CI job, `lint_benchmark` (median of 5): parse + conformance + baseline + positions "
            f"{lint_ns / 1e3:.1f} µs, parse alone {parse_ns / 1e3:.1f} µs: **{ratio:.2f}×** the parse time "
            f"(target ≤ {TARGET_RATIO:g}×: {'met' if ratio <= TARGET_RATIO else 'NOT met'})."]
    print("\n".join(out))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("ocikit")
    g.add_argument("out")
    g.add_argument("n", type=int)
    r = sub.add_parser("report")
    r.add_argument("runs")
    r.add_argument("bench")
    r.add_argument("--summary", required=True)
    r.add_argument("--machine", required=True)
    r.add_argument("--load", required=True)
    r.add_argument("--date", required=True)
    a = parser.parse_args()
    if a.command == "generate":
        generate(a.ocikit, a.out, a.n)
    else:
        report(a.runs, a.bench, a.summary, a.machine, a.load, a.date)


if __name__ == "__main__":
    main()
