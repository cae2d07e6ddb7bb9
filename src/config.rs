//! Configuration: `draftlint.toml`, `.draftlint.toml`, or `[tool.draftlint]` in `pyproject.toml`.
//!
//! As in ruff, the configuration file closest to a linted file applies to it, alone: there is no
//! implicit merging with files further up. `extend = "path"` inherits from another file
//! explicitly. Every error names the file, line and column.
//!
//! ```toml
//! extend = "../shared/draftlint.toml"
//! select = ["jargon", "missing-next-step"]   # default: every lint
//! extend-select = []
//! ignore = []
//! fail-on = "warning"                        # error | warning | info | never
//! exclude = ["vendor/**"]
//! extend-exclude = []
//! per-file-ignores = { "macros/internal/**" = ["jargon"] }
//!
//! [lints.jargon]
//! severity = "error"                         # error | warning | info | off
//! allow = ["API"]                            # terms and acronyms this team may use
//! extend-terms = { "SLA" = "service agreement" }
//!
//! [lints.missing-next-step]
//! min-words = 40
//!
//! [lints.missing-delay-ack]
//! max-reply-hours = 48
//! business-hours = true                      # weekends do not count
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::describe_io;
use crate::lints::Severity;
use crate::lints::pack;
use crate::lints::phrases::PhraseFile;
use crate::macros::ExportShape;

/// What `draftlint init` writes: every setting at its default, commented.
pub const INIT: &str = r#"# draftlint configuration (README, "Configuration"). The closest draftlint.toml, .draftlint.toml
# or pyproject.toml [tool.draftlint] to a file applies to it.

# Inherit another configuration explicitly (nothing is merged implicitly):
# extend = "../draftlint.toml"

# Which lints run (default: all; `draftlint lints` lists them).
# select = ["jargon", "missing-next-step", "blame-shifting", "worried-opener", "missing-delay-ack", "unused-suppression"]
extend-select = []
ignore = []

# The least severity that makes a run fail (exit 1): error, warning, info or never.
fail-on = "warning"

# Files never linted (globs relative to this file); `--force-exclude` applies them to files
# named on the command line too, as a pre-commit hook names them.
exclude = []
extend-exclude = []

# Files larger than this (bytes) are not read: an error names them.
max-file-size = 25_000_000

# Lints turned off for some files, e.g. { "macros/internal/**" = ["jargon"] }.
per-file-ignores = {}

# Your own lints and lint extensions, as data (README, "Your own lints, as data"):
# packs = ["lint-packs/house"]

# Other tools' macro exports, as JSON pointers (Zendesk's macro JSON needs nothing):
# [[exports]]
# files = ["helpdesk/*.json"]
# items = "/replies"
# text = "/body"
# title = "/name"
# html = false

# Each lint: severity = "error" | "warning" | "info" | "off", and its own settings.
[lints.jargon]
severity = "warning"
allow = []              # terms and acronyms your readers know, e.g. ["API", "SSO"]
extend-terms = {}       # your own jargon and what to say instead, e.g. { "omnichannel" = "every channel" }

[lints.missing-next-step]
severity = "warning"
min-words = 30          # shorter drafts need no explicit next step

[lints.blame-shifting]
severity = "warning"

[lints.worried-opener]
severity = "warning"

[lints.missing-delay-ack]
severity = "warning"
max-reply-hours = 24    # a reply later than this is late
business-hours = false  # true: Saturdays and Sundays do not count

[lints.unused-suppression]
severity = "info"
"#;

/// Configuration file names, in the order they are looked for in each directory.
pub const FILE_NAMES: [&str; 3] = ["draftlint.toml", ".draftlint.toml", "pyproject.toml"];

/// A problem with a configuration file, located in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the file.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// When a run exits 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    #[default]
    Warning,
    Info,
    Never,
}

impl std::str::FromStr for FailOn {
    type Err = String;

    fn from_str(value: &str) -> Result<FailOn, String> {
        match value {
            "error" => Ok(FailOn::Error),
            "warning" => Ok(FailOn::Warning),
            "info" => Ok(FailOn::Info),
            "never" => Ok(FailOn::Never),
            _ => Err(format!(
                "expected error, warning, info or never, not {value:?}"
            )),
        }
    }
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Error => severity == Severity::Error,
            FailOn::Warning => severity <= Severity::Warning,
            FailOn::Info => true,
        }
    }
}

