//! Classical forecasting baselines: the numbers an LSTM has to beat.
//!
//! Three textbook methods for a monthly series with a yearly pattern. Each is fitted on the
//! training part and then asked the two questions the LSTM is asked
//! ([`crate::train::Evaluation`]):
//!
//! - **one-step**: the prediction of month `t` from the *true* values before `t`, with the
//!   parameters fixed at their training fit (given for every month where the method can make
//!   one, in-sample over the training part too, `NaN` elsewhere);
//! - **recursive**: the forecast of every test month from the last training month, the method
//!   feeding its own predictions back (24 steps for AirPassengers; `NaN` before the test part).
//!
//! Both are scored over the test months with [`Errors::of`], exactly as the LSTM's are.
//!
//! # Notation
//!
//! Months are 0-based: xₜ for t = 0..n is the series, `test_start` the first test month and
//! T = `test_start` − 1 the last training month. yₜ = ln xₜ. The season length is
//! [`PERIOD`] = 12, and a forecast h ≥ 1 months after the origin T is written x̂_{T+h}.
//!
//! # The baselines
//!
//! 1. **Seasonal naive** ([`BaselineKind::SeasonalNaive`]): next month is this month a year
//!    ago. No parameters.
//!    - one-step: x̂ₜ = xₜ₋₁₂ for t ≥ 12;
//!    - recursive: x̂ₜ = x̂ₜ₋₁₂, which unrolls to x̂_{T+h} = x_{T−12+((h−1) mod 12)+1}: the last
//!      training year, repeated.
//!
//! 2. **AR(12) on logs** ([`BaselineKind::Ar12Log`], fitted by [`Ar12Fit::fit`]): the log of a
//!    month is a linear function of the logs of the twelve months before it,
//!
//!    ```text
//!    ŷₜ = c + φ₁ yₜ₋₁ + φ₂ yₜ₋₂ + … + φ₁₂ yₜ₋₁₂,    x̂ₜ = exp(ŷₜ)   (no bias correction).
//!    ```
//!
//!    The thirteen coefficients β = (c, φ₁, …, φ₁₂) minimise the sum of squared residuals
//!    Σₜ (yₜ − ŷₜ)² over t = 12..T (ordinary least squares with an intercept). The system is
//!    solved by Householder QR with column pivoting on the design matrix X, whose row for
//!    month t is (1, yₜ₋₁, …, yₜ₋₁₂): min ‖Xβ − y‖ = min ‖Rβ − Qᵀy‖. That avoids forming XᵀX,
//!    which squares the condition number, and still answers when the lags are exactly
//!    collinear (a pure exponential, a constant): columns whose remaining norm falls below
//!    10⁻¹⁰ of the largest are left out with coefficient 0 (a *basic* least-squares solution,
//!    which fits as well as any other). The one-step prediction puts true logs in the lags;
//!    the recursive forecast puts its own ŷ in the lags from `test_start` on.
//!
//! 3. **Holt–Winters** ([`BaselineKind::HoltWinters`], fitted by [`HoltWintersFit::fit`]):
//!    exponential smoothing with a level ℓ, an additive trend b and a multiplicative season s,
//!
//!    ```text
//!    ℓₜ = α xₜ / sₜ₋₁₂ + (1 − α)(ℓₜ₋₁ + bₜ₋₁)
//!    bₜ = β (ℓₜ − ℓₜ₋₁) + (1 − β) bₜ₋₁
//!    sₜ = γ xₜ / ℓₜ    + (1 − γ) sₜ₋₁₂
//!    ```
//!
//!    and the forecasts
//!
//!    ```text
//!    one-step:        x̂ₜ     = (ℓₜ₋₁ + bₜ₋₁) sₜ₋₁₂
//!    h steps from T:  x̂_{T+h} = (ℓ_T + h b_T) s_{T−12+((h−1) mod 12)+1}
//!    ```
//!
//!    *Initialisation* (the simple textbook one, from the first two years, all training
//!    months): with m₁ and m₂ the means of year 1 (x₀..x₁₁) and year 2 (x₁₂..x₂₃), the state at
//!    the end of year 1 is ℓ₁₁ = m₁, b₁₁ = (m₂ − m₁)/12, and the seasonal indices are
//!    sᵢ = xᵢ / m₁ for i = 0..11. The recursions run from t = 12, so one-step predictions exist
//!    from the second year on.
//!
//!    *Fit*: α, β, γ ∈ [0, 1] minimise the one-step sum of squared errors over the training
//!    part, SSE(α, β, γ) = Σ_{t=12}^{T} (xₜ − x̂ₜ)² ([`HoltWintersParams::sse`]). The SSE is
//!    evaluated on the grid {0.1, 0.3, 0.5, 0.7, 0.9}³; a Nelder–Mead search (reflection 1,
//!    expansion 2, contraction ½, shrink ½) starts from each of the four best grid points with
//!    an initial step of 0.1, every trial point clamped into the box [0, 1]³ so that an
//!    optimum on a face (β = 0, say) is reached exactly; the best result is then polished by
//!    restarting Nelder–Mead from it with a step of 0.02 until a restart no longer lowers the
//!    SSE. Everything is deterministic: same series, same parameters. With the parameters
//!    fixed, the recursions run on through the test part with the true values (one-step), and
//!    the recursive forecast is the h-step formula from the state at T.
//!
//! # On AirPassengers
//!
//! Fitted on 1949–1958 (`test_start` = 120) and scored on 1959–1960, RMSE in thousands of
//! passengers:
//!
//! | baseline        | one-step | recursive | fitted                               |
//! |-----------------|---------:|----------:|--------------------------------------|
//! | seasonal naive  |    49.99 |     76.99 | —                                    |
//! | AR(12) on logs  |    17.69 |     24.96 | c = 0.300, φ₁ = 0.445, …, φ₁₂ = 0.533 |
//! | Holt–Winters    |    14.93 |     36.74 | α = 0.309, β = 0.030, γ = 1.000      |
//!
//! γ = 1 sits on the edge of the box: each new year's seasonal index is that month's ratio to
//! the level, sₜ = xₜ/ℓₜ. Starting instead from a classical decomposition of the first two
//! years (centred 2×12 moving average, ratio-to-trend indices) and refitting gives nearly the
//! same here: α = 0.309, β = 0.029, γ = 1, RMSE 14.92 one-step and 36.61 recursive.
//!
//! # The leakage rule
//!
//! Everything a baseline learns comes from `values[..test_start]` only. The fits are written so
//! that this holds by construction: [`Ar12Fit::fit`] and [`HoltWintersFit::fit`] take the
//! training part `train = &values[..test_start]` and nothing else, and every recursive forecast
//! is computed from `train` alone. The test part is read for exactly two things: the input
//! check (every value must be finite, and positive where a method takes logs or ratios) and
//! the true history behind each one-step prediction, where x̂ₜ reads only x₀..xₜ₋₁.
//!
//! The module is plain Rust, like the rest of the engine: no browser types.

