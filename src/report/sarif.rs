//! `--format sarif`: one SARIF 2.1.0 log (the OASIS Static Analysis Results Interchange Format),
//! for GitHub code scanning (`github/codeql-action/upload-sarif`), Azure DevOps and IDE SARIF
//! viewers.
//!
//! The log has one run: `tool.driver.rules` describes every known lint (in
//! [`Linter::known`](crate::Linter::known) order, then any pack lint the run reported), and
//! `results` holds the findings in input order. Paths are relative URIs against the
//! `%SRCROOT%` base, which `originalUriBaseIds` resolves to the working directory. Findings with
//! a literal replacement carry a `fixes` entry; every result has a `partialFingerprints` entry
//! computed from its lint and [context](crate::Diagnostic::context), so that code scanning
//! tracks a finding across edits that move it to another line. The log is written at the end of
//! the run and has no timestamps, so the same inputs give the same bytes.

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::{Reporter, Summary};
use crate::lints::Meta;
use crate::{FileReport, Linter, Origin, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
const FINGERPRINT: &str = "draftlint/context/v1";

pub struct Sarif<W: Write> {
    out: W,
    rules: Vec<Rule>,
    /// Rule id -> index in `rules`.
    index: HashMap<&'static str, usize>,
    results: Vec<SarifResult>,
}

impl<W: Write> Sarif<W> {
    /// A log describing the built-in lints.
    pub fn new(out: W) -> Self {
        Self::with_rules(out, Linter::known())
    }

    /// A log describing `lints`, in this order (e.g. [`Linter::known_with`] a configuration, to
    /// describe its packs' lints in full).
    pub fn with_rules(out: W, lints: Vec<&'static Meta>) -> Self {
        let rules: Vec<Rule> = lints.into_iter().map(Rule::from_meta).collect();
        let index = rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        Sarif {
            out,
            rules,
            index,
            results: Vec::new(),
        }
    }

    /// The index of `lint`'s rule. A pack's lint has no [`Meta`] reachable from its findings, so
    /// it gets a rule naming only its id (code scanning requires a rule for every result).
    fn rule_index(&mut self, lint: &'static str, severity: Severity) -> usize {
        *self.index.entry(lint).or_insert_with(|| {
            self.rules.push(Rule {
                id: lint,
                short_description: Text::new(format!("`{lint}`, from a lint pack")),
                full_description: Text::new(format!("`{lint}`, from a lint pack")),
                help: Help {
                    text: format!("`{lint}` is defined by a lint pack: see its data file."),
                    markdown: format!("`{lint}` is defined by a lint pack: see its data file."),
                },
                default_configuration: Configuration {
                    level: level(severity),
                },
            });
            self.rules.len() - 1
        })
    }
}

impl<W: Write> Reporter for Sarif<W> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let artifact = ArtifactLocation::of(&report.path);
        // Identical (lint, context) pairs in one file are told apart by their rank, as GitHub's
        // own `primaryLocationLineHash` does.
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for finding in &report.findings {
            let d = &finding.diagnostic;
            let region = Region {
                start_line: d.start.line,
                start_column: d.start.column,
                end_line: d.end.line,
                end_column: d.end.column,
            };
            let occurrence = seen.entry((d.lint, &d.context)).or_default();
            *occurrence += 1;
            let fingerprint = format!(
                "{:016x}:{occurrence}",
                fnv1a(&[d.lint.as_bytes(), b"\n", d.context.as_bytes()])
            );
            let fixes = d.replacement.as_ref().map(|replacement| {
                let description = d
                    .suggestion
                    .clone()
                    .unwrap_or_else(|| format!("Replace with \"{replacement}\""));
                vec![Fix {
                    description: Text::new(description),
                    artifact_changes: vec![ArtifactChange {
                        artifact_location: artifact.clone(),
                        replacements: vec![Replacement {
                            deleted_region: region,
                            inserted_content: Content {
                                text: replacement.clone(),
                            },
                        }],
                    }],
                }]
            });
            // Code scanning shows the message, not the fixes: the suggestion goes in it too.
            let mut text = match &d.suggestion {
                Some(suggestion) => format!("{} ({suggestion})", d.message),
                None => d.message.clone(),
            };
            // The location is the file; say which of its drafts.
            if let Some(part) = &report.part {
                text.push_str(&format!(" ({})", part.describe()));
            }
            let rule_index = self.rule_index(d.lint, d.severity);
            self.results.push(SarifResult {
                rule_id: d.lint,
                rule_index,
                level: level(d.severity),
                message: Text::new(text),
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifact.clone(),
                        region,
                    },
                }],
                partial_fingerprints: BTreeMap::from([(FINGERPRINT, fingerprint)]),
                fixes,
                properties: properties(report),
            });
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "draftlint",
                        version: env!("CARGO_PKG_VERSION"),
                        information_uri: option_env!("CARGO_PKG_REPOSITORY")
                            .filter(|uri| !uri.is_empty()),
                        rules: &self.rules,
                    },
                },
                invocations: [Invocation {
                    execution_successful: summary.failed == 0,
                }],
                original_uri_base_ids: std::env::current_dir()
                    .ok()
                    .and_then(|dir| directory_uri(&dir))
                    .map(|uri| BTreeMap::from([(SRCROOT, Base { uri })])),
                // Diagnostics count characters; SARIF's default is UTF-16 code units.
                column_kind: "unicodeCodePoints",
                results: &self.results,
            }],
        };
        serde_json::to_writer_pretty(&mut self.out, &log)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

