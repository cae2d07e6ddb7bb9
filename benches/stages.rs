//! Per-stage latency of draftlint on single drafts (issue 5): parsing (MIME decoding, HTML
//! stripping and zoning all happen in `Draft::parse`), each built-in lint's `check`, and
//! building a `Linter` (start-up cost, which dominates the pre-commit case of one draft).
//!
//! ```sh
//! cargo bench --bench stages              # full run (a few minutes)
//! cargo bench --bench stages -- --quick   # fast sanity run
//! cargo bench --bench stages -- parse/    # only the parsing group
//! ```
//!
//! Whole-run throughput, memory and scaling against ripgrep are measured by `scripts/bench`.
//! No timing is asserted anywhere: these are measurements, not tests.

use std::hint::black_box;
use std::time::Duration;

use chrono::DateTime;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use draftlint::lints::{self, Context, Hit};
use draftlint::{Draft, InputKind, Linter};

/// Representative drafts, as `(name, bytes, kind)`. No fixture is both multipart and
/// quoted-printable, so the two encodings each get a draft of their own.
const DRAFTS: &[(&str, &[u8], InputKind)] = &[
    // A plain 7bit Gmail reply whose quoted history follows an attribution line.
    (
        "eml-plain-reply",
        include_bytes!("../fixtures/eml/gmail-late-reply-no-apology.eml"),
        InputKind::Eml,
    ),
    // A quoted-printable UTF-8 reply (soft line breaks, =E2=80=99 escapes, quoted history).
    (
        "eml-qp",
        include_bytes!("../fixtures/eml/qp-utf8-jargon.eml"),
        InputKind::Eml,
    ),
    // multipart/alternative with text/plain and text/html parts, both with quoted history.
    (
        "eml-multipart",
        include_bytes!("../fixtures/eml/multipart-alt-quoted-clean.eml"),
        InputKind::Eml,
    ),
    // An HTML support-macro template: tags stripped, positions kept.
    (
        "html-template",
        include_bytes!("../fixtures/templates/outage-update.html"),
        InputKind::Html,
    ),
];

/// A fixed "now", so late-reply checks do the same work on every run.
fn context() -> Context {
    Context {
        now: DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z").expect("valid RFC 3339"),
    }
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for &(name, bytes, kind) in DRAFTS {
        group.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, bytes| {
            b.iter(|| Draft::parse(black_box(bytes), kind).expect("fixture parses"))
        });
    }
    group.finish();
}

fn check(c: &mut Criterion) {
    let ctx = context();
    let lints = lints::builtin().expect("built-in lints compile");
    for &(name, bytes, kind) in DRAFTS {
        let draft = Draft::parse(bytes, kind).expect("fixture parses");
        let mut group = c.benchmark_group(format!("check/{name}"));
        let mut hits: Vec<Hit> = Vec::new();
        for lint in &lints {
            group.bench_function(lint.id(), |b| {
                b.iter(|| {
                    hits.clear();
                    lint.check(black_box(&draft), &ctx, &mut hits);
                    hits.len()
                })
            });
        }
        group.finish();
    }
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.bench_function("linter-new", |b| {
        b.iter(|| Linter::new().expect("built-in lints compile"))
    });
    group.bench_function("lints-builtin", |b| {
        b.iter(|| lints::builtin().expect("built-in lints compile"))
    });
    group.finish();
}

// Modest settings: the whole file runs in about two minutes (well under one with `--quick`).
criterion_group! {
    name = stages;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = parse, check, startup
}
criterion_main!(stages);
