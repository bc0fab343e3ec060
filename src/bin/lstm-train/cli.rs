//! The command line itself (native only; see `main.rs`).

use std::fmt::{Display, Write as _};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::builder::RangedU64ValueParser;
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

use lstm_conveyor::baselines::{self, Baseline, BaselineKind};
use lstm_conveyor::data::{Layout, Series, Transform, YearMonth, MAX_WINDOW};
use lstm_conveyor::model::{CellKind, OptimizerKind, ParamSet};
use lstm_conveyor::train::{
    Errors, Evaluation, Regressor, TrainConfig, TrainError, Trainer, DEFAULT_EPOCHS, MAX_ENSEMBLE, MAX_HIDDEN,
    MAX_LAYERS, MEMBER_SEED_STRIDE, VALIDATION_MONTHS,
};
use lstm_conveyor::weights::{self, WeightsConfig};

/// Evaluate (test RMSE on the progress bar, one log line) every this many epochs.
const DEFAULT_LOG_EVERY: usize = 50;

/// Two fitted transform constants agree when they differ by at most this, relative to the
/// larger of the two and the file's scale.
const TRANSFORM_TOLERANCE: f64 = 1e-9;

/// Exit status: an output file could not be written (training itself went well).
const EXIT_WRITE_FAILED: u8 = 1;
/// Exit status: a flag, a value, the data file or the weights file is not usable (clap uses
/// the same status for the errors it finds). Nothing was trained or written.
const EXIT_USAGE: u8 = 2;
/// Exit status: training diverged. Nothing was written.
const EXIT_DIVERGED: u8 = 3;

/// What `--help` says after the flags: `--weights-in`, the exit statuses, examples.
fn after_help() -> String {
    format!(
        "\
With --weights-in, the network's shape (window, layout, hidden, layers), the transform and the
test start are read from the file, and a flag that contradicts the file is an error. The
transform is fitted again on the data and must give the constants stored in the file (same
series, same test start); otherwise the run stops, because the network would be fed numbers on
a scale it was not trained on. --epochs then defaults to 0 (predict only); more epochs
fine-tune the loaded weights with a fresh optimizer.

Exit status: 0 done; {EXIT_WRITE_FAILED} an output file could not be written; {EXIT_USAGE} a bad \
flag, value, data file
or weights file (nothing was trained or written); {EXIT_DIVERGED} training diverged (nothing \
was written).

Examples:
  lstm-train --epochs 500 --weights-out weights.json --predictions-out predictions.csv
  lstm-train --article --epochs 1000 --quiet
  lstm-train --weights-in weights.json --predictions-out predictions.csv"
    )
}

// ---------------------------------------------------------------------------------------------
// Flags
// ---------------------------------------------------------------------------------------------

