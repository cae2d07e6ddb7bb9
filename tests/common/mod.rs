//! Helpers shared by the integration tests.

// Each test crate includes this module and uses some of it.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

/// "Now" for every run, so late-reply checks do not depend on the clock.
pub const NOW: &str = "2026-01-15T12:00:00Z";

/// Writes `contents` to `dir/name`, creating directories.
pub fn write(dir: &Path, name: &str, contents: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

/// `draftlint check --format json ARGS` in `dir`: the exit code and the findings.
pub fn check_json(dir: &Path, args: &[&str]) -> (i32, Vec<Value>) {
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(dir)
        .args(["check", "--format", "json", "--now", NOW])
        .args(args)
        .output()
        .unwrap();
    let findings = serde_json::from_slice(&out.stdout).unwrap_or_default();
    (out.status.code().unwrap(), findings)
}

/// `draftlint check --isolated --format json ARGS` in `dir`: the exit code, the paths with
/// findings (in order, once each) and the lines of standard error.
pub fn check_paths(dir: &Path, args: &[&str]) -> (i32, Vec<String>, Vec<String>) {
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(dir)
        .args(["check", "--isolated", "--format", "json", "--now", NOW])
        .args(args)
        .output()
        .unwrap();
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut paths: Vec<String> = findings
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    paths.dedup();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let errors = stderr.lines().map(str::to_string).collect();
    (out.status.code().unwrap(), paths, errors)
}

/// Each finding as (path, line, column).
pub fn locations(findings: &[Value]) -> Vec<(String, u64, u64)> {
    findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect()
}
