//! The condition language of `when:` rules: parse once at validation, evaluate against variables.
//!
//! Grammar: `or` of `and` of `not`; comparisons `==`, `!=`, `in`, `not in`; parentheses; string
//! literals in single or double quotes; bare numbers; list literals `['a', 'b']`; `true`/`false`;
//! a bare variable is true when it is set and not empty, `no`, `false` or `0`.

use std::fmt;

// Re-exported so code that names them here keeps compiling; they live in `vars`.
pub use super::vars::{Value, Variables};

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Compare(Op, Operand, Operand),
    Truthy(Operand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    In,
    NotIn,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Var(String),
    Text(String),
    List(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// Character offset into the condition text, so a caller can point at the column.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.offset + 1)
    }
}

/// Deeper nesting than this is refused, so a hostile condition cannot overflow the stack.
const MAX_DEPTH: usize = 64;

impl Expr {
    pub fn parse(text: &str) -> Result<Expr, ExprError> {
        let tokens = tokenize(text)?;
        let mut parser = Parser {
            tokens,
            pos: 0,
            depth: 0,
            end: text.chars().count(),
        };
        let expr = parser.or()?;
        if let Some((offset, token)) = parser.tokens.get(parser.pos) {
            return Err(ExprError {
                offset: *offset,
                message: format!("unexpected '{}'; expected 'and', 'or' or the end", token),
            });
        }
        Ok(expr)
    }

    pub fn eval(&self, vars: &Variables) -> bool {
        match self {
            Expr::Or(items) => items.iter().any(|e| e.eval(vars)),
            Expr::And(items) => items.iter().all(|e| e.eval(vars)),
            Expr::Not(inner) => !inner.eval(vars),
            Expr::Truthy(operand) => operand.resolve(vars).is_some_and(|v| v.is_truthy()),
            Expr::Compare(op, left, right) => {
                let (l, r) = (left.resolve(vars), right.resolve(vars));
                match op {
                    Op::Eq => l.is_some() && l == r,
                    Op::Ne => !(l.is_some() && l == r),
                    Op::In => contains(r.as_ref(), l.as_ref()),
                    Op::NotIn => !contains(r.as_ref(), l.as_ref()),
                }
            }
        }
    }

    /// Every variable name the condition reads, for the validator's "never set" check.
    pub fn variables(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_variables(&mut out);
        out
    }

    fn collect_variables<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Or(items) | Expr::And(items) => {
                items.iter().for_each(|e| e.collect_variables(out))
            }
            Expr::Not(inner) => inner.collect_variables(out),
            Expr::Truthy(o) => o.collect_variable(out),
            Expr::Compare(_, l, r) => {
                l.collect_variable(out);
                r.collect_variable(out);
            }
        }
    }
}

fn contains(haystack: Option<&Value>, needle: Option<&Value>) -> bool {
    match (haystack, needle) {
        (Some(Value::List(items)), Some(Value::Text(n))) => items.iter().any(|i| i == n),
        (Some(Value::List(items)), Some(Value::List(ns))) => ns.iter().any(|n| items.contains(n)),
        (Some(Value::Text(h)), Some(Value::Text(n))) => h.contains(n.as_str()),
        _ => false,
    }
}

impl Operand {
    fn resolve(&self, vars: &Variables) -> Option<Value> {
        match self {
            Operand::Var(name) => vars.get(name).cloned(),
            Operand::Text(t) => Some(Value::Text(t.clone())),
            Operand::List(items) => Some(Value::List(items.clone())),
        }
    }

    fn collect_variable<'a>(&'a self, out: &mut Vec<&'a str>) {
        if let Operand::Var(name) = self {
            out.push(name);
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Text(String),
    Eq,
    Ne,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Ident(s) => f.write_str(&cut(s)),
            Token::Text(s) => write!(f, "'{}'", cut(s)),
            Token::Eq => f.write_str("=="),
            Token::Ne => f.write_str("!="),
            Token::LParen => f.write_str("("),
            Token::RParen => f.write_str(")"),
            Token::LBracket => f.write_str("["),
            Token::RBracket => f.write_str("]"),
            Token::Comma => f.write_str(","),
        }
    }
}

