//! The `tshoot` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    tshoot::cli::main(tshoot::cli::args::Cli::parse())
}
