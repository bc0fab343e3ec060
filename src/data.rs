//! The series, its transforms and the input windows a model trains on.
//!
//! The path from numbers to training rows has four steps:
//!
//! 1. A [`Series`]: monthly values with their months, either the built-in
//!    [`AIR_PASSENGERS`] or one read from a CSV file by [`Series::parse_csv`].
//! 2. A split: months before `test_start` are the *training part*, the rest the *test part*
//!    ([`Series::default_test_start`] keeps the last two years of AirPassengers for testing).
//! 3. A [`Transform`], fitted on the training part only ([`FittedTransform::fit`]), that maps
//!    raw values to the small, centred numbers a network learns well from ("model space").
//! 4. A [`Dataset`]: for every month `t` that can be predicted, the `W` model-space inputs that
//!    precede it and the model-space target for `t`.
//!
//! Everything here is plain Rust: no browser types, so it builds and tests natively.

use std::fmt;

use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Everything that can go wrong while reading a series or preparing its windows.
///
/// Each message is a full sentence that says what is wrong and what to change.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DataError {
    /// A month could not be read or does not exist (month 13, "1949-xx", ...).
    #[error("\"{text}\" is not a valid month: {reason}. Write months as YYYY-MM, for example 1949-01.")]
    BadMonth {
        /// The text (or the numbers) that was given.
        text: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A line of a CSV file could not be used.
    #[error("line {line}: {message}")]
    Csv {
        /// The 1-based line number in the file (blank lines count).
        line: usize,
        /// What is wrong on that line.
        message: String,
    },

    /// A CSV file had no data lines at all.
    #[error(
        "the file has no data: it is empty or holds only a header. \
         Write one value per line, optionally after its month (1949-01,112)."
    )]
    NoData,

    /// A series was built from no values.
    #[error("the series is empty; it needs at least one value.")]
    Empty,

    /// A series whose `months` and `values` have different lengths.
    #[error(
        "the series has {months} months but {values} values; \
         every value needs exactly one month."
    )]
    LengthMismatch {
        /// `months.len()`.
        months: usize,
        /// `values.len()`.
        values: usize,
    },

    /// A value that is NaN or infinite.
    #[error(
        "{} is {value}, which is not a finite number; every value must be an ordinary number.",
        describe_position(*.position, *.month)
    )]
    NonFinite {
        /// 1-based position of the value in the series.
        position: usize,
        /// Its month, when known.
        month: Option<YearMonth>,
        /// The offending value.
        value: f64,
    },

    /// A zero or negative value under a transform that takes logarithms.
    #[error(
        "{} is {value}, but the {transform} transform takes logarithms, so every value must be \
         positive. Use the min_max transform for a series with zeros or negative values.",
        describe_position(*.position, *.month)
    )]
    NonPositive {
        /// 1-based position of the value in the series.
        position: usize,
        /// Its month, when known.
        month: Option<YearMonth>,
        /// The offending value.
        value: f64,
        /// The transform that needs positive values.
        transform: Transform,
    },

    /// The series cannot hold one training window and one test window.
    #[error(
        "the series has {len} months; a window of {window} with the {transform} transform needs \
         at least {needed} months so that there is at least one training and one test window. \
         Use a shorter window or a longer series."
    )]
    TooShort {
        /// Months in the series.
        len: usize,
        /// The window length `W`.
        window: usize,
        /// The chosen transform.
        transform: Transform,
        /// The smallest length that works.
        needed: usize,
    },

    /// The chosen test start is outside the series or leaves no training window.
    #[error("{0}")]
    TestStart(String),

    /// The training part has a single value repeated, so min–max scaling would divide by zero.
    #[error(
        "the training part is constant (every value is {value}), so the min_max transform \
         has nothing to scale: max − min = 0. Use a longer training part, another series or a log \
         transform such as log_diff."
    )]
    Constant {
        /// The one value of the training part.
        value: f64,
    },

    /// A setting out of range or a name that is not known.
    #[error("{0}")]
    BadSetting(String),
}

/// "value 7 (1949-07)" or "value 7" when the month is not known.
impl DataError {
    /// A stable name for the kind of error, such as `data.tooShort`: the page looks its words
    /// up in its string tables (`error.data.tooShort` in www/strings/), with [`Self::params`]
    /// filled in, and keeps the English message for logs.
    pub fn code(&self) -> &'static str {
        match self {
            DataError::BadMonth { .. } => "data.badMonth",
            DataError::Csv { .. } => "data.csvLine",
            DataError::NoData => "data.noData",
            DataError::Empty => "data.empty",
            DataError::LengthMismatch { .. } => "data.lengthMismatch",
            DataError::NonFinite { .. } => "data.nonFinite",
            DataError::NonPositive { .. } => "data.nonPositive",
            DataError::TooShort { .. } => "data.tooShort",
            DataError::TestStart(_) => "data.testStart",
            DataError::Constant { .. } => "data.constant",
            DataError::BadSetting(_) => "data.setting",
        }
    }

    /// The numbers and names the page's sentence for [`Self::code`] needs, as text. A `detail`
    /// is a sentence of the engine that has no code of its own (it stays in English).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        // Where the value is: "3 (1949-03)", or "3" for a series without months.
        let position = |position: &usize, month: &Option<YearMonth>| {
            let place = match month {
                Some(month) => format!("{position} ({month})"),
                None => position.to_string(),
            };
            vec![("place", place)]
        };
        match self {
            DataError::BadMonth { text, reason } => {
                vec![("text", text.clone()), ("detail", reason.clone())]
            }
            DataError::Csv { line, message } => {
                vec![("line", line.to_string()), ("detail", message.clone())]
            }
            DataError::NoData | DataError::Empty => Vec::new(),
            DataError::LengthMismatch { months, values } => {
                vec![("months", months.to_string()), ("values", values.to_string())]
            }
            DataError::NonFinite {
                position: p,
                month,
                value,
            } => [position(p, month), vec![("value", value.to_string())]].concat(),
            DataError::NonPositive {
                position: p,
                month,
                value,
                transform,
            } => [
                position(p, month),
                vec![("value", value.to_string()), ("transform", transform.to_string())],
            ]
            .concat(),
            DataError::TooShort {
                len,
                window,
                transform,
                needed,
            } => vec![
                ("len", len.to_string()),
                ("window", window.to_string()),
                ("transform", transform.to_string()),
                ("needed", needed.to_string()),
            ],
            DataError::TestStart(detail) | DataError::BadSetting(detail) => {
                vec![("detail", detail.clone())]
            }
            DataError::Constant { value } => vec![("value", value.to_string())],
        }
    }
}

fn describe_position(position: usize, month: Option<YearMonth>) -> String {
    match month {
        Some(month) => format!("value {position} ({month})"),
        None => format!("value {position}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The AirPassengers data
// ---------------------------------------------------------------------------------------------

/// Monthly totals of international airline passengers, in thousands, January 1949 to
/// December 1960 (Box & Jenkins, *Time Series Analysis*, series G). One year per line.
#[rustfmt::skip]
pub const AIR_PASSENGERS: [f64; 144] = [
    // 1949
    112.0, 118.0, 132.0, 129.0, 121.0, 135.0, 148.0, 148.0, 136.0, 119.0, 104.0, 118.0,
    // 1950
    115.0, 126.0, 141.0, 135.0, 125.0, 149.0, 170.0, 170.0, 158.0, 133.0, 114.0, 140.0,
    // 1951
    145.0, 150.0, 178.0, 163.0, 172.0, 178.0, 199.0, 199.0, 184.0, 162.0, 146.0, 166.0,
    // 1952
    171.0, 180.0, 193.0, 181.0, 183.0, 218.0, 230.0, 242.0, 209.0, 191.0, 172.0, 194.0,
    // 1953
    196.0, 196.0, 236.0, 235.0, 229.0, 243.0, 264.0, 272.0, 237.0, 211.0, 180.0, 201.0,
    // 1954
    204.0, 188.0, 235.0, 227.0, 234.0, 264.0, 302.0, 293.0, 259.0, 229.0, 203.0, 229.0,
    // 1955
    242.0, 233.0, 267.0, 269.0, 270.0, 315.0, 364.0, 347.0, 312.0, 274.0, 237.0, 278.0,
    // 1956
    284.0, 277.0, 317.0, 313.0, 318.0, 374.0, 413.0, 405.0, 355.0, 306.0, 271.0, 306.0,
    // 1957
    315.0, 301.0, 356.0, 348.0, 355.0, 422.0, 465.0, 467.0, 404.0, 347.0, 305.0, 336.0,
    // 1958
    340.0, 318.0, 362.0, 348.0, 363.0, 435.0, 491.0, 505.0, 404.0, 359.0, 310.0, 337.0,
    // 1959
    360.0, 342.0, 406.0, 396.0, 420.0, 472.0, 548.0, 559.0, 463.0, 407.0, 362.0, 405.0,
    // 1960
    417.0, 391.0, 419.0, 461.0, 472.0, 535.0, 622.0, 606.0, 508.0, 461.0, 390.0, 432.0,
];

/// The month of `AIR_PASSENGERS[0]`.
pub const AIR_PASSENGERS_START: YearMonth = YearMonth { year: 1949, month: 1 };

/// Where a one-column CSV file (values only) starts counting months.
pub const ONE_COLUMN_START: YearMonth = YearMonth { year: 2000, month: 1 };

// ---------------------------------------------------------------------------------------------
// Months
// ---------------------------------------------------------------------------------------------

/// A calendar month, such as 1949-01. Months order chronologically (year first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    /// The year, for example 1949.
    pub year: i32,
    /// The month of the year, 1 (January) to 12 (December).
    pub month: u32,
}

impl YearMonth {
    /// A month from its year and its month number (1..=12).
    pub fn new(year: i32, month: u32) -> Result<Self, DataError> {
        if (1..=12).contains(&month) {
            Ok(YearMonth { year, month })
        } else {
            Err(DataError::BadMonth {
                text: format!("{year}-{month:02}"),
                reason: "the month must be between 1 and 12".to_string(),
            })
        }
    }

    /// The month after this one: 1949-12 → 1950-01.
    pub fn next(self) -> Self {
        self.plus(1)
    }

    /// The month `months` months later: 1949-01 plus 143 → 1960-12.
    ///
    /// Works by counting months since year 0, `n = 12·year + (month − 1) + months`, and
    /// splitting `n` back into `year = ⌊n / 12⌋` and `month = n mod 12 + 1`.
    /// A year beyond what `i32` can hold is clamped to `i32::MAX` (no real series gets there).
    pub fn plus(self, months: usize) -> Self {
        let since_year_zero = i64::from(self.year) * 12 + i64::from(self.month) - 1;
        let added = i64::try_from(months).unwrap_or(i64::MAX);
        let n = since_year_zero.saturating_add(added);
        let year = i32::try_from(n.div_euclid(12)).unwrap_or(i32::MAX);
        // `rem_euclid(12)` is in 0..12, so the cast cannot lose anything.
        let month = n.rem_euclid(12) as u32 + 1;
        YearMonth { year, month }
    }

    /// Reads `"1949-01"`. Also accepted: a one-digit month (`"1949-1"`), a slash
    /// (`"1949/01"`) and a trailing day, which is ignored (`"1949-01-31"`).
    pub fn parse(s: &str) -> Result<Self, DataError> {
        let text = s.trim();
        let bad = |reason: &str| DataError::BadMonth {
            text: shorten(text),
            reason: reason.to_string(),
        };
        let parts: Vec<&str> = text.split(['-', '/']).collect();
        if parts.len() != 2 && parts.len() != 3 {
            return Err(bad("expected a year and a month separated by '-' or '/'"));
        }
        let (year_text, month_text) = (parts[0], parts[1]);
        if year_text.len() != 4 || !year_text.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad("the year must have four digits"));
        }
        if month_text.is_empty() || month_text.len() > 2 || !month_text.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad("the month must be a number from 1 to 12"));
        }
        if let Some(day_text) = parts.get(2) {
            let day_ok = !day_text.is_empty() && day_text.len() <= 2 && day_text.chars().all(|c| c.is_ascii_digit());
            if !day_ok {
                return Err(bad("the day after the month must be a number from 1 to 31"));
            }
        }
        // Both are short strings of ASCII digits, so parsing cannot fail; `map_err` keeps it
        // a clear error anyway rather than a panic.
        let year: i32 = year_text.parse().map_err(|_| bad("the year must have four digits"))?;
        let month: u32 = month_text
            .parse()
            .map_err(|_| bad("the month must be a number from 1 to 12"))?;
        if !(1..=12).contains(&month) {
            return Err(bad("the month must be between 1 and 12"));
        }
        Ok(YearMonth { year, month })
    }
}