/// A lint's severity in a configuration, `off` included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// One lint's table under `[lints]`. Each setting belongs to one lint (checked on load).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintSettings {
    pub severity: Option<Level>,
    /// jargon: terms and acronyms this team may use.
    pub allow: Option<Vec<String>>,
    /// jargon: more terms, each with its plain-language suggestion.
    pub extend_terms: Option<BTreeMap<String, String>>,
    /// missing-next-step: drafts shorter than this are exempt.
    pub min_words: Option<usize>,
    /// missing-delay-ack: a reply later than this is late.
    pub max_reply_hours: Option<u32>,
    /// missing-delay-ack: count only Monday to Friday.
    pub business_hours: Option<bool>,
}

impl LintSettings {
    /// The settings present, with the lint each belongs to.
    fn present(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        let mut add = |set: bool, key, lint| {
            if set {
                out.push((key, lint));
            }
        };
        add(self.allow.is_some(), "allow", "jargon");
        add(self.extend_terms.is_some(), "extend-terms", "jargon");
        add(self.min_words.is_some(), "min-words", "missing-next-step");
        add(
            self.max_reply_hours.is_some(),
            "max-reply-hours",
            "missing-delay-ack",
        );
        add(
            self.business_hours.is_some(),
            "business-hours",
            "missing-delay-ack",
        );
        out
    }

    /// `other`'s settings over these.
    fn overlay(&mut self, other: &LintSettings) {
        macro_rules! take {
            ($($field:ident),*) => {$(
                if other.$field.is_some() {
                    self.$field = other.$field.clone();
                }
            )*};
        }
        take!(
            severity,
            allow,
            extend_terms,
            min_words,
            max_reply_hours,
            business_hours
        );
    }
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    extend: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<FailOn>,
    exclude: Option<Vec<Spanned<String>>>,
    extend_exclude: Option<Vec<Spanned<String>>>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    packs: Option<Vec<Spanned<String>>>,
    exports: Option<Vec<RawExport>>,
    max_file_size: Option<u64>,
    #[serde(default)]
    lints: BTreeMap<Spanned<String>, LintSettings>,
}

/// `[[exports]]`: another tool's macro export, as JSON pointers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExport {
    files: Vec<Spanned<String>>,
    #[serde(default)]
    items: Option<Spanned<String>>,
    text: Spanned<String>,
    title: Option<Spanned<String>>,
    #[serde(default)]
    html: bool,
}

#[derive(Deserialize)]
struct Pyproject {
    tool: Option<PyprojectTool>,
}

#[derive(Deserialize)]
struct PyprojectTool {
    draftlint: Option<RawConfig>,
}

/// A glob and the directory it is relative to (the configuration file's).
#[derive(Debug, Clone)]
struct Pattern {
    matcher: GlobMatcher,
    base: PathBuf,
}

/// A loaded configuration, `extend` chain resolved.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from (`None`: the defaults).
    pub path: Option<PathBuf>,
    /// `select`, when given: the lints to run instead of all of them.
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOn>,
    pub lints: BTreeMap<String, LintSettings>,
    /// The data files of `packs`, along the whole `extend` chain.
    pub packs: Vec<PhraseFile>,
    /// `[[exports]]`: which files are macro exports of which shape.
    exports: Vec<(Vec<Pattern>, ExportShape)>,
    /// Files larger than this many bytes are not read.
    pub max_file_size: Option<u64>,
    exclude: Vec<Pattern>,
    per_file_ignores: Vec<(Pattern, Vec<String>)>,
}

/// How deep `extend` chains may go (a cycle is caught before that).
const MAX_EXTEND_DEPTH: usize = 16;

impl Config {
    /// Loads `path` (any name: a `pyproject.toml` is read for `[tool.draftlint]`), checking
    /// lint ids against `known`.
    pub fn load(path: &Path, known: &[&str]) -> Result<Config, ConfigError> {
        Self::load_chain(path, known, &mut Vec::new())
    }

