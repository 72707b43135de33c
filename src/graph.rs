//! The guide's tree as Mermaid or Graphviz DOT, optionally marking the path a session took.

use std::collections::HashSet;
use std::fmt::Write;

use crate::engine::Answer;
use crate::guide::ValidGuide;
use crate::guide::{ExitKey, Node, NodeKind, Route};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

impl GraphFormat {
    /// Every format, in the order the command line lists them (the first is the default).
    pub const ALL: [GraphFormat; 2] = [GraphFormat::Mermaid, GraphFormat::Dot];

    /// The one spelling of the format, on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            GraphFormat::Mermaid => "mermaid",
            GraphFormat::Dot => "dot",
        }
    }
}

struct Edge<'a> {
    from: &'a str,
    to: &'a str,
    label: String,
    /// The answer (exit) of `from` the edge belongs to.
    key: ExitKey,
}

/// One step of a session's path: the node, and the exit its answer took (none for the last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    pub node: String,
    pub exit: Option<ExitKey>,
}

/// The exit of `node` an answer leaves by: its own branch for yes, no and can't check, the
/// option's for a choice, the node's `next` for the rest.
pub fn exit_of(node: &Node, answer: &Answer) -> Option<ExitKey> {
    Some(match answer {
        Answer::Yes => ExitKey::Yes,
        Answer::No => ExitKey::No,
        Answer::Unsure => ExitKey::Unsure,
        Answer::Choice(id) => ExitKey::Option(node.options.iter().position(|o| &o.id == id)?),
        Answer::Continue | Answer::Multi(_) | Answer::Text(_) => ExitKey::Next,
    })
}

fn route_edges<'a>(
    from: &'a str,
    key: ExitKey,
    label: &str,
    route: &'a Route,
    out: &mut Vec<Edge<'a>>,
) {
    match route {
        Route::Goto(to) => out.push(Edge {
            from,
            to,
            label: label.to_string(),
            key,
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
                    key,
                });
            }
        }
    }
}

fn edges(node: &Node) -> Vec<Edge<'_>> {
    let mut out = Vec::new();
    for exit in node.exits() {
        if let Some(route) = exit.route {
            route_edges(&node.id, exit.key, exit.label, route, &mut out);
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
        NodeKind::Resolution => match node.continue_in() {
            Some(c) => format!("[continues in {}] {}", c.guide, short(node.label(), 60)),
            None => {
                let outcome = node.outcome().map_or("?", |o| o.name());
                format!("[{outcome}] {}", short(node.label(), 60))
            }
        },
        _ => short(node.label(), 60),
    }
}

/// The nodes of one section (or of none), drawn together in a box of their own.
struct Group<'g> {
    section: Option<&'g str>,
    nodes: Vec<&'g Node>,
}

/// Nodes without a section first (not boxed), then each section in the guide's order, then any
/// section a node names that the guide does not list; nodes in file order within each.
fn by_section(guide: &ValidGuide) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = std::iter::once(None)
        .chain(guide.guide().sections.iter().map(|s| Some(s.id.as_str())))
        .map(|section| Group {
            section,
            nodes: Vec::new(),
        })
        .collect();
    for node in &guide.guide().nodes {
        let section = node.section.as_deref();
        match groups.iter_mut().find(|g| g.section == section) {
            Some(group) => group.nodes.push(node),
            None => groups.push(Group {
                section,
                nodes: vec![node],
            }),
        }
    }
    groups.retain(|g| !g.nodes.is_empty());
    groups
}

/// The edges a path took: from a step's node, by the exit its answer took, to the next step's
/// node. Only those are marked, not every edge between two visited nodes.
type Taken<'p> = HashSet<(&'p str, ExitKey, &'p str)>;

