//! Scores the lints against the labelled drafts in `fixtures/`: per-lint precision and recall
//! over (lint, line) findings must be at least 0.9.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use draftlint::walk::{self, Input};
use draftlint::{Context, Linter, Outcome};
use serde::Deserialize;

const THRESHOLD: f64 = 0.9;

#[derive(Deserialize)]
struct Labels {
    draft: Vec<Label>,
}

#[derive(Deserialize)]
struct Label {
    path: String,
    expect: Vec<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Default)]
struct Score {
    true_positives: usize,
    false_positives: Vec<String>,
    false_negatives: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives.len(),
        )
    }
    fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives.len(),
        )
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Findings per fixture, as "lint:line", in a multiset.
fn actual_findings() -> BTreeMap<String, Vec<String>> {
    let linter = Linter::new().unwrap();
    let ctx = Context {
        now: chrono::DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z").unwrap(),
    };
    let dir = fixtures_dir();
    let (inputs, errors) = walk::collect(std::slice::from_ref(&dir));
    assert!(errors.is_empty(), "{errors:?}");
    let mut found = BTreeMap::new();
    for input in inputs {
        let Input::File { path, detect, .. } = input else {
            continue;
        };
        // Inputs that once crashed draftlint are tested in tests/regressions.rs, not scored.
        if path
            .strip_prefix(&dir)
            .is_ok_and(|p| p.starts_with("regressions"))
        {
            continue;
        }
        let relative = path
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&path).unwrap();
        match linter.check_bytes(&relative, &bytes, detect, &ctx) {
            Outcome::Checked(report) => {
                let lints = report
                    .findings
                    .iter()
                    .map(|f| format!("{}:{}", f.diagnostic.lint, f.diagnostic.start.line))
                    .collect();
                found.insert(relative, lints);
            }
            Outcome::Skipped => {}
            Outcome::Failed { path, problem } => panic!("{path}: {problem}"),
        }
    }
    found
}

/// Per-lint scores of `labels` against the `actual` findings, matched by (lint, line).
fn score<'a>(
    labels: impl Iterator<Item = &'a Label>,
    actual: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, Score> {
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let lint_of = |finding: &str| finding.split(':').next().unwrap().to_string();
    for label in labels {
        let mut unmatched: Vec<&String> = actual[&label.path].iter().collect();
        for expected in &label.expect {
            let score = scores.entry(lint_of(expected)).or_default();
            match unmatched.iter().position(|a| *a == expected) {
                Some(i) => {
                    unmatched.remove(i);
                    score.true_positives += 1;
                }
                None => score
                    .false_negatives
                    .push(format!("{} {expected}", label.path)),
            }
        }
        for extra in unmatched {
            scores
                .entry(lint_of(extra))
                .or_default()
                .false_positives
                .push(format!("{} {extra}", label.path));
        }
    }
    scores
}

/// Every `labels*.toml` in `fixtures/` (the first set, and sets written later by others).
fn all_labels() -> Labels {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("labels") && name.ends_with(".toml")
        })
        .collect();
    files.sort();
    let mut draft = Vec::new();
    for file in files {
        let labels: Labels = toml::from_str(&std::fs::read_to_string(&file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        draft.extend(labels.draft);
    }
    Labels { draft }
}

#[test]
fn lints_meet_precision_and_recall_on_the_fixtures() {
    let labels = all_labels();
    let actual = actual_findings();

    let labelled: BTreeSet<&str> = labels.draft.iter().map(|l| l.path.as_str()).collect();
    let linted: BTreeSet<&str> = actual.keys().map(String::as_str).collect();
    assert_eq!(
        labelled, linted,
        "every fixture is labelled and every label names a fixture"
    );
    assert!(labels.draft.len() >= 60, "at least 60 fixtures");

    let scores = score(labels.draft.iter(), &actual);
    let mut report = String::from("lint                 precision  recall  (tp fp fn)\n");
    let mut failing = Vec::new();
    for (lint, s) in &scores {
        report += &format!(
            "{lint:<20} {:>9.3} {:>7.3}  ({} {} {})\n",
            s.precision(),
            s.recall(),
            s.true_positives,
            s.false_positives.len(),
            s.false_negatives.len()
        );
        for fp in &s.false_positives {
            report += &format!("    unexpected {fp}\n");
        }
        for fn_ in &s.false_negatives {
            report += &format!("    missed     {fn_}\n");
        }
        if s.precision() < THRESHOLD || s.recall() < THRESHOLD {
            failing.push(lint.clone());
        }
    }
    // Each set on its own: the blind sets show how the lints do on wordings nobody tuned for.
    let sets: BTreeSet<&str> = labels
        .draft
        .iter()
        .map(|l| l.path.split('/').next().unwrap())
        .collect();
    report += "\nper set (precision/recall):\n";
    for set in sets {
        let in_set = labels
            .draft
            .iter()
            .filter(|l| l.path.split('/').next() == Some(set));
        let cells: Vec<String> = score(in_set, &actual)
            .iter()
            .map(|(lint, s)| format!("{lint} {:.2}/{:.2}", s.precision(), s.recall()))
            .collect();
        report += &format!("  {set:<10} {}\n", cells.join(", "));
    }
    println!("{report}");
    assert_eq!(
        scores.len(),
        5,
        "every lint has labelled findings\n{report}"
    );
    assert!(
        failing.is_empty(),
        "below {THRESHOLD}: {failing:?}\n{report}"
    );
}
