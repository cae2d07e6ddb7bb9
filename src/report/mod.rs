//! Output formats: one module per format, each a [`Reporter`]. All but SARIF (one document)
//! write each input's findings as they arrive.

mod compact;
mod github;
mod human;
mod json;
mod sarif;

use std::collections::BTreeMap;
use std::io;

pub use compact::Compact;
pub use github::Github;
pub use human::Human;
pub use json::Json;
pub use sarif::Sarif;

use crate::FileReport;
use crate::config::FailOn;

/// `text` safe for a terminal, character for character: C0 controls and DEL as their Unicode
/// control pictures (ESC as ␛), C1 controls and bidirectional overrides as �. One character
/// for one, so columns still line up under the source.
pub(crate) fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control() && c != '\t'
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\u{7f}' => '\u{2421}',
            c if (c as u32) < 0x20 && c != '\t' => {
                char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')
            }
            c if unsafe_char(c) => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Totals for a run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Inputs parsed and linted.
    pub files: usize,
    /// Inputs that could not be read or decoded.
    pub failed: usize,
    pub per_lint: BTreeMap<&'static str, usize>,
    /// Findings severe enough to fail the run.
    pub failing: usize,
}

impl Summary {
    pub fn add(&mut self, report: &FileReport, fail_on: FailOn) {
        self.files += 1;
        for finding in &report.findings {
            *self.per_lint.entry(finding.diagnostic.lint).or_default() += 1;
            self.failing += usize::from(fail_on.fails(finding.diagnostic.severity));
        }
    }

    pub fn findings(&self) -> usize {
        self.per_lint.values().sum()
    }
}

/// Writes a run's results in one format.
pub trait Reporter {
    /// One input's findings, in input order.
    fn file(&mut self, report: &FileReport) -> io::Result<()>;
    /// The end of the run.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}
