use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::phrases::{Entry, Matcher, PhraseFile};
use super::text::squeeze;
use super::{Context, Hit, Lint, Meta, Severity};
use crate::config::LintSettings;
use crate::draft::Draft;

#[doc = include_str!("../../lints/docs/jargon.md")]
pub struct Jargon {
    terms: Matcher,
    suggestions: Vec<Option<String>>,
    allow: HashSet<String>,
}

/// 2 to 6 capitals, digits allowed after the first letter, an optional plural "s".
static ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-Z][A-Z0-9]{1,7}s?\b").expect("acronym pattern compiles"));

/// "Full Name (ACR)": the parenthesised acronym.
static PAREN_ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([A-Z][A-Z0-9]{1,7})s?\)").expect("compiles"));

/// "ACR (Full Name)": the acronym and its expansion.
static ACRONYM_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    // The 3 to 80 characters in brackets are counted after matching: `{3,80}` of a Unicode
    // class compiles to 80 copies of it.
    Regex::new(r"\b([A-Z][A-Z0-9]{1,7})s?\s*\(([^()\n]+)\)").expect("compiles")
});

impl Jargon {
    /// The lexicon of `data`, less the terms and acronyms a team `allow`s, plus its
    /// `extend-terms`.
    pub fn new(mut data: PhraseFile, settings: &LintSettings) -> Result<Self, String> {
        if let Some(allow) = &settings.allow {
            data.term
                .retain(|t| !allow.iter().any(|a| a.eq_ignore_ascii_case(&t.pattern)));
            data.allow.extend(allow.iter().cloned());
        }
        if let Some(extra) = &settings.extend_terms {
            data.term
                .extend(extra.iter().map(|(term, suggestion)| Entry {
                    pattern: term.clone(),
                    suggestion: Some(suggestion.clone()),
                    ..Entry::default()
                }));
        }
        // Every draft's check needs them: compiled while the other lints are built.
        LazyLock::force(&ACRONYM);
        LazyLock::force(&ACRONYM_PAREN);
        Ok(Jargon {
            terms: Matcher::new(&data.term, &data.sets, true)?,
            suggestions: data.term.iter().map(|t| t.suggestion.clone()).collect(),
            allow: data.allow.into_iter().collect(),
        })
    }

    fn acronyms(
        &self,
        draft: &Draft,
        paragraphs: &[Range<usize>],
        taken: &[Range<usize>],
        hits: &mut Vec<Hit>,
    ) {
        let text = &draft.text;
        let defined = defined_acronyms(text, paragraphs);
        for paragraph in paragraphs {
            for m in ACRONYM.find_iter(&text[paragraph.clone()]) {
                let span = paragraph.start + m.start()..paragraph.start + m.end();
                let word = m
                    .as_str()
                    .strip_suffix('s')
                    .filter(|w| w.len() >= 2)
                    .unwrap_or(m.as_str());
                let capitals = word.chars().filter(char::is_ascii_uppercase).count();
                let reported = (2..=6).contains(&capitals)
                    && !self.allow.contains(word)
                    && !defined.contains(word)
                    && !taken
                        .iter()
                        .any(|t| t.start < span.end && span.start < t.end)
                    && !is_shouting(text, &span);
                if reported {
                    hits.push(Hit {
                        replacement: None,
                        span,
                        message: format!("unexplained acronym `{word}`"),
                        suggestion: Some(format!(
                            "spell it out the first time: \"Full Name ({word})\""
                        )),
                    });
                }
            }
        }
    }
}

pub(crate) const META: Meta = Meta {
    id: "jargon",
    summary: "Buzzwords, technical terms and unexplained acronyms a client should not have to decode",
    default_severity: Severity::Warning,
    doc: include_str!("../../lints/docs/jargon.md"),
};

impl Lint for Jargon {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, draft: &Draft, _ctx: &Context, hits: &mut Vec<Hit>) {
        let paragraphs = draft.author_paragraphs();
        let mut taken = Vec::new();
        for paragraph in &paragraphs {
            for found in self.terms.find_in(&draft.text, paragraph.clone()) {
                let matched = squeeze(&draft.text[found.span.clone()]);
                hits.push(Hit {
                    replacement: self.suggestions[found.entry].clone(),
                    span: found.span.clone(),
                    message: format!("`{matched}` is jargon the client may not understand"),
                    suggestion: self.suggestions[found.entry]
                        .as_ref()
                        .map(|s| format!("say \"{s}\" instead")),
                });
                taken.push(found.span);
            }
        }
        self.acronyms(draft, &paragraphs, &taken, hits);
    }
}

