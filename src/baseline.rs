//! Baselines: findings recorded once (`draftlint check --write-baseline`) and not reported again
//! (`draftlint check --baseline FILE`), so a team adopting draftlint on an existing library of
//! macros sees only new findings.
//!
//! A finding is identified by the path of its file, its lint and its [`Diagnostic::context`] (the
//! matched text with a few words either side, whitespace squeezed), never by line or column:
//! editing other lines of a file keeps its baseline valid, while editing the words around a finding
//! makes it a new one. The same finding occurring several times in a file is recorded with a
//! count, and the baseline absorbs at most that many occurrences.
//!
//! # File format
//!
//! ```json
//! {
//!   "version": 1,
//!   "tool": "draftlint",
//!   "entries": [
//!     {
//!       "path": "macros/refund.txt",
//!       "lint": "jargon",
//!       "context": "We will circle back with you",
//!       "count": 1
//!     }
//!   ]
//! }
//! ```
//!
//! - `version` must be `1` and `tool` must be `"draftlint"`; any other file is refused.
//! - `path` is the path as given on the command line, with `/` separators and without a leading
//!   `./`, so `draftlint check ./macros` and `draftlint check macros` share a baseline.
//! - `count` is how many occurrences of the finding the entry absorbs (`1` when omitted; entries
//!   with count `0` absorb nothing). Repeated entries for the same finding add up.
//! - Entries are written sorted by `(path, lint, context)` (byte order), so the file is
//!   deterministic and diffs well; unknown fields are ignored when reading.
//!
//! [`Diagnostic::context`]: crate::Diagnostic::context

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::FileReport;

/// The only format version this draftlint reads and writes.
const VERSION: u64 = 1;
/// The `tool` field of a baseline.
const TOOL: &str = "draftlint";

/// Recorded findings that are not reported again.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// path -> lint -> context -> count. Counts are never 0 and inner maps never empty, so two
    /// baselines absorbing the same findings compare equal.
    entries: BTreeMap<String, BTreeMap<String, BTreeMap<String, usize>>>,
}

