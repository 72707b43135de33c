#!/usr/bin/env python3
"""First frame and key -> next frame of the real binary, side by side with dialog, in an 80x24 pty.

Usage:
    cargo build --release && python3 benches/first_frame.py [--runs N] [--only a,b,c,d] [BINARY]
    TSHOOT_BIN=/tmp/tshoot-before python3 benches/first_frame.py --runs 20

The binary is the argument, else $TSHOOT_BIN, else target/release/tshoot. Needs `dialog` on PATH.
Python 3 standard library only. Prints a Markdown table: case, tshoot median, dialog median,
ratio (tshoot median / dialog median), budget, pass/fail; then the spread of each case.

Every case runs tshoot and its dialog peer INTERLEAVED (tshoot, dialog, tshoot, dialog, ...), each
in a new 80x24 pseudo-terminal with TERM=xterm-256color, N times each (default 30, at least 20 for
a figure worth quoting). A time is taken when the read() that completes the screen returns; the
screen is completed when every needle of the case is visible on a small screen model fed with the
pty output (cursor moves, erases and text; styles ignored), so needles may contain spaces that
ratatui or ncurses skip with a cursor move. After each measurement the whole process group is
killed (SIGKILL) and files the run added to a state dir are deleted, so every run sees the same state.

Cases:
  (a) picker, empty state dir: `tshoot --state-dir EMPTY` (a new empty folder for each run),
      from spawn until the picker shows its title, the bundled guide's entry and its footer.
  (b) picker, 10,000 saved sessions: as (a) with a state dir holding 10,000 sessions. They are
      made once per invocation for the binary being measured: one real headless walk
      `tshoot --state-dir S run tests/fixtures/valid/demo.yaml --answers FILE` (FILE: `vpn: no`),
      then every file or folder under S whose path contains the new session id is copied
      10,000 times with the id replaced in the path AND the contents (so a future journal
      layout is copied the same way). New ids follow P2's pattern YYYYMMDD-HHMMSS-GUIDE-XXXX.
  (c) `tshoot --state-dir WARM run aadsts51006`, from spawn until the first step (the
      "Error details" step with its Sections list) is shown. WARM was used once before
      timing (guide snapshot written); the session each run creates is deleted afterwards.
  Peer of (a), (b) and (c): one full-screen dialog menu, the same yardstick for all three:
      dialog --title tshoot --menu "Pick a troubleshooting guide" 24 80 16 \
             aadsts51006 "AADSTS51006: Integrated Windows authentication is needed" \
             demo "Demo guide"
      from spawn until the prompt, the last item and the Cancel button are shown.
  (d) key -> next frame, answer + save: `tshoot --state-dir WARM run tests/fixtures/valid/demo.yaml`;
      after the first question ("On VPN?") is fully shown, write `y` (answers Yes, which autosaves
      the session) and time from that write until the next question ("Which browser?" with its
      options) is shown.
      Peer: a two-screen dialog script, the way a dialog wizard moves on:
          sh -c 'dialog --yesno "First question: is the VPN connected?" 8 50 &&
                 dialog --yesno "Second question: which browser?" 8 50'
      after the first prompt is shown, write Enter (Yes is the default button; the first dialog
      exits 0, sh starts the second) and time until "Second question: which browser?" is shown.
      The first answer of a walk creates the session (its file, synced with its folder).
  (e) key -> next frame, a later answer: as (d), but `y` is sent untimed first, so the session
      exists; then Enter on "Which browser?" is timed until "Tick what applies" is shown: one
      record appended to the journal and synced, as every answer after the first. Same peer.

Caveat: the tshoot needles are screen text of the current views (titles, footers, prompts of
the bundled guide and demo.yaml). If a view's wording changes, a case reports "no frame"
instead of a time: update NEEDLES below, checking with
    tmux new -d -s x -x 80 -y 24 'tshoot ...'; sleep 1; tmux capture-pane -p -t x
"""
import argparse, fcntl, os, pty, re, select, shutil, signal, statistics, struct, subprocess
import sys, tempfile, termios, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEMO = os.path.join(ROOT, "tests", "fixtures", "valid", "demo.yaml")
ROWS, COLS = 24, 80
TIMEOUT = 5.0  # seconds to wait for one screen before giving up on that run

