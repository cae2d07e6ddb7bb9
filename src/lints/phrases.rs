//! The phrase-data format of `lints/*.toml` and its compiled matcher.
//!
//! A pattern is a case-insensitive regular expression with three conveniences, so that data
//! files read like the phrases they hold:
//! - a space matches any run of white space (phrases survive line wrapping), and ` ?` optional
//!   white space ("5 ?pm" matches "5pm" and "5 pm");
//! - `'` matches a straight or a typographic apostrophe;
//! - `{name}` stands for the alternatives listed under `[sets] name = [...]`.
//!
//! Write `[a-z]+` rather than `\w+` for "any word": matching is case-insensitive anyway, and a
//! Unicode class under repetition costs the regex engine its fast path (the corpus run went
//! from 1.4 s to 6.7 s with a few of them).
//!
//! A match must begin and end on word boundaries (no letter or digit just outside it), so a
//! pattern begins and ends with a word, not with punctuation (", not ours" could never match
//! after "garage's"). Jargon `term`s are plain words, expanded to
//! their inflected forms ("ping" also matches "pinged", "pinging", "pings").

use std::collections::BTreeMap;
use std::ops::Range;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::Severity;

/// One data file: a lint's phrase lists for one language. The built-in lints and the lints of
/// packs share it: a pack file naming a built-in lint extends its lists; one naming a new lint
/// defines it with the fields from `summary` on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseFile {
    pub lint: String,
    pub language: String,
    #[serde(default)]
    pub sets: BTreeMap<String, Vec<String>>,
    /// Jargon terms, expanded to inflected forms.
    #[serde(default)]
    pub term: Vec<Entry>,
    /// What the lint looks for.
    #[serde(default)]
    pub phrase: Vec<Entry>,
    /// Look-alikes: a `phrase` match overlapping one of these is not a finding.
    #[serde(default)]
    pub except: Vec<Entry>,
    /// What resolves the lint's concern (an apology resolves a delay).
    #[serde(default)]
    pub acknowledgement: Vec<Entry>,
    /// Words that are never findings (everyday acronyms).
    #[serde(default)]
    pub allow: Vec<String>,
    /// A new lint's one-line summary (`draftlint lints`).
    pub summary: Option<String>,
    /// A new lint's message; `{match}` stands for the matched text.
    pub message: Option<String>,
    /// A new lint's default severity.
    pub severity: Option<Severity>,
    /// Where a new lint looks.
    pub scope: Option<Scope>,
    /// A new lint's suggestion, for entries without their own.
    pub suggestion: Option<String>,
    /// A new lint's long explanation (`draftlint explain`).
    pub explain: Option<String>,
}

/// Where in the author text a data-defined lint looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// All author text.
    #[default]
    Anywhere,
    /// The first sentence after the greeting.
    Opener,
    /// The closing: the last paragraph, or the last three sentences.
    Closing,
    /// The Subject header.
    Subject,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// A pattern (`phrase`, `except`, `acknowledgement`) or a term (`term`).
    #[serde(alias = "term")]
    pub pattern: String,
    pub suggestion: Option<String>,
    /// Extra literal forms of a term (irregular inflections: "took this offline").
    #[serde(default)]
    pub forms: Vec<String>,
    /// Not a match when the text just before matches this pattern (anchored at the match).
    pub not_before: Option<String>,
    /// Not a match when the text just after matches this pattern (anchored at the match).
    pub not_after: Option<String>,
}

impl PhraseFile {
    pub fn parse(name: &str, toml_text: &str) -> Result<PhraseFile, String> {
        toml::from_str(toml_text).map_err(|e| format!("{name}: {e}"))
    }

    /// Every pattern of the file as a plain regex (sets and conveniences expanded, terms with
    /// their inflections), one per entry: what `draftlint lints --phrases` prints.
    pub fn expanded_patterns(&self) -> Result<Vec<String>, String> {
        let terms = self
            .term
            .iter()
            .map(|t| Ok(term_pattern(&t.pattern, &t.forms)));
        let lists = [&self.phrase, &self.except, &self.acknowledgement];
        let others = lists
            .into_iter()
            .flatten()
            .map(|e| expand(&e.pattern, &self.sets));
        terms.chain(others).collect()
    }