/// A token as quoted in a message: at most 80 characters, so a huge one cannot flood the output.
fn cut(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(80) {
        None => text.into(),
        Some((end, _)) => format!("{}…", &text[..end]).into(),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

fn tokenize(text: &str) -> Result<Vec<(usize, Token)>, ExprError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let token = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => Token::LParen,
            ')' => Token::RParen,
            '[' => Token::LBracket,
            ']' => Token::RBracket,
            ',' => Token::Comma,
            '=' | '!' if chars.get(i + 1) == Some(&'=') => {
                i += 1;
                if c == '=' {
                    Token::Eq
                } else {
                    Token::Ne
                }
            }
            '\'' | '"' => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|&q| q == c)
                    .ok_or(ExprError {
                        offset: start,
                        message: format!("this text has no closing {c}"),
                    })?;
                let literal: String = chars[i + 1..i + 1 + close].iter().collect();
                i += close + 1;
                Token::Text(literal)
            }
            c if c.is_ascii_alphanumeric() || c == '_' => {
                let len = chars[i..].iter().take_while(|&&c| is_word_char(c)).count();
                let word: String = chars[i..i + len].iter().collect();
                i += len - 1;
                if c.is_ascii_digit() {
                    Token::Text(word)
                } else {
                    Token::Ident(word)
                }
            }
            other => {
                let hint = if other == '=' {
                    "; use '==' to compare"
                } else {
                    ""
                };
                return Err(ExprError {
                    offset: start,
                    message: format!("unexpected character '{other}'{hint}"),
                });
            }
        };
        tokens.push((start, token));
        i += 1;
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
    depth: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(_, t)| t)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |(o, _)| *o)
    }

    fn peek_keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Ident(w)) if w == word)
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, ExprError> {
        Err(ExprError {
            offset: self.offset(),
            message: message.into(),
        })
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
        let mut items = vec![self.and()?];
        while self.peek_keyword("or") {
            self.pos += 1;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut items = vec![self.not()?];
        while self.peek_keyword("and") {
            self.pos += 1;
            items.push(self.not()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    fn not(&mut self) -> Result<Expr, ExprError> {
        if self.peek_keyword("not") {
            self.pos += 1;
            self.descend()?;
            let inner = self.not();
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner?)));
        }
        self.comparison()
    }

    fn descend(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error(format!("condition nests deeper than {MAX_DEPTH} levels"));
        }
        Ok(())
    }

    fn comparison(&mut self) -> Result<Expr, ExprError> {
        if self.peek() == Some(&Token::LParen) {
            self.pos += 1;
            self.descend()?;
            let inner = self.or();
            self.depth -= 1;
            let inner = inner?;
            if self.peek() != Some(&Token::RParen) {
                return self.error("expected ')' to close the '('");
            }
            self.pos += 1;
            return Ok(inner);
        }
        let left = self.operand()?;
        let op = match self.peek() {
            Some(Token::Eq) => Op::Eq,
            Some(Token::Ne) => Op::Ne,
            Some(Token::Ident(w)) if w == "in" => Op::In,
            Some(Token::Ident(w))
                if w == "not"
                    && matches!(self.tokens.get(self.pos + 1), Some((_, Token::Ident(n))) if n == "in") =>
            {
                self.pos += 1;
                Op::NotIn
            }
            _ => return Ok(Expr::Truthy(left)),
        };
        self.pos += 1;
        let right = self.operand()?;
        Ok(Expr::Compare(op, left, right))
    }

    fn operand(&mut self) -> Result<Operand, ExprError> {
        let Some(token) = self.peek().cloned() else {
            return self.error("the condition ends too early; expected a variable or a value");
        };
        self.pos += 1;
        match token {
            Token::Text(t) => Ok(Operand::Text(t)),
            Token::Ident(w) if w == "true" || w == "false" => Ok(Operand::Text(w)),
            Token::Ident(w) if matches!(w.as_str(), "and" | "or" | "not" | "in") => {
                self.pos -= 1;
                self.error(format!("expected a variable or a value before '{w}'"))
            }
            Token::Ident(w) => Ok(Operand::Var(w)),
            Token::LBracket => self.list(),
            other => {
                self.pos -= 1;
                self.error(format!("expected a variable or a value, found '{other}'"))
            }
        }
    }

    fn list(&mut self) -> Result<Operand, ExprError> {
        let mut items = Vec::new();
        loop {
            match self.peek().cloned() {
                Some(Token::RBracket) if items.is_empty() => break,
                Some(Token::Text(t)) => items.push(t),
                Some(Token::Ident(w)) if w == "true" || w == "false" => items.push(w),
                _ => return self.error("a list holds quoted values, such as ['a', 'b']"),
            }
            self.pos += 1;
            match self.peek() {
                Some(Token::Comma) => self.pos += 1,
                Some(Token::RBracket) => break,
                _ => return self.error("expected ',' or ']' in the list"),
            }
        }
        self.pos += 1;
        Ok(Operand::List(items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, Value)]) -> Variables {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    fn holds(cond: &str, vars: &Variables) -> bool {
        Expr::parse(cond).expect("condition parses").eval(vars)
    }

    #[test]
    fn equality_compares_text_and_unset_is_never_equal() {
        let v = vars(&[("on_vpn", text("yes"))]);
        assert!(holds("on_vpn == 'yes'", &v));
        assert!(!holds("on_vpn == \"no\"", &v));
        assert!(!holds("missing == 'yes'", &v));
        assert!(holds("missing != 'yes'", &v));
    }

    #[test]
    fn boolean_operators_follow_precedence_and_parentheses() {
        let v = vars(&[("a", text("1")), ("b", text("no"))]);
        assert!(holds("a == '1' or b == 'yes' and b == 'x'", &v));
        assert!(!holds("(a == '1' or b == 'yes') and b == 'x'", &v));
        assert!(holds("not b", &v));
        assert!(holds("a and not (b == 'yes')", &v));
    }

    #[test]
    fn membership_works_on_lists_and_list_literals() {
        let v = vars(&[
            ("token.amr", Value::List(vec!["pwd".into(), "mfa".into()])),
            ("browser", text("chrome")),
        ]);
        assert!(holds("'mfa' in token.amr", &v));
        assert!(holds("'wia' not in token.amr", &v));
        assert!(holds("browser in ['chrome', 'edge']", &v));
        assert!(!holds("browser in []", &v));
    }

    #[test]
    fn bare_numbers_are_text_literals() {
        let v = vars(&[("error.code", text("51006"))]);
        assert!(holds("error.code == 51006", &v));
    }

    #[test]
    fn variables_lists_every_name_read() {
        let e = Expr::parse("a == 'x' or (not b and 'y' in c)").expect("parses");
        assert_eq!(e.variables(), vec!["a", "b", "c"]);
    }

    #[test]
    fn errors_point_at_the_offending_character() {
        let e = Expr::parse("a = 'x'").expect_err("single = is refused");
        assert_eq!(e.offset, 2);
        assert!(e.message.contains("'=='"), "{}", e.message);
        let e = Expr::parse("a == 'x").expect_err("open quote");
        assert_eq!(e.offset, 5);
        let e = Expr::parse("(a == 'x'").expect_err("open paren");
        assert!(e.message.contains("')'"));
        let e = Expr::parse("a == 'x' b").expect_err("trailing word");
        assert_eq!(e.offset, 9);
        let e = Expr::parse("").expect_err("empty");
        assert!(e.message.contains("ends too early"));
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        let e = Expr::parse(&deep).expect_err("too deep");
        assert!(e.message.contains("deeper"));
        let nots = format!("{}a", "not ".repeat(10_000));
        assert!(Expr::parse(&nots).is_err());
    }

    #[test]
    fn a_huge_token_is_quoted_cut_short_in_the_message() {
        let e = Expr::parse(&format!("a b{}", "c".repeat(10_000))).expect_err("two words");
        assert!(e.message.len() < 200, "{}", e.message);
        assert!(e.message.contains("…"));
    }
}
