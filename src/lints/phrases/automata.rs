//! Phrase lists as dense DFAs, the built-in ones determinized by `build.rs` (this file is
//! compiled there too) and embedded, so that a run only deserializes them.
//!
//! Every match starts on a word boundary, so a list is searched by trying its *anchored* DFA at
//! each place a match could start. An unanchored DFA of a list with gaps
//! (`{we}{will} [^.!?\n]{0,80}?{when}`) grows past a gigabyte while determinizing: it must
//! remember every place within the gap where the phrase could have started. An anchored one
//! stays small only without gaps, so a pattern is cut at each top-level gap (a lazy bounded
//! repetition of a class): its first part goes into the list's multi-pattern DFA, each later part
//! into a DFA of its own, tried at every offset the gap allows, nearest first (which is what the
//! lazy gap asks for). Unlike a backtracking search, a part is never re-matched differently to let
//! the part after the next gap match.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::nfa::thompson;
use regex_automata::util::start;
use regex_automata::util::syntax;
use regex_automata::{Anchored, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

use super::data;

/// The owned DFA that is built; deserialized ones borrow the embedded bytes instead.
pub type OwnedDfa = dense::DFA<Vec<u32>>;

/// A gap: at most `max` bytes, each one of `allowed`.
#[derive(Debug, Clone)]
pub struct Gap {
    pub max: usize,
    pub allowed: [bool; 256],
}

/// How an automaton is searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Forward from where a match starts; `per_pattern` also allows searching for one pattern.
    Forward { per_pattern: bool },
    /// Backward from where a match ends (`not_before` rules).
    Reverse,
}

/// What one automaton is built from.
pub struct Source {
    hirs: Vec<Hir>,
    direction: Direction,
}

/// A list's automata: [`Source`]s before they are built, DFAs after.
pub struct Plan<A> {
    /// The first part of every pattern, in priority order: one multi-pattern automaton.
    pub heads: A,
    /// For each pattern, the gaps and the parts after them.
    pub stages: Vec<Vec<(Gap, A)>>,
    /// The entry of each pattern.
    pub entries_of: Vec<usize>,
    /// For each entry, its `not_before` and `not_after` rules.
    pub rules: Vec<[Option<A>; 2]>,
}

impl<A> Plan<A> {
    /// The same plan over `f` of each automaton.
    pub fn try_map<B, E>(self, mut f: impl FnMut(A) -> Result<B, E>) -> Result<Plan<B>, E> {
        let heads = f(self.heads)?;
        let mut stages = Vec::with_capacity(self.stages.len());
        for parts in self.stages {
            let parts = parts.into_iter().map(|(gap, part)| Ok((gap, f(part)?)));
            stages.push(parts.collect::<Result<Vec<_>, E>>()?);
        }
        let mut rules = Vec::with_capacity(self.rules.len());
        for [before, after] in self.rules {
            rules.push([
                before.map(&mut f).transpose()?,
                after.map(&mut f).transpose()?,
            ]);
        }
        Ok(Plan {
            heads,
            stages,
            entries_of: self.entries_of,
            rules,
        })
    }
}

/// Packs come from users: a pattern whose automaton would outgrow this is refused.
const SIZE_LIMIT: usize = 1 << 26;

impl Source {
    /// Determinizes the automaton.
    pub fn build(&self) -> Result<OwnedDfa, String> {
        let reverse = self.direction == Direction::Reverse;
        let per_pattern = matches!(self.direction, Direction::Forward { per_pattern: true });
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(reverse)
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(SIZE_LIMIT)),
            )
            .build_many_from_hir(&self.hirs)
            .map_err(|e| e.to_string())?;
        dense::Builder::new()
            .configure(
                dense::Config::new()
                    .start_kind(StartKind::Anchored)
                    .match_kind(MatchKind::LeftmostFirst)
                    .starts_for_each_pattern(per_pattern)
                    .dfa_size_limit(Some(SIZE_LIMIT))
                    .determinize_size_limit(Some(SIZE_LIMIT)),
            )
            .build_from_nfa(&nfa)
            .map_err(|e| format!("too complex to compile ({e}): shorten its gaps or sets"))
    }
}

/// A list as regex patterns: its alternatives in priority order (see [`data::alternatives`])
/// and each entry's context rules (see [`data::context_pattern`]).
pub struct Patterns {
    alternatives: Vec<(usize, String)>,
    rules: Vec<[Option<String>; 2]>,
}

impl Patterns {
    /// The patterns of a list of `entries` with `sets`; `terms` expands each entry to its
    /// inflected forms. Nothing is parsed yet.
    pub fn of(
        entries: &[data::Entry],
        sets: &BTreeMap<String, Vec<String>>,
        terms: bool,
    ) -> Result<Patterns, String> {
        let rules = entries
            .iter()
            .map(|entry| {
                let rule = |pattern: &Option<String>, before: bool| {
                    pattern
                        .as_ref()
                        .map(|p| data::context_pattern(p, sets, before))
                        .transpose()
                        .map_err(|e| format!("{:?}: {e}", entry.pattern))
                };
                Ok([
                    rule(&entry.not_before, true)?,
                    rule(&entry.not_after, false)?,
                ])
            })
            .collect::<Result<_, String>>()?;
        Ok(Patterns {
            alternatives: data::alternatives(entries, sets, terms)?,
            rules,
        })
    }
}

