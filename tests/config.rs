//! Configuration, suppression and baseline, end to end through the command line.

use std::fs;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

mod common;
use common::{check_json, write};

/// A template with one jargon finding ("circle back") and nothing else.
const JARGON: &str = "Hi Sam,\n\nWe will circle back once it is live.\n";

/// `draftlint check --format json ARGS` in `dir`: exit code and the lints found, as "file:lint".
fn run(dir: &Path, args: &[&str]) -> (i32, Vec<String>) {
    let (code, findings) = check_json(dir, args);
    let found = findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}",
                f["path"].as_str().unwrap(),
                f["lint"].as_str().unwrap()
            )
        })
        .collect();
    (code, found)
}

fn stderr_of(dir: &Path, args: &[&str]) -> String {
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn the_closest_configuration_applies_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "draftlint.toml", "ignore = [\"jargon\"]\n");
    write(root, "top.txt", JARGON);
    // Closer, and not merged with the one above: jargon is back on here.
    write(root, "team/.draftlint.toml", "fail-on = \"warning\"\n");
    write(root, "team/macro.txt", JARGON);
    let (code, found) = run(root, &["."]);
    assert_eq!(
        (code, found),
        (1, vec!["team/macro.txt:jargon".to_string()])
    );
    // --config replaces discovery; --isolated ignores every file.
    assert_eq!(run(root, &["--config", "draftlint.toml", "."]).1.len(), 0);
    assert_eq!(run(root, &["--isolated", "."]).1.len(), 2);
}

#[test]
fn pyproject_tool_table_is_a_configuration() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.draftlint]\nignore = [\"jargon\"]\n",
    );
    write(dir.path(), "a.txt", JARGON);
    assert_eq!(run(dir.path(), &["a.txt"]), (0, vec![]));
}

#[test]
fn selection_flags_and_unknown_ids() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", JARGON);
    assert_eq!(run(dir.path(), &["--ignore", "jargon", "a.txt"]).0, 0);
    assert_eq!(
        run(
            dir.path(),
            &["--select", "blame-shifting,worried-opener", "a.txt"]
        )
        .0,
        0
    );
    assert_eq!(
        run(
            dir.path(),
            &[
                "--select",
                "blame-shifting",
                "--extend-select",
                "jargon",
                "a.txt"
            ]
        )
        .0,
        1
    );
    let err = stderr_of(dir.path(), &["--ignore", "jargn", "a.txt"]);
    assert_eq!(
        err.trim(),
        "draftlint: error: unknown lint `jargn`; did you mean `jargon`?"
    );
}

#[test]
fn severities_and_fail_on_decide_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", JARGON);
    assert_eq!(run(dir.path(), &["--fail-on", "error", "a.txt"]).0, 0);
    assert_eq!(run(dir.path(), &["--fail-on", "never", "a.txt"]).0, 0);
    write(
        dir.path(),
        "draftlint.toml",
        "[lints.jargon]\nseverity = \"error\"\n",
    );
    assert_eq!(run(dir.path(), &["--fail-on", "error", "a.txt"]).0, 1);
    write(
        dir.path(),
        "draftlint.toml",
        "fail-on = \"error\"\n[lints.jargon]\nseverity = \"info\"\n",
    );
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(dir.path())
        .args(["check", "--format", "json", "a.txt"])
        .output()
        .unwrap();
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings[0]["severity"], "info");
    assert_eq!(out.status.code(), Some(0));
    write(
        dir.path(),
        "draftlint.toml",
        "[lints.jargon]\nseverity = \"off\"\n",
    );
    assert_eq!(run(dir.path(), &["a.txt"]), (0, vec![]));
}

#[test]
fn lint_settings_reach_the_lints() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "We will circle back about the SLA.\n");
    assert_eq!(run(dir.path(), &["a.txt"]).1.len(), 2);
    write(
        dir.path(),
        "draftlint.toml",
        "[lints.jargon]\nallow = [\"SLA\", \"circle back\"]\n",
    );
    assert_eq!(run(dir.path(), &["a.txt"]), (0, vec![]));
}