impl fmt::Display for YearMonth {
    /// `1949-01`: four-digit year, two-digit month.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Cuts user text to at most 40 characters for an error message.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 40;
    if text.chars().count() <= LIMIT {
        text.to_string()
    } else {
        let head: String = text.chars().take(LIMIT).collect();
        format!("{head}…")
    }
}

// ---------------------------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------------------------

/// A monthly series: `values[i]` was observed in `months[i]`, and the months are consecutive.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// A name to show, such as "AirPassengers" or the uploaded file's name.
    pub name: String,
    /// The month of each value, consecutive, same length as `values`.
    pub months: Vec<YearMonth>,
    /// The observations.
    pub values: Vec<f64>,
}

/// How many months a series of `len` months keeps for testing: `max(1, min(24, len / 5))`.
fn test_months_for_len(len: usize) -> usize {
    (len / 5).clamp(1, 24)
}

/// The index of the first test month for a series of `len` months (0 for an empty series).
fn default_test_start_for_len(len: usize) -> usize {
    len.saturating_sub(test_months_for_len(len))
}

/// `n` consecutive months from `start`.
fn months_from(start: YearMonth, n: usize) -> Vec<YearMonth> {
    (0..n).map(|i| start.plus(i)).collect()
}

impl Series {
    /// The built-in AirPassengers series, 1949-01 to 1960-12, 144 months.
    pub fn air_passengers() -> Series {
        Series {
            name: "AirPassengers".to_string(),
            months: months_from(AIR_PASSENGERS_START, AIR_PASSENGERS.len()),
            values: AIR_PASSENGERS.to_vec(),
        }
    }

    /// A series whose first value belongs to `start` and each further value to the next month.
    ///
    /// Rejects an empty list and any NaN or infinite value (the error names its 1-based
    /// position and its month).
    pub fn new(name: &str, start: YearMonth, values: Vec<f64>) -> Result<Series, DataError> {
        if values.is_empty() {
            return Err(DataError::Empty);
        }
        let months = months_from(start, values.len());
        check_finite(&values, Some(&months))?;
        Ok(Series {
            name: name.to_string(),
            months,
            values,
        })
    }

    /// Reads a series from CSV text.
    ///
    /// The rules:
    /// - one or two columns, separated by commas, semicolons or tabs (the first non-blank
    ///   line decides which);
    /// - with two columns, the first is the month (`YYYY-MM`, `YYYY/MM`, or `YYYY-MM-DD` with the
    ///   day ignored) and the second the value; the months must be consecutive;
    /// - with one column, every line is a value and the months are numbered from 2000-01
    ///   ([`ONE_COLUMN_START`]);
    /// - the first line is a header, and skipped, when its value column is not a number (and,
    ///   with two columns, its first column is not a month either, so that `1949-01,abc` is
    ///   reported as a bad value rather than silently dropped);
    /// - blank lines, surrounding spaces, a pair of double quotes around a field, `\r\n` line
    ///   ends and a UTF-8 byte-order mark are all ignored.
    ///
    /// Every error names the 1-based line of the file.
    pub fn parse_csv(name: &str, text: &str) -> Result<Series, DataError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut file_shape: Option<CsvShape> = None;
        let mut start: Option<YearMonth> = None;
        let mut previous: Option<YearMonth> = None;
        let mut values = Vec::new();

        for (index, raw_line) in text.lines().enumerate() {
            let line = index + 1;
            let content = raw_line.trim();
            if content.is_empty() {
                continue;
            }
            let shape = match file_shape {
                Some(shape) => shape,
                None => {
                    // The first non-blank line fixes the separator and the number of columns,
                    // and it may be a header.
                    let shape = CsvShape::detect(content, line)?;
                    file_shape = Some(shape);
                    if is_header(&split_fields(content, shape.separator)) {
                        continue;
                    }
                    shape
                }
            };

            let fields = split_fields(content, shape.separator);
            if fields.len() != shape.columns {
                return Err(csv_error(
                    line,
                    format!(
                        "found {} columns, but the file has {} (columns are separated by {})",
                        fields.len(),
                        shape.columns,
                        separator_name(shape.separator)
                    ),
                ));
            }
            let value = parse_value(fields[shape.columns - 1], shape.separator, line)?;
            if shape.columns == 2 {
                let month = parse_month_field(fields[0], line)?;
                match previous {
                    None => start = Some(month),
                    Some(before) => {
                        let expected = before.next();
                        if month != expected {
                            return Err(csv_error(
                                line,
                                format!(
                                    "the month is {month}, but the month before it in the file is \
                                     {before}, so this line should be {expected}; months must be \
                                     consecutive, with none missing or repeated"
                                ),
                            ));
                        }
                    }
                }
                previous = Some(month);
            }
            values.push(value);
        }

        if values.is_empty() {
            return Err(DataError::NoData);
        }
        Series::new(name, start.unwrap_or(ONE_COLUMN_START), values)
    }

    /// The number of months.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when the series has no values.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The index of month `m`, or `None` when the series does not contain it.
    pub fn index_of(&self, m: YearMonth) -> Option<usize> {
        self.months.iter().position(|&month| month == m)
    }

    /// Index of the first test month: for AirPassengers 1959-01 (= 120). For another series the
    /// last min(24, len/5) months (at least 1) are the test part.
    ///
    /// The one rule covers both: for 144 months, min(24, 144/5) = 24, so the test part is
    /// 1959-01 … 1960-12, the split used by the source article. An empty series gives 0.
    pub fn default_test_start(&self) -> usize {
        default_test_start_for_len(self.len())
    }
}

/// Rejects NaN and infinite values, naming the first one found.
fn check_finite(values: &[f64], months: Option<&[YearMonth]>) -> Result<(), DataError> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(i) => Err(DataError::NonFinite {
            position: i + 1,
            month: months.and_then(|m| m.get(i).copied()),
            value: values[i],
        }),
    }
}

