//! Running the real binary in a state folder of its own: the command, its output, answers
//! files beside the sessions, and the one session a walk left.

use std::path::PathBuf;

use assert_cmd::Command;

pub struct Run {
    state: tempfile::TempDir,
}

impl Run {
    pub fn new() -> Run {
        Run {
            state: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn tshoot(&self) -> Command {
        let mut cmd = Command::cargo_bin("tshoot").expect("binary is built");
        cmd.env("TSHOOT_STATE_DIR", self.state.path())
            .env("NO_COLOR", "1")
            .env("TSHOOT_TECH", "sam")
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        cmd
    }

    /// Runs tshoot with the arguments `build` gives it.
    pub fn out(&self, build: impl FnOnce(&mut Command) -> &mut Command) -> std::process::Output {
        build(&mut self.tshoot()).output().expect("runs")
    }

    /// Writes an answers (or scenario) file beside the sessions.
    pub fn answers(&self, name: &str, text: &str) -> PathBuf {
        let path = self.state.path().join(name);
        std::fs::write(&path, text).expect("writes");
        path
    }

    /// The id of the one session in the state folder.
    pub fn session_id(&self) -> String {
        let dir = self.state.path().join("sessions");
        let mut ids: Vec<String> = std::fs::read_dir(&dir)
            .expect("sessions folder")
            .filter_map(|e| {
                let name = e.ok()?.file_name().to_string_lossy().to_string();
                name.strip_suffix(".json").map(str::to_string)
            })
            .collect();
        ids.sort();
        assert_eq!(ids.len(), 1, "one session for the whole walk: {ids:?}");
        ids.remove(0)
    }
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}
