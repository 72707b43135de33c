//! "Did you mean" hints with a bounded cost: only candidates of a near length are compared, ids
//! over the length limit never are, and a file gets a fixed number of lookups.

use super::MAX_ID_LEN;

/// Lookups per file; later typos get no hint (the first ones are the ones read).
const MAX_LOOKUPS: usize = 20;
/// Candidates compared per lookup, after the length filter.
const MAX_COMPARED: usize = 1_000;

#[derive(Debug, Default)]
pub(super) struct Budget {
    lookups: usize,
}

impl Budget {
    /// `"; did you mean 'x'?"` when a known name is close enough to be a likely typo, else "".
    pub(super) fn did_you_mean<'k>(
        &mut self,
        wrong: &str,
        known: impl Iterator<Item = &'k str>,
    ) -> String {
        if wrong.len() > MAX_ID_LEN || self.lookups >= MAX_LOOKUPS {
            return String::new();
        }
        self.lookups += 1;
        closest(wrong, known)
            .map(|c| format!("; did you mean '{c}'?"))
            .unwrap_or_default()
    }
}

/// How far apart two names may be and still count as a typo of `known`.
fn threshold(known: &str) -> usize {
    2.max(known.len() / 4)
}

/// The known name closest to `wrong` when it is near enough to be a typo of it.
pub fn closest<'k>(wrong: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let mut best: Option<(usize, &str)> = None;
    let near =
        known.filter(|k| k.len() <= MAX_ID_LEN && k.len().abs_diff(wrong.len()) <= threshold(k));
    for k in near.take(MAX_COMPARED) {
        let limit = threshold(k).min(best.map_or(usize::MAX, |(d, _)| d.saturating_sub(1)));
        if let Some(d) = distance_within(wrong.as_bytes(), k.as_bytes(), limit) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Levenshtein distance over bytes when it is at most `limit`; gives up as soon as a whole row
/// of the table exceeds it. Both sides are at most [`MAX_ID_LEN`] long, so rows fit on the stack.
fn distance_within(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    if a.len() > MAX_ID_LEN || b.len() > MAX_ID_LEN || a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut prev = [0usize; MAX_ID_LEN + 1];
    let mut row = [0usize; MAX_ID_LEN + 1];
    for (j, cell) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        row[0] = i + 1;
        let mut row_min = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
            row_min = row_min.min(row[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    let d = prev[b.len()];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bounded_distance_agrees_with_levenshtein_within_the_limit() {
        let words = [
            "",
            "a",
            "ab",
            "kitten",
            "sitting",
            "fix_vpn",
            "fix_vnp",
            "check_zone",
            "chek_zone",
        ];
        for a in words {
            for b in words {
                let full = strsim::levenshtein(a, b);
                for limit in 0..5 {
                    let expected = (full <= limit).then_some(full);
                    assert_eq!(
                        distance_within(a.as_bytes(), b.as_bytes(), limit),
                        expected,
                        "{a} {b} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_typo_gets_the_closest_id() {
        let mut budget = Budget::default();
        let hint = budget.did_you_mean("fix_vnp", ["fix_vpn", "fix_zone", "start"].into_iter());
        assert_eq!(hint, "; did you mean 'fix_vpn'?");
    }

    #[test]
    fn names_over_the_id_limit_are_never_compared() {
        let long = "a".repeat(MAX_ID_LEN + 1);
        let mut budget = Budget::default();
        assert_eq!(budget.did_you_mean(&long, [long.as_str()].into_iter()), "");
        assert_eq!(
            budget.lookups, 0,
            "a long name does not even use up a lookup"
        );
    }

    #[test]
    fn hints_stop_after_the_budget_of_lookups() {
        let mut budget = Budget::default();
        for _ in 0..MAX_LOOKUPS {
            assert!(!budget
                .did_you_mean("fix_vnp", ["fix_vpn"].into_iter())
                .is_empty());
        }
        assert_eq!(budget.did_you_mean("fix_vnp", ["fix_vpn"].into_iter()), "");
    }
}
