//! How long one training epoch and one evaluation take natively.
//!
//! ```text
//! cargo bench                 # criterion's full sampling (about half a minute)
//! cargo bench -- --quick      # stop as soon as the estimate is stable (a few seconds)
//! ```
//!
//! After criterion has run, the figures it measured (median and mean time per iteration, read
//! from `target/criterion/<group>/<bench>/new/estimates.json`) are written, with the settings
//! and the machine, to `target/bench/engine.json` and `target/bench/engine.md`. Nothing is
//! asserted: the machine may be shared and noisy, and a benchmark is not a test.
//!
//! The cases use a fixed *benchmark size*, so that the work per epoch does not move when a
//! default changes and stays the same as the TensorFlow.js model `npm run bench` compares with:
//! one network (no ensemble), H = 40, a window of 12 months as 12 time steps, SGD with momentum
//! 0.9 at learning rate 0.05, the min–max transform (with a window of 12 it leaves exactly 108
//! training windows of AirPassengers; a differencing transform leaves fewer) and full-batch
//! training (one optimizer step per epoch). The page's defaults (an ensemble of 5 on a 24-month
//! window) cost about 5 × 2 of these epochs.
//!
//! Beside them, one epoch of each cell at the shipped defaults (`TrainConfig::default()`: an
//! ensemble of 5, H = 40, a 24-month window as 24 time steps, log differences, Adam 0.03, full
//! batch) with only the cell changed: `train_epoch/lstm_defaults`, `gru_defaults`,
//! `rnn_defaults` (`cargo bench --bench epoch -- _defaults` runs those three alone).

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::Criterion;
use lstm_conveyor::data::{Series, Transform};
use lstm_conveyor::model::{CellKind, ParamSet};
use lstm_conveyor::train::{TrainConfig, Trainer};
use serde_json::{json, Value};

/// The per-epoch time the page is designed around, natively, at the default size.
const TARGET_MS_PER_DEFAULT_EPOCH: f64 = 2.0;

/// Epochs trained before `evaluate` is timed, so that it predicts with realistic weights.
const EPOCHS_BEFORE_EVALUATE: usize = 20;

/// One benchmark: what it times, under which criterion name, with which settings.
struct Case {
    /// Criterion's group (the first part of the directory name).
    group: &'static str,
    /// Criterion's function name inside the group.
    name: &'static str,
    /// What one iteration is.
    what: &'static str,
    /// The settings of the trainer it times.
    config: TrainConfig,
}

impl Case {
    /// `group/name`, also the directory under `target/criterion`.
    fn id(&self) -> String {
        format!("{}/{}", self.group, self.name)
    }
}

/// The benchmark size (see the module doc).
fn default_size() -> TrainConfig {
    let mut config = TrainConfig {
        transform: Transform::MinMax,
        early_stopping: false,
        ensemble: 1,
        ..TrainConfig::default()
    };
    config.model.batch_size = None;
    config.model.window = 12;
    config.model.hidden = 40;
    config.model.layers = 1;
    config.model.optimizer = lstm_conveyor::model::OptimizerKind::Sgd;
    config.model.learning_rate = 0.05;
    config
}

/// The same data at H = 128 with 3 stacked layers.
fn large_size() -> TrainConfig {
    let mut config = default_size();
    config.model.hidden = 128;
    config.model.layers = 3;
    config
}

/// The shipped defaults with `cell` as the recurrent cell.
fn defaults_with(cell: CellKind) -> TrainConfig {
    let mut config = TrainConfig::default();
    config.model.cell = cell;
    config
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            group: "train_epoch",
            name: "default",
            what: "one Trainer::train_epoch",
            config: default_size(),
        },
        Case {
            group: "train_epoch",
            name: "h128_l3",
            what: "one Trainer::train_epoch",
            config: large_size(),
        },
        Case {
            group: "train_epoch",
            name: "lstm_defaults",
            what: "one Trainer::train_epoch (5 members)",
            config: defaults_with(CellKind::Lstm),
        },
        Case {
            group: "train_epoch",
            name: "gru_defaults",
            what: "one Trainer::train_epoch (5 members)",
            config: defaults_with(CellKind::Gru),
        },
        Case {
            group: "train_epoch",
            name: "rnn_defaults",
            what: "one Trainer::train_epoch (5 members)",
            config: defaults_with(CellKind::Rnn),
        },
        Case {
            group: "evaluate",
            name: "default",
            what: "one Trainer::evaluate",
            config: default_size(),
        },
    ]
}

