//! The example series that come with the page: shipped inside the engine, never fetched.
//!
//! Besides the article's AirPassengers, three classic monthly series from R's `datasets`
//! package (public measurements, copied value for value from R's data as exported by the
//! Rdatasets project, and checked against independent copies — see the tests) and one
//! synthetic series whose structure is known because a function makes it:
//!
//! | id | series | months | what it teaches |
//! |---|---|---|---|
//! | `air_passengers` | airline passengers 1949–1960 | 144 | the article's series: trend × season |
//! | `co2` | Mauna Loa CO₂ 1959–1997 | 468 | a steady trend under a small yearly wave |
//! | `nottem` | Nottingham temperature 1920–1939 | 240 | seasons and no trend |
//! | `us_accidental_deaths` | US accidental deaths 1973–1978 | 72 | little data: six years |
//! | `synthetic` | trend × season × noise, seed 7 | 144 | a series whose recipe is known |
//! | `long_memory` | a 30-month pattern that repeats, changing a little, seed 30 | 360 | a value needed a full 30-month window later (LONG_MEMORY.md) |
//!
//! Every example works with every setting the page offers (windows 3 to 36, every transform
//! and layout): a test prepares each of them at those extremes.

use crate::data::{Series, YearMonth, AIR_PASSENGERS, AIR_PASSENGERS_START};
use crate::rng::Rng;

/// One example series with what the page shows about it.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// A stable identifier, used in the URL (`#data=co2`) and as the key of its translated
    /// name and description in `www/strings/`.
    pub id: &'static str,
    /// The name shown in menus, in English; it also becomes the [`Series`] name.
    pub name: &'static str,
    /// One sentence about what the numbers are.
    pub description: &'static str,
    /// The unit of the values, as a label on the chart.
    pub unit: &'static str,
    /// Where the numbers come from.
    pub source: &'static str,
    /// The month of the first value.
    pub start: YearMonth,
    /// The values, or how they are made.
    values: Values,
}

/// Where an example's values come from.
#[derive(Clone, Copy, Debug)]
enum Values {
    /// Measured numbers, stored in this file.
    Table(&'static [f64]),
    /// Numbers a function makes, the same on every machine.
    Made(fn() -> Vec<f64>),
}

/// Every example, in the order the page's menu shows them (AirPassengers, the article's, first).
pub const EXAMPLES: [Example; 6] = [
    Example {
        id: "air_passengers",
        name: "AirPassengers",
        description: "International airline passengers per month, 1949–1960: the article's series.",
        unit: "thousand passengers",
        source: "Box, Jenkins & Reinsel, Time Series Analysis (series G); R datasets::AirPassengers",
        start: AIR_PASSENGERS_START,
        values: Values::Table(&AIR_PASSENGERS),
    },
    Example {
        id: "co2",
        name: "Mauna Loa CO2",
        description: "Atmospheric CO2 concentration at Mauna Loa, Hawaii, per month, 1959–1997; \
                      February to April 1964 were missing and are interpolated linearly.",
        unit: "ppm",
        source: "Keeling & Whorf, Scripps Institution of Oceanography; R datasets::co2",
        start: YearMonth { year: 1959, month: 1 },
        values: Values::Table(&CO2),
    },
    Example {
        id: "nottem",
        name: "Nottingham temperature",
        description: "Average air temperature at Nottingham Castle per month, 1920–1939.",
        unit: "°F",
        source: "Anderson, Time Series Analysis and Forecasting (1976); R datasets::nottem",
        start: YearMonth { year: 1920, month: 1 },
        values: Values::Table(&NOTTEM),
    },
    Example {
        id: "us_accidental_deaths",
        name: "US accidental deaths",
        description: "Accidental deaths in the USA per month, 1973–1978.",
        unit: "deaths",
        source: "Brockwell & Davis, Introduction to Time Series and Forecasting; R datasets::USAccDeaths",
        start: YearMonth { year: 1973, month: 1 },
        values: Values::Table(&US_ACCIDENTAL_DEATHS),
    },
    Example {
        id: "synthetic",
        name: "Synthetic (seed 7)",
        description: "Made up, not measured: a trend of 1 % a month times a yearly season times \
                      ±4 % noise drawn with seed 7.",
        unit: "units",
        source: "synthetic_series() in src/examples.rs",
        start: SYNTHETIC_START,
        values: Values::Made(synthetic_series),
    },
    Example {
        id: "long_memory",
        name: "Long memory (30 months)",
        description: "Made up, not measured: a random 30-month pattern around 100 that repeats, \
                      each value as far from 100 as 0.95 times the one 30 months before, plus fresh \
                      noise (seed 30), so the next month is predicted best from the month a full \
                      30-month window back.",
        unit: "units",
        source: "long_memory_series() in src/examples.rs",
        start: LONG_MEMORY_START,
        values: Values::Made(long_memory_series),
    },
];

impl Example {
    /// The values, in month order.
    pub fn values(&self) -> Vec<f64> {
        match self.values {
            Values::Table(values) => values.to_vec(),
            Values::Made(make) => make(),
        }
    }