    /// Adds `other`'s lists to these (a pack extending a lint); its sets win on a clash.
    pub fn extend(&mut self, other: PhraseFile) {
        self.sets.extend(other.sets);
        self.term.extend(other.term);
        self.phrase.extend(other.phrase);
        self.except.extend(other.except);
        self.acknowledgement.extend(other.acknowledgement);
        self.allow.extend(other.allow);
    }
}

/// A match of a [`Matcher`]: where, and which entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub span: Range<usize>,
    pub entry: usize,
}

struct Compiled {
    not_before: Option<Regex>,
    not_after: Option<Regex>,
}

/// All entries of one list compiled into one regex, each entry a capture group.
pub struct Matcher {
    regex: Option<Regex>,
    /// Entry index of each capture group, in group order.
    groups: Vec<usize>,
    entries: Vec<Compiled>,
}

/// How far around a match `not_before` / `not_after` look.
const CONTEXT_BYTES: usize = 60;

impl Matcher {
    /// Compiles `entries` with `sets`; `terms` expands each entry to its inflected forms.
    pub fn new(
        entries: &[Entry],
        sets: &BTreeMap<String, Vec<String>>,
        terms: bool,
    ) -> Result<Matcher, String> {
        let mut alternatives = Vec::with_capacity(entries.len());
        let mut compiled = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let body = if terms {
                term_pattern(&entry.pattern, &entry.forms)
            } else {
                expand(&entry.pattern, sets)?
            };
            alternatives.push((i, body));
            let side = |p: &Option<String>, before: bool| -> Result<Option<Regex>, String> {
                p.as_ref()
                    .map(|p| {
                        let p = expand(p, sets)?;
                        let anchored = if before {
                            format!(r"\b(?:{p})\s*$")
                        } else {
                            format!(r"^\s*(?:{p})")
                        };
                        build(&anchored)
                            .map_err(|e| format!("{:?}: {}", entry.pattern, one_line(&e)))
                    })
                    .transpose()
            };
            compiled.push(Compiled {
                not_before: side(&entry.not_before, true)?,
                not_after: side(&entry.not_after, false)?,
            });
        }
        // Longer patterns first, so that alternation prefers "root cause analysis" to "root cause".
        alternatives.sort_by_key(|(_, body)| std::cmp::Reverse(body.len()));
        let groups: Vec<usize> = alternatives.iter().map(|(i, _)| *i).collect();
        let regex = if alternatives.is_empty() {
            None
        } else {
            // Word boundaries inside the regex, so that an alternative ending mid-word ("by 6" in
            // "by 6pm") gives way to one that does not, instead of losing the match.
            let joined: Vec<String> = alternatives
                .iter()
                .map(|(_, b)| format!(r"((?-u:\b{{start-half}})(?:{b})(?-u:\b{{end-half}}))"))
                .collect();
            Some(build(&joined.join("|")).map_err(|e| one_line(&e))?)
        };
        Ok(Matcher {
            regex,
            groups,
            entries: compiled,
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
            let Some(caps) = regex.captures_at(hay, at) else {
                break;
            };
            let whole = caps.get(0).expect("group 0 always matches");
            let group = (1..caps.len())
                .find(|&g| caps.get(g).is_some())
                .unwrap_or(1);
            let entry = self.groups[group - 1];
            let span = whole.range();
            if !span.is_empty() && self.context_allows(entry, hay, &span) {
                at = span.end;
                found.push(Found { span, entry });
            } else {
                at = next_char(hay, span.start);
            }
        }
        found
    }

    pub fn is_match_in(&self, text: &str, range: Range<usize>) -> bool {
        !self.find_in(text, range).is_empty()
    }

