//! Cargo.toml keeps its promises: `rust-version` is true (no locked dependency needs a newer Rust
//! than it says; the code's own use of std is held to it by clippy's `incompatible_msrv` lint),
//! and the release profile builds the small binary.

use serde_json::Value;

/// `1.88` or `1.88.0` as comparable numbers.
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let mut next = || parts.next().unwrap_or(0);
    (next(), next(), next())
}

/// `cargo metadata` of the locked graph for this machine's platform, without the network (the
/// build has fetched every crate it reads; other platforms' crates may not be there).
fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let host = std::process::Command::new(&cargo)
        .args(["-vV"])
        .output()
        .expect("cargo -vV runs");
    let host = String::from_utf8_lossy(&host.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
        .expect("cargo names the host");
    let out = std::process::Command::new(&cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

#[test]
fn no_locked_dependency_needs_a_newer_rust_than_rust_version_declares() {
    let meta = metadata();
    let packages = meta["packages"].as_array().expect("packages");
    let ours = packages
        .iter()
        .find(|p| p["name"] == "tshoot")
        .and_then(|p| p["rust_version"].as_str())
        .expect("Cargo.toml declares rust-version");
    let newer: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let needs = p["rust_version"].as_str()?;
            (version(needs) > version(ours)).then(|| {
                format!(
                    "{} {} needs {needs}",
                    p["name"].as_str().unwrap_or("?"),
                    p["version"].as_str().unwrap_or("?")
                )
            })
        })
        .collect();
    assert!(
        newer.is_empty(),
        "rust-version is {ours}, but:\n{}",
        newer.join("\n")
    );
}

/// The `key = value` lines of one `[section]` of Cargo.toml.
fn section(manifest: &str, name: &str) -> Vec<(String, String)> {
    let header = format!("[{name}]");
    manifest
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

#[test]
fn the_release_binary_is_stripped_and_built_with_fat_lto_in_one_unit() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .expect("Cargo.toml");
    let release = section(&manifest, "profile.release");
    for (key, value) in [
        ("strip", "true"),
        ("lto", "\"fat\""),
        ("codegen-units", "1"),
    ] {
        assert!(
            release.iter().any(|(k, v)| k == key && v == value),
            "[profile.release] should set {key} = {value}; it has {release:?}"
        );
    }
    // Nothing unwinds: the panic hooks restore the terminal before the process ends, and every
    // answer is on disk before the next frame, so unwinding would only cost code to map.
    assert!(
        release
            .iter()
            .any(|(k, v)| k == "panic" && v == "\"abort\""),
        "[profile.release] should set panic = \"abort\"; it has {release:?}"
    );
    let terminal =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/tui/terminal.rs"))
            .expect("terminal.rs");
    assert!(
        terminal.contains("std::panic::set_hook") && terminal.contains("ratatui::restore()"),
        "a panic hook restores the terminal"
    );
}