    /// The example as a [`Series`] named [`Example::name`], one month per value from
    /// [`Example::start`].
    pub fn series(&self) -> Series {
        let values = self.values();
        Series {
            name: self.name.to_string(),
            months: (0..values.len()).map(|i| self.start.plus(i)).collect(),
            values,
        }
    }
}

/// Every example as a [`Series`], in the order of [`EXAMPLES`].
pub fn example_series() -> Vec<Series> {
    EXAMPLES.iter().map(Example::series).collect()
}

/// The example with identifier `id`, if there is one.
pub fn find_example(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.id == id)
}

// ---------------------------------------------------------------------------------------------
// The measured series
// ---------------------------------------------------------------------------------------------

/// Atmospheric CO2 at Mauna Loa in parts per million, January 1959 to December 1997 (468
/// months; R's `co2`). February, March and April 1964 are R's linear interpolation between
/// January and May 1964. One year per line.
#[rustfmt::skip]
pub const CO2: [f64; 468] = [
    // 1959
    315.42, 316.31, 316.5, 317.56, 318.13, 318.0, 316.39, 314.65, 313.68, 313.18, 314.66, 315.43,
    // 1960
    316.27, 316.81, 317.42, 318.87, 319.87, 319.43, 318.01, 315.74, 314.0, 313.68, 314.84, 316.03,
    // 1961
    316.73, 317.54, 318.38, 319.31, 320.42, 319.61, 318.42, 316.63, 314.83, 315.16, 315.94, 316.85,
    // 1962
    317.78, 318.4, 319.53, 320.42, 320.85, 320.45, 319.45, 317.25, 316.11, 315.27, 316.53, 317.53,
    // 1963
    318.58, 318.92, 319.7, 321.22, 322.08, 321.31, 319.58, 317.61, 316.05, 315.83, 316.91, 318.2,
    // 1964
    319.41, 320.07, 320.74, 321.4, 322.06, 321.73, 320.27, 318.54, 316.54, 316.71, 317.53, 318.55,
    // 1965
    319.27, 320.28, 320.73, 321.97, 322.0, 321.71, 321.05, 318.71, 317.66, 317.14, 318.7, 319.25,
    // 1966
    320.46, 321.43, 322.23, 323.54, 323.91, 323.59, 322.24, 320.2, 318.48, 317.94, 319.63, 320.87,
    // 1967
    322.17, 322.34, 322.88, 324.25, 324.83, 323.93, 322.38, 320.76, 319.1, 319.24, 320.56, 321.8,
    // 1968
    322.4, 322.99, 323.73, 324.86, 325.4, 325.2, 323.98, 321.95, 320.18, 320.09, 321.16, 322.74,
    // 1969
    323.83, 324.26, 325.47, 326.5, 327.21, 326.54, 325.72, 323.5, 322.22, 321.62, 322.69, 323.95,
    // 1970
    324.89, 325.82, 326.77, 327.97, 327.91, 327.5, 326.18, 324.53, 322.93, 322.9, 323.85, 324.96,
    // 1971
    326.01, 326.51, 327.01, 327.62, 328.76, 328.4, 327.2, 325.27, 323.2, 323.4, 324.63, 325.85,
    // 1972
    326.6, 327.47, 327.58, 329.56, 329.9, 328.92, 327.88, 326.16, 324.68, 325.04, 326.34, 327.39,
    // 1973
    328.37, 329.4, 330.14, 331.33, 332.31, 331.9, 330.7, 329.15, 327.35, 327.02, 327.99, 328.48,
    // 1974
    329.18, 330.55, 331.32, 332.48, 332.92, 332.08, 331.01, 329.23, 327.27, 327.21, 328.29, 329.41,
    // 1975
    330.23, 331.25, 331.87, 333.14, 333.8, 333.43, 331.73, 329.9, 328.4, 328.17, 329.32, 330.59,
    // 1976
    331.58, 332.39, 333.33, 334.41, 334.71, 334.17, 332.89, 330.77, 329.14, 328.78, 330.14, 331.52,
    // 1977
    332.75, 333.24, 334.53, 335.9, 336.57, 336.1, 334.76, 332.59, 331.42, 330.98, 332.24, 333.68,
    // 1978
    334.8, 335.22, 336.47, 337.59, 337.84, 337.72, 336.37, 334.51, 332.6, 332.38, 333.75, 334.78,
    // 1979
    336.05, 336.59, 337.79, 338.71, 339.3, 339.12, 337.56, 335.92, 333.75, 333.7, 335.12, 336.56,
    // 1980
    337.84, 338.19, 339.91, 340.6, 341.29, 341.0, 339.39, 337.43, 335.72, 335.84, 336.93, 338.04,
    // 1981
    339.06, 340.3, 341.21, 342.33, 342.74, 342.08, 340.32, 338.26, 336.52, 336.68, 338.19, 339.44,
    // 1982
    340.57, 341.44, 342.53, 343.39, 343.96, 343.18, 341.88, 339.65, 337.81, 337.69, 339.09, 340.32,
    // 1983
    341.2, 342.35, 342.93, 344.77, 345.58, 345.14, 343.81, 342.21, 339.69, 339.82, 340.98, 342.82,
    // 1984
    343.52, 344.33, 345.11, 346.88, 347.25, 346.62, 345.22, 343.11, 340.9, 341.18, 342.8, 344.04,
    // 1985
    344.79, 345.82, 347.25, 348.17, 348.74, 348.07, 346.38, 344.51, 342.92, 342.62, 344.06, 345.38,
    // 1986
    346.11, 346.78, 347.68, 349.37, 350.03, 349.37, 347.76, 345.73, 344.68, 343.99, 345.48, 346.72,
    // 1987
    347.84, 348.29, 349.23, 350.8, 351.66, 351.07, 349.33, 347.92, 346.27, 346.18, 347.64, 348.78,
    // 1988
    350.25, 351.54, 352.05, 353.41, 354.04, 353.62, 352.22, 350.27, 348.55, 348.72, 349.91, 351.18,
    // 1989
    352.6, 352.92, 353.53, 355.26, 355.52, 354.97, 353.75, 351.52, 349.64, 349.83, 351.14, 352.37,
    // 1990
    353.5, 354.55, 355.23, 356.04, 357.0, 356.07, 354.67, 352.76, 350.82, 351.04, 352.69, 354.07,
    // 1991
    354.59, 355.63, 357.03, 358.48, 359.22, 358.12, 356.06, 353.92, 352.05, 352.11, 353.64, 354.89,
    // 1992
    355.88, 356.63, 357.72, 359.07, 359.58, 359.17, 356.94, 354.92, 352.94, 353.23, 354.09, 355.33,
    // 1993
    356.63, 357.1, 358.32, 359.41, 360.23, 359.55, 357.53, 355.48, 353.67, 353.95, 355.3, 356.78,
    // 1994
    358.34, 358.89, 359.95, 361.25, 361.67, 360.94, 359.55, 357.49, 355.84, 356.0, 357.59, 359.05,
    // 1995
    359.98, 361.03, 361.66, 363.48, 363.82, 363.3, 361.94, 359.5, 358.11, 357.8, 359.61, 360.74,
    // 1996
    362.09, 363.29, 364.06, 364.76, 365.45, 365.01, 363.7, 361.54, 359.51, 359.65, 360.8, 362.38,
    // 1997
    363.23, 364.06, 364.61, 366.4, 366.84, 365.68, 364.52, 362.57, 360.24, 360.83, 362.49, 364.34,
];