/// Trains the LSTM of the LSTM Conveyor demo on a monthly series (AirPassengers unless --data
/// is given), prints its errors, and writes its predictions and weights.
#[derive(Debug, Parser)]
#[command(version, after_help = after_help(), allow_negative_numbers = true)]
struct Cli {
    #[arg(long, value_name = "N", help = format!(
        "Epochs to train, 0 or more [default: {DEFAULT_EPOCHS}; 0 with --weights-in]"
    ))]
    epochs: Option<usize>,

    #[arg(long, value_name = "N", help = described(
        "Seed of the initial weights and of the mini-batch shuffle, 0 or more",
        |c| c.model.seed,
    ))]
    seed: Option<u64>,

    #[arg(long, value_name = "CELL", value_parser = parse_cell, help = described(
        &format!("The recurrent cell of every layer: {}", names(CellKind::ALL.map(CellKind::name))),
        |c| c.model.cell,
    ))]
    cell: Option<CellKind>,

    #[arg(long, value_name = "H", value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_HIDDEN as u64),
        help = described(&format!("Hidden units per layer, 1..={MAX_HIDDEN}"), |c| c.model.hidden))]
    hidden: Option<usize>,

    #[arg(long, value_name = "N", value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_LAYERS as u64),
        help = described(&format!("Stacked LSTM layers, 1..={MAX_LAYERS}"), |c| c.model.layers))]
    layers: Option<usize>,

    #[arg(long, value_name = "W", value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_WINDOW as u64),
        help = described(&format!("Months in one input window, 1..={MAX_WINDOW}"), |c| c.model.window))]
    window: Option<usize>,

    #[arg(long, value_name = "LAYOUT", value_parser = parse_layout, help = described(
        "How a window enters the LSTM: sequence (W steps of 1 value) or flat (1 step of W values)",
        |c| c.model.layout,
    ))]
    layout: Option<Layout>,

    #[arg(long, value_name = "NAME", value_parser = parse_transform, help = described(
        &format!("How values become model inputs: {}", names(Transform::ALL.map(Transform::name))),
        |c| c.transform,
    ))]
    transform: Option<Transform>,

    #[arg(long, value_name = "NAME", value_parser = parse_optimizer, help = described(
        &format!("Update rule: {}", names(OptimizerKind::ALL.map(OptimizerKind::name))),
        |c| c.model.optimizer.name(),
    ))]
    optimizer: Option<OptimizerKind>,

    #[arg(long, value_name = "RATE", value_parser = parse_learning_rate, help = described(
        "Learning rate, a positive number",
        |c| c.model.learning_rate,
    ))]
    lr: Option<f64>,

    #[arg(long, value_name = "N|all", value_parser = parse_batch_size, help = described(
        "Training windows per optimizer step, 1 or more, or all (one step per epoch)",
        |c| batch_name(c.model.batch_size),
    ))]
    batch_size: Option<BatchSize>,

    #[arg(long, value_name = "NORM", value_parser = parse_clip, help = described(
        "Clip the gradient to this global L2 norm, a positive number, or none",
        |c| clip_name(c.model.clip_norm),
    ))]
    clip: Option<Clip>,

    #[arg(long, value_name = "0|1", value_parser = parse_forget_bias, help = described(
        "Initial bias of the forget gate: 1 (TensorFlow's BasicLSTMCell) or 0",
        |c| u8::from(c.model.forget_bias_one),
    ))]
    forget_bias: Option<bool>,

    #[arg(long, value_name = "on|off", value_parser = parse_on_off, help = described(
        &format!(
            "Hold out the last {VALIDATION_MONTHS} training months, score them after every epoch and keep the \
             weights of the best epoch (--epochs is then the most it trains)"
        ),
        |c| on_off(c.early_stopping),
    ))]
    early_stopping: Option<bool>,

    #[arg(long, value_name = "N", value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_ENSEMBLE as u64),
        help = described(&format!(
            "Train N networks (seeds seed, seed+{MEMBER_SEED_STRIDE}, …) and forecast their mean, 1..={MAX_ENSEMBLE}"
        ), |c| c.ensemble))]
    ensemble: Option<usize>,

    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, help = test_start_help())]
    test_start: Option<YearMonth>,

    /// Read the series from a CSV file: one value per line, or month (YYYY-MM) and value;
    /// an optional header [default: the built-in AirPassengers, 1949-01 to 1960-12]
    #[arg(long, value_name = "FILE.csv")]
    data: Option<PathBuf>,

    #[arg(long, help = article_help())]
    article: bool,

    /// Write the weights as JSON in PyTorch's state_dict layout, with the settings and the
    /// fitted transform, for the page or --weights-in
    #[arg(long, value_name = "FILE")]
    weights_out: Option<PathBuf>,

    /// Write a CSV with header month,actual,one_step,recursive,seasonal_naive,ar12_log,holt_winters,
    /// one line per month (an empty cell where a month has no prediction); the last three are the
    /// baselines' one-step predictions, fitted on the training part only
    #[arg(long, value_name = "FILE")]
    predictions_out: Option<PathBuf>,

    /// Write a CSV with header layer,step,grad_h_norm,grad_c_norm: per layer and time step of
    /// the window predicting --trace-month, ‖∂L/∂h_t‖ and ‖∂L/∂c_t‖ (empty for a cell without a
    /// cell state) for L = (ŷ − y)² of that window in model space (member 1 of an ensemble)
    #[arg(long, value_name = "FILE", requires = "trace_month")]
    gradient_flow_out: Option<PathBuf>,

    /// The month whose predicting window --gradient-flow-out follows
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, requires = "gradient_flow_out")]
    trace_month: Option<YearMonth>,

    /// Load weights written by --weights-out and predict with them (see below)
    #[arg(long, value_name = "FILE")]
    weights_in: Option<PathBuf>,

    /// No progress bar, no log lines and no evaluation while training; the summary is still
    /// printed
    #[arg(long)]
    quiet: bool,

    #[arg(long, value_name = "N", help = format!(
        "Every N epochs, compute the test RMSE and print a log line; 0 = never (the summary \
         still has it) [default: {DEFAULT_LOG_EVERY}]"
    ))]
    log_every: Option<usize>,
}