    fn load_chain(
        path: &Path,
        known: &[&str],
        seen: &mut Vec<PathBuf>,
    ) -> Result<Config, ConfigError> {
        let canonical = path
            .canonicalize()
            .map_err(|e| error(path, None, describe_io(&e)))?;
        if seen.contains(&canonical) || seen.len() > MAX_EXTEND_DEPTH {
            return Err(error(
                path,
                None,
                "`extend` chain loops back to this file".into(),
            ));
        }
        seen.push(canonical);
        let text = std::fs::read_to_string(path).map_err(|e| error(path, None, describe_io(&e)))?;
        let raw = parse_raw(path, &text)?.unwrap_or_default();
        // "draftlint.toml" found in the working directory has "" for a parent.
        let base_dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let mut config = match &raw.extend {
            Some(extend) => {
                let target = relative_to(&base_dir, extend.get_ref());
                if !target.is_file() {
                    let at = position(&text, extend.span().start);
                    return Err(error(
                        path,
                        Some(at),
                        format!("`extend` names {}, which does not exist", target.display()),
                    ));
                }
                Self::load_chain(&target, known, seen)?
            }
            None => Config::default(),
        };
        config.path = Some(path.to_path_buf());
        for dir in raw.packs.iter().flatten() {
            let at = Some(position(&text, dir.span().start));
            let files = pack::load(&relative_to(&base_dir, dir.get_ref()))
                .map_err(|m| error(path, at, format!("pack: {m}")))?;
            config.packs.extend(files);
        }
        // Lints the packs define may be configured like built-in ones.
        let pack_ids = config.packs.iter().map(|p| p.lint.as_str());
        let known: Vec<&str> = known.iter().copied().chain(pack_ids).collect();
        let known = known.as_slice();
        let check_ids = |ids: &[Spanned<String>]| -> Result<Vec<String>, ConfigError> {
            ids.iter()
                .map(|id| {
                    check_lint_id(id.get_ref(), known)
                        .map(|()| id.get_ref().clone())
                        .map_err(|m| error(path, Some(position(&text, id.span().start)), m))
                })
                .collect()
        };
        if let Some(select) = &raw.select {
            config.select = Some(check_ids(select)?);
        }
        if let Some(extend_select) = &raw.extend_select {
            config.extend_select.extend(check_ids(extend_select)?);
        }
        if let Some(ignore) = &raw.ignore {
            config.ignore.extend(check_ids(ignore)?);
        }
        if raw.fail_on.is_some() {
            config.fail_on = raw.fail_on;
        }
        if raw.max_file_size.is_some() {
            config.max_file_size = raw.max_file_size;
        }
        let patterns = |globs: &[Spanned<String>]| -> Result<Vec<Pattern>, ConfigError> {
            globs
                .iter()
                .map(|g| pattern(path, &text, g, &base_dir))
                .collect()
        };
        if let Some(exclude) = &raw.exclude {
            config.exclude = patterns(exclude)?;
        }
        if let Some(extend_exclude) = &raw.extend_exclude {
            config.exclude.extend(patterns(extend_exclude)?);
        }
        for export in raw.exports.iter().flatten() {
            let pointer = |p: &Spanned<String>| -> Result<String, ConfigError> {
                let value = p.get_ref();
                if value.is_empty() || value.starts_with('/') {
                    Ok(value.clone())
                } else {
                    let at = Some(position(&text, p.span().start));
                    Err(error(
                        path,
                        at,
                        format!("{value:?} is not a JSON pointer (\"\" or \"/a/b\")"),
                    ))
                }
            };
            let shape = ExportShape {
                items: export
                    .items
                    .as_ref()
                    .map(pointer)
                    .transpose()?
                    .unwrap_or_default(),
                text: pointer(&export.text)?,
                title: export.title.as_ref().map(pointer).transpose()?,
                html: export.html,
            };
            config.exports.push((patterns(&export.files)?, shape));
        }
        if let Some(per_file) = &raw.per_file_ignores {
            config.per_file_ignores = per_file
                .iter()
                .map(|(glob, ids)| Ok((pattern(path, &text, glob, &base_dir)?, check_ids(ids)?)))
                .collect::<Result<_, ConfigError>>()?;
        }
        for (id, settings) in &raw.lints {
            let at = Some(position(&text, id.span().start));
            check_lint_id(id.get_ref(), known).map_err(|m| error(path, at, m))?;
            if let Some((key, owner)) = settings
                .present()
                .into_iter()
                .find(|(_, owner)| owner != id.get_ref())
            {
                return Err(error(
                    path,
                    at,
                    format!(
                        "`{key}` is not a setting of `{}` (it belongs to `{owner}`)",
                        id.get_ref()
                    ),
                ));
            }
            config
                .lints
                .entry(id.get_ref().clone())
                .or_default()
                .overlay(settings);
        }
        Ok(config)
    }

