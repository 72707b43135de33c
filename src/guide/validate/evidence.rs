//! The `evidence` key: which facts settle a question. Each condition must parse and read only
//! facts the evidence readers declare, each answer it names must be one the node offers, and an
//! input node names one fact.

use super::super::expr::Expr;
use super::super::model::{Node, NodeKind, Settle};
use super::super::vars::EVIDENCE_VARIABLES;
use super::{quote, Checker};
use crate::guide::{NO, UNSURE, YES};

fn is_fact(name: &str) -> bool {
    EVIDENCE_VARIABLES.contains(&name)
}

impl Checker<'_> {
    pub(super) fn check_evidence(&mut self, i: usize, node: &Node) {
        let Some(settle) = node.evidence() else {
            return;
        };
        let at = format!("nodes.{i}.evidence");
        match (node.kind, settle) {
            (NodeKind::Input, Settle::Fact(name)) => {
                if !is_fact(name) {
                    let hint = self.did_you_mean_fact(name);
                    self.error_at(
                        &at,
                        format!("'{}' is not a fact any evidence reader sets (`tshoot evidence --facts` lists them){hint}", quote(name)),
                    );
                }
            }
            (NodeKind::Input, Settle::When(_)) => self.error_at(
                &at,
                "on an input node, 'evidence' names the one fact whose value is the answer, such as 'evidence: error.correlation_id'",
            ),
            (_, Settle::Fact(_)) => self.error_at(
                &at,
                format!(
                    "on a {} node, 'evidence' maps each answer to a condition over facts, such as '{{{}: \"error.code == '51006'\"}}'",
                    node.kind.name(),
                    offered(node).first().copied().unwrap_or(YES)
                ),
            ),
            (_, Settle::When(map)) => {
                for (answer, cond) in map {
                    let path = format!("{at}.{answer}");
                    if !offers(node, answer) {
                        let offered = offered(node).join(", ");
                        self.error_at_key(
                            &path,
                            format!("'{}' is not an answer this node offers; use one of: {offered}", quote(answer)),
                        );
                    }
                    match Expr::parse(cond) {
                        Err(e) => {
                            self.error_at(&path, format!("condition '{}': {e}", quote(cond)))
                        }
                        Ok(expr) => {
                            for var in expr.variables() {
                                if !is_fact(var) {
                                    let hint = self.did_you_mean_fact(var);
                                    self.error_at(&path, format!("condition reads '{}', which no evidence reader sets; evidence conditions read facts only{hint}", quote(var)));
                                }
                            }
                            self.conditions.insert(cond.to_string(), expr);
                        }
                    }
                }
            }
        }
    }

    fn did_you_mean_fact(&mut self, wrong: &str) -> String {
        self.hints
            .did_you_mean(wrong, EVIDENCE_VARIABLES.iter().copied())
    }
}

/// The answers of a confirm or choice node an `evidence` condition may give.
fn offered(node: &Node) -> Vec<&str> {
    match node.kind {
        NodeKind::Confirm => {
            let mut keys = vec![YES, NO];
            if node.unsure.is_some() {
                keys.push(UNSURE);
            }
            keys
        }
        _ => {
            let mut keys: Vec<&str> = node.options.iter().map(|o| o.id.as_str()).collect();
            if node.unsure.is_some() {
                keys.push(UNSURE);
            }
            keys
        }
    }
}

fn offers(node: &Node, answer: &str) -> bool {
    offered(node).contains(&answer)
}