/// `text [default: page]`, or `text [default: page; with --article: article]` when they differ.
fn described<T: Display>(text: &str, value: impl Fn(&TrainConfig) -> T) -> String {
    let page = value(&TrainConfig::default()).to_string();
    let article = value(&TrainConfig::article()).to_string();
    if page == article {
        format!("{text} [default: {page}]")
    } else {
        format!("{text} [default: {page}; with --article: {article}]")
    }
}

/// `--article`'s help, with the preset's settings read from [`TrainConfig::article`].
fn article_help() -> String {
    let article = TrainConfig::article();
    let m = &article.model;
    format!(
        "Start from the article's exact set-up instead of the page's defaults ({} transform, \
         {} layout, window {}, hidden {}, {}, {} lr {}, batch {}); other flags \
         override it",
        article.transform,
        m.layout,
        m.window,
        m.hidden,
        layers_text(m.layers),
        m.optimizer.name(),
        m.learning_rate,
        batch_name(m.batch_size)
    )
}

/// `--test-start`'s help, with AirPassengers' default split read from the data module.
fn test_start_help() -> String {
    let series = Series::air_passengers();
    format!(
        "First month of the test part; the months before it train the model and fit the \
         transform [default: {} for AirPassengers, the last fifth of another series (at most \
         24 months)]",
        series.months[series.default_test_start()]
    )
}

/// "1 layer", "3 layers".
fn layers_text(layers: usize) -> String {
    format!("{layers} layer{}", if layers == 1 { "" } else { "s" })
}

/// `a, b or c`.
fn names<const N: usize>(names: [&str; N]) -> String {
    match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// `--batch-size`: a number of windows, or every training window.
#[derive(Clone, Copy, Debug)]
struct BatchSize(Option<usize>);

/// `--clip`: a norm, or no clipping.
#[derive(Clone, Copy, Debug)]
struct Clip(Option<f64>);

fn batch_name(batch_size: Option<usize>) -> String {
    batch_size.map_or("all".to_string(), |n| n.to_string())
}

fn clip_name(clip_norm: Option<f64>) -> String {
    clip_norm.map_or("none".to_string(), |c| c.to_string())
}

fn parse_cell(s: &str) -> Result<CellKind, String> {
    CellKind::from_name(s).ok_or_else(|| format!("not a cell; choose {}", names(CellKind::ALL.map(CellKind::name))))
}

fn parse_layout(s: &str) -> Result<Layout, String> {
    Layout::parse(s).map_err(|error| error.to_string())
}

fn parse_transform(s: &str) -> Result<Transform, String> {
    Transform::parse(s).map_err(|error| error.to_string())
}

fn parse_optimizer(s: &str) -> Result<OptimizerKind, String> {
    OptimizerKind::parse(s).ok_or_else(|| {
        format!(
            "not an optimizer; choose {}",
            names(OptimizerKind::ALL.map(OptimizerKind::name))
        )
    })
}

fn on_off(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "off"
    }
}

