//! draftlint: a linter for e-mail drafts and support-macro templates.
//!
//! The pipeline: bytes -> [`Draft`] (headers, zones, line map) -> [`lints`] -> [`Diagnostic`]s
//! -> a [`report`].

pub mod baseline;
pub mod config;
pub mod draft;
mod embedded;
pub mod lints;
pub mod macros;
pub mod mbox;
pub mod report;
pub mod suppress;
pub mod walk;
pub mod workspace;

pub use draft::{Draft, DraftError, InputKind, Origin, Position};
pub use lints::{Context, Lint, Severity};
pub use walk::{Detect, Input};

use serde::Serialize;

/// A finding, located in the file (or decoded body) of its draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub lint: &'static str,
    pub severity: Severity,
    pub start: Position,
    /// Exclusive end.
    pub end: Position,
    pub message: String,
    pub suggestion: Option<String>,
    /// Text that can replace the span as it is (SARIF `fixes`), when there is one.
    pub replacement: Option<String>,
    /// The matched text with a few words either side on its line: identifies the finding
    /// independently of line numbers (baselines key on it).
    pub context: String,
}

/// Words either side of a match in [`Diagnostic::context`].
const CONTEXT_WORDS: usize = 3;

/// The lints of a run, ready to check drafts.
pub struct Linter {
    /// The selected lints, each with its severity in this configuration.
    lints: Vec<(Box<dyn Lint>, Severity)>,
    /// The severity of unused-suppression findings, `None` when it is not selected.
    unused_suppression: Option<Severity>,
}

impl Linter {
    /// A linter with every built-in lint at its default settings.
    pub fn new() -> Result<Linter, String> {
        Self::configured(&config::Config::default())
    }

    /// The lints `config` selects, with its settings and severities.
    pub fn configured(config: &config::Config) -> Result<Linter, String> {
        // The draft parser's patterns compile while the phrase lists do: together they are most
        // of the time of a run over one draft.
        let (all, ()) = rayon::join(
            || lints::builtin_with(&config.lints, &config.packs),
            draft::compile_patterns,
        );
        let all = all?;
        let unused = &suppress::UNUSED_SUPPRESSION;
        let ids: Vec<&str> = all.iter().map(|l| l.id()).chain([unused.id]).collect();
        let selected = config.selected(&ids);
        let severity_of = |meta: &lints::Meta| {
            let configured = config.lints.get(meta.id).and_then(|s| s.severity);
            configured
                .and_then(|l| l.severity())
                .unwrap_or(meta.default_severity)
        };
        let lints = all
            .into_iter()
            .filter(|lint| selected.contains(lint.id()))
            .map(|lint| {
                let severity = severity_of(lint.meta());
                (lint, severity)
            })
            .collect();
        Ok(Linter {
            lints,
            unused_suppression: selected.contains(unused.id).then(|| severity_of(unused)),
        })
    }

    /// Every lint a configuration may name, in a stable order.
    pub fn known() -> Vec<&'static lints::Meta> {
        let unused = &suppress::UNUSED_SUPPRESSION;
        lints::BUILTIN.iter().copied().chain([unused]).collect()
    }

    /// Every lint `config` may run: the built-in ones and its packs' own.
    pub fn known_with(config: &config::Config) -> Result<Vec<&'static lints::Meta>, String> {
        let all = lints::builtin_with(&config.lints, &config.packs)?;
        Ok(all
            .iter()
            .map(|l| l.meta())
            .chain([&suppress::UNUSED_SUPPRESSION])
            .collect())
    }

    /// The ids of [`Linter::known`].
    pub fn known_ids() -> Vec<&'static str> {
        Self::known().into_iter().map(|m| m.id).collect()
    }

    /// The lints this linter runs.
    pub fn lints(&self) -> impl Iterator<Item = &dyn Lint> {
        self.lints.iter().map(|(lint, _)| lint.as_ref())
    }

    /// `diagnostics` less those the input's suppression directives silence, plus the
    /// directives that silenced nothing (if that lint is selected).
    fn suppress(
        &self,
        bytes: &[u8],
        draft: &Draft,
        diagnostics: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let suppressions = suppress::Suppressions::parse(bytes, draft.kind, &draft.headers.disable);
        if suppressions.is_empty() {
            return diagnostics;
        }
        let unused_id = suppress::UNUSED_SUPPRESSION.id;
        let mut kept = suppressions.apply(diagnostics);
        kept.retain_mut(|d| match self.unused_suppression {
            _ if d.lint != unused_id => true,
            Some(severity) => {
                d.severity = severity;
                true
            }
            None => false,
        });
        kept
    }

    /// Every finding in `draft`, ordered by position, then lint.
    pub fn check(&self, draft: &Draft, ctx: &Context) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let mut hits = Vec::new();
        for (lint, severity) in &self.lints {
            hits.clear();
            lint.check(draft, ctx, &mut hits);
            diagnostics.extend(hits.drain(..).map(|hit| Diagnostic {
                lint: lint.id(),
                severity: *severity,
                start: draft.position(hit.span.start),
                end: draft.end_position(hit.span.clone()),
                context: draft.context(hit.span.clone(), CONTEXT_WORDS),
                message: hit.message,
                suggestion: hit.suggestion,
                replacement: hit.replacement,
            }));
        }
        diagnostics.sort_by(|a, b| (a.start, a.end, a.lint).cmp(&(b.start, b.end, b.lint)));
        diagnostics
    }
}