use serde::Serialize;

use crate::train::Errors;

/// The season length in months: the baselines are for monthly series with a yearly pattern.
pub const PERIOD: usize = 12;

// ---------------------------------------------------------------------------------------------
// The baselines and their results
// ---------------------------------------------------------------------------------------------

/// Which classical method. See the [module documentation](self) for the equations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineKind {
    /// x̂ₜ = xₜ₋₁₂: this month a year ago.
    SeasonalNaive,
    /// ŷₜ = c + Σₖ φₖ yₜ₋ₖ (k = 1..12) on yₜ = ln xₜ, by ordinary least squares.
    Ar12Log,
    /// Holt–Winters exponential smoothing: additive trend, multiplicative season of period 12.
    HoltWinters,
}

impl BaselineKind {
    /// Every baseline, simplest first: the order of [`fit_all`], of tables and of CSV columns.
    pub const ALL: [BaselineKind; 3] = [
        BaselineKind::SeasonalNaive,
        BaselineKind::Ar12Log,
        BaselineKind::HoltWinters,
    ];

    /// The stable snake_case id, the same one serde uses and the CSV column name:
    /// `"seasonal_naive"`, `"ar12_log"` or `"holt_winters"`.
    pub fn name(self) -> &'static str {
        match self {
            BaselineKind::SeasonalNaive => "seasonal_naive",
            BaselineKind::Ar12Log => "ar12_log",
            BaselineKind::HoltWinters => "holt_winters",
        }
    }

    /// The name to show a reader: "seasonal naive", "AR(12) on logs" or "Holt–Winters".
    pub fn label(self) -> &'static str {
        match self {
            BaselineKind::SeasonalNaive => "seasonal naive",
            BaselineKind::Ar12Log => "AR(12) on logs",
            BaselineKind::HoltWinters => "Holt–Winters",
        }
    }

    /// The fewest training months the fit needs: 12 for seasonal naive (one year to repeat),
    /// 25 for AR(12) (12 lags, then 13 equations for its 13 coefficients), 24 for Holt–Winters
    /// (two years to initialise from).
    pub fn min_train_months(self) -> usize {
        match self {
            BaselineKind::SeasonalNaive => PERIOD,
            BaselineKind::Ar12Log => PERIOD + PERIOD + 1,
            BaselineKind::HoltWinters => 2 * PERIOD,
        }
    }

    /// Whether every value must be positive: AR(12) takes logs, and Holt–Winters' season is a
    /// ratio that divides by seasonal indices and levels.
    pub fn needs_positive(self) -> bool {
        match self {
            BaselineKind::SeasonalNaive => false,
            BaselineKind::Ar12Log | BaselineKind::HoltWinters => true,
        }
    }

    /// Why the fit needs [`BaselineKind::min_train_months`], for messages.
    fn length_reason(self) -> &'static str {
        match self {
            BaselineKind::SeasonalNaive => "one full year to repeat",
            BaselineKind::Ar12Log => "12 lags, then at least 13 equations for its 13 coefficients",
            BaselineKind::HoltWinters => "two full years to initialise the level, trend and seasonal indices",
        }
    }

    /// Why the values must be positive, for messages.
    fn positive_reason(self) -> &'static str {
        match self {
            BaselineKind::SeasonalNaive => "",
            BaselineKind::Ar12Log => "it works on logarithms",
            BaselineKind::HoltWinters => "its season is multiplicative: it divides by seasonal indices and levels",
        }
    }
}