fn parse_on_off(s: &str) -> Result<bool, String> {
    match s {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("expected on or off, not '{s}'")),
    }
}

fn parse_month(s: &str) -> Result<YearMonth, String> {
    YearMonth::parse(s).map_err(|error| error.to_string())
}

fn positive_number(s: &str, what: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err(format!("the {what} must be a positive number")),
    }
}

fn parse_learning_rate(s: &str) -> Result<f64, String> {
    positive_number(s, "learning rate")
}

fn parse_clip(s: &str) -> Result<Clip, String> {
    if s.trim().eq_ignore_ascii_case("none") {
        return Ok(Clip(None));
    }
    positive_number(s, "clipping norm")
        .map(|norm| Clip(Some(norm)))
        .map_err(|message| format!("{message}, or none"))
}

fn parse_batch_size(s: &str) -> Result<BatchSize, String> {
    if s.trim().eq_ignore_ascii_case("all") {
        return Ok(BatchSize(None));
    }
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(BatchSize(Some(n))),
        _ => Err("the batch size must be a whole number of at least 1, or all".to_string()),
    }
}

fn parse_forget_bias(s: &str) -> Result<bool, String> {
    match s.trim() {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => Err("the forget gate's initial bias must be 0 or 1".to_string()),
    }
}

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

/// Why a run stopped early: the message for stderr and the exit status.
struct Failure {
    status: u8,
    message: String,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Failure {
            status: EXIT_USAGE,
            message: message.into(),
        }
    }
}

impl From<TrainError> for Failure {
    /// A setting or data error is a usage error; divergence has its own status.
    fn from(error: TrainError) -> Self {
        let status = match error {
            TrainError::Diverged { .. } => EXIT_DIVERGED,
            _ => EXIT_USAGE,
        };
        Failure {
            status,
            message: error.to_string(),
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            ExitCode::from(failure.status)
        }
    }
}

/// The settings the flags ask for, on top of the page's defaults or the article's.
fn settings(cli: &Cli) -> TrainConfig {
    let mut config = if cli.article {
        TrainConfig::article()
    } else {
        TrainConfig::default()
    };
    let model = &mut config.model;
    if let Some(seed) = cli.seed {
        model.seed = seed;
    }
    if let Some(cell) = cli.cell {
        model.cell = cell;
    }
    if let Some(hidden) = cli.hidden {
        model.hidden = hidden;
    }
    if let Some(layers) = cli.layers {
        model.layers = layers;
    }
    if let Some(window) = cli.window {
        model.window = window;
    }
    if let Some(layout) = cli.layout {
        model.layout = layout;
    }
    if let Some(optimizer) = cli.optimizer {
        model.optimizer = optimizer;
    }
    if let Some(lr) = cli.lr {
        model.learning_rate = lr;
    }
    if let Some(BatchSize(batch_size)) = cli.batch_size {
        model.batch_size = batch_size;
    }
    if let Some(Clip(clip_norm)) = cli.clip {
        model.clip_norm = clip_norm;
    }
    if let Some(forget_bias_one) = cli.forget_bias {
        model.forget_bias_one = forget_bias_one;
    }
    if let Some(transform) = cli.transform {
        config.transform = transform;
    }
    if cli.test_start.is_some() {
        config.test_start = cli.test_start;
    }
    if let Some(early_stopping) = cli.early_stopping {
        config.early_stopping = early_stopping;
    }
    if let Some(ensemble) = cli.ensemble {
        config.ensemble = ensemble;
    }
    config
}

fn load_series(path: Option<&Path>) -> Result<Series, Failure> {
    let Some(path) = path else {
        return Ok(Series::air_passengers());
    };
    let text = fs::read_to_string(path)
        .map_err(|error| Failure::usage(format!("cannot read --data {}: {error}", path.display())))?;
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Series::parse_csv(&name, &text).map_err(|error| Failure::usage(format!("--data {}: {error}", path.display())))
}