#[test]
fn per_file_ignores_and_excludes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let config =
        "exclude = [\"vendor\"]\nper-file-ignores = { \"macros/internal/**\" = [\"jargon\"] }\n";
    write(root, "draftlint.toml", config);
    write(root, "macros/internal/a.txt", JARGON);
    write(root, "macros/public/b.txt", JARGON);
    write(root, "vendor/c.txt", JARGON);
    assert_eq!(run(root, &["."]).1, ["macros/public/b.txt:jargon"]);
    // Named on the command line, an excluded file is linted unless --force-exclude.
    assert_eq!(run(root, &["vendor/c.txt"]).1.len(), 1);
    assert_eq!(run(root, &["--force-exclude", "vendor/c.txt"]), (0, vec![]));
}

#[test]
fn configuration_errors_are_located_and_stop_only_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "ok.txt", JARGON);
    write(
        root,
        "bad/draftlint.toml",
        "[lints.jargon]\nseverty = \"error\"\n",
    );
    write(root, "bad/a.txt", JARGON);
    write(root, "bad/b.txt", JARGON);
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(root)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "reported once: {stderr}");
    assert!(
        stderr.starts_with("draftlint: error: bad/draftlint.toml:2:1: unknown field `severty`"),
        "{stderr}"
    );
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings.len(), 1, "ok.txt is still linted");
}

#[test]
fn suppression_comments_in_every_template_language() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "liquid.txt",
        "{% comment %} draftlint-disable jargon {% endcomment %}\nWe will circle back.\n",
    );
    write(
        root,
        "handlebars.txt",
        "{{!-- draftlint-disable-next-line jargon --}}\nWe will circle back.\nThe hotfix is live.\n",
    );
    write(
        root,
        "page.html",
        "<!-- draftlint-disable-file -->\n<p>We will circle back.</p>\n",
    );
    write(
        root,
        "ranged.md",
        "<!-- draftlint-disable jargon -->\nWe will circle back.\n<!-- draftlint-enable jargon -->\nThe hotfix is live.\n",
    );
    let (_, found) = run(root, &["."]);
    assert_eq!(found, ["handlebars.txt:jargon", "ranged.md:jargon"]);
}

#[test]
fn unused_suppressions_are_reported_as_info() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "<!-- draftlint-disable-next-line blame-shifting -->\nWe will circle back.\n",
    );
    let (code, found) = run(dir.path(), &["--ignore", "jargon", "a.txt"]);
    assert_eq!(
        (code, found),
        (0, vec!["a.txt:unused-suppression".to_string()])
    );
    assert_eq!(
        run(
            dir.path(),
            &["--ignore", "jargon,unused-suppression", "a.txt"]
        )
        .1
        .len(),
        0
    );
}

#[test]
fn eml_drafts_suppress_with_a_header() {
    let dir = tempfile::tempdir().unwrap();
    let eml = "From: bo@example.com\nSubject: x\nX-Draftlint-Disable: jargon, worried-opener\n\nWe will circle back.\n";
    write(dir.path(), "a.eml", eml);
    let (_, found) = run(dir.path(), &["a.eml"]);
    assert_eq!(
        found,
        ["a.eml:unused-suppression"],
        "worried-opener suppressed nothing"
    );
}

#[test]
fn baseline_hides_recorded_findings_and_survives_edits_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", JARGON);
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(root)
        .args([
            "check",
            "--baseline",
            "base.json",
            "--write-baseline",
            "a.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Recorded 1 finding in base.json."));
    assert_eq!(
        run(root, &["--baseline", "base.json", "a.txt"]),
        (0, vec![])
    );
    // New lines above move the finding; the baseline still covers it, but not a new one.
    write(
        root,
        "a.txt",
        &format!(
            "Hi Sam,\n\nThanks for the call today.\nThe hotfix is live.\n{}",
            JARGON.trim_start_matches("Hi Sam,\n")
        ),
    );
    assert_eq!(
        run(root, &["--baseline", "base.json", "a.txt"]).1,
        ["a.txt:jargon"]
    );
    let (_, all) = run(root, &["a.txt"]);
    assert_eq!(all.len(), 2);
    let err = stderr_of(root, &["--baseline", "missing.json", "a.txt"]);
    assert_eq!(
        err.trim(),
        "draftlint: error: missing.json: No such file or directory"
    );
}

