use super::phrases::{Matcher, PhraseFile};
use super::text::{opener, squeeze};
use super::{Context, Hit, Lint, Meta, Severity};
use crate::draft::Draft;

#[doc = include_str!("../../lints/docs/worried-opener.md")]
pub struct WorriedOpener {
    phrases: Matcher,
}

impl WorriedOpener {
    pub fn new(data: PhraseFile) -> Result<Self, String> {
        Ok(WorriedOpener {
            phrases: Matcher::new(&data.phrase, &data.sets, false)?,
        })
    }
}

pub(crate) const META: Meta = Meta {
    id: "worried-opener",
    summary: "Opens by telling the reader they are worried, upset or frustrated",
    default_severity: Severity::Warning,
    doc: include_str!("../../lints/docs/worried-opener.md"),
};

impl Lint for WorriedOpener {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, draft: &Draft, _ctx: &Context, hits: &mut Vec<Hit>) {
        let text = &draft.text;
        let Some(sentence) = opener(text, &draft.author_paragraphs()) else {
            return;
        };
        if let Some(found) = self.phrases.find_in(text, sentence).into_iter().next() {
            let matched = squeeze(&text[found.span.clone()]);
            hits.push(Hit {
                replacement: None,
                span: found.span,
                message: format!("the opening `{matched}` presumes how the reader feels"),
                suggestion: Some("open with the answer or what you have done about it".to_string()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lints::text_hits;

    fn opener(text: &str) -> Vec<String> {
        text_hits("worried-opener", text)
    }

    #[test]
    fn flags_a_first_sentence_that_presumes_worry() {
        for (text, expected) in [
            (
                "Hi Sam,\n\nYou are worried about the invoice. It is fine.",
                "You are worried",
            ),
            (
                "Hi Sam,\n\nAre you worried about the move? We have it covered.",
                "Are you worried",
            ),
            ("You seem upset about the delay.", "You seem upset"),
            (
                "Hi Sam, I understand you are frustrated with the app.",
                "I understand you are frustrated",
            ),
            (
                "Dear Sam,\n\nI know you're concerned about the data.",
                "I know you're concerned",
            ),
            ("You must be worried by now.", "You must be worried"),
            (
                "I can tell you're not happy with the result.",
                "I can tell you're not happy",
            ),
            (
                "I hear that you're upset about the bill.",
                "I hear that you're upset",
            ),
            ("I hear that you're moving offices.", "I hear that you're"),
            (
                "I understand how frustrating this must be.",
                "I understand how frustrating this",
            ),
            (
                "This must have been very stressful for you.",
                "must have been very stressful for you",
            ),
        ] {
            assert_eq!(opener(text), [expected], "{text}");
        }
    }

    #[test]
    fn silent_later_in_the_draft_and_on_the_writers_feelings() {
        for text in [
            "Hi Sam,\n\nThanks for your message about the invoice. I understand you are frustrated.",
            "Hi Sam,\n\nI'm not worried about the timeline at all.",
            "Hi Sam,\n\nWe have fixed the invoice.\n\n> You are worried about it, I know.",
            "Hi Sam,\n\nYour new card is on its way.",
        ] {
            assert!(opener(text).is_empty(), "{text}: {:?}", opener(text));
        }
    }
}