    /// The lints to run, out of `all`: `select` (or all), plus `extend-select`, minus `ignore`
    /// and lints whose severity is `off`.
    pub fn selected<'a>(&self, all: &[&'a str]) -> BTreeSet<&'a str> {
        let mut chosen: BTreeSet<&str> = match &self.select {
            Some(select) => all
                .iter()
                .copied()
                .filter(|id| select.iter().any(|s| s == id))
                .collect(),
            None => all.iter().copied().collect(),
        };
        chosen.extend(
            all.iter()
                .copied()
                .filter(|id| self.extend_select.iter().any(|s| s == id)),
        );
        chosen.retain(|id| !self.ignore.iter().any(|s| s == id));
        chosen.retain(|id| self.lints.get(*id).and_then(|l| l.severity) != Some(Level::Off));
        chosen
    }

    /// The export shape `file` has, when `[[exports]]` names it.
    pub fn export_for(&self, file: &Path) -> Option<&ExportShape> {
        let (_, shape) = self
            .exports
            .iter()
            .find(|(patterns, _)| patterns.iter().any(|p| p.matches(file)))?;
        Some(shape)
    }

    /// Whether `file` is excluded.
    pub fn excludes(&self, file: &Path) -> bool {
        self.exclude.iter().any(|p| p.matches(file))
    }

    /// The lints `per-file-ignores` turns off for `file`.
    pub fn ignored_for(&self, file: &Path) -> BTreeSet<&str> {
        self.per_file_ignores
            .iter()
            .filter(|(p, _)| p.matches(file))
            .flat_map(|(_, ids)| ids.iter().map(String::as_str))
            .collect()
    }

    /// The closest configuration file for a file in `dir`: the first of [`FILE_NAMES`] found in
    /// `dir` or an ancestor (a `pyproject.toml` counts only with a `[tool.draftlint]` table).
    pub fn find(dir: &Path) -> Option<PathBuf> {
        dir.ancestors().find_map(|d| {
            FILE_NAMES.iter().map(|n| d.join(n)).find(|candidate| {
                candidate.is_file()
                    && (!candidate.ends_with("pyproject.toml")
                        || std::fs::read_to_string(candidate)
                            .is_ok_and(|t| has_draftlint_table(&t)))
            })
        })
    }
}

impl Pattern {
    /// Whether the glob matches `file` or a directory it is in ("vendor" excludes
    /// "vendor/a.txt"), relative to the configuration's directory.
    fn matches(&self, file: &Path) -> bool {
        let absolute = absolute(file);
        let relative = absolute.strip_prefix(&self.base).unwrap_or(&absolute);
        relative
            .ancestors()
            .any(|a| a != Path::new("") && self.matcher.is_match(a))
    }
}

fn pattern(
    path: &Path,
    text: &str,
    glob: &Spanned<String>,
    base: &Path,
) -> Result<Pattern, ConfigError> {
    let compiled = Glob::new(glob.get_ref()).map_err(|e| {
        let at = Some(position(text, glob.span().start));
        error(
            path,
            at,
            format!("bad glob {:?}: {}", glob.get_ref(), e.kind()),
        )
    })?;
    Ok(Pattern {
        matcher: compiled.compile_matcher(),
        base: absolute(base),
    })
}

