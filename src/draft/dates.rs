//! Dates as mail clients write them in attribution lines and quoted headers ("On Mon, 3 Mar 2025
//! at 10:15, Anna wrote:", "Sent: Monday, March 3, 2025 10:15 AM", "Date: Mon, 03 Mar 2025
//! 10:15:00 +0000", "On 03/03/2025 10:15, Anna wrote:"). chrono parses a known format; these
//! lines embed one of several formats inside free text, so we find the date first, then let
//! chrono build it.

use crate::embedded::DATES;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// A date found in text; the offset is known only when the text gave one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LooseDate {
    pub local: NaiveDateTime,
    pub offset: Option<FixedOffset>,
}

impl LooseDate {
    /// The instant, reading a date without offset in `default` (the draft's own offset).
    pub fn resolve(&self, default: FixedOffset) -> Option<DateTime<FixedOffset>> {
        self.offset
            .unwrap_or(default)
            .from_local_datetime(&self.local)
            .single()
    }
}

/// The first date in `text`, if any.
pub fn parse_english_date(text: &str) -> Option<LooseDate> {
    // One search over all the forms; only the form found is compiled, for its captures.
    let found = DATES.find(text)?;
    let caps = DATES.captures(text, found)?;
    build(|name| caps.get_group_by_name(name).map(|span| &text[span.range()]))
}

/// The date of a match whose capture groups `group` gives by name.
fn build<'t>(group: impl Fn(&str) -> Option<&'t str>) -> Option<LooseDate> {
    let num = |name: &str| group(name).and_then(|m| m.parse::<u32>().ok());
    let mut year = num("y")? as i32;
    if year < 100 {
        year += 2000;
    }
    let (month, day) = match (group("mon"), num("a"), num("b")) {
        (Some(mon), _, _) => (month_number(mon)?, num("d")?),
        (None, Some(a), Some(b)) if a > 12 => (b, a),
        (None, Some(a), Some(b)) => (a, b),
        _ => (num("m")?, num("d")?),
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let mut hour = num("h").unwrap_or(0);
    if let Some(ap) = group("ap") {
        let pm = ap.to_ascii_lowercase().starts_with('p');
        hour = match (hour, pm) {
            (12, false) => 0,
            (h, true) if h < 12 => h + 12,
            (h, _) => h,
        };
    }
    let time = NaiveTime::from_hms_opt(hour, num("mi").unwrap_or(0), num("s").unwrap_or(0))?;
    let offset = group("tz").and_then(|tz| match tz {
        z if z.eq_ignore_ascii_case("utc") || z.eq_ignore_ascii_case("gmt") || z == "Z" => {
            FixedOffset::east_opt(0)
        }
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let hours: i32 = z[1..3].parse().ok()?;
            let minutes: i32 = z[3..5].parse().ok()?;
            FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
        }
    });
    Some(LooseDate {
        local: date.and_time(time),
        offset,
    })
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = name.get(..3)?.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymdhm(text: &str) -> (i32, u32, u32, u32, u32) {
        use chrono::{Datelike, Timelike};
        let d = parse_english_date(text)
            .unwrap_or_else(|| panic!("no date in {text:?}"))
            .local;
        (d.year(), d.month(), d.day(), d.hour(), d.minute())
    }

    #[test]
    fn mail_client_forms() {
        for (text, expected) in [
            (
                "On Mon, 3 Mar 2025 at 10:15, Anna Smith <a@example.com> wrote:",
                (2025, 3, 3, 10, 15),
            ),
            (
                "On Mar 3, 2025, at 4:05 PM, Anna wrote:",
                (2025, 3, 3, 16, 5),
            ),
            ("Sent: Monday, March 3, 2025 10:15 AM", (2025, 3, 3, 10, 15)),
            ("On 03/14/2025 09:30, Anna wrote:", (2025, 3, 14, 9, 30)),
            ("On 14.03.2025 09:30, Anna wrote:", (2025, 3, 14, 9, 30)),
            ("Am 03.04.2025 um 09:30 schrieb Anna:", (2025, 4, 3, 9, 30)),
            ("Date: 2025-03-03 12:00", (2025, 3, 3, 12, 0)),
            (
                "On Wednesday, 12 March 2025 at 12:00 am, Bo wrote:",
                (2025, 3, 12, 0, 0),
            ),
        ] {
            assert_eq!(ymdhm(text), expected, "{text}");
        }
    }

    #[test]
    fn dates_in_other_digits_do_not_hide_a_readable_one() {
        let text = "Ref ١٢.٠٣.٢٠٢٥. On 3 Mar 2025 at 10:15, Anna wrote:";
        let d = parse_english_date(text).unwrap();
        assert_eq!(d.local.to_string(), "2025-03-03 10:15:00");
    }

    #[test]
    fn offsets_are_kept_when_given() {
        let d = parse_english_date("Date: Mon, 03 Mar 2025 10:15:00 -0500").unwrap();
        assert_eq!(d.offset, FixedOffset::west_opt(5 * 3600));
        let utc = d.resolve(FixedOffset::east_opt(0).unwrap()).unwrap();
        assert_eq!(utc.to_rfc3339(), "2025-03-03T10:15:00-05:00");
    }

    #[test]
    fn no_date_or_impossible_date() {
        assert_eq!(parse_english_date("On the other hand, Anna wrote:"), None);
        assert_eq!(parse_english_date("On 31 Feb 2025 Anna wrote:"), None);
        assert_eq!(parse_english_date("Version 1.2.3 is out"), None);
    }
}
