//! The look: styles with or without colour (`NO_COLOR`), and glyphs and borders with or without
//! Unicode (`--ascii`). A plain value handed to the views, so both choices are testable.

use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::symbols::border;

use super::capabilities::Capabilities;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Colours allowed; off when `NO_COLOR` is set. Without colour, emphasis uses bold, reverse
    /// and markers only.
    pub color: bool,
    /// ASCII only: no box drawing, no other non-ASCII glyphs.
    pub ascii: bool,
}

/// Small symbols the views draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    /// In front of the selected row.
    Pointer,
    SectionTodo,
    SectionCurrent,
    SectionDone,
    SectionFinding,
    Valid,
    Invalid,
    Arrow,
    Separator,
    Bullet,
    MoreBelow,
    MoreAbove,
}

pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// Reads the environment once, at start-up: `NO_COLOR`, the terminal type and the locale
    /// (see [`Capabilities::detect`]); `--ascii` forces ASCII on any terminal.
    pub fn from_env(ascii: bool) -> Theme {
        Theme::for_terminal(Capabilities::from_env(), ascii)
    }

    /// The look for what the terminal can show, with `--ascii` on top.
    pub fn for_terminal(caps: Capabilities, ascii: bool) -> Theme {
        Theme {
            color: caps.color,
            ascii: ascii || caps.ascii,
        }
    }

    pub fn glyph(self, g: Glyph) -> &'static str {
        use Glyph::*;
        match (g, self.ascii) {
            (Pointer, true) => ">",
            (Pointer, false) => "\u{25b8}",
            (SectionTodo, _) => "[ ]",
            (SectionCurrent, _) => "[>]",
            (SectionDone, _) => "[x]",
            (SectionFinding, _) => "[!]",
            (Valid, true) => "ok:",
            (Valid, false) => "\u{2713}",
            (Invalid, true) => "error:",
            (Invalid, false) => "\u{2717}",
            (Arrow, true) => "->",
            (Arrow, false) => "\u{2192}",
            (Separator, true) => " | ",
            (Separator, false) => " \u{b7} ",
            (Bullet, true) => "-",
            (Bullet, false) => "\u{2022}",
            (MoreBelow, true) => "v more below (PgDn)",
            (MoreBelow, false) => "\u{25bc} more below (PgDn)",
            (MoreAbove, true) => "^ more above (PgUp)",
            (MoreAbove, false) => "\u{25b2} more above (PgUp)",
        }
    }

    pub fn border(self) -> border::Set {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::ROUNDED
        }
    }

    fn pick(self, colored: Style, plain: Style) -> Style {
        if self.color {
            colored
        } else {
            plain
        }
    }

    /// The highlighted row of a list: reverse video works on every terminal, colour or not.
    pub fn selected(self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Cyan).bold(),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn header(self) -> Style {
        self.pick(
            Style::new().fg(Color::White).bg(Color::Blue).bold(),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn prompt(self) -> Style {
        Style::new().bold()
    }

    pub fn heading(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).bold(),
            Style::new().bold().underlined(),
        )
    }

    pub fn dim(self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    pub fn key(self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).bold(), Style::new().bold())
    }

    pub fn error(self) -> Style {
        self.pick(Style::new().fg(Color::Red).bold(), Style::new().bold())
    }

    pub fn ok(self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }

    pub fn finding(self) -> Style {
        self.pick(Style::new().fg(Color::Yellow).bold(), Style::new().bold())
    }

    pub fn current(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).bold(),
            Style::new().bold().underlined(),
        )
    }

    pub fn done(self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }

    pub fn border_style(self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Glyph; 12] = [
        Glyph::Pointer,
        Glyph::SectionTodo,
        Glyph::SectionCurrent,
        Glyph::SectionDone,
        Glyph::SectionFinding,
        Glyph::Valid,
        Glyph::Invalid,
        Glyph::Arrow,
        Glyph::Separator,
        Glyph::Bullet,
        Glyph::MoreBelow,
        Glyph::MoreAbove,
    ];

    #[test]
    fn ascii_glyphs_and_borders_are_plain_ascii() {
        let theme = Theme {
            color: true,
            ascii: true,
        };
        for g in ALL {
            assert!(theme.glyph(g).is_ascii(), "{g:?}");
        }
        let b = theme.border();
        for s in [
            b.top_left,
            b.horizontal_top,
            b.vertical_left,
            b.bottom_right,
        ] {
            assert!(s.is_ascii());
        }
    }

    #[test]
    fn without_colour_no_style_names_a_colour() {
        let theme = Theme {
            color: false,
            ascii: false,
        };
        for style in [
            theme.selected(),
            theme.header(),
            theme.heading(),
            theme.dim(),
            theme.key(),
            theme.error(),
            theme.ok(),
            theme.finding(),
            theme.current(),
            theme.done(),
            theme.border_style(),
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert!(theme.selected().add_modifier.contains(Modifier::REVERSED));
    }
}