/// The draftlint part of a configuration file, `None` for a `pyproject.toml` without one.
fn parse_raw(path: &Path, text: &str) -> Result<Option<RawConfig>, ConfigError> {
    let located = |e: toml::de::Error| {
        let at = e.span().map(|s| position(text, s.start));
        error(path, at, e.message().to_string())
    };
    if path.file_name().is_some_and(|n| n == "pyproject.toml") {
        let project: Pyproject = toml::from_str(text).map_err(located)?;
        Ok(project.tool.and_then(|t| t.draftlint))
    } else {
        toml::from_str(text).map(Some).map_err(located)
    }
}

fn has_draftlint_table(pyproject: &str) -> bool {
    toml::from_str::<toml::Table>(pyproject)
        .ok()
        .and_then(|t| t.get("tool").and_then(|t| t.get("draftlint")).map(|_| ()))
        .is_some()
}

/// Whether `id` names a lint, with a "did you mean" when it does not.
pub fn check_lint_id(id: &str, known: &[&str]) -> Result<(), String> {
    if known.contains(&id) {
        return Ok(());
    }
    let closest = known
        .iter()
        .map(|k| (strsim::jaro_winkler(id, k), k))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score > 0.8);
    Err(match closest {
        Some((_, k)) => format!("unknown lint `{id}`; did you mean `{k}`?"),
        None => format!("unknown lint `{id}` (see `draftlint lints`)"),
    })
}

/// `path` from `base`, without a leading `./` when `base` is the working directory.
fn relative_to(base: &Path, path: &str) -> PathBuf {
    if base == Path::new(".") {
        PathBuf::from(path)
    } else {
        base.join(path)
    }
}

/// 1-based line and character column of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

