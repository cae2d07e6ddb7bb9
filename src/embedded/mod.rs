//! Automata determinized by `build.rs` and embedded in the binary, so that a run deserializes
//! them instead of compiling regexes: the phrase lists' (see `lints::phrases`) and the fixed
//! patterns' of [`patterns`] that cost the most to compile. The patterns that compile in a few
//! microseconds, or need Unicode `\b`, stay ordinary [`regex::Regex`]es where they are used.

pub(crate) mod patterns;

use patterns::Fixed;

use std::sync::OnceLock;

use regex_automata::dfa::{Automaton, dense, sparse};
use regex_automata::nfa::thompson::pikevm::PikeVM;
use regex_automata::util::captures::Captures;
use regex_automata::util::wire::DeserializeError;
use regex_automata::{Anchored, Input, Match};

/// A sparse DFA over the embedded bytes.
pub(crate) type Dfa = sparse::DFA<&'static [u8]>;

/// Deserializes bytes that `build.rs` serialized.
pub(crate) fn load(bytes: &'static [u8]) -> Result<Dfa, DeserializeError> {
    // SAFETY: build.rs wrote every embedded automaton with this regex-automata's `to_bytes_*`,
    // for this target's endianness; the tests `embedded_automata_are_valid` (phrase lists) and
    // `embedded_regexes_are_valid` check them in full. Checking them here would be a third of
    // the start-up time.
    unsafe { sparse::DFA::from_bytes_unchecked(bytes) }.map(|(dfa, _)| dfa)
}

fn loaded(fixed: &Fixed, bytes: &'static [u8]) -> Dfa {
    load(bytes).unwrap_or_else(|e| panic!("embedded regex {}: {e}", fixed.name))
}

/// A dense DFA over the embedded bytes.
type DenseDfa = dense::DFA<&'static [u32]>;

fn loaded_dense(fixed: &Fixed, bytes: &'static [u8]) -> DenseDfa {
    // SAFETY: as for `load`; the bytes are aligned by `Aligned`.
    unsafe { dense::DFA::from_bytes_unchecked(bytes) }
        .map(|(dfa, _)| dfa)
        .unwrap_or_else(|e| panic!("embedded regex {}: {e}", fixed.name))
}

/// The embedded bytes of a forward DFA, dense (fast) or sparse (small).
#[derive(Clone, Copy)]
pub(crate) enum Forward {
    Dense(&'static [u8]),
    Sparse(&'static [u8]),
}

enum ForwardDfa {
    Dense(DenseDfa),
    Sparse(Dfa),
}

/// Whether `dfa` matches somewhere in `haystack`.
fn accepts(dfa: &impl Automaton, haystack: &str) -> bool {
    // No pattern has a Unicode `\b` (build.rs would fail), so the DFA has no quit bytes and
    // the search cannot fail.
    let input = Input::new(haystack).earliest(true);
    matches!(dfa.try_search_fwd(&input), Ok(Some(_)))
}

/// A fixed regex of [`patterns`] that tells whether a text matches: a forward DFA.
pub(crate) struct Recognizer {
    fixed: &'static Fixed,
    forward: Forward,
    dfa: OnceLock<ForwardDfa>,
}

impl Recognizer {
    const fn new(fixed: &'static Fixed, forward: Forward) -> Self {
        Recognizer {
            fixed,
            forward,
            dfa: OnceLock::new(),
        }
    }

    fn dfa(&self) -> &ForwardDfa {
        self.dfa.get_or_init(|| match self.forward {
            Forward::Dense(bytes) => ForwardDfa::Dense(loaded_dense(self.fixed, bytes)),
            Forward::Sparse(bytes) => ForwardDfa::Sparse(loaded(self.fixed, bytes)),
        })
    }

    /// Loads the DFA now rather than at the first search.
    pub fn load(&self) {
        self.dfa();
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        match self.dfa() {
            ForwardDfa::Dense(dfa) => accepts(dfa, haystack),
            ForwardDfa::Sparse(dfa) => accepts(dfa, haystack),
        }
    }
}

/// Bytes aligned for a dense DFA, whose transitions are read as `u32`s in place.
#[repr(C)]
pub(crate) struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

/// A fixed regex of [`patterns`], of `N` patterns, whose matches are searched for: a dense
/// forward DFA finds where a match ends and a sparse reverse one where it starts; captures,
/// which DFAs do not give, come from the matching pattern compiled the first time it is asked
/// for them.
pub(crate) struct Finder<const N: usize> {
    fixed: &'static Fixed,
    forward: &'static [u8],
    reverse: &'static [u8],
    dfas: OnceLock<(DenseDfa, Dfa)>,
    captures: [OnceLock<PikeVM>; N],
}

impl<const N: usize> Finder<N> {
    const fn new(
        fixed: &'static Fixed,
        (forward, reverse): (Forward, Option<&'static [u8]>),
    ) -> Self {
        let (Forward::Dense(forward), Some(reverse)) = (forward, reverse) else {
            panic!("build.rs gives a finder a dense forward DFA and a reverse one")
        };
        Finder {
            fixed,
            forward,
            reverse,
            dfas: OnceLock::new(),
            captures: [const { OnceLock::new() }; N],
        }
    }

    fn dfas(&self) -> &(DenseDfa, Dfa) {
        self.dfas.get_or_init(|| {
            let forward = loaded_dense(self.fixed, self.forward);
            (forward, loaded(self.fixed, self.reverse))
        })
    }

    /// Loads the DFAs now rather than at the first search.
    pub fn load(&self) {
        self.dfas();
    }

    /// The leftmost-first match; its pattern is the first of those matching there.
    pub fn find(&self, haystack: &str) -> Option<Match> {
        self.find_at(haystack, 0)
    }

    /// The leftmost-first match that starts at `from` or later (what is before `from` is seen
    /// by `\b` and `^`). What `dfa::regex::Regex` does, which needs both DFAs of one type.
    pub fn find_at(&self, haystack: &str, from: usize) -> Option<Match> {
        let (forward, reverse) = self.dfas();
        // No pattern has a Unicode `\b` (build.rs would fail), so there are no quit bytes
        // and searches cannot fail.
        let input = Input::new(haystack).range(from..);
        let end = forward.try_search_fwd(&input).ok()??;
        // No pattern matches the empty string (build.rs checks), so the match has a start
        // before its end: the longest reverse match back from the end.
        let back = input.range(from..end.offset()).anchored(Anchored::Yes);
        let start = reverse.try_search_rev(&back).ok()??;
        Some(Match::new(end.pattern(), start.offset()..end.offset()))
    }

    /// How many matches `find_iter` would give, found by the forward DFA alone: each search
    /// goes on from the end of the last match.
    pub fn count(&self, haystack: &str) -> usize {
        let forward = &self.dfas().0;
        let (mut count, mut from) = (0, 0);
        while let Ok(Some(end)) = forward.try_search_fwd(&Input::new(haystack).range(from..)) {
            count += 1;
            from = end.offset();
        }
        count
    }

    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Match> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let found = self.find_at(haystack, from)?;
            from = found.end();
            Some(found)
        })
    }

