//! The `lstm-train` command line, run as a person runs it: flags in, exit status, messages and
//! files out. Every run is tiny (hidden 8, a few epochs) so the whole file takes seconds.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lstm_conveyor::data::{DataConfig, Dataset, Series, YearMonth};
use lstm_conveyor::model::cell::Layer;
use lstm_conveyor::model::network::NetworkParams;
use lstm_conveyor::model::{LstmState, ParamSet};
use lstm_conveyor::train::TrainConfig;
use lstm_conveyor::weights;
use ndarray::Array2;

/// The exit statuses documented in `lstm-train --help`.
const EXIT_USAGE: i32 = 2;
const EXIT_DIVERGED: i32 = 3;
const EXIT_WRITE_FAILED: i32 = 1;

fn lstm_train(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lstm-train"))
        .args(args)
        .output()
        .expect("the lstm-train binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts a successful run, showing its stderr otherwise.
fn assert_success(output: &Output) {
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(output));
}

/// A fresh, empty folder for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{test}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("the scratch folder can be made");
    dir
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("scratch paths are UTF-8")
}

#[test]
fn help_lists_every_flag_with_its_default() {
    let output = lstm_train(&["--help"]);
    assert_success(&output);
    let help = stdout(&output);
    for flag in [
        "--epochs",
        "--seed",
        "--cell",
        "--hidden",
        "--layers",
        "--window",
        "--layout",
        "--transform",
        "--optimizer",
        "--lr",
        "--batch-size",
        "--clip",
        "--forget-bias",
        "--test-start",
        "--data",
        "--article",
        "--weights-out",
        "--predictions-out",
        "--weights-in",
        "--early-stopping",
        "--ensemble",
        "--quiet",
        "--log-every",
    ] {
        assert!(help.contains(&format!("{flag} ")), "{flag} missing:\n{help}");
    }
    // The defaults shown are the library's, not numbers copied into the binary.
    let defaults = TrainConfig::default();
    for expected in [
        format!("[default: {}]", defaults.model.hidden),
        format!("[default: {}", defaults.model.learning_rate),
        format!("[default: {}", defaults.transform),
        format!("with --article: {}", TrainConfig::article().model.layout),
    ] {
        assert!(help.contains(&expected), "{expected} missing:\n{help}");
    }
    assert!(help.contains("Exit status"), "{help}");
}

#[test]
fn bad_values_exit_2_naming_the_flag() {
    for (args, named) in [
        (&["--hidden", "0"][..], "--hidden"),
        (&["--layers", "9"][..], "--layers"),
        (&["--layout", "diagonal"][..], "diagonal"),
        (&["--lr", "-1"][..], "--lr"),
        (&["--lr", "fast"][..], "--lr"),
        (&["--batch-size", "0"][..], "--batch-size"),
        (&["--optimizer", "rmsprop"][..], "--optimizer"),
        (&["--test-start", "1959-13"][..], "--test-start"),
        (&["--no-such-flag"][..], "--no-such-flag"),
    ] {
        let output = lstm_train(args);
        assert_eq!(output.status.code(), Some(EXIT_USAGE), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains(named), "{args:?}: {message}");
        assert!(stdout(&output).is_empty(), "{args:?} printed a summary");
    }
    // The layout message names the choices too.
    let message = stderr(&lstm_train(&["--layout", "diagonal"]));
    assert!(
        message.contains("--layout") && message.contains("sequence or flat"),
        "{message}"
    );
}

