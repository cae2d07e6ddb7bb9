//! Reading `.eml` messages with mail-parser. Every mail-parser call lives in this module.
//!
//! Positions are kept exact where the file holds the text character for character (unencoded
//! and quoted-printable UTF-8 parts): those bodies are decoded here from the raw bytes, with a map
//! back into the file. Base64 and legacy-charset parts use mail-parser's decoded text and report
//! positions in that decoded body.

use chrono::{DateTime, FixedOffset};
use mail_parser::{Encoding, MessageParser, MessagePart, MimeHeaders, PartType};

use super::{Body, DraftError, Headers, Origin, SourceMap, decode_utf8_mapped, html};

pub(crate) struct Message {
    pub body: Body,
    pub headers: Headers,
}

/// Parts may nest this deep (multiparts in multiparts, messages attached to attached messages):
/// real mail nests a few levels, and a deeper tree only costs time and memory.
pub const MAX_MIME_DEPTH: usize = 32;

/// A message may have this many MIME parts, all nested messages' included: real mail has tens.
pub const MAX_MIME_PARTS: usize = 1000;

/// How much of a file [`looks_like_email`] reads: a header block rarely needs more.
const SNIFF_LIMIT: usize = 8 * 1024;

/// Header names that make a block of `Name: value` lines an e-mail rather than a note.
const COMMON_HEADERS: &[&str] = &[
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "delivered-to",
    "reply-to",
    "in-reply-to",
    "references",
    "sender",
];

pub(crate) fn looks_like_email(bytes: &[u8]) -> bool {
    let mut head = &bytes[..bytes.len().min(SNIFF_LIMIT)];
    if head.len() < bytes.len() {
        // Drop the line the limit cut through.
        head = memchr::memrchr(b'\n', head).map_or(&[][..], |end| &head[..end]);
    }
    let head = &head[header_start(head)..];
    let mut headers = 0;
    let mut common = false;
    for line in head.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match line.first() {
            None => break,
            Some(b' ' | b'\t') if headers > 0 => continue, // folded header value
            _ => {}
        }
        let Some(name) = header_name(line) else {
            return false;
        };
        headers += 1;
        common |= is_common_header(name);
    }
    common
}

/// Where the header block starts: after a UTF-8 BOM and an mbox `From ` envelope line.
fn header_start(bytes: &[u8]) -> usize {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    if bytes[bom..].starts_with(b"From ") {
        memchr::memchr(b'\n', &bytes[bom..]).map_or(bytes.len(), |end| bom + end + 1)
    } else {
        bom
    }
}

/// The name of a `Name: value` header line.
fn header_name(line: &[u8]) -> Option<&[u8]> {
    let colon = memchr::memchr(b':', line)?;
    let name = &line[..colon];
    let printable = |b: &u8| b.is_ascii_graphic() && *b != b':';
    (!name.is_empty() && name.iter().all(printable)).then_some(name)
}

fn is_common_header(name: &[u8]) -> bool {
    name.len() > 2 && name[..2].eq_ignore_ascii_case(b"x-")
        || COMMON_HEADERS
            .iter()
            .any(|h| h.as_bytes().eq_ignore_ascii_case(name))
}

pub(crate) fn parse(raw: &[u8]) -> Result<Message, DraftError> {
    let start = header_start(raw);
    // mail-parser 0.11 panics on some malformed structures (a `message/rfc822` part nesting
    // another inside a multipart, found by fuzzing): a message it cannot read, said so like any
    // other. Only this call is guarded, so a panic in draftlint's own code still shows.
    let parsed = std::panic::catch_unwind(|| MessageParser::default().parse(&raw[start..]))
        .map_err(|_| {
            DraftError("mail-parser could not read this message's MIME structure".into())
        })?;
    let tree = Tree(parsed.ok_or_else(|| DraftError("not a parseable e-mail message".into()))?);
    check_limits(&tree.0)?;
    let message = &tree.0;
    let headers = Headers {
        date: message.date().and_then(to_chrono),
        subject: message.subject().map(str::to_string),
        subject_source: subject_source(message, raw, start),
        disable: message
            .header_values("X-Draftlint-Disable")
            .filter_map(|v| v.as_text())
            .flat_map(|v| v.split([',', ' ']))
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_string)
            .collect(),
    };
    let body = choose_body(message, raw, start)?;
    Ok(Message { body, headers })
}

