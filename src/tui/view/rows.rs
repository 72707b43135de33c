//! Splitting a screen area into stacked rows or side-by-side columns of fixed sizes and one
//! that takes the rest. ratatui's `Layout` solves such splits with a constraint solver, which
//! costs a fifth of the first frame; these few are plain arithmetic.

use ratatui::layout::Rect;

/// A row's (or column's) share of an area: a fixed size, or what the fixed ones leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    Fixed(u16),
    Rest,
}

/// `area` cut top to bottom: fixed rows get their height while room lasts (the first ones
/// first), the `Rest` row what is left.
pub fn rows<const N: usize>(area: Rect, shares: [Share; N]) -> [Rect; N] {
    let sizes = sizes(area.height, shares);
    let mut y = area.y;
    sizes.map(|h| {
        let r = Rect::new(area.x, y, area.width, h);
        y += h;
        r
    })
}

/// `area` cut left to right, as [`rows`] cuts it top to bottom.
pub fn columns<const N: usize>(area: Rect, shares: [Share; N]) -> [Rect; N] {
    let sizes = sizes(area.width, shares);
    let mut x = area.x;
    sizes.map(|w| {
        let r = Rect::new(x, area.y, w, area.height);
        x += w;
        r
    })
}

fn sizes<const N: usize>(total: u16, shares: [Share; N]) -> [u16; N] {
    let fixed: u16 = shares
        .iter()
        .map(|s| match s {
            Share::Fixed(n) => *n,
            Share::Rest => 0,
        })
        .fold(0u16, u16::saturating_add);
    let mut rest = total.saturating_sub(fixed);
    let mut left = total;
    shares.map(|s| {
        let want = match s {
            Share::Fixed(n) => n,
            Share::Rest => std::mem::take(&mut rest),
        };
        let got = want.min(left);
        left -= got;
        got
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    #[test]
    fn with_room_enough_the_cut_is_the_layout_solvers() {
        let area = Rect::new(0, 0, 80, 24);
        for status in 0..5 {
            let ours = rows(
                area,
                [
                    Share::Fixed(1),
                    Share::Rest,
                    Share::Fixed(status),
                    Share::Fixed(1),
                ],
            );
            let solved: [Rect; 4] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Fill(1),
                Constraint::Length(status),
                Constraint::Length(1),
            ])
            .areas(area);
            assert_eq!(ours, solved, "status {status}");
        }
        let ours = columns(area, [Share::Fixed(22), Share::Rest]);
        let solved: [Rect; 2] =
            Layout::horizontal([Constraint::Length(22), Constraint::Fill(1)]).areas(area);
        assert_eq!(ours, solved);
    }

    #[test]
    fn without_room_the_first_rows_keep_theirs_and_nothing_overflows() {
        let area = Rect::new(2, 3, 10, 5);
        let cut = rows(area, [Share::Fixed(3), Share::Rest, Share::Fixed(4)]);
        assert_eq!(cut[0], Rect::new(2, 3, 10, 3));
        assert_eq!(cut[1].height, 0);
        assert_eq!(cut[2], Rect::new(2, 6, 10, 2));
        assert!(cut.iter().all(|r| r.bottom() <= area.bottom()));
    }
}