/// Refuses an output path whose folder does not exist, before any time is spent training.
fn check_output(path: Option<&Path>, flag: &str) -> Result<(), Failure> {
    let Some(path) = path else { return Ok(()) };
    if path.is_dir() {
        return Err(Failure::usage(format!(
            "{flag} {} is a folder; give a file name",
            path.display()
        )));
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(Failure::usage(format!(
            "{flag} {}: the folder {} does not exist",
            path.display(),
            folder.display()
        )));
    }
    Ok(())
}

/// What a loaded weights file says, kept for the summary.
struct Loaded {
    path: PathBuf,
    series: Option<String>,
}

/// Reads a weights file, takes the network's shape, the transform and the test start from it
/// (refusing flags that contradict it), and builds the trainer around its weights.
fn trainer_from_weights(
    cli: &Cli,
    path: &Path,
    series: &Series,
    mut config: TrainConfig,
) -> Result<(Trainer, Loaded), Failure> {
    let shown = path.display();
    let text = fs::read_to_string(path)
        .map_err(|error| Failure::usage(format!("cannot read --weights-in {shown}: {error}")))?;
    let file = weights::from_json(&text).map_err(|error| Failure::usage(format!("--weights-in {shown}: {error}")))?;
    let saved = &file.config;

    let contradicts = |flag: &str, given: Option<String>, saved: String| match given {
        Some(given) if given != saved => Err(Failure::usage(format!(
            "{flag} {given} contradicts --weights-in {shown}, which was saved with {flag} \
             {saved}; leave {flag} out"
        ))),
        _ => Ok(()),
    };
    let text_of = |v: &dyn Display| v.to_string();
    contradicts("--cell", cli.cell.map(|v| text_of(&v)), text_of(&saved.cell))?;
    contradicts("--hidden", cli.hidden.map(|v| text_of(&v)), text_of(&saved.hidden_size))?;
    contradicts("--layers", cli.layers.map(|v| text_of(&v)), text_of(&saved.num_layers))?;
    contradicts("--window", cli.window.map(|v| text_of(&v)), text_of(&saved.window))?;
    contradicts("--layout", cli.layout.map(|v| text_of(&v)), text_of(&saved.layout))?;
    contradicts(
        "--transform",
        cli.transform.map(|v| text_of(&v)),
        text_of(&saved.transform.kind),
    )?;

    config.model.cell = saved.cell;
    config.model.hidden = saved.hidden_size;
    config.model.layers = saved.num_layers;
    config.model.window = saved.window;
    config.model.layout = saved.layout;
    config.transform = saved.transform.kind;
    if cli.test_start.is_none() {
        config.test_start = saved.test_start;
    }
    let in_file = file.members.len() + 1;
    contradicts("--ensemble", cli.ensemble.map(|v| text_of(&v)), text_of(&in_file))?;
    let members = file
        .all_members()
        .into_iter()
        .enumerate()
        .map(|(k, params)| Regressor::with_params(config.member(k), params.cast::<f32>()))
        .collect::<Result<Vec<_>, _>>()?;
    let trainer = Trainer::with_regressors(series, config, members)?;

    let fitted = &trainer.dataset().transform;
    let close =
        |a: f64, b: f64| (a - b).abs() <= TRANSFORM_TOLERANCE * a.abs().max(b.abs()).max(saved.transform.scale.abs());
    if !(close(fitted.offset, saved.transform.offset) && close(fitted.scale, saved.transform.scale)) {
        let test_start = trainer.dataset().series.months[trainer.dataset().test_start];
        return Err(Failure::usage(format!(
            "--weights-in {shown} was trained with the {} transform fitted as offset {}, scale {}, \
             but on {} with the test part from {test_start} it fits as offset {}, scale {}: the \
             network would be fed numbers on a scale it was not trained on. Use the series{} and \
             the test start{} the weights were trained with.",
            saved.transform.kind,
            saved.transform.offset,
            saved.transform.scale,
            series.name,
            fitted.offset,
            fitted.scale,
            saved.series.as_ref().map_or(String::new(), |name| format!(" ({name})")),
            saved.test_start.map_or(String::new(), |month| format!(" ({month})")),
        )));
    }
    let loaded = Loaded {
        path: path.to_path_buf(),
        series: saved.series.clone(),
    };
    Ok((trainer, loaded))
}

