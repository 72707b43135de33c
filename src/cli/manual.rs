//! What the command line says about itself: shell completions, the man page and the version,
//! all generated from the clap definitions so they cannot drift from the real options (E9, E10).

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::args::Cli;
use super::out;
use crate::guide::BUNDLED;

/// The completion script for `shell`, on stdout.
pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "tshoot", &mut script);
    // Scripts are ASCII from clap's own text; the lossy read only guards the type.
    out::text(String::from_utf8_lossy(&script).into_owned());
    0
}

/// The manual page, as roff, on stdout: one page with every subcommand in it.
pub fn man() -> Result<u8> {
    let mut command = Cli::command();
    // Built, each subcommand knows its full name (`tshoot run`) for its synopsis.
    command.build();
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut page)
        .and_then(|()| man.render_name_section(&mut page))
        .and_then(|()| man.render_synopsis_section(&mut page))
        .and_then(|()| man.render_description_section(&mut page))
        .and_then(|()| man.render_options_section(&mut page))
        .context("writing the manual page")?;
    // Each subcommand gets a section of its own, with its options, so `man tshoot` is complete.
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name().to_string();
        page.extend_from_slice(format!(".SH \"TSHOOT {}\"\n", name.to_uppercase()).as_bytes());
        let sub_man = clap_mangen::Man::new(sub.clone());
        let mut body = Vec::new();
        sub_man
            .render_synopsis_section(&mut body)
            .and_then(|()| sub_man.render_options_section(&mut body))
            .context("writing the manual page")?;
        // One level down (`.SS` rather than `.SH`), so they sit under the subcommand's heading.
        let body = String::from_utf8_lossy(&body).replace("\n.SH ", "\n.SS ");
        let body = body
            .strip_prefix(".SH ")
            .map_or(body.clone(), |rest| format!(".SS {rest}"));
        page.extend_from_slice(body.as_bytes());
    }
    man.render_extra_section(&mut page)
        .and_then(|()| man.render_version_section(&mut page))
        .context("writing the manual page")?;
    out::text(once_preamble(&String::from_utf8_lossy(&page)));
    Ok(0)
}

/// The page with clap_mangen's quote-string preamble kept once: each section it renders repeats it.
fn once_preamble(page: &str) -> String {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    match page.split_once(PREAMBLE) {
        Some((before, after)) => format!("{before}{PREAMBLE}{}", after.replace(PREAMBLE, "")),
        None => page.to_string(),
    }
}

/// The help of `tshoot` or of the command named by `path` (`["run"]`), on stdout.
pub fn help(path: &[String]) -> Result<u8> {
    let mut command = Cli::command();
    command.build();
    let mut current = &mut command;
    for name in path {
        let known: Vec<String> = current
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        current = match current.find_subcommand_mut(name) {
            Some(sub) => sub,
            None => anyhow::bail!(
                "no command '{name}'; the commands are: {}",
                known.join(", ")
            ),
        };
    }
    out::text(current.render_long_help().to_string());
    Ok(0)
}

/// `tshoot 0.1.0`, and with `verbose` the build's details and every bundled guide.
pub fn version(verbose: bool) -> u8 {
    out::line(format!("tshoot {}", env!("CARGO_PKG_VERSION")));
    if verbose {
        out::line(format!("rust-version: {}", env!("CARGO_PKG_RUST_VERSION")));
        out::line(format!(
            "platform: {}-{}",
            std::env::consts::ARCH,
            std::env::consts::OS
        ));
        out::line("bundled guides:");
        for guide in BUNDLED {
            out::line(format!(
                "  {} {} ({} nodes)",
                guide.id, guide.version, guide.nodes
            ));
        }
    }
    0
}