impl Baseline {
    /// Reads a baseline file. Errors are one line naming the file and the problem
    /// ("draftlint-baseline.json: not a draftlint baseline (expected field `entries` at line 1 column 2)",
    /// "...: No such file or directory").
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let fail = |problem: String| format!("{}: {problem}", path.display());
        let bytes = fs::read(path).map_err(|err| fail(crate::describe_io(&err)))?;
        Baseline::parse(&bytes).map_err(fail)
    }

    /// Parses the contents of a baseline file; errors name the problem (not the file).
    fn parse(bytes: &[u8]) -> Result<Baseline, String> {
        // A byte-order mark, as some Windows editors save, is not JSON but is no reason to refuse.
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let not_baseline = |err: serde_json::Error| {
            let message = err.to_string();
            let message = match message.strip_prefix("missing field ") {
                Some(rest) => format!("expected field {rest}"),
                None => message,
            };
            format!("not a draftlint baseline ({message})")
        };
        // The header first: a file of another tool or another version is refused before its
        // entries are looked at (they may have another shape).
        let header: Header = serde_json::from_slice(bytes).map_err(not_baseline)?;
        if let Some(tool) = header.tool
            && tool != TOOL
        {
            return Err(format!(
                "not a draftlint baseline (`tool` is {}, expected \"{TOOL}\")",
                show(&tool)
            ));
        }
        if let Some(version) = header.version
            && version != VERSION
        {
            return Err(format!(
                "unsupported baseline version {} (this draftlint reads version {VERSION})",
                show(&version)
            ));
        }
        let file: FileIn = serde_json::from_slice(bytes).map_err(not_baseline)?;
        let mut baseline = Baseline::default();
        for entry in file.entries {
            baseline.add(entry.path, entry.lint, entry.context, entry.count);
        }
        Ok(baseline)
    }

    /// Records every finding of `report`.
    pub fn record(&mut self, report: &FileReport) {
        for finding in &report.findings {
            let diagnostic = &finding.diagnostic;
            self.add(
                report.label().into_owned(),
                diagnostic.lint.to_string(),
                diagnostic.context.clone(),
                1,
            );
        }
    }

    /// Adds `count` occurrences of a finding; `path` is normalised here.
    fn add(&mut self, path: String, lint: String, context: String, count: usize) {
        if count == 0 {
            return;
        }
        let recorded = self
            .entries
            .entry(normalize_path(&path).into_owned())
            .or_default()
            .entry(lint)
            .or_default()
            .entry(context)
            .or_default();
        *recorded = recorded.saturating_add(count);
    }

    /// Writes the baseline as pretty JSON, entries sorted (path, lint, context), so the file is
    /// deterministic and diffs well in git. Paths are stored with `/` separators.
    ///
    /// The file is replaced atomically: the JSON is written to a temporary file beside it, which
    /// is then renamed over it, so an interrupted run leaves the old baseline or the new one.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        let file = FileOut {
            version: VERSION,
            tool: TOOL,
            entries: self
                .iter()
                .map(|(path, lint, context, count)| EntryOut {
                    path,
                    lint,
                    context,
                    count,
                })
                .collect(),
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
        json.push(b'\n');
        write_atomically(path, &json)
    }

    /// Removes from `report` the findings the baseline covers (consuming counts, so call it once
    /// per report); returns how many were removed.
    pub fn filter(&mut self, report: &mut FileReport) -> usize {
        let label = report.label().into_owned();
        let path = normalize_path(&label);
        let Some(lints) = self.entries.get_mut(path.as_ref()) else {
            return 0;
        };
        let before = report.findings.len();
        report.findings.retain(|finding| {
            let diagnostic = &finding.diagnostic;
            let Some(contexts) = lints.get_mut(diagnostic.lint) else {
                return true;
            };
            let Some(count) = contexts.get_mut(diagnostic.context.as_str()) else {
                return true;
            };
            *count -= 1;
            if *count == 0 {
                contexts.remove(diagnostic.context.as_str());
                if contexts.is_empty() {
                    lints.remove(diagnostic.lint);
                }
            }
            false
        });
        if lints.is_empty() {
            self.entries.remove(path.as_ref());
        }
        before - report.findings.len()
    }

    /// Number of recorded findings (counts summed).
    pub fn len(&self) -> usize {
        self.iter()
            .fold(0, |sum, (_, _, _, count)| sum.saturating_add(count))
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `(path, lint, context, count)` in sorted order.
    fn iter(&self) -> impl Iterator<Item = (&str, &str, &str, usize)> {
        self.entries.iter().flat_map(|(path, lints)| {
            lints.iter().flat_map(move |(lint, contexts)| {
                contexts.iter().map(move |(context, &count)| {
                    (path.as_str(), lint.as_str(), context.as_str(), count)
                })
            })
        })
    }
}

/// The key of a report's path: `\` becomes `/` and leading `./` are dropped.
fn normalize_path(path: &str) -> Cow<'_, str> {
    let strip = |mut path: &str| -> usize {
        let len = path.len();
        while let Some(rest) = path.strip_prefix("./") {
            path = rest.trim_start_matches('/');
        }
        len - path.len()
    };
    if path.contains('\\') {
        let path = path.replace('\\', "/");
        let cut = strip(&path);
        Cow::Owned(path[cut..].to_string())
    } else {
        Cow::Borrowed(&path[strip(path)..])
    }
}

/// A JSON value for an error message: one line, at most 40 characters.
fn show(value: &Value) -> String {
    const MAX: usize = 40;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// Writes `bytes` to a new file beside `path` and renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: not a file name", path.display()),
        )
    })?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let (temp_path, mut temp) = create_temp(dir, &name.to_string_lossy())?;
    let written = temp
        .write_all(bytes)
        .and_then(|()| temp.sync_all())
        .and_then(|()| {
            drop(temp);
            fs::rename(&temp_path, path)
        });
    if written.is_err() {
        let _ = fs::remove_file(&temp_path);
    }
    written
}