#[test]
fn settings_the_data_cannot_support_exit_2_with_the_reason() {
    // A window of 120 months plus 12 of seasonal lag does not fit 144 months.
    let output = lstm_train(&["--window", "120", "--transform", "seasonal_log_diff"]);
    assert_eq!(output.status.code(), Some(EXIT_USAGE));
    let message = stderr(&output);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("at least 157 months"), "{message}");

    let dir = scratch("bad-data");
    let missing = dir.join("missing.csv");
    let output = lstm_train(&["--data", path_arg(&missing)]);
    assert_eq!(output.status.code(), Some(EXIT_USAGE));
    assert!(stderr(&output).contains("cannot read --data"), "{}", stderr(&output));

    let broken = dir.join("broken.csv");
    fs::write(&broken, "month,value\n2000-01,5\n2000-02,five\n").unwrap();
    let output = lstm_train(&["--data", path_arg(&broken)]);
    assert_eq!(output.status.code(), Some(EXIT_USAGE));
    assert!(stderr(&output).contains("line 3"), "{}", stderr(&output));

    let nowhere = dir.join("no-such-folder").join("p.csv");
    let output = lstm_train(&["--epochs", "1", "--predictions-out", path_arg(&nowhere)]);
    assert_eq!(output.status.code(), Some(EXIT_USAGE));
    assert!(stderr(&output).contains("does not exist"), "{}", stderr(&output));
}

#[test]
fn a_short_run_writes_predictions_and_weights_that_load_back() {
    let dir = scratch("round-trip");
    let (trained_csv, weights_json, loaded_csv) = (
        dir.join("trained.csv"),
        dir.join("weights.json"),
        dir.join("loaded.csv"),
    );
    let output = lstm_train(&[
        "--epochs",
        "3",
        "--hidden",
        "8",
        "--quiet",
        "--predictions-out",
        path_arg(&trained_csv),
        "--ensemble",
        "1",
        "--weights-out",
        path_arg(&weights_json),
    ]);
    assert_success(&output);
    let summary = stdout(&output);
    assert!(summary.contains("3 epochs"), "{summary}");
    assert!(summary.contains("recursive test"), "{summary}");

    let csv = fs::read_to_string(&trained_csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 145);
    assert_eq!(
        lines[0],
        "month,actual,one_step,recursive,seasonal_naive,ar12_log,holt_winters"
    );
    assert!(lines[1].starts_with("1949-01,112,"), "{}", lines[1]);
    assert!(lines[144].starts_with("1960-12,432,"), "{}", lines[144]);
    // The first month has no window behind it; every test month has both predictions.
    assert_eq!(lines[1], "1949-01,112,,,,,");
    for line in &lines[121..] {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 7, "{line}");
        assert!(cells[2..].iter().all(|c| c.parse::<f64>().is_ok()), "{line}");
    }
    // Training months have no recursive forecast.
    assert_eq!(lines[120].split(',').nth(3), Some(""), "{}", lines[120]);

    // The baselines' columns give the reference figures on 1959–60 (the summary prints them).
    let rmse = |column: usize| {
        let squares: f64 = lines[121..]
            .iter()
            .map(|line| {
                let cells: Vec<f64> = line.split(',').skip(1).map(|c| c.parse().unwrap()).collect();
                (cells[column - 1] - cells[0]).powi(2)
            })
            .sum();
        (squares / 24.0).sqrt()
    };
    assert!((rmse(4) - 49.99).abs() < 0.05, "seasonal naive {}", rmse(4));
    assert!((rmse(5) - 17.69).abs() < 0.05, "AR(12) on logs {}", rmse(5));
    assert!(rmse(6) > 10.0 && rmse(6) < 20.0, "Holt–Winters {}", rmse(6));
    assert!(summary.contains("AR(12) on logs"), "{summary}");
    assert!(summary.contains("17.69"), "{summary}");

    let file = weights::from_json(&fs::read_to_string(&weights_json).unwrap()).unwrap();
    assert_eq!(file.config.hidden_size, 8);
    assert_eq!(file.config.series.as_deref(), Some("AirPassengers"));
    assert_eq!(
        file.config.test_start.map(|m| m.to_string()).as_deref(),
        Some("1959-01")
    );

    // Without --epochs, --weights-in only predicts, and the predictions are the same.
    let output = lstm_train(&[
        "--weights-in",
        path_arg(&weights_json),
        "--predictions-out",
        path_arg(&loaded_csv),
    ]);
    assert_success(&output);
    assert!(stdout(&output).contains("0 epochs"), "{}", stdout(&output));
    assert_eq!(fs::read_to_string(&loaded_csv).unwrap(), csv);

    // An explicit --epochs 0 is the same; a few more epochs fine-tune, changing them.
    let output = lstm_train(&[
        "--weights-in",
        path_arg(&weights_json),
        "--epochs",
        "0",
        "--predictions-out",
        path_arg(&loaded_csv),
    ]);
    assert_success(&output);
    assert_eq!(fs::read_to_string(&loaded_csv).unwrap(), csv);
    let output = lstm_train(&[
        "--weights-in",
        path_arg(&weights_json),
        "--epochs",
        "2",
        "--quiet",
        "--predictions-out",
        path_arg(&loaded_csv),
    ]);
    assert_success(&output);
    assert_ne!(fs::read_to_string(&loaded_csv).unwrap(), csv);
}

