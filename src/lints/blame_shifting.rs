use super::phrases::{Matcher, PhraseFile};
use super::text::{sentences, squeeze};
use super::{Context, Hit, Lint, Meta, Severity};
use crate::draft::Draft;

#[doc = include_str!("../../lints/docs/blame-shifting.md")]
pub struct BlameShifting {
    phrases: Matcher,
    except: Matcher,
    suggestions: Vec<Option<String>>,
}

impl BlameShifting {
    pub fn new(data: PhraseFile) -> Result<Self, String> {
        Ok(BlameShifting {
            phrases: Matcher::new(&data.phrase, &data.sets, false)?,
            except: Matcher::new(&data.except, &data.sets, false)?,
            suggestions: data.phrase.iter().map(|p| p.suggestion.clone()).collect(),
        })
    }
}

pub(crate) const META: Meta = Meta {
    id: "blame-shifting",
    summary: "Puts the blame for a problem on a colleague, a supplier, the system or the reader",
    default_severity: Severity::Warning,
    doc: include_str!("../../lints/docs/blame-shifting.md"),
};

impl Lint for BlameShifting {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, draft: &Draft, _ctx: &Context, hits: &mut Vec<Hit>) {
        let text = &draft.text;
        for paragraph in draft.author_paragraphs() {
            let shields = self.except.find_in(text, paragraph.clone());
            let sentences = sentences(text, paragraph.clone());
            // One finding per sentence: "the haulier double-booked, so that's on them, not us"
            // is one blaming statement, however many of its phrases match.
            let mut last_sentence = None;
            for found in self.phrases.find_in(text, paragraph) {
                let shielded = shields
                    .iter()
                    .any(|s| s.span.start < found.span.end && found.span.start < s.span.end);
                if shielded {
                    continue;
                }
                let sentence = sentences.iter().position(|s| s.contains(&found.span.start));
                if sentence.is_some() && sentence == last_sentence {
                    if let Some(hit) = hits.last_mut() {
                        hit.span.end = hit.span.end.max(found.span.end);
                    }
                    continue;
                }
                last_sentence = sentence;
                let matched = squeeze(&text[found.span.clone()]);
                hits.push(Hit {
                    replacement: None,
                    span: found.span,
                    message: format!("`{matched}` shifts the blame instead of owning the problem"),
                    suggestion: self.suggestions[found.entry].clone(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lints::text_hits;

    fn blame(text: &str) -> Vec<String> {
        text_hits("blame-shifting", text)
    }

    #[test]
    fn flags_blame_on_others_and_on_the_reader() {
        for (text, expected) in [
            ("Honestly, it's not our fault.", "it's not our fault"),
            ("The outage? It wasn't our fault.", "wasn't our fault"),
            ("It wasn't me who sent it.", "It wasn't me"),
            (
                "The warehouse messed up your order.",
                "The warehouse messed up",
            ),
            (
                "Our developers made the mistake in the update.",
                "Our developers made the mistake",
            ),
            ("That's on the courier, not us.", "That's on the courier"),
            ("You should have read the manual.", "You should have read"),
            (
                "Honestly, that mistake is entirely theirs.",
                "mistake is entirely theirs",
            ),
            ("It was up to you to tell me.", "It was up to you to"),
            ("You failed to attach the form.", "You failed to"),
            (
                "You didn't follow the instructions we sent.",
                "You didn't follow",
            ),
            ("If you had read the email, you'd know.", "If you had read"),
            ("This looks like user error.", "user error"),
            ("Sorry, billing is not my department.", "not my department"),
            (
                "The outage had nothing to do with us.",
                "nothing to do with us",
            ),
            (
                "The system did not save your address.",
                "The system did not save",
            ),
        ] {
            assert_eq!(blame(text), [expected], "{text}");
        }
    }

    #[test]
    fn silent_on_ownership_reassurance_and_look_alikes() {
        for text in [
            "This was our mistake, and I have fixed it.",
            "We dropped the ball here; I'm sorry.",
            "This is not your fault at all.",
            "You did nothing wrong.",
            "You should have received the invoice by now.",
            "You should have got an email with the link.",
            "You should have a new password in your inbox.",
            "You should have monthly statements from the bank.",
            "It isn't your fault that the cone came off.",
            "It is down to you to decide which plan suits you.",
            "It's up to you to choose the colour.",
            "You are supposed to receive a code by text.",
            "The printer's problem was a jammed roller.",
            "That is nobody's fault.",
            "Our team made a mistake, and I have fixed it.",
            "It was my fault, not yours.",
            "The courier collects the parcel tomorrow.",
        ] {
            assert!(blame(text).is_empty(), "{text}: {:?}", blame(text));
        }
    }

    #[test]
    fn one_finding_per_sentence() {
        assert_eq!(
            blame(
                "The haulier double-booked the slot, so that's on them, not us. You failed to sign."
            ),
            [
                "The haulier double-booked the slot, so that's on them",
                "You failed to"
            ]
        );
    }

    #[test]
    fn silent_in_quotes_and_signatures() {
        let text = "Hi Sam,\n\nYour refund is on its way.\n\nBest regards,\nBo\nNot my department since 2019\n\n> It's not our fault, the warehouse messed up.\n";
        assert!(blame(text).is_empty());
    }
}
