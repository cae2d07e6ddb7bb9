//! The pre-commit hook, end to end with the real `pre-commit` framework from PyPI: a clean
//! template commits, a bad one is blocked with its finding printed.
//!
//! Slow (pre-commit builds draftlint from this repository) and needs PyPI and crates.io, so it is
//! ignored by `cargo test`; `.ci/run` runs it with `cargo test --test precommit -- --ignored`.
//! pre-commit clones the hook repository at HEAD: commit `.pre-commit-hooks.yaml` before running.

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, program: &Path, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", dir.join(".pre-commit-cache"))
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()))
}

fn ok(output: Output, what: &str) -> Output {
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
#[ignore = "installs pre-commit from PyPI and builds draftlint; run by .ci/run"]
fn pre_commit_hook_blocks_a_bad_template() {
    let hook_repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let head = ok(
        run(hook_repo, Path::new("git"), &["rev-parse", "HEAD"]),
        "git rev-parse",
    );
    let rev = String::from_utf8(head.stdout).unwrap().trim().to_string();

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let venv = root.join("venv");
    ok(
        run(
            root,
            Path::new("python3"),
            &["-m", "venv", venv.to_str().unwrap()],
        ),
        "python3 -m venv",
    );
    ok(
        run(
            root,
            &venv.join("bin/pip"),
            &["install", "--quiet", "pre-commit"],
        ),
        "pip install pre-commit",
    );
    let pre_commit = venv.join("bin/pre-commit");

    let repo = root.join("templates");
    std::fs::create_dir(&repo).unwrap();
    let git = Path::new("git");
    ok(run(&repo, git, &["init", "--quiet"]), "git init");
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: draftlint\n",
        hook_repo.display()
    );
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    ok(run(&repo, &pre_commit, &["install"]), "pre-commit install");

    let clean = "Hi {{ticket.requester.first_name}},\n\nYour refund went out today and reaches your account within three \
                 working days. The corrected invoice is attached for your records.\n\nPlease let me know if anything \
                 still looks wrong.\n\nBest regards,\n{{current_user.name}}\n";
    std::fs::write(repo.join("refund.txt"), clean).unwrap();
    ok(run(&repo, git, &["add", "."]), "git add");
    ok(
        run(&repo, git, &["commit", "--quiet", "-m", "clean template"]),
        "committing a clean template",
    );

    std::fs::write(
        repo.join("outage.txt"),
        "Hi,\n\nWe will circle back once the hotfix is deployed.\n",
    )
    .unwrap();
    ok(run(&repo, git, &["add", "outage.txt"]), "git add");
    let blocked = run(&repo, git, &["commit", "--quiet", "-m", "bad template"]);
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&blocked.stdout),
        String::from_utf8_lossy(&blocked.stderr)
    );
    assert!(
        !blocked.status.success(),
        "the bad template was committed:\n{printed}"
    );
    assert!(
        printed.contains("warning[jargon]") && printed.contains("outage.txt:3:9"),
        "{printed}"
    );
}