/// Average monthly air temperature at Nottingham Castle in degrees Fahrenheit, January 1920
/// to December 1939 (240 months; R's `nottem`). One year per line.
#[rustfmt::skip]
pub const NOTTEM: [f64; 240] = [
    // 1920
    40.6, 40.8, 44.4, 46.7, 54.1, 58.5, 57.7, 56.4, 54.3, 50.5, 42.9, 39.8,
    // 1921
    44.2, 39.8, 45.1, 47.0, 54.1, 58.7, 66.3, 59.9, 57.0, 54.2, 39.7, 42.8,
    // 1922
    37.5, 38.7, 39.5, 42.1, 55.7, 57.8, 56.8, 54.3, 54.3, 47.1, 41.8, 41.7,
    // 1923
    41.8, 40.1, 42.9, 45.8, 49.2, 52.7, 64.2, 59.6, 54.4, 49.2, 36.3, 37.6,
    // 1924
    39.3, 37.5, 38.3, 45.5, 53.2, 57.7, 60.8, 58.2, 56.4, 49.8, 44.4, 43.6,
    // 1925
    40.0, 40.5, 40.8, 45.1, 53.8, 59.4, 63.5, 61.0, 53.0, 50.0, 38.1, 36.3,
    // 1926
    39.2, 43.4, 43.4, 48.9, 50.6, 56.8, 62.5, 62.0, 57.5, 46.7, 41.6, 39.8,
    // 1927
    39.4, 38.5, 45.3, 47.1, 51.7, 55.0, 60.4, 60.5, 54.7, 50.3, 42.3, 35.2,
    // 1928
    40.8, 41.1, 42.8, 47.3, 50.9, 56.4, 62.2, 60.5, 55.4, 50.2, 43.0, 37.3,
    // 1929
    34.8, 31.3, 41.0, 43.9, 53.1, 56.9, 62.5, 60.3, 59.8, 49.2, 42.9, 41.9,
    // 1930
    41.6, 37.1, 41.2, 46.9, 51.2, 60.4, 60.1, 61.6, 57.0, 50.9, 43.0, 38.8,
    // 1931
    37.1, 38.4, 38.4, 46.5, 53.5, 58.4, 60.6, 58.2, 53.8, 46.6, 45.5, 40.6,
    // 1932
    42.4, 38.4, 40.3, 44.6, 50.9, 57.0, 62.1, 63.5, 56.3, 47.3, 43.6, 41.8,
    // 1933
    36.2, 39.3, 44.5, 48.7, 54.2, 60.8, 65.5, 64.9, 60.1, 50.2, 42.1, 35.8,
    // 1934
    39.4, 38.2, 40.4, 46.9, 53.4, 59.6, 66.5, 60.4, 59.2, 51.2, 42.8, 45.8,
    // 1935
    40.0, 42.6, 43.5, 47.1, 50.0, 60.5, 64.6, 64.0, 56.8, 48.6, 44.2, 36.4,
    // 1936
    37.3, 35.0, 44.0, 43.9, 52.7, 58.6, 60.0, 61.1, 58.1, 49.6, 41.6, 41.3,
    // 1937
    40.8, 41.0, 38.4, 47.4, 54.1, 58.6, 61.4, 61.8, 56.3, 50.9, 41.4, 37.1,
    // 1938
    42.1, 41.2, 47.3, 46.6, 52.4, 59.0, 59.6, 60.4, 57.0, 50.7, 47.8, 39.2,
    // 1939
    39.4, 40.9, 42.4, 47.8, 52.4, 58.0, 60.7, 61.8, 58.2, 46.7, 46.6, 37.8,
];

