//! Where the worker's time goes at one setting, natively: each piece of an epoch, the end of
//! the epoch (test and validation losses), and what every snapshot asks for afterwards (the
//! evaluation and the trace of one window).
//!
//! ```text
//! cargo run --release --example phases                                   # hidden 128, 4 layers, window 36
//! cargo run --release --example phases -- --hidden 40 --layers 1 --window 24 --epochs 5
//! ```
//!
//! The page's large setting (`?hidden=128&layers=4&window=36`) is the default here because
//! that is where pause and reset must wait for whatever runs between two messages. Times are
//! wall-clock on whatever else the machine is doing; nothing is asserted.

use std::time::Instant;

use lstm_conveyor::data::Series;
use lstm_conveyor::train::{Piece, TrainConfig, Trainer, EVALUATION_PIECE_WORK};

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} takes a whole number, not {v}"))
        })
        .unwrap_or(default)
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut config = TrainConfig::default();
    config.model.hidden = arg(&args, "--hidden", 128);
    config.model.layers = arg(&args, "--layers", 4);
    config.model.window = arg(&args, "--window", 36);
    let epochs = arg(&args, "--epochs", 3);
    println!(
        "hidden {} layers {} window {} ensemble {}",
        config.model.hidden, config.model.layers, config.model.window, config.ensemble
    );
    let mut trainer = Trainer::new(&Series::air_passengers(), config).expect("the setting is valid");
    for _ in 0..epochs {
        let mut pieces = Vec::new();
        let last = loop {
            let start = Instant::now();
            let piece = trainer.train_piece().expect("the epoch trains");
            let took = ms(start);
            match piece {
                Piece::Partial(_) => pieces.push(took),
                Piece::Epoch(record) => break (took, record.epoch),
            }
        };
        let max = pieces.iter().cloned().fold(0.0, f64::max);
        let start = Instant::now();
        let evaluation = trainer.evaluate();
        let evaluate_ms = ms(start);
        let mut run = trainer.start_evaluation();
        let mut eval_pieces = Vec::new();
        loop {
            let start = Instant::now();
            let finished = trainer.evaluate_piece(&mut run, EVALUATION_PIECE_WORK).is_some();
            eval_pieces.push(ms(start));
            if finished {
                break;
            }
        }
        let eval_max = eval_pieces.iter().cloned().fold(0.0, f64::max);
        let start = Instant::now();
        let trace = trainer.trace(0).expect("row 0 exists");
        let trace_ms = ms(start);
        std::hint::black_box((evaluation, trace));
        println!(
            "epoch {:>3}: {} pieces before the last, longest {max:.1} ms; last piece (with the epoch's end) {:.1} ms; evaluate {evaluate_ms:.1} ms whole, or {} pieces of at most {eval_max:.1} ms; trace {trace_ms:.1} ms",
            last.1,
            pieces.len(),
            last.0,
            eval_pieces.len(),
        );
    }
}