/// Wall-clock time spent training and evaluating, kept apart so that ms/epoch is training only.
#[derive(Default)]
struct Timing {
    training: Duration,
    evaluating: Duration,
}

fn run(cli: &Cli) -> Result<(), Failure> {
    let series = load_series(cli.data.as_deref())?;
    let config = settings(cli);
    check_output(cli.predictions_out.as_deref(), "--predictions-out")?;
    check_output(cli.weights_out.as_deref(), "--weights-out")?;
    check_output(cli.gradient_flow_out.as_deref(), "--gradient-flow-out")?;

    let (mut trainer, loaded) = match &cli.weights_in {
        Some(path) => {
            let (trainer, loaded) = trainer_from_weights(cli, path, &series, config)?;
            (trainer, Some(loaded))
        }
        None => (Trainer::new(&series, config)?, None),
    };
    let epochs = cli.epochs.unwrap_or(if loaded.is_some() { 0 } else { DEFAULT_EPOCHS });
    let log_every = cli.log_every.unwrap_or(DEFAULT_LOG_EVERY);

    let mut timing = Timing::default();
    train(&mut trainer, epochs, log_every, cli.quiet, &mut timing)?;

    let started = Instant::now();
    let evaluation = trainer.evaluate();
    timing.evaluating += started.elapsed();
    let (fitted, unfitted) = baselines::fit_all(&series.values, trainer.dataset().test_start);

    // Everything is computed before anything is written.
    let predictions = cli
        .predictions_out
        .as_ref()
        .map(|path| (path, predictions_csv(&trainer, &evaluation, &fitted)));
    let weights = cli.weights_out.as_ref().map(|path| (path, weights_json(&trainer)));
    let gradient_flow = match (&cli.gradient_flow_out, cli.trace_month) {
        (Some(path), Some(month)) => Some((path, gradient_flow_csv(&trainer, month)?)),
        _ => None,
    };

    print!("{}", summary(&trainer, &evaluation, epochs, &timing, loaded.as_ref()));
    print!("{}", baseline_summary(&fitted, &unfitted));
    for (path, text) in predictions.iter().chain(weights.iter()).chain(gradient_flow.iter()) {
        fs::write(path, text).map_err(|error| Failure {
            status: EXIT_WRITE_FAILED,
            message: format!("cannot write {}: {error}", path.display()),
        })?;
        println!("wrote       {}", path.display());
    }
    Ok(())
}

/// The gradient flow through the window that predicts `month`, as CSV: one row per layer and
/// time step with ‖∂L/∂h_t‖ and ‖∂L/∂c_t‖ (the total derivatives the backward pass carries,
/// for L = (ŷ − y)² of that one window in model space); `grad_c_norm` is empty for a cell
/// without a cell state. Read from the trace of member 1.
fn gradient_flow_csv(trainer: &Trainer, month: YearMonth) -> Result<String, Failure> {
    let d = trainer.dataset();
    let row = (0..d.n_windows())
        .find(|&row| d.series.months[d.target_month[row]] == month)
        .ok_or_else(|| {
            let first = d.series.months[d.target_month[0]];
            let last = d.series.months[d.target_month[d.n_windows() - 1]];
            Failure::usage(format!(
                "--trace-month {month} has no window predicting it: the windows predict {first} to {last}"
            ))
        })?;
    let trace = trainer.trace(row)?;
    let mut out = String::from("layer,step,grad_h_norm,grad_c_norm\n");
    for (l, layer) in trace.layers.iter().enumerate() {
        for (t, grad_h) in layer.d_hidden_norm.iter().enumerate() {
            let grad_c = layer.d_cell_norm.get(t).map_or(String::new(), |g| g.to_string());
            let _ = writeln!(out, "{l},{t},{grad_h},{grad_c}");
        }
    }
    Ok(out)
}

