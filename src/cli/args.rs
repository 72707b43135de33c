//! The command line, as clap types: the public surface of tshoot.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};

pub use crate::graph::GraphFormat;
pub use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "tshoot",
    version,
    about = "Walk through a troubleshooting guide one question at a time, and keep a record of every answer.",
    after_help = "Examples:\n  tshoot                      open the wizard and pick a guide\n  tshoot run aadsts51006      start the AADSTS51006 guide\n  tshoot list                 show the guides that are loaded"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct Global {
    /// Another folder of guides (repeatable); a guide there replaces a bundled one with the same id.
    #[arg(long = "guides", value_name = "DIR", global = true)]
    pub guides: Vec<PathBuf>,
    /// Folder for sessions [default: $XDG_STATE_HOME/tshoot or ~/.local/state/tshoot]
    #[arg(long, value_name = "DIR", global = true, env = "TSHOOT_STATE_DIR")]
    pub state_dir: Option<PathBuf>,
    /// Draw with ASCII only: no box-drawing or other non-ASCII glyphs.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Show why each question is asked, for learning the diagnostic flow.
    #[arg(long, global = true)]
    pub learn: bool,
    /// Technician name recorded in the session [default: the login name]
    #[arg(long, value_name = "NAME", global = true)]
    pub tech: Option<String>,
    /// Ticket reference recorded in the session and its reports.
    #[arg(long, value_name = "REF", global = true)]
    pub ticket: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a guide: the wizard, or a headless walk with --answers.
    #[command(
        after_help = "Examples:\n  tshoot run aadsts51006\n  tshoot run aadsts51006 --answers answers.yaml\n  tshoot run ./my-guide.yaml"
    )]
    Run(RunArgs),
    /// List the guides found: id, title, error codes, node count.
    #[command(after_help = "Example:\n  tshoot list --guides ./more-guides")]
    List,
    /// Check guides; print problems as file:line:column and exit 1 if any is an error.
    #[command(
        after_help = "Examples:\n  tshoot validate                 every loaded guide\n  tshoot validate guides/ my.yaml files and folders"
    )]
    Validate {
        /// Guide files or folders [default: every loaded guide].
        paths: Vec<PathBuf>,
    },
    /// Print the guide's tree as Mermaid or Graphviz DOT.
    #[command(
        after_help = "Examples:\n  tshoot graph aadsts51006 --format dot | dot -Tsvg > tree.svg\n  tshoot graph aadsts51006 --format mermaid\n  tshoot graph aadsts51006 --session 20261126-193502-aadsts51006"
    )]
    Graph {
        /// Guide id or path to a guide file.
        guide: String,
        /// How to draw the tree.
        #[arg(long, default_value = GraphFormat::ALL[0].name(), value_parser = one_of(&GraphFormat::ALL, GraphFormat::name))]
        format: GraphFormat,
        /// Mark the path this saved session took (an id from `tshoot sessions`).
        #[arg(long, value_name = "ID")]
        session: Option<String>,
    },
    /// List saved sessions, newest first: id, guide, technician, ticket, started, status, step.
    #[command(after_help = "Example:\n  tshoot sessions --state-dir /tmp/tshoot-state")]
    Sessions,
    /// Continue a saved session [default: the newest unfinished one].
    #[command(
        after_help = "Examples:\n  tshoot resume\n  tshoot resume 20261126-193502-aadsts51006-3f2a\n  tshoot resume 20261126-193502 --answers rest.yaml   continue headless"
    )]
    Resume {
        /// Session id from `tshoot sessions` (or a unique start of one).
        id: Option<String>,
        /// Continue without the wizard, taking the remaining answers from this YAML file.
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
        /// Attach evidence (dsregcmd, klist, a token, a HAR, ...) saved in this file; repeatable.
        #[arg(long, value_name = "FILE")]
        evidence: Vec<PathBuf>,
    },
    /// Write a session's report as Markdown, JSON or HTML.
    #[command(
        after_help = "Examples:\n  tshoot report 20261126-193502-aadsts51006-3f2a --format md\n  tshoot report 20261126-193502-aadsts51006-3f2a --format html -o report.html\n  tshoot report 20261126-193502 --format json --redact   masks people too"
    )]
    Report(ReportArgs),
    /// Show what tshoot reads in evidence files: the kind, and every fact with its source line.
    #[command(
        after_help = "Examples:\n  tshoot evidence dsregcmd.txt klist.txt\n  tshoot evidence trace.har --json\n  tshoot evidence --facts          every fact a guide can read"
    )]
    Evidence {
        /// Files holding pasted output, a token, a HAR or a sign-in log download.
        #[arg(required_unless_present = "facts")]
        files: Vec<PathBuf>,
        /// Print JSON, for tools.
        #[arg(long)]
        json: bool,
        /// List every fact the readers set, with its meaning, instead of reading files.
        #[arg(long)]
        facts: bool,
    },
    /// Run scenario files (answers and the resolution they must reach); exit 1 if one fails.
    #[command(after_help = "Example:\n  tshoot test tests/scenarios/")]
    Test {
        /// Scenario files or folders (searched recursively for *.yaml).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print a saved session as a scenario file: its answers, notes, access and resolution.
    #[command(
        after_help = "Example:\n  tshoot scenario 20261126-193502 > tests/scenarios/field-case.yaml   then: tshoot test tests/scenarios"
    )]
    Scenario {
        /// Session id from `tshoot sessions` (or a unique start of one).
        id: String,
    },
    /// Print an answers file to fill in: every question's id, its prompt, and the values it takes.
    #[command(
        after_help = "Example:\n  tshoot template aadsts51006 > answers.yaml   then: tshoot run aadsts51006 --answers answers.yaml"
    )]
    Template {
        /// Guide id (see `tshoot list`) or path to a guide file.
        guide: String,
    },
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Guide id (see `tshoot list`) or path to a guide file.
    pub guide: String,
    /// Walk without the wizard, taking answers from this YAML file (node id: answer).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Attach evidence (dsregcmd, klist, a token, a HAR, ...) saved in this file; repeatable.
    /// Questions it settles are answered by it (an --answers entry wins, with a warning).
    #[arg(long, value_name = "FILE")]
    pub evidence: Vec<PathBuf>,
    /// What you can check, as the guide's access ids (comma-separated, e.g. pc,browser);
    /// checks needing other access are not asked and stay open for their owner.
    /// [default: everything]
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub access: Option<Vec<String>>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Session id from `tshoot sessions`.
    pub id: String,
    /// The report's format (text: plain, for a ticket's work notes).
    #[arg(long, default_value = Format::KNOWN[0].name(), value_parser = one_of(&Format::KNOWN, Format::name))]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Also mask user names and e-mail addresses, for reports leaving the organisation.
    #[arg(long)]
    pub redact: bool,
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
