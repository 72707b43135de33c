//! Validates every `guides/*.yaml` at build time (a broken guide fails the build with its
//! file:line:column problems) and embeds each pre-parsed, so neither the picker nor `run` parses
//! YAML for the bundled guides: the picker reads their headers from constants, and a walk reads
//! the guide from JSON.
//!
//! The guide layer imports nothing of the project but the text module, so the build script
//! compiles those two modules as they are.

// A build script talks to cargo through stdout (`cargo:` lines); the guide layer it compiles is
// used only in part here.
#![allow(dead_code, unused_imports, clippy::disallowed_macros)]

use std::env;
use std::fs;
use std::path::Path;

#[path = "src/text.rs"]
mod text;

#[path = "src/guide/mod.rs"]
mod guide;

/// The catalog names the generated list; while the list is being made it is empty.
mod bundled {
    pub const BUNDLED: &[crate::guide::Bundled] = &[];
}

fn main() {
    println!("cargo:rerun-if-changed=guides");
    println!("cargo:rerun-if-changed=src/guide");
    println!("cargo:rerun-if-changed=src/text.rs");
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let dir = Path::new(&root).join("guides");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from(
        "/// Every guide in `guides/`, validated when tshoot was built.\npub const BUNDLED: &[crate::guide::Bundled] = &[\n",
    );
    let mut broken = Vec::new();
    // Each guide's node ids, and every continuation, to check that each leads somewhere.
    let mut library: Vec<(String, Vec<String>)> = Vec::new();
    let mut continuations: Vec<(String, String, String, Option<String>)> = Vec::new();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("guide names are UTF-8");
        let bytes = fs::read(&path).expect("a bundled guide is readable");
        let shown = format!("guides/{name}");
        let valid = guide::load(&shown, &bytes)
            .map(|mut loaded| {
                guide::merge_parts(&mut loaded, &path, &guide::Disk);
                loaded
            })
            .map_err(|p| vec![p])
            .and_then(guide::validate);
        let valid = match valid {
            Ok(valid) => valid,
            Err(problems) => {
                broken.extend(problems.iter().map(ToString::to_string));
                continue;
            }
        };
        let g = valid.guide();
        library.push((
            g.id.clone(),
            g.nodes.iter().map(|n| n.id.to_string()).collect(),
        ));
        for node in &g.nodes {
            if let Some(c) = node.continue_in() {
                continuations.push((
                    format!("guides/{name}"),
                    node.id.to_string(),
                    c.guide.clone(),
                    c.at.clone(),
                ));
            }
        }
        let json = serde_json::to_string(g).expect("a guide serializes");
        let json_path = Path::new(&out_dir).join(format!("{name}.json"));
        fs::write(&json_path, json).expect("OUT_DIR is writable");
        out.push_str(&format!(
            "    crate::guide::Bundled {{\n        name: {name:?},\n        json: include_str!({:?}),\n        hash: {:?},\n        id: {:?},\n        title: {:?},\n        version: {:?},\n        summary: {:?},\n        error_codes: &{:?},\n        area: {:?},\n        fallback: {},\n        nodes: {},\n    }},\n",
            json_path.display().to_string(),
            valid.hash(),
            g.id,
            g.title,
            g.version,
            g.summary,
            g.error_codes,
            g.area.as_deref().unwrap_or(""),
            g.fallback,
            g.nodes.len(),
        ));
    }
    for (file, node, target, at) in &continuations {
        match library.iter().find(|(id, _)| id == target) {
            None => broken.push(format!(
                "{file}: resolution '{node}' continues in guide '{target}', which is not bundled"
            )),
            Some((_, nodes)) => {
                if let Some(at) = at.as_ref().filter(|at| !nodes.contains(at)) {
                    broken.push(format!(
                        "{file}: resolution '{node}' continues at '{at}', which is not a node of guide '{target}'"
                    ));
                }
            }
        }
    }
    if !broken.is_empty() {
        for line in &broken {
            println!("cargo:warning={line}");
        }
        panic!("a bundled guide is invalid:\n{}", broken.join("\n"));
    }
    out.push_str("];\n");
    fs::write(Path::new(&out_dir).join("bundled_guides.rs"), out).expect("OUT_DIR is writable");
}
