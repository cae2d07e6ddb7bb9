//! Suppression directives: authors silence a finding where it stands, in the comments of the
//! template language, which are stripped before sending and so never reach the customer.
//!
//! Comments read, in every template kind (`.txt`, `.md`, `.html`):
//!
//! - Liquid: `{% comment %} draftlint-disable jargon {% endcomment %}` (also with whitespace
//!   control, `{%- comment -%}`), and the inline comment tag `{% # draftlint-disable jargon %}`;
//! - Handlebars and Mustache: `{{!-- draftlint-disable jargon --}}`, `{{! draftlint-disable }}`;
//! - HTML: `<!-- draftlint-disable jargon, blame-shifting -->`.
//!
//! A directive is the first word of its comment; its lint ids follow on the same line, separated
//! by commas and/or spaces (none means every lint). Text after a `--` token, or on later lines of
//! the comment, is a free reason. The forms:
//!
//! - `draftlint-disable [ids]` suppresses from its line up to (not including) the line of a
//!   `draftlint-enable` naming the same id, or to the end of the file. `draftlint-enable` without
//!   ids ends every open range; with ids it ends only ranges opened for those ids (not an
//!   id-less range).
//! - `draftlint-disable-next-line [ids]` suppresses the line after the comment's end.
//! - `draftlint-disable-file [ids]` suppresses the whole file.
//!
//! E-mail has no comments that stay out of the customer's sight, so in an `.eml` only the
//! `X-Draftlint-Disable: ids` header counts (whole draft); directive text in its body is prose.
//!
//! A finding is suppressed when its start line is covered by a directive naming its lint (or
//! naming none). Every directive, or id in a directive, that suppressed nothing is reported as
//! `unused-suppression` (an info), so that suppressions do not outlive the text they excused.
//!
//! Directives are read from the raw file text (invalid UTF-8 replaced), so their lines are file
//! lines like those of template diagnostics. The scan is linear in the input and never fails:
//! an unterminated comment holds no directive.

use std::ops::RangeInclusive;
use std::sync::LazyLock;

use regex::Regex;

use crate::draft::{InputKind, Position};
use crate::lints::Meta;
use crate::{Diagnostic, Severity};

/// The lint that reports directives which suppress nothing, so they don't rot (ruff's RUF100).
pub const UNUSED_SUPPRESSION: Meta = Meta {
    id: "unused-suppression",
    summary: "A draftlint-disable directive or X-Draftlint-Disable header that suppresses nothing",
    default_severity: Severity::Info,
    doc: include_str!("../lints/docs/unused-suppression.md"),
};

const UNUSED: &str = UNUSED_SUPPRESSION.id;

/// Where a comment may start: `<!--`, a Liquid tag, a Handlebars comment.
static OPENER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--|\{%-?|\{\{~?!(?:--)?").expect("opener pattern compiles"));
static HTML_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"-->").expect("compiles"));
static TAG_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"-?%\}").expect("compiles"));
static END_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{%-?\s*endcomment\s*-?%\}").expect("endcomment pattern compiles")
});
static LONG_MUSTACHE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"--~?\}\}").expect("compiles"));
static MUSTACHE_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"~?\}\}").expect("compiles"));

/// An id (or the `--` starting a reason) in a directive.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^,\s]+").expect("compiles"));