/// A result's draftlint-specific facts (SARIF property bag), if any: where its positions count
/// (`"draftlint/origin": "decoded-body"`), and that the input was decoded with replacements
/// (`"draftlint/lossy": true`).
fn properties(report: &FileReport) -> Option<BTreeMap<&'static str, serde_json::Value>> {
    let mut bag = BTreeMap::new();
    if report.origin == Origin::DecodedBody {
        bag.insert("draftlint/origin", "decoded-body".into());
    }
    if report.lossy {
        bag.insert("draftlint/lossy", true.into());
    }
    (!bag.is_empty()).then_some(bag)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BTreeMap<&'static str, Base>>,
    column_kind: &'static str,
    results: &'a [SarifResult],
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: &'a [Rule],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    /// False when an input could not be read or decoded: the results are incomplete.
    execution_successful: bool,
}

#[derive(Serialize)]
struct Base {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

impl Rule {
    fn from_meta(meta: &'static Meta) -> Rule {
        Rule {
            id: meta.id,
            short_description: Text::new(meta.summary.to_string()),
            full_description: Text::new(
                what_it_does(meta.doc).unwrap_or_else(|| meta.summary.to_string()),
            ),
            help: Help {
                text: meta.doc.to_string(),
                markdown: meta.doc.to_string(),
            },
            default_configuration: Configuration {
                level: level(meta.default_severity),
            },
        }
    }
}

/// The "What it does" section of a lint's documentation, its wrapped lines joined.
fn what_it_does(doc: &str) -> Option<String> {
    let mut lines = doc.lines().skip_while(|l| l.trim() != "## What it does");
    lines.next()?;
    let words: Vec<&str> = lines
        .take_while(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn new(text: String) -> Text {
        Text { text }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<Vec<Fix>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<BTreeMap<&'static str, serde_json::Value>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

impl ArtifactLocation {
    /// A reported path as a URI: a relative one against `%SRCROOT%`, or a `file:` URI for an
    /// absolute path (which no base can shorten).
    fn of(path: &str) -> ArtifactLocation {
        if Path::new(path).is_absolute() {
            if let Some(uri) = file_uri(Path::new(path)) {
                return ArtifactLocation {
                    uri,
                    uri_base_id: None,
                };
            }
        }
        let mut path = separators(path);
        while let Some(rest) = path.strip_prefix("./") {
            path = rest.trim_start_matches('/').to_string();
        }
        ArtifactLocation {
            // `:` is encoded too: in a relative reference's first segment it would read as a
            // scheme.
            uri: encode(&path, false),
            uri_base_id: Some(SRCROOT),
        }
    }
}

#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    /// Exclusive, as in SARIF.
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Content,
}

#[derive(Serialize)]
struct Content {
    text: String,
}

/// `path` with `/` separators (Windows also accepts `\`, which URIs do not).
fn separators(path: &str) -> String {
    if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    }
}

/// The `file:` URI of an absolute path (`None` if it is not valid Unicode).
fn file_uri(path: &Path) -> Option<String> {
    let path = separators(path.to_str()?);
    // `C:/x` (Windows) needs the root slash that `/x` (Unix) already has.
    let slash = if path.starts_with('/') { "" } else { "/" };
    Some(format!("file://{slash}{}", encode(&path, true)))
}

/// The `file:` URI of a directory, ending in `/` as a base URI must.
fn directory_uri(dir: &Path) -> Option<String> {
    let mut uri = file_uri(dir)?;
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

/// Percent-encodes what may not appear as it is in a URI path (RFC 3986 `pchar` and `/`),
/// including `%` itself; `:` is kept only when `colon` says so.
fn encode(path: &str, colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=@/".contains(&byte)
            || (colon && byte == b':');
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// 64-bit FNV-1a over the concatenated `parts`: stable across platforms and releases, unlike
/// `std`'s hasher.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|p| p.iter()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uris() {
        let uri = |p: &str| ArtifactLocation::of(p).uri;
        assert_eq!(uri("macros/a.txt"), "macros/a.txt");
        assert_eq!(uri("./macros/a b.txt"), "macros/a%20b.txt");
        assert_eq!(uri("50%:x#?.txt"), "50%25%3Ax%23%3F.txt");
        assert_eq!(uri("zwölf.txt"), "zw%C3%B6lf.txt");
        assert_eq!(ArtifactLocation::of("a.txt").uri_base_id, Some(SRCROOT));
        #[cfg(unix)]
        {
            let absolute = ArtifactLocation::of("/tmp/a b.txt");
            assert_eq!(absolute.uri, "file:///tmp/a%20b.txt");
            assert_eq!(absolute.uri_base_id, None);
            assert_eq!(
                directory_uri(Path::new("/work/main")).as_deref(),
                Some("file:///work/main/")
            );
        }
    }

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        assert_eq!(fnv1a(&[b""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&[b"a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(&[b"foo", b"bar"]), fnv1a(&[b"foobar"]));
    }

    #[test]
    fn full_descriptions_are_the_what_it_does_section() {
        let doc =
            "# x\n\n## What it does\nFlags this\nand that.\n\n## Why is this bad?\nBecause.\n";
        assert_eq!(what_it_does(doc).as_deref(), Some("Flags this and that."));
        assert_eq!(what_it_does("# x\n\nDefined by a lint pack.\n"), None);
    }
}
