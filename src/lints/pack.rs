//! Lint packs: directories of phrase-data files in the format of the built-in `lints/`, loaded
//! with `packs = ["path"]`. A file naming a built-in lint extends its lists; a file naming a new
//! lint defines it (see [`super::custom`]).

use std::path::{Path, PathBuf};

use super::phrases::{Matcher, PhraseFile};
use crate::describe_io;

/// The data files of the pack in `dir`, in file-name order, each entry checked.
pub fn load(dir: &Path) -> Result<Vec<PhraseFile>, String> {
    let listing =
        std::fs::read_dir(dir).map_err(|e| format!("{}: {}", dir.display(), describe_io(&e)))?;
    let mut files: Vec<PathBuf> = listing
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("{}: {}", file.display(), describe_io(&e)))?;
            let data = PhraseFile::parse(&file.display().to_string(), &text)?;
            check_entries(file, &data)?;
            Ok(data)
        })
        .collect()
}

/// Compiles each entry on its own, so that an error names the file and the entry.
fn check_entries(file: &Path, data: &PhraseFile) -> Result<(), String> {
    let valid_id = !data.lint.is_empty()
        && data
            .lint
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_id {
        return Err(format!(
            "{}: lint id {:?} must be lowercase letters, digits and dashes",
            file.display(),
            data.lint
        ));
    }
    for (list, entries, terms) in data.lists() {
        for (i, entry) in entries.iter().enumerate() {
            Matcher::new(std::slice::from_ref(entry), &data.sets, terms).map_err(|problem| {
                format!(
                    "{}: {list} {} ({:?}): {problem}",
                    file.display(),
                    i + 1,
                    entry.pattern
                )
            })?;
        }
    }
    Ok(())
}
