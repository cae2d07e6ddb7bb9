//! The machine-readable formats as their consumers read them: `compact` (editors' quickfix),
//! `github` (GitHub Actions annotations) and `sarif` (code scanning).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const NOW: &str = "2026-01-15T12:00:00Z";

/// Two jargon findings on line 3.
const TEMPLATE: &str = "Hi Sam,\n\nI will circle back once the hotfix is live.\n";

/// The fixtures of the snapshot tests: file and decoded-body positions, HTML, several lints.
const FIXTURES: [&str; 4] = [
    "fixtures/eml/qp-utf8-jargon.eml",
    "fixtures/eml/cp1252-qp-worried.eml",
    "fixtures/templates/damaged-item-blame.html",
    "fixtures/templates/refund-processed-no-next-step.txt",
];

/// `draftlint check` in `dir` with a fixed "now", colour forced on: anstream would otherwise
/// strip escape sequences from a pipe and hide any the reporter let through.
fn check(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = cargo_bin_cmd!("draftlint")
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .args(["check", "--now", NOW, "--color", "always"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    (output.status.code(), stdout)
}

fn write(dir: &Path, name: &str, contents: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

/// A project whose pack lint quotes its match (which may hold any character of the input) in a
/// message with the characters workflow commands escape.
fn with_pack(dir: &Path, pattern: &str) {
    let pack = format!(
        "lint = \"house-style\"\nlanguage = \"en\"\nmessage = \"`{{match}}` is 100%: off-style, see the guide\"\n\
         suggestion = \"say please,\\nnot that\"\n[[phrase]]\npattern = '{pattern}'\n"
    );
    write(dir, "packs/style.toml", &pack);
    write(dir, "draftlint.toml", "packs = [\"packs\"]\n");
}

#[test]
fn compact_is_one_line_per_finding_without_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "macros/a.txt", TEMPLATE);
    let (code, stdout) = check(dir.path(), &["--format", "compact", "macros/a.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "macros/a.txt:3:8: warning[jargon] `circle back` is jargon the client may not understand\n\
         macros/a.txt:3:29: warning[jargon] `hotfix` is jargon the client may not understand\n"
    );
    write(dir.path(), "clean.txt", "Hi Sam,\n\nThanks.\n");
    assert_eq!(
        check(dir.path(), &["--format", "compact", "clean.txt"]),
        (Some(0), String::new())
    );
}

#[cfg(unix)]
#[test]
fn compact_escapes_control_characters_in_names_and_matches() {
    let dir = tempfile::tempdir().unwrap();
    with_pack(dir.path(), "kindly.{1,8}note");
    let name = "red\x1b[31mname.txt";
    write(
        dir.path(),
        name,
        "Hi Sam,\n\nKindly\x1b[31m note that we will circle back\x1b[0m soon.\n",
    );
    let (code, stdout) = check(dir.path(), &["--format", "compact", name]);
    assert_eq!(code, Some(1));
    assert!(!stdout.contains('\x1b'), "no raw escape: {stdout:?}");
    assert_eq!(
        stdout,
        "red\\u{1b}[31mname.txt:3:1: warning[house-style] `Kindly\\u{1b}[31m note` is 100%: off-style, see the guide\n\
         red\\u{1b}[31mname.txt:3:31: warning[jargon] `circle back` is jargon the client may not understand\n"
    );
}

#[test]
fn github_annotations_name_file_span_and_lint() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "macros/a.txt", TEMPLATE);
    let (code, stdout) = check(dir.path(), &["--format", "github", "macros/a.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "::warning file=macros/a.txt,line=3,col=8,endLine=3,endColumn=19,title=draftlint(jargon)::\
         `circle back` is jargon the client may not understand (say \"get back to you\" instead)\n\
         ::warning file=macros/a.txt,line=3,col=29,endLine=3,endColumn=35,title=draftlint(jargon)::\
         `hotfix` is jargon the client may not understand (say \"urgent fix\" instead)\n"
    );
    // Info findings are notices.
    write(
        dir.path(),
        "b.txt",
        "Hi Sam,\n\n{{!-- draftlint-disable-next-line jargon --}}\nWe will reply tomorrow.\n",
    );
    let (_, stdout) = check(dir.path(), &["--format", "github", "b.txt"]);
    assert!(
        stdout.starts_with("::notice file=b.txt,line=3,"),
        "{stdout}"
    );
    assert!(stdout.contains(",title=draftlint(unused-suppression)::"));
}

#[cfg(unix)]
#[test]
fn github_escapes_percent_comma_colon_and_newlines() {
    let dir = tempfile::tempdir().unwrap();
    with_pack(dir.path(), r"kindly\s+note");
    let name = "50%,a:b\nc.txt";
    write(
        dir.path(),
        name,
        "Hi Sam,\n\nKindly note the change.\n\nKindly\nnote this too.\n",
    );
    let (code, stdout) = check(dir.path(), &["--format", "github", name]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "::warning file=50%25%2Ca%3Ab%0Ac.txt,line=3,col=1,endLine=3,endColumn=12,title=draftlint(house-style)::\
         `Kindly note` is 100%25: off-style, see the guide (say please,%0Anot that)\n\
         ::warning file=50%25%2Ca%3Ab%0Ac.txt,line=5,endLine=6,title=draftlint(house-style)::\
         `Kindly note` is 100%25: off-style, see the guide (say please,%0Anot that)\n",
        "a finding across lines has no columns (GitHub would reject the annotation)"
    );
}

fn sarif(dir: &Path, args: &[&str]) -> (String, Value) {
    let (code, stdout) = check(dir, &[&["--format", "sarif"], args].concat());
    assert_eq!(code, Some(1), "{stdout}");
    let log = serde_json::from_str(&stdout).expect("stdout is JSON");
    (stdout, log)
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema_path = manifest_dir().join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema) = fs::read_to_string(&schema_path) else {
        println!(
            "skipping SARIF schema validation: {} not found",
            schema_path.display()
        );
        return;
    };
    let schema: Value = serde_json::from_str(&schema).unwrap();
    // The schema names its draft (04) in `$schema`; formats (`uri`, `uri-reference`) are checked
    // too.
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let (_, log) = sarif(&manifest_dir(), &FIXTURES);
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // A pack lint, a fix, an absolute path and a path that needs percent-encoding, too.
    let dir = tempfile::tempdir().unwrap();
    with_pack(dir.path(), "kindly");
    write(dir.path(), "a b/50% #1.txt", "Hi,\n\nKindly circle back.\n");
    let absolute = dir.path().join("a b/50% #1.txt");
    let (_, log) = sarif(dir.path(), &["a b/50% #1.txt", absolute.to_str().unwrap()]);
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut uris: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let artifact = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            format!("{} {}", artifact["uriBaseId"], artifact["uri"])
        })
        .collect();
    uris.dedup();
    // Inputs are linted in path order: the absolute one first.
    assert_eq!(uris.len(), 2, "{uris:?}");
    assert!(uris[0].starts_with("null \"file:///"), "{uris:?}");
    assert!(uris[0].ends_with("/a%20b/50%25%20%231.txt\""), "{uris:?}");
    assert_eq!(uris[1], "\"%SRCROOT%\" \"a%20b/50%25%20%231.txt\"");

    // The validator does reject what the schema forbids.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("warn");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_describes_every_lint_and_matches_the_json_positions() {
    let root = manifest_dir();
    let (_, log) = sarif(&root, &FIXTURES);
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "draftlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    // Rules: every lint `lints --format json` lists, in its order.
    let lints = cargo_bin_cmd!("draftlint")
        .current_dir(&root)
        .args(["lints", "--format", "json"])
        .output()
        .unwrap();
    let lints: Vec<Value> = serde_json::from_slice(&lints.stdout).unwrap();
    let rules = driver["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let lint_ids: Vec<&str> = lints.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(rule_ids, lint_ids);
    for (rule, lint) in rules.iter().zip(&lints) {
        assert_eq!(rule["shortDescription"]["text"], lint["summary"]);
        let level = match lint["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## What it does")
        );
    }
    assert!(
        rules[0]["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Flags business buzzwords")
    );

    // Results: the JSON format's findings, in its order, at its positions.
    let json = cargo_bin_cmd!("draftlint")
        .current_dir(&root)
        .args(["check", "--now", NOW, "--format", "json"])
        .args(FIXTURES)
        .output()
        .unwrap();
    let findings: Vec<Value> = serde_json::from_slice(&json.stdout).unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(&findings) {
        let location = &result["locations"][0]["physicalLocation"];
        let region = &location["region"];
        assert_eq!(result["ruleId"], finding["lint"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], finding["lint"]);
        assert_eq!(location["artifactLocation"]["uri"], finding["path"]);
        assert_eq!(region["startLine"], finding["line"]);
        assert_eq!(region["startColumn"], finding["column"]);
        assert_eq!(region["endLine"], finding["end_line"]);
        assert_eq!(region["endColumn"], finding["end_column"]);
        assert!(
            result["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(finding["message"].as_str().unwrap())
        );
        let fingerprint = result["partialFingerprints"]["draftlint/context/v1"]
            .as_str()
            .unwrap();
        assert!(fingerprint.ends_with(":1"), "{fingerprint}");
        let decoded = finding["origin"] == "decoded-body";
        assert_eq!(
            result["properties"]["draftlint/origin"] == "decoded-body",
            decoded
        );
    }
    assert!(findings.iter().any(|f| f["origin"] == "decoded-body"));
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
}

#[test]
fn sarif_fixes_replace_jargon_and_fingerprints_survive_line_moves() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", TEMPLATE);
    let (_, log) = sarif(dir.path(), &["a.txt"]);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "jargon");
    assert_eq!(result["level"], "warning");
    let fix = &result["fixes"][0];
    assert_eq!(
        fix["description"]["text"],
        "say \"get back to you\" instead"
    );
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "a.txt");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "get back to you");
    assert_eq!(
        replacement["deletedRegion"],
        result["locations"][0]["physicalLocation"]["region"]
    );

    // The same sentence two lines further down keeps its fingerprint.
    write(dir.path(), "a.txt", &format!("\n\n{TEMPLATE}"));
    let (_, moved) = sarif(dir.path(), &["a.txt"]);
    let moved = &moved["runs"][0]["results"][0];
    assert_eq!(
        moved["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    assert_eq!(moved["partialFingerprints"], result["partialFingerprints"]);
}

#[test]
fn sarif_output_is_deterministic() {
    let root = manifest_dir();
    let (first, _) = sarif(&root, &FIXTURES);
    let (second, _) = sarif(&root, &FIXTURES);
    assert_eq!(first, second);
}
