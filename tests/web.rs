#![cfg(target_arch = "wasm32")]
//! The JavaScript API and the charts in a real browser (headless Chromium):
//!
//! ```text
//! cargo test --target wasm32-unknown-unknown --test web    (scripts/test.sh sets the runner)
//! ```
//!
//! Drawing is checked by reading the canvas' pixels back: a series is where the chart's own
//! frame says its point is, in its own colour.

use js_sys::{Float32Array, Float64Array, Reflect, JSON};
use lstm_conveyor::data::{YearMonth, AIR_PASSENGERS};
use lstm_conveyor::render::forecast::{draw_forecast, ForecastView};
use lstm_conveyor::render::loss::{draw_loss, LossView};
use lstm_conveyor::render::palette::{
    Rgb, ACTUAL, BACKGROUND, BASELINES, COMPARE, MEMBER_ALPHA, ONE_STEP, RECURSIVE, TEST_LOSS, TEST_SHADE, TRAIN_LOSS,
    VALIDATION_LOSS,
};
use lstm_conveyor::web::Demo;
use lstm_conveyor::web_charts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Small enough to train quickly in a debug build: one network of 8 units reading 12 months.
const SMALL: &str = r#"{"hidden": 8, "seed": 3, "window": 12, "ensemble": 1}"#;

fn settings(json: &str) -> JsValue {
    JSON::parse(json).expect("test settings are JSON")
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or_else(|_| panic!("no {key}"))
}

fn f64s(object: &JsValue, key: &str) -> Vec<f64> {
    get(object, key)
        .dyn_into::<Float64Array>()
        .expect("a Float64Array")
        .to_vec()
}

fn number(object: &JsValue, key: &str) -> f64 {
    get(object, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number"))
}

fn error_message(error: impl Into<JsValue>) -> String {
    let value: JsValue = error.into();
    value.dyn_into::<js_sys::Error>().expect("an Error").message().into()
}

// ---------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn the_loss_history_from_an_epoch_is_the_tail_of_the_whole() {
    let mut demo = Demo::new(settings(SMALL)).unwrap();
    demo.train_epochs(12).unwrap();
    let whole: JsValue = demo.loss_history(None).unwrap().into();
    let tail: JsValue = demo.loss_history(Some(9)).unwrap().into();
    let number = |v: &JsValue, k: &str| Reflect::get(v, &k.into()).unwrap().as_f64().unwrap();
    assert_eq!((number(&whole, "from"), number(&whole, "length")), (0.0, 12.0));
    assert_eq!((number(&tail, "from"), number(&tail, "length")), (9.0, 12.0));
    assert_eq!(f64s(&tail, "train"), f64s(&whole, "train")[9..].to_vec());
    assert_eq!(f64s(&tail, "test"), f64s(&whole, "test")[9..].to_vec());
    // Past the end (the history was started again since): the whole history.
    let past: JsValue = demo.loss_history(Some(40)).unwrap().into();
    assert_eq!(number(&past, "from"), 0.0);
    assert_eq!(f64s(&past, "train"), f64s(&whole, "train"));
}

/// A small network's epoch is one piece: trainPiece ends it, and no epoch is left under way.
/// Mid-epoch progress (a large network) is checked natively in tests/pieces.rs and in the
/// page by e2e/large.spec.js; a debug build is too slow to train one here.
#[wasm_bindgen_test]
fn a_small_epoch_is_one_piece_and_leaves_no_progress() {
    let mut demo = Demo::new(settings(SMALL)).unwrap();
    let mut same = Demo::new(settings(SMALL)).unwrap();
    assert!(demo.epoch_progress().unwrap().is_null());
    assert!(demo.train_piece().unwrap(), "the piece ended the epoch");
    assert_eq!(demo.epoch(), 1);
    assert!(demo.epoch_progress().unwrap().is_null());
    same.train_epochs(1).unwrap();
    let (a, b): (JsValue, JsValue) = (
        demo.loss_history(None).unwrap().into(),
        same.loss_history(None).unwrap().into(),
    );
    assert_eq!(f64s(&a, "train"), f64s(&b, "train"));
    assert_eq!(f64s(&a, "test"), f64s(&b, "test"));
}

/// Large enough that the evaluation takes more than one piece (two members of two layers of
/// 48 units on 36 months: about 264 million multiply-adds against a piece's 201 million).
const TWO_PIECE_EVALUATION: &str = r#"{"hidden": 48, "layers": 2, "seed": 3, "window": 36, "ensemble": 2}"#;

#[wasm_bindgen_test]
fn an_evaluation_in_pieces_shows_nothing_until_it_is_done_and_then_the_whole_one_s_numbers() {
    let mut demo = Demo::new(settings(TWO_PIECE_EVALUATION)).unwrap();
    let mut whole = Demo::new(settings(TWO_PIECE_EVALUATION)).unwrap();
    while !demo.train_piece().unwrap() {}
    whole.train_epochs(1).unwrap();
    assert!(!demo.evaluation_ready(), "a new epoch is not evaluated yet");
    assert!(
        demo.evaluation_progress().unwrap().is_null(),
        "nor is its evaluation begun"
    );
    // Until then the page is given the series and no prediction.
    let pending: JsValue = demo.pending_predictions().unwrap().into();
    assert_eq!(f64s(&pending, "actual").len(), 144);
    assert!(f64s(&pending, "oneStep").iter().all(|v| v.is_nan()));
    assert!(f64s(&pending, "recursive").iter().all(|v| v.is_nan()));
    assert!(number(&demo.pending_evaluation().unwrap(), "testRmse").is_nan());

    assert!(!demo.evaluate_piece(), "the first piece does not finish it");
    let progress = demo.evaluation_progress().unwrap();
    let (done, total) = (number(&progress, "done"), number(&progress, "total"));
    assert!(0.0 < done && done < total, "{done} of {total}");
    let mut pieces = 1;
    while !demo.evaluate_piece() {
        pieces += 1;
        assert!(pieces < 100, "the evaluation never ends");
    }
    assert!(demo.evaluation_ready());
    assert!(demo.evaluation_progress().unwrap().is_null());
    let (a, b): (JsValue, JsValue) = (demo.predictions().unwrap().into(), whole.predictions().unwrap().into());
    for key in ["oneStep", "recursive", "members"] {
        let (x, y) = (f64s(&a, key), f64s(&b, key));
        assert!(x.iter().any(|v| v.is_finite()), "{key} has predictions");
        assert_eq!(
            format!("{x:?}"),
            format!("{y:?}"),
            "{key} differs from the whole evaluation"
        );
    }
    let (x, y) = (demo.evaluation().unwrap(), whole.evaluation().unwrap());
    assert_eq!(number(&x, "testRmse"), number(&y, "testRmse"));
    assert_eq!(number(&x, "recursiveRmse"), number(&y, "recursiveRmse"));
    // The next epoch starts it again.
    while !demo.train_piece().unwrap() {}
    assert!(!demo.evaluation_ready());
}

/// One network whose evaluation alone takes two pieces (about 235 million multiply-adds), for
/// looking back at an earlier epoch, which evaluates one network.
const TWO_PIECE_VIEW: &str = r#"{"hidden": 64, "layers": 2, "seed": 3, "window": 36, "ensemble": 1}"#;

