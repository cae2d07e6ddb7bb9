//! The command line as a user meets it: exit codes, errors, inputs, formats.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::locations;

const NOW: &str = "2026-01-15T12:00:00Z";

const CLEAN: &str = "Hi Sam,\n\nYour refund of 40 euros went out today and should reach your account within \
three working days. The invoice has been corrected as well, and the new copy is attached to this \
message for your records.\n\nPlease let me know if anything still looks wrong.\n\nBest regards,\nBo\n";

const JARGON: &str = "Hi Sam,\n\nI'll circle back once the hotfix is live.\n";

fn draftlint() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("draftlint");
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .arg("check")
        .args(["--now", NOW]);
    cmd
}

fn write(dir: &Path, name: &str, contents: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

fn json_findings(output: &[u8]) -> Vec<Value> {
    serde_json::from_slice::<Value>(output)
        .expect("stdout is JSON")
        .as_array()
        .expect("a JSON array")
        .clone()
}

#[test]
fn exit_codes_clean_findings_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.txt", CLEAN);
    write(dir.path(), "jargon.txt", JARGON);
    draftlint()
        .arg(dir.path().join("clean.txt"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Checked 1 file: no findings."));
    draftlint()
        .arg(dir.path().join("jargon.txt"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("warning[jargon]"));
    // A missing file is an error naming it, and the other files are still linted.
    let missing = dir.path().join("missing.eml");
    draftlint()
        .arg(&missing)
        .arg(dir.path().join("jargon.txt"))
        .assert()
        .code(2)
        .stdout(predicate::str::contains("circle back"))
        .stderr(predicate::str::contains(format!(
            "draftlint: error: {}: No such file or directory",
            missing.display()
        )));
}

#[test]
fn undecodable_mail_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "attachment.eml",
        "From: a@example.com\nSubject: x\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n",
    );
    write(dir.path(), "ok.txt", CLEAN);
    let assert = draftlint().arg(dir.path()).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("attachment.eml: message has no text or HTML body"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&assert.get_output().stdout).contains("Checked 1 file"));
}

#[test]
fn stdin_is_read_with_dash() {
    draftlint()
        .args(["-", "--format", "json"])
        .write_stdin(JARGON)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(r#""path":"<stdin>""#));
    let eml = "From: a@example.com\nSubject: x\n\nWe will circle back.\n";
    let out = draftlint()
        .args(["-", "--format", "json"])
        .write_stdin(eml)
        .output()
        .unwrap();
    let findings = json_findings(&out.stdout);
    assert_eq!(
        findings[0]["line"], 4,
        "lines count in the message file, headers included"
    );
}

#[test]
fn json_has_every_field_and_is_sorted() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", JARGON);
    write(
        dir.path(),
        "a.md",
        "Hello,\n\nThe backend is fine; the SLA holds.\n",
    );
    let out = draftlint()
        .arg(dir.path().join("b.txt"))
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let findings = json_findings(&out.stdout);
    let keys = [
        "path",
        "lint",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "suggestion",
        "origin",
    ];
    for finding in &findings {
        for key in keys {
            assert!(finding.get(key).is_some(), "{key} missing in {finding}");
        }
        assert_eq!(finding["severity"], "warning");
    }
    let order = locations(&findings);
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    // b.txt named twice (directly and through its directory) is linted once.
    assert_eq!(
        order.iter().filter(|(p, ..)| p.ends_with("b.txt")).count(),
        2,
        "{order:?}"
    );
    let backend = findings
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("backend"))
        .unwrap();
    assert_eq!(
        (backend["line"].as_u64(), backend["column"].as_u64()),
        (Some(3), Some(5))
    );
    assert_eq!(
        (backend["end_line"].as_u64(), backend["end_column"].as_u64()),
        (Some(3), Some(12))
    );
    assert_eq!(backend["suggestion"], "say \"our systems\" instead");
}

#[test]
fn empty_json_is_an_empty_array() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.txt", CLEAN);
    draftlint()
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .code(0)
        .stdout("[]\n");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "jargon.txt", JARGON);
    let file = dir.path().join("jargon.txt");
    let esc = predicate::str::contains("\u{1b}[");
    draftlint()
        .arg(&file)
        .args(["--color", "always"])
        .assert()
        .stdout(esc.clone());
    draftlint()
        .arg(&file)
        .args(["--color", "never"])
        .assert()
        .stdout(esc.clone().not());
    // Not a terminal: no colour under auto.
    draftlint().arg(&file).assert().stdout(esc.clone().not());
    draftlint()
        .arg(&file)
        .env("NO_COLOR", "1")
        .args(["--color", "auto"])
        .assert()
        .stdout(esc.not());
}