/// Accidental deaths in the USA per month, January 1973 to December 1978 (72 months;
/// R's `USAccDeaths`). One year per line.
#[rustfmt::skip]
pub const US_ACCIDENTAL_DEATHS: [f64; 72] = [
    // 1973
    9007.0, 8106.0, 8928.0, 9137.0, 10017.0, 10826.0, 11317.0, 10744.0, 9713.0, 9938.0, 9161.0, 8927.0,
    // 1974
    7750.0, 6981.0, 8038.0, 8422.0, 8714.0, 9512.0, 10120.0, 9823.0, 8743.0, 9129.0, 8710.0, 8680.0,
    // 1975
    8162.0, 7306.0, 8124.0, 7870.0, 9387.0, 9556.0, 10093.0, 9620.0, 8285.0, 8466.0, 8160.0, 8034.0,
    // 1976
    7717.0, 7461.0, 7767.0, 7925.0, 8623.0, 8945.0, 10078.0, 9179.0, 8037.0, 8488.0, 7874.0, 8647.0,
    // 1977
    7792.0, 6957.0, 7726.0, 8106.0, 8890.0, 9299.0, 10625.0, 9302.0, 8314.0, 8850.0, 8265.0, 8796.0,
    // 1978
    7836.0, 6892.0, 7791.0, 8192.0, 9115.0, 9434.0, 10484.0, 9827.0, 9110.0, 9070.0, 8633.0, 9240.0,
];

