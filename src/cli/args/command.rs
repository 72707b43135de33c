//! The commands tshoot takes, one variant each with its options and help, and the arguments
//! of `run`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{one_of, GraphFormat, ReportArgs, SessionsAction};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a guide: the wizard, or a headless walk with --answers.
    #[command(
        after_help = "Examples:\n  tshoot run aadsts51006\n  tshoot run aadsts51006 --answers answers.yaml\n  tshoot run ./my-guide.yaml"
    )]
    Run(RunArgs),
    /// List the guides found: id, title, error codes, node count.
    #[command(
        after_help = "Examples:\n  tshoot list --guides ./more-guides\n  tshoot list --json"
    )]
    List {
        /// Print JSON, for tools (shape: docs/commands-json.md).
        #[arg(long)]
        json: bool,
        /// Only the guides for this error code (AADSTS50126 or 50126), or whose title or
        /// summary holds this text.
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
    },
    /// Check guides; print problems as file:line:column and exit 1 if any is an error.
    #[command(
        after_help = "Examples:\n  tshoot validate                 every loaded guide\n  tshoot validate guides/ my.yaml files and folders"
    )]
    Validate {
        /// Guide files or folders [default: every loaded guide].
        paths: Vec<PathBuf>,
        /// Also run these scenario files or folders, and warn on each question no scenario asks.
        #[arg(long, value_name = "PATH", num_args = 1..)]
        scenarios: Vec<PathBuf>,
        /// Print the problems as JSON, for tools and editors (shape: docs/commands-json.md).
        #[arg(long)]
        json: bool,
    },
    /// Print the guide's tree as Mermaid or Graphviz DOT.
    #[command(
        after_help = "Examples:\n  tshoot graph aadsts51006 --format dot | dot -Tsvg > tree.svg\n  tshoot graph aadsts51006 --format mermaid\n  tshoot graph aadsts51006 --session 20261126-193502-aadsts51006"
    )]
    Graph {
        /// Guide id or path to a guide file.
        guide: String,
        /// How to draw the tree: Mermaid (for Markdown) or Graphviz DOT.
        #[arg(long, default_value = GraphFormat::ALL[0].name(), value_parser = one_of(&GraphFormat::ALL, GraphFormat::name))]
        format: GraphFormat,
        /// Mark the path this saved session took (an id from `tshoot sessions`).
        #[arg(long, value_name = "ID")]
        session: Option<String>,
    },
    /// List saved sessions, newest first (id, status, age, ticket, step); close, remove or prune them.
    #[command(
        after_help = "Examples:\n  tshoot sessions                          list them\n  tshoot sessions close 20261126-193502    kept for its report, not offered\n  tshoot sessions rm 20261126-193502       removed with its reports\n  tshoot sessions prune --older-than 30d   remove those untouched 30 days\n  tshoot sessions --json                   the list, for tools"
    )]
    Sessions {
        #[command(subcommand)]
        action: Option<SessionsAction>,
        /// Print the list as JSON, for tools (shape: docs/commands-json.md).
        #[arg(long)]
        json: bool,
    },
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
    /// Write a session's report as Markdown, JSON, HTML, plain text or Jira markup.
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
    #[command(
        after_help = "Examples:\n  tshoot test tests/scenarios/\n  tshoot test tests/scenarios/ --json"
    )]
    Test {
        /// Scenario files or folders (searched recursively for *.yaml).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print each scenario's result and the coverage as JSON (shape: docs/commands-json.md).
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script for tshoot.
    #[command(
        after_help = "Examples:\n  tshoot completions bash > ~/.local/share/bash-completion/completions/tshoot\n  tshoot completions zsh > ~/.zfunc/_tshoot\n  tshoot completions fish > ~/.config/fish/completions/tshoot.fish"
    )]
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) for tshoot.
    #[command(after_help = "Example:\n  tshoot man > tshoot.1 && man ./tshoot.1")]
    Man,
    /// Print the help of tshoot or of one of its commands.
    #[command(after_help = "Examples:\n  tshoot help\n  tshoot help run")]
    Help {
        /// The command whose help to print (e.g. run) [default: tshoot's own].
        command: Vec<String>,
    },
    /// Print the version; --verbose adds the bundled guides and their versions.
    #[command(after_help = "Example:\n  tshoot version --verbose")]
    Version {
        /// Also list the bundled guides (id and version) and the build's details.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Play a practice case as a trainee, then read the debrief; --progress shows past results.
    #[command(
        after_help = "Examples:\n  tshoot practice                       pick a bundled case\n  tshoot practice --case my-case.yaml\n  tshoot practice --progress\n  tshoot practice --check cases/*.yaml  validate case files"
    )]
    Practice {
        /// Guide id whose cases to offer [default: aadsts51006].
        guide: Option<String>,
        /// Play this case file instead of choosing a bundled one.
        #[arg(long, value_name = "FILE")]
        case: Option<PathBuf>,
        /// Whose results these are [default: --tech, TSHOOT_TECH, the login name].
        #[arg(long, value_name = "NAME")]
        trainee: Option<String>,
        /// Show the trainee's results so far instead of playing.
        #[arg(long)]
        progress: bool,
        /// Validate these case files (their answers must reach their stated cause).
        #[arg(long, value_name = "FILE", num_args = 1..)]
        check: Vec<PathBuf>,
    },
    /// What the saved sessions (or a folder of JSON reports) add up to, per guide.
    #[command(
        after_help = "Examples:\n  tshoot stats\n  tshoot stats --reports ./collected-reports --json"
    )]
    Stats {
        /// Count the JSON reports in this folder instead of the saved sessions.
        #[arg(long, value_name = "DIR")]
        reports: Option<PathBuf>,
        /// Print JSON, for tools.
        #[arg(long)]
        json: bool,
        /// How many rows each list shows.
        #[arg(long, value_name = "N", default_value_t = 5)]
        top: usize,
    },
    /// Print a saved session as a scenario file: its answers, notes, access and resolution.
    #[command(
        after_help = "Example:\n  tshoot scenario 20261126-193502 > tests/scenarios/field-case.yaml\n  tshoot test tests/scenarios"
    )]
    Scenario {
        /// Session id from `tshoot sessions` (or a unique start of one).
        id: String,
    },
    /// Print an answers file to fill in: every question's id, its prompt, and the values it takes.
    #[command(
        after_help = "Example:\n  tshoot template aadsts51006 > answers.yaml\n  tshoot run aadsts51006 --answers answers.yaml"
    )]
    Template {
        /// Guide id (see `tshoot list`) or path to a guide file.
        guide: String,
    },
    /// Print the guide as an outline for trainees: sections, questions, where each answer leads.
    #[command(
        after_help = "Examples:\n  tshoot map aadsts51006\n  tshoot map aadsts51006 --session 20261126-193502   mark the path it took\n\nMarkers: > you are here, * walked, - not taken; => a resolution and its outcome."
    )]
    Map {
        /// Guide id (see `tshoot list`) or path to a guide file.
        guide: String,
        /// Mark the path this saved session took (an id from `tshoot sessions`).
        #[arg(long, value_name = "ID")]
        session: Option<String>,
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
    /// Open the walk at this node instead of the guide's first question: to try one branch
    /// of a guide being written, or to drill one section.
    #[arg(long, value_name = "NODE")]
    pub from: Option<String>,
}
