//! Mailboxes: an mbox of drafts (Thunderbird keeps its Drafts folder as one) and a Maildir.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

mod common;
use common::{check_json, write};

const DRAFTS: &str = "From - Mon Mar  3 10:15:00 2025\n\
From: Bo <bo@example.com>\n\
To: sam@example.com\n\
Subject: Your parcel\n\
Date: Mon, 3 Mar 2025 10:15:00 +0000\n\
\n\
Hi Sam,\n\
\n\
We will circle back once the courier confirms.\n\
\n\
From - Tue Mar  4 09:00:00 2025\n\
From: Bo <bo@example.com>\n\
Subject: Outage\n\
MIME-Version: 1.0\n\
Content-Type: text/plain; charset=utf-8\n\
Content-Transfer-Encoding: base64\n\
\n\
SGkgU2FtLAoKVGhlIGhvdGZpeCBpcyBsaXZlLgo=\n\
\n\
From - Tue Mar  4 09:30:00 2025\n\
From: Bo <bo@example.com>\n\
Subject: Warehouse\n\
\n\
>From the warehouse: the backend is fixed.\n";

/// The jargon findings of a run, as (path, line, column, origin).
fn findings(dir: &Path, args: &[&str]) -> Vec<(String, u64, u64, String)> {
    let (_, all) = check_json(dir, args);
    all.iter()
        .filter(|f| f["lint"] == "jargon")
        .map(|f| {
            let text = |key: &str| f[key].as_str().unwrap().to_string();
            (
                text("path"),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                text("origin"),
            )
        })
        .collect()
}

#[test]
fn each_draft_of_an_mbox_is_linted_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    // Thunderbird's Drafts folder: no extension, recognised by its envelope lines.
    write(dir.path(), "Drafts", DRAFTS);
    write(dir.path(), "copy.mbox", DRAFTS);
    let named = |name: &str| -> Vec<(String, u64, u64, String)> {
        vec![
            (format!("{name}#1"), 9, 9, "file".into()),
            // base64: positions in the decoded body, as for a single .eml
            (format!("{name}#2"), 3, 5, "decoded-body".into()),
            // file line and column, the mboxrd `>` included
            (format!("{name}#3"), 24, 26, "file".into()),
        ]
    };
    assert_eq!(findings(dir.path(), &["Drafts"]), named("Drafts"));
    // Found in a directory too.
    let mut both = named("Drafts");
    both.extend(named("copy.mbox"));
    both.sort();
    let mut walked = findings(dir.path(), &["."]);
    walked.sort();
    assert_eq!(walked, both);
}

#[test]
fn each_maildir_message_is_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (sub, name) in [
        ("cur", "1709460900.M1P2.host:2,DS"),
        ("new", "1709461000.M2P2.host"),
    ] {
        let message = "From: bo@example.com\nSubject: x\n\nWe will circle back.\n";
        write(root, &format!("Drafts/{sub}/{name}"), message);
    }
    let got = findings(root, &["Drafts"]);
    assert_eq!(
        got,
        [
            (
                "Drafts/cur/1709460900.M1P2.host:2,DS".to_string(),
                4,
                9,
                "file".to_string()
            ),
            (
                "Drafts/new/1709461000.M2P2.host".to_string(),
                4,
                9,
                "file".to_string()
            ),
        ]
    );
}

#[test]
fn annotations_of_a_mailbox_point_at_the_file_and_name_the_message() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Drafts", DRAFTS);
    let run = |format: &str| {
        let out = cargo_bin_cmd!("draftlint")
            .current_dir(dir.path())
            .args(["check", "--format", format, "--select", "jargon", "Drafts"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let github = run("github");
    let first = github.lines().next().unwrap();
    assert!(
        first.starts_with("::warning file=Drafts,line=9,col=9,"),
        "{first}"
    );
    assert!(first.contains("(message 1 of this mailbox)"), "{first}");
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let result = &sarif["runs"][0]["results"][2];
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "Drafts");
    assert_eq!(location["region"]["startLine"], 24);
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .ends_with("(message 3 of this mailbox)")
    );
    assert!(
        run("compact")
            .lines()
            .any(|l| l.starts_with("Drafts#2:3:5: warning[jargon]"))
    );
}
