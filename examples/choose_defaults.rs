//! How the demo's defaults were chosen: on 1958 as a validation year, never on 1959–60.
//!
//! Trains on 1949–1957 (test_start = 1958-01) for every transform, optimizer and a few learning
//! rates, over several seeds, and prints the median (and worst) one-step RMSE on the 12 months of 1958.
//! Run: `cargo run --release --example choose_defaults [epochs]`.

use lstm_conveyor::data::{Layout, Series, Transform, YearMonth};
use lstm_conveyor::model::OptimizerKind;
use lstm_conveyor::train::{TrainConfig, Trainer};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let epochs: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(300);
    let series = Series::air_passengers();
    let seeds = [1u64, 2, 3, 4, 5];
    let grid: &[(OptimizerKind, &[f64])] = &[
        (OptimizerKind::Adagrad, &[0.05, 0.2, 0.6]),
        (OptimizerKind::Adam, &[0.003, 0.01, 0.03]),
        (OptimizerKind::Sgd, &[0.01, 0.05]),
    ];
    println!("validation year 1958, {epochs} epochs, median over seeds {seeds:?}");
    println!(
        "{:<18} {:<8} {:>6} {:>10} {:>10} {:>10} {:>8}",
        "transform", "optim", "lr", "val RMSE", "worst", "val MAPE", "ms/ep"
    );
    for transform in Transform::ALL {
        for &(optimizer, rates) in grid {
            for &lr in rates {
                let mut rmse = Vec::new();
                let mut mape = Vec::new();
                let mut ms = Vec::new();
                for &seed in &seeds {
                    let mut config = TrainConfig {
                        transform,
                        test_start: Some(YearMonth { year: 1958, month: 1 }),
                        ..TrainConfig::default()
                    };
                    config.model.layout = Layout::Sequence;
                    config.model.optimizer = optimizer;
                    config.model.learning_rate = lr;
                    config.model.seed = seed;
                    let mut trainer = Trainer::new(&series, config).expect("valid settings");
                    let start = Instant::now();
                    let mut diverged = false;
                    for _ in 0..epochs {
                        if trainer.train_epoch().is_err() {
                            diverged = true;
                            break;
                        }
                    }
                    ms.push(start.elapsed().as_secs_f64() * 1e3 / epochs as f64);
                    let e = trainer.evaluate();
                    rmse.push(if diverged { f64::INFINITY } else { e.test.rmse });
                    mape.push(e.test.mape);
                }
                let worst = rmse.iter().cloned().fold(0.0, f64::max);
                println!(
                    "{:<18} {:<8} {:>6} {:>10.2} {:>10.2} {:>10.2} {:>8.2}",
                    transform.name(),
                    optimizer.name(),
                    lr,
                    median(rmse),
                    worst,
                    median(mape),
                    median(ms)
                );
            }
        }
    }
}
