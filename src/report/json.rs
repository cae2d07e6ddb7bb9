//! `--format json`: one JSON array of findings, sorted by path, line and column.

use std::io::{self, Write};

use serde::Serialize;

use super::{Reporter, Summary};
use crate::{FileReport, Origin, Severity};

/// One finding as a JSON object. `end_column` is exclusive; `origin` says whether line and
/// column count in the file or in the decoded message body; `lossy` (only when true, so older
/// consumers see the same objects) that the input had invalid byte sequences, shown as U+FFFD.
#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    lint: &'a str,
    severity: Severity,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    suggestion: Option<&'a str>,
    origin: Origin,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    lossy: bool,
}

pub struct Json<W: Write> {
    out: W,
    written: usize,
}

impl<W: Write> Json<W> {
    pub fn new(out: W) -> Self {
        Json { out, written: 0 }
    }
}

impl<W: Write> Reporter for Json<W> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let label = report.label();
        for finding in &report.findings {
            let d = &finding.diagnostic;
            let object = JsonFinding {
                path: &label,
                lint: d.lint,
                severity: d.severity,
                line: d.start.line,
                column: d.start.column,
                end_line: d.end.line,
                end_column: d.end.column,
                message: &d.message,
                suggestion: d.suggestion.as_deref(),
                origin: report.origin,
                lossy: report.lossy,
            };
            self.out.write_all(if self.written == 0 {
                b"[\n  "
            } else {
                b",\n  "
            })?;
            serde_json::to_writer(&mut self.out, &object)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out
            .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
}