/// The findings of one input, with the source lines they point at.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user named it (or `<stdin>`).
    pub path: String,
    /// Which of several drafts in the file (a mailbox message, a macro of an export).
    pub part: Option<Part>,
    pub origin: Origin,
    /// Byte sequences invalid in the input's encoding were shown as U+FFFD.
    pub lossy: bool,
    pub findings: Vec<Finding>,
}

impl FileReport {
    /// What names this draft: the path, with `#N` for the N-th draft of a file.
    pub fn label(&self) -> std::borrow::Cow<'_, str> {
        match &self.part {
            Some(part) => format!("{}#{}", self.path, part.number()).into(),
            None => self.path.as_str().into(),
        }
    }
}

/// One of several drafts in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The N-th message of a mailbox.
    Message(usize),
    /// The N-th macro of a support-macro export.
    Macro { number: usize, title: String },
}

impl Part {
    pub fn number(&self) -> usize {
        match self {
            Part::Message(n) | Part::Macro { number: n, .. } => *n,
        }
    }

    /// For formats that point at the file itself: which draft in it.
    pub fn describe(&self) -> String {
        match self {
            Part::Message(n) => format!("message {n} of this mailbox"),
            Part::Macro { title, .. } => format!("macro {title:?}"),
        }
    }
}

/// Characters of source shown either side of a finding: a line of megabytes is neither shown
/// whole nor copied for each of its findings.
const SHOWN_AROUND: usize = 120;

/// A diagnostic and the source lines it spans, for display.
#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    /// Lines `start.line ..= end.line` of the file (or decoded body), joined by `\n`, cut to
    /// [`SHOWN_AROUND`] characters either side of the span.
    pub source: String,
    /// The column `source` starts at on its first line (1 unless the start was cut).
    pub source_column: usize,
}

/// What became of one input.
#[derive(Debug, Clone)]
pub enum Outcome {
    Checked(FileReport),
    /// Not a draft (an extensionless file that is not e-mail): silently skipped.
    Skipped,
    /// Unreadable or undecodable: `path: problem`.
    Failed {
        path: String,
        problem: String,
    },
}

impl Linter {
    /// Lints one file, which may hold several drafts: an mbox or a macro export gives one
    /// outcome per message or macro, named `shown#N`, its positions in file lines (where they
    /// count in the file at all). `shape`: the file is a macro export of that shape.
    pub fn check_file(
        &self,
        path: &std::path::Path,
        shown: &str,
        bytes: &[u8],
        detect: Detect,
        shape: Option<&macros::ExportShape>,
        ctx: &Context,
    ) -> Vec<Outcome> {
        if shape.is_some() || detect == Detect::Export {
            return self.check_export(shown, bytes, shape, ctx);
        }
        if !mbox::is_mbox(path, bytes) {
            return vec![self.check_bytes(shown, bytes, detect, ctx)];
        }
        mbox::split(bytes)
            .into_iter()
            .map(|message| {
                let mut outcome =
                    self.check_bytes(shown, &message.bytes, Detect::Known(InputKind::Eml), ctx);
                match &mut outcome {
                    Outcome::Checked(report) => {
                        report.part = Some(Part::Message(message.number));
                        if report.origin == Origin::File {
                            for finding in &mut report.findings {
                                finding.diagnostic.start.line += message.first_line - 1;
                                finding.diagnostic.end.line += message.first_line - 1;
                            }
                        }
                    }
                    Outcome::Failed { path, .. } => *path = format!("{shown}#{}", message.number),
                    Outcome::Skipped => {}
                }
                outcome
            })
            .collect()
    }

