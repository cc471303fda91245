"""Run every benchmark in bench/ (each bench_*.py with its defaults) and print their ratios.

    .venv/bin/python bench/run_all.py                 # all of them, one after another
    .venv/bin/python bench/run_all.py pipeline engines  # only bench_pipeline.py, bench_engines.py

Each benchmark runs in its own process (so one's model cache or memory does not help another)
and prints its ratios against a baseline measured in the same run; this collects every output
line that names a ratio, with the load average before and after (the machine's other work moves
the figures, the ratios much less than the timings).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from common import load_average

HERE = Path(__file__).resolve().parent


def benchmarks(names: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if names:
        wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in names}
        found = [p for p in found if p.stem in wanted]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per benchmark")
    args = parser.parse_args()

    scripts = benchmarks(args.names)
    if not scripts:
        print(f"no benchmark named {args.names} in {HERE}", file=sys.stderr)
        sys.exit(2)
    failures = 0
    for script in scripts:
        before = load_average()
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, str(script)],
                cwd=HERE.parent,
                capture_output=True,
                text=True,
                timeout=args.timeout,
            )
            output, code = done.stdout, done.returncode
        except subprocess.TimeoutExpired:
            output, code = "", "timeout"
        seconds = time.perf_counter() - started
        ratios = [line.strip() for line in output.splitlines() if "ratio" in line.lower()]
        header = f"== {script.name}  ({seconds:.0f} s, load {before} -> {load_average()})"
        if code != 0:
            failures += 1
            header += f"  FAILED ({code})"
            if code != "timeout":
                ratios += [line for line in done.stderr.splitlines()[-5:]]
        print(header, flush=True)
        if not ratios:  # a benchmark without a ratio line: show how it ended
            ratios = ["(no ratio line) " + line for line in output.splitlines()[-3:]]
        for line in ratios or ["(no output)"]:
            print("   " + line, flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