/// Rejects zero and negative values when `transform` takes logarithms.
fn check_positive(transform: Transform, values: &[f64], months: Option<&[YearMonth]>) -> Result<(), DataError> {
    if !transform.needs_positive() {
        return Ok(());
    }
    match values.iter().position(|&v| v <= 0.0) {
        None => Ok(()),
        Some(i) => Err(DataError::NonPositive {
            position: i + 1,
            month: months.and_then(|m| m.get(i).copied()),
            value: values[i],
            transform,
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// CSV helpers
// ---------------------------------------------------------------------------------------------

/// The separator and column count of a CSV file, read from its first non-blank line.
#[derive(Clone, Copy, Debug)]
struct CsvShape {
    separator: char,
    columns: usize,
}

impl CsvShape {
    /// Tabs win over semicolons, semicolons over commas, so `1949-01;112,5` splits on `;`.
    fn detect(first_line: &str, line: usize) -> Result<CsvShape, DataError> {
        let separator = if first_line.contains('\t') {
            '\t'
        } else if first_line.contains(';') {
            ';'
        } else {
            ','
        };
        let columns = split_fields(first_line, separator).len();
        if columns > 2 {
            return Err(csv_error(
                line,
                format!(
                    "found {columns} columns separated by {}; a file here has one column (the \
                     values) or two (the month, then the value)",
                    separator_name(separator)
                ),
            ));
        }
        Ok(CsvShape { separator, columns })
    }
}

/// Splits a line and trims each field of spaces and of one pair of surrounding double quotes.
fn split_fields(line: &str, separator: char) -> Vec<&str> {
    line.split(separator)
        .map(|field| {
            let field = field.trim();
            field
                .strip_prefix('"')
                .and_then(|inner| inner.strip_suffix('"'))
                .unwrap_or(field)
                .trim()
        })
        .collect()
}

/// A first line is a header when its value column (the last) is not a number and, with two
/// columns, its first column is not a month.
fn is_header(fields: &[&str]) -> bool {
    let value_is_number = fields.last().is_some_and(|value| value.parse::<f64>().is_ok());
    let first_is_month = fields.len() == 2 && YearMonth::parse(fields[0]).is_ok();
    !value_is_number && !first_is_month
}

fn separator_name(separator: char) -> &'static str {
    match separator {
        '\t' => "tabs",
        ';' => "semicolons",
        _ => "commas",
    }
}

fn csv_error(line: usize, message: String) -> DataError {
    DataError::Csv { line, message }
}

/// Reads one value; it must be a finite number.
fn parse_value(field: &str, separator: char, line: usize) -> Result<f64, DataError> {
    if field.is_empty() {
        return Err(csv_error(
            line,
            "the value is empty; write a number or delete the line".to_string(),
        ));
    }
    match field.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => Err(csv_error(
            line,
            format!(
                "\"{}\" is not a finite number; every value must be an ordinary number",
                shorten(field)
            ),
        )),
        Err(_) => {
            let hint = if separator != ',' && field.contains(',') {
                " (write decimals with a point, as in 112.5)"
            } else {
                ""
            };
            Err(csv_error(line, format!("\"{}\" is not a number{hint}", shorten(field))))
        }
    }
}

/// Reads the month column of a two-column file.
fn parse_month_field(field: &str, line: usize) -> Result<YearMonth, DataError> {
    if field.is_empty() {
        return Err(csv_error(
            line,
            "the month is empty; write it as YYYY-MM, for example 1949-01".to_string(),
        ));
    }
    YearMonth::parse(field).map_err(|error| csv_error(line, error.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Layout and transform choices
// ---------------------------------------------------------------------------------------------

/// How a window of `W` values is fed to the LSTM.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// One value per time step: `W` steps of 1 feature. The LSTM's memory carries the window.
    #[default]
    Sequence,
    /// The whole window as one step of `W` features (the article's `[batch, 1, 12]`).
    Flat,
}

impl Layout {
    /// (time steps, features per step) for a window of W months: Sequence -> (W, 1),
    /// Flat -> (1, W) (the article's `[batch, 1, 12]`).
    pub fn shape(self, window: usize) -> (usize, usize) {
        match self {
            Layout::Sequence => (window, 1),
            Layout::Flat => (1, window),
        }
    }

    /// Reads `"sequence"` or `"flat"` (any case, surrounding spaces ignored).
    pub fn parse(s: &str) -> Result<Self, DataError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sequence" => Ok(Layout::Sequence),
            "flat" => Ok(Layout::Flat),
            _ => Err(DataError::BadSetting(format!(
                "\"{}\" is not a layout; choose sequence or flat.",
                shorten(s.trim())
            ))),
        }
    }

    /// The snake_case name: "sequence" or "flat".
    pub fn name(self) -> &'static str {
        match self {
            Layout::Sequence => "sequence",
            Layout::Flat => "flat",
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How raw values become model-space numbers. See [`FittedTransform`] for the formulas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    /// `z = (x − min)/(max − min)` with min and max of the training part (the article's way).
    MinMax,
    /// Month-on-month log change `ln x_s − ln x_{s−1}`.
    LogDiff,
    /// Year-on-year log change `ln x_s − ln x_{s−12}`.
    SeasonalLogDiff,
    /// Logs relative to the last month of the window, `ln x_{t−W+s} − ln x_{t−1}`.
    WindowLogNorm,
}

/// The transform a new [`DataConfig`] uses, kept in one place so it can be changed once.
pub const DEFAULT_TRANSFORM: Transform = Transform::LogDiff;

impl Transform {
    /// Every transform, in the order a menu shows them.
    pub const ALL: [Transform; 4] = [
        Transform::MinMax,
        Transform::LogDiff,
        Transform::SeasonalLogDiff,
        Transform::WindowLogNorm,
    ];

    /// Reads a snake_case name (`"min_max"`, `"log_diff"`, `"seasonal_log_diff"`,
    /// `"window_log_norm"`); `-` may stand for `_` and case is ignored.
    pub fn parse(s: &str) -> Result<Self, DataError> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Transform::ALL
            .into_iter()
            .find(|transform| transform.name() == wanted)
            .ok_or_else(|| {
                DataError::BadSetting(format!(
                    "\"{}\" is not a transform; choose min_max, log_diff, seasonal_log_diff \
                     or window_log_norm.",
                    shorten(s.trim())
                ))
            })
    }

    /// The snake_case name, the same one serde uses.
    pub fn name(self) -> &'static str {
        match self {
            Transform::MinMax => "min_max",
            Transform::LogDiff => "log_diff",
            Transform::SeasonalLogDiff => "seasonal_log_diff",
            Transform::WindowLogNorm => "window_log_norm",
        }
    }

    /// Months needed before a window: a difference `d_s` reads `x_{s−lag}`, so the first
    /// window can start only at index `lag`. MinMax 0, LogDiff 1, SeasonalLogDiff 12,
    /// WindowLogNorm 0 (it reads only inside its window).
    pub fn lag(self) -> usize {
        match self {
            Transform::MinMax => 0,
            Transform::LogDiff => 1,
            Transform::SeasonalLogDiff => 12,
            Transform::WindowLogNorm => 0,
        }
    }

    /// True for the three transforms that take logarithms, which need every value positive.
    pub fn needs_positive(self) -> bool {
        match self {
            Transform::MinMax => false,
            Transform::LogDiff | Transform::SeasonalLogDiff | Transform::WindowLogNorm => true,
        }
    }
}

impl fmt::Display for Transform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// ---------------------------------------------------------------------------------------------
// Fitted transform
// ---------------------------------------------------------------------------------------------

/// A standard deviation at or below this is rounding noise (the differences are really all
/// equal), so the log transforms then use `scale = 1` instead of dividing by almost zero.
pub const MIN_SCALE: f64 = 1e-12;

/// The longest window a model may look back over.
pub const MAX_WINDOW: usize = 120;

fn check_window(window: usize) -> Result<(), DataError> {
    if (1..=MAX_WINDOW).contains(&window) {
        Ok(())
    } else {
        Err(DataError::BadSetting(format!(
            "the window is {window} months, but it must be between 1 and {MAX_WINDOW} \
             (1..=120)."
        )))
    }
}

/// A [`Transform`] with its two numbers fitted on the training part.
///
/// Notation: `x` are the raw values, `t` the index of the month to predict, `W` the window.
/// Every transform first computes a raw-space quantity `d` and then standardises it:
///
/// ```text
/// m = (d − offset) / scale            (model space)
/// d = m · scale + offset              (back again)
/// ```
///
/// The raw-space quantities, for inputs `k = 0..W` and `d̂ = model_value · scale + offset`:
///
/// - `MinMax`: inputs `x_{t−W+k}`; target `x_t`; invert `x̂_t = d̂`.
/// - `LogDiff`: with `d_s = ln x_s − ln x_{s−1}`, inputs `d_{t−W+k}`; target `d_t`;
///   invert `x̂_t = x_{t−1} · exp(d̂)`.
/// - `SeasonalLogDiff`: with `d_s = ln x_s − ln x_{s−12}`, inputs `d_{t−W+k}`; target `d_t`;
///   invert `x̂_t = x_{t−12} · exp(d̂)`.
/// - `WindowLogNorm`: inputs `ln x_{t−W+k} − ln x_{t−1}` (the last one is 0);
///   target `ln x_t − ln x_{t−1}`; invert `x̂_t = x_{t−1} · exp(d̂)`.
///
/// For `MinMax`, `offset = min` and `scale = max − min` of the training part `x[..test_start]`.
/// For the log transforms, `offset` and `scale` are the mean and the population standard
/// deviation of the training targets `d_t`, `t in first_target..test_start`, so the training
/// targets have mean 0 and standard deviation 1 in model space; a standard deviation of 0 (at
/// most [`MIN_SCALE`]) or one that is not finite gives `scale = 1`. (For `WindowLogNorm` the same
/// standardisation is applied to the inputs, so its last input, `d = 0`, is `−offset/scale`.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedTransform {
    /// Which transform.
    pub kind: Transform,
    /// Subtracted from `d` before dividing by `scale`.
    pub offset: f64,
    /// Divides `d − offset`; never zero.
    pub scale: f64,
}

