//! Phrase lists and their matcher; the data format is in [`data`], the automata in
//! [`automata`].

mod automata;
mod data;

use std::collections::BTreeMap;
use std::ops::Range;

use regex_automata::dfa::Automaton;
use regex_automata::{Anchored, Input, PatternID};

use automata::{Plan, Starts};
pub use data::{Entry, PhraseFile, Scope};

use super::Severity;

/// A match of a [`Matcher`]: where, and which entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub span: Range<usize>,
    pub entry: usize,
}

/// A DFA, embedded at build time or built now (a list a pack extends).
type Dfa = Box<dyn Automaton + Send + Sync>;

/// All entries of one list, searched leftmost-first in priority order: at each place a match
/// could start, the first pattern that matches there wins (see [`automata`]).
pub struct Matcher {
    automata: Plan<Dfa>,
    /// Which bytes can begin a match, by the kind of byte before them ([`before_kind`]).
    starts: Starts,
}

/// How far around a match `not_before` / `not_after` look.
const CONTEXT_BYTES: usize = 60;

impl Matcher {
    /// The matcher of `entries` with `sets`; `terms` expands each entry to its inflected forms.
    /// The built-in lists' automata are embedded; other lists (extended by packs) are built now.
    pub fn new(
        entries: &[Entry],
        sets: &BTreeMap<String, Vec<String>>,
        terms: bool,
    ) -> Result<Matcher, String> {
        let (automata, starts) = match embedded::plan(&automata::key(entries, sets, terms)) {
            Some((plan, starts)) => (plan.try_map(embedded::load)?, starts),
            None => {
                let patterns = automata::Patterns::of(entries, sets, terms)?;
                let plan = automata::plan(entries, &patterns)?
                    .try_map(|source| source.build().map(|dfa| Box::new(dfa) as Dfa))?;
                let starts = Starts::of(plan.heads.as_ref());
                (plan, starts)
            }
        };
        Ok(Matcher { automata, starts })
    }