#[test]
fn lints_explain_and_init_commands() {
    let dir = tempfile::tempdir().unwrap();
    let cmd = |args: &[&str]| {
        cargo_bin_cmd!("draftlint")
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let listed = cmd(&["lints", "--format", "json"]);
    let lints: Vec<Value> = serde_json::from_slice(&listed.stdout).unwrap();
    let ids: Vec<&str> = lints.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "jargon",
            "missing-next-step",
            "blame-shifting",
            "worried-opener",
            "missing-delay-ack",
            "unused-suppression"
        ]
    );
    assert!(
        String::from_utf8(cmd(&["lints"]).stdout)
            .unwrap()
            .contains("unused-suppression  info")
    );

    let explained = String::from_utf8(cmd(&["explain", "blame-shifting"]).stdout).unwrap();
    for heading in ["## What it does", "## Why is this bad?", "## Example"] {
        assert!(explained.contains(heading), "{heading}");
    }
    let unknown = cmd(&["explain", "blame"]);
    assert_eq!(unknown.status.code(), Some(2));

    assert_eq!(cmd(&["init"]).status.code(), Some(0));
    let written = fs::read_to_string(dir.path().join("draftlint.toml")).unwrap();
    assert!(written.contains("[lints.missing-delay-ack]"));
    // The written file is a valid configuration, and init does not overwrite it.
    write(dir.path(), "a.txt", JARGON);
    assert_eq!(run(dir.path(), &["a.txt"]).0, 1);
    assert_eq!(cmd(&["init"]).status.code(), Some(2));
    assert_eq!(cmd(&["init", "--force"]).status.code(), Some(0));
}

#[test]
fn packs_define_lints_and_extend_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let house = r#"
lint = "house-style"
language = "en"
summary = "Words our style guide replaces"
message = "`{match}` is not our house style"
severity = "info"
scope = "anywhere"
suggestion = "see the style guide"

[[phrase]]
pattern = "kindly"
suggestion = "please"