/// What a list's plan is made of, to find its embedded plan by: the entries' patterns, forms
/// and context rules, the sets they may use, and whether they are terms. Read from the data
/// as it is, it costs nothing next to expanding the patterns.
pub fn key(entries: &[data::Entry], sets: &BTreeMap<String, Vec<String>>, terms: bool) -> String {
    let mut key = format!("terms={terms}\n{sets:?}\n");
    for entry in entries {
        let data::Entry {
            pattern,
            forms,
            not_before,
            not_after,
            suggestion: _,
        } = entry;
        let _ = writeln!(key, "{pattern:?} {forms:?} {not_before:?} {not_after:?}");
    }
    key
}

/// What may come before a match decides the DFA's start state: start of text, a line feed, a
/// carriage return, a word byte, another byte. One example of each.
pub const BEFORE: [Option<u8>; 5] = [None, Some(b'\n'), Some(b'\r'), Some(b'a'), Some(b' ')];

/// For each kind of byte before (see [`BEFORE`]), the bytes on which a list's first DFA does
/// not die at once, as bit sets: a search starts only where a match can.
#[derive(Debug, Clone, Copy)]
pub struct Starts(pub [[u64; 4]; 5]);

impl Starts {
    pub fn of(dfa: &dyn Automaton) -> Starts {
        let mut out = [[u64::MAX; 4]; 5];
        for (kind, before) in BEFORE.into_iter().enumerate() {
            let config = start::Config::new()
                .anchored(Anchored::Yes)
                .look_behind(before);
            if let Ok(state) = dfa.start_state(&config) {
                out[kind] = [0; 4];
                for byte in 0..=u8::MAX {
                    if !dfa.is_dead_state(dfa.next_state(state, byte)) {
                        out[kind][usize::from(byte / 64)] |= 1 << (byte % 64);
                    }
                }
            }
        }
        Starts(out)
    }

    pub fn allows(&self, kind: usize, byte: u8) -> bool {
        self.0[kind][usize::from(byte / 64)] & (1 << (byte % 64)) != 0
    }
}

/// The plan of a list: its `patterns`, of `entries` (named in errors).
pub fn plan(entries: &[data::Entry], patterns: &Patterns) -> Result<Plan<Source>, String> {
    let mut heads = Vec::with_capacity(patterns.alternatives.len());
    let mut stages = Vec::with_capacity(patterns.alternatives.len());
    for (_, pattern) in &patterns.alternatives {
        let mut parts = cut(&parse(pattern)?).into_iter();
        let (_, head) = parts.next().unwrap_or((None, Hir::empty()));
        heads.push(head);
        let rest = parts.filter_map(|(gap, part)| Some((gap?, forward(vec![part], false))));
        stages.push(rest.collect::<Vec<_>>());
    }
    let per_pattern = stages.iter().any(|s| !s.is_empty());
    let mut rules = Vec::with_capacity(patterns.rules.len());
    for (entry, [before, after]) in entries.iter().zip(&patterns.rules) {
        let rule = |pattern: &Option<String>, before: bool| {
            let source = pattern.as_deref().map(|p| rule(p, before)).transpose();
            source.map_err(|e| format!("{:?}: {e}", entry.pattern))
        };
        rules.push([rule(before, true)?, rule(after, false)?]);
    }
    Ok(Plan {
        heads: forward(heads, per_pattern),
        stages,
        entries_of: patterns.alternatives.iter().map(|(i, _)| *i).collect(),
        rules,
    })
}

/// The automaton of a `not_after` rule (`before` false) or a `not_before` one.
fn rule(pattern: &str, before: bool) -> Result<Source, String> {
    let hir = parse(pattern)?;
    Ok(if before {
        Source {
            hirs: vec![hir],
            direction: Direction::Reverse,
        }
    } else {
        forward(vec![hir], false)
    })
}

fn forward(hirs: Vec<Hir>, per_pattern: bool) -> Source {
    Source {
        hirs,
        direction: Direction::Forward { per_pattern },
    }
}

fn parse(pattern: &str) -> Result<Hir, String> {
    syntax::parse_with(pattern, &data::syntax()).map_err(|e| one_line(&e.to_string()))
}

/// The parts of a pattern, each with the gap before it (none before the first).
fn cut(hir: &Hir) -> Vec<(Option<Gap>, Hir)> {
    let HirKind::Concat(items) = hir.kind() else {
        return vec![(None, hir.clone())];
    };
    let mut parts: Vec<(Option<Gap>, Vec<Hir>)> = vec![(None, Vec::new())];
    for item in items {
        match as_gap(item) {
            Some(gap) => parts.push((Some(gap), Vec::new())),
            None => parts
                .last_mut()
                .map_or((), |(_, part)| part.push(item.clone())),
        }
    }
    parts
        .into_iter()
        .map(|(gap, items)| (gap, Hir::concat(items)))
        .collect()
}

/// A lazy, bounded repetition of a byte class: `[^.!?\n]{0,60}?`.
fn as_gap(hir: &Hir) -> Option<Gap> {
    let HirKind::Repetition(repetition) = hir.kind() else {
        return None;
    };
    let max = repetition
        .max
        .filter(|_| repetition.min == 0 && !repetition.greedy)?;
    let HirKind::Class(Class::Bytes(class)) = repetition.sub.kind() else {
        return None;
    };
    let mut allowed = [false; 256];
    for range in class.ranges() {
        for byte in range.start()..=range.end() {
            allowed[usize::from(byte)] = true;
        }
    }
    Some(Gap {
        max: usize::try_from(max).ok()?,
        allowed,
    })
}

/// A regex error in one line: the crate's own message shows the pattern over several.
pub fn one_line(text: &str) -> String {
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
