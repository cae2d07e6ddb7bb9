//! The default format: each finding with its source line and the span marked (rendered by
//! annotate-snippets), then a summary line.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use colored::Colorize;

use super::{Reporter, Summary, visible};
use crate::{FileReport, Finding, Origin, Severity};

pub struct Human<W: Write> {
    out: W,
    renderer: Renderer,
}

impl<W: Write> Human<W> {
    /// Output is always styled; the stream it goes to strips styles where colour is off.
    pub fn new(out: W) -> Self {
        Human {
            out,
            renderer: Renderer::styled(),
        }
    }
}

impl<W: Write> Reporter for Human<W> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        // Once per input, findings or not: what it shows is not quite what the file holds.
        if report.lossy {
            let note = format!(
                "{}: invalid byte sequences (not UTF-8, or not in its charset) are shown as \u{fffd}, one column each",
                visible(&report.label())
            );
            let rendered = self
                .renderer
                .render(&[Group::with_title(Level::NOTE.primary_title(note))]);
            writeln!(self.out, "{rendered}\n")?;
        }
        for finding in &report.findings {
            let rendered = self.renderer.render(&groups(report, finding));
            writeln!(self.out, "{rendered}\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let files = plural(summary.files, "file");
        let line = match summary.findings() {
            0 => format!("Checked {files}: {}.", "no findings".green().bold()),
            n => {
                let per_lint: Vec<String> = summary
                    .per_lint
                    .iter()
                    .map(|(lint, n)| format!("{lint} {n}"))
                    .collect();
                format!(
                    "Checked {files}: {} ({}).",
                    plural(n, "finding").yellow().bold(),
                    per_lint.join(", ")
                )
            }
        };
        writeln!(self.out, "{line}")?;
        if summary.failed > 0 {
            writeln!(
                self.out,
                "{}",
                format!("{} could not be linted.", plural(summary.failed, "file"))
                    .red()
                    .bold()
            )?;
        }
        self.out.flush()
    }
}

fn groups<'a>(report: &'a FileReport, finding: &'a Finding) -> Vec<Group<'a>> {
    let d = &finding.diagnostic;
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    // Input text is made terminal-safe one character for one, so columns still hold. A source
    // cut before the span starts with "…", one column standing for those cut.
    let cut = finding.source_column - 1;
    let mut source = visible(&finding.source).into_owned();
    let mut start_column = d.start.column;
    let mut end_column = d.end.column;
    if cut > 0 {
        source.insert(0, '\u{2026}');
        start_column -= cut - 1;
        if d.end.line == d.start.line {
            end_column -= cut - 1;
        }
    }
    let span = byte_span(&source, start_column, d.end.line - d.start.line, end_column);
    let mut snippet = Snippet::source(source)
        .line_start(d.start.line)
        .fold(false)
        .annotation(AnnotationKind::Primary.span(span));
    let path = visible(&report.label()).into_owned();
    let mut group = Group::with_title(
        level
            .primary_title(visible(&d.message).into_owned())
            .id(d.lint),
    );
    if cut > 0 {
        // The column the snippet would give counts from the cut: name the real one.
        group = group.element(
            annotate_snippets::Origin::path(path)
                .line(d.start.line)
                .char_column(d.start.column),
        );
    } else {
        snippet = snippet.path(path);
    }
    group = group.element(snippet);
    if let Some(suggestion) = &d.suggestion {
        group = group.element(Level::HELP.message(suggestion));
    }
    if report.origin == Origin::DecodedBody {
        group = group.element(Level::NOTE.message(
            "line and column count in the decoded message body (base64 or converted charset), not in the file",
        ));
    }
    vec![group]
}

/// The byte range in `source` (lines joined by `\n`) from 1-based character `start_column` on
/// its first line to exclusive `end_column` on line `end_line_offset`.
fn byte_span(
    source: &str,
    start_column: usize,
    end_line_offset: usize,
    end_column: usize,
) -> std::ops::Range<usize> {
    let byte_at = |line_index: usize, column: usize| {
        let line_start: usize = source
            .split('\n')
            .take(line_index)
            .map(|l| l.len() + 1)
            .sum();
        let line = source.split('\n').nth(line_index).unwrap_or("");
        let within = line
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        (line_start + within).min(source.len())
    };
    let start = byte_at(0, start_column);
    let end = byte_at(end_line_offset, end_column).max(start);
    start..end
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::byte_span;

    #[test]
    fn spans_count_characters_and_cross_lines() {
        assert_eq!(byte_span("zwölf circle", 7, 0, 13), 7..13);
        assert_eq!(byte_span("we will circle\nback now", 9, 1, 5), 8..19);
    }
}
