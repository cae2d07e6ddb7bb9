//! The phrase-data format of `lints/*.toml` and its expansion into regex patterns.
//!
//! A pattern is a case-insensitive regular expression with three conveniences, so that data
//! files read like the phrases they hold:
//! - a space matches any run of white space (phrases survive line wrapping), and ` ?` optional
//!   white space ("5 ?pm" matches "5pm" and "5 pm");
//! - `'` matches a straight or a typographic apostrophe;
//! - `{name}` stands for the alternatives listed under `[sets] name = [...]`.
//!
//! Patterns are ASCII regexes (regex-syntax without its Unicode mode): `\s`, `\d`, `\b`, `[a-z]`
//! and case-insensitivity cover ASCII; other characters are matched as written (outside
//! `[...]`, where they are refused: write `(?:-|–)`, not `[-–]`). With Unicode classes and case
//! folding, searching took 18% longer over `../shared/corpora` for the same findings: the data
//! is English phrases; names and other languages are never part of a pattern.
//!
//! A gap, `[^.!?\n]{0,60}?` (a lazy, bounded repetition of a class, between the parts of a
//! pattern), matches as a regex would, with one difference: what follows it is taken at the
//! nearest offset where it matches, and the part before the gap is never matched differently to
//! let the part after it match (see `automata.rs`, which makes the lists fast this way).
//!
//! A match must begin and end on word boundaries (no letter or digit just outside it), so a
//! pattern begins and ends with a word, not with punctuation (", not ours" could never match
//! after "garage's"). Jargon `term`s are plain words, expanded to
//! their inflected forms ("ping" also matches "pinged", "pinging", "pings").

use std::collections::BTreeMap;

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

    /// The file's lists of patterns: name, entries, and whether they are terms (expanded to
    /// their inflected forms).
    pub fn lists(&self) -> [(&'static str, &[Entry], bool); 4] {
        [
            ("term", &self.term, true),
            ("phrase", &self.phrase, false),
            ("except", &self.except, false),
            ("acknowledgement", &self.acknowledgement, false),
        ]
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

/// The alternatives of one list's matcher, in priority order: entry index and pattern, each
/// pattern wrapped in half word boundaries. `terms` expands each entry to its inflected forms.
pub fn alternatives(
    entries: &[Entry],
    sets: &BTreeMap<String, Vec<String>>,
    terms: bool,
) -> Result<Vec<(usize, String)>, String> {
    let mut alternatives = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let body = if terms {
            term_pattern(&entry.pattern, &entry.forms)
        } else {
            expand(&entry.pattern, sets)?
        };
        // Word boundaries inside each alternative, so that one ending mid-word ("by 6" in
        // "by 6pm") gives way to one that does not, instead of losing the match.
        let wrapped = format!(r"(?-u:\b{{start-half}})(?:{body})(?-u:\b{{end-half}})");
        alternatives.push((i, wrapped));
    }
    // Longer patterns first, so that the leftmost-first search prefers "root cause analysis" to
    // "root cause".
    alternatives.sort_by_key(|(_, pattern)| std::cmp::Reverse(pattern.len()));
    Ok(alternatives)
}

/// The pattern of a `not_before` (`before`) or `not_after` rule, searched from the match
/// outwards: backwards from its start, forwards from its end.
pub fn context_pattern(
    rule: &str,
    sets: &BTreeMap<String, Vec<String>>,
    before: bool,
) -> Result<String, String> {
    let p = expand(rule, sets)?;
    Ok(if before {
        format!(r"\b(?:{p})\s*")
    } else {
        format!(r"\s*(?:{p})")
    })
}

/// How every phrase pattern is read: case-insensitively, as ASCII (see the module docs), over
/// bytes (a no-break space is two of them).
pub fn syntax() -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new()
        .case_insensitive(true)
        .unicode(false)
        .utf8(false)
}

/// What a space in a pattern stands for: white space, including a no-break space.
const SPACE: &str = r"(?:\s|\xC2\xA0)";

/// What `'` in a pattern stands for: a straight or a typographic apostrophe.
const APOSTROPHE: &str = "(?:'|’)";

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
            '\\' => {
                // An escaped character passes through: `\{` names no set.
                let mut chars = rest.chars();
                out.extend(chars.by_ref().take(2));
                rest = chars.as_str();
                continue;
            }
            ' ' => {
                rest = rest.trim_start_matches(' ');
                match rest.strip_prefix('?') {
                    Some(after) => {
                        out.push_str(&format!("{SPACE}*"));
                        rest = after;
                    }
                    None => out.push_str(&format!("{SPACE}+")),
                }
                continue;
            }
            '\'' => out.push_str(APOSTROPHE),
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
    let spaces = format!("{SPACE}+");
    let mut alts = vec![words.join(&spaces)];
    alts.extend(extra_forms.iter().map(|f| {
        f.split_whitespace()
            .map(|w| regex_syntax::escape(w).replace('\'', APOSTROPHE))
            .collect::<Vec<_>>()
            .join(&spaces)
    }));
    alts.join("|")
}

fn word_forms(word: &str) -> String {
    // "tier-2" also matches "tier 2" and "tier2".
    let escaped = word
        .split('-')
        .map(regex_syntax::escape)
        .collect::<Vec<_>>()
        .join(&format!("(?:-|{SPACE})?"));
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
