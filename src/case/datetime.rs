//! Dates and times as case files write them (`2026-03-20`, `"13:00"`), and the calendar
//! arithmetic the rules and documents need: validity, ordering, day differences,
//! weekdays and Swedish wording. Case files keep the text as written so that `check`
//! can report every bad date at once, with its position, instead of failing the parse.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A date as written in a case file; see [`Date::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(
    description = "Datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-20.",
    extend("pattern" = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
)]
pub struct Date(pub String);

/// A time of day as written in a case file; see [`Time::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(
    description = "Klockslag som \"TT:MM\" inom citattecken, t.ex. \"13:00\".",
    extend("pattern" = r"^[0-9]{2}:[0-9]{2}$")
)]
pub struct Time(pub String);

/// A real calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    /// Year, 1..=9999.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of month, 1..=31.
    pub day: u32,
}

/// A real time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    /// Hour, 0..=23.
    pub hour: u32,
    /// Minute, 0..=59.
    pub minute: u32,
}

/// The months' names in Swedish, January first.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"];

impl Date {
    /// Parses `YYYY-MM-DD` into a real date, or says in Swedish what is wrong.
    pub fn parse(&self) -> Result<CalendarDate, String> {
        CalendarDate::parse(&self.0)
    }
}

impl Time {
    /// Parses `HH:MM` into a real time, or says in Swedish what is wrong.
    pub fn parse(&self) -> Result<ClockTime, String> {
        ClockTime::parse(&self.0)
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl CalendarDate {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<CalendarDate, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let shape_ok = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| all_digits(p));
        if !shape_ok {
            return Err(format!("\"{text}\" är inget datum: skriv ÅÅÅÅ-MM-DD, t.ex. 2026-03-20"));
        }
        let year: i32 = parts[0].parse().map_err(|_| format!("ogiltigt år i \"{text}\""))?;
        let month: u32 = parts[1].parse().map_err(|_| format!("ogiltig månad i \"{text}\""))?;
        let day: u32 = parts[2].parse().map_err(|_| format!("ogiltig dag i \"{text}\""))?;
        if year < 1 {
            return Err(format!("\"{text}\" finns inte: året måste vara 0001 eller senare"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("\"{text}\" finns inte: månaden måste vara 01–12"));
        }
        let last = days_in_month(year, month);
        if day < 1 || day > last {
            return Err(format!(
                "\"{text}\" finns inte: {} {year} har dagarna 01–{last:02}",
                MONTHS[month as usize - 1]
            ));
        }
        Ok(CalendarDate { year, month, day })
    }

    /// Builds a date from parts that are known to be valid (used by generators).
    pub fn from_days(days: i64) -> CalendarDate {
        civil_from_days(days)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// This date plus `n` days.
    pub fn add_days(self, n: i64) -> CalendarDate {
        civil_from_days(self.days() + n)
    }

    /// Whole years from `self` (a birth date) to `on`.
    pub fn age_on(self, on: CalendarDate) -> i32 {
        let mut age = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            age -= 1;
        }
        age
    }

    /// Monday = 0 … Sunday = 6.
    pub fn weekday_index(self) -> usize {
        // 1970-01-01 was a Thursday (index 3).
        (self.days() + 3).rem_euclid(7) as usize
    }

    /// The Swedish weekday name, e.g. `fredag`.
    pub fn weekday_sv(self) -> &'static str {
        WEEKDAYS[self.weekday_index()]
    }

