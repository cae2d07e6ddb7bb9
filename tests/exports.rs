//! Support-macro exports: Zendesk macros JSON, each macro's reply text linted with its
//! positions in the JSON file.

use assert_cmd::cargo::cargo_bin_cmd;

mod common;
use common::{check_json, locations, write};

const EXPORT: &str = r#"{
  "macros": [
    {
      "id": 360001,
      "title": "Refund approved",
      "actions": [
        {"field": "status", "value": "solved"},
        {"field": "comment_value", "value": "Hi {{ticket.requester.first_name}},\n\nYour refund is on its way. We will circle back once the bank confirms."}
      ]
    },
    {
      "id": 360002,
      "title": "Outage update",
      "actions": [
        {"field": "comment_value_html", "value": "<p>Hi {{ticket.requester.first_name}},</p><p>The <b>hotfix</b> is live \u2014 it wasn't our fault.</p>"}
      ]
    },
    {
      "id": 360003,
      "title": "Close ticket",
      "actions": [{"field": "status", "value": "closed"}]
    }
  ]
}
"#;

#[test]
fn each_macro_is_linted_at_its_place_in_the_json() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "zendesk/macros.json", EXPORT);
    write(
        dir.path(),
        "package.json",
        r#"{"name": "x", "version": "1.0.0"}"#,
    );
    let (code, findings) = check_json(dir.path(), &["--select", "jargon,blame-shifting", "."]);
    assert_eq!(code, 1);
    let got: Vec<(String, String, u64, u64)> = findings
        .iter()
        .map(|f| {
            let text = |key: &str| f[key].as_str().unwrap().to_string();
            (
                text("path"),
                text("lint"),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let line7 = EXPORT.lines().nth(7).unwrap();
    let line14 = EXPORT.lines().nth(14).unwrap();
    let column =
        |line: &str, word: &str| line[..line.find(word).unwrap()].chars().count() as u64 + 1;
    assert_eq!(
        got,
        [
            (
                "zendesk/macros.json#1".to_string(),
                "jargon".to_string(),
                8,
                column(line7, "circle back")
            ),
            (
                "zendesk/macros.json#2".to_string(),
                "jargon".to_string(),
                15,
                column(line14, "hotfix")
            ),
            (
                "zendesk/macros.json#2".to_string(),
                "blame-shifting".to_string(),
                15,
                column(line14, "wasn")
            ),
        ]
    );
}

#[test]
fn annotations_name_the_macro() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "macros.json", EXPORT);
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "github",
            "--select",
            "jargon",
            "macros.json",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("::warning file=macros.json,line=8,")
                && l.ends_with("(macro \"Refund approved\")")),
        "{text}"
    );
    let human = cargo_bin_cmd!("draftlint")
        .current_dir(dir.path())
        .args([
            "check",
            "--color",
            "never",
            "--select",
            "jargon",
            "macros.json",
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(human.stdout)
            .unwrap()
            .contains("--> macros.json#2:15:")
    );
}

#[test]
fn other_tools_exports_are_described_in_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let export = "{\"replies\": [\n  {\"name\": \"Thanks\", \"body\": \"Thanks for writing in. We will circle back.\"},\n  {\"name\": \"Outage\", \"html\": \"<p>The hotfix is live.</p>\"}\n]}\n";
    write(root, "helpdesk/replies.json", export);
    let config = "[[exports]]\nfiles = [\"helpdesk/*.json\"]\nitems = \"/replies\"\ntext = \"/body\"\ntitle = \"/name\"\n";
    write(root, "draftlint.toml", config);
    let (_, findings) = check_json(root, &["--select", "jargon", "."]);
    let got = locations(&findings);
    let line2 = export.lines().nth(1).unwrap();
    let column = line2[..line2.find("circle").unwrap()].chars().count() as u64 + 1;
    assert_eq!(got, [("helpdesk/replies.json#1".to_string(), 2, column)]);

    write(
        root,
        "draftlint.toml",
        "[[exports]]\nfiles = [\"helpdesk/*.json\"]\ntext = \"body\"\n",
    );
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(root)
        .args(["check", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("draftlint.toml:3:8: \"body\" is not a JSON pointer"),
        "{stderr}"
    );
}

#[test]
fn yaml_exports_with_block_scalars() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let yaml = "replies:\n  - body: |\n      Thanks for the report!\n      We will circle back once we can repro it.\n    name: Needs repro\n";
    write(root, "replies.yml", yaml);
    write(
        root,
        "draftlint.toml",
        "[[exports]]\nfiles = [\"*.yml\"]\nitems = \"/replies\"\ntext = \"/body\"\ntitle = \"/name\"\n",
    );
    let (_, findings) = check_json(root, &["--select", "jargon", "."]);
    let got = locations(&findings);
    assert_eq!(
        got,
        [
            ("replies.yml#1".to_string(), 4, 15),
            ("replies.yml#1".to_string(), 4, 39)
        ]
    );
    // Without an [[exports]] entry a YAML file is not a draft.
    write(root, "draftlint.toml", "");
    assert_eq!(check_json(root, &["."]).1.len(), 0);
}
