//! Inputs that once crashed draftlint (found by fuzzing, see fuzz/), kept in
//! `fixtures/regressions/`: each is linted or refused with a one-line error, without a panic.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use draftlint::walk::{self, Input};
use draftlint::{Context, Linter, Outcome};

#[test]
fn past_crashes_are_clean_outcomes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/regressions");
    let linter = Linter::new().unwrap();
    let ctx = Context {
        now: chrono::DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z").unwrap(),
    };
    let (inputs, _) = walk::collect(std::slice::from_ref(&dir));
    assert!(!inputs.is_empty());
    // A panic in a dependency would still be reported by the default hook: silence it so the
    // assertion below is what fails.
    std::panic::set_hook(Box::new(|_| {}));
    for input in &inputs {
        let Input::File { path, detect, .. } = input else {
            continue;
        };
        let bytes = std::fs::read(path).unwrap();
        let shown = path.display().to_string();
        let outcomes = catch_unwind(AssertUnwindSafe(|| {
            linter.check_file(path, &shown, &bytes, *detect, None, &ctx)
        }));
        let outcomes = outcomes.unwrap_or_else(|_| panic!("{shown} panicked"));
        for outcome in outcomes {
            if let Outcome::Failed { problem, .. } = outcome {
                assert!(
                    !problem.contains('\n') && !problem.contains("internal error"),
                    "{shown}: {problem}"
                );
            }
        }
    }
}
