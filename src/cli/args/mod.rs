//! The command line, as clap types: the public surface of tshoot.
//!
//! This module holds the top of it ([`Cli`] and the [`Global`] options); the commands are in
//! `command`, the session commands' arguments in `sessions`, and the quick read of the
//! wizard's own command line in `wizard_line`.

mod command;
mod sessions;
mod wizard_line;

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser};

pub use crate::graph::GraphFormat;
pub use crate::report::Format;
pub use command::{Command, RunArgs};
pub use sessions::{ReportArgs, SessionsAction};
pub use wizard_line::wizard_line;

#[derive(Debug, Parser)]
// clap's own `--version` and `help` are replaced by ours: `-vV` (as cargo spells it) adds the
// bundled guides, and `tshoot help --help` is help like any other (E9). Help keeps to 80 columns
// (wider terminals included) so that it reads the same on a technician's console.
#[command(
    name = "tshoot",
    version,
    disable_version_flag = true,
    disable_help_subcommand = true,
    max_term_width = 80,
    about = "Walk through a troubleshooting guide one question at a time, and keep a record of every answer.",
    after_help = "Examples:\n  tshoot                      open the wizard and pick a guide\n  tshoot run aadsts51006      start the AADSTS51006 guide\n  tshoot list                 show the guides that are loaded"
)]
pub struct Cli {
    /// Print the version; with -v (`-vV`) also the bundled guides and their versions.
    #[arg(short = 'V', long = "version")]
    pub version: bool,
    /// With -V: the verbose version.
    #[arg(short = 'v', requires = "version")]
    pub verbose: bool,
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes; shown under their own heading so each command's own options
/// stand out (E9).
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Another folder of guides (repeatable); a guide there replaces a bundled one with the same id.
    #[arg(long = "guides", value_name = "DIR", global = true)]
    pub guides: Vec<PathBuf>,
    /// Folder for sessions [env: TSHOOT_STATE_DIR] [default: $XDG_STATE_HOME/tshoot or
    /// ~/.local/state/tshoot]
    // Not clap's `env`: with the variable set, clap's usage line shows `--state-dir <DIR>` as if
    // it were required (E9). `cli::dispatch` reads the variable instead.
    #[arg(long, value_name = "DIR", global = true)]
    pub state_dir: Option<PathBuf>,
    /// Draw with ASCII only: no box-drawing or other non-ASCII glyphs.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Show why each question is asked, for learning the diagnostic flow.
    #[arg(long, global = true)]
    pub learn: bool,
    /// Ask as plain numbered lines on stdin/stdout, for screen readers and dumb terminals (also
    /// when TERM=dumb, or without a terminal).
    #[arg(long, global = true)]
    pub plain: bool,
    /// Technician name recorded in the session (for `report`: shown in that report only)
    /// [default: $TSHOOT_TECH, else the login name]
    #[arg(long, value_name = "NAME", global = true)]
    pub tech: Option<String>,
    /// Ticket reference recorded in the session and its reports (for `report`: shown in that
    /// report only; the session keeps its own).
    #[arg(long, value_name = "REF", global = true)]
    pub ticket: Option<String>,
}

/// Parses a value named in `all` by `name`: the core enum lists its variants and spells them once,
/// and clap shows the same spellings in the help and in its error for a bad value.
fn one_of<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(all.iter().map(|&v| name(v))).try_map(move |spelled| {
        all.iter()
            .copied()
            .find(|&v| name(v) == spelled)
            .ok_or("not one of the possible values")
    })
}