/// One baseline fitted on a training part, with its predictions over the whole series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Baseline {
    /// Which method.
    pub kind: BaselineKind,
    /// Per month (length n): the one-step prediction from the true values before the month,
    /// parameters fixed at their training fit; `NaN` where the method has none (the first
    /// year).
    pub one_step: Vec<f64>,
    /// Per month (length n): `NaN` before `test_start`, then the recursive forecast from the
    /// origin T = `test_start` − 1, built from the training part alone.
    pub recursive: Vec<f64>,
    /// One-step errors over the test months `test_start..n`.
    pub test: Errors,
    /// Recursive-forecast errors over the test months.
    pub recursive_test: Errors,
    /// The fitted parameters in words, such as "α = 0.276, β = 0.033, γ = 0.871".
    pub fitted: String,
}

/// Fits one baseline on `values[..test_start]` and predicts the whole series with it.
///
/// `Err` says plainly why it cannot: an empty series, a `test_start` that leaves no training
/// or no test months, a value that is not finite, too few training months (the message says
/// how many the method needs), or a zero or negative value where the method needs positive
/// ones (the message names its 1-based position). Never panics.
pub fn fit(kind: BaselineKind, values: &[f64], test_start: usize) -> Result<Baseline, String> {
    check_input(kind, values, test_start)?;
    let n = values.len();
    let train = &values[..test_start];
    let (one_step, recursive, fitted) = match kind {
        BaselineKind::SeasonalNaive => (
            seasonal_naive_one_step(values),
            seasonal_naive_recursive(train, n),
            "no parameters: x̂ₜ = xₜ₋₁₂".to_string(),
        ),
        BaselineKind::Ar12Log => {
            let ar = Ar12Fit::fit(train)?;
            (ar.one_step(values), ar.recursive(train, n), ar.describe())
        }
        BaselineKind::HoltWinters => {
            let hw = HoltWintersFit::fit(train)?;
            (
                hw.params.one_step(values),
                hw.params.recursive(train, n),
                hw.params.describe(),
            )
        }
    };
    let actual = &values[test_start..];
    Ok(Baseline {
        kind,
        test: Errors::of(&one_step[test_start..], actual),
        recursive_test: Errors::of(&recursive[test_start..], actual),
        one_step,
        recursive,
        fitted,
    })
}

/// Fits every baseline that can be fitted, in [`BaselineKind::ALL`] order; for those that
/// cannot, their [`fit`] messages.
pub fn fit_all(values: &[f64], test_start: usize) -> (Vec<Baseline>, Vec<(BaselineKind, String)>) {
    let mut fitted = Vec::new();
    let mut failed = Vec::new();
    for kind in BaselineKind::ALL {
        match fit(kind, values, test_start) {
            Ok(baseline) => fitted.push(baseline),
            Err(message) => failed.push((kind, message)),
        }
    }
    (fitted, failed)
}

// ---------------------------------------------------------------------------------------------
// Input checks
// ---------------------------------------------------------------------------------------------

/// Checks a whole series and its split before [`fit`].
fn check_input(kind: BaselineKind, values: &[f64], test_start: usize) -> Result<(), String> {
    let n = values.len();
    if n == 0 {
        return Err("the series is empty; a baseline needs a training part and at least one test month.".to_string());
    }
    if test_start == 0 {
        return Err("test_start is 0, which leaves no training months; \
                    the baselines are fitted on the months before test_start."
            .to_string());
    }
    if test_start >= n {
        return Err(format!(
            "test_start is {test_start} but the series has only {n} months, which leaves no test months; \
             test_start must be below {n}."
        ));
    }
    check_values(kind, values)?;
    check_length(kind, test_start)
}

/// Checks a training part before [`Ar12Fit::fit`] or [`HoltWintersFit::fit`].
fn check_train(kind: BaselineKind, train: &[f64]) -> Result<(), String> {
    check_values(kind, train)?;
    check_length(kind, train.len())
}

