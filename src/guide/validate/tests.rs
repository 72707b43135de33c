//! Validator cases too large or too generated for fixture files: the shapes that used to take
//! quadratic time, and the limits that keep messages readable.

use super::super::load::load;
use super::super::problem::Problem;
use super::graph::{components, Edges};
use super::{validate, MAX_PROBLEMS};

/// A guide that starts at `n0` and has an escalation `r`, with `nodes` in between.
fn guide(nodes: &str) -> String {
    format!(
        "format: 1\nid: g\ntitle: t\nversion: \"1\"\nsummary: s\nreferences: [{{title: x, url: \"https://example.com\"}}]\nsections: []\nstart: n0\nnodes:\n{nodes}  - {{id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}}\n"
    )
}

fn info(id: &str, next: &str) -> String {
    format!("  - {{id: {id}, kind: info, prompt: p, next: {next}}}\n")
}

fn errors(text: &str) -> Vec<Problem> {
    let loaded = load("g.yaml", text.as_bytes()).expect("the generated guide parses");
    match validate(loaded) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.into_iter().filter(Problem::is_error).collect(),
    }
}

fn messages(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.message.as_str()).collect()
}

#[test]
fn a_dead_loop_at_the_end_of_a_long_chain_is_found_in_one_pass() {
    let n = 3_000;
    let mut nodes: String = (0..n)
        .map(|i| info(&format!("n{i}"), &format!("n{}", i + 1)))
        .collect();
    nodes.push_str(&info(&format!("n{n}"), &format!("n{n}")));
    nodes.push_str(&info("x", "r"));
    let problems = errors(&guide(&nodes));
    let loops: Vec<&str> = messages(&problems)
        .into_iter()
        .filter(|m| m.starts_with("loop"))
        .collect();
    assert_eq!(
        loops,
        vec![
            "loop with no way out: n3000 never leads to a resolution; add a route out of the loop"
        ],
        "only the loop is reported, not the chain that leads into it"
    );
}

#[test]
fn a_loop_of_two_nodes_never_lead_and_a_long_loop_is_counted_not_listed() {
    let two = guide(&(info("n0", "a") + &info("a", "b") + &info("b", "a") + &info("x", "r")));
    assert!(messages(&errors(&two)).contains(
        &"loop with no way out: a -> b never lead to a resolution; add a route out of the loop"
    ));
    let n = 500;
    let ring: String = (0..n)
        .map(|i| info(&format!("n{i}"), &format!("n{}", (i + 1) % n)))
        .collect();
    let problems = errors(&guide(&(ring + &info("x", "r"))));
    let message = messages(&problems)
        .into_iter()
        .find(|m| m.starts_with("loop"))
        .expect("the ring is reported");
    assert!(message.contains("n7 -> … (500 nodes in all)"), "{message}");
    assert!(message.len() < 200, "{message}");
}

#[test]
fn strongly_connected_components_need_no_recursion_on_a_very_deep_chain() {
    let n = 200_000;
    let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
    edges[n - 1] = vec![n - 2];
    let component = components(&Edges::from_lists(edges));
    assert_eq!(
        component[n - 1],
        component[n - 2],
        "the last two form a loop"
    );
    assert_ne!(component[0], component[1]);
}

#[test]
fn an_id_over_64_characters_is_an_error_of_its_own_and_is_never_compared() {
    let long_a = "a".repeat(80_000);
    let long_b = "b".repeat(80_000);
    let problems = errors(&guide(&(info("n0", &long_b) + &info(&long_a, "r"))));
    let messages = messages(&problems);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("is too long; ids have at most 64 characters")),
        "{messages:?}"
    );
    assert!(messages
        .iter()
        .any(|m| m.contains("is not a node of this guide") && !m.contains("did you mean")));
    assert!(
        messages.iter().all(|m| m.len() < 300),
        "quoted ids are cut short"
    );
}

