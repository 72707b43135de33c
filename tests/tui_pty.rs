//! The real binary in a pseudo-terminal: it starts, shows the picker, reaches a question, quits
//! (after confirming) and leaves the alternate screen; SIGTERM restores the terminal too.

mod tui_support;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

const WAIT: Duration = Duration::from_secs(30);

struct Session {
    _master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    _state: tempfile::TempDir,
}

impl Session {
    fn start() -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let state = tempfile::tempdir().expect("temp dir");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tshoot"));
        cmd.arg("--state-dir");
        cmd.arg(state.path());
        cmd.arg("--guides");
        cmd.arg(tui_support::fixtures());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("TSHOOT_STATE_DIR");
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

    fn bytes(&self) -> Vec<u8> {
        self.output.lock().expect("output lock").clone()
    }

    fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(24, 80, 0);
        parser.process(&self.bytes());
        parser.screen().contents()
    }

    /// Polls the screen until it shows `text`; fails with the screen after a generous wait.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("'{text}' never appeared; the screen:\n{}", self.screen());
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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
    fn left_alternate_screen(&self) -> bool {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if contains(&self.bytes(), b"\x1b[?1049l") {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn the_wizard_starts_reaches_a_question_quits_and_restores_the_terminal() {
    let mut s = Session::start();
    s.wait_for("pick a troubleshooting guide");
    assert!(
        contains(&s.bytes(), b"\x1b[?1049h"),
        "entered the alternate screen"
    );
    s.send("DEMO1234");
    s.wait_for("Guides and unfinished sessions (1)");
    s.send("\r");
    s.wait_for("Open the error page the user saw");
    s.send("\r");
    s.wait_for("Is the device on the corporate network or VPN right now?");
    s.send("q");
    s.wait_for("Quit tshoot?");
    s.send("y");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(s.left_alternate_screen(), "never left the alternate screen");
    assert!(
        contains(&s.bytes(), b"\x1b[?2004l"),
        "bracketed paste turned off"
    );
}

#[test]
fn sigterm_restores_the_terminal_and_exits_128_plus_15() {
    let mut s = Session::start();
    s.wait_for("pick a troubleshooting guide");
    let pid = s.child.process_id().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 143);
    assert!(s.left_alternate_screen(), "never left the alternate screen");
}
