//! The command line, as clap types: the public surface of tshoot.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};

pub use crate::graph::GraphFormat;
pub use crate::report::Format;

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

#[derive(Debug, Subcommand)]
pub enum SessionsAction {
    /// List saved sessions, newest first (the default).
    List,
    /// Mark sessions closed: kept with their reports, no longer offered by the picker or `resume`.
    Close {
        /// Session ids from `tshoot sessions` (or unique starts of them).
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Remove sessions and their reports.
    #[command(visible_alias = "remove")]
    Rm {
        /// Session ids from `tshoot sessions` (or unique starts of them).
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Remove every session not changed for longer than an age, with its reports.
    Prune {
        /// An age: a number and a unit, m (minutes), h (hours), d (days) or w (weeks), e.g. 30d.
        #[arg(long, value_name = "AGE", value_parser = parse_age)]
        older_than: time::Duration,
    },
}

/// `30d`, `12h`, `90m`, `2w`: how long a session may stay untouched.
pub fn parse_age(text: &str) -> Result<time::Duration, String> {
    let bad =
        || format!("'{text}' is not an age; give a number and a unit: m, h, d or w (e.g. 30d)");
    let text = text.trim();
    let unit = text.chars().last().ok_or_else(bad)?;
    let number: i64 = text[..text.len() - unit.len_utf8()]
        .parse()
        .map_err(|_| bad())?;
    if number < 0 {
        return Err(bad());
    }
    let minutes = match unit {
        'm' => 1,
        'h' => 60,
        'd' => 60 * 24,
        'w' => 60 * 24 * 7,
        _ => return Err(bad()),
    };
    number
        .checked_mul(minutes)
        .filter(|m| *m <= 60 * 24 * 365 * 1000)
        .map(time::Duration::minutes)
        .ok_or_else(bad)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_is_a_number_and_a_unit_and_anything_else_says_what_would_do() {
        assert_eq!(parse_age("30d"), Ok(time::Duration::days(30)));
        assert_eq!(parse_age("12h"), Ok(time::Duration::hours(12)));
        assert_eq!(parse_age("2w"), Ok(time::Duration::weeks(2)));
        assert_eq!(parse_age("90m"), Ok(time::Duration::minutes(90)));
        for bad in [
            "",
            "d",
            "30",
            "30x",
            "-1d",
            "3.5d",
            "99999999999999999d",
            "30é",
        ] {
            let err = parse_age(bad).expect_err(bad);
            assert!(err.contains("is not an age"), "{bad}: {err}");
        }
    }
}

/// The command lines that open the wizard (none but global options: the picker; `run GUIDE`
/// and global options: a walk), read without clap: building clap's parser for every command
/// costs a sixth of the first frame. Anything else (another command, an option of `run`, an
/// unknown or repeated option, a value clap would check) is `None`, and clap reads it as always.
pub fn wizard_line(args: &[std::ffi::OsString]) -> Option<Cli> {
    let mut global = Global::default();
    let mut run: Option<Option<String>> = None;
    let mut words = args.iter().skip(1);
    while let Some(word) = words.next() {
        let word = word.to_str()?;
        // `run`, then its guide: an id or a path, never an option.
        match &mut run {
            None if word == "run" => {
                run = Some(None);
                continue;
            }
            Some(guide @ None) if !word.starts_with('-') && !word.is_empty() => {
                *guide = Some(word.to_string());
                continue;
            }
            _ => {}
        }
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (word, None),
        };
        let mut value = || -> Option<String> {
            match &inline {
                Some(v) => Some(v.clone()),
                None => words.next()?.to_str().map(str::to_string),
            }
        };
        match name {
            "--ascii" if inline.is_none() => global.ascii = true,
            "--learn" if inline.is_none() => global.learn = true,
            "--plain" if inline.is_none() => global.plain = true,
            "--guides" => global
                .guides
                .push(PathBuf::from(value().filter(|v| !v.is_empty())?)),
            "--state-dir" if global.state_dir.is_none() => {
                global.state_dir = Some(PathBuf::from(value().filter(|v| !v.is_empty())?))
            }
            "--tech" if global.tech.is_none() => global.tech = Some(value()?),
            "--ticket" if global.ticket.is_none() => global.ticket = Some(value()?),
            _ => return None,
        }
    }
    let command = match run {
        None => None,
        Some(None) => return None,
        Some(Some(guide)) => Some(Command::Run(RunArgs {
            guide,
            answers: None,
            evidence: Vec::new(),
            access: None,
            from: None,
        })),
    };
    Some(Cli {
        version: false,
        verbose: false,
        global,
        command,
    })
}

#[cfg(test)]
mod wizard_line_tests {
    use super::*;
    use clap::Parser;

    fn argv(words: &[&str]) -> Vec<std::ffi::OsString> {
        std::iter::once("tshoot")
            .chain(words.iter().copied())
            .map(Into::into)
            .collect()
    }

    #[test]
    fn the_picker_command_line_reads_as_clap_reads_it() {
        for words in [
            &[][..],
            &["--state-dir", "/tmp/s"],
            &["--state-dir=/tmp/s", "--ascii"],
            &["--guides", "a", "--guides=b", "--learn", "--plain"],
            &["--tech", "sam", "--ticket", "INC-1"],
            &["--tech=-x"],
            &["run", "aadsts51006"],
            &["--state-dir", "/tmp/s", "run", "guides/x.yaml", "--ascii"],
            &["run", "demo", "--learn"],
        ] {
            let args = argv(words);
            let fast = wizard_line(&args).unwrap_or_else(|| panic!("{words:?} is the picker's"));
            let clap = Cli::try_parse_from(&args).expect("clap reads it");
            assert_eq!(format!("{fast:?}"), format!("{clap:?}"), "{words:?}");
        }
    }

    #[test]
    fn anything_else_is_left_to_clap() {
        for words in [
            &["list"][..],
            &["--help"],
            &["-V"],
            &["--state-dir"],
            &["--state-dir", "a", "--state-dir", "b"],
            &["--ascii=yes"],
            &["--bogus"],
            &["--", "run"],
            &["run"],
            &["run", "--help"],
            &["run", "a", "b"],
            &["run", "a", "--answers", "x.yaml"],
            &["run", "a", "run"],
            &["list", "run"],
        ] {
            assert!(wizard_line(&argv(words)).is_none(), "{words:?}");
        }
    }
}