#[test]
fn thousands_of_dangling_targets_give_a_capped_list_with_a_bounded_number_of_hints() {
    let nodes: String = (0..1_000)
        .map(|i| info(&format!("n{i}"), &format!("n{i}x")))
        .collect();
    let problems = errors(&guide(&nodes));
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    let last = &problems[MAX_PROBLEMS].message;
    assert!(
        last.starts_with("too many problems: 200 are listed, 800 more are not"),
        "{last}"
    );
    let hints = problems
        .iter()
        .filter(|p| p.message.contains("did you mean"))
        .count();
    assert!((1..=20).contains(&hints), "{hints} hints");
}

#[test]
fn thousands_of_unset_variables_are_each_checked_once_and_capped() {
    let nodes: String = (0..1_000)
        .map(|i| {
            format!("  - {{id: n{i}, kind: info, prompt: p, next: [{{when: \"v{i} == 1\", goto: r}}, {{goto: n{}}}]}}\n", i + 1)
        })
        .chain(std::iter::once(info("n1000", "r")))
        .collect();
    let problems = errors(&guide(&nodes));
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert!(problems[0].message.starts_with("condition reads 'v0'"));
    assert!(problems[MAX_PROBLEMS].message.contains("800 more are not"));
}

#[test]
fn unreachable_nodes_past_the_cap_are_counted() {
    let nodes: String = std::iter::once(info("n0", "r"))
        .chain((0..1_000).map(|i| info(&format!("u{i}"), "r")))
        .collect();
    let problems = errors(&guide(&nodes));
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert!(problems[0]
        .message
        .starts_with("node 'u0' is never reached"));
}

#[test]
fn a_long_condition_is_quoted_cut_to_80_characters() {
    let cond = format!("'{}' ==", "x".repeat(1_000));
    let node = format!(
        "  - {{id: n0, kind: info, prompt: p, next: [{{when: \"{cond}\", goto: r}}, {{goto: r}}]}}\n"
    );
    let problems = errors(&guide(&node));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].message.contains("… (1005 characters)"),
        "{}",
        problems[0].message
    );
    assert!(problems[0].message.len() < 250);
}

#[test]
fn evidence_facts_may_be_read_but_undeclared_token_and_device_names_are_refused() {
    let node = |cond: &str| {
        format!("  - {{id: n0, kind: info, prompt: p, next: [{{when: \"{cond}\", goto: r}}, {{goto: r}}]}}\n")
    };
    assert!(errors(&guide(&node("error.message == 'x'"))).is_empty());
    // The token reader declares token.has_wia; a claim no reader sets stays refused.
    assert!(errors(&guide(&node("token.has_wia == 'yes'"))).is_empty());
    for name in ["device.azure_ad_prt", "token.not_a_claim"] {
        let problems = errors(&guide(&node(&format!("{name} == 'x'"))));
        assert!(
            problems[0]
                .message
                .starts_with(&format!("condition reads '{name}'")),
            "{problems:?}"
        );
    }
}

#[test]
fn references_that_reports_would_not_link_are_warned_about_where_they_stand() {
    let text = guide(&info("n0", "r")).replace(
        "url: \"https://example.com\"",
        "url: \"javascript:alert(1)\"}, {title: y, url: \" MAILTO:help@contoso.com\"}, {title: z, url: \"data:text/html,x\"",
    );
    let loaded = load("g.yaml", text.as_bytes()).expect("parses");
    let valid = validate(loaded).expect("only warnings");
    let links: Vec<_> = valid
        .warnings()
        .iter()
        .filter(|p| p.message.contains("not a web or mail address"))
        .collect();
    assert_eq!(links.len(), 2, "{links:?}");
    assert!(links[0].message.contains("'javascript:alert(1)'"));
    assert_eq!(links[0].location.line, 6);
}

