//! Invariants that hold for any draft: every span lies inside its line, line and column lead
//! back to the matched text, linting is deterministic, and a draft's findings do not depend on
//! what else was linted before it.

use draftlint::{Context, Detect, InputKind, Linter, Outcome};
use proptest::prelude::*;

/// Pieces drafts are made of, chosen to reach the lints and the awkward corners of the text:
/// jargon and blame phrases, every line ending, multi-byte white space, placeholders, URLs,
/// quotes, attributions and signatures.
const PIECES: &[&str] = &[
    "We will circle back",
    " about the SLA",
    "The courier messed up",
    " hotfix",
    " backend",
    "You are worried about the invoice.",
    " It was delayed.",
    " Sorry.",
    "Please reply.",
    "?",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\u{85}",
    "\u{a0}",
    "é",
    "日本",
    "😀",
    "\t",
    "{{ticket.requester.first_name}}",
    "https://example.com/circle-back",
    "`hotfix`",
    "> quoted hotfix\n",
    "On Mon, 3 Mar 2025 at 10:15, Sam <sam@example.com> wrote:\n",
    "-- \n",
    "Best regards,\n",
    "Hi Sam,\n",
    "<p>",
    "</p>",
    "<b>",
    "&amp;",
    "word",
    ".",
    ",",
];

fn draft_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|pieces| pieces.concat())
}

fn kind() -> impl Strategy<Value = InputKind> {
    prop::sample::select(vec![
        InputKind::Text,
        InputKind::Markdown,
        InputKind::Html,
        InputKind::Eml,
    ])
}

/// One linter for every case: building it costs more than linting a draft.
static LINTER: std::sync::LazyLock<Linter> = std::sync::LazyLock::new(|| Linter::new().unwrap());

fn lint(linter: &Linter, text: &str, kind: InputKind) -> Vec<draftlint::Finding> {
    let ctx = Context {
        now: chrono::DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z").unwrap(),
    };
    let bytes = match kind {
        InputKind::Eml => format!("From: bo@example.com\nSubject: x\n\n{text}"),
        _ => text.to_string(),
    };
    match linter.check_bytes("draft", bytes.as_bytes(), Detect::Known(kind), &ctx) {
        Outcome::Checked(report) => report.findings,
        _ => Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_lie_inside_their_lines_and_lead_back_to_the_match(text in draft_text(), kind in kind()) {
        for finding in lint(&LINTER, &text, kind) {
            let d = &finding.diagnostic;
            prop_assert!(d.start.line >= 1 && d.start.column >= 1, "{d:?}");
            prop_assert!((d.start.line, d.start.column) <= (d.end.line, d.end.column), "{d:?}");
            // `source` holds lines start..=end of the file, the first from `source_column` on,
            // so the span indexes into it.
            let lines: Vec<&str> = finding.source.split('\n').collect();
            prop_assert_eq!(lines.len(), d.end.line - d.start.line + 1);
            let cut = finding.source_column - 1;
            let start_column = d.start.column - cut;
            let end_column = if d.end.line == d.start.line { d.end.column - cut } else { d.end.column };
            let first_len = lines[0].chars().count();
            let last_len = lines[lines.len() - 1].chars().count();
            prop_assert!(start_column <= first_len + 1, "{d:?} in {:?}", lines[0]);
            prop_assert!(end_column <= last_len + 1, "{d:?} in {:?}", lines[lines.len() - 1]);
            let plain = kind != InputKind::Html && kind != InputKind::Eml;
            if d.start.line == d.end.line && plain {
                // Templates map character for character: over unmasked text the span is the
                // matched text. (A sentence-wide span may cover a code span, a placeholder or a
                // URL, which the lints see as blanks.)
                let matched: String = lines[0].chars().skip(start_column - 1).take(end_column - start_column).collect();
                if ["`", "{{", "http", "@"].iter().any(|masked| matched.contains(masked)) {
                    continue;
                }
                let squeezed = matched.split_whitespace().collect::<Vec<_>>().join(" ");
                prop_assert!(d.context.contains(&squeezed), "{matched:?} not in {:?}", d.context);
            }
        }
    }

    #[test]
    fn linting_is_deterministic_and_independent_of_other_drafts(
        text in draft_text(), other in draft_text(), kind in kind()
    ) {
        let linter = &*LINTER;
        let alone: Vec<_> = lint(linter, &text, kind).into_iter().map(|f| f.diagnostic).collect();
        let _ = lint(linter, &other, kind);
        let after_other: Vec<_> = lint(linter, &text, kind).into_iter().map(|f| f.diagnostic).collect();
        prop_assert_eq!(alone, after_other);
    }
}