// ---------------------------------------------------------------------------------------------
// The synthetic series
// ---------------------------------------------------------------------------------------------

/// The month of the synthetic series' first value.
pub const SYNTHETIC_START: YearMonth = YearMonth { year: 2000, month: 1 };
/// Months in the synthetic series: twelve years, like AirPassengers.
pub const SYNTHETIC_MONTHS: usize = 144;
/// Its seed.
pub const SYNTHETIC_SEED: u64 = 7;
/// Its trend grows by this factor each month (1 %, about 12.7 % a year).
pub const SYNTHETIC_GROWTH: f64 = 1.01;
/// Its seasonal factor for January … December: low in winter, high in July and August.
pub const SYNTHETIC_SEASON: [f64; 12] = [0.90, 0.88, 0.97, 0.99, 1.01, 1.10, 1.20, 1.19, 1.06, 0.97, 0.86, 0.93];
/// Its noise: a uniform factor in [1 − 0.04, 1 + 0.04).
pub const SYNTHETIC_NOISE: f64 = 0.04;

/// The synthetic series, value by value:
///
/// ```text
/// x_t = round₁( 100 · 1.01^t · season[t mod 12] · (1 + 0.04 · (2u_t − 1)) ),   t = 0 … 143
/// ```
///
/// with `u_t` the t-th uniform draw of [`Rng`] seeded with 7 and `round₁` rounding to one
/// decimal. The trend is built by repeated multiplication and the noise by the crate's own
/// generator, so the numbers are the same on every machine and in every browser.
pub fn synthetic_series() -> Vec<f64> {
    let mut rng = Rng::new(SYNTHETIC_SEED);
    let mut trend = 100.0;
    let mut values = Vec::with_capacity(SYNTHETIC_MONTHS);
    for t in 0..SYNTHETIC_MONTHS {
        let noise = 1.0 + SYNTHETIC_NOISE * (2.0 * rng.next_f64() - 1.0);
        let value = trend * SYNTHETIC_SEASON[t % 12] * noise;
        values.push((value * 10.0).round() / 10.0);
        trend *= SYNTHETIC_GROWTH;
    }
    values
}