/// `path` lists the steps of a session; their nodes and the edges their answers took are marked.
pub fn render(guide: &ValidGuide, format: GraphFormat, path: &[PathStep]) -> String {
    let visited: HashSet<&str> = path.iter().map(|s| s.node.as_str()).collect();
    let taken: Taken = path
        .windows(2)
        .filter_map(|w| Some((w[0].node.as_str(), w[0].exit?, w[1].node.as_str())))
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

fn dot(guide: &ValidGuide, visited: &HashSet<&str>, taken: &Taken) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(guide.id()));
    let _ = writeln!(
        out,
        "  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\"];"
    );
    for group in by_section(guide) {
        let indent = if group.section.is_some() {
            "    "
        } else {
            "  "
        };
        if let Some(id) = group.section {
            // Graphviz draws a box round a subgraph only when its name starts with `cluster`.
            let _ = writeln!(
                out,
                "  subgraph \"cluster_{}\" {{\n    label=\"{}\";",
                dot_escape(id),
                dot_escape(guide.section_title(Some(id)))
            );
        }
        for node in &group.nodes {
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
                "{indent}\"{}\" [label=\"{}\"{shape}{mark}];",
                dot_escape(&node.id),
                dot_escape(&node_label(node))
            );
        }
        if group.section.is_some() {
            out.push_str("  }\n");
        }
    }
    for node in &guide.guide().nodes {
        for e in edges(node) {
            let mark = if taken.contains(&(e.from, e.key, e.to)) {
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

/// A node id as a Mermaid id: prefixed, so that words Mermaid reserves (`end`, `graph`, `style`)
/// stay plain ids, and with anything outside `[A-Za-z0-9_]` spelled out, so no id breaks the syntax.
fn mermaid_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 2);
    out.push_str("n_");
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", u32::from(c));
        }
    }
    out
}