/// Suppression directives of one input.
#[derive(Debug, Clone)]
pub struct Suppressions {
    directives: Vec<Directive>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

impl Form {
    fn from_keyword(word: &str) -> Option<Form> {
        match word {
            "draftlint-disable" => Some(Form::Disable),
            "draftlint-enable" => Some(Form::Enable),
            "draftlint-disable-next-line" => Some(Form::DisableNextLine),
            "draftlint-disable-file" => Some(Form::DisableFile),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
struct Directive {
    form: Form,
    start: Position,
    end: Position,
    /// The directive as written, white space squeezed.
    text: String,
    /// One per id, or a single id-less entry for every lint.
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    /// The lint named, or `None` for every lint.
    id: Option<String>,
    effect: Effect,
}

#[derive(Debug, Clone)]
enum Effect {
    /// Suppresses findings on these lines.
    Suppress(RangeInclusive<usize>),
    /// Ends these (directive, entry) ranges: `draftlint-enable`.
    End(Vec<(usize, usize)>),
}

impl Entry {
    fn covers(&self, lint: &str, line: usize) -> bool {
        matches!(&self.effect, Effect::Suppress(lines) if lines.contains(&line))
            && self
                .id
                .as_deref()
                .is_none_or(|id| id.eq_ignore_ascii_case(lint))
    }
}

impl Suppressions {
    /// Directives of an input: comment directives in templates (Text, Markdown, Html), the
    /// `X-Draftlint-Disable` header ids (`header_ids`) for e-mail (InputKind::Eml), located in `bytes`.
    pub fn parse(bytes: &[u8], kind: InputKind, header_ids: &[String]) -> Suppressions {
        let directives = match kind {
            InputKind::Eml => header_directive(bytes, header_ids).into_iter().collect(),
            InputKind::Text | InputKind::Markdown | InputKind::Html => {
                comment_directives(&String::from_utf8_lossy(bytes))
            }
        };
        Suppressions { directives }
    }

    /// Whether there are none (the common case: lets callers skip work).
    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Drops suppressed diagnostics and appends one `unused-suppression` diagnostic per unused
    /// directive (or unused id); the result is sorted like the input (by start position, then lint).
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut used: Vec<Vec<bool>> = self
            .directives
            .iter()
            .map(|d| vec![false; d.entries.len()])
            .collect();
        let mut kept = Vec::with_capacity(diagnostics.len());
        for diagnostic in diagnostics {
            let mut suppressed = false;
            // Every covering entry counts as used, so overlapping directives are not reported.
            for (d, directive) in self.directives.iter().enumerate() {
                for (e, entry) in directive.entries.iter().enumerate() {
                    if entry.covers(diagnostic.lint, diagnostic.start.line) {
                        used[d][e] = true;
                        suppressed = true;
                    }
                }
            }
            if !suppressed {
                kept.push(diagnostic);
            }
        }
        // An enable is only as useful as the ranges it ends (which are never enables).
        for (d, directive) in self.directives.iter().enumerate() {
            for (e, entry) in directive.entries.iter().enumerate() {
                if let Effect::End(ends) = &entry.effect {
                    used[d][e] = ends.iter().any(|&(d2, e2)| used[d2][e2]);
                }
            }
        }
        for (directive, used) in self.directives.iter().zip(&used) {
            kept.extend(unused_reports(directive, used));
        }
        kept.sort_by(|a, b| (a.start, a.end, a.lint).cmp(&(b.start, b.end, b.lint)));
        kept
    }
}

/// The `unused-suppression` findings of a directive, given which of its entries were used.
fn unused_reports(directive: &Directive, used: &[bool]) -> Vec<Diagnostic> {
    let nothing = match directive.form {
        Form::Enable => "ends no suppression that was used",
        _ => "suppressed nothing",
    };
    let report = |message: String, suggestion: String| Diagnostic {
        lint: UNUSED,
        severity: UNUSED_SUPPRESSION.default_severity,
        start: directive.start,
        end: directive.end,
        message,
        suggestion: Some(suggestion),
        replacement: None,
        context: directive.text.clone(),
    };
    if !used.contains(&true) {
        return vec![report(
            format!("`{}` {nothing}", directive.text),
            "remove it".to_string(),
        )];
    }
    directive
        .entries
        .iter()
        .zip(used)
        .filter(|&(_, &used)| !used)
        .filter_map(|(entry, _)| entry.id.as_deref())
        .map(|id| {
            report(
                format!("`{id}` in this directive {nothing}"),
                format!("remove `{id}` from it"),
            )
        })
        .collect()
}

/// The whole-draft suppression of an e-mail's `X-Draftlint-Disable` headers, located at the first
/// such header line (line 1 if the simple scan cannot find it). Without ids there is none.
fn header_directive(bytes: &[u8], ids: &[String]) -> Option<Directive> {
    const NAME: &[u8] = b"x-draftlint-disable:";
    if ids.is_empty() {
        return None;
    }
    let (line, text) = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .take_while(|line| !line.is_empty())
        .enumerate()
        .find(|(_, line)| {
            line.get(..NAME.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(NAME))
        })
        .map_or((0, String::new()), |(i, line)| {
            (i, String::from_utf8_lossy(line).into_owned())
        });
    let text = match text.split_whitespace().collect::<Vec<_>>().join(" ") {
        found if !found.is_empty() => found,
        _ => format!("X-Draftlint-Disable: {}", ids.join(", ")),
    };
    Some(Directive {
        form: Form::DisableFile,
        start: Position {
            line: line + 1,
            column: 1,
        },
        end: Position {
            line: line + 1,
            column: text.chars().count() + 1,
        },
        entries: ids
            .iter()
            .map(|id| Entry {
                id: Some(id.clone()),
                effect: Effect::Suppress(0..=usize::MAX),
            })
            .collect(),
        text,
    })
}

/// The directives in a template's comments, with disable ranges ended by their enables.
fn comment_directives(text: &str) -> Vec<Directive> {
    let mut directives: Vec<Directive> = Vec::new();
    // Disable ranges not yet ended: (directive, entry).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut locator = Locator::new(text);
    for comment in comments(text) {
        let body = &text[comment.body.clone()];
        let Some(found) = directive_in(body) else {
            continue;
        };
        let start = locator.position(comment.body.start + found.start);
        let end = locator.position(comment.body.start + found.end);
        let comment_end = locator.position(comment.end);
        let index = directives.len();
        let ids = if found.ids.is_empty() {
            vec![None]
        } else {
            found.ids.into_iter().map(Some).collect()
        };
        let suppress = |lines: RangeInclusive<usize>| -> Vec<Entry> {
            ids.iter()
                .map(|id| Entry {
                    id: id.clone(),
                    effect: Effect::Suppress(lines.clone()),
                })
                .collect()
        };
        let entries = match found.form {
            Form::Disable => {
                open.extend((0..ids.len()).map(|e| (index, e)));
                suppress(start.line..=usize::MAX)
            }
            Form::DisableNextLine => suppress(comment_end.line + 1..=comment_end.line + 1),
            Form::DisableFile => suppress(0..=usize::MAX),
            Form::Enable => ids
                .iter()
                .map(|id| {
                    let (ended, still_open): (Vec<_>, Vec<_>) = std::mem::take(&mut open)
                        .into_iter()
                        .partition(|&(d, e)| match (id, &directives[d].entries[e].id) {
                            (None, _) => true,
                            (Some(id), Some(opened)) => id.eq_ignore_ascii_case(opened),
                            (Some(_), None) => false,
                        });
                    open = still_open;
                    for &(d, e) in &ended {
                        if let Effect::Suppress(lines) = &mut directives[d].entries[e].effect {
                            *lines = *lines.start()..=start.line - 1;
                        }
                    }
                    Entry {
                        id: id.clone(),
                        effect: Effect::End(ended),
                    }
                })
                .collect(),
        };
        directives.push(Directive {
            form: found.form,
            start,
            end,
            text: text[comment.body.start + found.start..comment.body.start + found.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            entries,
        });
    }
    directives
}

/// A directive found in a comment body: byte offsets in the body, form and ids.
struct Found {
    start: usize,
    end: usize,
    form: Form,
    ids: Vec<String>,
}

/// The directive a comment body starts with, if any: its keyword and the ids after it on the
/// same line, up to a `--` reason.
fn directive_in(body: &str) -> Option<Found> {
    let start = body.len() - body.trim_start().len();
    let rest = &body[start..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let keyword_len = line.find(char::is_whitespace).unwrap_or(line.len());
    let form = Form::from_keyword(&line[..keyword_len])?;
    let mut end = start + keyword_len;
    let mut ids = Vec::new();
    for token in TOKEN.find_iter(&line[keyword_len..]) {
        if token.as_str().starts_with("--") {
            break;
        }
        ids.push(token.as_str().to_string());
        end = start + keyword_len + token.end();
    }
    Some(Found {
        start,
        end,
        form,
        ids,
    })
}

/// A comment: the byte range of its text, and the offset just past its end.
struct Comment {
    body: std::ops::Range<usize>,
    end: usize,
}

/// A comment terminator, searched for at most until it is first missing: a terminator absent
/// after one offset is absent after every later one, so unterminated comments cost one search
/// (which keeps the scan linear).
struct Terminator {
    regex: &'static Regex,
    exhausted: bool,
}

impl Terminator {
    fn new(regex: &'static Regex) -> Terminator {
        Terminator {
            regex,
            exhausted: false,
        }
    }

    fn find(&mut self, text: &str, from: usize) -> Option<(usize, usize)> {
        if self.exhausted {
            return None;
        }
        let found = self.regex.find_at(text, from).map(|m| (m.start(), m.end()));
        self.exhausted = found.is_none();
        found
    }
}

/// The template comments of `text`, in order, none inside another.
fn comments(text: &str) -> Vec<Comment> {
    let mut html_end = Terminator::new(&HTML_END);
    let mut tag_end = Terminator::new(&TAG_END);
    let mut end_comment = Terminator::new(&END_COMMENT);
    let mut long_mustache_end = Terminator::new(&LONG_MUSTACHE_END);
    let mut mustache_end = Terminator::new(&MUSTACHE_END);
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(opener) = OPENER.find_at(text, at) {
        let open = opener.end();
        at = open;
        let terminator = match opener.as_str() {
            "<!--" => &mut html_end,
            o if o.starts_with("{%") => &mut tag_end,
            o if o.ends_with("--") => &mut long_mustache_end,
            _ => &mut mustache_end,
        };
        let Some((close, end)) = terminator.find(text, open) else {
            continue;
        };
        at = end;
        if !opener.as_str().starts_with("{%") {
            found.push(Comment {
                body: open..close,
                end,
            });
            continue;
        }
        // A Liquid tag: a comment only as `{% # ... %}` or `{% comment %} ... {% endcomment %}`.
        let tag = text[open..close].trim_start();
        if let Some(inline) = tag.strip_prefix('#') {
            found.push(Comment {
                body: close - inline.len()..close,
                end,
            });
        } else if tag.trim_end() == "comment" {
            if let Some((body_end, block_end)) = end_comment.find(text, end) {
                found.push(Comment {
                    body: end..body_end,
                    end: block_end,
                });
                at = block_end;
            }
        }
    }
    found
}

/// Positions of increasing offsets in a text, counted in one pass over it: lines, and columns in
/// characters (like [`crate::draft::LineIndex`], whose lossy-UTF-8 counting this matches).
struct Locator<'a> {
    text: &'a str,
    offset: usize,
    position: Position,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Locator<'a> {
        Locator {
            text,
            offset: 0,
            position: Position { line: 1, column: 1 },
        }
    }

    /// The position of `offset`, which is not before the previous one asked for.
    fn position(&mut self, offset: usize) -> Position {
        for c in self.text[self.offset..offset].chars() {
            if c == '\n' {
                self.position = Position {
                    line: self.position.line + 1,
                    column: 1,
                };
            } else {
                self.position.column += 1;
            }
        }
        self.offset = offset;
        self.position
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finding of `lint` on `line`.
    fn finding(lint: &'static str, line: usize) -> Diagnostic {
        Diagnostic {
            lint,
            severity: Severity::Warning,
            start: Position { line, column: 1 },
            end: Position { line, column: 5 },
            message: format!("{lint} here"),
            suggestion: None,
            replacement: None,
            context: String::new(),
        }
    }

    fn apply(text: &str, kind: InputKind, findings: &[(&'static str, usize)]) -> Vec<Diagnostic> {
        let header_ids = Vec::new();
        apply_with(text.as_bytes(), kind, &header_ids, findings)
    }

    fn apply_with(
        bytes: &[u8],
        kind: InputKind,
        header_ids: &[String],
        findings: &[(&'static str, usize)],
    ) -> Vec<Diagnostic> {
        let diagnostics = findings
            .iter()
            .map(|&(lint, line)| finding(lint, line))
            .collect();
        Suppressions::parse(bytes, kind, header_ids).apply(diagnostics)
    }

    /// (lint, line) of each diagnostic, unused suppressions included.
    fn summary(diagnostics: &[Diagnostic]) -> Vec<(&'static str, usize)> {
        diagnostics.iter().map(|d| (d.lint, d.start.line)).collect()
    }

    /// Each comment syntax: what goes before and after a directive.
    const SYNTAXES: &[(&str, &str)] = &[
        ("{% comment %} ", " {% endcomment %}"),
        ("{%- comment -%}", "{%- endcomment -%}"),
        ("{% # ", " %}"),
        ("{%- # ", " -%}"),
        ("{{!-- ", " --}}"),
        ("{{! ", " }}"),
        ("<!-- ", " -->"),
    ];

    #[test]
    fn disable_enable_range_in_every_syntax() {
        for (open, close) in SYNTAXES {
            let wrap = |directive| format!("{open}{directive}{close}");
            let text = format!(
                "Hi,\n{}\nSLA one.\nSLA two.\n{}\nSLA three.\n",
                wrap("draftlint-disable jargon"),
                wrap("draftlint-enable jargon"),
            );
            let got = apply(
                &text,
                InputKind::Html,
                &[
                    ("jargon", 1),
                    ("jargon", 3),
                    ("blame-shifting", 3),
                    ("jargon", 4),
                    ("jargon", 6),
                ],
            );
            assert_eq!(
                summary(&got),
                [("jargon", 1), ("blame-shifting", 3), ("jargon", 6)],
                "{open}"
            );
        }
    }

    #[test]
    fn disable_next_line_in_every_syntax() {
        for (open, close) in SYNTAXES {
            let wrap = |directive| format!("{open}{directive}{close}");
            let text = format!(
                "Hi,\n{}\nSLA one.\nSLA two.\n",
                wrap("draftlint-disable-next-line jargon")
            );
            let got = apply(
                &text,
                InputKind::Text,
                &[("jargon", 2), ("jargon", 3), ("jargon", 4)],
            );
            assert_eq!(summary(&got), [("jargon", 2), ("jargon", 4)], "{open}");
        }
    }

    #[test]
    fn disable_file_in_every_syntax() {
        for (open, close) in SYNTAXES {
            let wrap = |directive| format!("{open}{directive}{close}");
            let text = format!(
                "SLA one.\nSLA two.\n{}\n",
                wrap("draftlint-disable-file jargon")
            );
            let got = apply(
                &text,
                InputKind::Markdown,
                &[("jargon", 1), ("worried-opener", 1), ("jargon", 9)],
            );
            assert_eq!(summary(&got), [("worried-opener", 1)], "{open}");
        }
    }

    #[test]
    fn no_ids_means_every_lint() {
        let text = "<!-- draftlint-disable-next-line -->\nSLA, your fault.\nAgain.\n";
        let got = apply(
            text,
            InputKind::Html,
            &[("jargon", 2), ("blame-shifting", 2), ("jargon", 3)],
        );
        assert_eq!(summary(&got), [("jargon", 3)]);
    }

    #[test]
    fn id_list_with_commas_and_spaces() {
        let text = "<!-- draftlint-disable-file jargon,blame-shifting  worried-opener , missing-next-step -->\n";
        let got = apply(
            text,
            InputKind::Html,
            &[
                ("jargon", 2),
                ("blame-shifting", 2),
                ("worried-opener", 3),
                ("missing-next-step", 4),
                ("missing-delay-ack", 4),
            ],
        );
        assert_eq!(summary(&got), [("missing-delay-ack", 4)]);
    }

    #[test]
    fn enable_without_ids_ends_every_range() {
        let text = "{{! draftlint-disable jargon }}\n{{! draftlint-disable blame-shifting }}\nx\n{{! draftlint-enable }}\ny\n";
        let got = apply(
            text,
            InputKind::Text,
            &[
                ("jargon", 3),
                ("blame-shifting", 3),
                ("jargon", 5),
                ("blame-shifting", 5),
            ],
        );
        assert_eq!(summary(&got), [("blame-shifting", 5), ("jargon", 5)]);
    }

    #[test]
    fn disable_without_enable_runs_to_the_end() {
        let text = "a\n<!-- draftlint-disable -->\nb\n";
        let got = apply(
            text,
            InputKind::Html,
            &[("jargon", 1), ("jargon", 2), ("jargon", 3)],
        );
        assert_eq!(summary(&got), [("jargon", 1)]);
    }

    #[test]
    fn findings_outside_the_range_are_kept() {
        let text = "one\n<!-- draftlint-disable jargon -->\ntwo\n<!-- draftlint-enable jargon -->\nthree\n";
        let got = apply(
            text,
            InputKind::Html,
            &[("jargon", 1), ("jargon", 3), ("jargon", 4), ("jargon", 5)],
        );
        assert_eq!(summary(&got), [("jargon", 1), ("jargon", 4), ("jargon", 5)]);
    }

    #[test]
    fn unused_directive_is_reported_at_its_position() {
        let text = "Hi,\n  Thanks! {{!-- draftlint-disable-next-line jargon --}}\nAll good.\n";
        let got = apply(text, InputKind::Text, &[("jargon", 1)]);
        assert_eq!(got.len(), 2);
        let unused = &got[1];
        assert_eq!(unused.lint, "unused-suppression");
        assert_eq!(unused.severity, Severity::Info);
        assert_eq!(
            unused.start,
            Position {
                line: 2,
                column: 17
            }
        );
        assert_eq!(
            unused.end,
            Position {
                line: 2,
                column: 51
            }
        );
        assert_eq!(
            unused.message,
            "`draftlint-disable-next-line jargon` suppressed nothing"
        );
        assert_eq!(unused.suggestion.as_deref(), Some("remove it"));
        assert_eq!(unused.context, "draftlint-disable-next-line jargon");
    }

    #[test]
    fn columns_count_characters_and_invalid_bytes_as_one() {
        let got = apply_with(
            b"\xff\xfe caf\xc3\xa9 <!-- draftlint-disable -->\n",
            InputKind::Html,
            &[],
            &[],
        );
        assert_eq!(
            got[0].start,
            Position {
                line: 1,
                column: 14
            }
        );
    }

    #[test]
    fn partially_used_directive_reports_unused_id() {
        let text = "{% # draftlint-disable-next-line jargon, blame-shifting %}\nSLA.\n";
        let got = apply(text, InputKind::Text, &[("jargon", 2)]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].lint, "unused-suppression");
        assert_eq!(got[0].start, Position { line: 1, column: 6 });
        assert_eq!(
            got[0].message,
            "`blame-shifting` in this directive suppressed nothing"
        );
        assert_eq!(
            got[0].suggestion.as_deref(),
            Some("remove `blame-shifting` from it")
        );
        assert_eq!(
            got[0].context,
            "draftlint-disable-next-line jargon, blame-shifting"
        );
    }

    #[test]
    fn unused_enable_is_reported_with_its_unused_disable() {
        let text = "<!-- draftlint-disable jargon -->\nfine\n<!-- draftlint-enable jargon -->\n<!-- draftlint-enable tone -->\n";
        let got = apply(text, InputKind::Html, &[]);
        assert_eq!(
            got.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
            [
                "`draftlint-disable jargon` suppressed nothing",
                "`draftlint-enable jargon` ends no suppression that was used",
                "`draftlint-enable tone` ends no suppression that was used",
            ]
        );
        let used = apply(text, InputKind::Html, &[("jargon", 2)]);
        assert_eq!(
            summary(&used),
            [("unused-suppression", 4)],
            "the enable of a used range is used"
        );
    }

    #[test]
    fn reason_after_double_dash_and_later_lines_are_not_ids() {
        let text = "{% comment %}\ndraftlint-disable-file jargon -- the customer is an engineer\nand knows the SLA.\n{% endcomment %}\n";
        let got = apply(text, InputKind::Text, &[("jargon", 6)]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn directive_must_start_the_comment() {
        for text in [
            "<!-- note: draftlint-disable -->\nx\n",
            "<!-- draftlint-disabled -->\nx\n",
            "draftlint-disable outside any comment\nx\n",
            "{% if draftlint-disable %}\nx\n",
        ] {
            let suppressions = Suppressions::parse(text.as_bytes(), InputKind::Html, &[]);
            assert!(suppressions.is_empty(), "{text}");
        }
    }

    #[test]
    fn multi_line_comment_next_line_applies_after_its_end() {
        let text = "<!--\n  draftlint-disable-next-line jargon\n  because they asked\n-->\nSLA.\n";
        let got = apply(text, InputKind::Html, &[("jargon", 3), ("jargon", 5)]);
        assert_eq!(summary(&got), [("jargon", 3)]);
    }

    #[test]
    fn eml_header_suppresses_the_whole_draft() {
        let eml =
            b"From: a@example.com\r\nX-Draftlint-Disable: jargon\r\nSubject: Hi\r\n\r\nSLA.\r\n";
        let ids = vec!["jargon".to_string()];
        let got = apply_with(
            eml,
            InputKind::Eml,
            &ids,
            &[("jargon", 5), ("blame-shifting", 5)],
        );
        assert_eq!(summary(&got), [("blame-shifting", 5)]);
    }

    #[test]
    fn eml_unused_header_id_is_reported_at_the_header_line() {
        let eml = b"From: a@example.com\nx-draftlint-disable: jargon, missing-next-step\nSubject: Hi\n\nSLA.\n";
        let ids = vec!["jargon".to_string(), "missing-next-step".to_string()];
        let got = apply_with(eml, InputKind::Eml, &ids, &[("jargon", 5)]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].start, Position { line: 2, column: 1 });
        assert_eq!(
            got[0].end,
            Position {
                line: 2,
                column: 47
            }
        );
        assert_eq!(
            got[0].message,
            "`missing-next-step` in this directive suppressed nothing"
        );
        let got = apply_with(eml, InputKind::Eml, &ids, &[]);
        assert_eq!(
            got[0].message,
            "`x-draftlint-disable: jargon, missing-next-step` suppressed nothing"
        );
    }

    #[test]
    fn eml_body_directives_are_not_honoured() {
        let eml = b"From: a@example.com\nSubject: Hi\n\n<!-- draftlint-disable-file -->\nSLA.\n";
        let suppressions = Suppressions::parse(eml, InputKind::Eml, &[]);
        assert!(suppressions.is_empty());
        let got = apply_with(eml, InputKind::Eml, &[], &[("jargon", 5)]);
        assert_eq!(summary(&got), [("jargon", 5)]);
    }

    #[test]
    fn result_is_sorted_by_position_then_lint() {
        let text = "<!-- draftlint-disable tone -->\nx\n";
        let got = apply(
            text,
            InputKind::Html,
            &[("jargon", 1), ("blame-shifting", 2)],
        );
        assert_eq!(
            summary(&got),
            [
                ("jargon", 1),
                ("unused-suppression", 1),
                ("blame-shifting", 2)
            ]
        );
    }

    #[test]
    fn malformed_inputs_do_not_panic() {
        let inputs: &[&[u8]] = &[
            b"",
            b"<!--",
            b"<!-- draftlint-disable",
            b"{%",
            b"{%-",
            b"{% comment %} draftlint-disable",
            b"{% comment %}{% endcomment",
            b"{% # draftlint-disable %",
            b"{{!-- draftlint-disable }}",
            b"{{! draftlint-disable",
            b"{{~!-- draftlint-disable --~}}",
            b"<!-- draftlint-disable \xff\xfe -->\n\xc3",
            b"\xff<!--\xff draftlint-enable -->{%\xff%}",
            b"<!---->{%%}{{!}}{{!----}}{%-%}{%--%}",
            b"<!-- draftlint-enable , , -- -->",
            "<!-- draftlint-disable\u{a0}jargon\u{2003}x\u{3000} -->".as_bytes(),
            b"<!-- draftlint-disable -->\n<!-- draftlint-disable -->",
        ];
        for input in inputs {
            for kind in [InputKind::Text, InputKind::Html, InputKind::Eml] {
                let ids = vec!["jargon".to_string()];
                apply_with(input, kind, &ids, &[("jargon", 1), ("jargon", 2)]);
            }
        }
    }

    #[test]
    fn unterminated_openers_cost_linear_time() {
        // Quadratic rescanning would take minutes here.
        let text = "<!--{%{{!{{!--{% comment %}".repeat(40_000);
        assert!(Suppressions::parse(text.as_bytes(), InputKind::Html, &[]).is_empty());
        let text = "<!--draftlint-disable-->".repeat(40_000);
        let got = apply(&text, InputKind::Html, &[]);
        assert_eq!(got.len(), 40_000);
        assert_eq!(got[39_999].start.column, 24 * 39_999 + 5);
    }
}
