//! The lints. Each lint is a small struct in its own module with its documentation; its phrase
//! data lives in `lints/<id>.<language>.toml` at the top of the repository, embedded at build
//! time, so adding a phrase never needs Rust code.

mod blame_shifting;
mod custom;
mod jargon;
mod missing_delay_ack;
mod missing_next_step;
pub mod pack;
pub mod phrases;
mod severity;
mod text;
mod worried_opener;

use std::ops::Range;

use rayon::prelude::*;

use chrono::{DateTime, FixedOffset};

use std::collections::BTreeMap;

use crate::config::LintSettings;
use crate::draft::Draft;
use phrases::PhraseFile;
pub use severity::Severity;

/// What a lint found, in draft-text offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub span: Range<usize>,
    pub message: String,
    pub suggestion: Option<String>,
    /// Text that can replace the span as it is (a fix), when there is one.
    pub replacement: Option<String>,
}

/// Facts about the run that a lint may need.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// "Now", for drafts without a Date header.
    pub now: DateTime<FixedOffset>,
}

/// What a lint is, independent of any draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    pub id: &'static str,
    /// One line, for listings.
    pub summary: &'static str,
    pub default_severity: Severity,
    /// What it flags, why it matters to a client, an example (Markdown), for `explain`.
    pub doc: &'static str,
}

/// A lint: its [`Meta`] and a check over a draft's author text.
pub trait Lint: Send + Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, draft: &Draft, ctx: &Context, hits: &mut Vec<Hit>);

    fn id(&self) -> &'static str {
        self.meta().id
    }
}

/// The built-in phrase data, embedded at build time.
const BUILTIN_DATA: &[(&str, &str)] = &[
    ("jargon.en.toml", include_str!("../../lints/jargon.en.toml")),
    (
        "missing-next-step.en.toml",
        include_str!("../../lints/missing-next-step.en.toml"),
    ),
    (
        "blame-shifting.en.toml",
        include_str!("../../lints/blame-shifting.en.toml"),
    ),
    (
        "worried-opener.en.toml",
        include_str!("../../lints/worried-opener.en.toml"),
    ),
    (
        "missing-delay-ack.en.toml",
        include_str!("../../lints/missing-delay-ack.en.toml"),
    ),
];

/// What each built-in lint is, in the order they run; no phrase data is compiled.
pub const BUILTIN: [&Meta; 5] = [
    &jargon::META,
    &missing_next_step::META,
    &blame_shifting::META,
    &worried_opener::META,
    &missing_delay_ack::META,
];

/// Every built-in phrase pattern as a plain regex, one per line, in lint order (a fair
/// multi-pattern baseline for benchmarks: `rg -i -f`).
pub fn builtin_phrases() -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for (file, text) in BUILTIN_DATA {
        out.extend(PhraseFile::parse(file, text)?.expanded_patterns()?);
    }
    Ok(out)
}

/// The built-in lints, in a stable order, with their default settings.
pub fn builtin() -> Result<Vec<Box<dyn Lint>>, String> {
    builtin_with(&BTreeMap::new(), &[])
}

/// The built-in lints with the settings of a configuration (`[lints.<id>]` tables), extended
/// by the files of its packs, followed by the lints the packs define.
pub fn builtin_with(
    settings: &BTreeMap<String, LintSettings>,
    packs: &[PhraseFile],
) -> Result<Vec<Box<dyn Lint>>, String> {
    let defaults = LintSettings::default();
    let of = |id: &str| settings.get(id).unwrap_or(&defaults);
    let data = |id: &str| -> Result<PhraseFile, String> {
        let name = format!("{id}.en.toml");
        let (file, text) = BUILTIN_DATA
            .iter()
            .find(|(file, _)| *file == name)
            .ok_or_else(|| format!("no built-in data file {name}"))?;
        let mut data = PhraseFile::parse(file, text)?;
        for pack in packs.iter().filter(|p| p.lint == id) {
            data.extend(pack.clone());
        }
        Ok(data)
    };
    // Compiling the phrase lists is most of a short run: the lints compile theirs in parallel.
    let mut lints = BUILTIN
        .par_iter()
        .map(|meta| builtin_lint(meta.id, data(meta.id)?, of(meta.id)))
        .collect::<Result<Vec<_>, String>>()?;
    // The packs' own lints, each from all of its files (the first gives its metadata).
    let mut defined: Vec<PhraseFile> = Vec::new();
    for pack in packs
        .iter()
        .filter(|p| !BUILTIN.iter().any(|m| m.id == p.lint))
    {
        match defined.iter_mut().find(|d| d.lint == pack.lint) {
            Some(existing) => existing.extend(pack.clone()),
            None => defined.push(pack.clone()),
        }
    }
    for data in defined {
        lints.push(Box::new(custom::DataLint::new(data)?));
    }
    Ok(lints)
}

