//! The wizard's own command lines read without clap, so the first frame comes sooner.

use std::path::PathBuf;

use super::{Cli, Command, Global, RunArgs};

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
mod tests {
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