/// Creates a fresh file `.NAME.PID.N.tmp` in `dir`.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    let mut attempt = 0u32;
    loop {
        let temp_path = dir.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp_path)
        {
            Ok(file) => return Ok((temp_path, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(err) => return Err(err),
        }
    }
}

/// The fields checked before the entries are read: `Some` for a field present, `null` included.
/// Read from a JSON object only (a derived `Deserialize` would also take an array).
struct Header {
    version: Option<Value>,
    tool: Option<Value>,
}

impl<'de> Deserialize<'de> for Header {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Header, D::Error> {
        struct HeaderVisitor;

        impl<'de> Visitor<'de> for HeaderVisitor {
            type Value = Header;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Header, A::Error> {
                let mut header = Header {
                    version: None,
                    tool: None,
                };
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    let (field, name) = match key.as_ref() {
                        "version" => (&mut header.version, "version"),
                        "tool" => (&mut header.tool, "tool"),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    if field.is_some() {
                        return Err(de::Error::duplicate_field(name));
                    }
                    *field = Some(map.next_value()?);
                }
                Ok(header)
            }
        }

        deserializer.deserialize_map(HeaderVisitor)
    }
}

/// A baseline file as read; `version` and `tool` are checked through [`Header`]. `entries`
/// comes first so that a file without it (`{}`) is reported as missing it.
#[derive(Deserialize)]
#[serde(expecting = "a JSON object")]
struct FileIn {
    entries: Vec<EntryIn>,
    #[allow(dead_code)]
    version: IgnoredAny,
    #[allow(dead_code)]
    tool: IgnoredAny,
}

#[derive(Deserialize)]
#[serde(expecting = "an entry object")]
struct EntryIn {
    path: String,
    lint: String,
    context: String,
    #[serde(default = "one")]
    count: usize,
}

fn one() -> usize {
    1
}