#[wasm_bindgen_test]
fn looking_back_at_an_epoch_evaluates_it_in_pieces_too_with_the_whole_one_s_numbers() {
    let mut demo = Demo::new(settings(TWO_PIECE_VIEW)).unwrap();
    let mut whole = Demo::new(settings(TWO_PIECE_VIEW)).unwrap();
    demo.train_epochs(2).unwrap();
    whole.train_epochs(2).unwrap();
    assert_eq!(demo.view_epoch(Some(0.0)).unwrap(), Some(0));
    assert_eq!(whole.view_epoch(Some(0.0)).unwrap(), Some(0));
    assert!(!demo.evaluation_ready(), "the epoch looked at is not evaluated yet");
    assert!(demo.evaluation_in_pieces());
    assert!(!demo.evaluate_piece(), "the first piece does not finish it");
    assert!(!demo.evaluation_progress().unwrap().is_null());
    let mut pieces = 1;
    while !demo.evaluate_piece() {
        pieces += 1;
        assert!(pieces < 100, "the evaluation never ends");
    }
    assert!(demo.evaluation_ready() && demo.evaluation_progress().unwrap().is_null());
    // The same numbers as evaluating it at once.
    let (a, b): (JsValue, JsValue) = (demo.predictions().unwrap().into(), whole.predictions().unwrap().into());
    for key in ["oneStep", "recursive"] {
        let (x, y) = (f64s(&a, key), f64s(&b, key));
        assert!(x.iter().any(|v| v.is_finite()), "{key} has predictions");
        assert_eq!(format!("{x:?}"), format!("{y:?}"), "{key}");
    }
    // Back to the live weights, which nothing has evaluated since their last epoch.
    assert_eq!(demo.view_epoch(None).unwrap(), None);
    assert!(!demo.evaluation_ready());
    assert_ne!(
        number(&demo.evaluation().unwrap(), "testRmse"),
        number(&whole.evaluation().unwrap(), "testRmse"),
        "the live epoch 2 is not the epoch 0 looked at"
    );
}

#[wasm_bindgen_test]
fn the_api_trains_a_few_epochs_and_the_loss_falls() {
    let mut demo = Demo::new(settings(SMALL)).unwrap();
    assert_eq!(demo.epoch(), 0);
    assert_eq!(demo.train_epochs(1).unwrap(), 1);
    assert_eq!(demo.train_epochs(29).unwrap(), 29);
    assert_eq!(demo.epoch(), 30);

    let history: JsValue = demo.loss_history(None).unwrap().into();
    let (train, test) = (f64s(&history, "train"), f64s(&history, "test"));
    assert_eq!((train.len(), test.len()), (30, 30));
    assert!(train.iter().chain(&test).all(|v| v.is_finite() && *v > 0.0));
    assert!(
        train[29] < 0.97 * train[0],
        "the training loss should fall: {} -> {}",
        train[0],
        train[29]
    );

    let metrics = demo.evaluation().unwrap();
    for key in [
        "testLoss",
        "trainRmse",
        "testRmse",
        "testMape",
        "recursiveRmse",
        "recursiveMape",
    ] {
        let v = number(&metrics, key);
        assert!(v.is_finite() && v > 0.0, "{key} = {v}");
    }
}

#[wasm_bindgen_test]
fn reset_with_the_same_seed_replays_the_same_losses() {
    let mut demo = Demo::new(settings(SMALL)).unwrap();
    demo.train_epochs(3).unwrap();
    let first: JsValue = demo.loss_history(None).unwrap().into();
    demo.reset(None).unwrap();
    assert_eq!(demo.epoch(), 0);
    assert!(f64s(&demo.loss_history(None).unwrap().into(), "train").is_empty());
    demo.train_epochs(3).unwrap();
    let again: JsValue = demo.loss_history(None).unwrap().into();
    assert_eq!(f64s(&first, "train"), f64s(&again, "train"));
    assert_eq!(f64s(&first, "test"), f64s(&again, "test"));

    demo.reset(Some(4.0)).unwrap();
    demo.train_epochs(3).unwrap();
    let other: JsValue = demo.loss_history(None).unwrap().into();
    assert_ne!(
        f64s(&first, "train"),
        f64s(&other, "train"),
        "another seed, another run"
    );
    assert_eq!(number(&demo.settings().unwrap(), "seed"), 4.0);
    assert!(demo.reset(Some(-1.0)).is_err());
    assert!(demo.reset(Some(1.5)).is_err());
}