/// Trains `epochs` epochs with a progress bar, evaluating every `log_every` epochs.
fn train(
    trainer: &mut Trainer,
    epochs: usize,
    log_every: usize,
    quiet: bool,
    timing: &mut Timing,
) -> Result<(), Failure> {
    if epochs == 0 {
        return Ok(());
    }
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(epochs as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("[{bar:20}] {pos}/{len} {msg} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let mut test_rmse = None;
    for epoch in 1..=epochs {
        let started = Instant::now();
        let result = trainer.train_epoch();
        timing.training += started.elapsed();
        let record = match result {
            Ok(record) => record,
            Err(error) => {
                bar.abandon();
                let lr = trainer.regressor().config().learning_rate;
                // A tenth of the rate, rounded to three significant digits for the message.
                let smaller = format!("{:.2e}", lr / 10.0).parse::<f64>().unwrap_or(lr / 10.0);
                let mut failure = Failure::from(error);
                let _ = write!(
                    failure.message,
                    " With --lr {lr}, try --lr {smaller} or --clip 1. Nothing was written."
                );
                return Err(failure);
            }
        };
        if !quiet && log_every > 0 && epoch % log_every == 0 {
            let started = Instant::now();
            let rmse = trainer.evaluate().test.rmse;
            timing.evaluating += started.elapsed();
            test_rmse = Some(rmse);
            let line = format!(
                "epoch {epoch:>width$}  train loss {:.5}  test loss {:.5}  one-step test RMSE {rmse:.2}",
                record.train_loss,
                record.test_loss,
                width = epochs.to_string().len()
            );
            if bar.is_hidden() {
                eprintln!("{line}");
            } else {
                bar.println(line);
            }
        }
        bar.set_message(format!(
            "train {:.4} test {:.4}{}",
            record.train_loss,
            record.test_loss,
            test_rmse.map_or(String::new(), |rmse| format!(" RMSE {rmse:.2}"))
        ));
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

/// `month,actual,one_step,recursive,seasonal_naive,ar12_log,holt_winters`, one line per
/// month; an empty cell for NaN, and an empty column for a baseline that cannot be fitted.
/// The baselines' columns are their one-step predictions, fitted on the training part only.
fn predictions_csv(trainer: &Trainer, evaluation: &Evaluation, baselines: &[Baseline]) -> String {
    let cell = |v: Option<&f64>| match v {
        Some(v) if v.is_finite() => v.to_string(),
        _ => String::new(),
    };
    let series = &trainer.dataset().series;
    let mut csv = String::from("month,actual,one_step,recursive");
    for kind in BaselineKind::ALL {
        let _ = write!(csv, ",{}", kind.name());
    }
    csv.push('\n');
    for (i, (month, actual)) in series.months.iter().zip(&series.values).enumerate() {
        let _ = write!(
            csv,
            "{month},{actual},{},{}",
            cell(evaluation.one_step.get(i)),
            cell(evaluation.recursive.get(i))
        );
        for kind in BaselineKind::ALL {
            let value = baselines
                .iter()
                .find(|b| b.kind == kind)
                .and_then(|b| b.one_step.get(i));
            let _ = write!(csv, ",{}", cell(value));
        }
        csv.push('\n');
    }
    csv
}

/// The baselines' errors on the same test months, in the summary's format, and why a baseline
/// could not be fitted.
fn baseline_summary(fitted: &[Baseline], unfitted: &[(BaselineKind, String)]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<11} {:<16} {:>10} {:>10}   (fitted on the training part only)",
        "baselines", "", "one-step", "recursive"
    );
    for b in fitted {
        let _ = writeln!(
            out,
            "{:<11} {:<16} {:>10.3} {:>10.3}   {}",
            "",
            b.kind.label(),
            b.test.rmse,
            b.recursive_test.rmse,
            b.fitted
        );
    }
    for (kind, message) in unfitted {
        let _ = writeln!(out, "{:<11} {:<16} not fitted: {message}", "", kind.label());
    }
    out
}

/// The weights JSON with everything needed to use the weights again.
fn weights_json(trainer: &Trainer) -> String {
    let data = trainer.dataset();
    let model = &trainer.config().model;
    let network = model.network();
    let config = WeightsConfig {
        cell: network.cell,
        input_size: network.d_input,
        hidden_size: network.d_hidden,
        num_layers: network.n_layers,
        window: model.window,
        layout: model.layout,
        transform: data.transform.clone(),
        series: Some(data.series.name.clone()),
        test_start: data.series.months.get(data.test_start).copied(),
    };
    weights::to_json_ensemble(&config, &trainer.model_members())
}

/// The report printed at the end of a run.
fn summary(
    trainer: &Trainer,
    evaluation: &Evaluation,
    epochs: usize,
    timing: &Timing,
    loaded: Option<&Loaded>,
) -> String {
    let data = trainer.dataset();
    let series = &data.series;
    let config = trainer.config();
    let model = &config.model;
    let params = &trainer.regressor().network().params;
    let mut out = String::new();
    let mut line = |label: &str, text: String| {
        let _ = writeln!(out, "{label:<11} {text}");
    };

    line(
        "series",
        format!(
            "{}, {} months ({} to {}), test part from {}: {} training and {} test windows",
            series.name,
            series.len(),
            series.months[0],
            series.months[series.len() - 1],
            series.months[data.test_start],
            data.n_train,
            data.n_test()
        ),
    );
    line(
        "settings",
        format!(
            "{} cell, {} layout, window {}, hidden {}, {}, {} transform, {} lr {}, batch {}, \
             clip {}, forget bias {}, seed {}, early stopping {}, ensemble {}",
            model.cell,
            model.layout,
            model.window,
            model.hidden,
            layers_text(model.layers),
            config.transform,
            model.optimizer.name(),
            model.learning_rate,
            batch_name(model.batch_size),
            clip_name(model.clip_norm),
            u8::from(model.forget_bias_one),
            model.seed,
            on_off(config.early_stopping),
            config.ensemble
        ),
    );
    if let Some(best) = trainer.best_epoch() {
        line(
            "kept",
            format!("the weights of epoch {best}, the lowest loss on the {VALIDATION_MONTHS} held-out training months"),
        );
    }
    if let Some(loaded) = loaded {
        line(
            "weights",
            format!(
                "loaded from {}{}",
                loaded.path.display(),
                loaded
                    .series
                    .as_ref()
                    .map_or(String::new(), |name| format!(" (trained on {name})"))
            ),
        );
    }
    let seconds = timing.training.as_secs_f64();
    let per_epoch = if epochs > 0 {
        format!("{:.3} ms per epoch", 1e3 * seconds / epochs as f64)
    } else {
        "no training".to_string()
    };
    line(
        "trained",
        format!(
            "{epochs} epochs in {seconds:.3} s ({per_epoch}; {:.3} s more evaluating)",
            timing.evaluating.as_secs_f64()
        ),
    );
    line(
        "loss",
        format!(
            "train {:.6}, test {:.6} (mean squared error in model space, of the forecast's weights)",
            evaluation.train_loss, evaluation.test_loss
        ),
    );
    line("errors", format!("{:<16} {:>10} {:>9}", "", "RMSE", "MAPE"));
    let mut errors = |what: &str, e: &Errors| {
        line("", format!("{what:<16} {:>10.3} {:>7.3} %", e.rmse, e.mape));
    };
    errors("one-step train", &evaluation.train);
    errors("one-step test", &evaluation.test);
    errors("recursive test", &evaluation.recursive_test);
    line(
        "parameters",
        format!(
            "{} distinct (the article's formula gives {}); {} as PyTorch counts them, \
             bias_ih and bias_hh each stored",
            params.distinct_count(),
            model.network().article_param_count(),
            params.count()
        ),
    );
    out
}
