"""Load benchmark for the class server (not a test): N students at once on one machine.

Each student logs in through the login page, starts their server, and runs the whole chapter-00
student exercise notebook — with the answers planted from the solutions — in their own kernel.
Printed: time to ready and time to finish the notebook (p50 / p95), failures, peak memory of
the machine (and per student), and the ratio of the p95 notebook time to one student alone.

    sudo .venv/bin/python benchmarks/bench_classroom.py --students 40

Binds to 127.0.0.1 only; every wait is bounded; it removes the accounts, processes and folders
it made (classroom/hub_client.py: TemporaryClass). Needs root, Node.js and `make classroom-env`.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "classroom"))
import hub_client  # noqa: E402

NOTEBOOK = ROOT / "exercises" / "00-start-here-exercises.ipynb"
SOLUTIONS = ROOT / "exercises" / "solutions" / "00-start-here-solutions.ipynb"


def planted_cells() -> list[str]:
    """The student notebook's code cells, each stub replaced by its solution cell."""
    student = nbformat.read(NOTEBOOK, as_version=4)
    sol = {c.id: c.source for c in nbformat.read(SOLUTIONS, as_version=4).cells
           if "solution" in c.metadata.get("tags", [])}
    return [sol.get(c.id, c.source) for c in student.cells if c.cell_type == "code"]


def used_memory_mb() -> float:
    info = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
    kb = lambda k: int(info[k].split()[0])  # noqa: E731
    return (kb("MemTotal") - kb("MemAvailable")) / 1024


class Sampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = used_memory_mb()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            self.peak = max(self.peak, used_memory_mb())


def one_student(k: hub_client.TemporaryClass, i: int, cells: list[str],
                timeout: float) -> dict:
    s = hub_client.Student(k.url, k.name(i), f"bench-{i}-pw")
    t0 = time.monotonic()
    try:
        r = s.login()
        if r.status_code != 302:
            return {"ok": False, "why": f"login {r.status_code}"}
        s.get_token()
        s.start_server(timeout=timeout)
        ready = time.monotonic() - t0
        t1 = time.monotonic()
        out = s.run(cells, timeout=timeout, path="exercises")
        finish = time.monotonic() - t1
        ok = len(out) == len(cells) and all(o["status"] == "ok" for o in out)
        correct = sum(o["text"].count("Correct") for o in out)
        return {"ok": ok, "ready": ready, "finish": finish, "correct": correct,
                "why": "" if ok else next((o["text"][-200:] for o in out if o["status"] != "ok"), "")}
    except Exception as exc:  # noqa: BLE001 - a failure is a number to report, not a crash
        return {"ok": False, "why": f"{type(exc).__name__}: {exc}"[:300]}


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=40)
    p.add_argument("--timeout", type=float, default=600, help="per student, seconds")
    a = p.parse_args(argv)
    reason = hub_client.can_run()
    if reason:
        print(f"bench_classroom: cannot run here: {reason}")
        return 0
    if not 1 <= a.students <= 200:
        raise SystemExit("--students must be between 1 and 200")
    cells = planted_cells()
    print(f"== class server load: {a.students} students, chapter 00 ({len(cells)} code cells), "
          f"{os.cpu_count()} cores; load before: {os.getloadavg()[0]:.2f}")
    base_mem = used_memory_mb()
    with hub_client.TemporaryClass(log=None) as k:
        single = one_student(k, 0, cells, a.timeout)  # alone first: the baseline
        if not single["ok"]:
            print("single student failed:", single["why"])
            return 1
        sampler = Sampler()
        sampler.start()
        t0 = time.monotonic()
        with ThreadPoolExecutor(a.students) as pool:
            results = list(pool.map(lambda i: one_student(k, i, cells, a.timeout),
                                    range(1, a.students + 1)))
        wall = time.monotonic() - t0
        sampler.stop.set()
        sampler.join()
        load_after = os.getloadavg()[0]
    good = [r for r in results if r["ok"]]
    ready = [r["ready"] for r in good]
    finish = [r["finish"] for r in good]
    failures = [r["why"] for r in results if not r["ok"]]
    peak = sampler.peak
    print(f"single student alone: ready {single['ready']:.1f} s, notebook {single['finish']:.1f} s"
          f" ({single['correct']} checks correct)")
    print(f"students            : {a.students} at once, wall {wall:.1f} s, failures {len(failures)}")
    print(f"time to ready  (s)  : p50 {pct(ready, .5):.1f}  p95 {pct(ready, .95):.1f}")
    print(f"notebook time  (s)  : p50 {pct(finish, .5):.1f}  p95 {pct(finish, .95):.1f}")
    print(f"p95 / single        : {pct(finish, .95) / single['finish']:.1f}x")
    print(f"memory (MB)         : before {base_mem:.0f}, peak {peak:.0f}, "
          f"per running server {(peak - base_mem) / (a.students + 1):.0f} "
          f"({a.students + 1} servers: the N students + the one alone)")
    print(f"load average after  : {load_after:.2f}")
    print(f"| {a.students} | {pct(ready, .5):.1f} / {pct(ready, .95):.1f} | "
          f"{pct(finish, .5):.1f} / {pct(finish, .95):.1f} | {len(failures)} | "
          f"{peak / 1024:.1f} GB ({(peak - base_mem) / (a.students + 1):.0f} MB each) | "
          f"{pct(finish, .95) / single['finish']:.1f}x | {single['finish']:.1f} s |")
    for why in failures[:5]:
        print("  failure:", why)
    return 0


if __name__ == "__main__":
    sys.exit(main())