impl FittedTransform {
    /// Fits `offset` and `scale` on the training part `values[..test_start]`.
    ///
    /// Errors when the window is outside 1..=120, when `test_start` is past the end or leaves no
    /// training target (`first_target >= test_start`), when a value is not finite or (for a log
    /// transform) not positive, and, for `MinMax`, when the training part is constant.
    pub fn fit(kind: Transform, values: &[f64], window: usize, test_start: usize) -> Result<Self, DataError> {
        check_window(window)?;
        if test_start > values.len() {
            return Err(DataError::TestStart(format!(
                "the test part starts at value {}, but the series has only {} values.",
                test_start + 1,
                values.len()
            )));
        }
        let first_target = window + kind.lag();
        if first_target >= test_start {
            return Err(DataError::TestStart(format!(
                "the training part (the first {test_start} values) holds no training window: \
                 with a window of {window} and the {kind} transform the first value that can be \
                 predicted is value {}. Move the test start later or use a shorter window.",
                first_target + 1
            )));
        }
        check_finite(values, None)?;
        check_positive(kind, values, None)?;

        match kind {
            Transform::MinMax => {
                let training = &values[..test_start];
                let min = training.iter().copied().fold(f64::INFINITY, f64::min);
                let max = training.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                if max == min {
                    return Err(DataError::Constant { value: min });
                }
                Ok(FittedTransform {
                    kind,
                    offset: min,
                    scale: max - min,
                })
            }
            Transform::LogDiff | Transform::SeasonalLogDiff | Transform::WindowLogNorm => {
                let unscaled = FittedTransform {
                    kind,
                    offset: 0.0,
                    scale: 1.0,
                };
                let targets: Vec<f64> = (first_target..test_start).map(|t| unscaled.target(values, t)).collect();
                let n = targets.len() as f64;
                let mean = targets.iter().sum::<f64>() / n;
                let variance = targets.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / n;
                let std_dev = variance.sqrt();
                let scale = if std_dev > MIN_SCALE && std_dev.is_finite() {
                    std_dev
                } else {
                    1.0
                };
                Ok(FittedTransform {
                    kind,
                    offset: mean,
                    scale,
                })
            }
        }
    }

    /// The first month that has a full window behind it: `window + lag`.
    pub fn first_target(&self, window: usize) -> usize {
        window + self.kind.lag()
    }

    /// Writes the W model-space inputs for predicting month t into `out` (len W), reading
    /// values[..t] only.
    ///
    /// Reading only the past matters: to forecast recursively, the trainer writes its own
    /// prediction for month `t` into a copy of the series and then calls this for `t + 1`.
    /// `t` may equal `values.len()` (the month after the series ends).
    ///
    /// # Panics
    ///
    /// If `out.len() != window`, or `t < self.first_target(window)`, or `t > values.len()`.
    /// [`Dataset::prepare`] and the trainer only call it with a valid `t`.
    pub fn input_window(&self, values: &[f64], t: usize, window: usize, out: &mut [f64]) {
        assert_eq!(out.len(), window, "input_window: `out` must hold one window");
        let past = &values[..t];
        let first = t - window;
        for (k, slot) in out.iter_mut().enumerate() {
            let s = first + k;
            let d = match self.kind {
                Transform::MinMax => past[s],
                Transform::LogDiff | Transform::SeasonalLogDiff => past[s].ln() - past[s - self.kind.lag()].ln(),
                Transform::WindowLogNorm => past[s].ln() - past[t - 1].ln(),
            };
            *slot = self.standardise(d);
        }
    }

    /// Model-space target for month t (reads values[..=t]).
    ///
    /// # Panics
    ///
    /// If `t >= values.len()` or `t` is smaller than the month the target looks back to
    /// (`t < 1` for the month-on-month transforms, `t < 12` for `SeasonalLogDiff`).
    pub fn target(&self, values: &[f64], t: usize) -> f64 {
        let d = match self.base_index(t) {
            None => values[t],
            Some(base) => values[t].ln() - values[base].ln(),
        };
        self.standardise(d)
    }

    /// Raw-space prediction for month t from a model-space output, reading values[..t] only.
    ///
    /// `x̂_t = d̂` for `MinMax` and `x̂_t = x_base · exp(d̂)` for the log transforms, where
    /// `d̂ = model_value · scale + offset` and `base` is `t − 1` (or `t − 12` for
    /// `SeasonalLogDiff`). Like [`input_window`](Self::input_window) it never reads `values[t]`,
    /// so `t` may equal `values.len()`.
    ///
    /// # Panics
    ///
    /// If `t > values.len()` or `t` is smaller than the month it looks back to.
    pub fn invert(&self, values: &[f64], t: usize, model_value: f64) -> f64 {
        let past = &values[..t];
        let d = model_value * self.scale + self.offset;
        match self.base_index(t) {
            None => d,
            Some(base) => past[base] * d.exp(),
        }
    }

    /// The month a log transform's target is relative to: `t − 1`, or `t − 12` for
    /// `SeasonalLogDiff`; `None` for `MinMax`, whose target is the value itself.
    fn base_index(&self, t: usize) -> Option<usize> {
        match self.kind {
            Transform::MinMax => None,
            Transform::LogDiff | Transform::WindowLogNorm => Some(t - 1),
            Transform::SeasonalLogDiff => Some(t - 12),
        }
    }

    /// `m = (d − offset) / scale`.
    fn standardise(&self, d: f64) -> f64 {
        (d - self.offset) / self.scale
    }
}

// ---------------------------------------------------------------------------------------------
// Data configuration and dataset
// ---------------------------------------------------------------------------------------------

/// The data settings a person chooses. Missing fields take their defaults when deserialised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataConfig {
    /// `W`: how many past months the model sees, 1..=120.
    pub window: usize,
    /// How a window is fed to the LSTM.
    pub layout: Layout,
    /// How raw values become model-space numbers.
    pub transform: Transform,
    /// The first test month; `None` means [`Series::default_test_start`].
    pub test_start: Option<YearMonth>,
}

impl Default for DataConfig {
    /// A year of history, one value per time step, [`DEFAULT_TRANSFORM`], the default split.
    fn default() -> Self {
        DataConfig {
            window: 12,
            layout: Layout::Sequence,
            transform: DEFAULT_TRANSFORM,
            test_start: None,
        }
    }
}

/// Every window of a series, ready for a model: row r of `inputs` predicts month `target_month[r]`.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// The series the windows were cut from.
    pub series: Series,
    /// The settings used.
    pub config: DataConfig,
    /// The transform, fitted on the training part.
    pub transform: FittedTransform,
    /// Index of the first test month.
    pub test_start: usize,
    /// `n_windows × window`, row-major, model space.
    pub inputs: Vec<f64>,
    /// `n_windows` model-space targets.
    pub targets: Vec<f64>,
    /// `n_windows` indices into the series: the month each row predicts.
    pub target_month: Vec<usize>,
    /// Rows `0..n_train` have `target_month < test_start`; the rest are test rows.
    pub n_train: usize,
}

impl Dataset {
    /// Cuts `series` into windows: one row for every month `t` from `first_target` (= window +
    /// lag) to the end, the transform fitted on the months before the test start.
    ///
    /// Checks, in order: the window (1..=120); the series itself (same number of months and
    /// values, all finite); its length (at least one training window, `first_target <
    /// test_start`, and one test window, `test_start < len`); the test start month; positive
    /// values for a log transform; a non-constant training part for `MinMax`.
    pub fn prepare(series: &Series, config: &DataConfig) -> Result<Dataset, DataError> {
        let window = config.window;
        let kind = config.transform;
        check_window(window)?;
        if series.months.len() != series.values.len() {
            return Err(DataError::LengthMismatch {
                months: series.months.len(),
                values: series.values.len(),
            });
        }
        check_finite(&series.values, Some(&series.months))?;

        let first_target = window + kind.lag();
        let needed = match config.test_start {
            None => shortest_series_for_default_split(first_target),
            // The earliest test start that still leaves a training window is first_target + 1.
            Some(_) => first_target + 2,
        };
        if series.len() < needed {
            return Err(DataError::TooShort {
                len: series.len(),
                window,
                transform: kind,
                needed,
            });
        }

        let test_start = match config.test_start {
            None => series.default_test_start(),
            Some(month) => resolve_test_start(series, month, first_target, config)?,
        };
        check_positive(kind, &series.values, Some(&series.months))?;
        let transform = FittedTransform::fit(kind, &series.values, window, test_start)?;

        let target_month: Vec<usize> = (first_target..series.len()).collect();
        let mut inputs = vec![0.0; target_month.len() * window];
        let mut targets = Vec::with_capacity(target_month.len());
        for (row, &t) in target_month.iter().enumerate() {
            let out = &mut inputs[row * window..(row + 1) * window];
            transform.input_window(&series.values, t, window, out);
            targets.push(transform.target(&series.values, t));
        }

        Ok(Dataset {
            series: series.clone(),
            config: config.clone(),
            transform,
            test_start,
            inputs,
            targets,
            target_month,
            n_train: test_start - first_target,
        })
    }

    /// Number of rows (training and test).
    pub fn n_windows(&self) -> usize {
        self.targets.len()
    }

    /// Number of test rows, `n_windows − n_train`.
    pub fn n_test(&self) -> usize {
        self.n_windows() - self.n_train
    }

    /// The `window` model-space inputs of row `row`.
    ///
    /// # Panics
    ///
    /// If `row >= self.n_windows()`.
    pub fn input(&self, row: usize) -> &[f64] {
        let window = self.window();
        &self.inputs[row * window..(row + 1) * window]
    }

    /// `W`, the number of months in each input window.
    pub fn window(&self) -> usize {
        self.config.window
    }
}

/// The shortest series whose default split leaves a training window: the smallest `len` with
/// `first_target < default_test_start(len)` (the test part is never empty).
fn shortest_series_for_default_split(first_target: usize) -> usize {
    let mut len = first_target + 2;
    while default_test_start_for_len(len) <= first_target {
        len += 1;
    }
    len
}