    /// Each reply text of a support-macro export (Zendesk's, or of `shape`), positions in the
    /// JSON file; JSON that is no such export is not a draft and is skipped.
    fn check_export(
        &self,
        shown: &str,
        bytes: &[u8],
        shape: Option<&macros::ExportShape>,
        ctx: &Context,
    ) -> Vec<Outcome> {
        let json = std::str::from_utf8(bytes).ok();
        let texts = match shape {
            Some(shape) => json.and_then(|text| macros::parse_shaped(text, shape)),
            None => json.and_then(macros::parse),
        };
        let Some(texts) = texts else {
            return vec![Outcome::Skipped];
        };
        texts
            .into_iter()
            .map(|text| {
                let kind = if text.html {
                    InputKind::Html
                } else {
                    InputKind::Text
                };
                let source = &bytes[text.source_range.clone()];
                let draft = Draft::embedded(&text.text, text.map, source, kind);
                let mut findings = self.findings(&draft, self.check(&draft, ctx));
                for finding in &mut findings {
                    finding.diagnostic.start.line += text.first_line - 1;
                    finding.diagnostic.end.line += text.first_line - 1;
                }
                Outcome::Checked(FileReport {
                    path: shown.to_string(),
                    part: Some(Part::Macro {
                        number: text.number,
                        title: text.title,
                    }),
                    origin: draft.origin(),
                    lossy: draft.lossy(),
                    findings,
                })
            })
            .collect()
    }

    /// Diagnostics with the source they span, for display: up to [`SHOWN_AROUND`] characters
    /// either side.
    fn findings(&self, draft: &Draft, diagnostics: Vec<Diagnostic>) -> Vec<Finding> {
        diagnostics
            .into_iter()
            .map(|diagnostic| {
                let (start, end) = (diagnostic.start, diagnostic.end);
                let source_column = start.column.saturating_sub(SHOWN_AROUND).max(1);
                let source = (start.line..=end.line)
                    .map(|line| {
                        let from = if line == start.line { source_column } else { 1 };
                        let last = match line {
                            _ if line == end.line => end.column,
                            _ if line == start.line => start.column,
                            _ => 1,
                        };
                        draft.source_excerpt(line, from..last + SHOWN_AROUND)
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                Finding {
                    diagnostic,
                    source,
                    source_column,
                }
            })
            .collect()
    }

    /// Parses and lints one input's bytes.
    pub fn check_bytes(&self, path: &str, bytes: &[u8], detect: Detect, ctx: &Context) -> Outcome {
        // Binary files are not drafts (ripgrep skips them too); mail handles its own encodings.
        let template = !matches!(detect, Detect::Known(InputKind::Eml));
        if template && draft::looks_binary(bytes) {
            return Outcome::Skipped;
        }
        if let Some(line) = line_over_limit(bytes) {
            return Outcome::Failed {
                path: path.to_string(),
                problem: format!(
                    "line {line} is over {MAX_LINE_LENGTH} bytes long, not a draft (max line length)"
                ),
            };
        }
        let kind = match detect {
            Detect::Known(kind) => kind,
            _ if InputKind::looks_like_email(bytes) => InputKind::Eml,
            Detect::EmailOrText => InputKind::Text,
            Detect::EmailOrSkip | Detect::Export => return Outcome::Skipped,
        };
        match Draft::parse(bytes, kind) {
            Ok(draft) => {
                let diagnostics = self.suppress(bytes, &draft, self.check(&draft, ctx));
                let findings = self.findings(&draft, diagnostics);
                Outcome::Checked(FileReport {
                    path: path.to_string(),
                    part: None,
                    origin: draft.origin(),
                    lossy: draft.lossy(),
                    findings,
                })
            }
            Err(err) => Outcome::Failed {
                path: path.to_string(),
                problem: err.to_string(),
            },
        }
    }
}

/// No one writes a line this long to a person; past it, an input is refused rather than linted
/// at a cost that grows with the line times its findings.
pub const MAX_LINE_LENGTH: usize = 1_000_000;

/// The 1-based number of the first line of `bytes` longer than [`MAX_LINE_LENGTH`]; LF, CRLF
/// and a lone CR end lines.
fn line_over_limit(bytes: &[u8]) -> Option<usize> {
    let ends = memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
        .chain([bytes.len()]);
    let mut start = 0;
    for (number, end) in ends.enumerate() {
        let line = &bytes[start..end];
        if line.strip_suffix(b"\r").unwrap_or(line).len() > MAX_LINE_LENGTH {
            return Some(number + 1);
        }
        start = end + 1;
    }
    None
}

/// An I/O error as one short phrase, without Rust's "(os error 2)".
pub fn describe_io(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_found_and_numbered_like_the_draft() {
        let long = "x".repeat(MAX_LINE_LENGTH + 1);
        assert_eq!(line_over_limit(b"short\r\nlines\rhere\n"), None);
        assert_eq!(line_over_limit(&[b'x'; MAX_LINE_LENGTH]), None);
        assert_eq!(line_over_limit(long.as_bytes()), Some(1));
        assert_eq!(
            line_over_limit(format!("a\r\nb\rc\n{long}\n").as_bytes()),
            Some(4)
        );
        // Bytes ending with CRLF do not count against the limit.
        let at_limit = "x".repeat(MAX_LINE_LENGTH) + "\r\n";
        assert_eq!(line_over_limit(at_limit.as_bytes()), None);
    }
}
