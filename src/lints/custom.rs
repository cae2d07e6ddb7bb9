//! Lints defined entirely by data: a pack file that names a new lint id gives its summary,
//! message, severity, scope, phrases (patterns) and suggestion, and draftlint runs it like a
//! built-in one.
//!
//! ```toml
//! lint = "house-style"
//! language = "en"
//! summary = "Words our style guide replaces"
//! message = "`{match}` is not our house style"
//! severity = "info"
//! scope = "anywhere"        # anywhere | opener | closing | subject
//! suggestion = "see the style guide"
//! explain = "Our style guide, section 4: ..."
//!
//! [[phrase]]
//! pattern = "kindly"
//! suggestion = "please"
//! ```

use super::phrases::{Matcher, PhraseFile, Scope};
use super::text::{closing, opener, squeeze};
use super::{Context, Hit, Lint, Meta, Severity};
use crate::draft::{Draft, Zone};

/// A lint from a pack's data file.
pub struct DataLint {
    meta: &'static Meta,
    phrases: Matcher,
    except: Matcher,
    scope: Scope,
    message: String,
    suggestions: Vec<Option<String>>,
}

impl DataLint {
    pub fn new(data: PhraseFile) -> Result<DataLint, String> {
        let scope = data.scope.unwrap_or_default();
        let default_suggestion = data.suggestion.clone();
        // Diagnostics name their lint with a `&'static str`; a run loads a pack once and keeps
        // its few lints to the end, so their metadata is leaked rather than reference-counted.
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let meta = Box::leak(Box::new(Meta {
            id: leak(data.lint.clone()),
            summary: leak(
                data.summary
                    .clone()
                    .unwrap_or_else(|| format!("Phrases from the `{}` pack", data.lint)),
            ),
            default_severity: data.severity.unwrap_or(Severity::Warning),
            doc: leak(
                data.explain
                    .clone()
                    .unwrap_or_else(|| format!("# {}\n\nDefined by a lint pack.\n", data.lint)),
            ),
        }));
        Ok(DataLint {
            meta,
            phrases: Matcher::new(&data.phrase, &data.sets, false)?,
            except: Matcher::new(&data.except, &data.sets, false)?,
            scope,
            message: data
                .message
                .unwrap_or_else(|| format!("`{{match}}` ({})", data.lint)),
            suggestions: data
                .phrase
                .iter()
                .map(|p| p.suggestion.clone().or_else(|| default_suggestion.clone()))
                .collect(),
        })
    }
}

impl Lint for DataLint {
    fn meta(&self) -> &'static Meta {
        self.meta
    }

    fn check(&self, draft: &Draft, _ctx: &Context, hits: &mut Vec<Hit>) {
        let text = &draft.text;
        let paragraphs = draft.author_paragraphs();
        let ranges = match self.scope {
            Scope::Anywhere => paragraphs,
            Scope::Opener => opener(text, &paragraphs).into_iter().collect(),
            Scope::Closing => closing(text, &paragraphs),
            Scope::Subject => draft
                .lines
                .iter()
                .filter(|l| l.zone == Zone::Subject)
                .map(|l| l.range.clone())
                .collect(),
        };
        for range in ranges {
            let shields = self.except.find_in(text, range.clone());
            for found in self.phrases.find_in(text, range) {
                if shields
                    .iter()
                    .any(|s| s.span.start < found.span.end && found.span.start < s.span.end)
                {
                    continue;
                }
                hits.push(Hit {
                    replacement: None,
                    message: self
                        .message
                        .replace("{match}", &squeeze(&text[found.span.clone()])),
                    suggestion: self.suggestions[found.entry].clone(),
                    span: found.span,
                });
            }
        }
    }
}
