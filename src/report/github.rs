//! `--format github`: GitHub Actions workflow commands, one per finding, which the runner turns
//! into annotations on the pull request's changed lines:
//!
//! ```text
//! ::warning file=macros/a.txt,line=3,col=9,endLine=3,endColumn=20,title=draftlint(jargon)::`circle back` is jargon the client may not understand (say "get back to you" instead)
//! ```
//!
//! `error` findings become `::error`, `info` ones `::notice`. No summary line: the runner would
//! print it as noise in the log.

use std::io::{self, Write};

use super::compact::{DECODED_BODY_NOTE, escape_except};
use super::{Reporter, Summary};
use crate::{FileReport, Origin, Severity};

pub struct Github<W: Write> {
    out: W,
}

impl<W: Write> Github<W> {
    pub fn new(out: W) -> Self {
        Github { out }
    }
}

impl<W: Write> Reporter for Github<W> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let file = property(&report.path);
        for finding in &report.findings {
            let d = &finding.diagnostic;
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (start, end) = (d.start, d.end);
            write!(self.out, "::{command} file={file},line={}", start.line)?;
            // GitHub rejects an annotation with columns that spans several lines, losing it.
            if start.line == end.line {
                write!(
                    self.out,
                    ",col={},endLine={},endColumn={}",
                    start.column, end.line, end.column
                )?;
            } else {
                write!(self.out, ",endLine={}", end.line)?;
            }
            let mut text = d.message.clone();
            if let Some(suggestion) = &d.suggestion {
                text.push_str(&format!(" ({suggestion})"));
            }
            if report.origin == Origin::DecodedBody {
                text.push(' ');
                text.push_str(DECODED_BODY_NOTE);
            }
            // The annotation points at the file; say which of its drafts.
            if let Some(part) = &report.part {
                text.push_str(&format!(" ({})", part.describe()));
            }
            writeln!(
                self.out,
                ",title={}::{}",
                property(&format!("draftlint({})", d.lint)),
                message(&text)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// A command's message, escaped as the runner unescapes it. Other control characters (which
/// the runner has no escape for) are shown as `\u{..}`, so that an ANSI sequence from the input
/// cannot style the log.
fn message(text: &str) -> String {
    escape_except(text, |c| c == '\r' || c == '\n')
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command property's value: a message's escapes plus `:` and `,`, which would end it.
fn property(text: &str) -> String {
    message(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{message, property};

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(message("50% off: a,b\r\nc"), "50%25 off: a,b%0D%0Ac");
        assert_eq!(property("50% off: a,b\r\nc"), "50%25 off%3A a%2Cb%0D%0Ac");
        assert_eq!(message("red\x1b[31m"), "red\\u{1b}[31m");
    }
}
