use super::phrases::{Matcher, PhraseFile};
use super::text::{closing, trim, word_count};
use super::{Context, Hit, Lint, Meta, Severity};
use crate::config::LintSettings;
use crate::draft::Draft;

#[doc = include_str!("../../lints/docs/missing-next-step.md")]
pub struct MissingNextStep {
    signals: Matcher,
    min_words: usize,
}

/// Shorter drafts (a quick "Done, thanks!") need no explicit next step.
const MIN_WORDS: usize = 30;

impl MissingNextStep {
    pub fn new(data: PhraseFile, settings: &LintSettings) -> Result<Self, String> {
        Ok(MissingNextStep {
            signals: Matcher::new(&data.phrase, &data.sets, false)?,
            min_words: settings.min_words.unwrap_or(MIN_WORDS),
        })
    }
}

pub(crate) const META: Meta = Meta {
    id: "missing-next-step",
    summary: "The closing does not say what happens next or what the reader should do",
    default_severity: Severity::Warning,
    doc: include_str!("../../lints/docs/missing-next-step.md"),
};

impl Lint for MissingNextStep {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, draft: &Draft, _ctx: &Context, hits: &mut Vec<Hit>) {
        let text = &draft.text;
        let paragraphs = draft.author_paragraphs();
        let words: usize = paragraphs.iter().map(|p| word_count(text, p.clone())).sum();
        let Some(last) = paragraphs.last() else {
            return;
        };
        if words < self.min_words {
            return;
        }
        let closing = closing(text, &paragraphs);
        // Each sentence is its own haystack, so a data pattern's `^` anchors at its start
        // (imperatives: "Try restarting the app.").
        let has_next_step = closing.iter().any(|s| {
            let sentence = &text[s.clone()];
            sentence.contains('?') || self.signals.is_match_in(sentence, 0..sentence.len())
        });
        if has_next_step {
            return;
        }
        // The last line of author text, from where its last sentence starts on it.
        let last_line_start = text[..last.end]
            .rfind('\n')
            .map_or(0, |i| i + 1)
            .max(last.start);
        let last_sentence_start = closing.last().map_or(last.start, |s| s.start);
        hits.push(Hit {
            replacement: None,
            span: trim(text, last_line_start.max(last_sentence_start)..last.end),
            message: "the message ends without a next step for the reader".to_string(),
            suggestion: Some(
                "end with what happens next: a request (\"Please reply with ...\"), a dated commitment (\"I'll update you by Friday\"), or \"No action is needed from you\""
                    .to_string(),
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::lints::text_hits;

    const BODY: &str = "Hi Sam,\n\nThanks for writing in about the billing error on your March invoice. \
        We looked at your account this morning and found a duplicate charge from the payment provider. \
        The duplicate has been reversed and the balance is correct again.";

    fn next_step(closing: &str) -> Vec<String> {
        text_hits(
            "missing-next-step",
            &format!("{BODY}\n\n{closing}\n\nBest regards,\nBo\n"),
        )
    }

    #[test]
    fn flags_a_closing_with_only_information() {
        assert_eq!(
            next_step("The refund has been processed."),
            ["The refund has been processed."]
        );
        // A request early in the draft does not count: only the closing does.
        let early = "Hi Sam,\n\nPlease note that we looked at your account. We found a duplicate charge from the \
            payment provider last week.\n\nThe duplicate has been reversed. The balance is correct again. \
            Everything has been updated on our side as well.\n";
        assert_eq!(
            text_hits("missing-next-step", early),
            ["Everything has been updated on our side as well."]
        );
    }

    #[test]
    fn each_kind_of_next_step_is_enough() {
        for closing in [
            "Let me know if anything still looks wrong.",
            "Does the new balance match your records?",
            "I'll send you the corrected invoice by Friday.",
            "No action is needed from you.",
            "Next steps: we close the ticket.",
            "Try signing in again with the new password.",
            "Looking forward to hearing from you.",
            "The refund will reach your account in 5-7 business days.",
            "Your engineer visit is booked for Monday 12 May.",
            "Please confirm the amount when you can.",
            "We will call you tomorrow to confirm.",
        ] {
            assert!(
                next_step(closing).is_empty(),
                "{closing}: {:?}",
                next_step(closing)
            );
        }
    }

    #[test]
    fn min_words_is_configurable() {
        use crate::config::LintSettings;
        let text = "Hi Sam,\n\nDone, the refund went out today.\n";
        let settings = LintSettings {
            min_words: Some(3),
            ..LintSettings::default()
        };
        let hits = crate::lints::configured_hits(
            "missing-next-step",
            text.as_bytes(),
            crate::draft::InputKind::Text,
            settings,
        );
        assert_eq!(hits, ["Done, the refund went out today."]);
    }

    #[test]
    fn short_drafts_are_exempt_and_signatures_do_not_count() {
        assert!(
            text_hits(
                "missing-next-step",
                "Hi Sam,\n\nDone, the refund went out today.\n"
            )
            .is_empty()
        );
        // A request in the signature is not the author's closing.
        let text = format!("{BODY}\n\nBest regards,\nBo\nPlease rate our support!\n");
        assert_eq!(
            text_hits("missing-next-step", &text),
            ["The duplicate has been reversed and the balance is correct again."]
        );
    }
}