#[test]
fn evidence_conditions_are_checked_for_answers_offered_facts_read_and_shape() {
    let good = guide(
        "  - {id: n0, kind: confirm, prompt: p, yes: r, no: c, evidence: {yes: \"error.code == '51006'\", no: \"error.code != '51006'\"}}\n  - {id: c, kind: choice, prompt: p, options: [{id: a, label: A, next: i}, {id: b, label: B, next: r}], evidence: {a: \"error.app_name\"}}\n  - {id: i, kind: input, prompt: p, variable: x, evidence: error.correlation_id, next: r}\n",
    );
    assert!(errors(&good).is_empty(), "{:?}", messages(&errors(&good)));

    let bad = guide(
        "  - {id: n0, kind: confirm, prompt: p, yes: r, no: c, evidence: {maybe: \"error.code == '1'\", no: \"n0 == 'yes'\"}}\n  - {id: c, kind: choice, prompt: p, options: [{id: a, label: A, next: i}, {id: b, label: B, next: r}], evidence: error.code}\n  - {id: i, kind: input, prompt: p, evidence: error.corelation_id, next: r}\n",
    );
    let problems = errors(&bad);
    let found = messages(&problems);
    let has = |part: &str| found.iter().any(|m| m.contains(part));
    assert!(
        has("'maybe' is not an answer this node offers; use one of: yes, no"),
        "{found:?}"
    );
    assert!(
        has("condition reads 'n0', which no evidence reader sets"),
        "{found:?}"
    );
    assert!(
        has("on a choice node, 'evidence' maps each answer to a condition over facts, such as '{a: \"error.code == '51006'\"}'"),
        "{found:?}"
    );
    assert!(
        has("'error.corelation_id' is not a fact any evidence reader sets (`tshoot evidence --facts` lists them); did you mean 'error.correlation_id'?"),
        "{found:?}"
    );
    let lines: Vec<usize> = problems.iter().map(|p| p.location.line).collect();
    assert!(
        lines.iter().all(|&l| (10..=12).contains(&l)),
        "each at its node's line: {lines:?}"
    );
}

/// `guide` with an `access` list before `start`.
fn with_access(nodes: &str) -> String {
    guide(nodes).replace(
        "sections: []\n",
        "sections: []\naccess:\n  - {id: pc, label: The user's PC, owner: Desktop support}\n  - {id: adfs, label: AD FS servers, owner: AD FS team}\n",
    )
}

#[test]
fn access_ids_are_declared_and_a_check_that_needs_access_has_a_way_on() {
    let good = with_access(
        "  - {id: n0, kind: confirm, prompt: p, access: [pc], yes: a, no: r, unsure: a}\n  - {id: a, kind: info, prompt: p, access: [adfs], next: r}\n",
    );
    assert!(errors(&good).is_empty(), "{:?}", messages(&errors(&good)));
    let bad = with_access(
        "  - {id: n0, kind: confirm, prompt: p, access: [adfx], yes: a, no: r}\n  - {id: a, kind: info, prompt: p, next: r}\n",
    );
    let problems = errors(&bad);
    let found = messages(&problems);
    assert!(
        found.iter().any(
            |m| m.contains("'adfx' is not an access this guide declares; did you mean 'adfs'?")
        ),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("a check that needs access must offer 'unsure'")),
        "{found:?}"
    );
}

#[test]
fn a_walk_that_strands_a_technician_without_some_access_is_refused() {
    // Without either access, n0's unsure way leads into a loop (a -> b -> unsure -> a) that only
    // the checks needing access can leave; with full access the guide is fine.
    let stranding = with_access(
        "  - {id: n0, kind: confirm, prompt: p, access: [adfs], yes: r, no: r, unsure: a}\n  - {id: a, kind: confirm, prompt: p, yes: b, no: b}\n  - {id: b, kind: confirm, prompt: p, access: [pc], yes: r, no: r, unsure: a}\n",
    );
    let found = messages(&errors(&stranding))
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert!(
        found.iter().any(|m| m
            .starts_with("a technician without pc, adfs can reach 'n0' but never a resolution")),
        "{found:?}"
    );
}
