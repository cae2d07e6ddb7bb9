//! Snapshots of the human and JSON output on a few fixtures that exercise position mapping:
//! quoted-printable (file lines), windows-1252 (decoded-body lines) and HTML templates.

use assert_cmd::cargo::cargo_bin_cmd;

const FIXTURES: [&str; 4] = [
    "fixtures/eml/qp-utf8-jargon.eml",
    "fixtures/eml/cp1252-qp-worried.eml",
    "fixtures/templates/damaged-item-blame.html",
    "fixtures/templates/refund-processed-no-next-step.txt",
];

fn run(format: &str) -> String {
    let output = cargo_bin_cmd!("draftlint")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .args([
            "check",
            "--color",
            "never",
            "--now",
            "2026-01-15T12:00:00Z",
            "--format",
            format,
        ])
        .args(FIXTURES)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn human_output() {
    insta::assert_snapshot!(run("human"));
}

#[test]
fn json_output() {
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    insta::assert_json_snapshot!(json);
}