/// A baseline file as written.
#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    tool: &'a str,
    entries: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    path: &'a str,
    lint: &'a str,
    context: &'a str,
    count: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Diagnostic, Finding, Origin, Position, Severity};

    /// A finding of `lint` on `line` whose context is `context`.
    fn finding(lint: &'static str, line: usize, context: &str) -> Finding {
        Finding {
            diagnostic: Diagnostic {
                lint,
                severity: Severity::Warning,
                start: Position { line, column: 1 },
                end: Position { line, column: 5 },
                message: format!("{lint} message"),
                suggestion: None,
                replacement: None,
                context: context.to_string(),
            },
            source: context.to_string(),
            source_column: 1,
        }
    }

    fn report(path: &str, findings: &[(&'static str, usize, &str)]) -> FileReport {
        FileReport {
            path: path.to_string(),
            part: None,
            origin: Origin::File,
            lossy: false,
            findings: findings
                .iter()
                .map(|&(lint, line, context)| finding(lint, line, context))
                .collect(),
        }
    }

    /// `(lint, line, context)` of a report's findings.
    fn remaining(report: &FileReport) -> Vec<(&'static str, usize, String)> {
        report
            .findings
            .iter()
            .map(|f| {
                let d = &f.diagnostic;
                (d.lint, d.start.line, d.context.clone())
            })
            .collect()
    }

    const CIRCLE: &str = "We will circle back with you";
    const BLAME: &str = "you should have read the";

    fn sample() -> Baseline {
        let mut baseline = Baseline::default();
        baseline.record(&report(
            "macros/refund.txt",
            &[("jargon", 3, CIRCLE), ("blame-shifting", 7, BLAME)],
        ));
        baseline.record(&report("macros/a.txt", &[("jargon", 1, "touch base")]));
        baseline
    }

    #[test]
    fn record_then_filter_removes_exactly_the_recorded_findings() {
        let mut baseline = sample();
        assert_eq!(baseline.len(), 3);
        let mut same = report(
            "macros/refund.txt",
            &[("jargon", 3, CIRCLE), ("blame-shifting", 7, BLAME)],
        );
        assert_eq!(baseline.filter(&mut same), 2);
        assert!(same.findings.is_empty());

        let mut baseline = sample();
        let mut more = report(
            "macros/refund.txt",
            &[
                ("jargon", 3, CIRCLE),
                ("jargon", 9, "please action this today"),
                ("blame-shifting", 7, BLAME),
            ],
        );
        assert_eq!(baseline.filter(&mut more), 2);
        assert_eq!(
            remaining(&more),
            [("jargon", 9, "please action this today".to_string())]
        );
    }

    #[test]
    fn filter_keys_on_path_and_lint_too() {
        let mut baseline = sample();
        let mut other_file = report("macros/other.txt", &[("jargon", 3, CIRCLE)]);
        assert_eq!(baseline.filter(&mut other_file), 0);
        assert_eq!(other_file.findings.len(), 1);
        let mut other_lint = report("macros/refund.txt", &[("worried-opener", 3, CIRCLE)]);
        assert_eq!(baseline.filter(&mut other_lint), 0);
        assert_eq!(other_lint.findings.len(), 1);
    }

    #[test]
    fn a_finding_moved_to_another_line_is_still_covered() {
        let mut baseline = sample();
        let mut moved = report(
            "macros/refund.txt",
            &[("blame-shifting", 2, BLAME), ("jargon", 40, CIRCLE)],
        );
        assert_eq!(baseline.filter(&mut moved), 2);
        assert!(moved.findings.is_empty());
    }

    #[test]
    fn an_edited_context_is_reported() {
        let mut baseline = sample();
        let mut edited = report(
            "macros/refund.txt",
            &[("jargon", 3, "We shall circle back with you")],
        );
        assert_eq!(baseline.filter(&mut edited), 0);
        assert_eq!(
            remaining(&edited),
            [("jargon", 3, "We shall circle back with you".to_string())]
        );
    }

    #[test]
    fn counts_absorb_at_most_the_recorded_occurrences() {
        let mut baseline = Baseline::default();
        baseline.record(&report(
            "a.txt",
            &[("jargon", 1, CIRCLE), ("jargon", 5, CIRCLE)],
        ));
        assert_eq!(baseline.len(), 2);
        let mut three = report(
            "a.txt",
            &[
                ("jargon", 1, CIRCLE),
                ("jargon", 5, CIRCLE),
                ("jargon", 9, CIRCLE),
            ],
        );
        assert_eq!(baseline.filter(&mut three), 2);
        assert_eq!(remaining(&three), [("jargon", 9, CIRCLE.to_string())]);
        // Counts are consumed: a second filter of the same file absorbs nothing.
        assert!(baseline.is_empty());
        let mut again = report("a.txt", &[("jargon", 1, CIRCLE)]);
        assert_eq!(baseline.filter(&mut again), 0);
    }

    #[test]
    fn dot_slash_and_backslash_paths_agree() {
        for (recorded, checked) in [
            ("./a.txt", "a.txt"),
            ("a.txt", "./a.txt"),
            ("macros\\a.txt", "./macros/a.txt"),
            (".\\macros\\a.txt", "macros/a.txt"),
            ("././/macros/a.txt", "macros/a.txt"),
        ] {
            let mut baseline = Baseline::default();
            baseline.record(&report(recorded, &[("jargon", 1, CIRCLE)]));
            let mut checked = report(checked, &[("jargon", 1, CIRCLE)]);
            assert_eq!(baseline.filter(&mut checked), 1, "{recorded}");
        }
        let mut dotted = Baseline::default();
        dotted.record(&report("./a.txt", &[("jargon", 1, CIRCLE)]));
        let mut plain = Baseline::default();
        plain.record(&report("a.txt", &[("jargon", 1, CIRCLE)]));
        assert_eq!(dotted, plain);
    }

    #[test]
    fn filter_on_an_empty_baseline_removes_nothing() {
        let mut baseline = Baseline::default();
        assert!(baseline.is_empty());
        assert_eq!(baseline.len(), 0);
        let mut findings = report("a.txt", &[("jargon", 1, CIRCLE), ("jargon", 2, BLAME)]);
        assert_eq!(baseline.filter(&mut findings), 0);
        assert_eq!(findings.findings.len(), 2);
    }

    #[test]
    fn write_then_load_round_trips_sorted_and_stable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draftlint-baseline.json");
        let mut baseline = sample();
        baseline.record(&report(".\\win\\b.txt", &[("jargon", 2, CIRCLE)]));
        baseline.record(&report("macros/a.txt", &[("jargon", 8, "touch base")]));
        baseline.write(&path).unwrap();
        let first = fs::read_to_string(&path).unwrap();
        assert_eq!(
            first,
            r#"{
  "version": 1,
  "tool": "draftlint",
  "entries": [
    {
      "path": "macros/a.txt",
      "lint": "jargon",
      "context": "touch base",
      "count": 2
    },
    {
      "path": "macros/refund.txt",
      "lint": "blame-shifting",
      "context": "you should have read the",
      "count": 1
    },
    {
      "path": "macros/refund.txt",
      "lint": "jargon",
      "context": "We will circle back with you",
      "count": 1
    },
    {
      "path": "win/b.txt",
      "lint": "jargon",
      "context": "We will circle back with you",
      "count": 1
    }
  ]
}
"#
        );
        let loaded = Baseline::load(&path).unwrap();
        assert_eq!(loaded, baseline);
        assert_eq!(loaded.len(), 5);
        // Writing again (over the file, and a loaded copy) gives the same bytes.
        baseline.write(&path).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), first);
        loaded.write(&path).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), first);
        // Nothing but the baseline is left in the directory (no temporary files).
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["draftlint-baseline.json"]);
    }

    #[test]
    fn an_empty_baseline_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        Baseline::default().write(&path).unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "{\n  \"version\": 1,\n  \"tool\": \"draftlint\",\n  \"entries\": []\n}\n"
        );
        assert_eq!(Baseline::load(&path).unwrap(), Baseline::default());
    }

    #[test]
    fn write_into_a_missing_directory_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("b.json");
        let err = sample().write(&path).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }

    /// `load` of a file holding `text`; the error with the temporary directory removed.
    fn load_error(text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draftlint-baseline.json");
        fs::write(&path, text).unwrap();
        let err = Baseline::load(&path).unwrap_err();
        let prefix = format!("{}: ", path.display());
        assert!(err.starts_with(&prefix), "{err}");
        assert!(!err.contains('\n'), "{err}");
        err[prefix.len()..].to_string()
    }

    #[test]
    fn load_of_a_missing_file_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draftlint-baseline.json");
        assert_eq!(
            Baseline::load(&path).unwrap_err(),
            format!("{}: No such file or directory", path.display())
        );
    }

    #[test]
    fn load_of_a_file_that_is_not_json_names_it() {
        assert_eq!(
            load_error("jargon: circle back\n"),
            "not a draftlint baseline (expected value at line 1 column 1)"
        );
        assert_eq!(
            load_error(""),
            "not a draftlint baseline (EOF while parsing a value at line 1 column 0)"
        );
        assert_eq!(
            load_error("[1, 2]"),
            "not a draftlint baseline (invalid type: sequence, expected a JSON object at line 1 column 0)"
        );
        assert_eq!(
            load_error(r#"{"tool": "draftlint", "tool": "draftlint"}"#),
            "not a draftlint baseline (duplicate field `tool` at line 1 column 28)"
        );
        assert_eq!(
            load_error("{}"),
            "not a draftlint baseline (expected field `entries` at line 1 column 2)"
        );
        assert_eq!(
            load_error(r#"{"entries": []}"#),
            "not a draftlint baseline (expected field `version` at line 1 column 15)"
        );
    }

    #[test]
    fn load_skips_a_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        fs::write(
            &path,
            "\u{feff}{\"version\": 1, \"tool\": \"draftlint\", \"entries\": []}",
        )
        .unwrap();
        assert_eq!(Baseline::load(&path).unwrap(), Baseline::default());
    }

    #[test]
    fn load_refuses_another_version() {
        assert_eq!(
            load_error(r#"{"version": 2, "tool": "draftlint", "entries": {"new": "shape"}}"#),
            "unsupported baseline version 2 (this draftlint reads version 1)"
        );
        assert_eq!(
            load_error(r#"{"version": null, "tool": "draftlint", "entries": []}"#),
            "unsupported baseline version null (this draftlint reads version 1)"
        );
        assert_eq!(
            load_error(r#"{"version": "1", "tool": "draftlint", "entries": []}"#),
            "unsupported baseline version \"1\" (this draftlint reads version 1)"
        );
    }

    #[test]
    fn load_refuses_another_tool() {
        assert_eq!(
            load_error(r#"{"version": 1, "tool": "eslint", "entries": []}"#),
            "not a draftlint baseline (`tool` is \"eslint\", expected \"draftlint\")"
        );
        let long = format!(
            r#"{{"version": 1, "tool": "{}\n", "entries": []}}"#,
            "x".repeat(99)
        );
        assert_eq!(
            load_error(&long.replace('\n', "\\n")),
            format!(
                "not a draftlint baseline (`tool` is \"{}…, expected \"draftlint\")",
                "x".repeat(39)
            )
        );
    }

    #[test]
    fn load_never_panics_on_odd_input() {
        for text in [
            "\u{feff}{}",
            "{\"version\": 1, \"tool\": \"draftlint\", \"entries\": [{\"path\": 1}]}",
            "{\"version\": 1, \"tool\": \"draftlint\", \"entries\": [{\"path\": \"a\", \"lint\": \"j\", \"context\": \"c\", \"count\": -1}]}",
            "{\"version\": 1, \"tool\": \"draftlint\", \"entries\": [{\"path\": \"a\", \"lint\": \"j\", \"context\": \"c\", \"count\": 1e400}]}",
            "{\"version\": 1, \"tool\": \"draftlint\", \"entries\": [{\"path\": \"a\", \"lint\": \"j\", \"context\": \"c\", \"count\": 99999999999999999999999}]}",
            "{\"version\": 1, \"tool\": \"draftlint\", \"entries\": [",
            &"[".repeat(100_000),
            &format!("{{\"x\": {}", "[".repeat(100_000)),
        ] {
            load_error(text);
        }
        // Invalid UTF-8 is a JSON error, not a panic.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        fs::write(&path, b"{\"version\": 1, \"tool\": \"draft\xff\"}").unwrap();
        assert!(Baseline::load(&path).is_err());
    }

    #[test]
    fn load_accepts_huge_counts_and_sums_without_overflow() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        let max = usize::MAX;
        fs::write(
            &path,
            format!(
                r#"{{"version": 1, "tool": "draftlint", "entries": [
                    {{"path": "./a.txt", "lint": "jargon", "context": "c", "count": {max}}},
                    {{"path": "a.txt", "lint": "jargon", "context": "c", "count": {max}}},
                    {{"path": "b.txt", "lint": "jargon", "context": "c", "count": {max}}},
                    {{"path": "c.txt", "lint": "jargon", "context": "c", "count": 0}},
                    {{"path": "d.txt", "lint": "jargon", "context": "c", "extra": true}}
                ], "comment": "unknown fields are ignored"}}"#
            ),
        )
        .unwrap();
        let mut baseline = Baseline::load(&path).unwrap();
        assert_eq!(baseline.len(), usize::MAX);
        let mut a = report("a.txt", &[("jargon", 1, "c"), ("jargon", 2, "c")]);
        assert_eq!(baseline.filter(&mut a), 2);
        // count 0 absorbs nothing; a missing count is 1.
        let mut c = report("c.txt", &[("jargon", 1, "c")]);
        assert_eq!(baseline.filter(&mut c), 0);
        let mut d = report("d.txt", &[("jargon", 1, "c"), ("jargon", 2, "c")]);
        assert_eq!(baseline.filter(&mut d), 1);
    }
}
