#!/usr/bin/env python3
"""Whole-command budgets of the issue that need no dialog peer: size, memory and pathological input.

Usage:
    cargo build --release && python3 benches/scale.py [--runs N] [--quick] [--timeout S]
                                                      [--parse-only-cmd 'CMD {}'] [BINARY]
    TSHOOT_BIN=/tmp/tshoot-before python3 benches/scale.py --quick

The binary is the argument, else $TSHOOT_BIN, else target/release/tshoot. Python 3 standard
library only. Prints a Markdown table: what, measured, budget, pass/fail, then notes.

Each figure is the MEDIAN of N whole runs (default 5; --quick: 1) of the command, timed from just
before the spawn to the reaping of the process (os.wait4 in a thread). Peak RSS, where shown, is
GNU time's %M (/usr/bin/time, 1 MiB floor; without it ru_maxrss, whose floor is this Python
process's size). Each run has a time bound (default 60 s, --timeout): a run
that reaches it is killed and shown as "> 60 s", and a case whose run takes longer than 5 s is not
repeated. The script always runs to the end: a crash, a non-zero exit or a timeout is a row, not
an abort. Inputs are generated into a temporary folder, as in the reproducers of the 2026-11-26
findings (the `gen`/`chain`/`yeses` helpers, written here in Python):

  validate 100,000 nodes   `tshoot validate c100k.yaml`, c100k.yaml = chain 100000 (about 7.8 MB):
                           time and peak RSS, the file size and RSS / file size. The budget is
                           <= 0.5 s and <= 2 x a parse-only pass of the same file. The binary has no
                           parse-only mode yet: give one with --parse-only-cmd 'CMD {}' ({} is the
                           file) and the ratio is computed; otherwise that half reads n/a.
  wizard peak RSS          the picker in an 80x24 pty (`tshoot --state-dir EMPTY`) on the bundled
                           guides: Enter starts the first guide (AADSTS51006), Enter keeps every
                           access ticked, Enter passes its first step, a GUID + Enter answers the correlation-id question; once
                           "step 3" is shown, VmHWM is read from /proc/PID/status, then it is
                           killed. Budget <= 6 MiB.
  headless walk 10,000     `tshoot --state-dir S run c10k.yaml --answers y10k.yaml` (chain 10000,
                           yeses 10000: P5's reproducer), a new state dir each run. Budget <= 1 s.
  report on 4,000 steps    one headless walk of chain 4000 with yeses 4000 (set-up, not timed),
                           then `tshoot --state-dir S report ID --format json`. Budget <= 50 ms.
  deep nesting             `tshoot validate deep.yaml`, deep.yaml = python3 -c "print('- '*25000 + 'x')"
                           (50 KB, R1).
  80,000-char ids          `tshoot validate lev.yaml`: one 80,000-char missing target and one
                           80,000-char id (R3's lev.yaml).
  10,000 dangling targets  `tshoot validate missing.yaml`: 10,000 nodes each routing to its own
                           missing id (R3's missing.yaml).
  The three pathological budgets: exit code 1 and a located error (a line `FILE:LINE:COL: error`
  on stdout or stderr) in <= 0.1 s. The table shows the exit code and the first line of stderr.
"""
import argparse, os, re, shutil, signal, statistics, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in benches/
from first_frame import NEEDLES, Pty  # noqa: E402  (the pty and screen model of the first-frame bench)

REPEAT_LIMIT = 5.0  # seconds: a slower case is not repeated


# ---- inputs: the reproducers' gen / chain / yeses -------------------------------------------
def gen(lines):
    head = 'format: 1\nid: g\ntitle: t\nversion: "1"\nsections: []\nstart: n0\nnodes:\n'
    tail = "  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}\n"
    return head + "".join(line + "\n" for line in lines) + tail


def chain(n):
    return gen("  - {id: n%d, kind: confirm, prompt: P, why: w, how: h, yes: %s, no: r}"
               % (i, "n%d" % (i + 1) if i < n - 1 else "r") for i in range(n))


def yeses(n):
    return "".join("n%d: yes\n" % i for i in range(n))


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path


# ---- running ---------------------------------------------------------------------------------
class Result:
    def __init__(self, seconds, rss_kib, code, out, err, timed_out):
        self.seconds, self.rss_kib, self.code = seconds, rss_kib, code
        self.out, self.err, self.timed_out = out, err, timed_out


