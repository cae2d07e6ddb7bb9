//! Shared by the fuzz targets: lint an input like the command line does and write every
//! output format, so parsing, zoning, every lint and every reporter see the input.

use std::path::Path;
use std::sync::{LazyLock, Once};

use draftlint::config::FailOn;
use draftlint::report::{Compact, Github, Human, Json, Reporter, Sarif, Summary};
use draftlint::{Context, Detect, Linter, Outcome};

static LINTER: LazyLock<Linter> = LazyLock::new(|| Linter::new().expect("built-in lints compile"));

static QUIET_HOOK: Once = Once::new();

pub fn lint_and_report(name: &str, bytes: &[u8], detect: Detect) {
    // libfuzzer-sys aborts on any panic before it unwinds, even one draftlint catches on purpose
    // (mail-parser's, in eml.rs). Without that hook, a panic that escapes still reaches
    // `fuzz_target!`'s own catch_unwind, which aborts: real crashes are still found.
    QUIET_HOOK.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let ctx = Context {
        now: chrono::DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z").expect("valid date"),
    };
    let outcomes = LINTER.check_file(Path::new(name), name, bytes, detect, None, &ctx);
    let mut reporters: Vec<Box<dyn Reporter>> = vec![
        Box::new(Human::new(std::io::sink())),
        Box::new(Json::new(std::io::sink())),
        Box::new(Sarif::new(std::io::sink())),
        Box::new(Github::new(std::io::sink())),
        Box::new(Compact::new(std::io::sink())),
    ];
    let mut summary = Summary::default();
    for outcome in outcomes {
        if let Outcome::Checked(report) = outcome {
            summary.add(&report, FailOn::Warning);
            for reporter in &mut reporters {
                reporter.file(&report).expect("a sink never fails");
            }
        }
    }
    for reporter in &mut reporters {
        reporter.finish(&summary).expect("a sink never fails");
    }
}