fn error(path: &Path, at: Option<(usize, usize)>, message: String) -> ConfigError {
    ConfigError {
        path: path.to_path_buf(),
        at,
        message,
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &[
        "jargon",
        "missing-next-step",
        "blame-shifting",
        "worried-opener",
        "missing-delay-ack",
    ];

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn load_err(text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "draftlint.toml", text);
        let err = Config::load(&path, KNOWN).unwrap_err();
        err.to_string()
            .replace(&dir.path().display().to_string(), "DIR")
    }

    #[test]
    fn discovery_takes_the_closest_file_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "pyproject.toml",
            "[tool.draftlint]\nignore = [\"jargon\"]\n",
        );
        write(root, "a/.draftlint.toml", "");
        write(root, "a/draftlint.toml", "");
        write(root, "b/pyproject.toml", "[tool.black]\nline-length = 90\n");
        std::fs::create_dir_all(root.join("a/deep")).unwrap();
        assert_eq!(
            Config::find(&root.join("a/deep")),
            Some(root.join("a/draftlint.toml"))
        );
        // A pyproject.toml without [tool.draftlint] is not a configuration.
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        assert_eq!(
            Config::find(&root.join("b/c")),
            Some(root.join("pyproject.toml"))
        );
        let config = Config::load(&root.join("pyproject.toml"), KNOWN).unwrap();
        assert_eq!(config.ignore, ["jargon"]);
    }

    #[test]
    fn extend_inherits_and_overrides_explicitly() {
        let dir = tempfile::tempdir().unwrap();
        let base = "fail-on = \"error\"\nignore = [\"jargon\"]\n[lints.missing-next-step]\nmin-words = 40\nseverity = \"info\"\n";
        write(dir.path(), "base.toml", base);
        let child = "extend = \"base.toml\"\nextend-select = [\"jargon\"]\n[lints.missing-next-step]\nmin-words = 10\n";
        let path = write(
            dir.path(),
            "team/draftlint.toml",
            &child.replace("base.toml", "../base.toml"),
        );
        let config = Config::load(&path, KNOWN).unwrap();
        assert_eq!(config.fail_on, Some(FailOn::Error));
        let settings = &config.lints["missing-next-step"];
        assert_eq!(
            (settings.min_words, settings.severity),
            (Some(10), Some(Level::Info))
        );
        // select: all; ignore jargon; extend-select jargon; ignore wins as in ruff.
        assert!(!config.selected(KNOWN).contains("jargon"));
    }

    #[test]
    fn extend_cycles_and_missing_targets_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.toml", "extend = \"b.toml\"\n");
        let b = write(dir.path(), "b.toml", "extend = \"a.toml\"\n");
        assert!(
            Config::load(&b, KNOWN)
                .unwrap_err()
                .message
                .contains("loops")
        );
        let err = load_err("\n extend = \"nope.toml\"\n");
        assert!(
            err.starts_with("DIR/draftlint.toml:2:11: `extend` names"),
            "{err}"
        );
    }

    #[test]
    fn errors_name_file_line_and_column() {
        assert_eq!(
            load_err("fail-on = \"warning\"\ncolour = true\n")
                .lines()
                .next()
                .unwrap(),
            "DIR/draftlint.toml:2:1: unknown field `colour`, expected one of `extend`, `select`, `extend-select`, `ignore`, `fail-on`, `exclude`, `extend-exclude`, `per-file-ignores`, `packs`, `exports`, `max-file-size`, `lints`"
        );
        assert_eq!(
            load_err("select = [\"jargn\"]\n"),
            "DIR/draftlint.toml:1:11: unknown lint `jargn`; did you mean `jargon`?"
        );
        assert_eq!(
            load_err("[lints.blame-shiftin]\n"),
            "DIR/draftlint.toml:1:8: unknown lint `blame-shiftin`; did you mean `blame-shifting`?"
        );
        assert_eq!(
            load_err("[lints.jargon]\nmin-words = 3\n"),
            "DIR/draftlint.toml:1:8: `min-words` is not a setting of `jargon` (it belongs to `missing-next-step`)"
        );
        assert!(
            load_err("exclude = [\"a/[b\"]\n")
                .starts_with("DIR/draftlint.toml:1:12: bad glob \"a/[b\"")
        );
        assert!(
            load_err("[lints.jargon]\nseverity = \"loud\"\n")
                .starts_with("DIR/draftlint.toml:2:12: unknown variant `loud`")
        );
        assert!(load_err("fail-on = [").starts_with("DIR/draftlint.toml:1:"));
    }

    #[test]
    fn excludes_and_per_file_ignores_match_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let text = "exclude = [\"vendor\"]\nextend-exclude = [\"**/*.draft.txt\"]\nper-file-ignores = { \"macros/internal/**\" = [\"jargon\", \"missing-next-step\"] }\n";
        let path = write(dir.path(), "draftlint.toml", text);
        let config = Config::load(&path, KNOWN).unwrap();
        let root = dir.path();
        assert!(config.excludes(&root.join("vendor/a.txt")));
        assert!(config.excludes(&root.join("x/y.draft.txt")));
        assert!(!config.excludes(&root.join("macros/a.txt")));
        assert_eq!(
            config
                .ignored_for(&root.join("macros/internal/a.txt"))
                .len(),
            2
        );
        assert!(config.ignored_for(&root.join("macros/a.txt")).is_empty());
    }

    #[test]
    fn init_file_is_valid_and_at_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "draftlint.toml", INIT);
        let mut known = KNOWN.to_vec();
        known.push("unused-suppression");
        let config = Config::load(&path, &known).unwrap();
        assert_eq!(config.fail_on, Some(FailOn::Warning));
        assert_eq!(config.selected(&known).len(), known.len());
        assert_eq!(config.lints["missing-next-step"].min_words, Some(30));
        assert_eq!(config.lints["missing-delay-ack"].max_reply_hours, Some(24));
    }

    #[test]
    fn selection_and_fail_on() {
        let mut config = Config {
            select: Some(vec!["jargon".into(), "blame-shifting".into()]),
            ..Config::default()
        };
        config.lints.insert(
            "blame-shifting".into(),
            LintSettings {
                severity: Some(Level::Off),
                ..Default::default()
            },
        );
        assert_eq!(
            config.selected(KNOWN).into_iter().collect::<Vec<_>>(),
            ["jargon"]
        );
        assert!(FailOn::Warning.fails(Severity::Error));
        assert!(!FailOn::Warning.fails(Severity::Info));
        assert!(!FailOn::Never.fails(Severity::Error));
        assert!(FailOn::Info.fails(Severity::Info));
    }
}
