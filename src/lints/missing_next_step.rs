use super::phrases::{Matcher, PhraseFile};
use super::text::{sentences, trim, word_count};
use super::{Context, Hit, Lint};
use crate::draft::Draft;

/// ## What it does
/// Flags a draft whose closing (its last paragraph, or its last three sentences when that
/// paragraph is shorter) says nothing about what happens next: no request to the reader, no
/// question, no commitment with a time, no "no action is needed from you". Drafts of fewer than
/// 30 words are exempt.
///
/// ## Why is this bad?
/// A client who finishes reading and does not know whether to wait, act or reply will write back
/// to ask, or do nothing when something was needed. Every message should end with the next step
/// and who takes it.
///
/// ## Example
/// ```text
/// We have looked into the billing error and corrected your account.
/// ```
/// Use instead:
/// ```text
/// We have looked into the billing error and corrected your account. You will see the refund
/// on your statement within 5 working days; no action is needed from you.
/// ```
pub struct MissingNextStep {
    signals: Matcher,
}

/// Shorter drafts (a quick "Done, thanks!") need no explicit next step.
const MIN_WORDS: usize = 30;
/// The closing is at least this many sentences.
const CLOSING_SENTENCES: usize = 3;

impl MissingNextStep {
    pub fn new(data: PhraseFile) -> Result<Self, String> {
        Ok(MissingNextStep {
            signals: Matcher::new(&data.phrase, &data.sets, false)?,
        })
    }
}

impl Lint for MissingNextStep {
    fn id(&self) -> &'static str {
        "missing-next-step"
    }

    fn summary(&self) -> &'static str {
        "The closing does not say what happens next or what the reader should do"
    }

    fn check(&self, draft: &Draft, _ctx: &Context, hits: &mut Vec<Hit>) {
        let text = &draft.text;
        let paragraphs = draft.author_paragraphs();
        let words: usize = paragraphs.iter().map(|p| word_count(text, p.clone())).sum();
        let Some(last) = paragraphs.last() else {
            return;
        };
        if words < MIN_WORDS {
            return;
        }
        // The closing: the last paragraph's sentences, topped up from earlier paragraphs.
        let mut closing = sentences(text, last.clone());
        for earlier in paragraphs.iter().rev().skip(1) {
            if closing.len() >= CLOSING_SENTENCES {
                break;
            }
            let mut more = sentences(text, earlier.clone());
            let keep = more.len().saturating_sub(CLOSING_SENTENCES - closing.len());
            closing.splice(0..0, more.drain(keep..));
        }
        let has_next_step = closing
            .iter()
            .any(|s| text[s.clone()].contains('?') || self.signals.is_match_in(text, s.clone()));
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
            span: trim(text, last_line_start.max(last_sentence_start)..last.end),
            message: "the message ends without a next step for the reader".to_string(),
            suggestion: Some(
                "end with what happens next: a request (\"Please reply with ...\"), a dated commitment (\"I'll update you by Friday\"), or \"No action is needed from you\""
                    .to_string(),
            ),
        });
    }
}
