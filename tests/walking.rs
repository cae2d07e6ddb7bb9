//! Walking what the user names: unreadable files and directories, names that are not UTF-8,
//! symbolic-link loops and paths that are gone. Each is a one-line error naming the path (or,
//! found in a directory, a link that is not followed), exit 2, and the other files are linted.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

mod common;
use common::{NOW, check_paths, write};

const JARGON: &str = "Hi Sam,\n\nI'll circle back once the hotfix is live.\n";

/// Whether permissions keep `path` from being read here: not for root (tests may run as root).
fn permissions_enforced(path: &Path) -> bool {
    let enforced = fs::read_dir(path).is_err() && fs::read(path).is_err();
    if !enforced {
        println!(
            "skipped the permission assertions: running as root, permissions are not enforced"
        );
    }
    enforced
}

#[test]
fn unreadable_files_and_directories_are_errors_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", JARGON);
    write(dir.path(), "locked/inside.txt", JARGON);
    write(dir.path(), "secret.txt", JARGON);
    let lock = |name: &str, mode: u32| {
        fs::set_permissions(dir.path().join(name), fs::Permissions::from_mode(mode)).unwrap()
    };
    lock("locked", 0o000);
    lock("secret.txt", 0o000);
    let (code, paths, errors) = check_paths(dir.path(), &["."]);
    if permissions_enforced(&dir.path().join("locked")) {
        assert_eq!(code, 2);
        assert_eq!(
            errors,
            [
                "draftlint: error: locked: Permission denied",
                "draftlint: error: secret.txt: Permission denied"
            ]
        );
        assert_eq!(paths, ["a.txt"]);
    } else {
        assert_eq!((code, errors.len()), (1, 0), "{errors:?}");
        assert_eq!(paths, ["a.txt", "locked/inside.txt", "secret.txt"]);
    }
    // Named directly, the file is the same error.
    let (code, paths, errors) = check_paths(dir.path(), &["secret.txt", "a.txt"]);
    if permissions_enforced(&dir.path().join("secret.txt")) {
        assert_eq!(code, 2);
        assert_eq!(errors, ["draftlint: error: secret.txt: Permission denied"]);
        assert_eq!(paths, ["a.txt"]);
    }
    lock("locked", 0o755); // so that the temporary directory can be removed
}

#[cfg(target_os = "linux")]
#[test]
fn file_names_that_are_not_utf8_are_linted_under_a_readable_name() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let dir = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(dir.path().join(name), JARGON).unwrap();
    let (code, paths, errors) = check_paths(dir.path(), &["."]);
    assert_eq!((code, errors.len()), (1, 0), "{errors:?}");
    assert_eq!(paths, ["caf\u{fffd}.txt"]);
    // Named on the command line too.
    let out = cargo_bin_cmd!("draftlint")
        .current_dir(dir.path())
        .args(["check", "--isolated", "--color", "never", "--now", NOW])
        .arg(name)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("--> caf\u{fffd}.txt:3:6")
    );
}

#[test]
fn symbolic_link_loops_and_vanished_paths_do_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "drafts/a.txt", JARGON);
    symlink("loop-b", dir.path().join("drafts/loop-a.txt")).unwrap();
    symlink("loop-a.txt", dir.path().join("drafts/loop-b")).unwrap();
    symlink("..", dir.path().join("drafts/up")).unwrap();
    symlink("deleted.txt", dir.path().join("drafts/dangling.txt")).unwrap();
    // In a walked directory, links are not followed: loops and dangling links are passed over.
    let (code, paths, errors) = check_paths(dir.path(), &["drafts"]);
    assert_eq!((code, errors.len()), (1, 0), "{errors:?}");
    assert_eq!(paths, ["drafts/a.txt"]);
    // Named, they are read, and fail in one line each; so does a path that is gone.
    let (code, paths, errors) = check_paths(
        dir.path(),
        &[
            "drafts/loop-a.txt",
            "drafts/dangling.txt",
            "gone.eml",
            "drafts/a.txt",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(
        errors,
        [
            "draftlint: error: drafts/dangling.txt: No such file or directory",
            "draftlint: error: drafts/loop-a.txt: Too many levels of symbolic links",
            "draftlint: error: gone.eml: No such file or directory",
        ]
    );
    assert_eq!(paths, ["drafts/a.txt"]);
}