    fn context_allows(&self, entry: usize, hay: &str, span: &Range<usize>) -> bool {
        let rules = &self.entries[entry];
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
fn one_line(error: &regex::Error) -> String {
    let text = error.to_string();
    let last = text.lines().rev().find(|l| l.starts_with("error:"));
    last.map_or(text.lines().next().unwrap_or_default(), |l| {
        l.trim_start_matches("error: ")
    })
    .to_string()
}

fn build(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(1 << 24)
        .build()
}

/// Sets may name other sets, this deep.
const MAX_SET_DEPTH: usize = 4;

/// Expands the data-file conveniences into regex syntax.
fn expand(pattern: &str, sets: &BTreeMap<String, Vec<String>>) -> Result<String, String> {
    expand_at(pattern, sets, 0)
}

fn expand_at(
    pattern: &str,
    sets: &BTreeMap<String, Vec<String>>,
    depth: usize,
) -> Result<String, String> {
    if depth > MAX_SET_DEPTH {
        return Err(format!(
            "sets nest deeper than {MAX_SET_DEPTH} levels (a set naming itself?) in {pattern:?}"
        ));
    }
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            if let Some(close) = rest.find('}') {
                let name = &rest[1..close];
                // `{2}` and `{1,3}` are regex repetitions; set names start with a letter.
                let is_set_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if is_set_name {
                    let items = sets.get(name).ok_or_else(|| {
                        format!("pattern {pattern:?} names unknown set {{{name}}}")
                    })?;
                    let alts: Result<Vec<String>, String> = items
                        .iter()
                        .map(|item| expand_at(item, sets, depth + 1))
                        .collect();
                    out.push_str(&format!("(?:{})", alts?.join("|")));
                    rest = &rest[close + 1..];
                    continue;
                }
            }
        }
        match c {
            ' ' => {
                rest = rest.trim_start_matches(' ');
                match rest.strip_prefix('?') {
                    Some(after) => {
                        out.push_str(r"\s*");
                        rest = after;
                    }
                    None => out.push_str(r"\s+"),
                }
                continue;
            }
            '\'' => out.push_str("['’]"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}

/// Words too short or too common to inflect inside a multi-word term.
const NOT_INFLECTED: &[&str] = &[
    "the", "this", "that", "and", "for", "with", "our", "your", "off",
];

/// A term and its inflected forms as one regex alternative.
fn term_pattern(term: &str, extra_forms: &[String]) -> String {
    let words: Vec<String> = term.split_whitespace().map(word_forms).collect();
    let mut alts = vec![words.join(r"\s+")];
    alts.extend(extra_forms.iter().map(|f| {
        f.split_whitespace()
            .map(|w| regex::escape(w).replace('\'', "['’]"))
            .collect::<Vec<_>>()
            .join(r"\s+")
    }));
    alts.join("|")
}

fn word_forms(word: &str) -> String {
    // "tier-2" also matches "tier 2" and "tier2".
    let escaped = word
        .split('-')
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"[-\s]?");
    let is_acronym =
        word.chars().any(|c| c.is_ascii_uppercase()) && !word.chars().any(|c| c.is_lowercase());
    if is_acronym {
        // "ETA" is an acronym but "eta" is a letter, and "COB" a horse: capitals only.
        return format!("(?-i:{escaped}s?)");
    }
    let plain = word.chars().all(|c| c.is_ascii_lowercase());
    if !plain || word.len() < 3 || NOT_INFLECTED.contains(&word) {
        return escaped;
    }
    let last = word.chars().last().unwrap_or('x');
    if let Some(stem) = word.strip_suffix('e') {
        // leverage -> leverages, leveraged, leveraging
        return format!("{stem}(?:e|es|ed|ing)");
    }
    if let Some(stem) = word
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        // synergy -> synergies
        return format!("{stem}(?:y|ies|ied|ying)");
    }
    // ping -> pings, pinged, pinging; drop -> dropped (a doubled final consonant)
    format!("{word}(?:s|es|ed|ing|{last}ed|{last}ing)?")
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