/// Every value finite, and positive when `kind` needs it; names the first offender (1-based).
fn check_values(kind: BaselineKind, values: &[f64]) -> Result<(), String> {
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return Err(format!(
            "value {} is {}, which is not a finite number; every value must be an ordinary number.",
            i + 1,
            values[i]
        ));
    }
    if kind.needs_positive() {
        if let Some(i) = values.iter().position(|&v| v <= 0.0) {
            return Err(format!(
                "value {} is {}, but the {} baseline needs every value positive ({}).",
                i + 1,
                values[i],
                kind.label(),
                kind.positive_reason()
            ));
        }
    }
    Ok(())
}

/// At least [`BaselineKind::min_train_months`] training months.
fn check_length(kind: BaselineKind, train_months: usize) -> Result<(), String> {
    let needed = kind.min_train_months();
    if train_months < needed {
        return Err(format!(
            "the {} baseline needs at least {needed} training months ({}), but the training part has only \
             {train_months}; move test_start later or use a longer series.",
            kind.label(),
            kind.length_reason()
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Seasonal naive
// ---------------------------------------------------------------------------------------------

/// x̂ₜ = xₜ₋₁₂ for t ≥ 12, `NaN` for the first year.
fn seasonal_naive_one_step(values: &[f64]) -> Vec<f64> {
    (0..values.len())
        .map(|t| if t >= PERIOD { values[t - PERIOD] } else { f64::NAN })
        .collect()
}

/// x̂_{T+h} = x_{T−12+((h−1) mod 12)+1} over months `train.len()..n`, `NaN` before
/// (`train` must hold at least a year).
fn seasonal_naive_recursive(train: &[f64], n: usize) -> Vec<f64> {
    let start = train.len();
    (0..n)
        .map(|t| {
            if t < start || start < PERIOD {
                f64::NAN
            } else {
                // T − 12 + ((h − 1) mod 12) + 1 with T = start − 1 and h = t − T.
                train[start - PERIOD + (t - start) % PERIOD]
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// AR(12) on logs
// ---------------------------------------------------------------------------------------------

/// Columns whose remaining norm is at most this fraction of the largest column norm count as
/// linearly dependent in [`least_squares`].
const RANK_TOLERANCE: f64 = 1e-10;

/// An AR(12) fitted to the logs of a training part: ŷₜ = c + Σₖ φₖ yₜ₋ₖ, k = 1..12.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ar12Fit {
    /// The intercept c.
    pub intercept: f64,
    /// The lag coefficients: `phi[k − 1]` is φₖ, the weight of yₜ₋ₖ.
    pub phi: [f64; PERIOD],
    /// The numerical rank of the design matrix: 13 unless the lags are collinear, in which
    /// case the coefficients are a basic least-squares solution (see the module doc).
    pub rank: usize,
}

impl Ar12Fit {
    /// Fits c and φ₁..φ₁₂ by least squares on the training part alone: the regression of yₜ
    /// on (1, yₜ₋₁, …, yₜ₋₁₂) for t = 12..`train.len()`. Needs at least 25 months, all finite
    /// and positive.
    pub fn fit(train: &[f64]) -> Result<Self, String> {
        check_train(BaselineKind::Ar12Log, train)?;
        let y: Vec<f64> = train.iter().map(|x| x.ln()).collect();
        let months = PERIOD..y.len();
        // The design matrix X by columns: the intercept, then lag k for k = 1..12.
        let mut columns = vec![vec![1.0; months.len()]];
        columns.extend((1..=PERIOD).map(|k| months.clone().map(|t| y[t - k]).collect::<Vec<f64>>()));
        let target: Vec<f64> = months.map(|t| y[t]).collect();
        let (beta, rank) = least_squares(columns, target);
        if beta.iter().any(|b| !b.is_finite()) {
            return Err("the AR(12) least-squares fit did not give finite coefficients for this series.".to_string());
        }
        let mut phi = [0.0; PERIOD];
        phi.copy_from_slice(&beta[1..]);
        Ok(Ar12Fit {
            intercept: beta[0],
            phi,
            rank,
        })
    }

    /// ŷₜ = c + Σₖ φₖ yₜ₋ₖ from the logs before t, `before` ending with yₜ₋₁ (at least 12).
    fn predict_log(&self, before: &[f64]) -> f64 {
        let last = before.len();
        self.intercept + (1..=PERIOD).map(|k| self.phi[k - 1] * before[last - k]).sum::<f64>()
    }

    /// Per month of `values`: x̂ₜ = exp(ŷₜ) with true logs in the lags, for t ≥ 12; `NaN` for
    /// the first year.
    pub fn one_step(&self, values: &[f64]) -> Vec<f64> {
        let y: Vec<f64> = values.iter().map(|x| x.ln()).collect();
        (0..values.len())
            .map(|t| {
                if t >= PERIOD {
                    self.predict_log(&y[..t]).exp()
                } else {
                    f64::NAN
                }
            })
            .collect()
    }

    /// Per month `0..n`: `NaN` over the training part, then the recursive forecast from its
    /// end, each ŷ fed back into the lags of the months after it. Reads `train` only.
    pub fn recursive(&self, train: &[f64], n: usize) -> Vec<f64> {
        let mut y: Vec<f64> = train.iter().map(|x| x.ln()).collect();
        let mut forecast = vec![f64::NAN; n];
        if train.len() < PERIOD {
            return forecast;
        }
        for slot in forecast.iter_mut().skip(train.len()) {
            let next = self.predict_log(&y);
            *slot = next.exp();
            y.push(next);
        }
        forecast
    }

    /// "c = 0.0123; φ₁..φ₁₂ = 0.712, 0.213, …", with the rank when the lags were collinear.
    fn describe(&self) -> String {
        let phi: Vec<String> = self.phi.iter().map(|p| format!("{p:.3}")).collect();
        let mut text = format!("c = {:.4}; φ₁..φ₁₂ = {}", self.intercept, phi.join(", "));
        if self.rank < PERIOD + 1 {
            text.push_str(&format!(" (collinear lags: rank {} of {})", self.rank, PERIOD + 1));
        }
        text
    }
}

/// The least-squares solution of Xβ ≈ y by Householder QR with column pivoting
/// (Businger & Golub 1965), and the numerical rank r of X.
///
/// `columns[j]` is column j of X (each as long as `y`). At step k the remaining column with
/// the largest norm below row k is swapped to position k, and a reflector H = I − 2vvᵀ/(vᵀv)
/// zeroes it below the diagonal; applied to every column and to y, the reflectors build
/// QᵀX = R and Qᵀy. When the largest remaining norm is at most [`RANK_TOLERANCE`] times the
/// largest column norm, the remaining columns depend on the chosen ones: they get coefficient 0
/// and the chosen ones solve the triangular system R₁₁ z = (Qᵀy)₁ by back substitution.
fn least_squares(mut columns: Vec<Vec<f64>>, mut y: Vec<f64>) -> (Vec<f64>, usize) {
    let p = columns.len();
    let m = y.len();
    let norm = |v: &[f64]| v.iter().map(|a| a * a).sum::<f64>().sqrt();
    let tolerance = RANK_TOLERANCE * columns.iter().map(|c| norm(c)).fold(0.0, f64::max);
    // order[k]: the original index of the column now at position k.
    let mut order: Vec<usize> = (0..p).collect();
    let mut rank = 0;
    for k in 0..p.min(m) {
        let (pivot, pivot_norm) = (k..p)
            .map(|j| (j, norm(&columns[j][k..])))
            .fold(
                (k, -1.0),
                |best, candidate| if candidate.1 > best.1 { candidate } else { best },
            );
        if pivot_norm.is_nan() || pivot_norm <= tolerance {
            break;
        }
        columns.swap(k, pivot);
        order.swap(k, pivot);
        // The reflector maps columns[k][k..] to (α, 0, …, 0), α = −sign(x_k)‖x‖ (no cancellation).
        let alpha = if columns[k][k] > 0.0 { -pivot_norm } else { pivot_norm };
        let mut v = columns[k][k..].to_vec();
        v[0] -= alpha;
        let vv: f64 = v.iter().map(|a| a * a).sum();
        let reflect = |target: &mut [f64]| {
            let scale = 2.0 * v.iter().zip(target.iter()).map(|(a, b)| a * b).sum::<f64>() / vv;
            target.iter_mut().zip(&v).for_each(|(t, a)| *t -= scale * a);
        };
        for column in columns.iter_mut().skip(k + 1) {
            reflect(&mut column[k..]);
        }
        reflect(&mut y[k..]);
        columns[k][k] = alpha;
        rank = k + 1;
    }
    // Back substitution through R₁₁, whose entry (i, j) is columns[j][i].
    let mut z = vec![0.0; rank];
    for i in (0..rank).rev() {
        let rest: f64 = (i + 1..rank).map(|j| columns[j][i] * z[j]).sum();
        z[i] = (y[i] - rest) / columns[i][i];
    }
    let mut beta = vec![0.0; p];
    for (k, &original) in order.iter().enumerate().take(rank) {
        beta[original] = z[k];
    }
    (beta, rank)
}

// ---------------------------------------------------------------------------------------------
// Holt–Winters
// ---------------------------------------------------------------------------------------------

/// The smoothing parameters of Holt–Winters, each in [0, 1].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct HoltWintersParams {
    /// α: how much of a new month goes into the level.
    pub alpha: f64,
    /// β: how much of a change in level goes into the trend.
    pub beta: f64,
    /// γ: how much of a new month's ratio to the level goes into its seasonal index.
    pub gamma: f64,
}

/// Holt–Winters fitted to a training part: the parameters and the SSE they reach.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct HoltWintersFit {
    /// The fitted α, β, γ.
    pub params: HoltWintersParams,
    /// SSE(α, β, γ) = Σ_{t=12}^{T} (xₜ − x̂ₜ)², the one-step sum of squared errors over the
    /// training part that the fit minimised.
    pub sse: f64,
}

/// The states after running the Holt–Winters recursions over a series.
struct HoltWintersRun {
    /// x̂ₜ = (ℓₜ₋₁ + bₜ₋₁) sₜ₋₁₂ per month, `NaN` for the first year.
    one_step: Vec<f64>,
    /// ℓ at the last month.
    level: f64,
    /// b at the last month.
    trend: f64,
    /// sₜ per month (the first year holds the initial indices).
    season: Vec<f64>,
}

impl HoltWintersParams {
    /// The parameters as a point of the box [0, 1]³, for the optimiser.
    fn from_point(p: Point) -> Self {
        HoltWintersParams {
            alpha: p[0],
            beta: p[1],
            gamma: p[2],
        }
    }

    /// Runs the recursions over `values` from the initial state of its first two years
    /// (ℓ₁₁ = m₁, b₁₁ = (m₂ − m₁)/12, sᵢ = xᵢ/m₁); `None` if there are fewer than 24 months.
    fn run(self, values: &[f64]) -> Option<HoltWintersRun> {
        if values.len() < 2 * PERIOD {
            return None;
        }
        let HoltWintersParams { alpha, beta, gamma } = self;
        let year_1 = values[..PERIOD].iter().sum::<f64>() / PERIOD as f64;
        let year_2 = values[PERIOD..2 * PERIOD].iter().sum::<f64>() / PERIOD as f64;
        let mut level = year_1;
        let mut trend = (year_2 - year_1) / PERIOD as f64;
        let mut season: Vec<f64> = values[..PERIOD].iter().map(|x| x / year_1).collect();
        let mut one_step = vec![f64::NAN; PERIOD];
        for (t, &x) in values.iter().enumerate().skip(PERIOD) {
            let last_year = season[t - PERIOD];
            one_step.push((level + trend) * last_year);
            let new_level = alpha * x / last_year + (1.0 - alpha) * (level + trend);
            trend = beta * (new_level - level) + (1.0 - beta) * trend;
            level = new_level;
            season.push(gamma * x / level + (1.0 - gamma) * last_year);
        }
        Some(HoltWintersRun {
            one_step,
            level,
            trend,
            season,
        })
    }

    /// SSE(α, β, γ) = Σ_{t=12}^{T} (xₜ − x̂ₜ)² over the training part `train`; +∞ when it
    /// cannot be computed (fewer than 24 months, or recursions that overflow).
    pub fn sse(self, train: &[f64]) -> f64 {
        let Some(run) = self.run(train) else {
            return f64::INFINITY;
        };
        let sse: f64 = train
            .iter()
            .zip(&run.one_step)
            .skip(PERIOD)
            .map(|(x, predicted)| (x - predicted).powi(2))
            .sum();
        if sse.is_finite() {
            sse
        } else {
            f64::INFINITY
        }
    }

    /// Per month of `values`: the one-step prediction x̂ₜ = (ℓₜ₋₁ + bₜ₋₁) sₜ₋₁₂ with the
    /// recursions fed the true values, `NaN` for the first year (all `NaN` if there are fewer
    /// than 24 months to initialise from).
    pub fn one_step(self, values: &[f64]) -> Vec<f64> {
        match self.run(values) {
            Some(run) => run.one_step,
            None => vec![f64::NAN; values.len()],
        }
    }

    /// Per month `0..n`: `NaN` over the training part, then x̂_{T+h} = (ℓ_T + h b_T)
    /// s_{T−12+((h−1) mod 12)+1} from the state at its last month T. Reads `train` only.
    pub fn recursive(self, train: &[f64], n: usize) -> Vec<f64> {
        let mut forecast = vec![f64::NAN; n];
        let Some(run) = self.run(train) else {
            return forecast;
        };
        let start = train.len();
        for (t, slot) in forecast.iter_mut().enumerate().skip(start) {
            let h = t + 1 - start;
            *slot = (run.level + h as f64 * run.trend) * run.season[start - PERIOD + (h - 1) % PERIOD];
        }
        forecast
    }

    /// "α = 0.276, β = 0.033, γ = 0.871".
    fn describe(self) -> String {
        format!("α = {:.3}, β = {:.3}, γ = {:.3}", self.alpha, self.beta, self.gamma)
    }
}

/// The coarse grid of starting values for each of α, β, γ.
const GRID: [f64; 5] = [0.1, 0.3, 0.5, 0.7, 0.9];
/// How many of the best grid points start a Nelder–Mead search.
const STARTS: usize = 4;
/// The initial simplex step of those searches, and of the polishing restarts.
const START_STEP: f64 = 0.1;
const POLISH_STEP: f64 = 0.02;
/// At most this many polishing restarts.
const MAX_POLISH: usize = 20;

impl HoltWintersFit {
    /// Fits α, β, γ ∈ [0, 1] by minimising [`HoltWintersParams::sse`] on the training part
    /// alone: grid, Nelder–Mead from the best grid points, polishing restarts (see the module
    /// doc). Needs at least 24 months, all finite and positive.
    pub fn fit(train: &[f64]) -> Result<Self, String> {
        check_train(BaselineKind::HoltWinters, train)?;
        let sse = |p: Point| HoltWintersParams::from_point(p).sse(train);
        let mut grid: Vec<(Point, f64)> = Vec::with_capacity(GRID.len().pow(3));
        for &alpha in &GRID {
            for &beta in &GRID {
                for &gamma in &GRID {
                    let p = [alpha, beta, gamma];
                    grid.push((p, sse(p)));
                }
            }
        }
        grid.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut best = grid[0];
        for &(start, _) in grid.iter().take(STARTS) {
            let candidate = nelder_mead(&sse, start, START_STEP);
            if candidate.1 < best.1 {
                best = candidate;
            }
        }
        for _ in 0..MAX_POLISH {
            let candidate = nelder_mead(&sse, best.0, POLISH_STEP);
            if candidate.1 < best.1 {
                best = candidate;
            } else {
                break;
            }
        }
        if !best.1.is_finite() {
            return Err("the Holt–Winters recursions overflow for every α, β, γ tried on this series.".to_string());
        }
        Ok(HoltWintersFit {
            params: HoltWintersParams::from_point(best.0),
            sse: best.1,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Nelder–Mead on the box [0, 1]³
// ---------------------------------------------------------------------------------------------

/// A point (α, β, γ) of the box [0, 1]³.
type Point = [f64; 3];

/// At most this many Nelder–Mead iterations per search.
const MAX_ITERATIONS: usize = 1000;

/// The nearest point of the box [0, 1]³.
fn clamp_to_box(p: Point) -> Point {
    p.map(|c| c.clamp(0.0, 1.0))
}

/// a + t (b − a), clamped into the box.
fn along(a: Point, b: Point, t: f64) -> Point {
    clamp_to_box([0, 1, 2].map(|i| a[i] + t * (b[i] - a[i])))
}

/// Minimises `f` over [0, 1]³ by Nelder–Mead (Nelder & Mead 1965) from `start`, returning the
/// best vertex and its value.
///
/// The first simplex is `start` and `start` moved by `step` along each axis (inwards when the
/// move would leave the box). Each iteration orders the vertices best to worst, takes the
/// centroid c of all but the worst w, and tries, in turn, the reflection r = c + (c − w), the
/// expansion c + 2(c − w) if r beat the best, or a contraction halfway from c towards r or w
/// if r did not beat the second worst; if even the contraction fails, the simplex shrinks
/// halfway towards its best vertex. Trial points are clamped into the box. The search stops
/// when the vertices agree to 10⁻⁹, or when they agree to 10⁻⁶ and their values to 10⁻¹²
/// relative, or when every value is +∞ (nothing to improve), or after [`MAX_ITERATIONS`].
fn nelder_mead(f: &impl Fn(Point) -> f64, start: Point, step: f64) -> (Point, f64) {
    let start = clamp_to_box(start);
    let evaluate = |p: Point| {
        let value = f(p);
        (p, if value.is_nan() { f64::INFINITY } else { value })
    };
    let mut simplex = [evaluate(start); 4];
    for axis in 0..3 {
        let mut p = start;
        p[axis] = if p[axis] + step <= 1.0 {
            p[axis] + step
        } else {
            p[axis] - step
        };
        simplex[axis + 1] = evaluate(clamp_to_box(p));
    }
    for _ in 0..MAX_ITERATIONS {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (best, second_worst, worst) = (simplex[0], simplex[2], simplex[3]);
        let spread = worst.1 - best.1;
        let size = simplex
            .iter()
            .flat_map(|(p, _)| (0..3).map(move |i| (p[i] - best.0[i]).abs()))
            .fold(0.0, f64::max);
        let settled = size <= 1e-9 || (spread <= 1e-12 * (1.0 + best.1.abs()) && size <= 1e-6);
        if settled || best.1.is_infinite() {
            break;
        }
        let centroid: Point = [0, 1, 2].map(|i| (simplex[0].0[i] + simplex[1].0[i] + simplex[2].0[i]) / 3.0);
        let reflected = evaluate(along(centroid, worst.0, -1.0));
        if reflected.1 < best.1 {
            let expanded = evaluate(along(centroid, worst.0, -2.0));
            simplex[3] = if expanded.1 < reflected.1 { expanded } else { reflected };
        } else if reflected.1 < second_worst.1 {
            simplex[3] = reflected;
        } else {
            let (contracted, bar) = if reflected.1 < worst.1 {
                (evaluate(along(centroid, reflected.0, 0.5)), reflected.1)
            } else {
                (evaluate(along(centroid, worst.0, 0.5)), worst.1)
            };
            if contracted.1 < bar {
                simplex[3] = contracted;
            } else {
                for vertex in simplex.iter_mut().skip(1) {
                    *vertex = evaluate(along(best.0, vertex.0, 0.5));
                }
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    simplex[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_squares_solves_a_square_system_exactly() {
        // X = [[2, 1], [1, 3]], y = X (1, −2).
        let (beta, rank) = least_squares(vec![vec![2.0, 1.0], vec![1.0, 3.0]], vec![0.0, -5.0]);
        assert_eq!(rank, 2);
        assert!(
            (beta[0] - 1.0).abs() < 1e-12 && (beta[1] + 2.0).abs() < 1e-12,
            "{beta:?}"
        );
    }

    #[test]
    fn least_squares_fits_a_line_through_noisy_points() {
        // y = 1 + 2x + e with Σe = 0 and Σxe = 0, so the least-squares line is exactly 1 + 2x.
        let x = [0.0, 1.0, 2.0, 3.0];
        let e = [0.5, -0.5, -0.5, 0.5];
        let y: Vec<f64> = x.iter().zip(&e).map(|(x, e)| 1.0 + 2.0 * x + e).collect();
        let (beta, rank) = least_squares(vec![vec![1.0; 4], x.to_vec()], y);
        assert_eq!(rank, 2);
        assert!(
            (beta[0] - 1.0).abs() < 1e-12 && (beta[1] - 2.0).abs() < 1e-12,
            "{beta:?}"
        );
    }

    #[test]
    fn least_squares_gives_a_basic_solution_for_collinear_columns() {
        // The second column is twice the first: rank 1, and the fit is still exact.
        let a = vec![1.0, 2.0, 3.0];
        let b: Vec<f64> = a.iter().map(|v| 2.0 * v).collect();
        let y: Vec<f64> = a.iter().map(|v| 5.0 * v).collect();
        let (beta, rank) = least_squares(vec![a.clone(), b.clone()], y.clone());
        assert_eq!(rank, 1);
        for i in 0..3 {
            assert!((beta[0] * a[i] + beta[1] * b[i] - y[i]).abs() < 1e-12, "{beta:?}");
        }
        // All-zero columns: rank 0, coefficients 0.
        assert_eq!(least_squares(vec![vec![0.0; 3]], vec![1.0; 3]), (vec![0.0], 0));
    }

    #[test]
    fn nelder_mead_finds_interior_and_boundary_minima() {
        let interior = |p: Point| (p[0] - 0.3).powi(2) + 2.0 * (p[1] - 0.6).powi(2) + (p[2] - 0.45).powi(2);
        let (p, value) = nelder_mead(&interior, [0.9, 0.1, 0.9], 0.1);
        assert!(value < 1e-12, "{p:?} {value}");
        // The unconstrained minimum (−0.5, 1.5, 0.2) lies outside: the box minimum is (0, 1, 0.2).
        let outside = |p: Point| (p[0] + 0.5).powi(2) + (p[1] - 1.5).powi(2) + (p[2] - 0.2).powi(2);
        let (p, _) = nelder_mead(&outside, [0.5, 0.5, 0.5], 0.1);
        assert!(
            p[0].abs() < 1e-6 && (p[1] - 1.0).abs() < 1e-6 && (p[2] - 0.2).abs() < 1e-6,
            "{p:?}"
        );
    }

    #[test]
    fn holt_winters_first_step_matches_the_equations_by_hand() {
        // Year 1 all 10 (m₁ = 10, sᵢ = 1), year 2 all 22 (m₂ = 22, b₁₁ = 1).
        let mut values = vec![10.0; 12];
        values.extend([22.0; 12]);
        let p = HoltWintersParams {
            alpha: 0.5,
            beta: 0.25,
            gamma: 0.5,
        };
        let run = p.run(&values).unwrap();
        // x̂₁₂ = (ℓ₁₁ + b₁₁) s₀ = 11.
        assert_eq!(run.one_step[12], 11.0);
        // ℓ₁₂ = 0.5·22/1 + 0.5·11 = 16.5; b₁₂ = 0.25·6.5 + 0.75·1 = 2.375;
        // s₁₂ = 0.5·22/16.5 + 0.5·1; x̂₁₃ = (16.5 + 2.375)·s₁ = 18.875.
        assert!((run.one_step[13] - 18.875).abs() < 1e-12);
        assert!((run.season[12] - (0.5 * 22.0 / 16.5 + 0.5)).abs() < 1e-12);
    }

    #[test]
    fn names_are_the_serde_names() {
        for kind in BaselineKind::ALL {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.name()));
        }
    }
}