/// The built-in lint `id` over its phrase data, with its settings.
fn builtin_lint(
    id: &str,
    data: PhraseFile,
    settings: &LintSettings,
) -> Result<Box<dyn Lint>, String> {
    Ok(match id {
        "jargon" => Box::new(jargon::Jargon::new(data, settings)?),
        "missing-next-step" => Box::new(missing_next_step::MissingNextStep::new(data, settings)?),
        "blame-shifting" => Box::new(blame_shifting::BlameShifting::new(data)?),
        "worried-opener" => Box::new(worried_opener::WorriedOpener::new(data)?),
        "missing-delay-ack" => Box::new(missing_delay_ack::MissingDelayAck::new(data, settings)?),
        other => return Err(format!("no built-in lint {other}")),
    })
}

/// Test support: the matched text of every hit of one lint on a draft.
#[cfg(test)]
pub(crate) fn hits_of(lint_id: &str, bytes: &[u8], kind: crate::draft::InputKind) -> Vec<String> {
    static LINTS: std::sync::LazyLock<Vec<Box<dyn Lint>>> =
        std::sync::LazyLock::new(|| builtin().expect("built-in data compiles"));
    matched_texts(&LINTS, lint_id, bytes, kind)
}

/// Test support: the hits of one lint configured with `settings`, on a draft.
#[cfg(test)]
pub(crate) fn configured_hits(
    lint_id: &str,
    bytes: &[u8],
    kind: crate::draft::InputKind,
    settings: LintSettings,
) -> Vec<String> {
    let lints =
        builtin_with(&BTreeMap::from([(lint_id.to_string(), settings)]), &[]).expect("compiles");
    matched_texts(&lints, lint_id, bytes, kind)
}

/// Test support: the text of each hit of lint `lint_id` (one of `lints`) on a draft.
#[cfg(test)]
fn matched_texts(
    lints: &[Box<dyn Lint>],
    lint_id: &str,
    bytes: &[u8],
    kind: crate::draft::InputKind,
) -> Vec<String> {
    let draft = Draft::parse(bytes, kind).expect("test draft parses");
    let lint = lints
        .iter()
        .find(|l| l.id() == lint_id)
        .expect("lint exists");
    let ctx = Context {
        now: DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z").expect("valid date"),
    };
    let mut hits = Vec::new();
    lint.check(&draft, &ctx, &mut hits);
    hits.into_iter()
        .map(|h| draft.text[h.span].to_string())
        .collect()
}

/// Test support: [`hits_of`] on a plain-text template.
#[cfg(test)]
pub(crate) fn text_hits(lint_id: &str, text: &str) -> Vec<String> {
    hits_of(lint_id, text.as_bytes(), crate::draft::InputKind::Text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_data_compiles_and_names_its_lint() {
        let lints = super::builtin().expect("built-in data compiles");
        let ids: Vec<&str> = lints.iter().map(|l| l.id()).collect();
        let listed: Vec<&str> = super::BUILTIN.iter().map(|m| m.id).collect();
        assert_eq!(ids, listed, "BUILTIN lists the lints in the order they run");
        assert_eq!(
            ids,
            [
                "jargon",
                "missing-next-step",
                "blame-shifting",
                "worried-opener",
                "missing-delay-ack"
            ]
        );
        for (file, text) in super::BUILTIN_DATA {
            let data = super::PhraseFile::parse(file, text).unwrap();
            assert!(
                file.starts_with(&data.lint),
                "{file} declares lint {}",
                data.lint
            );
            assert!(file.ends_with(&format!(".{}.toml", data.language)));
        }
    }
}