[[phrase]]
pattern = "revert(?:ed)? back"
"#;
    write(root, "packs/house/style.toml", house);
    write(
        root,
        "packs/house/sign-off.toml",
        "lint = \"no-cheers-close\"\nlanguage = \"en\"\nscope = \"closing\"\nmessage = \"`{match}` in the closing\"\n[[phrase]]\npattern = \"cheers\"\n",
    );
    write(
        root,
        "packs/house/jargon.toml",
        "lint = \"jargon\"\nlanguage = \"en\"\n[[term]]\nterm = \"omnichannel\"\nsuggestion = \"every channel\"\n",
    );
    write(
        root,
        "draftlint.toml",
        "packs = [\"packs/house\"]\n[lints.house-style]\nseverity = \"warning\"\n",
    );
    write(
        root,
        "a.txt",
        "Kindly note our omnichannel plan.\nWe reverted back the change.\n\nCheers to the team for that.\n",
    );
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(root)
        .args(["check", "--format", "json", "a.txt"])
        .output()
        .unwrap();
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, u64, String)> = findings
        .iter()
        .map(|f| {
            (
                f["lint"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
                f["severity"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("house-style".into(), 1, "warning".into()),
            ("jargon".into(), 1, "warning".into()),
            ("house-style".into(), 2, "warning".into()),
            ("no-cheers-close".into(), 4, "warning".into()),
        ]
    );
    assert_eq!(findings[0]["message"], "`Kindly` is not our house style");
    assert_eq!(findings[0]["suggestion"], "please");
    assert_eq!(findings[2]["suggestion"], "see the style guide");
    // `lints` and `explain` know the project's pack lints.
    let listed = cargo_bin_cmd!("draftlint")
        .current_dir(root)
        .args(["lints"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(listed.stdout)
            .unwrap()
            .contains("house-style         info     Words our style guide replaces")
    );
    let explained = cargo_bin_cmd!("draftlint")
        .current_dir(root)
        .args(["explain", "no-cheers-close"])
        .output()
        .unwrap();
    assert_eq!(explained.status.code(), Some(0));
    // The pack's lints can be ignored like built-in ones.
    assert_eq!(
        run(
            root,
            &["--ignore", "house-style,no-cheers-close,jargon", "a.txt"]
        )
        .1
        .len(),
        0
    );
}

#[test]
fn pack_errors_name_the_file_and_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", JARGON);
    write(root, "draftlint.toml", "\npacks = [\"house\"]\n");
    write(
        root,
        "house/bad.toml",
        "lint = \"house\"\nlanguage = \"en\"\n[[phrase]]\npattern = \"fine\"\n[[phrase]]\npattern = \"(unclosed\"\n",
    );
    let err = stderr_of(root, &["a.txt"]);
    assert!(
        err.starts_with(
            "draftlint: error: draftlint.toml:2:10: pack: house/bad.toml: phrase 2 (\"(unclosed\"):"
        ),
        "{err}"
    );
    write(root, "draftlint.toml", "packs = [\"nowhere\"]\n");
    assert!(
        stderr_of(root, &["a.txt"])
            .contains("draftlint.toml:1:10: pack: nowhere: No such file or directory")
    );
}

#[test]
fn subject_scoped_pack_lints_point_at_the_subject_header() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "p/urgent.toml",
        "lint = \"urgent-subject\"\nlanguage = \"en\"\nscope = \"subject\"\nmessage = \"`{match}` in the subject\"\n[[phrase]]\npattern = \"urgent\"\n",
    );
    write(
        root,
        "draftlint.toml",
        "packs = [\"p\"]\nselect = [\"urgent-subject\"]\n",
    );
    let eml = "From: bo@example.com\nSubject: Re: URGENT invoice\nDate: Mon, 9 Mar 2026 10:00:00 +0000\n\nThe urgent part is done.\n";
    write(root, "a.eml", eml);
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(root)
        .args(["check", "--format", "json", "a.eml"])
        .output()
        .unwrap();
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let at: Vec<(u64, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["end_column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        at,
        [(2, 14, 20)],
        "only the subject, at its place in the file"
    );
    // An encoded subject is found too, on its header line.
    write(
        root,
        "b.eml",
        "From: bo@example.com\nSubject: =?utf-8?q?Urgent_caf=C3=A9_bill?=\n\nFine.\n",
    );
    assert_eq!(run(root, &["b.eml"]).1, ["b.eml:urgent-subject"]);
}

#[test]
fn packs_extend_every_kind_of_built_in_list() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "p/blame.toml",
        "lint = \"blame-shifting\"\nlanguage = \"en\"\n[[phrase]]\npattern = \"the intern's doing\"\n",
    );
    write(
        root,
        "p/delay.toml",
        "lint = \"missing-delay-ack\"\nlanguage = \"en\"\n[[acknowledgement]]\npattern = \"thanks for hanging in there\"\n",
    );
    write(root, "a.txt", "That outage was the intern's doing.\n");
    write(
        root,
        "b.txt",
        "Thanks for hanging in there: the order is delayed to Monday.\n",
    );
    assert_eq!(
        run(root, &["a.txt", "b.txt"]).1,
        ["b.txt:missing-delay-ack"],
        "without the pack"
    );
    write(root, "draftlint.toml", "packs = [\"p\"]\n");
    assert_eq!(
        run(root, &["a.txt", "b.txt"]).1,
        ["a.txt:blame-shifting"],
        "with the pack"
    );
}

#[test]
fn built_in_phrases_export_as_regexes() {
    let out = cargo_bin_cmd!("draftlint")
        .args(["lints", "--phrases"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let patterns: Vec<&str> = text.lines().collect();
    assert!(patterns.len() > 150, "{}", patterns.len());
    for pattern in &patterns {
        regex::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .build()
            .unwrap_or_else(|e| panic!("{pattern}: {e}"));
    }
    assert!(
        patterns.iter().any(|p| p.starts_with("circl")),
        "jargon terms with inflections"
    );
}
