//! Which files a run lints: paths named on the command line, and directories walked with the
//! `ignore` crate (`.gitignore` respected, hidden files skipped), in a stable order.

use std::path::{Path, PathBuf};

use crate::draft::InputKind;

/// How an input's kind is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detect {
    /// By its extension.
    Known(InputKind),
    /// A walked file without an extension: linted only if it is an e-mail (Maildir and mail
    /// archives name files that way).
    EmailOrSkip,
    /// A file named explicitly, or standard input: e-mail if it looks like one, else text.
    EmailOrText,
    /// JSON: a support-macro export if it is one, else not a draft.
    Export,
}

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `named`: given on the command line rather than found in a directory (configured
    /// excludes skip it only with `--force-exclude`).
    File {
        path: PathBuf,
        detect: Detect,
        named: bool,
    },
    /// `-`: one draft from standard input.
    Stdin,
}

/// A path that could not be walked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: String,
    pub message: String,
}

/// The inputs named by `paths`, one at a time, in the order of [`collect`]. A single directory
/// (a whole archive, a macro library) is walked as it is linted, so that memory does not grow
/// with the number of files; several paths are collected first, to be merged into one order.
pub fn stream(paths: &[PathBuf]) -> Box<dyn Iterator<Item = Result<Input, WalkError>>> {
    match paths {
        [dir] if dir.is_dir() => Box::new(walk_dir(dir)),
        _ => {
            let (inputs, errors) = collect(paths);
            Box::new(
                errors
                    .into_iter()
                    .map(Err)
                    .chain(inputs.into_iter().map(Ok)),
            )
        }
    }
}

/// The inputs named by `paths`, sorted by path, each once.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<WalkError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            for found in walk_dir(path) {
                match found {
                    Ok(input) => inputs.push(input),
                    Err(error) => errors.push(error),
                }
            }
        } else {
            // Named explicitly: linted whatever its name.
            let detect = detect_by_extension(path).unwrap_or(Detect::EmailOrText);
            inputs.push(Input::File {
                path: path.clone(),
                detect,
                named: true,
            });
        }
    }
    // One global order (so JSON is sorted by path), each input once.
    // A file both named and found in a named directory counts as named.
    inputs.sort_by_key(|input| (input_key(input).map(Path::to_path_buf), !is_named(input)));
    inputs.dedup_by(|a, b| input_key(a) == input_key(b));
    (inputs, errors)
}

fn is_named(input: &Input) -> bool {
    matches!(input, Input::File { named: true, .. })
}

fn input_key(input: &Input) -> Option<&Path> {
    match input {
        Input::Stdin => None,
        Input::File { path, .. } => Some(path),
    }
}

/// The files under `dir` that draftlint reads, in path order (entries sorted in each directory,
/// depth first: the order `Path` sorts in).
fn walk_dir(dir: &Path) -> impl Iterator<Item = Result<Input, WalkError>> + use<> {
    let root = dir.to_path_buf();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    walker.filter_map(move |entry| match entry {
        Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
            let path = shown(entry.path());
            let has_extension = file_type_extension(&path).is_some();
            let detect = match detect_by_extension(&path) {
                Some(detect) => detect,
                None if !has_extension || in_maildir(&path) => Detect::EmailOrSkip,
                None => return None,
            };
            Some(Ok(Input::File {
                path,
                detect,
                named: false,
            }))
        }
        Ok(_) => None,
        Err(err) => Some(Err(walk_error(&root, &err))),
    })
}

/// "./a.txt" reads better as "a.txt", as most tools print it.
fn shown(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

/// The path a walking error is about (an unreadable directory, not the one named) and the
/// problem in a few words, as for files: "locked: Permission denied".
fn walk_error(dir: &Path, err: &ignore::Error) -> WalkError {
    match err {
        ignore::Error::WithPath { path, err } => walk_error(path, err),
        ignore::Error::WithDepth { err, .. } => walk_error(dir, err),
        _ => {
            // The directory walker's own error comes wrapped in an io::Error whose text
            // repeats the path ("IO error for operation on ..."): the OS error is its source.
            let os_error = err.io_error().map(|io| {
                io.get_ref()
                    .and_then(|inner| inner.source())
                    .and_then(|source| source.downcast_ref::<std::io::Error>())
                    .unwrap_or(io)
            });
            WalkError {
                path: shown(dir).display().to_string(),
                message: os_error.map_or_else(|| err.to_string(), crate::describe_io),
            }
        }
    }
}

/// Whether `path` is a message in a Maildir (`cur/` or `new/`), whose names end in a host name
/// that looks like an extension ("1709461000.M2P2.mailhost").
fn in_maildir(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|dir| dir == "cur" || dir == "new")
}

/// The extension, when it names a file type: Maildir names ("1700000000.M1P1.host:2,S") and
/// archive names ("00001.7c53336b") have dots that are not extensions.
fn file_type_extension(path: &Path) -> Option<&str> {
    path.extension()
        .and_then(|e| e.to_str())
        .filter(|e| e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphabetic()))
}

/// How a file's kind is decided from its name. Mail archives save messages as `.txt` too, so a
/// `.txt` file that starts with a mail header block is read as e-mail.
pub fn detect_by_extension(path: &Path) -> Option<Detect> {
    // Exports: Zendesk's JSON, or what `[[exports]]` describes.
    let export = ["json", "yml", "yaml"];
    if file_type_extension(path).is_some_and(|e| export.iter().any(|x| e.eq_ignore_ascii_case(x))) {
        return Some(Detect::Export);
    }
    // Mailboxes are split into messages before their kind matters.
    if file_type_extension(path)
        .is_some_and(|e| e.eq_ignore_ascii_case("mbox") || e.eq_ignore_ascii_case("mbx"))
    {
        return Some(Detect::Known(InputKind::Eml));
    }
    let kind = file_type_extension(path).and_then(InputKind::from_extension)?;
    Some(match kind {
        InputKind::Text => Detect::EmailOrText,
        kind => Detect::Known(kind),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_directory_comes_in_the_collected_order() {
        let dir = tempfile::tempdir().unwrap();
        // Names whose string order and path order differ ('-' sorts before '/').
        for file in [
            "a/b.txt",
            "a-b/c.txt",
            "a/b/c.eml",
            "b.md",
            "a.txt",
            "a/z/y.txt",
            "skip.png",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "Hi Anna,\n").unwrap();
        }
        let root = [dir.path().to_path_buf()];
        let streamed: Vec<Input> = stream(&root).map(Result::unwrap).collect();
        let (collected, errors) = collect(&root);
        assert!(errors.is_empty());
        assert_eq!(streamed, collected);
        let names: Vec<String> = streamed
            .iter()
            .map(|input| match input {
                Input::File { path, .. } => {
                    let relative = path.strip_prefix(dir.path()).unwrap();
                    relative.to_string_lossy().into_owned()
                }
                Input::Stdin => unreachable!("no stdin in a walk"),
            })
            .collect();
        assert_eq!(
            names,
            [
                "a/b/c.eml",
                "a/b.txt",
                "a/z/y.txt",
                "a-b/c.txt",
                "a.txt",
                "b.md"
            ]
        );
    }
}
