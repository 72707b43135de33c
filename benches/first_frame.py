#!/usr/bin/env python3
"""Start to first frame of the real binary in an 80x24 pseudo-terminal, repeated.

Usage: cargo build --release && python3 benches/first_frame.py [runs]
Prints the median, minimum and maximum milliseconds from spawn until the first screen's text
arrives, for the picker (`tshoot`) and for a guide's first step (`tshoot run aadsts51006`).
"""
import fcntl, os, pty, select, statistics, struct, sys, tempfile, termios, time

BINARY = os.path.join(os.path.dirname(__file__), "..", "target", "release", "tshoot")


def first_frame_ms(args, needle):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(args[0], args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start, seen, elapsed = time.perf_counter(), b"", None
    while elapsed is None:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            break
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
        if needle in seen:
            elapsed = (time.perf_counter() - start) * 1000
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        sys.exit(f"no first frame from {args}")
    return elapsed


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    state = tempfile.mkdtemp()
    cases = [
        ("picker", [BINARY, "--state-dir", state], b"pick a troubleshooting guide"),
        ("run aadsts51006", [BINARY, "--state-dir", state, "run", "aadsts51006"], b"Sections"),
    ]
    for name, args, needle in cases:
        times = [first_frame_ms(args, needle) for _ in range(runs)]
        print(f"{name}: median {statistics.median(times):.1f} ms, "
              f"min {min(times):.1f}, max {max(times):.1f} ({runs} runs)")


if __name__ == "__main__":
    main()