GNU_TIME = "/usr/bin/time"


def run_once(cmd, timeout, folder, rss=False):
    """One whole run: wall seconds, peak RSS (KiB), exit code (negative: signal), outputs.

    ru_maxrss from wait4 cannot read below this Python process's own size (Linux folds the
    pre-exec image into it), so with rss=True the command runs under GNU time (a 1 MiB floor)
    and its %M is taken; the wall time then includes GNU time's fork, about a millisecond."""
    out_path, err_path = os.path.join(folder, "stdout"), os.path.join(folder, "stderr")
    rss_path = os.path.join(folder, "rss")
    if rss and os.access(GNU_TIME, os.X_OK):
        cmd = [GNU_TIME, "-f", "%M", "-o", rss_path] + cmd
    else:
        rss = False
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        done = []
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True)

        def reap():
            _, status, usage = os.wait4(proc.pid, 0)
            done.append((time.perf_counter(), status, usage))
        t = threading.Thread(target=reap)
        t.start()
        t.join(timeout)
        timed_out = t.is_alive()
        if timed_out:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
            t.join()
        proc.returncode = 0  # reaped above; keep Popen from waiting again
    end, status, usage = done[0]
    code = os.waitstatus_to_exitcode(status)
    with open(out_path, "rb") as f:
        out_text = f.read(1 << 20).decode("utf-8", "replace")
    with open(err_path, "rb") as f:
        err_text = f.read(1 << 20).decode("utf-8", "replace")
    peak = usage.ru_maxrss
    if rss:
        try:
            with open(rss_path) as f:
                peak = int(f.read().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    return Result(end - start, peak, code, out_text, err_text, timed_out)


def run_many(cmd, runs, timeout, folder, before_each=None, rss=False):
    results = []
    for _ in range(runs):
        if before_each:
            before_each()
        r = run_once(cmd, timeout, folder, rss)
        results.append(r)
        if r.timed_out or r.seconds > REPEAT_LIMIT:
            break
    return results


def med_seconds(results, timeout):
    if any(r.timed_out for r in results):
        return None, f"> {timeout:g} s"
    s = statistics.median(r.seconds for r in results)
    return s, (f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s")


def show_code(code):
    if code == "killed" or code >= 0:
        return str(code)
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"signal {-code}"


def show_codes(results):
    return ", ".join(show_code(c) for c in sorted({r.code for r in results if not r.timed_out}))


def runs_note(results):
    return f"median of {len(results)} run{'s' if len(results) != 1 else ''}"


def first_line(text, width=70):
    line = next((l for l in text.splitlines() if l.strip()), "")
    line = line.replace("|", "\\|")
    return (line[:width] + "…") if len(line) > width else line


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


# ---- cases -----------------------------------------------------------------------------------
def case_validate_100k(binary, opts, tmp, rows, notes):
    path = write(tmp, "c100k.yaml", chain(100000))
    size = os.path.getsize(path)
    res = run_many([binary, "validate", path], opts.runs, opts.timeout, tmp, rss=True)
    secs, shown = med_seconds(res, opts.timeout)
    rss = statistics.median(r.rss_kib for r in res)
    codes = sorted({r.code for r in res})
    rows.append(("validate 100,000-node chain: time", f"{shown} ({runs_note(res)}, exit {show_codes(res)})",
                 "<= 0.5 s", "pass" if secs is not None and secs <= 0.5 and codes == [0] else "FAIL"))
    if opts.parse_only_cmd:
        cmd = [a.replace("{}", path) for a in opts.parse_only_cmd.split()]
        pres = run_many(cmd, opts.runs, opts.timeout, tmp)
        psecs, pshown = med_seconds(pres, opts.timeout)
        ratio = secs / psecs if secs is not None and psecs else None
        rows.append(("validate 100,000 nodes / parse-only", "-" if ratio is None else
                     f"{ratio:.2f} x ({shown} / {pshown}, `{opts.parse_only_cmd}`)", "<= 2 x",
                     "n/a" if ratio is None else ("pass" if ratio <= 2 else "FAIL")))
    else:
        rows.append(("validate 100,000 nodes / parse-only", "no parse-only mode (give --parse-only-cmd)",
                     "<= 2 x", "n/a"))
    rows.append(("validate 100,000 nodes: peak RSS", f"{mib(rss)} for a {size / 1e6:.2f} MB file "
                 f"= {rss * 1024 / size:.1f} x the file", "(reported, no budget)", "-"))
    if codes != [0]:
        notes.append(f"validate c100k.yaml exit {show_codes(res)}: {first_line(res[-1].err + res[-1].out, 200)}")


def case_wizard_rss(binary, opts, tmp, rows, notes):
    picks, reached = [], []
    for _ in range(opts.runs):
        state = tempfile.mkdtemp(prefix="state-", dir=tmp)
        p = Pty([binary, "--state-dir", state])
        stage = "picker"
        try:
            if p.wait_for(NEEDLES["picker"]):
                stage = "ticket"
                p.send(b"\r")
                # The walk opens on the ticket question: Enter with it empty goes on without one.
                if p.wait_for(["Which ticket is this for?"]):
                    stage = "access"
                    time.sleep(0.05)
                    p.send(b"\r")
                # Then on what the technician can check: Enter keeps it all ticked.
                if p.wait_for(["What can you check?"]):
                    stage = "step 1"
                    time.sleep(0.05)
                    p.send(b"\r")
                if stage == "step 1" and p.wait_for(["step 1", "Every check will be asked"]):
                    stage = "step 2"
                    time.sleep(0.05)
                    p.send(b"\r")
                    if p.wait_for(["step 2", "Correlation Id"]):
                        stage = "step 3"
                        time.sleep(0.05)
                        p.send(b"148787df-c02d-4cbe-947e-481164f67f03")
                        time.sleep(0.05)
                        p.send(b"\r")
                        if p.wait_for(["step 3"]):
                            stage = "done"
            try:
                with open(f"/proc/{p.pid}/status") as f:
                    hwm = int(re.search(r"VmHWM:\s*(\d+)", f.read()).group(1))
            except (OSError, AttributeError):
                hwm = None
        finally:
            p.close()
            shutil.rmtree(state, ignore_errors=True)
        reached.append(stage)
        if hwm is not None:
            picks.append(hwm)
    if not picks:
        rows.append(("wizard peak RSS (VmHWM), bundled guides, 80x24", "no process to read", "<= 6 MiB", "FAIL"))
        return
    hwm = statistics.median(picks)
    ok = all(s == "done" for s in reached)
    rows.append(("wizard peak RSS (VmHWM), bundled guides, 80x24",
                 f"{mib(hwm)} (median of {len(picks)}; max {mib(max(picks))})"
                 + ("" if ok else f"; did not reach step 3: stopped at {sorted(set(reached))}"),
                 "<= 6 MiB", "pass" if hwm <= 6 * 1024 and ok else "FAIL"))


def case_walk_10k(binary, opts, tmp, rows, notes):
    guide, answers = write(tmp, "c10k.yaml", chain(10000)), write(tmp, "y10k.yaml", yeses(10000))
    state = os.path.join(tmp, "walk-state")

    def fresh():
        shutil.rmtree(state, ignore_errors=True)
        os.mkdir(state)
    res = run_many([binary, "--state-dir", state, "run", guide, "--answers", answers],
                   min(opts.runs, 3), opts.timeout, tmp, before_each=fresh)
    secs, shown = med_seconds(res, opts.timeout)
    codes = sorted({r.code for r in res if not r.timed_out})
    rows.append(("headless walk, 10,000 steps", f"{shown} ({runs_note(res)}"
                 + (f", exit {show_codes(res)})" if codes else ")"), "<= 1 s",
                 "pass" if secs is not None and secs <= 1 and codes == [0] else "FAIL"))
    shutil.rmtree(state, ignore_errors=True)


def case_report_4k(binary, opts, tmp, rows, notes):
    guide, answers = write(tmp, "c4k.yaml", chain(4000)), write(tmp, "y4k.yaml", yeses(4000))
    state = os.path.join(tmp, "report-state")
    os.mkdir(state)
    setup = run_once([binary, "--state-dir", state, "run", guide, "--answers", answers],
                     max(opts.timeout, 120), tmp)
    m = re.search(r"saved session (\S+)", setup.err)
    notes.append(f"report set-up: headless walk of 4,000 steps took {setup.seconds:.2f} s"
                 + (" (killed at the bound)" if setup.timed_out else f", exit {setup.code}"))
    if not m:
        rows.append(("`report --format json`, 4,000 steps", "no session: the set-up walk failed: "
                     + first_line(setup.err), "<= 50 ms", "FAIL"))
        return
    res = run_many([binary, "--state-dir", state, "report", m.group(1), "--format", "json"],
                   opts.runs, opts.timeout, tmp)
    secs, shown = med_seconds(res, opts.timeout)
    codes = sorted({r.code for r in res if not r.timed_out})
    rows.append(("`report --format json`, 4,000 steps", f"{shown} ({runs_note(res)}"
                 + (f", exit {show_codes(res)})" if codes else ")"), "<= 50 ms",
                 "pass" if secs is not None and secs <= 0.05 and codes == [0] else "FAIL"))


LOCATED = re.compile(r":\d+:\d+: error")


def case_pathological(binary, opts, tmp, rows, notes):
    inputs = [
        ("deep nesting, 50 KB of nested lists", "deep.yaml", "- " * 25000 + "x\n"),
        ("80,000-char ids", "lev.yaml", gen([
            "  - {id: n0, kind: info, prompt: p, next: %s}" % ("b" * 80000),
            "  - {id: %s, kind: info, prompt: p, next: r}" % ("a" * 80000)])),
        ("10,000 dangling targets", "missing.yaml", gen(
            "  - {id: n%d, kind: info, prompt: p, next: missing_%d}" % (i, i) for i in range(10000))),
    ]
    for what, name, text in inputs:
        path = write(tmp, name, text)
        res = run_many([binary, "validate", path], opts.runs, opts.timeout, tmp)
        secs, shown = med_seconds(res, opts.timeout)
        last = res[-1]
        if last.timed_out:
            located, code = False, "killed"
        else:
            hit = LOCATED.search(last.out) or LOCATED.search(last.err)
            located, code = bool(hit), last.code
            if hit:
                output = hit.string
                start = output.rfind("\n", 0, hit.start()) + 1
                notes.append(f"{name}: first located error: `{first_line(output[start:], 100)}`")
        rows.append((f"validate: {what} ({len(text) / 1000:.0f} KB)",
                     f"{shown} ({runs_note(res)}), exit {show_code(code)}, located error: "
                     f"{'yes' if located else 'no'}; stderr: `{first_line(last.err)}`",
                     "located error in <= 0.1 s",
                     "pass" if secs is not None and secs <= 0.1 and located and code == 1 else "FAIL"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary", nargs="?", default=os.environ.get(
        "TSHOOT_BIN", os.path.join(ROOT, "target", "release", "tshoot")))
    ap.add_argument("--runs", type=int, default=5, help="runs per case, median taken (default 5)")
    ap.add_argument("--quick", action="store_true", help="one run per case")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per run before it is killed (default 60)")
    ap.add_argument("--parse-only-cmd", help="a parse-only command for the 100,000-node file, {} = the file")
    ap.add_argument("--only", default="validate,rss,walk,report,patho",
                    help="comma-separated cases (default validate,rss,walk,report,patho)")
    opts = ap.parse_args()
    if opts.quick:
        opts.runs = 1
    binary = os.path.abspath(opts.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no executable at {binary}: build it or set TSHOOT_BIN")
    cases = {"validate": case_validate_100k, "rss": case_wizard_rss, "walk": case_walk_10k,
             "report": case_report_4k, "patho": case_pathological}
    rows, notes = [], []
    tmp = tempfile.mkdtemp(prefix="tshoot-scale-")
    try:
        for name in opts.only.split(","):
            print(f"{name} ...", file=sys.stderr)
            try:
                cases[name](binary, opts, tmp, rows, notes)
            except Exception as e:  # a broken case is a row; the others still run
                rows.append((name, f"bench error: {type(e).__name__}: {e}", "-", "FAIL"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"binary: {binary}; {opts.runs} run(s) per case, {opts.timeout:g} s bound per run\n")
    print("| what | measured | budget | pass/fail |")
    print("|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    if notes:
        print()
        for n in notes:
            print("- " + n)


if __name__ == "__main__":
    main()