    /// The Swedish month name, e.g. `mars`.
    pub fn month_sv(self) -> &'static str {
        MONTHS[self.month as usize - 1]
    }

    /// `20 mars 2026`.
    pub fn long_sv(self) -> String {
        format!("{} {} {}", self.day, self.month_sv(), self.year)
    }

    /// `fredag 20 mars 2026`.
    pub fn with_weekday_sv(self) -> String {
        format!("{} {}", self.weekday_sv(), self.long_sv())
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl ClockTime {
    /// Parses `HH:MM`.
    pub fn parse(text: &str) -> Result<ClockTime, String> {
        let shape = || match ClockTime::meant(text) {
            Some(t) => {
                format!("\"{text}\" är inte skrivet som samplan läser klockslag: skriv \"{t}\" (TT:MM, med kolon)")
            }
            None => format!("\"{text}\" är inget klockslag: skriv \"TT:MM\", t.ex. \"13:00\""),
        };
        let Some((h, m)) = text.split_once(':') else {
            return Err(shape());
        };
        if h.len() != 2 || m.len() != 2 || !all_digits(h) || !all_digits(m) {
            return Err(shape());
        }
        let hour: u32 = h.parse().unwrap_or(99);
        let minute: u32 = m.parse().unwrap_or(99);
        if hour > 23 {
            return Err(format!("\"{text}\" finns inte: timmen måste vara 00–23"));
        }
        if minute > 59 {
            return Err(format!("\"{text}\" finns inte: minuten måste vara 00–59"));
        }
        Ok(ClockTime { hour, minute })
    }

    /// The time a coordinator most likely meant by `text` written another way (`9.30`,
    /// `9:30`, `930`, `kl. 13`), as `TT:MM`; none when it is not a time.
    pub fn meant(text: &str) -> Option<String> {
        let t = text.trim().trim_start_matches("kl.").trim_start_matches("kl").trim();
        let (h, m) = match t.split_once([':', '.']) {
            Some((h, m)) if all_digits(h) && all_digits(m) && m.len() == 2 => (h.parse().ok()?, m.parse().ok()?),
            Some(_) => return None,
            None if all_digits(t) && t.len() <= 2 => (t.parse().ok()?, 0),
            None if all_digits(t) && t.len() <= 4 => {
                let n: u32 = t.parse().ok()?;
                (n / 100, n % 100)
            }
            None => return None,
        };
        let (hour, minute): (u32, u32) = (h, m);
        (hour < 24 && minute < 60).then(|| format!("{hour:02}:{minute:02}"))
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        self.hour * 60 + self.minute
    }

    /// Swedish style `13.00`.
    pub fn sv(self) -> String {
        format!("{:02}.{:02}", self.hour, self.minute)
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> CalendarDate {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    CalendarDate { year: y as i32, month: m, day: d }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_written_another_way_gets_the_way_to_write_it() {
        for (written, meant) in [("9:30", "09:30"), ("9.30", "09:30"), ("kl. 13", "13:00"), ("1330", "13:30")] {
            let message = ClockTime::parse(written).unwrap_err();
            assert!(message.contains(&format!("skriv \"{meant}\"")), "{written}: {message}");
        }
        assert!(ClockTime::parse("lunch").unwrap_err().contains("t.ex. \"13:00\""));
    }

    #[test]
    fn real_dates_parse() {
        let d = CalendarDate::parse("2026-03-20").unwrap();
        assert_eq!((d.year, d.month, d.day), (2026, 3, 20));
        assert!(CalendarDate::parse("2024-02-29").is_ok());
        assert!(CalendarDate::parse("2000-02-29").is_ok());
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "2026-02-30",
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "0000-00-00",
            "2026-3-20",
            "20260320",
            "igår",
            "",
            "2026-03-20x",
            "+026-03-20",
        ] {
            assert!(CalendarDate::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn weekdays_are_right() {
        assert_eq!(CalendarDate::parse("2026-03-20").unwrap().weekday_sv(), "fredag");
        assert_eq!(CalendarDate::parse("2026-11-22").unwrap().weekday_sv(), "söndag");
        assert_eq!(CalendarDate::parse("1970-01-01").unwrap().weekday_sv(), "torsdag");
        assert_eq!(CalendarDate::parse("2026-03-20").unwrap().with_weekday_sv(), "fredag 20 mars 2026");
    }

    #[test]
    fn day_arithmetic_round_trips() {
        let d = CalendarDate::parse("2024-02-28").unwrap();
        assert_eq!(d.add_days(1).to_string(), "2024-02-29");
        assert_eq!(d.add_days(2).to_string(), "2024-03-01");
        assert_eq!(d.add_days(-59).to_string(), "2023-12-31");
        for n in -1000..1000 {
            assert_eq!(CalendarDate::from_days(n).days(), n);
        }
    }

    #[test]
    fn ages_count_whole_years() {
        let born = CalendarDate::parse("2008-03-21").unwrap();
        assert_eq!(born.age_on(CalendarDate::parse("2026-03-20").unwrap()), 17);
        assert_eq!(born.age_on(CalendarDate::parse("2026-03-21").unwrap()), 18);
    }

    #[test]
    fn times_parse_and_refuse() {
        assert_eq!(ClockTime::parse("13:00").unwrap().minutes(), 780);
        assert_eq!(ClockTime::parse("09:05").unwrap().sv(), "09.05");
        for bad in ["25:00", "12:60", "9:00", "1300", "ab:cd", "", "12:00:00"] {
            assert!(ClockTime::parse(bad).is_err(), "{bad} should be refused");
        }
    }
}