    /// The captures of `found`, a match of this regex in `haystack`.
    pub fn captures(&self, haystack: &str, found: Match) -> Option<Captures> {
        let pattern = found.pattern().as_usize();
        // A PikeVM compiles a third as fast as a `regex::Regex`, and reads one short match.
        let vm = self.captures.get(pattern)?.get_or_init(|| {
            PikeVM::new(self.fixed.patterns[pattern])
                .unwrap_or_else(|e| panic!("embedded regex {}: {e}", self.fixed.name))
        });
        let mut captures = vm.create_captures();
        // The same pattern finds the same leftmost-first match from its start.
        let input = Input::new(haystack)
            .range(found.start()..)
            .anchored(Anchored::Yes);
        vm.search(&mut vm.create_cache(), &input, &mut captures);
        let same = captures
            .get_match()
            .is_some_and(|m| m.range() == found.range());
        same.then_some(captures)
    }
}

include!(concat!(env!("OUT_DIR"), "/regexes.rs"));

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::meta;

    /// Every fixture, whole and line by line.
    fn texts() -> Vec<String> {
        let mut texts = vec![
            "Hi Anna,\nGood morning all!\nBest regards,\nThanks, Anna Smith\n".to_string(),
            "-----Original Message-----\nOn Mon, 3 Mar 2025 at 10:15 +0100, Anna wrote:".into(),
            "Sent: Monday, March 3, 2025 10:15 AM\n2025-03-03T10:15 03/14/25 14.03.2025".into(),
            "```\ncode\n```\n~~~\nmore\n~~~ l’équipe, Müller-Lüdenscheidt's 3rd".into(),
            "<!-- a --> {% comment %}b{% endcomment %} ${order} %{agent} `c` mail a.b@c.example.org"
                .into(),
            "see https://x.org/a. or www.example.com, not éhttp://y.org or 问http://z.org".into(),
        ];
        let mut dirs = vec![std::path::PathBuf::from("fixtures")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir)
                .expect("fixtures are readable")
                .flatten()
            {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    texts.push(String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
        let lines: Vec<String> = texts
            .iter()
            .flat_map(|t| t.lines().map(str::to_string))
            .collect();
        texts.extend(lines);
        texts
    }

    #[test]
    fn embedded_regexes_are_valid() {
        for (forward, reverse) in BYTES {
            match forward {
                Forward::Dense(bytes) => drop(dense::DFA::from_bytes(bytes).expect("valid")),
                Forward::Sparse(bytes) => drop(sparse::DFA::from_bytes(bytes).expect("valid")),
            }
            if let Some(reverse) = reverse {
                sparse::DFA::from_bytes(reverse).expect("a valid reverse DFA");
            }
        }
    }

    /// A match: start, end, pattern (or whether a line matches).
    type Found = (usize, usize, usize);
    type Search = dyn Fn(&str) -> Vec<Found>;

    /// The embedded DFAs match what the `regex` crate's engines match for the same patterns.
    #[test]
    fn embedded_regexes_agree_with_regex() {
        let texts = texts();
        assert!(texts.len() > 1000, "the fixtures give many texts");
        for (fixed, bytes) in patterns::ALL.iter().zip(BYTES) {
            let expected = meta::Regex::new_many(fixed.patterns).expect("patterns compile");
            let reverse = bytes.1;
            let found: Box<Search> = match reverse {
                Some(_) => {
                    let finder = Finder::<8>::new(fixed, bytes);
                    Box::new(move |text| {
                        let found = finder.find_iter(text);
                        found
                            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                            .collect()
                    })
                }
                None => {
                    let recognizer = Recognizer::new(fixed, bytes.0);
                    Box::new(move |text| vec![(0, 0, usize::from(recognizer.is_match(text)))])
                }
            };
            let mut matched = 0;
            for text in &texts {
                let want: Vec<_> = match reverse {
                    Some(_) => expected
                        .find_iter(text)
                        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                        .collect(),
                    None => vec![(0, 0, usize::from(expected.is_match(text)))],
                };
                assert_eq!(found(text), want, "{} on {text:?}", fixed.name);
                matched += usize::from(want.iter().any(|m| m.1 > 0 || m.2 > 0));
            }
            assert!(matched > 0, "{} matches some fixture", fixed.name);
        }
    }
}