/// Acronyms the draft spells out: "Service Level Agreement (SLA)" or "SLA (service level
/// agreement)", where the initials of the words spell the acronym.
fn defined_acronyms(text: &str, paragraphs: &[Range<usize>]) -> HashSet<String> {
    let mut defined = HashSet::new();
    for paragraph in paragraphs {
        let part = &text[paragraph.clone()];
        for caps in PAREN_ACRONYM.captures_iter(part) {
            let acronym = &caps[1];
            let before = &part[..caps.get(0).map_or(0, |m| m.start())];
            let words: Vec<&str> = before
                .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
                .filter(|w| !w.is_empty())
                .collect();
            let tail = &words[words.len().saturating_sub(acronym.len() + 3)..];
            if initials_spell(tail, acronym, true) {
                defined.insert(acronym.to_string());
            }
        }
        for caps in ACRONYM_PAREN.captures_iter(part) {
            if !(3..=80).contains(&caps[2].chars().count()) {
                continue;
            }
            let words: Vec<&str> = caps[2]
                .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
                .filter(|w| !w.is_empty())
                .collect();
            if initials_spell(&words, &caps[1], false) {
                defined.insert(caps[1].to_string());
            }
        }
    }
    defined
}

/// Whether the words' initials spell `acronym` (its letters in order; small words may be
/// skipped). With `at_end`, the spelling must finish at the last word.
fn initials_spell(words: &[&str], acronym: &str, at_end: bool) -> bool {
    let letters: Vec<char> = acronym.chars().filter(char::is_ascii_alphabetic).collect();
    let initials: Vec<char> = words
        .iter()
        .filter_map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .next()
        })
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if letters.is_empty() || initials.is_empty() {
        return false;
    }
    // Try each starting word; letters must match initials in order, skipping at most the small
    // words a name can contain ("Bank of America (BOA)", "Terms and Conditions (T&C)").
    let fits = |start: usize| {
        let mut l = 0;
        let mut skipped = 0;
        let mut end = start;
        for (i, &c) in initials.iter().enumerate().skip(start) {
            if l < letters.len() && c == letters[l] {
                l += 1;
                end = i;
            } else if l < letters.len() {
                skipped += 1;
            }
        }
        l == letters.len() && skipped <= 2 && (!at_end || end + 1 == initials.len())
    };
    (0..initials.len()).any(|s| initials[s] == letters[0] && fits(s))
}

/// A run of capitals ("PLEASE NOTE THE NEW ADDRESS") is emphasis, not acronyms.
fn is_shouting(text: &str, span: &Range<usize>) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let words: Vec<&str> = text[line_start..line_end]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let capitals = words
        .iter()
        .filter(|w| w.len() >= 2 && !w.chars().any(char::is_lowercase))
        .count();
    capitals >= 3 && capitals * 2 > words.len()
}

#[cfg(test)]
mod tests {
    use crate::lints::text_hits;

    fn findings(text: &str) -> Vec<String> {
        text_hits("jargon", text)
    }

    #[test]
    fn flags_terms_inflections_and_acronyms() {
        let got = findings(
            "Hi Anna,\n\nI pinged the backend team about the SLA and we are leveraging a hotfix. ETAs soon.\n",
        );
        assert_eq!(
            got,
            ["pinged", "backend", "leveraging", "hotfix", "ETAs", "SLA"]
        );
    }

    #[test]
    fn silent_on_look_alikes() {
        let text = "Hi Anna,\n\nThe ping time to our server is fine and your internet bandwidth is enough.\n\
                    Our Service Level Agreement (SLA) covers this; the SLA promises a reply in a day.\n\
                    See the FAQ and the PDF, OK? PLEASE NOTE THE NEW ADDRESS.\n\
                    Shipping is free for a sprinter. Details: https://example.com/backend {{backend_url}}\n\n\
                    Best regards,\nBo\nCTO, hotfix team\n\n> We need a rollback ASAP, KPI is down\n";
        assert_eq!(findings(text), Vec::<String>::new());
    }

    #[test]
    fn a_team_can_allow_terms_and_add_its_own() {
        use crate::config::LintSettings;
        use crate::draft::InputKind;
        use std::collections::BTreeMap;
        let settings = LintSettings {
            allow: Some(vec!["API".into(), "backend".into()]),
            extend_terms: Some(BTreeMap::from([(
                "omnichannel".to_string(),
                "every channel".to_string(),
            )])),
            ..LintSettings::default()
        };
        let text = "The API and the backend are fine; our omnichannel hotfix is live.";
        let hits =
            crate::lints::configured_hits("jargon", text.as_bytes(), InputKind::Text, settings);
        assert_eq!(hits, ["omnichannel", "hotfix"]);
    }

    #[test]
    fn acronym_defined_after_name_in_parentheses() {
        assert!(findings("We use Single Sign-On (SSO). SSO is on.").is_empty());
        assert!(findings("The RMA (return merchandise authorisation) is attached.").is_empty());
        assert_eq!(
            findings("The RMA (see attached) and the RMA again."),
            ["RMA", "RMA"]
        );
    }
}