/// A parsed message, dropped level by level: mail-parser's own drop recurses into attached
/// messages and overflows the stack on a deep enough chain of them (found by testing 100,000).
struct Tree<'x>(mail_parser::Message<'x>);

impl Drop for Tree<'_> {
    fn drop(&mut self) {
        let mut pending = vec![std::mem::take(&mut self.0.parts)];
        while let Some(mut parts) = pending.pop() {
            for part in &mut parts {
                if let PartType::Message(nested) = &mut part.body {
                    pending.push(std::mem::take(&mut nested.parts));
                }
            }
        }
    }
}

/// Refuses a MIME tree deeper than [`MAX_MIME_DEPTH`] or with more than [`MAX_MIME_PARTS`] parts.
/// Walked with a stack of its own, as the tree may be deep.
fn check_limits(message: &mail_parser::Message<'_>) -> Result<(), DraftError> {
    // (message, part id, number of parts enclosing it)
    let mut pending = vec![(message, 0, 0)];
    let mut parts = message.parts.len();
    while let Some((message, id, depth)) = pending.pop() {
        if parts > MAX_MIME_PARTS {
            return Err(DraftError(format!(
                "message has more than {MAX_MIME_PARTS} MIME parts"
            )));
        }
        if depth > MAX_MIME_DEPTH {
            return Err(DraftError(format!(
                "MIME parts nest deeper than {MAX_MIME_DEPTH} levels"
            )));
        }
        match message.parts.get(id as usize).map(|part| &part.body) {
            Some(PartType::Multipart(ids)) => {
                pending.extend(ids.iter().map(|&id| (message, id, depth + 1)));
            }
            Some(PartType::Message(nested)) => {
                parts += nested.parts.len();
                pending.push((nested, 0, depth + 1));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The Subject value's byte range in `raw` (the parsed message starts at `base`), without the
/// space after the colon and the line break.
fn subject_source(
    message: &mail_parser::Message<'_>,
    raw: &[u8],
    base: usize,
) -> Option<std::ops::Range<usize>> {
    let header = message
        .headers()
        .iter()
        .find(|h| h.name == mail_parser::HeaderName::Subject)?;
    let start = base + header.offset_start as usize;
    let end = (base + header.offset_end as usize).min(raw.len());
    let value = raw.get(start..end)?;
    let lead = value.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let trail = value
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    (lead + trail < value.len()).then(|| start + lead..end - trail)
}

fn to_chrono(date: &mail_parser::DateTime) -> Option<DateTime<FixedOffset>> {
    if !date.is_valid() {
        return None;
    }
    let sign = if date.tz_before_gmt { -1 } else { 1 };
    let offset = FixedOffset::east_opt(
        sign * (i32::from(date.tz_hour) * 3600 + i32::from(date.tz_minute) * 60),
    )?;
    Some(DateTime::from_timestamp(date.to_timestamp(), 0)?.with_timezone(&offset))
}

/// The first text/plain body, or the first HTML one when there is no (non-blank) plain text.
/// Parts of attached messages are in their own `Message`, so forwarded mail is never chosen.
fn choose_body(
    message: &mail_parser::Message<'_>,
    raw: &[u8],
    base: usize,
) -> Result<Body, DraftError> {
    let find = |ids: &[u32], html: bool| {
        ids.iter()
            .filter_map(|&id| message.parts.get(id as usize))
            .find(|part| matches!(part.body, PartType::Html(_)) == html && part.is_text())
    };
    let text = find(&message.text_body, false);
    let html = find(&message.html_body, true).or_else(|| find(&message.text_body, true));
    let blank = |part: &MessagePart<'_>| part.text_contents().is_none_or(|t| t.trim().is_empty());
    match (text, html) {
        (Some(text), Some(html)) if blank(text) => Ok(html_body(html, raw, base)),
        (Some(text), _) => Ok(part_text(text, raw, base)),
        (None, Some(html)) => Ok(html_body(html, raw, base)),
        // A message with headers only comes back as one empty text part.
        (None, None) => match message.parts.first() {
            Some(root) if matches!(root.body, PartType::Text(_)) => Ok(part_text(root, raw, base)),
            _ => Err(DraftError("message has no text or HTML body".into())),
        },
    }
}

fn html_body(part: &MessagePart<'_>, raw: &[u8], base: usize) -> Body {
    let markup = part_text(part, raw, base);
    let (text, html_map) = html::to_text(&markup.text);
    Body {
        text,
        map: html_map.then(markup.map),
        origin: markup.origin,
        source: markup.source,
        lossy: markup.lossy,
    }
}

/// A text part's decoded text, mapped into the file when the file spells it out.
fn part_text(part: &MessagePart<'_>, raw: &[u8], base: usize) -> Body {
    let utf8 = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .is_none_or(|charset| {
            ["utf-8", "utf8", "us-ascii", "ascii"]
                .iter()
                .any(|c| charset.eq_ignore_ascii_case(c))
        });
    let start = base + part.offset_body as usize;
    let end = base + part.offset_end as usize;
    let bytes = raw.get(start..end).unwrap_or_default();
    let file_text = match part.encoding {
        Encoding::None if utf8 => Some(decode_utf8_mapped(bytes, start)),
        Encoding::QuotedPrintable if utf8 => {
            let (decoded, qp_map) = decode_qp_mapped(bytes, start);
            let (text, utf8_map, lossy) = decode_utf8_mapped(&decoded, 0);
            Some((text, utf8_map.then(qp_map), lossy))
        }
        _ => None,
    };
    match file_text {
        Some((text, map, lossy)) => Body {
            text,
            map,
            origin: Origin::File,
            source: raw.to_vec(),
            lossy,
        },
        None => {
            let text = part.text_contents().unwrap_or_default().to_string();
            Body {
                source: text.as_bytes().to_vec(),
                // mail-parser decoded it and does not say; a replacement character is the trace.
                lossy: text.contains(char::REPLACEMENT_CHARACTER),
                text,
                map: SourceMap::identity(),
                origin: Origin::DecodedBody,
            }
        }
    }
}

/// Quoted-printable bytes decoded, with a map from decoded offsets to `base +` raw offsets.
/// Hand-written: the `quoted_printable` crate decodes but cannot say where a byte came from.
fn decode_qp_mapped(bytes: &[u8], base: usize) -> (Vec<u8>, SourceMap) {
    let mut out = Vec::with_capacity(bytes.len());
    let mut map = SourceMap::default();
    map.push(0, base);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if let Some(len) = soft_break_len(&bytes[i + 1..]) {
                i += 1 + len;
                map.push(out.len(), base + i);
                continue;
            }
            let hex = |at: usize| bytes.get(at).and_then(|&b| (b as char).to_digit(16));
            if let (Some(high), Some(low)) = (hex(i + 1), hex(i + 2)) {
                map.push(out.len(), base + i);
                out.push((high * 16 + low) as u8);
                i += 3;
                map.push(out.len(), base + i);
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    (out, map)
}

/// Length of what follows a soft-break `=`: optional blanks, then a line end (or the end).
fn soft_break_len(rest: &[u8]) -> Option<usize> {
    let blanks = rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    match &rest[blanks..] {
        [b'\r', b'\n', ..] => Some(blanks + 2),
        [b'\n', ..] => Some(blanks + 1),
        [] => Some(blanks),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{LineIndex, Position};

    fn position(body: &Body, needle: &str) -> Position {
        let at = body.text.find(needle).expect("needle in text");
        LineIndex::new(&body.source).position(&body.source, body.map.to_source(at))
    }

    fn source_at<'a>(body: &'a Body, needle: &str) -> &'a [u8] {
        let at = body.text.find(needle).expect("needle in text");
        &body.source[body.map.to_source(at)..]
    }

    #[test]
    fn plain_crlf_message_without_final_newline() {
        let raw = b"From: Ann <ann@example.com>\r\nTo: bob@example.com\r\nSubject: Your ticket\r\n\
                    Date: Mon, 6 Jan 2025 09:30:00 -0500\r\n\r\nHi Bob,\r\n\r\nWe will circle back.";
        let message = parse(raw).unwrap();
        let body = &message.body;
        assert_eq!(body.text, "Hi Bob,\r\n\r\nWe will circle back.");
        assert_eq!(body.origin, Origin::File);
        assert_eq!(body.source, raw);
        assert_eq!(position(body, "circle"), Position { line: 8, column: 9 });
        assert_eq!(message.headers.subject.as_deref(), Some("Your ticket"));
        let date = message.headers.date.unwrap();
        assert_eq!(date.to_rfc3339(), "2025-01-06T09:30:00-05:00");
    }

    #[test]
    fn mbox_from_line_is_skipped_and_counted() {
        let raw = b"From ann@example.com Mon Jan  6 09:30:00 2025\nFrom: ann@example.com\n\
                    Subject: hi\n\nThanks for waiting.\n";
        let body = parse(raw).unwrap().body;
        assert_eq!(body.text, "Thanks for waiting.\n");
        assert_eq!(
            position(&body, "waiting"),
            Position {
                line: 5,
                column: 12
            }
        );
    }

    #[test]
    fn quoted_printable_maps_to_file_positions() {
        let raw = "Subject: qp\nContent-Type: text/plain; charset=utf-8\n\
                   Content-Transfer-Encoding: quoted-printable\n\n\
                   The caf=C3=A9 team will circle =\nback soon, =E2=80=9Cpromise=E2=80=9D.\n\
                   A=3DB and =ZZ stay.\n"
            .as_bytes();
        let body = parse(raw).unwrap().body;
        assert_eq!(
            body.text,
            "The café team will circle back soon, \u{201c}promise\u{201d}.\nA=B and =ZZ stay.\n"
        );
        assert_eq!(body.origin, Origin::File);
        assert_eq!(position(&body, "é"), Position { line: 5, column: 8 });
        assert_eq!(
            position(&body, "team"),
            Position {
                line: 5,
                column: 15
            }
        );
        assert_eq!(position(&body, "back"), Position { line: 6, column: 1 });
        assert_eq!(
            position(&body, "promise"),
            Position {
                line: 6,
                column: 21
            }
        );
        assert!(source_at(&body, "B and").starts_with(b"B and =ZZ"));
    }

    #[test]
    fn base64_body_positions_count_in_the_decoded_body() {
        // "Hello Zoë,\nWe will circle back.\n"
        let raw = b"Subject: b64\nContent-Type: text/plain; charset=UTF-8\n\
                    Content-Transfer-Encoding: base64\n\nSGVsbG8gWm/DqywKV2Ugd2lsbCBjaXJjbGUgYmFjay4K\n";
        let body = parse(raw).unwrap().body;
        assert_eq!(body.text, "Hello Zoë,\nWe will circle back.\n");
        assert_eq!(body.origin, Origin::DecodedBody);
        assert_eq!(body.source, body.text.as_bytes());
        assert_eq!(position(&body, "circle"), Position { line: 2, column: 9 });
    }

    #[test]
    fn latin1_8bit_body_is_decoded() {
        let raw = b"Subject: l1\nContent-Type: text/plain; charset=ISO-8859-1\n\
                    Content-Transfer-Encoding: 8bit\n\nMeet at the caf\xe9 today.\n";
        let body = parse(raw).unwrap().body;
        assert_eq!(body.text, "Meet at the café today.\n");
        assert_eq!(body.origin, Origin::DecodedBody);
        assert_eq!(
            position(&body, "today"),
            Position {
                line: 1,
                column: 18
            }
        );
    }

    #[test]
    fn invalid_utf8_bodies_are_marked_lossy() {
        let plain = parse(b"Subject: x\n\nOn the caf\xe9 terrace.\n")
            .unwrap()
            .body;
        assert!(plain.lossy);
        let qp = b"Subject: x\nContent-Transfer-Encoding: quoted-printable\n\ncaf=E9 =C3=A9\n";
        assert!(parse(qp).unwrap().body.lossy);
        let base64 = b"Subject: x\nContent-Transfer-Encoding: base64\n\nY2Fm6Qo=\n";
        assert!(parse(base64).unwrap().body.lossy);
        assert!(
            !parse("Subject: x\n\nOn the café terrace.\n".as_bytes())
                .unwrap()
                .body
                .lossy
        );
    }

    #[test]
    fn windows_1252_quoted_printable_is_decoded() {
        let raw = b"Subject: cp\nContent-Type: text/plain; charset=windows-1252\n\
                    Content-Transfer-Encoding: quoted-printable\n\n=93Soon=94 =80 caf=E9\n";
        let body = parse(raw).unwrap().body;
        assert_eq!(body.text, "\u{201c}Soon\u{201d} \u{20ac} café\n");
        assert_eq!(body.origin, Origin::DecodedBody);
    }

    #[test]
    fn alternative_prefers_plain_text() {
        let raw = b"Subject: alt\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b1\"\n\n\
                    --b1\nContent-Type: text/plain; charset=utf-8\n\nPlain words here.\n\n\
                    --b1\nContent-Type: text/html; charset=utf-8\n\n<p>HTML words</p>\n\
                    --b1--\n";
        let body = parse(raw).unwrap().body;
        assert_eq!(body.text, "Plain words here.\n");
        assert_eq!(body.origin, Origin::File);
        assert_eq!(position(&body, "words"), Position { line: 8, column: 7 });
    }

    #[test]
    fn html_only_message_is_converted() {
        let raw = b"Subject: html\r\nContent-Type: text/html; charset=utf-8\r\n\
                    Content-Transfer-Encoding: quoted-printable\r\n\r\n\
                    <div>Hi Ann,</div><div><br></div><div>We shipped the fi=\r\nx today.</div>\r\n\
                    <blockquote>Is it done?</blockquote>";
        let body = parse(raw).unwrap().body;
        assert_eq!(
            body.text,
            "Hi Ann,\n\nWe shipped the fix today.\n> Is it done?"
        );
        assert_eq!(body.origin, Origin::File);
        assert_eq!(position(&body, "today"), Position { line: 6, column: 3 });
        assert_eq!(
            position(&body, "shipped"),
            Position {
                line: 5,
                column: 42
            }
        );
    }

    #[test]
    fn crlf_parts_end_before_the_boundary_line() {
        let raw = b"Subject: alt\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n\
                    --b\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\
                    Content-Transfer-Encoding: quoted-printable\r\n\r\n\
                    Sorry for the wait =E2=80=94 fixed.\r\n\r\n--b\r\n\
                    Content-Type: text/html; charset=\"UTF-8\"\r\n\r\n<p>x</p>\r\n--b--\r\n";
        let body = parse(raw).unwrap().body;
        assert_eq!(body.text, "Sorry for the wait \u{2014} fixed.\r\n");
        assert_eq!(
            position(&body, "fixed"),
            Position {
                line: 8,
                column: 30
            }
        );
    }

    #[test]
    fn blank_plain_part_falls_back_to_html() {
        let raw = b"Subject: alt\nContent-Type: multipart/alternative; boundary=b\n\n\
                    --b\nContent-Type: text/plain\n\n \n--b\nContent-Type: text/html\n\n\
                    <p>Real text</p>\n--b--\n";
        assert_eq!(parse(raw).unwrap().body.text, "Real text");
    }

    #[test]
    fn forwarded_message_is_not_the_body() {
        let raw = b"Subject: fwd\nContent-Type: multipart/mixed; boundary=m\n\n\
                    --m\nContent-Type: text/plain\n\nSee below.\n\
                    --m\nContent-Type: message/rfc822\n\nSubject: old\n\nOld text.\n--m--\n";
        assert_eq!(parse(raw).unwrap().body.text, "See below.");
    }

    #[test]
    fn missing_date_and_headers_only() {
        let message = parse(b"From: a@example.com\nSubject: empty\n").unwrap();
        assert!(message.headers.date.is_none());
        assert_eq!(message.body.text, "");
        let message = parse(b"From: a@example.com\nDate: not a date\n\n").unwrap();
        assert!(message.headers.date.is_none());
        assert_eq!(message.body.text, "");
    }

    #[test]
    fn attachments_only_message_is_an_error() {
        let raw = b"Subject: pdf\nContent-Type: multipart/mixed; boundary=m\n\n\
                    --m\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n\
                    JVBERi0xLjQK\n--m--\n";
        let err = parse(raw).err().unwrap();
        assert_eq!(err.0, "message has no text or HTML body");
    }

    #[test]
    fn garbage_does_not_panic() {
        for raw in [
            &b""[..],
            b"\xff\xfe\x00garbage",
            b"From \n",
            b"\xEF\xBB\xBF",
            b"Content-Type: multipart/mixed; boundary=x\n\n--x\n",
            b"Content-Transfer-Encoding: quoted-printable\n\n=",
            b"Content-Transfer-Encoding: quoted-printable\n\n=C3=\n=A9 =\r",
            b"Content-Type: text/html\n\n<p",
            b"Content-Type: message/rfc822\n\nSubject: x\n\n",
        ] {
            if let Ok(message) = parse(raw) {
                let body = message.body;
                for (i, _) in body.text.char_indices() {
                    let _ =
                        LineIndex::new(&body.source).position(&body.source, body.map.to_source(i));
                }
            }
        }
    }

    /// A message whose text part is nested in `depth` multiparts.
    fn nested_multiparts(depth: usize) -> String {
        let mut raw = String::from("Subject: deep\nContent-Type: multipart/mixed; boundary=b0\n\n");
        for level in 1..depth {
            raw += &format!(
                "--b{}\nContent-Type: multipart/mixed; boundary=b{level}\n\n",
                level - 1
            );
        }
        raw += &format!(
            "--b{}\nContent-Type: text/plain\n\nWe will circle back.\n",
            depth - 1
        );
        for level in (0..depth).rev() {
            raw += &format!("--b{level}--\n");
        }
        raw
    }

    /// A message with a text part and a chain of `depth` attached messages.
    fn nested_messages(depth: usize) -> String {
        let mut raw = String::from(
            "Subject: fwd\nContent-Type: multipart/mixed; boundary=m\n\n\
             --m\nContent-Type: text/plain\n\nSee below.\n--m\n",
        );
        raw += &"Content-Type: message/rfc822\n\n".repeat(depth);
        raw + "Subject: old\n\nOld text.\n--m--\n"
    }

    #[test]
    fn mime_depth_is_limited() {
        assert_eq!(
            parse(nested_multiparts(MAX_MIME_DEPTH).as_bytes()).map(|m| m.body.text),
            Ok("We will circle back.".to_string())
        );
        let refused = "MIME parts nest deeper than 32 levels";
        let too_deep = parse(nested_multiparts(MAX_MIME_DEPTH + 1).as_bytes());
        assert_eq!(too_deep.err().map(|e| e.0), Some(refused.to_string()));
        // Attached messages, likewise.
        assert!(parse(nested_messages(MAX_MIME_DEPTH).as_bytes()).is_ok());
        let too_deep = parse(nested_messages(MAX_MIME_DEPTH + 1).as_bytes());
        assert_eq!(too_deep.err().map(|e| e.0), Some(refused.to_string()));
        // Deep enough to overflow the stack when mail-parser's tree was dropped recursively.
        let chain = parse(nested_messages(50_000).as_bytes());
        assert_eq!(chain.err().map(|e| e.0), Some(refused.to_string()));
    }

    #[test]
    fn mime_part_count_is_limited() {
        let with_parts = |n: usize| {
            let mut raw =
                String::from("Subject: many\nContent-Type: multipart/mixed; boundary=b\n\n");
            raw += "--b\nContent-Type: text/plain\n\nWe will circle back.\n";
            raw += &"--b\nContent-Type: text/plain\n\nx\n".repeat(n - 2);
            raw + "--b--\n"
        };
        // The multipart itself is a part too.
        assert!(parse(with_parts(MAX_MIME_PARTS).as_bytes()).is_ok());
        let refused = parse(with_parts(MAX_MIME_PARTS + 1).as_bytes());
        assert_eq!(
            refused.err().map(|e| e.0),
            Some("message has more than 1000 MIME parts".to_string())
        );
    }

    #[test]
    fn sniffs_email_headers() {
        assert!(looks_like_email(
            b"From: a@example.com\nSubject: hi\n\nBody\n"
        ));
        assert!(looks_like_email(b"\xEF\xBB\xBFSubject: hi\r\n\r\nBody"));
        assert!(looks_like_email(
            b"From - Mon Jan 6 09:30:00 2025\nX-Mozilla-Status: 0001\n\nx"
        ));
        // A Maildir file (no extension) starts with the delivery headers.
        assert!(looks_like_email(
            b"Return-Path: <a@example.com>\nDelivered-To: b@example.com\nReceived: from x\n\tby y\n\
              Note: folded above\n\nBody"
        ));
        assert!(!looks_like_email(
            b"Note: hello\n\nThis is a plain text file.\n"
        ));
        assert!(!looks_like_email(b"Note: hello\nSecond line of prose\n"));
        assert!(!looks_like_email(b"Hi there,\n\nSubject: later\n"));
        assert!(!looks_like_email(b""));
        assert!(!looks_like_email(b"From nobody\n"));
    }
}
