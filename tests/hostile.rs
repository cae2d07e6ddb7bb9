//! Hostile and broken input through the command line: refused in one line naming the file, or
//! linted, and never at the cost of the other files.

use assert_cmd::cargo::cargo_bin_cmd;

mod common;
use common::{NOW, check_paths, write};

const JARGON: &str = "Hi Sam,\n\nI'll circle back once the hotfix is live.\n";

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
    let (code, paths, errors) = check_paths(dir.path(), &["."]);
    assert_eq!(code, 2);
    assert_eq!(
        errors,
        [
            "draftlint: error: deep.eml: MIME parts nest deeper than 32 levels",
            "draftlint: error: many.eml: message has more than 1000 MIME parts",
        ]
    );
    assert_eq!(paths, ["ok.txt"], "the other file is linted");
}

#[test]
fn invalid_utf8_is_decoded_with_a_note_and_the_same_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let bad = b"Hi Anna,\n\nWe leverage synergy \xff\xfe here.\n\nThanks,\nBob\n";
    std::fs::write(dir.path().join("bad.txt"), bad).unwrap();
    let clean = b"Hi Anna,\n\nYour refund went out today \xff.\n\nThanks,\nBob\n";
    std::fs::write(dir.path().join("clean.txt"), clean).unwrap();
    write(dir.path(), "good.txt", JARGON);
    let check = |args: &[&str]| {
        cargo_bin_cmd!("draftlint")
            .current_dir(dir.path())
            .args(["check", "--isolated", "--color", "never", "--now", NOW])
            .args(args)
            .output()
            .unwrap()
    };
    let note = "note: bad.txt: invalid byte sequences (not UTF-8, or not in its charset) are shown as \u{fffd}, one column each";
    let human = check(&["bad.txt", "good.txt"]);
    assert_eq!(human.status.code(), Some(1));
    let stdout = String::from_utf8(human.stdout).unwrap();
    assert_eq!(stdout.matches("note:").count(), 1, "{stdout}");
    assert!(stdout.starts_with(note), "{stdout}");
    assert!(stdout.contains("We leverage synergy \u{fffd}\u{fffd} here."));
    // A file without findings gets its note too, and still exits 0.
    let quiet = check(&["clean.txt"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert!(
        String::from_utf8(quiet.stdout)
            .unwrap()
            .contains("note: clean.txt: invalid byte")
    );

    let json = check(&["--format", "json", "bad.txt", "good.txt"]);
    assert_eq!(json.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    for finding in &findings {
        let lossy = finding["path"] == "bad.txt";
        // Present only when true: other findings keep their exact shape.
        assert_eq!(finding.get("lossy").is_some(), lossy, "{finding}");
        assert_eq!(finding["lossy"].as_bool().unwrap_or(false), lossy);
    }
    assert!(findings.iter().any(|f| f["path"] == "bad.txt"));
    assert!(findings.iter().any(|f| f["path"] == "good.txt"));

    let sarif = check(&["--format", "sarif", "bad.txt", "good.txt"]);
    assert_eq!(sarif.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].clone();
        let lossy = &result["properties"]["draftlint/lossy"];
        assert_eq!(lossy.as_bool().is_some(), uri == "bad.txt", "{result}");
    }
}

#[test]
fn lines_over_a_megabyte_are_refused_and_long_lines_are_shown_cut() {
    let dir = tempfile::tempdir().unwrap();
    let megabytes = "We will circle back. ".repeat(1_000_000); // 21 MB, one line
    write(dir.path(), "one-line.txt", &format!("Hi,\n\n{megabytes}\n"));
    let header = format!(
        "From: a@example.com\nSubject: {}\n\nHi.\n",
        "x".repeat(2_000_000)
    );
    write(dir.path(), "header.eml", &header);
    let body = format!(
        "From: a@example.com\r\nSubject: x\r\n\r\n{}\r\n",
        "y ".repeat(1_000_000)
    );
    write(dir.path(), "body.eml", &body);
    write(dir.path(), "draftlint.toml", "max-file-size = 30_000_000\n");
    // Under the limit: linted, and shown around the finding only.
    let long = format!("Hi,\n\n{} We will circle back.\n", "z".repeat(500_000));
    write(dir.path(), "long.txt", &long);
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(dir.path())
        .args([
            "check", "--color", "never", "--now", NOW, "--select", "jargon", ".",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let refused = |name: &str, line: usize| {
        format!(
            "draftlint: error: {name}: line {line} is over 1000000 bytes long, not a draft (max line length)"
        )
    };
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            refused("body.eml", 4),
            refused("header.eml", 2),
            refused("one-line.txt", 3)
        ]
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("--> long.txt:3:500010\n"), "{stdout}");
    assert!(
        stdout.len() < 2_000,
        "the line is not shown whole: {stdout}"
    );
    assert!(stdout.contains("…zzz"), "{stdout}");
    // The caret stands under the match.
    let lines: Vec<&str> = stdout.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.contains("We will circle back"))
        .unwrap();
    let caret = lines[source + 1].chars().position(|c| c == '^').unwrap();
    let marked: String = lines[source].chars().skip(caret).take(11).collect();
    assert_eq!(marked, "circle back");
    assert!(stdout.contains("Checked 1 file: 1 finding"), "{stdout}");
}