#[wasm_bindgen_test]
fn missing_settings_take_the_defaults() {
    let demo = Demo::new(JsValue::UNDEFINED).unwrap();
    let s = demo.settings().unwrap();
    assert_eq!(number(&s, "hidden"), 40.0);
    assert_eq!(number(&s, "window"), 24.0);
    assert_eq!(get(&s, "layout").as_string().unwrap(), "sequence");
    assert_eq!(number(&s, "ensemble"), 5.0);
    assert_eq!(get(&s, "earlyStopping").as_bool(), Some(false));
    let demo = Demo::new(settings(r#"{"layers": 2, "batchSize": 0, "clip": null}"#)).unwrap();
    let s = demo.settings().unwrap();
    assert_eq!(number(&s, "layers"), 2.0);
    assert_eq!(number(&s, "hidden"), 40.0);
    assert!(
        get(&s, "batchSize").is_null(),
        "batch size 0 means one batch of everything"
    );
}

#[wasm_bindgen_test]
fn bad_settings_give_an_error_not_a_panic() {
    let cases = [
        (r#"{"hidden": 0}"#, "hidden"),
        (r#"{"hiden": 4}"#, "hiden"),
        (r#"{"layout": "diagonal"}"#, "diagonal"),
        (r#"{"learningRate": -1}"#, "learning rate"),
        (r#"{"window": 200}"#, "window"),
        (r#"{"testStart": "1949-13"}"#, "1949-13"),
        (r#"{"hidden": "many"}"#, "settings"),
    ];
    for (json, expected) in cases {
        match Demo::new(settings(json)) {
            Ok(_) => panic!("{json} was accepted"),
            Err(e) => {
                let message = error_message(e);
                assert!(message.contains(expected), "{json}: {message}");
            }
        }
    }
}

#[wasm_bindgen_test]
fn predictions_months_and_trace_have_the_documented_shapes() {
    let mut demo = Demo::new(settings(SMALL)).unwrap();
    let p: JsValue = demo.predictions().unwrap().into();
    let (actual, one_step, recursive) = (f64s(&p, "actual"), f64s(&p, "oneStep"), f64s(&p, "recursive"));
    assert_eq!(actual, AIR_PASSENGERS.to_vec());
    assert_eq!((one_step.len(), recursive.len()), (144, 144));
    let test_start = number(&p, "testStart") as usize;
    assert_eq!(test_start, 120, "the last two years are held out");
    assert!(one_step[0].is_nan() && one_step[143].is_finite());
    assert!(recursive[test_start - 1].is_nan() && recursive[test_start..].iter().all(|v| v.is_finite()));

    let months = demo.months();
    assert_eq!(months.length(), 144);
    assert_eq!(months.get(0).as_string().unwrap(), "1949-01");
    assert_eq!(months.get(143).as_string().unwrap(), "1960-12");

    let trace: JsValue = demo.trace(0).unwrap().into();
    let steps = number(&trace, "steps") as usize;
    assert_eq!(steps, 12);
    let layer = get(&trace, "layers").dyn_into::<js_sys::Array>().unwrap().get(0);
    let hidden = number(&layer, "dHidden") as usize;
    assert_eq!(hidden, 8);
    for key in [
        "forgetGate",
        "inputGate",
        "cellGate",
        "outputGate",
        "cell",
        "hidden",
        "kept",
        "added",
    ] {
        let row = get(&layer, key).dyn_into::<Float32Array>().unwrap();
        assert_eq!(row.length() as usize, steps * hidden, "{key}");
    }
    assert_eq!(
        get(&layer, "dCellNorm").dyn_into::<Float32Array>().unwrap().length() as usize,
        steps
    );
    // The trace names its cell and carries the cell's rows by name, in the cell's order.
    assert_eq!(get(&trace, "cell").as_string().as_deref(), Some("lstm"));
    let names: Vec<String> = get(&layer, "rowNames")
        .dyn_into::<js_sys::Array>()
        .unwrap()
        .iter()
        .map(|n| n.as_string().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "input_gate",
            "forget_gate",
            "cell_gate",
            "output_gate",
            "cell",
            "hidden"
        ]
    );
    let rows = get(&layer, "rows");
    assert_eq!(
        get(&rows, "forget_gate").dyn_into::<Float32Array>().unwrap().to_vec(),
        get(&layer, "forgetGate").dyn_into::<Float32Array>().unwrap().to_vec()
    );
    let back = lstm_conveyor::web_views::trace_from_js(&trace).unwrap();
    assert_eq!(back.cell, lstm_conveyor::model::CellKind::Lstm);
    assert_eq!(back.layers[0].rows.len(), 6);
    assert!(demo.trace(demo.window_count()).is_err());

    let windows: JsValue = demo.training_windows().unwrap().into();
    let count = number(&windows, "count") as usize;
    assert_eq!(count, demo.train_window_count());
    assert_eq!(number(&windows, "window"), 12.0);
    assert_eq!(f64s(&windows, "inputs").len(), count * 12);
    assert_eq!(f64s(&windows, "targets").len(), count);
}

#[wasm_bindgen_test]
fn parameter_counts_agree_with_the_article_formula() {
    let demo = Demo::new(settings(r#"{"hidden": 40, "layout": "flat", "window": 12}"#)).unwrap();
    let counts: JsValue = demo.param_count().unwrap().into();
    // (40·(40 + 12) + 40)·4 + 40 + 1 for the article's [batch, 1, 12] input.
    assert_eq!(number(&counts, "article"), 8521.0);
    assert_eq!(number(&counts, "distinct"), 8521.0);
    assert_eq!(number(&counts, "numel"), 8521.0 + 160.0, "PyTorch keeps a second bias");
}

#[wasm_bindgen_test]
fn exported_weights_load_back_to_the_same_predictions() {
    let mut demo = Demo::new(settings(SMALL)).unwrap();
    demo.train_epochs(5).unwrap();
    let json = demo.export_weights();
    let before: JsValue = demo.predictions().unwrap().into();
    demo.train_epochs(5).unwrap();
    demo.import_weights(&json).unwrap();
    assert_eq!(demo.epoch(), 0);
    let after: JsValue = demo.predictions().unwrap().into();
    assert_eq!(
        format!("{:?}", f64s(&before, "oneStep")),
        format!("{:?}", f64s(&after, "oneStep")),
        "the weights should come back exactly"
    );
    assert!(demo.import_weights("{\"format\": 1}").is_err());
    assert!(demo.import_weights("not json").is_err());
}

/// The message of an error the API returned as a plain `JsValue` (an `Error`), with its name.
fn error_name_and_message(value: JsValue) -> (String, String) {
    let error = value.dyn_into::<js_sys::Error>().expect("an Error");
    (error.name().into(), error.message().into())
}

#[wasm_bindgen_test]
fn a_diverging_epoch_throws_a_divergence_error_and_keeps_the_epochs_before_it() {
    let mut demo = Demo::new(settings(
        r#"{"hidden": 8, "ensemble": 1, "optimizer": "sgd", "learningRate": 10}"#,
    ))
    .unwrap();
    let error = demo.train_epochs(50).expect_err("SGD at learning rate 10 diverges");
    let (name, message) = error_name_and_message(error);
    assert_eq!(name, "DivergenceError");
    assert!(message.contains("diverged"), "{message}");
    let kept = demo.epoch();
    assert!(kept < 50);
    let history: JsValue = demo.loss_history(None).unwrap().into();
    assert_eq!(
        f64s(&history, "train").len(),
        kept,
        "the diverging epoch left no record"
    );
}

#[wasm_bindgen_test]
fn learning_rate_optimizer_and_clip_change_without_a_reset() {
    let mut demo = Demo::new(settings(SMALL)).unwrap();
    demo.train_epochs(2).unwrap();
    demo.set_learning_rate(0.01).unwrap();
    demo.set_optimizer("adam").unwrap();
    demo.set_clip(Some(1.5)).unwrap();
    let s = demo.settings().unwrap();
    assert_eq!(number(&s, "learningRate"), 0.01);
    assert_eq!(get(&s, "optimizer").as_string().unwrap(), "adam");
    assert_eq!(number(&s, "clip"), 1.5);
    assert_eq!(demo.epoch(), 2, "the epochs stay");
    demo.train_epochs(1).unwrap();
    assert_eq!(demo.epoch(), 3);
    demo.set_clip(Some(0.0)).unwrap();
    assert!(get(&demo.settings().unwrap(), "clip").is_null(), "0 stops clipping");

    let message = error_message(demo.set_optimizer("rmsprop").unwrap_err());
    assert!(message.contains("rmsprop") && message.contains("adagrad"), "{message}");
    assert!(demo.set_learning_rate(-1.0).is_err());
    assert_eq!(
        number(&demo.settings().unwrap(), "learningRate"),
        0.01,
        "a refused value changes nothing"
    );
}

#[wasm_bindgen_test]
fn viewing_an_earlier_epoch_shows_its_predictions_and_returns_to_live() {
    let mut demo = Demo::new(settings(SMALL)).unwrap();
    let at_0: JsValue = demo.predictions().unwrap().into();
    demo.train_epochs(7).unwrap();
    let live: JsValue = demo.predictions().unwrap().into();
    let kept: Vec<u32> = demo.snapshot_epochs().to_vec();
    assert_eq!(kept, [0, 1, 2, 3, 4, 5, 6]);

    assert_eq!(demo.view_epoch(Some(0.0)).unwrap(), Some(0));
    assert_eq!(demo.viewing_epoch(), Some(0));
    let viewed: JsValue = demo.predictions().unwrap().into();
    assert_eq!(
        format!("{:?}", f64s(&viewed, "oneStep")),
        format!("{:?}", f64s(&at_0, "oneStep")),
        "epoch 0's weights predict what the fresh model did"
    );
    let trace: JsValue = demo.trace(3).unwrap().into();
    assert_eq!(number(&trace, "steps"), 12.0);
    assert_eq!(
        f64s(&demo.loss_history(None).unwrap().into(), "train").len(),
        7,
        "the history stays live"
    );

    // Epoch 7 is not kept (…, 6, 8, …): the latest kept one before it is shown.
    demo.train_epochs(1).unwrap();
    assert_eq!(demo.view_epoch(Some(7.0)).unwrap(), Some(6));
    assert!(demo.view_epoch(Some(-1.0)).is_err());

    assert_eq!(demo.view_epoch(None).unwrap(), None);
    assert_eq!(demo.viewing_epoch(), None);
    demo.train_epochs(0).unwrap();
    let after: JsValue = demo.predictions().unwrap().into();
    assert_ne!(
        format!("{:?}", f64s(&after, "oneStep")),
        format!("{:?}", f64s(&live, "oneStep")),
        "live again, one epoch further"
    );

    demo.reset(None).unwrap();
    assert_eq!(demo.snapshot_epochs().to_vec(), [0], "a reset keeps only epoch 0");
    assert_eq!(demo.viewing_epoch(), None);
}

#[wasm_bindgen_test]
fn a_csv_series_trains_and_a_bad_file_names_its_line() {
    let csv: String = (0..60)
        .map(|i| {
            format!(
                "{}-{:02},{}\n",
                2000 + i / 12,
                i % 12 + 1,
                100.0 + i as f64 + 10.0 * ((i % 12) as f64).sin()
            )
        })
        .collect();
    let mut demo = Demo::from_csv(
        &csv,
        "shop sales",
        settings(r#"{"hidden": 4, "window": 12, "ensemble": 1, "testStart": "1959-01"}"#),
    )
    .unwrap();
    assert_eq!(demo.series_name(), "shop sales");
    assert_eq!(demo.months().length(), 60);
    assert_eq!(demo.months().get(0).as_string().unwrap(), "2000-01");
    assert_eq!(demo.train_epochs(2).unwrap(), 2);
    let p: JsValue = demo.predictions().unwrap().into();
    assert_eq!(f64s(&p, "actual").len(), 60);

    let again = demo.with_settings(settings(r#"{"hidden": 6}"#)).unwrap();
    assert_eq!(again.series_name(), "shop sales", "new settings keep the series");
    assert_eq!(number(&again.settings().unwrap(), "hidden"), 6.0);

    let bad = csv.replacen("2000-03,", "2000-03,lots", 1);
    let message = error_message(Demo::from_csv(&bad, "bad", JsValue::UNDEFINED).err().unwrap());
    assert!(message.contains("line 3"), "{message}");
}

#[wasm_bindgen_test]
fn an_ensemble_reports_each_member_and_saves_them_all_in_one_weights_file() {
    let mut demo = Demo::new(settings(r#"{"hidden": 4, "window": 12, "ensemble": 3}"#)).unwrap();
    demo.train_epochs(2).unwrap();
    let p: JsValue = demo.predictions().unwrap().into();
    assert_eq!(number(&p, "memberCount"), 3.0);
    let members = f64s(&p, "members");
    assert_eq!(members.len(), 3 * 144, "memberCount × months, member after member");
    let one_step = f64s(&p, "oneStep");
    for month in [30, 100, 130] {
        let of_month: Vec<f64> = (0..3).map(|k| members[k * 144 + month]).collect();
        let (lo, hi) = of_month
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        assert!(lo < hi, "the members differ at month {month}: {of_month:?}");
        assert!(
            (lo..=hi).contains(&one_step[month]),
            "the forecast is the members' mean: {} outside {of_month:?}",
            one_step[month]
        );
    }
    // All three members go into one file, and it loads back to the same forecast.
    let json = demo.export_weights();
    let file = lstm_conveyor::weights::from_json(&json).unwrap();
    assert_eq!(file.members.len(), 2);
    let mut loaded = Demo::new(settings(r#"{"hidden": 4, "window": 12, "ensemble": 1}"#)).unwrap();
    loaded.import_weights(&json).unwrap();
    let q: JsValue = loaded.predictions().unwrap().into();
    assert_eq!(number(&q, "memberCount"), 3.0);
    assert_eq!(f64s(&q, "oneStep")[100..], one_step[100..]);

    let mut single = Demo::new(settings(SMALL)).unwrap();
    let p: JsValue = single.predictions().unwrap().into();
    assert_eq!(number(&p, "memberCount"), 0.0);
    assert!(f64s(&p, "members").is_empty());
    assert!(lstm_conveyor::weights::from_json(&single.export_weights())
        .unwrap()
        .members
        .is_empty());
}

#[wasm_bindgen_test]
fn early_stopping_scores_each_epoch_on_the_held_out_windows_and_names_the_best() {
    let mut demo = Demo::new(settings(
        r#"{"hidden": 4, "window": 12, "ensemble": 1, "earlyStopping": true}"#,
    ))
    .unwrap();
    let history: JsValue = demo.loss_history(None).unwrap().into();
    assert!(
        get(&history, "bestEpoch").is_undefined(),
        "no best epoch before the first"
    );
    demo.train_epochs(6).unwrap();
    let history: JsValue = demo.loss_history(None).unwrap().into();
    let validation = f64s(&history, "validation");
    assert_eq!(validation.len(), 6);
    assert!(validation.iter().all(|v| v.is_finite() && *v > 0.0), "{validation:?}");
    let best = number(&history, "bestEpoch") as usize;
    let lowest = validation.iter().cloned().fold(f64::INFINITY, f64::min);
    assert_eq!(
        validation[best - 1],
        lowest,
        "the best epoch has the lowest validation loss"
    );

    let mut without = Demo::new(settings(SMALL)).unwrap();
    without.train_epochs(2).unwrap();
    let history: JsValue = without.loss_history(None).unwrap().into();
    assert!(f64s(&history, "validation").iter().all(|v| v.is_nan()));
    assert!(get(&history, "bestEpoch").is_undefined());
}

#[wasm_bindgen_test]
fn the_baselines_come_fitted_on_the_training_part_and_a_short_series_says_which_cannot_be() {
    let demo = Demo::new(settings(SMALL)).unwrap();
    let b: JsValue = demo.baselines().unwrap().into();
    let strings = |key: &str| -> Vec<String> {
        get(&b, key)
            .dyn_into::<js_sys::Array>()
            .unwrap()
            .iter()
            .map(|v| v.as_string().unwrap())
            .collect()
    };
    assert_eq!(strings("ids"), ["seasonal_naive", "ar12_log", "holt_winters"]);
    assert_eq!(strings("labels").len(), 3);
    assert_eq!(f64s(&b, "oneStep").len(), 3 * 144);
    assert_eq!(f64s(&b, "recursive").len(), 3 * 144);
    let rmse: Vec<String> = f64s(&b, "testRmse").iter().map(|v| format!("{v:.2}")).collect();
    assert_eq!(rmse, ["49.99", "17.69", "14.93"], "AirPassengers 1959–60, one step");
    assert_eq!(get(&b, "unavailable").dyn_into::<js_sys::Array>().unwrap().length(), 0);

    // 20 months: a year to repeat, but not enough for AR(12) or two years for Holt–Winters.
    let csv: String = (0..20)
        .map(|i| format!("{}-{:02},{}\n", 2000 + i / 12, i % 12 + 1, 100 + i))
        .collect();
    let short = Demo::from_csv(&csv, "short", settings(r#"{"hidden": 4, "window": 3, "ensemble": 1}"#)).unwrap();
    let b: JsValue = short.baselines().unwrap().into();
    let ids: Vec<String> = get(&b, "ids")
        .dyn_into::<js_sys::Array>()
        .unwrap()
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    assert_eq!(ids, ["seasonal_naive"]);
    let unavailable = get(&b, "unavailable").dyn_into::<js_sys::Array>().unwrap();
    assert_eq!(unavailable.length(), 2);
    let first = unavailable.get(0);
    assert_eq!(get(&first, "id").as_string().unwrap(), "ar12_log");
    assert!(!get(&first, "message").as_string().unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// The charts, read back pixel by pixel
// ---------------------------------------------------------------------------------------------

/// A canvas in the page with a CSS size, as the page's stylesheet gives it.
fn canvas(css_width: u32, css_height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas
        .set_attribute(
            "style",
            &format!("display: block; width: {css_width}px; height: {css_height}px"),
        )
        .unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// The canvas' pixels as RGBA bytes, row by row, with its backing size.
struct Pixels {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
}

impl Pixels {
    fn read(canvas: &HtmlCanvasElement) -> Pixels {
        let context: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
        let (width, height) = (canvas.width() as usize, canvas.height() as usize);
        let data = context
            .get_image_data(0.0, 0.0, width as f64, height as f64)
            .unwrap()
            .data();
        Pixels {
            width,
            height,
            rgba: data.0,
        }
    }

    /// Pixels within `tolerance` of the colour `c` in the whole canvas.
    fn count(&self, c: Rgb, tolerance: u8) -> usize {
        self.rgba
            .chunks_exact(4)
            .filter(|p| c.is_near(p[0], p[1], p[2], tolerance))
            .count()
    }

    /// True when some pixel within `radius` of (x, y) has the colour `c`.
    fn has_near(&self, x: f64, y: f64, radius: i64, c: Rgb, tolerance: u8) -> bool {
        let (cx, cy) = (x.round() as i64, y.round() as i64);
        (cy - radius..=cy + radius).any(|py| {
            (cx - radius..=cx + radius).any(|px| {
                if px < 0 || py < 0 || px as usize >= self.width || py as usize >= self.height {
                    return false;
                }
                let i = 4 * (py as usize * self.width + px as usize);
                c.is_near(self.rgba[i], self.rgba[i + 1], self.rgba[i + 2], tolerance)
            })
        })
    }
}

const JAN_1949: YearMonth = YearMonth { year: 1949, month: 1 };

/// A hand-made view: the predictions are the series moved up (one-step) and down (recursive)
/// by 80, so the three lines never overlap.
fn shifted_predictions() -> (Vec<f64>, Vec<f64>) {
    let one_step: Vec<f64> = AIR_PASSENGERS
        .iter()
        .enumerate()
        .map(|(i, v)| if i < 12 { f64::NAN } else { v + 80.0 })
        .collect();
    let recursive: Vec<f64> = AIR_PASSENGERS
        .iter()
        .enumerate()
        .map(|(i, v)| if i < 120 { f64::NAN } else { v - 80.0 })
        .collect();
    (one_step, recursive)
}

#[wasm_bindgen_test]
fn the_forecast_chart_draws_each_series_where_its_frame_says() {
    let canvas = canvas(720, 360);
    let (one_step, recursive) = shifted_predictions();
    let view = ForecastView {
        start: JAN_1949,
        actual: &AIR_PASSENGERS,
        one_step: &one_step,
        recursive: &recursive,
        test_start: 120,
        highlight: None,
        members: &[],
        baselines: &[],
        compare: &[],
    };
    let frame = draw_forecast(&canvas, &view, 1.0).unwrap();
    assert_eq!((canvas.width(), canvas.height()), (720, 360));
    let pixels = Pixels::read(&canvas);

    let painted = pixels
        .rgba
        .chunks_exact(4)
        .filter(|p| !BACKGROUND.is_near(p[0], p[1], p[2], 8))
        .count();
    assert!(
        painted > 720 * 360 / 10,
        "the chart is nearly blank: {painted} pixels painted"
    );
    assert!(pixels.count(TEST_SHADE, 2) > 2000, "the test months are shaded");

    for month in [30, 70, 100, 110] {
        let (x, y) = frame.to_screen(month as f64, AIR_PASSENGERS[month]);
        assert!(pixels.has_near(x, y, 3, ACTUAL, 40), "actual at month {month}");
        let (x, y) = frame.to_screen(month as f64, one_step[month]);
        assert!(pixels.has_near(x, y, 3, ONE_STEP, 40), "one-step at month {month}");
    }
    // The dashed line: at least one of a few neighbouring months hits a dash.
    let dashes = (124..140)
        .filter(|&m| {
            let (x, y) = frame.to_screen(m as f64, recursive[m]);
            pixels.has_near(x, y, 3, RECURSIVE, 40)
        })
        .count();
    assert!(dashes >= 4, "the recursive forecast shows in {dashes} of 16 months");
    // No recursive forecast before the test months.
    let (x, y) = frame.to_screen(60.0, AIR_PASSENGERS[60] - 80.0);
    assert!(!pixels.has_near(x, y, 3, RECURSIVE, 40));
}

/// The legend is a strip above the plotting area (issue 11): its samples (here the input
/// window's band, which only the legend draws) lie above the plot's top edge, and a narrow
/// chart, whose strip takes more lines, pushes the plot further down instead of covering it.
#[wasm_bindgen_test]
fn the_forecast_legend_names_the_marks_above_the_curves() {
    use lstm_conveyor::render::forecast::{draw_forecast_labelled, ForecastLabels, WINDOW_BAND};
    let (one_step, recursive) = shifted_predictions();
    let view = ForecastView {
        start: JAN_1949,
        actual: &AIR_PASSENGERS,
        one_step: &one_step,
        recursive: &recursive,
        test_start: 120,
        highlight: None,
        members: &[],
        baselines: &[],
        compare: &[],
    };
    let note = ["epoch 0, untrained:", "predicts ≈ last month × 1.009"];
    let labels = ForecastLabels {
        marks: ["input window", "the month it predicts", "held-out test months"],
        note: &note,
        ..ForecastLabels::ENGLISH
    };
    let band_rows = |css_width: u32| {
        let canvas = canvas(css_width, 340);
        let frame = draw_forecast_labelled(&canvas, &view, &labels, 1.0).unwrap();
        let pixels = Pixels::read(&canvas);
        let rows: Vec<usize> = (0..pixels.height)
            .filter(|&y| {
                (0..pixels.width).any(|x| {
                    let i = 4 * (y * pixels.width + x);
                    WINDOW_BAND.is_near(pixels.rgba[i], pixels.rgba[i + 1], pixels.rgba[i + 2], 2)
                })
            })
            .collect();
        (frame, rows)
    };
    let (wide, rows) = band_rows(1000);
    assert!(!rows.is_empty(), "the band's sample is drawn");
    assert!(
        rows.iter().all(|&y| (y as f64) < wide.top),
        "the legend lies above the plot (top {}): rows {rows:?}",
        wide.top
    );
    let (narrow, rows) = band_rows(360);
    assert!(rows.iter().all(|&y| (y as f64) < narrow.top));
    assert!(
        narrow.top > wide.top,
        "more lines on a narrow chart: {} vs {}",
        narrow.top,
        wide.top
    );
}

#[wasm_bindgen_test]
fn without_predictions_the_forecast_chart_has_no_prediction_colours() {
    let canvas = canvas(600, 300);
    let nothing = vec![f64::NAN; 144];
    let view = ForecastView {
        start: JAN_1949,
        actual: &AIR_PASSENGERS,
        one_step: &nothing,
        recursive: &nothing,
        test_start: 120,
        highlight: None,
        members: &[],
        baselines: &[],
        compare: &[],
    };
    draw_forecast(&canvas, &view, 1.0).unwrap();
    let pixels = Pixels::read(&canvas);
    let legend_swatch = 22 * 3 * 2; // the legend keeps a short sample of each line
    assert!(pixels.count(ONE_STEP, 30) <= legend_swatch);
    assert!(pixels.count(ACTUAL, 30) > 500);
}

#[wasm_bindgen_test]
fn the_forecast_chart_is_drawn_at_the_pixel_ratio_with_the_same_layout() {
    let canvas = canvas(600, 300);
    let (one_step, recursive) = shifted_predictions();
    let view = ForecastView {
        start: JAN_1949,
        actual: &AIR_PASSENGERS,
        one_step: &one_step,
        recursive: &recursive,
        test_start: 120,
        highlight: Some(100),
        members: &[],
        baselines: &[],
        compare: &[],
    };
    let at_1 = draw_forecast(&canvas, &view, 1.0).unwrap();
    let at_2 = draw_forecast(&canvas, &view, 2.0).unwrap();
    assert_eq!((canvas.width(), canvas.height()), (1200, 600));
    let close = |a: f64, b: f64| (a - b).abs() <= 1.0;
    assert!(
        close(at_1.left, at_2.left) && close(at_1.width, at_2.width) && close(at_1.top, at_2.top),
        "{at_1:?} vs {at_2:?}"
    );
    // Backing pixels are twice the CSS pixels.
    let pixels = Pixels::read(&canvas);
    let (x, y) = at_2.to_screen(100.0, AIR_PASSENGERS[100]);
    assert!(pixels.has_near(2.0 * x, 2.0 * y, 4, ACTUAL, 40));
}

#[wasm_bindgen_test]
fn the_demos_predictions_draw_through_the_free_chart_function_which_finds_the_month_under_the_pointer() {
    let canvas = canvas(600, 300);
    let mut demo = Demo::new(settings(SMALL)).unwrap();
    demo.train_epochs(2).unwrap();
    let p: JsValue = demo.predictions().unwrap().into();
    let months = demo.months().get(0).as_string().unwrap();
    let frame = web_charts::draw_forecast(
        &canvas,
        1.0,
        &months,
        &f64s(&p, "actual"),
        &f64s(&p, "oneStep"),
        &f64s(&p, "recursive"),
        number(&p, "testStart") as usize,
        None,
        JsValue::UNDEFINED,
        None,
        None,
        None,
    )
    .unwrap();
    let pixels = Pixels::read(&canvas);
    assert!(pixels.count(ONE_STEP, 30) > 300, "the one-step predictions are drawn");
    assert!(pixels.count(ACTUAL, 30) > 300, "the series is drawn");

    // The middle of the canvas is inside the plotting area, somewhere in the 1950s.
    let month = frame.month_at(330.0, 150.0).expect("a month under the pointer");
    assert!((48..96).contains(&month), "month {month}");
    assert_eq!(frame.month_at(2.0, 2.0), None, "the corner is outside the plot");
    let (x, y) = frame.frame().to_screen(100.0, AIR_PASSENGERS[100]);
    assert_eq!(
        frame.month_at(x, y),
        Some(100),
        "the frame maps month 100 back to itself"
    );
}

#[wasm_bindgen_test]
fn the_free_chart_functions_refuse_mismatched_data_with_a_message() {
    let canvas = canvas(300, 200);
    let short = vec![f64::NAN; 10];
    let error = web_charts::draw_forecast(
        &canvas,
        1.0,
        "1949-01",
        &AIR_PASSENGERS,
        &short,
        &short,
        120,
        None,
        JsValue::UNDEFINED,
        None,
        None,
        None,
    )
    .err()
    .expect("10 predictions for 144 months is refused");
    assert!(error_message(error).contains("one value per month"));
    let error = web_charts::draw_forecast(
        &canvas,
        1.0,
        "1949-13",
        &AIR_PASSENGERS,
        &AIR_PASSENGERS,
        &AIR_PASSENGERS,
        120,
        None,
        JsValue::UNDEFINED,
        None,
        None,
        None,
    )
    .err()
    .expect("month 13 is refused");
    assert!(error_message(error).contains("1949-13"));
}

#[wasm_bindgen_test]
fn the_loss_chart_draws_both_curves_on_a_log_scale() {
    let canvas = canvas(480, 280);
    let train: Vec<f64> = (0..40).map(|e| 0.9 * 0.93f64.powi(e)).collect();
    let test: Vec<f64> = (0..40).map(|e| 1.5 * 0.95f64.powi(e)).collect();
    let view = LossView {
        train: &train,
        test: &test,
        validation: &[],
        best_epoch: None,
        compare: [&[], &[]],
    };
    let frame = draw_loss(&canvas, &view, 1.0).unwrap();
    // 40 epochs: the axis runs to 50; losses 0.05 … 1.5: 0.01 … 10.
    assert_eq!(frame.x, (0.0, 50.0));
    assert_eq!(frame.y, (-2.0, 1.0));
    let pixels = Pixels::read(&canvas);
    for epoch in [5, 20, 35] {
        let (x, y) = frame.to_screen(epoch as f64, train[epoch - 1].log10());
        assert!(pixels.has_near(x, y, 3, TRAIN_LOSS, 40), "train loss at epoch {epoch}");
        let (x, y) = frame.to_screen(epoch as f64, test[epoch - 1].log10());
        assert!(pixels.has_near(x, y, 3, TEST_LOSS, 40), "test loss at epoch {epoch}");
    }
}

/// Counts the canvas `lineTo` calls that `draw` makes (by wrapping the prototype's method for
/// its duration).
fn line_to_calls(draw: impl FnOnce()) -> u32 {
    let wrap = js_sys::Function::new_no_args(
        "const proto = CanvasRenderingContext2D.prototype; const original = proto.lineTo; \
         globalThis.__lineTo = 0; \
         proto.lineTo = function (...a) { globalThis.__lineTo += 1; return original.apply(this, a); }; \
         globalThis.__unwrapLineTo = () => { proto.lineTo = original; };",
    );
    wrap.call0(&JsValue::NULL).unwrap();
    draw();
    let global = js_sys::global();
    let unwrap: js_sys::Function = Reflect::get(&global, &"__unwrapLineTo".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    unwrap.call0(&JsValue::NULL).unwrap();
    Reflect::get(&global, &"__lineTo".into()).unwrap().as_f64().unwrap() as u32
}

#[wasm_bindgen_test]
fn a_100000_epoch_loss_chart_draws_at_most_four_points_per_pixel_column_and_keeps_the_extremes() {
    let canvas = canvas(480, 280);
    // A decaying loss with an epoch-to-epoch wiggle, and one spike at epoch 61,234.
    let mut train: Vec<f64> = (1..=100_000)
        .map(|e| 0.5 / (e as f64).sqrt() * (1.0 + 0.3 * (e as f64 * 0.9).sin()))
        .collect();
    train[61_233] = 0.5;
    let test: Vec<f64> = train.iter().map(|l| 1.4 * l).collect();
    let view = LossView {
        train: &train,
        test: &test,
        validation: &[],
        best_epoch: None,
        compare: [&[], &[]],
    };
    let mut frame = None;
    let calls = line_to_calls(|| frame = Some(draw_loss(&canvas, &view, 1.0).unwrap()));
    let frame = frame.unwrap();
    let columns = frame.width.ceil() as u32;
    // Two curves of at most 4 points per column, plus the axes, grid and legend.
    assert!(
        calls <= 2 * 4 * columns + 200,
        "{calls} lineTo calls for {columns} columns"
    );
    assert!(calls >= 2 * 2 * columns, "{calls} lineTo calls: every column is drawn");
    let pixels = Pixels::read(&canvas);
    // The spike is one epoch among ~200 in its column, and is drawn: its tip on the test curve
    // (drawn last, over the training curve's lower spike).
    let (x, y) = frame.to_screen(61_234.0, test[61_233].log10());
    assert!(pixels.has_near(x, y, 2, TEST_LOSS, 40), "the spike at epoch 61,234");
    for epoch in [10usize, 5_000, 90_000] {
        let (x, y) = frame.to_screen(epoch as f64, test[epoch - 1].log10());
        assert!(pixels.has_near(x, y, 3, TEST_LOSS, 40), "test loss at epoch {epoch}");
    }
}

/// The colour of an ensemble member's faint line over the white background.
fn member_colour() -> Rgb {
    let over_white = |c: u8| (255.0 + (c as f64 - 255.0) * MEMBER_ALPHA).round() as u8;
    Rgb::new(over_white(ONE_STEP.r), over_white(ONE_STEP.g), over_white(ONE_STEP.b))
}

#[wasm_bindgen_test]
fn the_forecast_chart_draws_members_faintly_and_each_baseline_in_its_colour_over_the_test_months() {
    let first = canvas(720, 360);
    let (one_step, recursive) = shifted_predictions();
    let shifted = |by: f64| -> Vec<f64> { AIR_PASSENGERS.iter().map(|v| v + by).collect() };
    let (above, below) = (shifted(130.0), shifted(30.0));
    let members: [&[f64]; 2] = [&above, &below];
    let (b0, b1, b2) = (shifted(-150.0), shifted(-200.0), shifted(-250.0));
    let baselines: [&[f64]; 3] = [&b0, &b1, &b2];
    let view = ForecastView {
        start: JAN_1949,
        actual: &AIR_PASSENGERS,
        one_step: &one_step,
        recursive: &recursive,
        test_start: 120,
        highlight: None,
        members: &members,
        baselines: &baselines,
        compare: &[],
    };
    let frame = draw_forecast(&first, &view, 1.0).unwrap();
    let pixels = Pixels::read(&first);
    let faint_with_members = pixels.count(member_colour(), 6);
    for month in [60, 90, 110] {
        for member in members {
            let (x, y) = frame.to_screen(month as f64, member[month]);
            assert!(pixels.has_near(x, y, 2, member_colour(), 16), "member at month {month}");
        }
        // The mean stays bold.
        let (x, y) = frame.to_screen(month as f64, one_step[month]);
        assert!(pixels.has_near(x, y, 3, ONE_STEP, 40), "one-step at month {month}");
    }
    for (k, baseline) in baselines.iter().enumerate() {
        for month in [125, 132, 140] {
            let (x, y) = frame.to_screen(month as f64, baseline[month]);
            assert!(
                pixels.has_near(x, y, 3, BASELINES[k], 40),
                "baseline {k} at month {month}"
            );
        }
        // Over the test months only.
        let (x, y) = frame.to_screen(100.0, baseline[100]);
        assert!(
            !pixels.has_near(x, y, 3, BASELINES[k], 40),
            "baseline {k} before the test"
        );
    }

    // A baseline with nothing to draw (one that could not be fitted) is left out, legend too.
    let nothing = vec![f64::NAN; 144];
    let partly: [&[f64]; 3] = [&b0, &b1, &nothing];
    let other = canvas(720, 360);
    draw_forecast(
        &other,
        &ForecastView {
            baselines: &partly,
            compare: &[],
            members: &[],
            ..view
        },
        1.0,
    )
    .unwrap();
    let pixels = Pixels::read(&other);
    assert_eq!(pixels.count(BASELINES[2], 30), 0);
    assert!(pixels.count(BASELINES[1], 30) > 100);
    // Without members only the edges of the bold line are as faint.
    let faint_without = pixels.count(member_colour(), 6);
    assert!(
        faint_with_members > 2 * faint_without.max(50),
        "members: {faint_with_members} faint pixels, without: {faint_without}"
    );
}

#[wasm_bindgen_test]
fn a_second_model_is_drawn_in_its_own_colour_on_both_charts_and_a_short_row_is_refused() {
    let forecast = canvas(720, 360);
    let (one_step, recursive) = shifted_predictions();
    let compare: Vec<f64> = AIR_PASSENGERS.iter().map(|v| v - 120.0).collect();
    let without = |c: &HtmlCanvasElement| {
        web_charts::draw_forecast(
            c,
            1.0,
            "1949-01",
            &AIR_PASSENGERS,
            &one_step,
            &recursive,
            120,
            None,
            JsValue::UNDEFINED,
            None,
            None,
            None,
        )
        .unwrap()
    };
    let plain = canvas(720, 360);
    without(&plain);
    assert_eq!(Pixels::read(&plain).count(COMPARE, 30), 0, "no second model, no purple");
    let frame = web_charts::draw_forecast(
        &forecast,
        1.0,
        "1949-01",
        &AIR_PASSENGERS,
        &one_step,
        &recursive,
        120,
        None,
        JsValue::UNDEFINED,
        None,
        None,
        Some(compare.clone()),
    )
    .unwrap();
    let pixels = Pixels::read(&forecast);
    for month in [20, 70, 130] {
        let (x, y) = frame.frame().to_screen(month as f64, compare[month]);
        assert!(pixels.has_near(x, y, 3, COMPARE, 40), "second model at month {month}");
    }
    let error = web_charts::draw_forecast(
        &forecast,
        1.0,
        "1949-01",
        &AIR_PASSENGERS,
        &one_step,
        &recursive,
        120,
        None,
        JsValue::UNDEFINED,
        None,
        None,
        Some(vec![1.0; 10]),
    )
    .err()
    .expect("10 values for 144 months is refused");
    assert!(error_message(error).contains("second model"));

    // The loss chart: the second model's train (solid) and test (dashed) loss in its colour.
    let train: Vec<f64> = (1..=40).map(|e| 1.0 / e as f64).collect();
    let test: Vec<f64> = train.iter().map(|v| v * 2.0).collect();
    let other: Vec<f64> = train.iter().map(|v| v * 6.0).collect();
    let loss = canvas(480, 280);
    let view = LossView {
        train: &train,
        test: &test,
        validation: &[],
        best_epoch: None,
        compare: [&other, &[]],
    };
    let frame = draw_loss(&loss, &view, 1.0).unwrap();
    let pixels = Pixels::read(&loss);
    for epoch in [5, 20, 35] {
        let (x, y) = frame.to_screen(epoch as f64, other[epoch - 1].log10());
        assert!(
            pixels.has_near(x, y, 3, COMPARE, 40),
            "second model's loss at epoch {epoch}"
        );
    }
    let bare = canvas(480, 280);
    draw_loss(
        &bare,
        &LossView {
            compare: [&[], &[]],
            ..view
        },
        1.0,
    )
    .unwrap();
    assert_eq!(Pixels::read(&bare).count(COMPARE, 30), 0);
}

#[wasm_bindgen_test]
fn the_free_forecast_function_takes_members_and_baselines_as_whole_rows() {
    let canvas = canvas(400, 240);
    let (one_step, recursive) = shifted_predictions();
    let draw = |members: Option<Vec<f64>>, baselines: Option<Vec<f64>>| {
        web_charts::draw_forecast(
            &canvas,
            1.0,
            "1949-01",
            &AIR_PASSENGERS,
            &one_step,
            &recursive,
            120,
            None,
            JsValue::UNDEFINED,
            members,
            baselines,
            None,
        )
    };
    let rows = |n: usize| Some(AIR_PASSENGERS.iter().cycle().take(n * 144).map(|v| v - 150.0).collect());
    assert!(draw(rows(5), rows(3)).is_ok());
    assert!(draw(Some(Vec::new()), None).is_ok(), "an empty array is no layer");
    let error = draw(Some(vec![1.0; 100]), None)
        .err()
        .expect("100 values are not rows of 144");
    assert!(error_message(error).contains("whole rows"));
    assert!(draw(None, rows(4)).is_err(), "there are three baselines");
}

#[wasm_bindgen_test]
fn with_early_stopping_the_loss_chart_draws_the_validation_curve_and_marks_the_best_epoch() {
    let train: Vec<f64> = (0..40).map(|e| 0.9 * 0.93f64.powi(e)).collect();
    let test: Vec<f64> = (0..40).map(|e| 1.5 * 0.95f64.powi(e)).collect();
    // Lowest at epoch 25 (index 24).
    let validation: Vec<f64> = (0..40).map(|e| 0.3 + 0.002 * ((e - 24) as f64).powi(2)).collect();
    let column = |best_epoch: Option<usize>| {
        let canvas = canvas(480, 280);
        let view = LossView {
            train: &train,
            test: &test,
            validation: &validation,
            best_epoch,
            compare: [&[], &[]],
        };
        let frame = draw_loss(&canvas, &view, 1.0).unwrap();
        let pixels = Pixels::read(&canvas);
        for epoch in [5, 35] {
            let (x, y) = frame.to_screen(epoch as f64, validation[epoch - 1].log10());
            assert!(
                pixels.has_near(x, y, 3, VALIDATION_LOSS, 40),
                "validation at epoch {epoch}"
            );
        }
        // Pixels of the validation colour in the column of epoch 25, away from the curve.
        let (x, y_curve) = frame.to_screen(25.0, validation[24].log10());
        let top = frame.top as i64;
        let bottom = (frame.top + frame.height) as i64;
        (top..bottom)
            .filter(|&y| (y as f64 - y_curve).abs() > 8.0)
            .filter(|&y| pixels.has_near(x, y as f64, 1, VALIDATION_LOSS, 40))
            .count()
    };
    let marked = column(Some(25));
    let unmarked = column(None);
    assert!(marked > 60, "the dashed mark runs down the plot: {marked} pixels");
    assert!(unmarked < 5, "no mark without a best epoch: {unmarked} pixels");

    // Without early stopping (NaN), no validation curve at all.
    let plain = canvas(480, 280);
    let nan = vec![f64::NAN; 40];
    let view = LossView {
        train: &train,
        test: &test,
        validation: &nan,
        best_epoch: None,
        compare: [&[], &[]],
    };
    draw_loss(&plain, &view, 1.0).unwrap();
    assert_eq!(Pixels::read(&plain).count(VALIDATION_LOSS, 30), 0);
}

#[wasm_bindgen_test]
fn the_empty_loss_chart_has_axes_but_no_curves() {
    let canvas = canvas(480, 280);
    let demo = Demo::new(settings(SMALL)).unwrap();
    let history: JsValue = demo.loss_history(None).unwrap().into();
    web_charts::draw_loss(
        &canvas,
        1.0,
        &f64s(&history, "train"),
        &f64s(&history, "test"),
        JsValue::UNDEFINED,
        None,
        None,
        None,
        None,
    )
    .unwrap();
    let pixels = Pixels::read(&canvas);
    let painted = pixels
        .rgba
        .chunks_exact(4)
        .filter(|p| !BACKGROUND.is_near(p[0], p[1], p[2], 8))
        .count();
    assert!(painted > 1000, "axes, labels and the hint are drawn");
    assert_eq!(pixels.count(TRAIN_LOSS, 30), 0);
    assert_eq!(pixels.count(TEST_LOSS, 30), 0);
}

#[wasm_bindgen_test]
fn an_example_series_makes_a_demo_on_its_own_months_and_an_unknown_id_is_refused() {
    let demo = Demo::from_example("co2", settings(SMALL)).unwrap();
    assert_eq!(demo.months().length(), 468, "Mauna Loa CO2 has 468 months");
    assert_eq!(demo.months().get(0).as_string().unwrap(), "1959-01");
    assert!(demo.series_name().contains("CO2"));
    let error = Demo::from_example("co3", settings(SMALL))
        .err()
        .expect("an unknown example is refused");
    let message = error_message(error);
    assert!(message.contains("co3") && message.contains("nottem"), "{message}");
}

#[wasm_bindgen_test]
fn parse_series_reads_a_csv_for_the_preview_and_names_the_bad_line() {
    let parsed: JsValue = lstm_conveyor::web::parse_series("1949-01,112\n1949-02,118\n1949-03,132\n", "mine")
        .unwrap()
        .into();
    assert_eq!(f64s(&parsed, "values"), vec![112.0, 118.0, 132.0]);
    let error = lstm_conveyor::web::parse_series("1949-01,112\n1949-02,abc\n", "mine")
        .expect_err("a word where a number belongs is refused");
    assert!(error_message(error).starts_with("line 2"), "the message names the line");
}

#[wasm_bindgen_test]
fn the_chart_labels_given_by_the_page_replace_the_english_ones_and_change_the_pixels() {
    let demo = Demo::new(settings(SMALL)).unwrap();
    let history: JsValue = demo.loss_history(None).unwrap().into();
    let draw = |labels: JsValue| {
        let canvas = canvas(480, 280);
        web_charts::draw_loss(
            &canvas,
            1.0,
            &f64s(&history, "train"),
            &f64s(&history, "test"),
            labels,
            None,
            None,
            None,
            None,
        )
        .unwrap();
        Pixels::read(&canvas).count(lstm_conveyor::render::palette::MUTED, 40)
    };
    let english = draw(JsValue::UNDEFINED);
    let same = draw(JSON::parse(r#"{"emptyHint": "Press Play or Step to train"}"#).unwrap());
    assert_eq!(english, same, "a label equal to the English one draws the same");
    let longer = draw(JSON::parse(r#"{"emptyHint": "A much, much longer hint to press Play or Step"}"#).unwrap());
    assert_ne!(english, longer, "another hint draws other pixels");
    assert_eq!(
        draw(JsValue::from_str("not an object")),
        english,
        "anything but an object keeps the English labels"
    );
}

/// The benchmark's products alone (`EpochProducts`, bench/page.js) through the page's export:
/// the multiply-adds it says, a sum of products, and every epoch alike (the sums are cleared).
/// That the products are the right ones is checked natively (src/model/matmul.rs), and the
/// browser's tiled product against the textbook one there too.
#[wasm_bindgen_test]
fn epoch_products_export_counts_its_work_and_repeats_exactly() {
    use lstm_conveyor::web::EpochProductsJs;
    let mut js = EpochProductsJs::new(9, 5, 3, 4);
    assert_eq!(js.multiply_adds(), 3 * (9 * 3 * 12 * 3 + 5 * 3 * 12));
    let once = js.run(1);
    assert!(once.is_finite() && once != 0.0, "a sum of products, not {once}");
    assert_eq!(js.run(2), once + once, "each epoch starts from cleared sums");
}
