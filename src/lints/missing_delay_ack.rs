use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveTime, Weekday};

use super::phrases::{Matcher, PhraseFile};
use super::text::{squeeze, trim};
use super::{Context, Hit, Lint, Meta, Severity};
use crate::config::LintSettings;
use crate::draft::{Draft, Zone};

#[doc = include_str!("../../lints/docs/missing-delay-ack.md")]
pub struct MissingDelayAck {
    delays: Matcher,
    acknowledgements: Matcher,
    late_after: Duration,
    business_hours: bool,
}

/// A reply later than this after the message it answers is late.
const LATE_AFTER_HOURS: u32 = 24;

/// Gaps longer than this are late in any counting; no need to walk them day by day.
const MAX_COUNTED_DAYS: i64 = 366;

impl MissingDelayAck {
    pub fn new(data: PhraseFile, settings: &LintSettings) -> Result<Self, String> {
        Ok(MissingDelayAck {
            delays: Matcher::new(&data.phrase, &data.sets, false)?,
            acknowledgements: Matcher::new(&data.acknowledgement, &data.sets, false)?,
            late_after: Duration::hours(
                settings.max_reply_hours.unwrap_or(LATE_AFTER_HOURS).into(),
            ),
            business_hours: settings.business_hours.unwrap_or(false),
        })
    }