# Screen text that marks each screen as drawn (all must be visible). Read from the release
# binary at 80x24 with tmux capture-pane; see the docstring.
NEEDLES = {
    "picker": ["pick a troubleshooting guide", "AADSTS51006: Integrated Windows", "^C quit"],
    # A walk opens on the ticket question, over its first step.
    "run": ["step 1", "Which ticket is this for?", "Enter save", "^C quit"],
    "demo_q1": ["On VPN?", "[y] Yes", "[u] Can't check", "q quit"],
    "demo_q2": ["Which browser?", "2. Chrome", "h history"],
    "demo_q3": ["Tick what applies", "step 3"],
    "dialog_menu": ["Pick a troubleshooting guide", "Demo guide", "Cancel"],
    "dialog_q1": ["First question: is the VPN connected?"],
    "dialog_q2": ["Second question: which browser?"],
}
DIALOG_MENU = ["dialog", "--title", "tshoot", "--menu", "Pick a troubleshooting guide",
               "24", "80", "16", "aadsts51006",
               "AADSTS51006: Integrated Windows authentication is needed", "demo", "Demo guide"]
DIALOG_CHAIN = ["sh", "-c", 'dialog --yesno "First question: is the VPN connected?" 8 50 && '
                'dialog --yesno "Second question: which browser?" 8 50']


