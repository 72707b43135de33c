//! What reading evidence costs: a 50 MB browser trace (HAR) streamed from a file by
//! `evidence::har::read_from` (budget: 1 s, and memory that does not grow with the file), and a
//! 60 KB paste of each fixture through `evidence::read`, recognise and read (budget: 1 ms).
//! Run by hand: `cargo bench --bench evidence`.
//!
//! Peak memory (`--rss`): `sh benches/har_rss.sh [FILE]` builds `examples/har_probe` in release,
//! writes the same synthetic 50 MB trace (`benches/support/har_gen.rs`) and reads it under
//! `/usr/bin/time -f %M`, which prints the peak resident set in KiB.
// A benchmark reports the sizes of its own fixtures; no outside text is printed.
#![allow(clippy::disallowed_macros)]

use std::fs::File;
use std::hint::black_box;
use std::io::BufWriter;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use tshoot::evidence::{self, har};

#[path = "support/har_gen.rs"]
#[allow(dead_code)]
mod har_gen;

const PASTE: usize = 60 * 1024;

/// The fixtures of every kind on this branch, by name.
const FIXTURES: &[(&str, &str)] = &[
    (
        "har edge",
        include_str!("../tests/fixtures/evidence/har/edge_seamless_sso_51006.har"),
    ),
    (
        "har chrome",
        include_str!("../tests/fixtures/evidence/har/chrome_adfs_wia.har"),
    ),
    (
        "har firefox",
        include_str!("../tests/fixtures/evidence/har/firefox_adfs_forms.har"),
    ),
    (
        "har truncated",
        include_str!("../tests/fixtures/evidence/har/chrome_truncated.har"),
    ),
    (
        "har sanitized",
        include_str!("../tests/fixtures/evidence/har/chrome_sanitized.har"),
    ),
    (
        "error page",
        include_str!("../tests/fixtures/evidence/har/impostor_error_page.txt"),
    ),
    (
        "sign-in log json",
        include_str!("../tests/fixtures/evidence/har/impostor_signin_log.json"),
    ),
    (
        "dsregcmd",
        include_str!("../tests/fixtures/evidence/dsregcmd/win11_hybrid_prt.txt"),
    ),
    (
        "klist",
        include_str!("../tests/fixtures/evidence/klist/tickets_clean.txt"),
    ),
    (
        "token",
        include_str!("../tests/fixtures/evidence/token/bearer_request.txt"),
    ),
    (
        "federation",
        include_str!("../tests/fixtures/evidence/federation/combined.txt"),
    ),
    (
        "nltest",
        include_str!("../tests/fixtures/evidence/nltest/dsgetdc_messy.txt"),
    ),
    (
        "sign-in log csv",
        include_str!("../tests/fixtures/evidence/signin_log/portal.csv"),
    ),
];

/// `text` grown to about 60 KB as that kind grows: a HAR gets more entries, other text more
/// lines of its own before it.
fn paste_of(text: &str) -> String {
    let missing = PASTE.saturating_sub(text.len());
    if let Some(at) = text.find("\"entries\": [") {
        let at = at + "\"entries\": [".len();
        let mut fillers = har_gen::filler(missing);
        fillers.push(String::new());
        let fill = fillers.join(",\n");
        return format!("{}{fill}{}", &text[..at], &text[at..]);
    }
    let mut out = String::with_capacity(PASTE + text.len());
    while out.len() + text.len() < PASTE {
        out.push_str("Sign in\nSorry, but we're having trouble signing you in.\n");
    }
    out.push_str(text);
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("evidence");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    let file = tempfile::NamedTempFile::new().expect("a temp file");
    let entries = har_gen::write_har(
        &mut BufWriter::new(file.reopen().expect("reopen")),
        50 * 1024 * 1024,
    )
    .expect("write the 50 MB HAR");
    let size = file.as_file().metadata().expect("size").len();
    eprintln!("the HAR is {size} bytes, {entries} entries");
    let reading = har::read_from(File::open(file.path()).expect("open"));
    assert_eq!(
        reading.text("trace.error_code"),
        Some("51006"),
        "{reading:?}"
    );
    group.bench_function("har::read_from, 50 MB file", |b| {
        b.iter(|| {
            har::read_from(File::open(file.path()).expect("open"))
                .facts
                .len()
        });
    });
    group.finish();

    for (name, text) in FIXTURES {
        let paste = paste_of(text);
        eprintln!("{name}: a paste of {} bytes", paste.len());
        c.bench_function(&format!("evidence::read, 60 KB {name}"), |b| {
            b.iter(|| evidence::read(black_box(&paste)).map(|r| r.facts.len()));
        });
    }
    // Where the time of a paste goes: cleaning it, each reader's recognise, and the read.
    let page = FIXTURES
        .iter()
        .find(|(name, _)| *name == "error page")
        .map(|(_, text)| paste_of(text))
        .unwrap_or_default();
    for reader in evidence::READERS {
        c.bench_function(
            &format!("recognise {}, 60 KB error page", reader.kind.name()),
            |b| {
                b.iter(|| (reader.recognise)(black_box(&page)));
            },
        );
    }
    c.bench_function("error_page::read, 60 KB error page", |b| {
        b.iter(|| evidence::error_page::read(black_box(&page)).facts.len());
    });
    let paste = paste_of(FIXTURES[0].1);
    c.bench_function("text::clean, 60 KB har edge", |b| {
        b.iter(|| tshoot::text::clean(black_box(&paste)).len());
    });
    for reader in evidence::READERS {
        c.bench_function(
            &format!("recognise {}, 60 KB har edge", reader.kind.name()),
            |b| {
                b.iter(|| (reader.recognise)(black_box(&paste)));
            },
        );
    }
    c.bench_function("har::read, 60 KB har edge", |b| {
        b.iter(|| har::read(black_box(&paste)).facts.len());
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