fn trainer(config: &TrainConfig) -> Trainer {
    Trainer::new(&Series::air_passengers(), config.clone())
        .unwrap_or_else(|error| panic!("the benchmark settings are invalid: {error}"))
}

fn main() {
    let started = SystemTime::now();
    let quick = std::env::args().any(|arg| arg == "--quick");
    let mut criterion = Criterion::default().configure_from_args();
    let cases = cases();

    for case in &cases {
        let mut group = criterion.benchmark_group(case.group);
        if case.config.model.hidden > default_size().model.hidden {
            // Tens of milliseconds per iteration: ten samples keep a full run under a minute.
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(10));
        }
        let mut trainer = trainer(&case.config);
        match case.group {
            "train_epoch" => {
                // Each iteration trains the next epoch. A diverging epoch (not expected at these
                // settings) restores the weights, so every iteration does the same work.
                group.bench_function(case.name, |b| b.iter(|| black_box(trainer.train_epoch())));
            }
            _ => {
                for _ in 0..EPOCHS_BEFORE_EVALUATE {
                    let _ = trainer.train_epoch();
                }
                group.bench_function(case.name, |b| b.iter(|| black_box(trainer.evaluate())));
            }
        }
        group.finish();
    }
    criterion.final_summary();

    let measured: Vec<(&Case, Estimate)> = cases
        .iter()
        .filter_map(|case| read_estimate(&case.id(), started).map(|e| (case, e)))
        .collect();
    if measured.is_empty() {
        // `cargo test --benches`, `--list`, a filter that matched nothing: nothing was measured.
        return;
    }
    match write_report(&measured, quick) {
        Ok(dir) => println!("bench figures written to {}", dir.display()),
        Err(error) => eprintln!("could not write the bench figures: {error}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading criterion's estimates
// ---------------------------------------------------------------------------------------------

/// Nanoseconds per iteration as criterion estimated them.
struct Estimate {
    median_ns: f64,
    mean_ns: f64,
    /// The 95 % confidence interval of the mean.
    mean_low_ns: f64,
    mean_high_ns: f64,
    /// How many samples criterion took (2 in `--quick` mode).
    samples: usize,
}

/// Where criterion keeps its results: `$CRITERION_HOME`, `$CARGO_TARGET_DIR/criterion`, or
/// `criterion/` in the target directory this benchmark was built in.
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    target_dir().join("criterion")
}

/// `$CARGO_TARGET_DIR`, else the target directory this executable was built in
/// (`<target>/release/deps/epoch-…`), else `target`.
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// The estimates criterion wrote for `id` during this run (older files are ignored).
fn read_estimate(id: &str, started: SystemTime) -> Option<Estimate> {
    let dir = criterion_dir().join(id).join("new");
    let path = dir.join("estimates.json");
    let written = fs::metadata(&path).and_then(|m| m.modified()).ok()?;
    if written < started {
        return None;
    }
    let estimates: Value = serde_json::from_str(&fs::read_to_string(&path).ok()?).ok()?;
    let number = |pointer: &str| estimates.pointer(pointer).and_then(Value::as_f64);
    let sample: Value = serde_json::from_str(&fs::read_to_string(dir.join("sample.json")).ok()?).ok()?;
    Some(Estimate {
        median_ns: number("/median/point_estimate")?,
        mean_ns: number("/mean/point_estimate")?,
        mean_low_ns: number("/mean/confidence_interval/lower_bound")?,
        mean_high_ns: number("/mean/confidence_interval/upper_bound")?,
        samples: sample.get("iters").and_then(Value::as_array)?.len(),
    })
}

// ---------------------------------------------------------------------------------------------
// Writing the report
// ---------------------------------------------------------------------------------------------

/// Writes `engine.json` and `engine.md` into `<target>/bench` and returns that directory.
fn write_report(measured: &[(&Case, Estimate)], quick: bool) -> std::io::Result<PathBuf> {
    let dir = target_dir().join("bench");
    fs::create_dir_all(&dir)?;
    let machine = Machine::detect();
    let date = utc_now();
    let series = Series::air_passengers();

    let mut rows = Vec::new();
    let mut table = String::new();
    for (case, estimate) in measured {
        let trainer = trainer(&case.config);
        let data = trainer.dataset();
        let network = case.config.model.network();
        let params = trainer.regressor().network().params.count();
        rows.push(json!({
            "id": case.id(),
            "what": case.what,
            "median_ns": estimate.median_ns,
            "mean_ns": estimate.mean_ns,
            "mean_ci95_ns": [estimate.mean_low_ns, estimate.mean_high_ns],
            "samples": estimate.samples,
            "train_windows": data.n_train,
            "test_windows": data.n_test(),
            "pytorch_numel": params,
            "article_param_count": network.article_param_count(),
            "config": case.config,
        }));
        let m = &case.config.model;
        table.push_str(&format!(
            "| `{}` | {} | {}{}, H={}, {} layer{}, W={}, {}, {}, {} {}, full batch ({} windows) | {} \
             | {:.3} ms | {:.3} ms | {} |\n",
            case.id(),
            case.what,
            m.cell.name(),
            match case.config.ensemble {
                1 => String::new(),
                n => format!(" ×{n}"),
            },
            m.hidden,
            m.layers,
            if m.layers == 1 { "" } else { "s" },
            m.window,
            m.layout,
            case.config.transform,
            m.optimizer.name(),
            m.learning_rate,
            data.n_train,
            params,
            estimate.median_ns / 1e6,
            estimate.mean_ns / 1e6,
            estimate.samples,
        ));
    }
    let default_epoch_ms = measured
        .iter()
        .find(|(case, _)| case.id() == "train_epoch/default")
        .map(|(_, estimate)| estimate.median_ns / 1e6);

    let report = json!({
        "crate": format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
        "date": date,
        "mode": if quick { "quick" } else { "full" },
        "series": { "name": series.name, "months": series.len() },
        "machine": {
            "nproc": machine.nproc,
            "cpu": machine.cpu,
            "rustc": machine.rustc,
            "os": std::env::consts::OS,
            "arch": std::env::consts::ARCH,
        },
        "target_ms_per_default_epoch": TARGET_MS_PER_DEFAULT_EPOCH,
        "default_epoch_median_ms": default_epoch_ms,
        "note": "criterion estimates, nanoseconds per iteration. train_epoch iterations continue \
                 training the same model. The machine may be shared with other work: compare \
                 runs made on the same machine at a quiet time.",
        "benchmarks": rows,
    });
    let json_text = serde_json::to_string_pretty(&report).map_err(std::io::Error::other)?;
    fs::write(dir.join("engine.json"), json_text + "\n")?;

    let verdict = match default_epoch_ms {
        Some(ms) if ms <= TARGET_MS_PER_DEFAULT_EPOCH => {
            format!("within the target of {TARGET_MS_PER_DEFAULT_EPOCH} ms per default epoch")
        }
        Some(_) => {
            format!("above the target of {TARGET_MS_PER_DEFAULT_EPOCH} ms per default epoch")
        }
        None => "the default epoch was not measured in this run".to_string(),
    };
    let markdown = format!(
        "# Engine benchmark\n\n\
         {date}, {mode} run (`cargo bench{args}`), {nproc} cores, {cpu}, {rustc}.\n\n\
         | benchmark | one iteration | settings | parameters (PyTorch numel) | median | mean | samples |\n\
         | --- | --- | --- | --- | --- | --- | --- |\n\
         {table}\n\
         Series: {name}, {months} months. Default epoch: {verdict}. \
         The machine may be shared with other work; compare runs made on the same machine.\n",
        mode = if quick { "quick" } else { "full" },
        args = if quick { " -- --quick" } else { "" },
        nproc = machine.nproc,
        cpu = machine.cpu.as_deref().unwrap_or("CPU model unknown"),
        rustc = machine.rustc.as_deref().unwrap_or("rustc version unknown"),
        name = series.name,
        months = series.len(),
    );
    fs::write(dir.join("engine.md"), markdown)?;
    Ok(dir)
}

/// What the figures were measured on.
struct Machine {
    nproc: usize,
    cpu: Option<String>,
    rustc: Option<String>,
}

impl Machine {
    fn detect() -> Self {
        let cpu = fs::read_to_string("/proc/cpuinfo").ok().and_then(|text| {
            text.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        });
        let rustc = Command::new("rustc")
            .arg("--version")
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
        Machine {
            nproc: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu,
            rustc,
        }
    }
}

/// The current time in UTC as `YYYY-MM-DDTHH:MM:SSZ`.
fn utc_now() -> String {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The proleptic Gregorian date of `days` days after 1970-01-01 (H. Hinnant's
/// `civil_from_days`: count in 400-year eras of 146 097 days, years starting in March).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