/// The index of a chosen test start month, which must be in the series and leave a
/// training window before it.
fn resolve_test_start(
    series: &Series,
    month: YearMonth,
    first_target: usize,
    config: &DataConfig,
) -> Result<usize, DataError> {
    let (first, last) = match (series.months.first(), series.months.last()) {
        (Some(&first), Some(&last)) => (first, last),
        _ => return Err(DataError::Empty),
    };
    let index = series.index_of(month).ok_or_else(|| {
        DataError::TestStart(format!(
            "the test part should start at {month}, but the series runs from {first} to {last}; \
             choose a month inside it."
        ))
    })?;
    if index <= first_target {
        // `prepare` has checked that the series has at least first_target + 2 months.
        let earliest = series.months[first_target + 1];
        return Err(DataError::TestStart(format!(
            "the test part starts at {month}, but with a window of {} and the {} transform the \
             first month a model can predict is {}; start the test part at {earliest} or later so \
             that at least one training window remains.",
            config.window, config.transform, series.months[first_target]
        )));
    }
    Ok(index)
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_error_has_a_stable_code_and_the_values_of_its_sentence() {
        let too_short = DataError::TooShort {
            len: 20,
            window: 24,
            transform: Transform::LogDiff,
            needed: 27,
        };
        assert_eq!(too_short.code(), "data.tooShort");
        let params = too_short.params();
        assert!(params.contains(&("needed", "27".to_string())));
        assert!(params.contains(&("transform", "log_diff".to_string())));
        let at_month = DataError::NonFinite {
            position: 3,
            month: Some(ym(1949, 3)),
            value: f64::NAN,
        };
        assert_eq!(at_month.params()[0], ("place", "3 (1949-03)".to_string()));
        let csv = DataError::Csv {
            line: 7,
            message: "\"abc\" is not a number".into(),
        };
        assert_eq!(csv.code(), "data.csvLine");
        assert_eq!(csv.params()[0], ("line", "7".to_string()));
    }

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    fn config(window: usize, transform: Transform) -> DataConfig {
        DataConfig {
            window,
            transform,
            ..DataConfig::default()
        }
    }

    /// The AirPassengers series as the shared CSV file writes it: a header, `\r\n` line ends.
    fn air_passengers_csv() -> String {
        let mut text = String::from("month,passengers\r\n");
        for (i, value) in AIR_PASSENGERS.iter().enumerate() {
            text.push_str(&format!("{},{}\r\n", AIR_PASSENGERS_START.plus(i), value));
        }
        text
    }

    fn csv_line(result: Result<Series, DataError>) -> (usize, String) {
        match result {
            Err(DataError::Csv { line, message }) => (line, message),
            other => panic!("expected a CSV error, got {other:?}"),
        }
    }

    // --- the data ---------------------------------------------------------------------------

    #[test]
    fn air_passengers_has_the_published_values() {
        assert_eq!(AIR_PASSENGERS[..4], [112.0, 118.0, 132.0, 129.0]);
        assert_eq!(AIR_PASSENGERS[143], 432.0);
        assert_eq!(AIR_PASSENGERS.iter().sum::<f64>(), 40_363.0);
        let series = Series::air_passengers();
        let (max_index, max) = series
            .values
            .iter()
            .copied()
            .enumerate()
            .fold((0, f64::MIN), |best, (i, v)| if v > best.1 { (i, v) } else { best });
        assert_eq!(max, 622.0);
        assert_eq!(series.months[max_index], ym(1960, 7));
    }

    #[test]
    fn training_part_peaks_at_505_in_august_1958() {
        let series = Series::air_passengers();
        let test_start = series.index_of(ym(1959, 1)).unwrap();
        let training = &series.values[..test_start];
        let max = training.iter().copied().fold(f64::MIN, f64::max);
        let at = training.iter().position(|&v| v == max).unwrap();
        assert_eq!(max, 505.0);
        assert_eq!(series.months[at], ym(1958, 8));
    }

    #[test]
    fn air_passengers_runs_from_1949_01_to_1960_12() {
        let series = Series::air_passengers();
        assert_eq!(series.name, "AirPassengers");
        assert_eq!(series.len(), 144);
        assert!(!series.is_empty());
        assert_eq!(series.months[0], ym(1949, 1));
        assert_eq!(series.months[143], ym(1960, 12));
        assert!(series.months.windows(2).all(|pair| pair[1] == pair[0].next()));
    }

    #[test]
    fn default_test_start_is_1959_01_for_air_passengers() {
        let series = Series::air_passengers();
        assert_eq!(series.default_test_start(), 120);
        assert_eq!(series.months[120], ym(1959, 1));
    }

    #[test]
    fn default_test_start_keeps_a_fifth_up_to_24_months_at_least_1() {
        assert_eq!(default_test_start_for_len(0), 0);
        assert_eq!(default_test_start_for_len(3), 2); // 3/5 = 0 → at least 1
        assert_eq!(default_test_start_for_len(50), 40); // 50/5 = 10
        assert_eq!(default_test_start_for_len(500), 476); // capped at 24
    }

    // --- months -----------------------------------------------------------------------------

    #[test]
    fn year_month_next_and_plus_wrap_the_year() {
        assert_eq!(ym(1949, 12).next(), ym(1950, 1));
        assert_eq!(ym(1949, 1).next(), ym(1949, 2));
        assert_eq!(ym(1949, 1).plus(0), ym(1949, 1));
        assert_eq!(ym(1949, 1).plus(143), ym(1960, 12));
        assert_eq!(ym(1949, 5).plus(24), ym(1951, 5));
    }

    #[test]
    fn year_month_plus_does_not_overflow() {
        let far = ym(i32::MAX, 12).plus(usize::MAX);
        assert_eq!(far.year, i32::MAX);
        assert!((1..=12).contains(&far.month));
    }

    #[test]
    fn year_month_new_checks_the_month() {
        assert_eq!(YearMonth::new(1949, 12), Ok(ym(1949, 12)));
        for month in [0, 13] {
            let error = YearMonth::new(1949, month).unwrap_err();
            assert!(matches!(error, DataError::BadMonth { .. }), "{error:?}");
            assert!(error.to_string().contains("between 1 and 12"), "{error}");
        }
    }

    #[test]
    fn year_month_parse_accepts_the_common_forms() {
        for text in ["1949-01", "1949-1", "1949/01", "1949/1", " 1949-01 ", "1949-01-31"] {
            assert_eq!(YearMonth::parse(text), Ok(ym(1949, 1)), "{text}");
        }
        assert_eq!(YearMonth::parse("1960-12"), Ok(ym(1960, 12)));
    }

    #[test]
    fn year_month_parse_rejects_what_is_not_a_month() {
        for text in [
            "",
            "1949",
            "1949-13",
            "1949-00",
            "49-01",
            "1949-ab",
            "1949-01-xx",
            "1949-01-02-03",
            "1949-",
            "month",
        ] {
            let error = YearMonth::parse(text).unwrap_err();
            match &error {
                DataError::BadMonth { text: shown, .. } => assert_eq!(shown, text.trim()),
                other => panic!("{text}: expected BadMonth, got {other:?}"),
            }
            assert!(error.to_string().contains("YYYY-MM"), "{error}");
        }
    }

    #[test]
    fn year_month_displays_with_zero_padding_and_orders_by_time() {
        assert_eq!(ym(1949, 1).to_string(), "1949-01");
        assert_eq!(ym(1960, 12).to_string(), "1960-12");
        assert!(ym(1949, 12) < ym(1950, 1));
        assert!(ym(1950, 2) > ym(1950, 1));
    }

    // --- series -----------------------------------------------------------------------------

    #[test]
    fn series_new_numbers_the_months_from_start() {
        let series = Series::new("s", ym(1999, 11), vec![1.0, 2.0, 3.0]).unwrap();
        assert_eq!(series.months, vec![ym(1999, 11), ym(1999, 12), ym(2000, 1)]);
        assert_eq!(series.index_of(ym(2000, 1)), Some(2));
        assert_eq!(series.index_of(ym(2000, 2)), None);
    }

    #[test]
    fn series_new_rejects_an_empty_list() {
        assert_eq!(Series::new("s", ym(2000, 1), vec![]), Err(DataError::Empty));
    }

    #[test]
    fn series_new_names_the_position_and_month_of_a_non_finite_value() {
        let error = Series::new("s", ym(1949, 1), vec![1.0, 2.0, f64::NAN, 4.0]).unwrap_err();
        match error {
            DataError::NonFinite { position, month, .. } => {
                assert_eq!(position, 3);
                assert_eq!(month, Some(ym(1949, 3)));
            }
            other => panic!("expected NonFinite, got {other:?}"),
        }
        let message = Series::new("s", ym(1949, 1), vec![f64::INFINITY])
            .unwrap_err()
            .to_string();
        assert!(message.contains("value 1 (1949-01)"), "{message}");
    }

    // --- CSV --------------------------------------------------------------------------------

    #[test]
    fn csv_round_trips_the_air_passengers_file() {
        let series = Series::parse_csv("AirPassengers", &air_passengers_csv()).unwrap();
        assert_eq!(series, Series::air_passengers());
    }

    #[test]
    fn csv_reads_a_small_file_with_a_header() {
        let text = "month,passengers\n1949-01,112\n1949-02,118\n1949-03,132\n";
        let series = Series::parse_csv("small", text).unwrap();
        assert_eq!(series.name, "small");
        assert_eq!(series.values, vec![112.0, 118.0, 132.0]);
        assert_eq!(series.months, vec![ym(1949, 1), ym(1949, 2), ym(1949, 3)]);
    }

    #[test]
    fn csv_with_one_column_starts_at_2000_01() {
        let series = Series::parse_csv("one", "value\n5\n6.5\n7e1\n").unwrap();
        assert_eq!(series.values, vec![5.0, 6.5, 70.0]);
        assert_eq!(series.months[0], ONE_COLUMN_START);
        assert_eq!(series.months[0], ym(2000, 1));
        assert_eq!(series.months[2], ym(2000, 3));
        // No header at all is fine too.
        assert_eq!(Series::parse_csv("one", "1\n2").unwrap().values, vec![1.0, 2.0]);
    }

    #[test]
    fn csv_accepts_semicolons_tabs_quotes_bom_blank_lines_and_crlf() {
        let expected = vec![10.0, 20.5];
        for text in [
            "\u{feff}month;value\r\n1949-01;10\r\n\r\n1949-02;20.5\r\n",
            "month\tvalue\n1949-01\t10\n1949-02\t20.5",
            "\"month\",\"value\"\n\"1949-01\",\"10\"\n\"1949-02\",\"20.5\"\n",
            "\n\n 1949-01 , 10 \n\n1949-02,20.5\n\n",
            "1949/01,10\n1949/2,20.5\n",
            "1949-01-01,10\n1949-02-28,20.5\n",
        ] {
            let series = Series::parse_csv("s", text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(series.values, expected, "{text:?}");
            assert_eq!(series.months[0], ym(1949, 1), "{text:?}");
        }
    }

    #[test]
    fn csv_error_names_a_value_that_is_not_a_number() {
        let text = "month,value\n1949-01,1\n1949-02,2\n1949-03,3\n1949-04,4\n1949-05,5\n1949-06,abc\n";
        let error = Series::parse_csv("s", text).unwrap_err();
        assert_eq!(error.to_string(), "line 7: \"abc\" is not a number");
        let (line, message) = csv_line(Series::parse_csv("s", "m;v\n1949-01;112,5\n"));
        assert_eq!(line, 2);
        assert!(message.contains("decimals with a point"), "{message}");
    }

    #[test]
    fn csv_error_for_an_empty_value() {
        let (line, message) = csv_line(Series::parse_csv("s", "1949-01,1\n1949-02,\n"));
        assert_eq!(line, 2);
        assert!(message.contains("empty"), "{message}");
    }

    #[test]
    fn csv_error_for_a_non_finite_value() {
        for bad in ["inf", "NaN", "-infinity"] {
            let text = format!("v\n1\n{bad}\n");
            let (line, message) = csv_line(Series::parse_csv("s", &text));
            assert_eq!(line, 3, "{bad}");
            assert!(message.contains("not a finite number"), "{message}");
        }
    }

    #[test]
    fn csv_error_for_the_wrong_number_of_columns() {
        let (line, message) = csv_line(Series::parse_csv("s", "1949-01,1\n1949-02,2,3\n"));
        assert_eq!(line, 2);
        assert!(message.contains("found 3 columns"), "{message}");
        let (line, message) = csv_line(Series::parse_csv("s", "\n1949-01,1,2\n"));
        assert_eq!(line, 2);
        assert!(message.contains("one column"), "{message}");
        let (line, _) = csv_line(Series::parse_csv("s", "5\n6\n1949-03,7\n"));
        assert_eq!(line, 3);
    }

    #[test]
    fn csv_error_for_a_bad_month() {
        let (line, message) = csv_line(Series::parse_csv("s", "month,v\n1949-13,1\n"));
        assert_eq!(line, 2);
        assert!(message.contains("\"1949-13\" is not a valid month"), "{message}");
        let (line, message) = csv_line(Series::parse_csv("s", "1949-01,1\n,2\n"));
        assert_eq!(line, 2);
        assert!(message.contains("month is empty"), "{message}");
        // A first line with a real month is data, so its bad value is reported, not skipped.
        let (line, message) = csv_line(Series::parse_csv("s", "1949-01,abc\n1949-02,1\n"));
        assert_eq!(line, 1);
        assert!(message.contains("\"abc\" is not a number"), "{message}");
    }

    #[test]
    fn csv_error_for_months_that_are_not_consecutive() {
        let text = "month,v\n1949-01,1\n1949-02,2\n\n1949-04,4\n";
        let (line, message) = csv_line(Series::parse_csv("s", text));
        assert_eq!(line, 5);
        assert!(message.contains("should be 1949-03"), "{message}");
        let (line, _) = csv_line(Series::parse_csv("s", "1949-01,1\n1949-01,1\n"));
        assert_eq!(line, 2);
    }

    #[test]
    fn csv_error_when_there_is_no_data() {
        for text in ["", "\n\n", "\u{feff}", "month,passengers\n", "month,passengers\r\n\r\n"] {
            let error = Series::parse_csv("s", text).unwrap_err();
            assert_eq!(error, DataError::NoData, "{text:?}");
            assert!(error.to_string().contains("no data"));
        }
    }

    #[test]
    fn csv_error_messages_shorten_long_fields() {
        let long = "x".repeat(500);
        let message = Series::parse_csv("s", &format!("1\n{long}\n")).unwrap_err().to_string();
        assert!(message.len() < 120, "{message}");
        assert!(message.starts_with("line 2:"), "{message}");
    }

    // --- layout and transform names ---------------------------------------------------------

    #[test]
    fn layout_shape_puts_the_window_on_steps_or_features() {
        assert_eq!(Layout::Sequence.shape(12), (12, 1));
        assert_eq!(Layout::Flat.shape(12), (1, 12));
        assert_eq!(Layout::default(), Layout::Sequence);
    }

    #[test]
    fn layout_parse_reads_names_and_rejects_others() {
        assert_eq!(Layout::parse("sequence"), Ok(Layout::Sequence));
        assert_eq!(Layout::parse(" Flat "), Ok(Layout::Flat));
        for layout in [Layout::Sequence, Layout::Flat] {
            assert_eq!(Layout::parse(layout.name()), Ok(layout));
        }
        let error = Layout::parse("grid").unwrap_err();
        assert!(matches!(error, DataError::BadSetting(_)));
        assert!(error.to_string().contains("sequence or flat"), "{error}");
    }

    #[test]
    fn transform_parse_reads_every_name_with_underscores_or_dashes() {
        for transform in Transform::ALL {
            assert_eq!(Transform::parse(transform.name()), Ok(transform));
            let dashed = transform.name().replace('_', "-");
            assert_eq!(Transform::parse(&dashed), Ok(transform));
            assert_eq!(transform.to_string(), transform.name());
        }
        assert_eq!(Transform::parse("Seasonal-Log-Diff"), Ok(Transform::SeasonalLogDiff));
        let error = Transform::parse("zscore").unwrap_err();
        assert!(matches!(error, DataError::BadSetting(_)));
        assert!(error.to_string().contains("min_max"), "{error}");
    }

    #[test]
    fn transform_lags_and_positivity() {
        let lags: Vec<usize> = Transform::ALL.iter().map(|t| t.lag()).collect();
        assert_eq!(lags, vec![0, 1, 12, 0]);
        let positive: Vec<bool> = Transform::ALL.iter().map(|t| t.needs_positive()).collect();
        assert_eq!(positive, vec![false, true, true, true]);
    }

    #[test]
    fn data_config_default() {
        let config = DataConfig::default();
        assert_eq!(config.window, 12);
        assert_eq!(config.layout, Layout::Sequence);
        assert_eq!(config.transform, DEFAULT_TRANSFORM);
        assert_eq!(config.test_start, None);
    }

    // --- fitted transforms ------------------------------------------------------------------

    /// Hand-computed MinMax on x = [10, 20, 30, 40, 50], W = 2, test start 4:
    /// min = 10, max = 40 (50 is a test value), so z = (x − 10)/30.
    /// Predicting t = 2: inputs z_0, z_1 = 0, 1/3; target z_2 = 2/3; invert(1.0) = 40.
    #[test]
    fn min_max_by_hand() {
        let x = [10.0, 20.0, 30.0, 40.0, 50.0];
        let fitted = FittedTransform::fit(Transform::MinMax, &x, 2, 4).unwrap();
        assert_eq!((fitted.offset, fitted.scale), (10.0, 30.0));
        let mut out = [0.0; 2];
        fitted.input_window(&x, 2, 2, &mut out);
        assert_eq!(out, [0.0, 1.0 / 3.0]);
        assert!((fitted.target(&x, 2) - 2.0 / 3.0).abs() < 1e-15);
        assert_eq!(fitted.invert(&x, 2, 1.0), 40.0);
    }

    /// Hand-computed LogDiff on x = [1, 2, 4, 8, 16, 32], W = 2, test start 5: every
    /// d_s = ln 2, so offset = ln 2 and the standard deviation 0 falls back to scale 1.
    /// All inputs and targets are 0 in model space, and invert(t, 0) = 2·x_{t−1}.
    #[test]
    fn log_diff_by_hand() {
        let x = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0];
        let fitted = FittedTransform::fit(Transform::LogDiff, &x, 2, 5).unwrap();
        assert!((fitted.offset - 2f64.ln()).abs() < 1e-15);
        assert_eq!(fitted.scale, 1.0);
        assert_eq!(fitted.first_target(2), 3);
        let mut out = [9.0; 2];
        fitted.input_window(&x, 3, 2, &mut out);
        assert!(out.iter().all(|v| v.abs() < 1e-15), "{out:?}");
        assert!(fitted.target(&x, 5).abs() < 1e-15);
        assert!((fitted.invert(&x, 6, 0.0) - 64.0).abs() < 1e-12);
    }

    #[test]
    fn window_log_norm_inputs_are_logs_relative_to_the_last_month() {
        let series = Series::air_passengers();
        let fitted = FittedTransform::fit(Transform::WindowLogNorm, &series.values, 3, 120).unwrap();
        let mut out = [0.0; 3];
        fitted.input_window(&series.values, 3, 3, &mut out);
        // d = ln(x_0 / x_2), ln(x_1 / x_2), 0 for t = 3.
        let expected = [(112.0f64 / 132.0).ln(), (118.0f64 / 132.0).ln(), 0.0];
        for (m, d) in out.iter().zip(expected) {
            assert!((m * fitted.scale + fitted.offset - d).abs() < 1e-12);
        }
    }

    #[test]
    fn min_max_is_fitted_on_the_training_part_only() {
        let series = Series::air_passengers();
        let data = Dataset::prepare(&series, &config(12, Transform::MinMax)).unwrap();
        // Training part 1949-01 … 1958-12: min 104 (1949-11), max 505 (1958-08); not 622.
        assert_eq!(data.transform.offset, 104.0);
        assert_eq!(data.transform.scale, 505.0 - 104.0);
        // A test month above the training maximum maps above 1.
        let july_1960 = series.index_of(ym(1960, 7)).unwrap();
        assert!(data.transform.target(&series.values, july_1960) > 1.0);
    }

    #[test]
    fn log_transforms_standardise_the_training_targets() {
        let series = Series::air_passengers();
        for kind in [Transform::LogDiff, Transform::SeasonalLogDiff, Transform::WindowLogNorm] {
            let data = Dataset::prepare(&series, &config(12, kind)).unwrap();
            let train = &data.targets[..data.n_train];
            let n = train.len() as f64;
            let mean = train.iter().sum::<f64>() / n;
            let variance = train.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / n;
            assert!(mean.abs() < 1e-12, "{kind}: mean {mean}");
            assert!((variance - 1.0).abs() < 1e-12, "{kind}: variance {variance}");
            assert!(data.transform.scale > 0.0 && data.transform.scale != 1.0);
        }
    }

    #[test]
    fn every_transform_inverts_its_own_target() {
        let values = Series::air_passengers().values;
        for kind in Transform::ALL {
            let fitted = FittedTransform::fit(kind, &values, 12, 120).unwrap();
            for t in fitted.first_target(12)..values.len() {
                let back = fitted.invert(&values, t, fitted.target(&values, t));
                assert!((back - values[t]).abs() < 1e-9, "{kind} t={t}: {back} vs {}", values[t]);
            }
        }
    }

    #[test]
    fn input_window_and_invert_read_only_the_past() {
        let values = Series::air_passengers().values;
        let window = 12;
        for kind in Transform::ALL {
            let fitted = FittedTransform::fit(kind, &values, window, 120).unwrap();
            for t in [fitted.first_target(window), 100, 143] {
                let mut clean = vec![0.0; window];
                fitted.input_window(&values, t, window, &mut clean);
                let clean_inverse = fitted.invert(&values, t, 0.3);

                let mut corrupted = values.clone();
                for v in &mut corrupted[t..] {
                    *v = 9.9e5;
                }
                let mut dirty = vec![0.0; window];
                fitted.input_window(&corrupted, t, window, &mut dirty);
                assert_eq!(clean, dirty, "{kind} t={t}");
                assert_eq!(clean_inverse, fitted.invert(&corrupted, t, 0.3), "{kind} t={t}");
                // And the target does read month t.
                assert_ne!(fitted.target(&values, t), fitted.target(&corrupted[..], t));
            }
            // One month past the end works: that is how a forecast continues the series.
            let mut out = vec![0.0; window];
            fitted.input_window(&values, values.len(), window, &mut out);
            assert!(out.iter().all(|v| v.is_finite()));
            assert!(fitted.invert(&values, values.len(), 0.0).is_finite());
        }
    }

    #[test]
    fn fit_rejects_impossible_settings() {
        let values = Series::air_passengers().values;
        let fit = |kind, window, test_start| FittedTransform::fit(kind, &values, window, test_start);
        assert!(matches!(fit(Transform::MinMax, 0, 120), Err(DataError::BadSetting(_))));
        assert!(matches!(fit(Transform::MinMax, 12, 145), Err(DataError::TestStart(_))));
        assert!(matches!(
            fit(Transform::SeasonalLogDiff, 12, 24),
            Err(DataError::TestStart(_))
        ));
        assert!(fit(Transform::SeasonalLogDiff, 12, 25).is_ok());

        let constant = [7.0; 30];
        let error = FittedTransform::fit(Transform::MinMax, &constant, 12, 20).unwrap_err();
        assert_eq!(error, DataError::Constant { value: 7.0 });
        assert!(error.to_string().starts_with("the training part is constant"));
        // A log transform on a constant series is fine: all d are 0, scale falls back to 1.
        let fitted = FittedTransform::fit(Transform::LogDiff, &constant, 12, 20).unwrap();
        assert_eq!((fitted.offset, fitted.scale), (0.0, 1.0));

        let mut with_zero = values.clone();
        with_zero[5] = 0.0;
        let error = FittedTransform::fit(Transform::LogDiff, &with_zero, 12, 120).unwrap_err();
        assert!(matches!(
            error,
            DataError::NonPositive {
                position: 6,
                month: None,
                ..
            }
        ));
        let mut with_nan = values.clone();
        with_nan[130] = f64::NAN;
        let error = FittedTransform::fit(Transform::MinMax, &with_nan, 12, 120).unwrap_err();
        assert!(matches!(error, DataError::NonFinite { position: 131, .. }));
    }

    // --- datasets ---------------------------------------------------------------------------

    #[test]
    fn air_passengers_window_counts() {
        let series = Series::air_passengers();
        for (kind, train) in [
            (Transform::MinMax, 108),
            (Transform::LogDiff, 107),
            (Transform::SeasonalLogDiff, 96),
            (Transform::WindowLogNorm, 108),
        ] {
            let data = Dataset::prepare(&series, &config(12, kind)).unwrap();
            assert_eq!(data.test_start, 120, "{kind}");
            assert_eq!(data.n_train, train, "{kind}");
            assert_eq!(data.n_test(), 24, "{kind}");
            assert_eq!(data.n_windows(), train + 24, "{kind}");
            assert_eq!(data.inputs.len(), data.n_windows() * 12, "{kind}");
            assert_eq!(data.window(), 12);
        }
    }

    #[test]
    fn dataset_rows_are_the_windows_before_each_target_month() {
        let series = Series::air_passengers();
        let data = Dataset::prepare(&series, &config(12, Transform::SeasonalLogDiff)).unwrap();
        assert_eq!(data.target_month[0], 24);
        assert_eq!(*data.target_month.last().unwrap(), 143);
        assert!(data.target_month[..data.n_train].iter().all(|&t| t < data.test_start));
        assert!(data.target_month[data.n_train..].iter().all(|&t| t >= data.test_start));
        for row in [0, 50, data.n_windows() - 1] {
            let t = data.target_month[row];
            let mut expected = vec![0.0; 12];
            data.transform.input_window(&series.values, t, 12, &mut expected);
            assert_eq!(data.input(row), &expected[..]);
            assert_eq!(data.targets[row], data.transform.target(&series.values, t));
        }
    }

    #[test]
    fn layout_does_not_change_the_rows() {
        let series = Series::air_passengers();
        let sequence = Dataset::prepare(&series, &config(12, Transform::MinMax)).unwrap();
        let flat_config = DataConfig {
            layout: Layout::Flat,
            ..config(12, Transform::MinMax)
        };
        let flat = Dataset::prepare(&series, &flat_config).unwrap();
        assert_eq!(sequence.inputs, flat.inputs);
        assert_eq!(flat.config.layout, Layout::Flat);
    }

    #[test]
    fn an_explicit_test_start_moves_the_split() {
        let series = Series::air_passengers();
        let chosen = DataConfig {
            test_start: Some(ym(1958, 1)),
            ..config(12, Transform::MinMax)
        };
        let data = Dataset::prepare(&series, &chosen).unwrap();
        assert_eq!(data.test_start, 108);
        assert_eq!(data.n_train, 96);
        assert_eq!(data.n_test(), 36);
        // The training part now ends in 1957-12; its maximum is 467 (1957-08).
        assert_eq!(data.transform.offset + data.transform.scale, 467.0);
    }

    #[test]
    fn prepare_rejects_a_window_out_of_range() {
        let series = Series::air_passengers();
        for window in [0, 121] {
            let error = Dataset::prepare(&series, &config(window, Transform::MinMax)).unwrap_err();
            assert!(matches!(error, DataError::BadSetting(_)), "{error:?}");
            assert!(error.to_string().contains("1..=120"), "{error}");
        }
        assert!(Dataset::prepare(&series, &config(100, Transform::MinMax)).is_ok());
    }

    #[test]
    fn prepare_reports_a_series_that_is_too_short() {
        let series = Series::air_passengers();
        let error = Dataset::prepare(&series, &config(120, Transform::SeasonalLogDiff)).unwrap_err();
        assert_eq!(
            error,
            DataError::TooShort {
                len: 144,
                window: 120,
                transform: Transform::SeasonalLogDiff,
                needed: 157,
            }
        );
        let message = error.to_string();
        assert!(message.contains("the series has 144 months"), "{message}");
        assert!(message.contains("at least 157 months"), "{message}");
        let empty = Series {
            name: "empty".to_string(),
            months: vec![],
            values: vec![],
        };
        let error = Dataset::prepare(&empty, &DataConfig::default()).unwrap_err();
        assert!(matches!(error, DataError::TooShort { len: 0, .. }), "{error:?}");
    }

    /// The length in the TooShort message is exact: one month fewer fails, that many works.
    #[test]
    fn too_short_names_the_exact_length_needed() {
        for kind in Transform::ALL {
            for window in [1, 3, 12, 30] {
                let short = Series::new("s", ym(2000, 1), vec![1.0; 1]).unwrap();
                let needed = match Dataset::prepare(&short, &config(window, kind)) {
                    Err(DataError::TooShort { needed, .. }) => needed,
                    other => panic!("{kind} W={window}: expected TooShort, got {other:?}"),
                };
                let values = |n: usize| -> Vec<f64> { (0..n).map(|i| 100.0 + (i % 7) as f64).collect() };
                let enough = Series::new("s", ym(2000, 1), values(needed)).unwrap();
                let data = Dataset::prepare(&enough, &config(window, kind)).unwrap();
                assert!(data.n_train >= 1 && data.n_test() >= 1);
                let one_less = Series::new("s", ym(2000, 1), values(needed - 1)).unwrap();
                assert!(matches!(
                    Dataset::prepare(&one_less, &config(window, kind)),
                    Err(DataError::TooShort { .. })
                ));
            }
        }
    }

    #[test]
    fn prepare_names_a_non_positive_month_and_suggests_min_max() {
        let mut series = Series::air_passengers();
        series.values[30] = -4.0;
        let error = Dataset::prepare(&series, &config(12, Transform::LogDiff)).unwrap_err();
        assert!(matches!(
            error,
            DataError::NonPositive { position: 31, month: Some(m), value, .. }
                if m == ym(1951, 7) && value == -4.0
        ));
        let message = error.to_string();
        assert!(message.contains("value 31 (1951-07) is -4"), "{message}");
        assert!(message.contains("min_max"), "{message}");
        assert!(Dataset::prepare(&series, &config(12, Transform::MinMax)).is_ok());
    }

    #[test]
    fn prepare_rejects_a_test_start_outside_the_series() {
        let series = Series::air_passengers();
        let outside = DataConfig {
            test_start: Some(ym(1961, 1)),
            ..DataConfig::default()
        };
        let error = Dataset::prepare(&series, &outside).unwrap_err();
        assert!(matches!(error, DataError::TestStart(_)));
        let message = error.to_string();
        assert!(message.contains("1961-01"), "{message}");
        assert!(message.contains("from 1949-01 to 1960-12"), "{message}");
    }

    #[test]
    fn prepare_rejects_a_test_start_that_leaves_no_training_window() {
        let series = Series::air_passengers();
        let early = DataConfig {
            test_start: Some(ym(1950, 6)),
            ..config(12, Transform::SeasonalLogDiff)
        };
        let message = Dataset::prepare(&series, &early).unwrap_err().to_string();
        assert!(
            message.contains("first month a model can predict is 1951-01"),
            "{message}"
        );
        assert!(message.contains("1951-02 or later"), "{message}");
        let earliest = DataConfig {
            test_start: Some(ym(1951, 2)),
            ..early
        };
        assert_eq!(Dataset::prepare(&series, &earliest).unwrap().n_train, 1);
    }

    #[test]
    fn prepare_rejects_a_constant_training_part_for_min_max() {
        let mut values = vec![5.0; 40];
        values[39] = 6.0; // only the test part varies
        let series = Series::new("flat", ym(2000, 1), values).unwrap();
        let error = Dataset::prepare(&series, &config(3, Transform::MinMax)).unwrap_err();
        assert!(matches!(error, DataError::Constant { value } if value == 5.0));
    }

    #[test]
    fn prepare_rejects_an_inconsistent_series() {
        let mut series = Series::air_passengers();
        series.months.pop();
        let error = Dataset::prepare(&series, &DataConfig::default()).unwrap_err();
        assert_eq!(
            error,
            DataError::LengthMismatch {
                months: 143,
                values: 144
            }
        );
        let mut series = Series::air_passengers();
        series.values[3] = f64::NAN;
        let message = Dataset::prepare(&series, &DataConfig::default())
            .unwrap_err()
            .to_string();
        assert!(message.contains("value 4 (1949-04)"), "{message}");
    }

    // --- properties -------------------------------------------------------------------------

    proptest! {
        #[test]
        fn parse_csv_never_panics_on_any_text(text in "(?s).{0,200}") {
            if let Ok(series) = Series::parse_csv("any", &text) {
                prop_assert!(!series.is_empty());
                prop_assert!(series.values.iter().all(|v| v.is_finite()));
            }
        }

        #[test]
        fn parse_csv_never_panics_on_lines_of_numbers_and_separators(
            lines in proptest::collection::vec("[0-9,;\\t./eE+\\- \"]{0,16}", 0..20),
            crlf in any::<bool>(),
        ) {
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            if let Ok(series) = Series::parse_csv("numbers", &text) {
                prop_assert!(!series.is_empty());
                prop_assert_eq!(series.months.len(), series.values.len());
                prop_assert!(series.values.iter().all(|v| v.is_finite()));
                prop_assert!(series.months.windows(2).all(|pair| pair[1] == pair[0].next()));
            }
        }

        #[test]
        fn parse_csv_reads_back_what_it_is_given(
            values in proptest::collection::vec(-1.0e6..1.0e6f64, 1..50),
            year in 1900..2100i32,
            month in 1..=12u32,
        ) {
            let start = YearMonth { year, month };
            let text: String = values
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{},{v}\n", start.plus(i)))
                .collect();
            let series = Series::parse_csv("p", &text).unwrap();
            prop_assert_eq!(series.values, values);
            prop_assert_eq!(series.months[0], start);
        }

        #[test]
        fn prepare_never_panics_and_keeps_its_promises(
            values in proptest::collection::vec(0.5..1000.0f64, 0..80),
            window in 0..40usize,
            kind_index in 0..4usize,
            test_offset in proptest::option::of(0..90usize),
        ) {
            let kind = Transform::ALL[kind_index];
            let series = Series {
                name: "p".to_string(),
                months: months_from(ONE_COLUMN_START, values.len()),
                values,
            };
            let config = DataConfig {
                window,
                layout: Layout::Sequence,
                transform: kind,
                test_start: test_offset.map(|offset| ONE_COLUMN_START.plus(offset)),
            };
            if let Ok(data) = Dataset::prepare(&series, &config) {
                prop_assert!(data.n_train >= 1);
                prop_assert!(data.n_test() >= 1);
                prop_assert_eq!(data.inputs.len(), data.n_windows() * window);
                prop_assert!(data.inputs.iter().chain(&data.targets).all(|v| v.is_finite()));
                for (row, &t) in data.target_month.iter().enumerate() {
                    let back = data.transform.invert(&series.values, t, data.targets[row]);
                    let tolerance = 1e-6 * series.values[t].abs().max(1.0);
                    prop_assert!((back - series.values[t]).abs() < tolerance);
                }
            }
        }

        /// What the page does with own data: parse a pasted CSV, then prepare it with whatever
        /// settings are chosen. Values include zeros, negatives and numbers near the ends of
        /// f64's range; windows go past both ends of 1..=120; the test start may lie outside
        /// the series. Neither step may panic, an error must be a sentence, and a dataset that
        /// is made holds only finite numbers.
        #[test]
        fn parse_then_prepare_never_panics_on_any_data_and_settings(
            values in proptest::collection::vec(
                prop_oneof![
                    6 => -1.0e3..1.0e3f64,
                    1 => Just(0.0),
                    1 => 1.0e-300..1.0e-290f64,
                    1 => 1.0e300..1.0e307f64,
                    1 => -1.0e307..-1.0e300f64,
                ],
                0..90,
            ),
            positive in any::<bool>(),
            with_months in any::<bool>(),
            with_header in any::<bool>(),
            window in prop_oneof![4 => 1..=36usize, 1 => 0..=130usize],
            kind_index in 0..4usize,
            flat in any::<bool>(),
            test_offset in proptest::option::of(-5..100i32),
        ) {
            // Half the series are made positive, so that the log transforms get to work too.
            let values: Vec<f64> = if positive {
                values.iter().map(|v| v.abs().max(f64::MIN_POSITIVE)).collect()
            } else {
                values
            };
            let start = YearMonth { year: 1949, month: 1 };
            let mut text = String::new();
            if with_header {
                text.push_str(if with_months { "month,value\n" } else { "value\n" });
            }
            for (i, v) in values.iter().enumerate() {
                if with_months {
                    text.push_str(&format!("{},{v}\n", start.plus(i)));
                } else {
                    text.push_str(&format!("{v}\n"));
                }
            }
            let series = match Series::parse_csv("own", &text) {
                Ok(series) => series,
                Err(error) => {
                    prop_assert!(values.is_empty(), "{error}");
                    prop_assert!(!error.to_string().is_empty());
                    return Ok(());
                }
            };
            prop_assert_eq!(&series.values, &values);
            let first = series.months[0];
            let config = DataConfig {
                window,
                layout: if flat { Layout::Flat } else { Layout::Sequence },
                transform: Transform::ALL[kind_index],
                // A negative offset is a month before the series starts.
                test_start: test_offset.map(|offset| match usize::try_from(offset) {
                    Ok(after) => first.plus(after),
                    Err(_) => YearMonth { year: first.year - 1, ..first },
                }),
            };
            match Dataset::prepare(&series, &config) {
                Ok(data) => {
                    prop_assert!((1..=MAX_WINDOW).contains(&window));
                    prop_assert!(data.n_train >= 1 && data.n_test() >= 1);
                    prop_assert!(data.inputs.iter().chain(&data.targets).all(|v| v.is_finite()));
                }
                Err(error) => prop_assert!(!error.to_string().is_empty()),
            }
        }
    }
}