#[test]
fn weights_in_refuses_flags_and_data_it_was_not_trained_with() {
    let dir = scratch("weights-mismatch");
    let weights_json = dir.join("weights.json");
    let output = lstm_train(&[
        "--epochs",
        "1",
        "--hidden",
        "8",
        "--quiet",
        "--ensemble",
        "1",
        "--weights-out",
        path_arg(&weights_json),
    ]);
    assert_success(&output);
    let weights_arg = path_arg(&weights_json);

    // The shape is the file's; repeating it is fine, contradicting it is not.
    assert_success(&lstm_train(&["--weights-in", weights_arg, "--hidden", "8"]));
    let output = lstm_train(&["--weights-in", weights_arg, "--hidden", "16"]);
    assert_eq!(output.status.code(), Some(EXIT_USAGE));
    assert!(stderr(&output).contains("--hidden 16"), "{}", stderr(&output));

    // Another split fits the transform differently.
    let output = lstm_train(&["--weights-in", weights_arg, "--test-start", "1957-01"]);
    assert_eq!(output.status.code(), Some(EXIT_USAGE));
    let message = stderr(&output);
    assert!(message.contains("scale"), "{message}");
    assert!(message.contains("1959-01"), "{message}");

    let broken = dir.join("broken.json");
    fs::write(&broken, "{\"format\": \"something else\"}").unwrap();
    let output = lstm_train(&["--weights-in", path_arg(&broken)]);
    assert_eq!(output.status.code(), Some(EXIT_USAGE));
    assert!(stderr(&output).contains("--weights-in"), "{}", stderr(&output));
}

#[test]
fn another_series_can_be_read_from_a_csv_file() {
    let dir = scratch("data");
    let (data, predictions) = (dir.join("sales.csv"), dir.join("p.csv"));
    let months: String = (0..60)
        .map(|i| {
            let value = 100.0 + 10.0 * ((i % 12) as f64) + i as f64;
            format!("{}-{:02},{value}\n", 2001 + i / 12, i % 12 + 1)
        })
        .collect();
    fs::write(&data, format!("month,sales\n{months}")).unwrap();
    let series = Series::parse_csv("sales.csv", &months).unwrap();
    assert_eq!(series.len(), 60);

    let output = lstm_train(&[
        "--data",
        path_arg(&data),
        "--window",
        "6",
        "--hidden",
        "8",
        "--epochs",
        "2",
        "--quiet",
        "--predictions-out",
        path_arg(&predictions),
    ]);
    assert_success(&output);
    assert!(stdout(&output).contains("sales.csv, 60 months"), "{}", stdout(&output));
    let csv = fs::read_to_string(&predictions).unwrap();
    assert_eq!(csv.lines().count(), 61);
    assert!(csv.lines().nth(1).unwrap().starts_with("2001-01,100,"));
}

