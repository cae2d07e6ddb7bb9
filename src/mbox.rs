//! Mailboxes in mbox format: one file, many messages (Thunderbird keeps its Drafts folder this
//! way), each starting after a `From ` envelope line. Each message is linted on its own.

use std::borrow::Cow;
use std::path::Path;

/// One message of an mbox file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message<'a> {
    /// 1-based position in the mailbox.
    pub number: usize,
    /// The file line its first header line stands on, so positions can be file lines.
    pub first_line: usize,
    /// The message, envelope line removed and `>From ` quoting undone (same line lengths).
    pub bytes: Cow<'a, [u8]>,
}

/// Whether `bytes` are a mailbox: named `.mbox`/`.mbx`, or an envelope line first and at least
/// one more message after it (a single message with an envelope line is just an e-mail).
pub fn is_mbox(path: &Path, bytes: &[u8]) -> bool {
    let named = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mbox") || e.eq_ignore_ascii_case("mbx"));
    named || (is_envelope(bytes) && separators(bytes).nth(1).is_some())
}

/// The messages of a mailbox, in order.
pub fn split(bytes: &[u8]) -> Vec<Message<'_>> {
    let starts: Vec<usize> = separators(bytes).collect();
    let mut messages = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(bytes.len());
        let body_start = memchr::memchr(b'\n', &bytes[start..end]).map_or(end, |n| start + n + 1);
        let first_line = bytes[..body_start].iter().filter(|&&b| b == b'\n').count() + 1;
        messages.push(Message {
            number: i + 1,
            first_line,
            bytes: unquote(&bytes[body_start..end]),
        });
    }
    messages
}

/// Offsets of the envelope lines: `From ` at the start of the file or after a blank line.
fn separators(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let first = is_envelope(bytes).then_some(0);
    let rest = memchr::memmem::find_iter(bytes, b"\nFrom ").filter_map(move |at| {
        let line = at + 1;
        let after_blank = bytes[..at].ends_with(b"\n") || bytes[..at].ends_with(b"\n\r");
        (after_blank && is_envelope(&bytes[line..])).then_some(line)
    });
    first.into_iter().chain(rest)
}

/// `From sender date`: the envelope line, not a body line that merely starts with "From ".
/// The sender is an address or `-` (Thunderbird), and the date has a clock time.
fn is_envelope(line: &[u8]) -> bool {
    let line = &line[..memchr::memchr(b'\n', line).unwrap_or(line.len())];
    let mut words = line.split(|&b| b == b' ').filter(|w| !w.is_empty());
    let (Some(b"From"), Some(sender)) = (words.next(), words.next()) else {
        return false;
    };
    let is_time = |w: &[u8]| {
        w.len() >= 4 && w.contains(&b':') && w.iter().all(|b| b.is_ascii_digit() || *b == b':')
    };
    (sender == b"-" || sender.contains(&b'@') || sender.eq_ignore_ascii_case(b"MAILER-DAEMON"))
        && words.any(is_time)
}

/// mboxrd quoting: a body line `>From ` (or `>>From `...) was written with one `>` added. It
/// becomes a space, not nothing, so columns stay those of the file.
fn unquote(message: &[u8]) -> Cow<'_, [u8]> {
    let quoted = |line: &[u8]| {
        let arrows = line.iter().take_while(|&&b| b == b'>').count();
        arrows > 0 && line[arrows..].starts_with(b"From ")
    };
    if !message.split(|&b| b == b'\n').any(quoted) {
        return Cow::Borrowed(message);
    }
    let mut out = Vec::with_capacity(message.len());
    for (i, line) in message.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        if quoted(line) {
            out.push(b' ');
            out.extend_from_slice(&line[1..]);
        } else {
            out.extend_from_slice(line);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MBOX: &[u8] = b"From alice@example.com Mon Mar  3 10:15:00 2025\n\
Subject: one\n\nFirst body.\n>From the start, we knew.\n\n\
From bob@example.com Tue Mar  4 09:00:00 2025\n\
Subject: two\n\nFrom here on it is fine.\n";

    #[test]
    fn splits_on_envelope_lines_after_blank_lines() {
        let messages = split(MBOX);
        assert_eq!(messages.len(), 2);
        assert_eq!((messages[0].number, messages[0].first_line), (1, 2));
        assert_eq!((messages[1].number, messages[1].first_line), (2, 8));
        let first = String::from_utf8_lossy(&messages[0].bytes);
        assert!(first.starts_with("Subject: one\n"));
        assert!(
            first.contains("\n From the start, we knew."),
            "unquoted: {first}"
        );
        // "From here on" follows a blank line but has no sender and no time: a body line.
        assert!(String::from_utf8_lossy(&messages[1].bytes).contains("From here on it is fine."));
    }

    #[test]
    fn recognises_mailboxes_by_name_or_content() {
        assert!(is_mbox(Path::new("Drafts"), MBOX));
        assert!(is_mbox(Path::new("x.mbox"), b""));
        let single = b"From alice@example.com Mon Mar  3 10:15:00 2025\nSubject: one\n\nBody.\n";
        assert!(!is_mbox(Path::new("one.eml"), single));
        assert!(!is_mbox(Path::new("note.txt"), b"From me to you: hello\n"));
        let thunderbird = b"From - Mon Mar  3 10:15:00 2025\nSubject: a\n\nA.\n\nFrom - Tue Mar  4 09:00:00 2025\nSubject: b\n\nB.\n";
        assert_eq!(split(thunderbird).len(), 2);
    }
}
