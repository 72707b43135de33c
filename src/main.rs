//! The `tshoot` binary: parse the command line, run the command, flush and exit.

mod cli;

use std::io::Write;

use clap::Parser;

// The command line is the binary's own business (the library's face is its layers), but its
// modules name the layers as `crate::engine`, `crate::guide`, ...: these imports are that root.
use tshoot::{
    engine, evidence, evidence_file, graph, guide, headless, map, plain, practice, report, store,
    text, tui,
};

fn main() {
    // A reader that goes away (`tshoot list | head`) ends the program quietly: every print goes
    // through `cli::out`, which takes a closed pipe for "done".
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = cli::args::wizard_line(&args).unwrap_or_else(|| cli::args::Cli::parse_from(args));
    let code = cli::main(cli);
    // Exit as soon as the result is known: the wizard has restored the terminal already, and
    // freeing the loaded guides would only cost time (P8). Output still buffered goes first;
    // a reader that has gone away is not an error worth reporting.
    let _ = std::io::stdout().flush();
    std::process::exit(i32::from(code));
}