#[test]
fn a_diverging_run_exits_3_suggests_a_smaller_rate_and_writes_nothing() {
    let dir = scratch("diverge");
    let (predictions, weights_json) = (dir.join("p.csv"), dir.join("w.json"));
    // Adagrad moves each weight by up to about the learning rate in its first step, so at 1e6
    // the predictions, and the loss, explode by many orders of magnitude in epoch 2.
    let output = lstm_train(&[
        "--lr",
        "1e6",
        "--hidden",
        "8",
        "--epochs",
        "50",
        "--quiet",
        "--predictions-out",
        path_arg(&predictions),
        "--ensemble",
        "1",
        "--weights-out",
        path_arg(&weights_json),
    ]);
    assert_eq!(output.status.code(), Some(EXIT_DIVERGED), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("diverged"), "{message}");
    assert!(message.contains("smaller learning rate"), "{message}");
    assert!(message.contains("--lr 100000"), "{message}");
    assert!(!predictions.exists());
    assert!(!weights_json.exists());
}

/// `/dev/full` accepts the open and refuses the write: the run trains, then exits 1.
#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_written_exits_1() {
    let output = lstm_train(&[
        "--epochs",
        "1",
        "--hidden",
        "8",
        "--quiet",
        "--predictions-out",
        "/dev/full",
    ]);
    assert_eq!(output.status.code(), Some(EXIT_WRITE_FAILED), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write /dev/full"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).contains("1 epochs"), "{}", stdout(&output));
}