class Screen:
    """Just enough of a VT100/xterm to know which text is on an 80x24 screen."""

    SEQ = re.compile(r"\x1b\[([0-9;?<=>]*)([ -/]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                     r"|\x1b[()*+][0-9A-Za-z]|\x1b[0-9A-Za-z=>\\]|([\r\n\x08\t])|([^\x1b\r\n\x08\t]+)")

    def __init__(self):
        self.rows = [[" "] * COLS for _ in range(ROWS)]
        self.y = self.x = 0
        self.pending = ""
        self.last = " "
        self.decoder = __import__("codecs").getincrementaldecoder("utf-8")("replace")

    def feed(self, data):
        text = self.pending + self.decoder.decode(data)
        pos = 0
        while pos < len(text):
            m = self.SEQ.match(text, pos)
            if m is None:
                if len(text) - pos < 64:  # an incomplete escape sequence: wait for more bytes
                    break
                pos += 1  # an escape sequence this model does not know: skip the ESC
                continue
            pos = m.end()
            if m.group(3):
                self.csi(m.group(1), m.group(3))
            elif m.group(4):
                c = m.group(4)
                if c == "\r":
                    self.x = 0
                elif c == "\n":
                    self.y = min(self.y + 1, ROWS - 1)
                elif c == "\x08":
                    self.x = max(self.x - 1, 0)
                else:
                    self.x = min((self.x // 8 + 1) * 8, COLS - 1)
            elif m.group(5):
                for ch in m.group(5):
                    if ch < " ":
                        continue
                    self.put(ch)
        self.pending = text[pos:]

    def put(self, ch):
        if self.x >= COLS:
            self.x, self.y = 0, min(self.y + 1, ROWS - 1)
        self.rows[self.y][self.x] = ch
        self.last = ch
        self.x += 1

    def csi(self, params, final):
        if params.startswith("?") or params.startswith(">") or params.startswith("<"):
            return
        nums = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        n = nums[0] if nums and nums[0] else 1
        if final in "Hf":
            self.y = min(max((nums[0] if nums and nums[0] else 1) - 1, 0), ROWS - 1)
            self.x = min(max((nums[1] if len(nums) > 1 and nums[1] else 1) - 1, 0), COLS - 1)
        elif final == "d":
            self.y = min(n - 1, ROWS - 1)
        elif final in "G`":
            self.x = min(n - 1, COLS - 1)
        elif final == "C":
            self.x = min(self.x + n, COLS - 1)
        elif final == "D":
            self.x = max(self.x - n, 0)
        elif final == "A":
            self.y = max(self.y - n, 0)
        elif final == "B":
            self.y = min(self.y + n, ROWS - 1)
        elif final == "J":
            mode = nums[0] if nums else 0
            rng = {0: range(self.y + 1, ROWS), 1: range(0, self.y), 2: range(ROWS), 3: range(ROWS)}
            for r in rng.get(mode, ()):
                self.rows[r] = [" "] * COLS
            if mode == 0:
                self.rows[self.y][self.x:] = [" "] * (COLS - self.x)
            elif mode == 1:
                self.rows[self.y][: self.x + 1] = [" "] * (self.x + 1)
        elif final == "K":
            mode = nums[0] if nums else 0
            if mode == 0:
                self.rows[self.y][self.x:] = [" "] * (COLS - self.x)
            elif mode == 1:
                self.rows[self.y][: self.x + 1] = [" "] * (self.x + 1)
            else:
                self.rows[self.y] = [" "] * COLS
        elif final == "X":
            end = min(self.x + n, COLS)
            self.rows[self.y][self.x:end] = [" "] * (end - self.x)
        elif final == "b":
            for _ in range(n):
                self.put(self.last)

    def text(self):
        return "\n".join("".join(r) for r in self.rows)

    def shows(self, needles):
        t = self.text()
        return all(n in t for n in needles)


class Pty:
    """A command in its own 80x24 pseudo-terminal and process group."""

    def __init__(self, args):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm-256color"
            os.environ["LINES"], os.environ["COLUMNS"] = str(ROWS), str(COLS)
            try:  # size the terminal before exec, so the program never sees 0x0
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execvp(args[0], args)
            finally:
                os._exit(127)
        self.start = time.perf_counter()
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.screen = Screen()

    def wait_for(self, needles, timeout=TIMEOUT):
        """Seconds (perf_counter) at which the read completing the needles returned, or None."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return None
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return None
            at = time.perf_counter()
            if not data:
                return None
            self.screen.feed(data)
            if self.screen.shows(needles):
                return at

    def send(self, data):
        t = time.perf_counter()
        os.write(self.fd, data)
        return t

    def close(self):
        for kill in (lambda: os.killpg(self.pid, signal.SIGKILL), lambda: os.kill(self.pid, signal.SIGKILL)):
            try:
                kill()
            except OSError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


def first_frame_ms(args, needles):
    p = Pty(args)
    try:
        at = p.wait_for(needles)
        return None if at is None else (at - p.start) * 1000
    finally:
        p.close()


def key_next_frame_ms(args, first, key, second):
    p = Pty(args)
    try:
        if p.wait_for(first) is None:
            return None
        time.sleep(0.02)  # let the program settle into waiting for a key
        sent = p.send(key)
        at = p.wait_for(second)
        return None if at is None else (at - sent) * 1000
    finally:
        p.close()


def later_key_next_frame_ms(args, keys_before, first, key, second):
    """Like key_next_frame_ms, for an answer after the first: `keys_before` (each with the screen
    it leads to) are sent untimed, so the session exists and the timed answer is an append."""
    p = Pty(args)
    try:
        for k, needles in keys_before:
            if k is not None:
                time.sleep(0.02)
                p.send(k)
            if p.wait_for(needles) is None:
                return None
        time.sleep(0.02)
        sent = p.send(key)
        at = p.wait_for(second)
        return None if at is None else (at - sent) * 1000
    finally:
        p.close()


def snapshot(folder):
    return {os.path.join(d, n) for d, dirs, files in os.walk(folder) for n in dirs + files}


def restore(folder, before):
    """Delete whatever a run added under folder (new sessions, temp files)."""
    for path in sorted(snapshot(folder) - before, key=len, reverse=True):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


def headless_walk(binary, state):
    """One real headless walk of demo.yaml answering `vpn: no`; returns the session id or None."""
    answers = os.path.join(state, "..", "no.yaml")
    with open(answers, "w") as f:
        f.write("vpn: no\n")
    r = subprocess.run([binary, "--state-dir", state, "run", DEMO, "--answers", answers],
                       capture_output=True, text=True, timeout=60)
    m = re.search(r"saved session (\S+)", r.stderr)
    if not m:
        print(f"headless walk failed (exit {r.returncode}): {r.stderr.strip()[:300]}", file=sys.stderr)
        return None
    return m.group(1)


def make_sessions(binary, count):
    """A state dir with `count` sessions cloned from one real walk, or None if the walk failed."""
    base = tempfile.mkdtemp(prefix="tshoot-bench-")
    state = os.path.join(base, "state")
    os.mkdir(state)
    sid = headless_walk(binary, state)
    if sid is None:
        return None
    m = re.match(r"^(\d{8})-\d{6}-(.+)-[0-9a-f]+$", sid)
    originals = sorted(p for p in snapshot(state) if sid in os.path.relpath(p, state))
    top = [p for p in originals if not any(p != q and p.startswith(q + os.sep) for q in originals)]
    sid_b = sid.encode()
    made = 1
    for i in range(count - 1):
        if m:
            new = "%s-%02d%02d%02d-%s-%04x" % (m.group(1), i // 3600 % 24, i // 60 % 60, i % 60, m.group(2), i)
            if new == sid:
                new = "%s-%02d%02d%02d-%s-%04x" % (m.group(1), i // 3600 % 24, i // 60 % 60, i % 60, m.group(2), 0xffff)
        else:
            new = "%s-%05d" % (sid, i)
        new_b = new.encode()
        for src in top:
            pairs = [(src, src.replace(sid, new))]
            if os.path.isdir(src):
                pairs = [(os.path.join(d, n), os.path.join(d, n).replace(sid, new))
                         for d, _, files in os.walk(src) for n in files]
            for a, b in pairs:
                os.makedirs(os.path.dirname(b), exist_ok=True)
                with open(a, "rb") as f:
                    data = f.read().replace(sid_b, new_b)
                with open(b, "wb") as f:
                    f.write(data)
                shutil.copymode(a, b)
        made += 1
    try:
        r = subprocess.run([binary, "--state-dir", state, "sessions"], capture_output=True, text=True, timeout=60)
        listed = sum(1 for line in r.stdout.splitlines() if sid[:8] in line)
        print(f"(b) state dir: {made} sessions cloned from {sid} ({len(top)} path(s) each); "
              f"`tshoot sessions` lists {listed}", file=sys.stderr)
    except subprocess.TimeoutExpired:
        print("(b) `tshoot sessions` took over 60 s", file=sys.stderr)
    return state


def fmt(ms):
    return "no frame" if ms is None else f"{ms:.2f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary", nargs="?", default=os.environ.get("TSHOOT_BIN", os.path.join(ROOT, "target", "release", "tshoot")))
    ap.add_argument("--runs", type=int, default=30, help="runs of each program per case (default 30)")
    ap.add_argument("--only", default="a,b,c,d,e", help="comma-separated cases to run (default a,b,c,d,e)")
    opts = ap.parse_args()
    if opts.binary.isdigit():  # the old form: first_frame.py RUNS
        opts.runs, opts.binary = int(opts.binary), ap.get_default("binary")
    binary = os.path.abspath(opts.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no executable at {binary}: build it or set TSHOOT_BIN")
    if shutil.which("dialog") is None:
        sys.exit("dialog is not on PATH")
    only = set(opts.only.split(","))
    temps = []

    def fresh_dir():
        d = tempfile.mkdtemp(prefix="tshoot-bench-")
        temps.append(d)
        return d

    cases = []  # (label, budget, tshoot_fn, dialog_fn)
    dialog_first = lambda: first_frame_ms(DIALOG_MENU, NEEDLES["dialog_menu"])

    if "a" in only:
        def picker_empty():
            d = tempfile.mkdtemp(prefix="tshoot-bench-")
            try:
                return first_frame_ms([binary, "--state-dir", d], NEEDLES["picker"])
            finally:
                shutil.rmtree(d, ignore_errors=True)
        cases.append(("(a) picker first frame, 0 sessions", 0.8, picker_empty, dialog_first))
    if "b" in only:
        state = make_sessions(binary, 10000)
        if state:
            temps.append(os.path.dirname(state))
            before_b = snapshot(state)

            def picker_full():
                try:
                    return first_frame_ms([binary, "--state-dir", state], NEEDLES["picker"])
                finally:
                    restore(state, before_b)
            cases.append(("(b) picker first frame, 10,000 sessions", 0.8, picker_full, dialog_first))
        else:
            cases.append(("(b) picker first frame, 10,000 sessions", 0.8, lambda: None, dialog_first))
    if "c" in only:
        warm_c = fresh_dir()
        first_frame_ms([binary, "--state-dir", warm_c, "run", "aadsts51006"], NEEDLES["run"])
        before_c = snapshot(warm_c)

        def run_first():
            try:
                return first_frame_ms([binary, "--state-dir", warm_c, "run", "aadsts51006"], NEEDLES["run"])
            finally:
                restore(warm_c, before_c)
        cases.append(("(c) `run aadsts51006` first frame", 0.9, run_first, dialog_first))
    if "d" in only:
        warm_d = fresh_dir()
        first_frame_ms([binary, "--state-dir", warm_d, "--ticket", "INC-1", "run", DEMO], NEEDLES["demo_q1"])
        before_d = snapshot(warm_d)

        def key_tshoot():
            try:
                return key_next_frame_ms([binary, "--state-dir", warm_d, "--ticket", "INC-1", "run", DEMO],
                                         NEEDLES["demo_q1"], b"y", NEEDLES["demo_q2"])
            finally:
                restore(warm_d, before_d)
        key_dialog = lambda: key_next_frame_ms(DIALOG_CHAIN, NEEDLES["dialog_q1"], b"\r", NEEDLES["dialog_q2"])
        cases.append(("(d) key -> next frame (answer + save)", 0.35, key_tshoot, key_dialog))

    if "e" in only:
        warm_e = fresh_dir()

        def later_key_tshoot():
            before_e = snapshot(warm_e)
            try:
                return later_key_next_frame_ms(
                    [binary, "--state-dir", warm_e, "--ticket", "INC-1", "run", DEMO],
                    [(None, NEEDLES["demo_q1"]), (b"y", NEEDLES["demo_q2"])],
                    NEEDLES["demo_q2"], b"\r", NEEDLES["demo_q3"])
            finally:
                restore(warm_e, before_e)
        later_key_dialog = lambda: key_next_frame_ms(DIALOG_CHAIN, NEEDLES["dialog_q1"], b"\r", NEEDLES["dialog_q2"])
        cases.append(("(e) key -> next frame, a later answer (append + sync)", 0.35,
                      later_key_tshoot, later_key_dialog))

    rows, spreads = [], []
    for label, budget, t_fn, d_fn in cases:
        t_fn(), d_fn()  # warm-up pair, not counted
        ts, ds = [], []
        for _ in range(opts.runs):
            ts.append(t_fn())
            ds.append(d_fn())
        t_ok = [t for t in ts if t is not None]
        d_ok = [d for d in ds if d is not None]
        tm = statistics.median(t_ok) if t_ok else None
        dm = statistics.median(d_ok) if d_ok else None
        ratio = tm / dm if tm is not None and dm else None
        verdict = "n/a" if ratio is None else ("pass" if ratio <= budget else "FAIL")
        rows.append(f"| {label} | {fmt(tm)} | {fmt(dm)} | "
                    f"{'-' if ratio is None else f'{ratio:.2f}'} | <= {budget} x dialog | {verdict} |")
        pairs = [t / d for t, d in zip(ts, ds) if t is not None and d]
        spreads.append(f"{label}: tshoot {len(t_ok)}/{len(ts)} runs, min {fmt(min(t_ok) if t_ok else None)}, "
                       f"max {fmt(max(t_ok) if t_ok else None)}; dialog {len(d_ok)}/{len(ds)} runs, "
                       f"min {fmt(min(d_ok) if d_ok else None)}, max {fmt(max(d_ok) if d_ok else None)}; "
                       f"median of paired ratios {statistics.median(pairs):.2f}" if pairs else
                       f"{label}: tshoot {len(t_ok)}/{len(ts)} runs, dialog {len(d_ok)}/{len(ds)} runs")
        print(rows[-1].split("|")[1].strip(), "done", file=sys.stderr)

    print(f"binary: {binary}; {opts.runs} interleaved runs of each program per case; 80x24 pty\n")
    print("| case | tshoot median | dialog median | ratio | budget | pass/fail |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(r)
    print()
    for s in spreads:
        print("- " + s)
    for d in temps:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
