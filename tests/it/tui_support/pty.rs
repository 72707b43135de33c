//! The real binary in a pseudo-terminal, for tests: start it with chosen terminal variables,
//! send keys and signals, and read the screen and the raw bytes it wrote.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

pub const WAIT: Duration = Duration::from_secs(30);

pub struct Session {
    _master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    _state: tempfile::TempDir,
}

impl Session {
    /// A colour terminal with a UTF-8 locale, whatever the test runner's own environment says.
    pub fn start() -> Session {
        Session::start_with(&[("TERM", "xterm-256color"), ("LANG", "C.UTF-8")])
    }

    /// The wizard with these terminal variables (the locale ones not named are removed).
    pub fn start_with(terminal: &[(&str, &str)]) -> Session {
        let state = tempfile::tempdir().expect("temp dir");
        Session::start_in(state, terminal, &[])
    }

    /// The wizard on the sessions in `state`, with these terminal variables and arguments.
    pub fn start_in(state: tempfile::TempDir, terminal: &[(&str, &str)], args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tshoot"));
        cmd.arg("--state-dir");
        cmd.arg(state.path());
        cmd.arg("--guides");
        cmd.arg(crate::tui_support::fixtures());
        // Inside tmux a copy is wrapped for it; these tests read the plain sequence.
        for name in [
            "LC_ALL",
            "LC_CTYPE",
            "LANG",
            "NO_COLOR",
            "TSHOOT_STATE_DIR",
            "TMUX",
        ] {
            cmd.env_remove(name);
        }
        for (name, value) in terminal {
            cmd.env(name, value);
        }
        for arg in args {
            cmd.arg(arg);
        }
        let child = pty.slave.spawn_command(cmd).expect("tshoot starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .expect("output lock")
                    .extend_from_slice(&buf[..n]);
            }
        });
        Session {
            _master: pty.master,
            child,
            writer,
            output,
            _state: state,
        }
    }

    /// The state folder the wizard keeps its sessions in.
    pub fn state_dir(&self) -> &std::path::Path {
        self._state.path()
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().expect("output lock").clone()
    }

    pub fn screen(&self) -> String {
        self.screen_since(0)
    }

    /// The screen as drawn by the output from `offset` on alone: shows what a redraw drew.
    pub fn screen_since(&self, offset: usize) -> String {
        let mut parser = vt100::Parser::new(24, 80, 0);
        parser.process(&self.bytes()[offset..]);
        parser.screen().contents()
    }

    /// Polls the screen until it shows `text`; fails with the screen after a generous wait.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("'{text}' never appeared; the screen:\n{}", self.screen());
    }

    /// Polls the screen until it no longer shows `text` (an overlay closed).
    pub fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if !self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("'{text}' never went away; the screen:\n{}", self.screen());
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("tshoot did not exit; the screen:\n{}", self.screen());
    }

    /// Waits until the output ends with the alternate screen left (the reader may lag the exit).
    pub fn left_alternate_screen(&self) -> bool {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if contains(&self.bytes(), b"\x1b[?1049l") {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Sends a signal by name, the way a technician's `kill` would.
    pub fn signal(&self, name: &str) {
        let sent = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -{name} failed");
    }

    /// Polls until the output satisfies `test`; fails with what was written after a generous wait.
    pub fn wait_output(&self, what: &str, test: impl Fn(&[u8]) -> bool) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if test(&self.bytes()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let bytes = self.bytes();
        let tail = &bytes[bytes.len().saturating_sub(200)..];
        panic!(
            "never {what}; the output ends with {:?}",
            String::from_utf8_lossy(tail)
        );
    }

    /// Polls /proc until the process is stopped (state `T`), as `waitpid(WUNTRACED)` would see.
    pub fn wait_stopped(&self) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if process_state(self.pid()) == Some('T') {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("tshoot never stopped; the screen:\n{}", self.screen());
    }
}

impl Drop for Session {
    /// A test that fails while tshoot is stopped must not leave it behind.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &self.pid().to_string()])
                .status();
        }
    }
}

/// The state letter of `/proc/PID/stat` (after the command name, which may hold spaces).
pub fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(") ")?.1.chars().next()
}

/// The output after the alternate screen was last entered.
pub fn since_last_enter(bytes: &[u8]) -> &[u8] {
    let enter = b"\x1b[?1049h";
    let at = bytes
        .windows(enter.len())
        .rposition(|w| w == enter)
        .map_or(0, |i| i + enter.len());
    &bytes[at..]
}

/// Left the alternate screen and showed the cursor since the screen was last entered.
pub fn restored(bytes: &[u8]) -> bool {
    let tail = since_last_enter(bytes);
    contains(tail, b"\x1b[?1049l") && contains(tail, b"\x1b[?25h")
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
