//! Every file of the shared corpora (real mail, MIME torture tests, support macros written by
//! others) gives findings or a clean one-line error: no panic, no hang. Skipped, with the reason
//! printed, where ../shared/corpora is absent.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use draftlint::walk::{self, Input};
use draftlint::{Context, Linter, Outcome};

/// A file that takes longer than this is a hang, whatever the build.
const HANG: Duration = Duration::from_secs(1);

#[test]
fn every_corpus_file_is_linted_or_cleanly_refused() {
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !corpora.is_dir() {
        println!("skipping the corpus sweep: {} not found", corpora.display());
        return;
    }
    let linter = Linter::new().unwrap();
    let ctx = Context {
        now: chrono::DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z").unwrap(),
    };
    let (inputs, errors) = walk::collect(std::slice::from_ref(&corpora));
    assert!(errors.is_empty(), "{errors:?}");
    let (mut checked, mut refused, mut slowest) = (0, 0, (Duration::ZERO, String::new()));
    for input in &inputs {
        let Input::File { path, detect, .. } = input else {
            continue;
        };
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).unwrap();
        let started = Instant::now();
        let outcomes = catch_unwind(AssertUnwindSafe(|| {
            linter.check_file(path, &shown, &bytes, *detect, None, &ctx)
        }))
        .unwrap_or_else(|_| panic!("panicked on {shown}"));
        let took = started.elapsed();
        assert!(took < HANG, "{shown} took {took:?}");
        if took > slowest.0 {
            slowest = (took, shown.clone());
        }
        for outcome in outcomes {
            match outcome {
                Outcome::Checked(_) => checked += 1,
                Outcome::Failed { path, problem } => {
                    assert!(
                        !problem.contains('\n') && !problem.is_empty(),
                        "{path}: {problem:?}"
                    );
                    refused += 1;
                }
                Outcome::Skipped => {}
            }
        }
    }
    println!(
        "{} files: {checked} drafts checked, {refused} refused; slowest {:?} ({})",
        inputs.len(),
        slowest.0,
        slowest.1
    );
    assert!(checked > 3000, "the corpus was read: {checked}");
}