    /// Matches within `text[range]`, on word boundaries, honouring each entry's context rules.
    pub fn find_in(&self, text: &str, range: Range<usize>) -> Vec<Found> {
        let mut found = Vec::new();
        let hay = &text[..range.end];
        let mut at = range.start;
        while let Some((span, pattern)) = self.next_match(hay, at) {
            let entry = self.automata.entries_of[pattern];
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

    /// The leftmost match starting at or after `from`, and its pattern.
    fn next_match(&self, hay: &str, from: usize) -> Option<(Range<usize>, usize)> {
        let bytes = hay.as_bytes();
        (from..bytes.len())
            .filter(|&at| self.starts.allows(before_kind(bytes, at), bytes[at]))
            .find_map(|at| self.match_at(hay, at))
    }

    /// The first pattern, in priority order, that matches at `start`.
    fn match_at(&self, hay: &str, start: usize) -> Option<(Range<usize>, usize)> {
        let input = Input::new(hay)
            .span(start..hay.len())
            .anchored(Anchored::Yes);
        let head = self.automata.heads.try_search_fwd(&input).ok()??;
        let first = head.pattern().as_usize();
        if let Some(end) = self.follow(first, hay, head.offset()) {
            return Some((start..end, first));
        }
        // Its first part matched but not what follows a gap: the patterns after it, one by one.
        (first + 1..self.automata.stages.len()).find_map(|pattern| {
            let id = PatternID::new(pattern).ok()?;
            let input = input.clone().anchored(Anchored::Pattern(id));
            let head = self.automata.heads.try_search_fwd(&input).ok()??;
            let end = self.follow(pattern, hay, head.offset())?;
            Some((start..end, pattern))
        })
    }

    /// Where `pattern` ends when its first part ends at `end`: each later part is searched at
    /// the nearest offset its gap allows.
    fn follow(&self, pattern: usize, hay: &str, mut end: usize) -> Option<usize> {
        let bytes = hay.as_bytes();
        for (gap, part) in &self.automata.stages[pattern] {
            let from = end;
            let last = (from + gap.max).min(bytes.len());
            end = (from..=last)
                .take_while(|&at| at == from || gap.allowed[usize::from(bytes[at - 1])])
                .find_map(|at| {
                    let input = Input::new(hay).span(at..hay.len()).anchored(Anchored::Yes);
                    Some(part.try_search_fwd(&input).ok()??.offset())
                })?;
        }
        Some(end)
    }

    fn context_allows(&self, entry: usize, hay: &str, span: &Range<usize>) -> bool {
        let [before, after] = &self.automata.rules[entry];
        let before_ok = before.as_ref().is_none_or(|dfa| {
            let from = floor_boundary(hay, span.start.saturating_sub(CONTEXT_BYTES));
            let input = Input::new(hay).range(from..span.start);
            !matches!(
                dfa.try_search_rev(&input.anchored(Anchored::Yes).earliest(true)),
                Ok(Some(_))
            )
        });
        let after_ok = after.as_ref().is_none_or(|dfa| {
            let to = floor_boundary(hay, (span.end + CONTEXT_BYTES).min(hay.len()));
            let input = Input::new(hay).range(span.end..to);
            !matches!(
                dfa.try_search_fwd(&input.anchored(Anchored::Yes).earliest(true)),
                Ok(Some(_))
            )
        });
        before_ok && after_ok
    }
}

/// The automata `build.rs` determinized from `lints/`: `KEYS` and `plan_at` give each list's
/// plan, over indices into `AUTOMATA`, sparse DFAs.
mod embedded {
    use super::Dfa;
    use super::automata::{Gap, Plan, Starts};

    include!(concat!(env!("OUT_DIR"), "/automata.rs"));

    /// The plan of the built-in list with this key, if it is one, and where its matches start.
    pub fn plan(key: &str) -> Option<(Plan<usize>, Starts)> {
        let index = KEYS.iter().position(|k| *k == key)?;
        Some((plan_at(index), STARTS[index]))
    }

    pub fn load(index: usize) -> Result<Dfa, String> {
        let bytes = AUTOMATA
            .get(index)
            .ok_or_else(|| format!("no embedded automaton {index}"))?;
        crate::embedded::load(bytes)
            .map(|dfa| Box::new(dfa) as Dfa)
            .map_err(|e| format!("embedded automaton {index} does not load: {e}"))
    }

    #[cfg(test)]
    #[test]
    fn embedded_automata_are_valid() {
        use regex_automata::dfa::sparse;
        assert!(!AUTOMATA.is_empty() && KEYS.len() <= AUTOMATA.len());
        for bytes in AUTOMATA {
            sparse::DFA::from_bytes(bytes).expect("a valid sparse DFA");
        }
        assert_eq!(STARTS.len(), KEYS.len());
        for (index, starts) in STARTS.iter().enumerate() {
            let plan = plan_at(index);
            let parts = plan.stages.iter().flatten().map(|(_, part)| part);
            let rules = plan.rules.iter().flatten().flatten();
            let mut all = std::iter::once(&plan.heads).chain(parts).chain(rules);
            assert!(all.all(|&i| i < AUTOMATA.len()));
            let heads = load(plan.heads).expect("loads");
            assert_eq!(starts.0, Starts::of(heads.as_ref()).0);
        }
    }
}

/// The kind of byte before `at`, in [`automata::BEFORE`] order.
fn before_kind(hay: &[u8], at: usize) -> usize {
    match at.checked_sub(1).map(|i| hay[i]) {
        None => 0,
        Some(b'\n') => 1,
        Some(b'\r') => 2,
        Some(b) if b.is_ascii_alphanumeric() || b == b'_' => 3,
        Some(_) => 4,
    }
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

    #[test]
    fn a_gap_takes_the_nearest_part_after_it_within_its_bounds() {
        let m = Matcher::new(
            &[entry("we will [^.!?\\n]{0,20}?(?:call|email) you")],
            &BTreeMap::new(),
            false,
        )
        .unwrap();
        assert_eq!(
            spans(&m, "We will then email you and call you."),
            ["We will then email you"]
        );
        // The gap stops at a sentence's end and after 20 bytes.
        assert!(spans(&m, "We will. Then call you.").is_empty());
        assert!(spans(&m, "We will have to wait a good while before we call you.").is_empty());
        // A part that does not match at the nearest offset is tried at the next ones.
        assert_eq!(
            spans(&m, "We will call Anna, then call you."),
            ["We will call Anna, then call you"]
        );
    }

    #[test]
    fn a_pattern_whose_gap_finds_nothing_gives_way_to_the_next_at_the_same_place() {
        // Longer patterns come first: the one with a gap is tried first.
        let m = Matcher::new(
            &[entry("we will"), entry("we will [^.!?\\n]{0,20}?call")],
            &BTreeMap::new(),
            false,
        )
        .unwrap();
        let found = |text: &str| -> Vec<(String, usize)> {
            let found = m.find_in(text, 0..text.len());
            found
                .into_iter()
                .map(|f| (text[f.span].to_string(), f.entry))
                .collect()
        };
        assert_eq!(
            found("We will soon call."),
            [("We will soon call".into(), 1)]
        );
        assert_eq!(found("We will write."), [("We will".into(), 0)]);
    }

    #[test]
    fn the_built_in_lists_load_their_embedded_automata() {
        for (file, text) in super::super::BUILTIN_DATA {
            let data = PhraseFile::parse(file, text).unwrap();
            for (list, entries, terms) in data.lists() {
                let key = automata::key(entries, &data.sets, terms);
                let embedded = entries.is_empty() || embedded::plan(&key).is_some();
                assert!(embedded, "{file}: list {list} is not embedded");
            }
        }
        // A list the data does not have is built when it is asked for.
        assert!(embedded::plan("not a list").is_none());
    }
}
