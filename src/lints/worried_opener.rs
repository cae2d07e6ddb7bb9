use super::phrases::{Matcher, PhraseFile};
use super::text::sentences;
use super::{Context, Hit, Lint};
use crate::draft::Draft;

/// ## What it does
/// Flags a first sentence (after the greeting) that tells the reader they are worried, upset or
/// frustrated ("You are worried about ...", "I understand you are frustrated"). The same words
/// later in the draft, or the writer's own feelings ("I'm not worried"), are not flagged.
///
/// ## Why is this bad?
/// Opening by naming the client's distress sets a negative tone from the first line, presumes
/// how they feel, and delays the answer they wrote for. Get straight to the point.
///
/// ## Example
/// ```text
/// Hi Sam, I understand you are frustrated about the invoice.
/// ```
/// Use instead:
/// ```text
/// Hi Sam, I have corrected the invoice: the new one is attached.
/// ```
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

impl Lint for WorriedOpener {
    fn id(&self) -> &'static str {
        "worried-opener"
    }

    fn summary(&self) -> &'static str {
        "Opens by telling the reader they are worried, upset or frustrated"
    }

    fn check(&self, draft: &Draft, _ctx: &Context, hits: &mut Vec<Hit>) {
        let text = &draft.text;
        let Some(first) = draft.author_paragraphs().into_iter().next() else {
            return;
        };
        let Some(sentence) = sentences(text, first).into_iter().next() else {
            return;
        };
        if let Some(found) = self.phrases.find_in(text, sentence).into_iter().next() {
            let matched = text[found.span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            hits.push(Hit {
                span: found.span,
                message: format!("the opening `{matched}` presumes how the reader feels"),
                suggestion: Some("open with the answer or what you have done about it".to_string()),
            });
        }
    }
}
