//! Phrase lists and their matcher; the data format is in [`data`].

mod data;

use std::collections::BTreeMap;
use std::ops::Range;

use regex_automata::{Input, meta};

pub use data::{Entry, PhraseFile, Scope};

use super::Severity;

/// A match of a [`Matcher`]: where, and which entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub span: Range<usize>,
    pub entry: usize,
}

#[derive(Default)]
struct Rules {
    not_before: Option<meta::Regex>,
    not_after: Option<meta::Regex>,
}

/// All entries of one list in one multi-pattern regex, searched leftmost-first in priority
/// order; the pattern that matched names the entry (no capture groups to resolve).
pub struct Matcher {
    regex: Option<meta::Regex>,
    /// Entry index of each pattern, in pattern order.
    entries_of: Vec<usize>,
    rules: Vec<Rules>,
}

/// How far around a match `not_before` / `not_after` look.
const CONTEXT_BYTES: usize = 60;

impl Matcher {
    /// The matcher of `entries` with `sets`; `terms` expands each entry to its inflected forms.
    pub fn new(
        entries: &[Entry],
        sets: &BTreeMap<String, Vec<String>>,
        terms: bool,
    ) -> Result<Matcher, String> {
        let alternatives = data::alternatives(entries, sets, terms)?;
        let mut rules = Vec::with_capacity(entries.len());
        for entry in entries {
            let rule = |p: &Option<String>, before: bool| -> Result<Option<meta::Regex>, String> {
                let Some(p) = p else { return Ok(None) };
                let pattern = data::context_pattern(p, sets, before)?;
                build(&[&pattern])
                    .map(Some)
                    .map_err(|e| format!("{:?}: {e}", entry.pattern))
            };
            rules.push(Rules {
                not_before: rule(&entry.not_before, true)?,
                not_after: rule(&entry.not_after, false)?,
            });
        }
        let patterns: Vec<&str> = alternatives.iter().map(|(_, p)| p.as_str()).collect();
        let regex = if patterns.is_empty() {
            None
        } else {
            Some(build(&patterns)?)
        };
        Ok(Matcher {
            regex,
            entries_of: alternatives.iter().map(|(i, _)| *i).collect(),
            rules,
        })
    }

    /// Matches within `text[range]`, on word boundaries, honouring each entry's context rules.
    pub fn find_in(&self, text: &str, range: Range<usize>) -> Vec<Found> {
        let Some(regex) = &self.regex else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let hay = &text[..range.end];
        let mut at = range.start;
        while at < range.end {
            let Some(m) = regex.search(&Input::new(hay).span(at..hay.len())) else {
                break;
            };
            let entry = self.entries_of[m.pattern().as_usize()];
            let span = m.range();
            // Patterns match bytes: a match cutting through a character (a pattern ending in
            // one byte of it) is not a phrase.
            let whole_chars = hay.is_char_boundary(span.start) && hay.is_char_boundary(span.end);
            if !span.is_empty() && whole_chars && self.context_allows(entry, hay, &span) {
                at = span.end;
                found.push(Found { span, entry });
            } else {
                at = next_char(hay, floor_boundary(hay, span.start));
            }
        }
        found
    }

    pub fn is_match_in(&self, text: &str, range: Range<usize>) -> bool {
        !self.find_in(text, range).is_empty()
    }

    fn context_allows(&self, entry: usize, hay: &str, span: &Range<usize>) -> bool {
        let rules = &self.rules[entry];
        let before_ok = rules.not_before.as_ref().is_none_or(|re| {
            let from = floor_boundary(hay, span.start.saturating_sub(CONTEXT_BYTES));
            !re.is_match(&hay[from..span.start])
        });
        let after_ok = rules.not_after.as_ref().is_none_or(|re| {
            let to = floor_boundary(hay, (span.end + CONTEXT_BYTES).min(hay.len()));
            !re.is_match(&hay[span.end..to])
        });
        before_ok && after_ok
    }
}

/// A regex error in one line: the crate's own message shows the expanded pattern over several.
fn one_line(error: &meta::BuildError) -> String {
    let text = error
        .syntax_error()
        .map_or_else(|| error.to_string(), ToString::to_string);
    let last = text.lines().rev().find(|l| l.starts_with("error:"));
    let line = last.map_or(text.lines().next().unwrap_or_default(), |l| {
        l.trim_start_matches("error: ")
    });
    if line.contains("Unicode not allowed") {
        // The usual cause: a class such as `[-–]`.
        return format!("{line} (patterns are ASCII: write `(?:-|–)`, not `[-–]`)");
    }
    line.to_string()
}

