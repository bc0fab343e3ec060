//! How the demo's defaults are chosen, without ever reading the test months.
//!
//! ```text
//! cargo run --release --example choose_defaults -- --last 1958-12              # built-in AirPassengers
//! cargo run --release --example choose_defaults -- --data FILE.csv --last 1958-12
//! cargo run --release --example choose_defaults -- --last 1958-12 --quick      # a smoke run, minutes
//! ```
//!
//! The series is cut after `--last` before anything else happens (see `lstm_conveyor::select`):
//! rolling-origin folds inside the cut part (train before 1956, 1957, 1958; score the 12 months
//! after each cut), five seeds, a coordinate search over transform, optimizer and learning rate,
//! epochs or early stopping, hidden size, window, clipping or a second layer, and the ensemble
//! size. It prints the table and, as its last line, the chosen settings as `lstm-train` flags.
//! `--last` defaults to the month before the series' default test part (1958-12 for
//! AirPassengers). The full selection takes about a quarter of an hour on two cores.

use lstm_conveyor::data::Series;
use lstm_conveyor::data::YearMonth;
use lstm_conveyor::select::{baseline_folds, select, Plan};
use std::process::ExitCode;
use std::time::Instant;

fn usage() -> &'static str {
    "usage: choose_defaults [--data FILE.csv] [--last YYYY-MM] [--folds Y,Y,…] [--seeds N] [--threads N] [--quick] [--baselines-only]"
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}\n{}", usage());
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut data = None;
    let mut last = None;
    let mut folds = None;
    let mut seeds = None;
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut quick = false;
    let mut baselines_only = false;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => data = Some(value()?),
            "--last" => last = Some(YearMonth::parse(&value()?).map_err(|e| format!("--last: {e}"))?),
            "--folds" => {
                let years = value()?
                    .split(',')
                    .map(|y| {
                        y.trim()
                            .parse::<i32>()
                            .map_err(|_| format!("--folds: '{y}' is not a year"))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                folds = Some(years);
            }
            "--seeds" => {
                let n: u64 = value()?
                    .parse()
                    .map_err(|_| "--seeds takes a whole number".to_string())?;
                if n == 0 {
                    return Err("--seeds must be at least 1".into());
                }
                seeds = Some((1..=n).collect::<Vec<_>>());
            }
            "--threads" => {
                threads = value()?
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or("--threads takes a whole number ≥ 1")?
            }
            "--quick" => quick = true,
            "--baselines-only" => baselines_only = true,
            "-h" | "--help" => {
                println!("{}", usage());
                return Ok(());
            }
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    let series = match &data {
        None => Series::air_passengers(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            Series::parse_csv(path, &text).map_err(|e| format!("{path}: {e}"))?
        }
    };
    let last = match last {
        Some(m) => m,
        None => {
            let i = series
                .default_test_start()
                .checked_sub(1)
                .ok_or("the series is too short")?;
            series.months[i]
        }
    };

    let mut plan = Plan::full(threads);
    if quick {
        // A smoke run: fewer epochs and seeds, the same stages.
        plan.seeds = vec![1, 2];
        plan.start.epochs = 60;
        for stage in &mut plan.stages {
            stage.variants.truncate(3);
        }
    }
    if let Some(f) = folds {
        plan.folds = f;
    }
    if let Some(s) = seeds {
        plan.seeds = s;
    }
    println!(
        "{}: cut after {last}; folds {:?} (train before each year, score its 12 months); seeds {:?}; {} threads",
        series.name, plan.folds, plan.seeds, plan.threads
    );
    let fold_head: String = plan.folds.iter().map(|y| format!(" {y:>7}")).collect();
    println!("## the baselines on the same folds (one-step RMSE of each year)");
    println!("{:<52} {:>7}{fold_head}", "baseline", "mean");
    for (label, values) in baseline_folds(&series, last, &plan.folds)? {
        let (mean, per_fold) = values.split_last().expect("a mean after the folds");
        let per_fold: String = per_fold.iter().map(|v| format!(" {v:>7.2}")).collect();
        println!("{label:<52} {mean:>7.2}{per_fold}");
    }
    if baselines_only {
        return Ok(());
    }
    let started = Instant::now();
    let selection = select(&series, last, &plan, &mut |row| {
        eprintln!(
            "[{:>6.0} s] {:<40} {:<44} median {:>7.2}  worst {:>7.2}",
            started.elapsed().as_secs_f64(),
            row.stage,
            row.change,
            row.score.median,
            row.score.worst
        );
    })?;
    println!("{}", selection.report(&plan.folds).trim_start());
    eprintln!("selection took {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}
