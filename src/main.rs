//! The `tshoot` binary: parse the command line, run the command, flush and exit.

mod cli;

use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use clap::Parser;
use signal_hook::consts::SIGPIPE;

// The command line is the binary's own business (the library's face is its layers), but its
// modules name the layers as `crate::engine`, `crate::guide`, ...: these imports are that root.
use tshoot::{engine, graph, guide, headless, report, store, text, tui};

fn main() {
    let cli = cli::args::Cli::parse();
    if !cli::may_open_wizard(&cli) {
        end_quietly_on_a_closed_pipe();
    }
    let code = cli::main(cli);
    // Exit as soon as the result is known: the wizard has restored the terminal already, and
    // freeing the loaded guides would only cost time (P8). Output still buffered goes first;
    // a reader that has gone away is not an error worth reporting.
    let _ = std::io::stdout().flush();
    std::process::exit(i32::from(code));
}

/// `tshoot list | head` must end like any Unix filter, silently, when the reader goes away. Rust
/// ignores SIGPIPE, so every `println!` would panic on EPIPE instead; restoring the default action
/// covers every print of every command at once (the shell then reports status 141). The wizard
/// keeps Rust's default: it writes only to a terminal, and its own signal handling restores the
/// terminal before any exit.
fn end_quietly_on_a_closed_pipe() {
    // `register_conditional_default` runs SIGPIPE's default action (end the process) from its
    // handler: the same as SIG_DFL, without declaring libc's `signal` here.
    let _ =
        signal_hook::flag::register_conditional_default(SIGPIPE, Arc::new(AtomicBool::new(true)));
}