/// Compiles `patterns` as one leftmost-first multi-pattern regex, within a size limit (packs
/// come from users).
fn build(patterns: &[&str]) -> Result<meta::Regex, String> {
    meta::Regex::builder()
        .syntax(data::syntax())
        .configure(meta::Config::new().nfa_size_limit(Some(1 << 24)))
        .build_many(patterns)
        .map_err(|e| one_line(&e))
}

fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(pattern: &str) -> Entry {
        Entry {
            pattern: pattern.into(),
            suggestion: None,
            forms: vec![],
            not_before: None,
            not_after: None,
        }
    }

    fn spans(m: &Matcher, text: &str) -> Vec<String> {
        m.find_in(text, 0..text.len())
            .into_iter()
            .map(|f| text[f.span].to_string())
            .collect()
    }

    #[test]
    fn terms_match_inflections_on_whole_words_only() {
        let terms = [
            entry("ping"),
            entry("leverage"),
            entry("circle back"),
            entry("backend"),
            entry("ETA"),
        ];
        let m = Matcher::new(&terms, &BTreeMap::new(), true).unwrap();
        assert_eq!(
            spans(
                &m,
                "I pinged them, leveraging our backends; circling\nback with an ETA."
            ),
            ["pinged", "leveraging", "backends", "circling\nback", "ETA"]
        );
        assert!(spans(&m, "shipping the backendless eta, pingpong").is_empty());
    }

    #[test]
    fn sets_spaces_and_apostrophes_expand() {
        let mut sets = BTreeMap::new();
        sets.insert(
            "party".to_string(),
            vec!["the courier".to_string(), "our warehouse".to_string()],
        );
        let m = Matcher::new(&[entry("that's on {party}")], &sets, false).unwrap();
        assert_eq!(
            spans(&m, "Well, that’s on  the courier."),
            ["that’s on  the courier"]
        );
        assert!(Matcher::new(&[entry("{nope}")], &sets, false).is_err());
        sets.insert("loop".to_string(), vec!["a {loop}".to_string()]);
        assert!(Matcher::new(&[entry("{loop}")], &sets, false).is_err());
    }

    #[test]
    fn context_rules_exclude_look_alikes() {
        let mut e = entry("you should have");
        e.not_after = Some("(?:received|got|gotten)".into());
        let m = Matcher::new(&[e], &BTreeMap::new(), false).unwrap();
        assert!(spans(&m, "You should have received the invoice.").is_empty());
        assert_eq!(
            spans(&m, "You should have read the manual."),
            ["You should have"]
        );
        let mut e = entry("bandwidth");
        e.not_before = Some("(?:internet|network)".into());
        let m = Matcher::new(&[e], &BTreeMap::new(), true).unwrap();
        assert!(spans(&m, "your internet bandwidth").is_empty());
        assert_eq!(spans(&m, "no bandwidth this week"), ["bandwidth"]);
    }

    #[test]
    fn an_alternative_ending_mid_word_gives_way() {
        let mut sets = BTreeMap::new();
        sets.insert(
            "when".to_string(),
            vec!["by \\d{1,2}".to_string(), "by \\d{1,2} ?pm".to_string()],
        );
        let m = Matcher::new(&[entry("call you {when}")], &sets, false).unwrap();
        assert_eq!(spans(&m, "We will call you by 6pm."), ["call you by 6pm"]);
    }

    #[test]
    fn ascii_patterns_still_read_typographic_text() {
        let mut sets = BTreeMap::new();
        sets.insert("range".to_string(), vec!["\\d+ ?(?:-|–) ?\\d+".to_string()]);
        let m = Matcher::new(
            &[entry("don't hesitate"), entry("within {range} days")],
            &sets,
            false,
        )
        .unwrap();
        assert_eq!(
            spans(&m, "Don’t\u{a0}hesitate: within 2–3 days."),
            ["Don’t\u{a0}hesitate", "within 2–3 days"]
        );
        // ASCII case-insensitivity: "É" is not "é", and a match never ends inside a character.
        let m = Matcher::new(&[entry("café")], &BTreeMap::new(), false).unwrap();
        assert_eq!(spans(&m, "le café"), ["café"]);
        assert!(spans(&m, "CAFÉ").is_empty());
        let m = Matcher::new(&[entry("caf\\xC3")], &BTreeMap::new(), false).unwrap();
        assert!(spans(&m, "un café").is_empty());
        // Non-ASCII inside a class is refused, with the alternative to write.
        let error = Matcher::new(&[entry("[-–]")], &BTreeMap::new(), false).err();
        assert!(error.is_some_and(|e| e.contains("write `(?:-|–)`") && !e.contains('\n')));
    }

    #[test]
    fn longer_entries_win() {
        let m = Matcher::new(
            &[entry("root cause"), entry("root cause analysis")],
            &BTreeMap::new(),
            true,
        )
        .unwrap();
        let found = m.find_in("a root cause analysis", 0..21);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entry, 1);
    }
}
