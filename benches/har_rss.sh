#!/bin/sh
# Peak resident memory of streaming a 50 MB browser trace (HAR) with evidence::har::read_from:
# builds examples/har_probe in release, writes the synthetic trace of benches/support/har_gen.rs
# (unless FILE exists) and reads it under /usr/bin/time. The budget: <= 50 MB peak, <= 1 s.
#
#   sh benches/har_rss.sh [FILE]
set -eu
FILE=${1:-${TMPDIR:-/tmp}/tshoot-bench-50mb.har}
cargo build --release --example har_probe
BIN=${CARGO_TARGET_DIR:-target}/release/examples/har_probe
if [ ! -f "$FILE" ]; then
    "$BIN" --generate "$FILE" 50
fi
ls -l "$FILE"
/usr/bin/time -f 'peak RSS %M KiB, %e s elapsed' "$BIN" "$FILE"