// ---------------------------------------------------------------------------------------------
// The long-memory series
// ---------------------------------------------------------------------------------------------

/// The month of the long-memory series' first value.
pub const LONG_MEMORY_START: YearMonth = YearMonth { year: 1991, month: 1 };
/// Months in the long-memory series: thirty years, twelve repeats of the pattern.
pub const LONG_MEMORY_MONTHS: usize = 360;
/// The lag the series remembers: each value depends on the value this many months before, and
/// on nothing closer. A window of this many months holds that value at its first step.
pub const LONG_MEMORY_LAG: usize = 30;
/// Its seed.
pub const LONG_MEMORY_SEED: u64 = 30;
/// ρ, how much of the value `LONG_MEMORY_LAG` months back each value keeps.
pub const LONG_MEMORY_PERSISTENCE: f64 = 0.95;
/// The level and the amplitude: x_t = 100 + 20 · s_t.
pub const LONG_MEMORY_LEVEL: f64 = 100.0;
/// See [`LONG_MEMORY_LEVEL`].
pub const LONG_MEMORY_AMPLITUDE: f64 = 20.0;

/// The long-memory series, value by value:
///
/// ```text
/// s_t = e_t                              t = 0 … 29    (the pattern: 30 random values)
/// s_t = ρ · s_{t−30} + √(1 − ρ²) · e_t   t = 30 … 359  (ρ = 0.95: each repeat changes a little)
/// x_t = round₁( 100 + 20 · s_t )
/// ```
///
/// with `e_t` the t-th draw of [`Rng`] seeded with 30, uniform on [−1, 1), and `round₁`
/// rounding to one decimal. Every s_t has the variance of e_t (1/3), so the series neither
/// grows nor fades. The draws are independent, so in the process the months just before t say
/// nothing about x_t (in these 360 months the first draws' chance correlations, up to 0.25,
/// repeat with the pattern): only x_{t−30} does (x̂_t = 100 + ρ · (x_{t−30} − 100) is the best forecast from the
/// past, with an error of 20 · √(1 − ρ²) · e_t, RMSE about 3.6). A network with a 30-month
/// window sees x_{t−30} at its first step and must carry it through 29 more: the distance over
/// which, in the article's opening paragraph, an RNN's gradient vanishes and an LSTM's cell
/// state is meant to keep it. Because the pattern changes with every repeat, it cannot be
/// learnt by heart and recognised from the last few months instead. What the cells reach on
/// it is measured by `cargo run --release --example long_memory` (LONG_MEMORY.md).
pub fn long_memory_series() -> Vec<f64> {
    long_memory_recipe(LONG_MEMORY_LAG, LONG_MEMORY_PERSISTENCE)
}

