//! Hostile and broken input through the command line: refused in one line naming the file, or
//! linted, and never at the cost of the other files.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

mod common;
use common::{NOW, write};

const JARGON: &str = "Hi Sam,\n\nI'll circle back once the hotfix is live.\n";

/// `draftlint check --format json` over `dir`: exit code, findings' paths, stderr lines.
fn run(dir: &Path) -> (i32, Vec<String>, Vec<String>) {
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(dir)
        .args(["check", "--isolated", "--format", "json", "--now", NOW, "."])
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let paths = findings
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let errors = stderr.lines().map(str::to_string).collect();
    (out.status.code().unwrap(), paths, errors)
}

#[test]
fn mime_trees_too_deep_or_too_large_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let head = "From: a@example.com\nSubject: x\nContent-Type: multipart/mixed; boundary=b\n\n\
                --b\nContent-Type: text/plain\n\nWe will circle back.\n";
    let attached = "--b\nContent-Type: message/rfc822\n\n".to_string()
        + &"Content-Type: message/rfc822\n\n".repeat(40)
        + "Subject: old\n\nOld.\n--b--\n";
    write(dir.path(), "deep.eml", &(head.to_string() + &attached));
    let parts = "--b\n\nx\n".repeat(1500) + "--b--\n";
    write(dir.path(), "many.eml", &(head.to_string() + &parts));
    write(dir.path(), "ok.txt", JARGON);
    let (code, paths, errors) = run(dir.path());
    assert_eq!(code, 2);
    assert_eq!(
        errors,
        [
            "draftlint: error: deep.eml: MIME parts nest deeper than 32 levels",
            "draftlint: error: many.eml: message has more than 1000 MIME parts",
        ]
    );
    assert_eq!(paths, ["ok.txt", "ok.txt"], "the other file is linted");
}
