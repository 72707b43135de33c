//! Reads a browser trace (HAR) file with the streaming reader and prints what it found and how
//! long it took: the probe for the reader's memory, which must not grow with the file.
//!
//! ```text
//! cargo build --release --example har_probe
//! target/release/examples/har_probe --generate /tmp/trace-50mb.har 50   # writes a synthetic HAR
//! /usr/bin/time -f 'peak RSS %M KiB' target/release/examples/har_probe /tmp/trace-50mb.har
//! ```
//!
//! `benches/har_rss.sh` does all three.
// A developer's probe: it prints facts that are already redacted, and its own timings.
#![allow(clippy::disallowed_macros)]

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;
use std::time::Instant;

use tshoot::evidence::har;

#[path = "../benches/support/har_gen.rs"]
#[allow(dead_code)]
mod har_gen;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, path, megabytes] if flag == "--generate" => {
            let Ok(megabytes) = megabytes.parse::<usize>() else {
                eprintln!("--generate FILE MB: MB is a number");
                return ExitCode::FAILURE;
            };
            let written = File::create(path).and_then(|file| {
                let mut out = BufWriter::new(file);
                har_gen::write_har(&mut out, megabytes * 1024 * 1024)
            });
            match written {
                Ok(entries) => {
                    println!("wrote {path}: {megabytes} MB, {entries} entries");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("cannot write {path}: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        [path] => {
            let file = match File::open(path) {
                Ok(file) => file,
                Err(e) => {
                    eprintln!("cannot open {path}: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let start = Instant::now();
            let reading = har::read_from(file);
            let elapsed = start.elapsed();
            for fact in &reading.facts {
                println!("{} = {:?}", fact.name, fact.value);
            }
            for note in &reading.notes {
                println!("note: {note}");
            }
            println!("read in {:.1} ms", elapsed.as_secs_f64() * 1000.0);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: har_probe FILE | har_probe --generate FILE MB");
            ExitCode::FAILURE
        }
    }
}