/// The recipe of [`long_memory_series`] with another lag and persistence ρ (same seed, level,
/// amplitude and length): the variants `cargo run --release --example long_memory -- --lag N
/// --rho R` measures when choosing the series.
pub fn long_memory_recipe(lag: usize, persistence: f64) -> Vec<f64> {
    let mut rng = Rng::new(LONG_MEMORY_SEED);
    let fresh = (1.0 - persistence * persistence).sqrt();
    let mut s: Vec<f64> = Vec::with_capacity(LONG_MEMORY_MONTHS);
    for t in 0..LONG_MEMORY_MONTHS {
        let e = rng.uniform(-1.0, 1.0);
        let value = if t < lag {
            e
        } else {
            persistence * s[t - lag] + fresh * e
        };
        s.push(value);
    }
    s.iter()
        .map(|s| ((LONG_MEMORY_LEVEL + LONG_MEMORY_AMPLITUDE * s) * 10.0).round() / 10.0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataConfig, Dataset, Layout, Transform};

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    fn mean(values: &[f64]) -> f64 {
        values.iter().sum::<f64>() / values.len() as f64
    }

    fn min_max(values: &[f64]) -> (f64, f64) {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (min, max)
    }

    /// The twelve values of `year` in a series that starts in January of `first_year`.
    fn year(values: &[f64], first_year: i32, year: i32) -> &[f64] {
        let start = usize::try_from(year - first_year).unwrap() * 12;
        &values[start..start + 12]
    }

    #[test]
    fn the_examples_have_the_ids_lengths_and_months_the_page_expects() {
        let expected = [
            ("air_passengers", 144, ym(1949, 1), ym(1960, 12)),
            ("co2", 468, ym(1959, 1), ym(1997, 12)),
            ("nottem", 240, ym(1920, 1), ym(1939, 12)),
            ("us_accidental_deaths", 72, ym(1973, 1), ym(1978, 12)),
            ("synthetic", 144, ym(2000, 1), ym(2011, 12)),
            ("long_memory", 360, ym(1991, 1), ym(2020, 12)),
        ];
        assert_eq!(EXAMPLES.len(), expected.len());
        for (example, (id, len, first, last)) in EXAMPLES.iter().zip(expected) {
            let series = example.series();
            assert_eq!(example.id, id);
            assert_eq!(series.name, example.name, "{id}");
            assert_eq!(series.len(), len, "{id}");
            assert_eq!(series.months.len(), len, "{id}");
            assert_eq!(series.months[0], first, "{id}");
            assert_eq!(*series.months.last().unwrap(), last, "{id}");
            assert!(series.values.iter().all(|v| v.is_finite() && *v > 0.0), "{id}");
            for text in [example.name, example.description, example.unit, example.source] {
                assert!(!text.trim().is_empty(), "{id}");
            }
        }
    }

    #[test]
    fn example_series_lists_every_example_in_order_and_find_example_finds_them() {
        let all = example_series();
        assert_eq!(all.len(), EXAMPLES.len());
        assert_eq!(all[0], Series::air_passengers());
        for (series, example) in all.iter().zip(&EXAMPLES) {
            assert_eq!(series, &example.series());
            assert_eq!(find_example(example.id).map(|e| e.id), Some(example.id));
        }
        assert!(find_example("sunspots").is_none());
    }

    /// R's documentation of `co2` gives 468 values from 313.18 to 366.84 with mean 337.05, and
    /// says that February to April 1964 were interpolated between January and May 1964:
    /// (322.06 − 319.41)/4 = 0.6625 a month, so 320.07, 320.74 (320.735) and 321.40.
    #[test]
    fn co2_matches_r_summary_and_its_interpolated_months() {
        assert_eq!(min_max(&CO2), (313.18, 366.84));
        assert!((mean(&CO2) - 337.05).abs() < 0.005, "{}", mean(&CO2));
        let y1964 = year(&CO2, 1959, 1964);
        let step = (y1964[4] - y1964[0]) / 4.0;
        for k in 1..4 {
            let interpolated = y1964[0] + step * k as f64;
            assert!((y1964[k] - interpolated).abs() <= 0.005 + 1e-9, "1964 month {}", k + 1);
        }
        // Whole years as printed by an independent copy of R's data.
        assert_eq!(
            year(&CO2, 1959, 1970),
            [324.89, 325.82, 326.77, 327.97, 327.91, 327.5, 326.18, 324.53, 322.93, 322.9, 323.85, 324.96]
        );
        assert_eq!(
            year(&CO2, 1959, 1997),
            [363.23, 364.06, 364.61, 366.4, 366.84, 365.68, 364.52, 362.57, 360.24, 360.83, 362.49, 364.34]
        );
    }

    /// R's `nottem`: 31.3 °F in February 1929 is the coldest month, 66.5 °F in July 1934 the
    /// warmest; the mean of the 240 months is 49.04.
    #[test]
    fn nottem_has_its_known_extremes() {
        let series = find_example("nottem").unwrap().series();
        let (min, max) = min_max(&NOTTEM);
        assert_eq!((min, max), (31.3, 66.5));
        let month_of = |value: f64| series.months[NOTTEM.iter().position(|&v| v == value).unwrap()];
        assert_eq!(month_of(min), ym(1929, 2));
        assert_eq!(month_of(max), ym(1934, 7));
        assert!((mean(&NOTTEM) - 49.04).abs() < 0.005, "{}", mean(&NOTTEM));
    }

    /// R's `USAccDeaths`: the highest month is July 1973 (11,317), the lowest February 1978
    /// (6,892), and the six years add up to 632,793.
    #[test]
    fn us_accidental_deaths_has_its_known_extremes_and_total() {
        assert_eq!(min_max(&US_ACCIDENTAL_DEATHS), (6892.0, 11317.0));
        assert_eq!(US_ACCIDENTAL_DEATHS[6], 11317.0);
        assert_eq!(US_ACCIDENTAL_DEATHS[61], 6892.0);
        assert_eq!(US_ACCIDENTAL_DEATHS.iter().sum::<f64>(), 632_793.0);
    }

    #[test]
    fn the_synthetic_series_is_the_same_every_time_and_follows_its_recipe() {
        let values = synthetic_series();
        assert_eq!(values, synthetic_series());
        assert_eq!(values.len(), SYNTHETIC_MONTHS);
        // Every value is within the noise of trend × season, and rounded to one decimal.
        let mut trend = 100.0;
        for (t, &value) in values.iter().enumerate() {
            let clean = trend * SYNTHETIC_SEASON[t % 12];
            let ratio = value / clean;
            assert!(
                (ratio - 1.0).abs() <= SYNTHETIC_NOISE + 1e-3,
                "t={t}: {value} vs {clean}"
            );
            assert_eq!((value * 10.0).round() / 10.0, value);
            trend *= SYNTHETIC_GROWTH;
        }
        // The trend wins over the noise: every year adds up to more than the year before.
        let totals: Vec<f64> = values.chunks(12).map(|year| year.iter().sum()).collect();
        assert!(totals.windows(2).all(|pair| pair[1] > pair[0]), "{totals:?}");
        // A different seed would give different numbers: the seed matters.
        let mut other = Rng::new(SYNTHETIC_SEED + 1);
        let first_noise = 1.0 + SYNTHETIC_NOISE * (2.0 * other.next_f64() - 1.0);
        assert_ne!(
            values[0],
            ((100.0 * SYNTHETIC_SEASON[0] * first_noise) * 10.0).round() / 10.0
        );
    }

    /// The page lets a person pick any example with any window from 3 to 36, any transform and
    /// either layout: every such combination must give a dataset with training and test windows.
    #[test]
    fn every_example_works_with_every_setting_the_page_offers() {
        for example in &EXAMPLES {
            let series = example.series();
            for transform in Transform::ALL {
                for window in [3, 12, 36] {
                    for layout in [Layout::Sequence, Layout::Flat] {
                        let config = DataConfig {
                            window,
                            layout,
                            transform,
                            test_start: None,
                        };
                        let data = Dataset::prepare(&series, &config)
                            .unwrap_or_else(|error| panic!("{} with W={window}, {transform}: {error}", example.id));
                        assert!(data.n_train >= 1 && data.n_test() >= 1, "{}", example.id);
                    }
                }
            }
        }
    }

    /// Written out as the CSV a person could paste, each example reads back unchanged.
    #[test]
    fn every_example_survives_a_csv_round_trip() {
        for example in &EXAMPLES {
            let series = example.series();
            let csv: String = std::iter::once("month,value\n".to_string())
                .chain(
                    series
                        .months
                        .iter()
                        .zip(&series.values)
                        .map(|(m, v)| format!("{m},{v}\n")),
                )
                .collect();
            let back = Series::parse_csv(example.name, &csv).unwrap();
            assert_eq!(back, series, "{}", example.id);
        }
    }
}