/// An ensemble is saved as one file (member 1 at the top level, the others under "members"),
/// and loading it predicts exactly the same; a flag that contradicts the file is refused.
#[test]
fn an_ensemble_saves_and_loads_back_as_one_file() {
    let dir = scratch("ensemble-weights");
    let weights_json = dir.join("weights.json");
    let trained_csv = dir.join("trained.csv");
    let loaded_csv = dir.join("loaded.csv");
    let output = lstm_train(&[
        "--epochs",
        "3",
        "--hidden",
        "4",
        "--ensemble",
        "3",
        "--early-stopping",
        "on",
        "--quiet",
        "--weights-out",
        path_arg(&weights_json),
        "--predictions-out",
        path_arg(&trained_csv),
    ]);
    assert_success(&output);
    let out = stdout(&output);
    assert!(out.contains("early stopping on, ensemble 3"), "{out}");
    assert!(out.contains("kept        the weights of epoch"), "{out}");
    let file = weights::from_json(&fs::read_to_string(&weights_json).unwrap()).unwrap();
    assert_eq!(file.members.len(), 2);
    assert_ne!(file.params, file.members[0], "the members differ");

    let output = lstm_train(&[
        "--weights-in",
        path_arg(&weights_json),
        "--quiet",
        "--predictions-out",
        path_arg(&loaded_csv),
    ]);
    assert_success(&output);
    assert!(stdout(&output).contains("ensemble 3"), "{}", stdout(&output));
    assert_eq!(
        fs::read_to_string(&trained_csv).unwrap(),
        fs::read_to_string(&loaded_csv).unwrap()
    );

    let output = lstm_train(&["--weights-in", path_arg(&weights_json), "--ensemble", "2"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--ensemble 2 contradicts"),
        "{}",
        stderr(&output)
    );
}

/// `--cell gru` and `--cell rnn` train, write weights of that cell that load back and predict
/// the same; a `--cell` that contradicts a loaded file is refused like the other shape flags.
#[test]
fn every_cell_trains_saves_and_loads_back() {
    let dir = scratch("cells");
    for cell in ["gru", "rnn"] {
        let (weights_json, csv, loaded_csv) = (
            dir.join(format!("{cell}.json")),
            dir.join(format!("{cell}.csv")),
            dir.join(format!("{cell}-loaded.csv")),
        );
        let output = lstm_train(&[
            "--cell",
            cell,
            "--epochs",
            "3",
            "--hidden",
            "6",
            "--layers",
            "2",
            "--ensemble",
            "1",
            "--quiet",
            "--weights-out",
            path_arg(&weights_json),
            "--predictions-out",
            path_arg(&csv),
        ]);
        assert_success(&output);
        let file = weights::from_json(&fs::read_to_string(&weights_json).unwrap()).unwrap();
        assert_eq!(file.config.cell.name(), cell);
        assert!(file.params.names()[0].starts_with(&format!("{cell}.")));

        let weights_arg = path_arg(&weights_json);
        let output = lstm_train(&[
            "--weights-in",
            weights_arg,
            "--quiet",
            "--predictions-out",
            path_arg(&loaded_csv),
        ]);
        assert_success(&output);
        assert_eq!(
            fs::read_to_string(&loaded_csv).unwrap(),
            fs::read_to_string(&csv).unwrap()
        );

        assert_success(&lstm_train(&["--weights-in", weights_arg, "--cell", cell, "--quiet"]));
        let output = lstm_train(&["--weights-in", weights_arg, "--cell", "lstm", "--quiet"]);
        assert_eq!(output.status.code(), Some(EXIT_USAGE));
        let message = stderr(&output);
        assert!(
            message.contains("--cell lstm") && message.contains(&format!("--cell {cell}")),
            "{message}"
        );
    }
    let output = lstm_train(&["--cell", "transformer"]);
    assert_eq!(output.status.code(), Some(EXIT_USAGE));
    assert!(stderr(&output).contains("--cell"), "{}", stderr(&output));
}

/// The loss L = (ŷ − y)² of one window, in f64, with `delta` added to one unit of h_t
/// (`cell_state` false) of layer `layer` at step `step` after that step ran, so that both the
/// recurrence and the layer above see the change; or to c_t (`cell_state` true) before h_t is
/// read from it, so that the change reaches L along the belt and through h_t. Written out step by step
/// from the cells' `step_forward`, apart from the network's forward and the trace.
fn perturbed_loss(
    params: &NetworkParams<f64>,
    x: &[Array2<f64>],
    target: f64,
    at: (usize, usize, usize, bool),
    delta: f64,
) -> f64 {
    let (layer_at, step_at, unit, cell_state) = at;
    let mut inputs: Vec<Array2<f64>> = x.to_vec();
    for (l, layer) in params.layers.iter().enumerate() {
        let batch = inputs[0].nrows();
        let h = layer.d_hidden();
        let mut hidden = Array2::<f64>::zeros((batch, h));
        let mut cell = Array2::<f64>::zeros((batch, h));
        let mut outputs = Vec::with_capacity(inputs.len());
        for (t, input) in inputs.iter().enumerate() {
            match layer {
                Layer::Lstm(lstm) => {
                    let state = LstmState { hidden, cell };
                    let (next, cache) = lstm.step_forward(input, &state);
                    (hidden, cell) = (next.hidden, next.cell);
                    if cell_state && (l, t) == (layer_at, step_at) {
                        // c_t changes before h_t = o_t ⊙ tanh(c_t) reads it: every path counts.
                        cell[[0, unit]] += delta;
                        hidden = &cache.output_gate() * &cell.mapv(f64::tanh);
                    }
                }
                Layer::Gru(gru) => hidden = gru.step_forward(input, &hidden).0,
                Layer::Rnn(rnn) => hidden = rnn.step_forward(input, &hidden).0,
            }
            if !cell_state && (l, t) == (layer_at, step_at) {
                hidden[[0, unit]] += delta;
            }
            outputs.push(hidden.clone());
        }
        inputs = outputs;
    }
    let last = inputs.last().expect("a step");
    let y = params.head.forward(last)[[0, 0]];
    (y - target) * (y - target)
}

/// `--gradient-flow-out` with `--weights-in` and `--epochs 0`: its norms of ∂L/∂h_t and ∂L/∂c_t
/// equal central differences of L = (ŷ − y)² with respect to every unit of h_t and c_t of the
/// saved model, computed here without the trace (each unit changed by ±ε after its step).
#[test]
fn gradient_flow_matches_central_differences_of_the_saved_model() {
    let dir = scratch("gradient-flow");
    for cell in ["lstm", "gru", "rnn"] {
        let (weights_json, flow_csv) = (dir.join(format!("{cell}.json")), dir.join(format!("{cell}.csv")));
        let output = lstm_train(&[
            "--cell",
            cell,
            "--epochs",
            "5",
            "--hidden",
            "4",
            "--layers",
            "2",
            "--window",
            "6",
            "--layout",
            "sequence",
            "--ensemble",
            "2",
            "--quiet",
            "--weights-out",
            path_arg(&weights_json),
        ]);
        assert_success(&output);
        let output = lstm_train(&[
            "--weights-in",
            path_arg(&weights_json),
            "--epochs",
            "0",
            "--quiet",
            "--gradient-flow-out",
            path_arg(&flow_csv),
            "--trace-month",
            "1959-06",
        ]);
        assert_success(&output);
        let csv = fs::read_to_string(&flow_csv).unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("layer,step,grad_h_norm,grad_c_norm"));
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        assert_eq!(rows.len(), 2 * 6, "{cell}: one row per layer and step");

        // The window predicting 1959-06, in model space, from the file's own settings.
        let file = weights::from_json(&fs::read_to_string(&weights_json).unwrap()).unwrap();
        let c = &file.config;
        let data = DataConfig {
            window: c.window,
            layout: c.layout,
            transform: c.transform.kind,
            test_start: c.test_start,
        };
        let dataset = Dataset::prepare(&Series::air_passengers(), &data).unwrap();
        let month = YearMonth { year: 1959, month: 6 };
        let row = (0..dataset.n_windows())
            .find(|&r| dataset.series.months[dataset.target_month[r]] == month)
            .unwrap();
        let window = dataset.input(row);
        let x: Vec<Array2<f64>> = window.iter().map(|&v| Array2::from_elem((1, 1), v)).collect();
        let target = dataset.targets[row];

        let eps = 1e-5;
        let norm = |l: usize, t: usize, cell_state: bool| -> f64 {
            (0..c.hidden_size)
                .map(|u| {
                    let plus = perturbed_loss(&file.params, &x, target, (l, t, u, cell_state), eps);
                    let minus = perturbed_loss(&file.params, &x, target, (l, t, u, cell_state), -eps);
                    ((plus - minus) / (2.0 * eps)).powi(2)
                })
                .sum::<f64>()
                .sqrt()
        };
        let close = |ours: f64, numeric: f64, what: &str| {
            assert!(
                (ours - numeric).abs() <= 1e-3 * numeric.abs() + 1e-6,
                "{cell} {what}: --gradient-flow-out {ours:e}, central differences {numeric:e}"
            );
        };
        for r in &rows {
            let (l, t): (usize, usize) = (r[0].parse().unwrap(), r[1].parse().unwrap());
            close(
                r[2].parse().unwrap(),
                norm(l, t, false),
                &format!("‖∂L/∂h‖ layer {l} step {t}"),
            );
            if cell == "lstm" {
                close(
                    r[3].parse().unwrap(),
                    norm(l, t, true),
                    &format!("‖∂L/∂c‖ layer {l} step {t}"),
                );
            } else {
                assert_eq!(r[3], "", "{cell} has no cell state");
            }
        }
        // The last step of the top layer carries the head's gradient: never zero.
        assert!(rows.last().unwrap()[2].parse::<f64>().unwrap() > 0.0);
    }
    let output = lstm_train(&[
        "--gradient-flow-out",
        "x.csv",
        "--trace-month",
        "1800-01",
        "--epochs",
        "0",
    ]);
    assert_eq!(output.status.code(), Some(EXIT_USAGE));
    assert!(stderr(&output).contains("--trace-month"), "{}", stderr(&output));
}