    /// The wait between two instants; with business hours, Saturdays and Sundays (in the
    /// draft's own offset) do not count.
    fn waited(&self, from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> Duration {
        let total = to.signed_duration_since(from);
        if !self.business_hours || total.num_days() > MAX_COUNTED_DAYS {
            return total;
        }
        let from = from.with_timezone(to.offset());
        let mut counted = Duration::zero();
        let mut at = from;
        while at < to {
            let next_day = (at.date_naive() + Duration::days(1))
                .and_time(NaiveTime::MIN)
                .and_local_timezone(*to.offset())
                .single()
                .unwrap_or(to);
            let end = next_day.min(to);
            if !matches!(at.weekday(), Weekday::Sat | Weekday::Sun) {
                counted += end.signed_duration_since(at);
            }
            at = end;
        }
        counted
    }
}

pub(crate) const META: Meta = Meta {
    id: "missing-delay-ack",
    summary: "A late reply or a reported delay without an apology",
    default_severity: Severity::Warning,
    doc: include_str!("../../lints/docs/missing-delay-ack.md"),
};

impl Lint for MissingDelayAck {
    fn meta(&self) -> &'static Meta {
        &META
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
            let matched = squeeze(&text[found.span.clone()]);
            hits.push(Hit {
                replacement: None,
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
        let waited = self.waited(answered, sent);
        if waited <= self.late_after {
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
            replacement: None,
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
        0 | 1 => format!("more than {} hours", waited.num_hours()),
        days => format!("{days} days"),
    }
}

#[cfg(test)]
mod tests {
    use crate::draft::InputKind;
    use crate::lints::{hits_of, text_hits};

    fn delay(text: &str) -> Vec<String> {
        text_hits("missing-delay-ack", text)
    }

    fn reply(date: &str, attribution: &str, body: &str) -> Vec<String> {
        let eml = format!(
            "From: bo@example.com\r\nTo: sam@example.com\r\nSubject: Re: order\r\nDate: {date}\r\n\r\nHi Sam,\r\n\r\n{body}\r\n\r\n{attribution}\r\n> Where is my order?\r\n"
        );
        hits_of("missing-delay-ack", eml.as_bytes(), InputKind::Eml)
    }

    #[test]
    fn flags_reported_delays_without_apology() {
        for (text, expected) in [
            ("Your order has been delayed by a week.", "delayed"),
            ("The call is postponed to Monday.", "postponed"),
            (
                "We pushed the launch back to May.",
                "pushed the launch back to",
            ),
            (
                "It arrives a fortnight later than we had arranged.",
                "later than we had arranged",
            ),
            ("The project is behind schedule.", "is behind schedule"),
            (
                "We had to move your repair from this Friday to next Wednesday.",
                "move your repair from this Friday to next Wednesday",
            ),
            (
                "It will arrive on Thursday instead of Monday.",
                "instead of Monday",
            ),
            (
                "The install will take longer than planned.",
                "take longer than planned",
            ),
            (
                "The report will not be ready until Monday.",
                "will not be ready until",
            ),
            ("Your new delivery date is 3 May.", "new delivery date"),
            (
                "The repair is taking more time than expected.",
                "more time than expected",
            ),
            ("The sofa won't arrive until June.", "won't arrive until"),
            ("The printer needs another week.", "needs another week"),
        ] {
            assert_eq!(delay(text), [expected], "{text}");
        }
    }

    #[test]
    fn silent_when_acknowledged_or_not_a_delay() {
        for text in [
            "Sorry, your order has been delayed by a week.",
            "Your order is delayed; I apologise for this.",
            "Thank you for your patience: the call is postponed to Monday.",
            "Please send the form today to avoid delays.",
            "We ship without delay.",
            "The late payment fee has been waived.",
            "The plan costs 12 euros instead of 10 euros.",
            "We changed your plan from 2 to 3 users.",
            "Hi Sam,\n\nAll set.\n\n> The order was delayed again.",
        ] {
            assert!(delay(text).is_empty(), "{text}: {:?}", delay(text));
        }
    }

    #[test]
    fn late_replies_need_an_apology() {
        let gmail = "On Mon, 3 Mar 2025 at 10:15, Sam Lee <sam@example.com> wrote:";
        assert_eq!(
            reply("Thu, 6 Mar 2025 09:00:00 +0000", gmail, "It ships today."),
            ["It ships today."]
        );
        assert!(
            reply(
                "Thu, 6 Mar 2025 09:00:00 +0000",
                gmail,
                "Sorry for the slow reply: it ships today."
            )
            .is_empty()
        );
        assert!(reply("Mon, 3 Mar 2025 18:00:00 +0000", gmail, "It ships today.").is_empty());
        let outlook = "-----Original Message-----\r\nFrom: Sam Lee\r\nSent: Monday, March 3, 2025 10:15 AM\r\nTo: Bo\r\nSubject: order";
        assert_eq!(
            reply("Fri, 7 Mar 2025 09:00:00 +0000", outlook, "It ships today."),
            ["It ships today."]
        );
    }

    #[test]
    fn reply_window_and_business_hours_are_configurable() {
        use crate::config::LintSettings;
        // Friday 16:00 -> Monday 10:00: 66 hours, of which 18 on weekdays.
        let eml = "From: bo@example.com\nSubject: Re: x\nDate: Mon, 9 Mar 2026 10:00:00 +0000\n\nIt ships today.\n\nOn Fri, 6 Mar 2026 at 16:00, Sam <sam@example.com> wrote:\n> Any news?\n";
        let check = |settings: LintSettings| {
            crate::lints::configured_hits(
                "missing-delay-ack",
                eml.as_bytes(),
                InputKind::Eml,
                settings,
            )
        };
        assert_eq!(check(LintSettings::default()), ["It ships today."]);
        assert!(
            check(LintSettings {
                business_hours: Some(true),
                ..LintSettings::default()
            })
            .is_empty()
        );
        assert!(
            check(LintSettings {
                max_reply_hours: Some(72),
                ..LintSettings::default()
            })
            .is_empty()
        );
        let strict = LintSettings {
            business_hours: Some(true),
            max_reply_hours: Some(8),
            ..LintSettings::default()
        };
        assert_eq!(check(strict), ["It ships today."]);
    }

    #[test]
    fn drafts_without_a_date_use_now() {
        // --now in tests is 2026-01-15T12:00:00Z.
        let eml = "From: bo@example.com\nSubject: Re: x\n\nIt ships today.\n\nOn 10 Jan 2026, at 09:00, Sam wrote:\n> Any news?\n";
        assert_eq!(
            hits_of("missing-delay-ack", eml.as_bytes(), InputKind::Eml),
            ["It ships today."]
        );
    }
}
