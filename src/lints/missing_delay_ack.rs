use chrono::Duration;

use super::phrases::{Matcher, PhraseFile};
use super::text::trim;
use super::{Context, Hit, Lint};
use crate::draft::{Draft, Zone};

/// ## What it does
/// Flags a draft that involves a delay without acknowledging it. A delay is a late reply (the
/// draft is dated more than 24 hours after the message it answers, read from the quoted
/// history) or one the author text reports ("delayed", "pushed back", "behind schedule").
/// "Sorry", an apology, "thank you for your patience" or "I regret" acknowledge it.
///
/// ## Why is this bad?
/// A client kept waiting notices it. Saying so, with an apology, shows respect for their time
/// and keeps trust; silence about it reads as indifference.
///
/// ## Example
/// ```text
/// Your order has been pushed back to 12 May.
/// ```
/// Use instead:
/// ```text
/// I'm sorry: your order has been pushed back to 12 May. I'll confirm the dispatch that day.
/// ```
pub struct MissingDelayAck {
    delays: Matcher,
    acknowledgements: Matcher,
}

/// A reply later than this after the message it answers is late.
const LATE_AFTER_HOURS: i64 = 24;

impl MissingDelayAck {
    pub fn new(data: PhraseFile) -> Result<Self, String> {
        Ok(MissingDelayAck {
            delays: Matcher::new(&data.phrase, &data.sets, false)?,
            acknowledgements: Matcher::new(&data.acknowledgement, &data.sets, false)?,
        })
    }
}

impl Lint for MissingDelayAck {
    fn id(&self) -> &'static str {
        "missing-delay-ack"
    }

    fn summary(&self) -> &'static str {
        "A late reply or a reported delay without an apology"
    }

    fn check(&self, draft: &Draft, ctx: &Context, hits: &mut Vec<Hit>) {
        let text = &draft.text;
        let paragraphs = draft.author_paragraphs();
        if paragraphs
            .iter()
            .any(|p| self.acknowledgements.is_match_in(text, p.clone()))
        {
            return;
        }
        let mention = paragraphs
            .iter()
            .find_map(|p| self.delays.find_in(text, p.clone()).into_iter().next());
        if let Some(found) = mention {
            let matched = text[found.span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            hits.push(Hit {
                span: found.span,
                message: format!("`{matched}` reports a delay without acknowledging it"),
                suggestion: Some("apologise for the delay and give the new date".to_string()),
            });
            return;
        }
        let sent = draft.headers.date.unwrap_or(ctx.now);
        let Some(answered) = draft.replied_to_date else {
            return;
        };
        let waited = sent.signed_duration_since(answered);
        if waited <= Duration::hours(LATE_AFTER_HOURS) {
            return;
        }
        let Some(first) = draft
            .lines
            .iter()
            .find(|l| l.zone == Zone::Author && !draft.line_text(l).trim().is_empty())
        else {
            return;
        };
        hits.push(Hit {
            span: trim(text, first.range.clone()),
            message: format!(
                "this replies {} after the message it answers without acknowledging the wait",
                describe(waited)
            ),
            suggestion: Some("open with an apology: \"Sorry for the slow reply\"".to_string()),
        });
    }
}

fn describe(waited: Duration) -> String {
    match waited.num_days() {
        0 | 1 => format!("{} hours", waited.num_hours()),
        days => format!("{days} days"),
    }
}
