//! The guide's tree as Mermaid or Graphviz DOT, optionally marking the path a session took.

use std::collections::HashSet;
use std::fmt::Write;

use crate::guide::model::{Node, NodeKind, Route};
use crate::guide::ValidGuide;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

struct Edge<'a> {
    from: &'a str,
    to: &'a str,
    label: String,
}

fn route_edges<'a>(from: &'a str, label: &str, route: &'a Route, out: &mut Vec<Edge<'a>>) {
    match route {
        Route::Goto(to) => out.push(Edge {
            from,
            to,
            label: label.to_string(),
        }),
        Route::Rules(rules) => {
            for rule in rules {
                let cond = match &rule.when {
                    Some(w) => format!("if {w}"),
                    None => "otherwise".to_string(),
                };
                let label = if label.is_empty() {
                    cond
                } else {
                    format!("{label}: {cond}")
                };
                out.push(Edge {
                    from,
                    to: &rule.goto,
                    label,
                });
            }
        }
    }
}

fn edges(node: &Node) -> Vec<Edge<'_>> {
    let mut out = Vec::new();
    for exit in node.exits() {
        if let Some(route) = exit.route {
            route_edges(&node.id, exit.label, route, &mut out);
        }
    }
    out
}

fn short(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        format!("{}...", one_line.chars().take(max - 3).collect::<String>())
    }
}

fn node_label(node: &Node) -> String {
    match node.kind {
        NodeKind::Resolution => {
            let outcome = node.outcome.map_or("?", |o| o.name());
            format!("[{outcome}] {}", short(node.label(), 60))
        }
        _ => short(node.label(), 60),
    }
}

/// `path` lists node ids a session visited; their nodes and the edges between them are marked.
pub fn render(guide: &ValidGuide, format: GraphFormat, path: &[String]) -> String {
    let visited: HashSet<&str> = path.iter().map(String::as_str).collect();
    let taken: HashSet<(&str, &str)> = path
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect();
    match format {
        GraphFormat::Dot => dot(guide, &visited, &taken),
        GraphFormat::Mermaid => mermaid(guide, &visited, &taken),
    }
}

fn dot_escape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

fn dot(guide: &ValidGuide, visited: &HashSet<&str>, taken: &HashSet<(&str, &str)>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(guide.id()));
    let _ = writeln!(
        out,
        "  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\"];"
    );
    for node in &guide.guide().nodes {
        let shape = match node.kind {
            NodeKind::Resolution => ", shape=doubleoctagon",
            NodeKind::Confirm | NodeKind::Choice => ", shape=diamond",
            _ => "",
        };
        let mark = if visited.contains(node.id.as_str()) {
            ", style=filled, fillcolor=\"#ffe08a\", penwidth=2"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\"{shape}{mark}];",
            dot_escape(&node.id),
            dot_escape(&node_label(node))
        );
    }
    for node in &guide.guide().nodes {
        for e in edges(node) {
            let mark = if taken.contains(&(e.from, e.to)) {
                ", penwidth=3, color=\"#c05000\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\"{mark}];",
                dot_escape(e.from),
                dot_escape(e.to),
                dot_escape(&short(&e.label, 40))
            );
        }
    }
    out.push_str("}\n");
    out
}

fn mermaid_escape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '"' => "#quot;".to_string(),
            '<' => "#lt;".to_string(),
            '>' => "#gt;".to_string(),
            '|' => "#124;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn mermaid(guide: &ValidGuide, visited: &HashSet<&str>, taken: &HashSet<(&str, &str)>) -> String {
    let mut out = String::from("flowchart TD\n");
    for node in &guide.guide().nodes {
        let label = mermaid_escape(&node_label(node));
        let shape = match node.kind {
            NodeKind::Resolution => format!("{}([\"{label}\"])", node.id),
            NodeKind::Confirm | NodeKind::Choice => format!("{}{{\"{label}\"}}", node.id),
            _ => format!("{}[\"{label}\"]", node.id),
        };
        let _ = writeln!(out, "  {shape}");
    }
    let mut link = 0;
    let mut taken_links = Vec::new();
    for node in &guide.guide().nodes {
        for e in edges(node) {
            if e.label.is_empty() {
                let _ = writeln!(out, "  {} --> {}", e.from, e.to);
            } else {
                let _ = writeln!(
                    out,
                    "  {} -->|\"{}\"| {}",
                    e.from,
                    mermaid_escape(&short(&e.label, 40)),
                    e.to
                );
            }
            if taken.contains(&(e.from, e.to)) {
                taken_links.push(link.to_string());
            }
            link += 1;
        }
    }
    if !visited.is_empty() {
        let _ = writeln!(
            out,
            "  classDef visited fill:#ffe08a,stroke:#c05000,stroke-width:2px"
        );
        let ids: Vec<&str> = guide
            .guide()
            .nodes
            .iter()
            .map(|n| n.id.as_str())
            .filter(|id| visited.contains(id))
            .collect();
        let _ = writeln!(out, "  class {} visited", ids.join(","));
    }
    if !taken_links.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:#c05000,stroke-width:3px",
            taken_links.join(",")
        );
    }
    out
}
