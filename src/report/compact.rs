//! `--format compact`: one `path:line:col: severity[lint] message` line per finding, for editors'
//! quickfix lists (Vim's `errorformat`, Emacs' compilation mode, VS Code problem matchers) and
//! for `grep`. No summary line: every line of the output is a finding.
//!
//! Paths and messages come from the input (file names, matched text), so control characters in
//! them are shown as `\u{..}` escapes: a finding stays on one line, and an ANSI escape sequence in
//! a file name cannot recolour or rewrite the terminal.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Reporter, Summary};
use crate::{FileReport, Origin};

/// Said after the message of a finding whose line and column count in the decoded message body.
pub(super) const DECODED_BODY_NOTE: &str = "(line and column in the decoded message body)";

pub struct Compact<W: Write> {
    out: W,
}

impl<W: Write> Compact<W> {
    pub fn new(out: W) -> Self {
        Compact { out }
    }
}

impl<W: Write> Reporter for Compact<W> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let label = report.label();
        let path = escape_controls(&label);
        for finding in &report.findings {
            let d = &finding.diagnostic;
            write!(
                self.out,
                "{path}:{}:{}: {}[{}] {}",
                d.start.line,
                d.start.column,
                d.severity.as_str(),
                d.lint,
                escape_controls(&d.message)
            )?;
            if report.origin == Origin::DecodedBody {
                // An editor would jump to the wrong place in the raw file; say so.
                write!(self.out, " {DECODED_BODY_NOTE}")?;
            }
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// Whether `c` must not reach a terminal or a line-oriented consumer as it is: C0 and C1 control
/// characters and DEL (line breaks, ESC), the Unicode line and paragraph separators, and the
/// bidirectional overrides and isolates that can make text display in a different order than it
/// reads ("Trojan Source").
pub(super) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every [unsafe](is_unsafe) character written as a Rust-style `\u{..}` escape.
pub(super) fn escape_controls(text: &str) -> Cow<'_, str> {
    escape_except(text, |_| false)
}

/// [`escape_controls`], leaving the characters `keep` accepts as they are (for formats that have
/// their own escapes for some of them).
pub(super) fn escape_except(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) && !keep(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape_controls;

    #[test]
    fn control_characters_are_escaped_and_text_is_kept() {
        assert_eq!(escape_controls("macros/a.txt"), "macros/a.txt");
        assert_eq!(escape_controls("zwölf €"), "zwölf €");
        assert_eq!(
            escape_controls("a\x1b[31mb\nc\td\u{85}e\u{202e}f\u{7f}"),
            "a\\u{1b}[31mb\\u{a}c\\u{9}d\\u{85}e\\u{202e}f\\u{7f}"
        );
    }
}