fn mermaid(guide: &ValidGuide, visited: &HashSet<&str>, taken: &Taken) -> String {
    let mut out = String::from("flowchart TD\n");
    for group in by_section(guide) {
        let indent = if group.section.is_some() {
            "    "
        } else {
            "  "
        };
        if let Some(id) = group.section {
            // `s_` where nodes have `n_`: a section named as a node never clashes with it.
            let _ = writeln!(
                out,
                "  subgraph s{}[\"{}\"]",
                mermaid_id(id).trim_start_matches('n'),
                mermaid_escape(guide.section_title(Some(id)))
            );
        }
        for node in &group.nodes {
            let label = mermaid_escape(&node_label(node));
            let id = mermaid_id(&node.id);
            let shape = match node.kind {
                NodeKind::Resolution => format!("{id}([\"{label}\"])"),
                NodeKind::Confirm | NodeKind::Choice => format!("{id}{{\"{label}\"}}"),
                _ => format!("{id}[\"{label}\"]"),
            };
            let _ = writeln!(out, "{indent}{shape}");
        }
        if group.section.is_some() {
            out.push_str("  end\n");
        }
    }
    let mut link = 0;
    let mut taken_links = Vec::new();
    for node in &guide.guide().nodes {
        for e in edges(node) {
            let (from, to) = (mermaid_id(e.from), mermaid_id(e.to));
            if e.label.is_empty() {
                let _ = writeln!(out, "  {from} --> {to}");
            } else {
                let _ = writeln!(
                    out,
                    "  {from} -->|\"{}\"| {to}",
                    mermaid_escape(&short(&e.label, 40)),
                );
            }
            if taken.contains(&(e.from, e.key, e.to)) {
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
        let ids: Vec<String> = guide
            .guide()
            .nodes
            .iter()
            .map(|n| n.id.as_str())
            .filter(|id| visited.contains(id))
            .map(mermaid_id)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::{load, validate};

    fn guide() -> ValidGuide {
        let text = "format: 1\nid: g\ntitle: t\nversion: \"1\"\nsummary: s\nreferences: [{title: x, url: \"https://example.com\"}]\nsections: []\nstart: n0\nnodes:\n  - {id: n0, kind: info, prompt: p, next: end}\n  - {id: end, kind: confirm, prompt: q, why: w, how: h, yes: r, no: r}\n  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}\n";
        validate(load("g.yaml", text.as_bytes()).expect("loads")).expect("valid")
    }

    #[test]
    fn mermaid_never_uses_a_node_id_raw_so_a_node_named_end_works() {
        let out = render(&guide(), GraphFormat::Mermaid, &[]);
        assert!(out.contains("  n_end{\"q\"}"), "{out}");
        assert!(out.contains("  n_n0 --> n_end\n"), "{out}");
        assert!(out.contains("  n_end -->|\"yes\"| n_r\n"), "{out}");
        let raw_end = out.lines().any(|l| {
            l.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .any(|w| w == "end")
        });
        assert!(!raw_end, "{out}");
    }

    #[test]
    fn nodes_are_boxed_by_section_in_both_formats_and_the_rest_stay_outside() {
        let text = "format: 1\nid: g\ntitle: t\nversion: \"1\"\nsummary: s\nreferences: [{title: x, url: \"https://example.com\"}]\nsections: [{id: net, title: Network}, {id: end, title: \"The \\\"end\\\"\"}]\nstart: n0\nnodes:\n  - {id: n0, kind: info, prompt: p, next: q}\n  - {id: q, kind: confirm, section: net, prompt: q, why: w, how: h, yes: r, no: r}\n  - {id: r, kind: resolution, section: end, outcome: escalate, title: r, cause: c, steps: [s]}\n";
        let guide = validate(load("g.yaml", text.as_bytes()).expect("loads")).expect("valid");
        let dot = render(&guide, GraphFormat::Dot, &[]);
        assert!(
            dot.contains(
                "  \"n0\" [label=\"p\"];\n  subgraph \"cluster_net\" {\n    label=\"Network\";\n    \"q\" [label=\"q\", shape=diamond];\n  }\n"
            ),
            "{dot}"
        );
        assert!(
            dot.contains(
                "  subgraph \"cluster_end\" {\n    label=\"The \\\"end\\\"\";\n    \"r\" ["
            ),
            "{dot}"
        );
        let mermaid = render(&guide, GraphFormat::Mermaid, &[]);
        assert!(
            mermaid.contains(
                "  n_n0[\"p\"]\n  subgraph s_net[\"Network\"]\n    n_q{\"q\"}\n  end\n  subgraph s_end[\"The #quot;end#quot;\"]\n    n_r([\"[escalate] r\"])\n  end\n"
            ),
            "{mermaid}"
        );
    }

    #[test]
    fn ids_outside_plain_letters_are_spelled_out() {
        assert_eq!(mermaid_id("a-b c"), "n_a_2d_b_20_c");
    }

    #[test]
    fn a_session_path_marks_its_nodes_and_only_the_edges_its_answers_took() {
        let step = |node: &str, exit: Option<ExitKey>| PathStep {
            node: node.to_string(),
            exit,
        };
        let path = [
            step("n0", Some(ExitKey::Next)),
            step("end", Some(ExitKey::No)),
            step("r", None),
        ];
        let out = render(&guide(), GraphFormat::Mermaid, &path);
        assert!(out.contains("  class n_n0,n_end,n_r visited\n"), "{out}");
        // Edges in order: n0 -> end, end -yes-> r, end -no-> r: the answer was no.
        assert!(out.contains("  linkStyle 0,2 stroke"), "{out}");
        let dot = render(&guide(), GraphFormat::Dot, &path);
        assert!(
            dot.contains("\"end\" [label=\"q\", shape=diamond, style=filled"),
            "{dot}"
        );
        assert!(
            dot.contains("\"n0\" -> \"end\" [label=\"\", penwidth=3"),
            "{dot}"
        );
        assert!(
            dot.contains("\"end\" -> \"r\" [label=\"yes\"];"),
            "the yes edge not taken is not marked: {dot}"
        );
        assert_eq!(dot.matches("penwidth=3").count(), 2, "{dot}");
    }
}
