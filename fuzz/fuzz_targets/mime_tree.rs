//! Structured MIME: generated multipart trees with transfer encodings, charsets, HTML parts,
//! attached messages and quoted history, serialised and linted.
#![no_main]

use arbitrary::Arbitrary;
use base64::Engine;
use draftlint::{Detect, InputKind};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

#[derive(Arbitrary, Debug)]
enum Encoding {
    SevenBit,
    EightBit,
    QuotedPrintable,
    Base64,
    Bogus,
}

#[derive(Arbitrary, Debug)]
enum Charset {
    Utf8,
    Latin1,
    Windows1252,
    Missing,
    Bogus,
}

#[derive(Arbitrary, Debug)]
enum Part {
    Text {
        html: bool,
        charset: Charset,
        encoding: Encoding,
        body: String,
        quoted: Option<String>,
    },
    Multipart {
        alternative: bool,
        boundary: u16,
        parts: Vec<Part>,
    },
    Message(Box<Part>),
    Attachment(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
struct Message {
    date: Option<String>,
    subject: String,
    mbox_line: bool,
    crlf: bool,
    root: Part,
}

/// Nesting deeper than this is cut (the parser's own limits are tested elsewhere).
const MAX_DEPTH: usize = 8;

fn write_part(part: &Part, depth: usize, out: &mut Vec<u8>) {
    if depth > MAX_DEPTH {
        out.extend_from_slice(b"Content-Type: text/plain\n\ncut\n");
        return;
    }
    match part {
        Part::Text {
            html,
            charset,
            encoding,
            body,
            quoted,
        } => {
            let subtype = if *html { "html" } else { "plain" };
            let charset = match charset {
                Charset::Utf8 => "; charset=utf-8",
                Charset::Latin1 => "; charset=iso-8859-1",
                Charset::Windows1252 => "; charset=windows-1252",
                Charset::Missing => "",
                Charset::Bogus => "; charset=x-unknown-\u{1}",
            };
            let mut text = body.clone();
            if let Some(q) = quoted {
                text.push_str("\nOn Mon, 3 Mar 2025 at 10:15, Sam <sam@example.com> wrote:\n");
                for line in q.lines() {
                    text.push_str("> ");
                    text.push_str(line);
                    text.push('\n');
                }
            }
            let (cte, bytes) = match encoding {
                Encoding::SevenBit => ("7bit", text.into_bytes()),
                Encoding::EightBit => ("8bit", text.into_bytes()),
                Encoding::QuotedPrintable => {
                    ("quoted-printable", quoted_printable(text.as_bytes()))
                }
                Encoding::Base64 => (
                    "base64",
                    base64::engine::general_purpose::STANDARD
                        .encode(text.as_bytes())
                        .into_bytes(),
                ),
                Encoding::Bogus => ("x-bogus", text.into_bytes()),
            };
            out.extend_from_slice(
                format!(
                    "Content-Type: text/{subtype}{charset}\nContent-Transfer-Encoding: {cte}\n\n"
                )
                .as_bytes(),
            );
            out.extend_from_slice(&bytes);
            out.push(b'\n');
        }
        Part::Multipart {
            alternative,
            boundary,
            parts,
        } => {
            let kind = if *alternative { "alternative" } else { "mixed" };
            out.extend_from_slice(
                format!("Content-Type: multipart/{kind}; boundary=\"b{boundary}\"\n\n").as_bytes(),
            );
            for p in parts {
                out.extend_from_slice(format!("--b{boundary}\n").as_bytes());
                write_part(p, depth + 1, out);
            }
            out.extend_from_slice(format!("--b{boundary}--\n").as_bytes());
        }
        Part::Message(inner) => {
            out.extend_from_slice(
                b"Content-Type: message/rfc822\n\nFrom: a@example.com\nSubject: fwd\n",
            );
            write_part(inner, depth + 1, out);
        }
        Part::Attachment(bytes) => {
            out.extend_from_slice(
                b"Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n",
            );
            out.extend_from_slice(
                base64::engine::general_purpose::STANDARD
                    .encode(bytes)
                    .as_bytes(),
            );
            out.push(b'\n');
        }
    }
}

/// Quoted-printable with soft line breaks every 60 encoded characters.
fn quoted_printable(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut column = 0;
    for &b in bytes {
        if b == b'\n' {
            out.push(b'\n');
            column = 0;
            continue;
        }
        let encoded = if b == b'=' || !(32..127).contains(&b) {
            format!("={b:02X}")
        } else {
            (b as char).to_string()
        };
        if column + encoded.len() > 60 {
            out.extend_from_slice(b"=\n");
            column = 0;
        }
        column += encoded.len();
        out.extend_from_slice(encoded.as_bytes());
    }
    out
}

fuzz_target!(|message: Message| {
    let mut out = Vec::new();
    if message.mbox_line {
        out.extend_from_slice(b"From sam@example.com Mon Mar  3 10:15:00 2025\n");
    }
    out.extend_from_slice(b"From: Bo <bo@example.com>\nTo: sam@example.com\nMIME-Version: 1.0\n");
    out.extend_from_slice(format!("Subject: {}\n", message.subject.replace('\n', " ")).as_bytes());
    if let Some(date) = &message.date {
        out.extend_from_slice(format!("Date: {}\n", date.replace('\n', " ")).as_bytes());
    }
    write_part(&message.root, 0, &mut out);
    if message.crlf {
        let text = String::from_utf8_lossy(&out).replace('\n', "\r\n");
        out = text.into_bytes();
    }
    common::lint_and_report("generated.eml", &out, Detect::Known(InputKind::Eml));
});