#[test]
fn walking_skips_hidden_ignored_and_foreign_files_in_a_stable_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".gitignore", "ignored/\n");
    write(root, "ignored/bad.txt", JARGON);
    write(root, ".hidden/bad.txt", JARGON);
    write(root, ".secret.txt", JARGON);
    write(root, "notes.rs", "// circle back\n");
    write(
        root,
        "maildir/cur/1700000000.M1P1.host:2,S",
        "From: a@example.com\nSubject: hi\n\nWe will circle back.\n",
    );
    write(
        root,
        "maildir/cur/not-mail",
        "circle back, but not a message\n",
    );
    write(root, "z/last.html", "<p>We will <b>circle back</b>.</p>");
    write(root, "a/first.md", "We will circle back.\n");
    let out = draftlint()
        .arg(root)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let paths: Vec<String> = json_findings(&out.stdout)
        .iter()
        .map(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .strip_prefix(root.to_str().unwrap())
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        paths,
        [
            "/a/first.md",
            "/maildir/cur/1700000000.M1P1.host:2,S",
            "/z/last.html"
        ]
    );
    // Named explicitly, an extensionless non-mail file is read as text.
    draftlint()
        .arg(root.join("maildir/cur/not-mail"))
        .assert()
        .code(1);
}

#[test]
fn output_is_deterministic_and_inputs_are_untouched() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", JARGON);
    write(dir.path(), "b.txt", CLEAN);
    let first = draftlint().arg(dir.path()).output().unwrap();
    let second = draftlint().arg(dir.path()).output().unwrap();
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        JARGON
    );
}

#[test]
fn bad_arguments_are_usage_errors() {
    let check = || {
        let mut cmd = cargo_bin_cmd!("draftlint");
        cmd.arg("check");
        cmd
    };
    check()
        .args(["--now", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an RFC 3339 date-time"));
    check()
        .args(["--format", "xml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'xml'"));
    cargo_bin_cmd!("draftlint").assert().code(2);
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        write(dir.path(), &format!("d{i:03}.txt"), JARGON);
    }
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("draftlint"))
        .arg("check")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head`
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
}

#[test]
fn stdin_filename_decides_format_config_and_name() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "macros/draftlint.toml",
        "ignore = [\"missing-next-step\"]\n",
    );
    let html = "<p>We will <b>circle back</b>.</p>\n";
    let run = |name: &str| {
        let out = cargo_bin_cmd!("draftlint")
            .current_dir(dir.path())
            .args(["check", "--format", "json", "-", "--stdin-filename", name])
            .write_stdin(html)
            .output()
            .unwrap();
        json_findings(&out.stdout)
    };
    let findings = run("macros/reply.html");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["path"], "macros/reply.html");
    // Read as HTML: the span ends at "back", not after the closing tag.
    assert_eq!(
        (
            findings[0]["column"].as_u64(),
            findings[0]["end_column"].as_u64()
        ),
        (Some(15), Some(26))
    );
    // Read as text, the tags are text and the span is the same characters.
    let as_text = run("reply.txt");
    assert_eq!(as_text[0]["path"], "reply.txt");
    assert_eq!(as_text[0]["column"], 15);
}

#[test]
fn output_is_the_same_for_any_thread_count() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let run = |threads: &str| {
        cargo_bin_cmd!("draftlint")
            .current_dir(&fixtures)
            .args([
                "check",
                "--now",
                NOW,
                "--color",
                "never",
                "--threads",
                threads,
                ".",
            ])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(one.len() > 10_000, "fixtures give many findings");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn files_over_the_size_limit_are_an_error_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.txt", &"We will circle back.\n".repeat(100));
    write(dir.path(), "small.txt", JARGON);
    write(dir.path(), "draftlint.toml", "max-file-size = 1000\n");
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.trim(),
        "draftlint: error: big.txt: 2100 bytes, over the 1000-byte limit (max-file-size)"
    );
    assert_eq!(json_findings(&out.stdout).len(), 2, "small.txt is linted");
}

#[cfg(unix)]
#[test]
fn walking_does_not_follow_symbolic_links() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.txt", JARGON);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", JARGON);
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        dir.path().join("link.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let out = draftlint()
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let paths: Vec<String> = json_findings(&out.stdout)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert!(paths.iter().all(|p| p.ends_with("a.txt")), "{paths:?}");
    assert_eq!(paths.len(), 2);
}

#[test]
fn binary_files_are_skipped_and_control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("image.txt"),
        b"GIF89a\x00\x01\x02 circle back \x00",
    )
    .unwrap();
    write(
        dir.path(),
        "evil.txt",
        "We will circle back \u{1b}[2J\u{1b}]0;owned\u{7}now.\n",
    );
    // UTF-16 text has NUL bytes but is not binary.
    let mut utf16 = vec![0xFE, 0xFF];
    for unit in "The hotfix is live.\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_be_bytes());
    }
    fs::write(dir.path().join("windows.txt"), utf16).unwrap();
    let out = draftlint()
        .arg(dir.path())
        .args(["--color", "never"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("image.txt"), "binary skipped: {stdout}");
    assert!(
        stdout.contains("windows.txt:1:5"),
        "UTF-16 linted: {stdout}"
    );
    assert!(stdout.contains("Checked 2 files"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("\u{241b}[2J"),
        "shown as a control picture: {stdout}"
    );
    // The span still sits under "circle back".
    let source = stdout
        .lines()
        .find(|l| l.contains("We will circle back"))
        .unwrap();
    let marks = stdout.lines().skip_while(|l| *l != source).nth(1).unwrap();
    assert_eq!(
        marks.find('^').unwrap() - source.find("circle").unwrap(),
        0,
        "{source}\n{marks}"
    );
}
