//! An epoch trained in pieces (`Trainer::train_piece`): the page's large networks stay live
//! because the worker reads its messages between pieces. These tests check that the pieces
//! change nothing about the numbers: small settings train whole epochs as before, and a
//! mini-batch cut into row chunks takes the same step up to float summation order.

use lstm_conveyor::data::Series;
use lstm_conveyor::model::ParamSet;
use lstm_conveyor::train::{
    row_work, EpochProgress, Evaluation, Piece, TrainConfig, Trainer, EVALUATION_PIECE_WORK, PIECE_WORK,
};

/// The Debug text of a value: equal exactly when every number is the same to the last bit
/// (Rust prints the shortest text that reads back as the same float), NaN equal to NaN, which
/// `==` would refuse (a record without validation has a NaN loss).
fn bits<T: std::fmt::Debug>(value: T) -> String {
    format!("{value:?}")
}

/// Two members of a small network (hidden 8, window 12, two layers), mini-batches of 40 of the
/// 108 training windows: three mini-batches per member, the last one shorter.
fn small() -> TrainConfig {
    let mut config = TrainConfig {
        ensemble: 2,
        ..TrainConfig::default()
    };
    config.model.hidden = 8;
    config.model.window = 12;
    config.model.layers = 2;
    config.model.batch_size = Some(40);
    config
}

/// The page's largest setting, `hidden=128&layers=4&window=36`, otherwise the defaults (an
/// ensemble of 5).
fn large() -> TrainConfig {
    let mut config = TrainConfig::default();
    config.model.hidden = 128;
    config.model.layers = 4;
    config.model.window = 36;
    config
}

/// Trains one epoch piece by piece and returns its record and the progress seen after each
/// piece but the last.
fn pieces_of_one_epoch(trainer: &mut Trainer) -> (lstm_conveyor::train::EpochRecord, Vec<EpochProgress>) {
    let mut seen = Vec::new();
    loop {
        match trainer.train_piece().expect("the piece trains") {
            Piece::Partial(progress) => {
                assert_eq!(trainer.epoch_progress(), Some(progress));
                seen.push(progress);
            }
            Piece::Epoch(record) => {
                assert_eq!(trainer.epoch_progress(), None);
                return (record, seen);
            }
        }
    }
}

#[test]
fn at_the_defaults_every_mini_batch_is_one_step_and_the_numbers_are_those_of_whole_epochs() {
    let series = Series::air_passengers();
    let config = TrainConfig::default();
    // A member's whole mini-batch (every training window) fits in one piece.
    let rows = Trainer::new(&series, config.clone()).unwrap().dataset().n_train;
    assert!(rows * row_work(&config.model) <= PIECE_WORK);
    let mut whole = Trainer::new(&series, config.clone()).unwrap();
    whole.set_piece_work(usize::MAX);
    let mut by_piece = Trainer::new(&series, config).unwrap();
    for _ in 0..3 {
        let expected = whole.train_epoch().unwrap();
        let (record, progress) = pieces_of_one_epoch(&mut by_piece);
        // One row chunk per member and one for its test windows' forward pass at the epoch's
        // end, so ten in all, several to a piece.
        assert!(progress.iter().all(|p| p.total == 10));
        assert!(progress.len() < 5);
        assert_eq!(bits(record), bits(expected), "bit for bit");
    }
    assert_eq!(bits(whole.evaluate()), bits(by_piece.evaluate()));
}

#[test]
fn mini_batches_cut_into_row_chunks_sum_to_the_whole_batch_step() {
    let series = Series::air_passengers();
    let mut whole = Trainer::new(&series, small()).unwrap();
    whole.set_piece_work(usize::MAX);
    let mut chunked = Trainer::new(&series, small()).unwrap();
    // Seven windows' work per piece: batches of 40 are cut into 6 chunks, the last 28 into 4;
    // the epoch's end predicts the 24 test windows in chunks of 14 (a forward pass alone counts
    // half), 2 more per member.
    chunked.set_piece_work(7 * row_work(&small().model));
    for epoch in 1..=5 {
        let expected = whole.train_epoch().unwrap();
        let (record, progress) = pieces_of_one_epoch(&mut chunked);
        assert_eq!(progress.len() + 1, 2 * (6 + 6 + 4 + 2), "epoch {epoch}: pieces");
        assert!(progress.iter().all(|p| p.total == 36));
        assert_eq!(
            progress.iter().map(|p| p.done).collect::<Vec<_>>(),
            (1..36).collect::<Vec<_>>()
        );
        for (what, a, b) in [
            ("train", expected.train_loss, record.train_loss),
            ("test", expected.test_loss, record.test_loss),
        ] {
            assert!(
                (a - b).abs() <= 1e-5 * a.abs(),
                "epoch {epoch}: {what} loss {b} in chunks, {a} in whole steps"
            );
        }
    }
    // The weights agree too, to f32 rounding after five epochs of 3 steps.
    let (a, b) = (whole.model_params(), chunked.model_params());
    for (x, y) in a.tensors().iter().zip(b.tensors()) {
        for (p, q) in x.iter().zip(y) {
            assert!((p - q).abs() <= 1e-4 * (1.0 + p.abs()), "{p} vs {q}");
        }
    }
}

#[test]
fn stopping_between_pieces_and_looking_changes_nothing_and_shows_the_last_epoch() {
    let series = Series::air_passengers();
    let mut straight = Trainer::new(&series, small()).unwrap();
    let mut looked_at = Trainer::new(&series, small()).unwrap();
    let work = 7 * row_work(&small().model);
    straight.set_piece_work(work);
    looked_at.set_piece_work(work);
    straight.train_epoch().unwrap();
    looked_at.train_epoch().unwrap();
    let before = bits(looked_at.evaluate());
    let trace_before = bits(looked_at.trace(100).unwrap());
    // Half an epoch, then what a paused page asks for.
    for _ in 0..16 {
        assert!(matches!(looked_at.train_piece().unwrap(), Piece::Partial(_)));
    }
    assert_eq!(looked_at.epoch(), 1);
    assert_eq!(
        bits(looked_at.evaluate()),
        before,
        "mid-epoch the evaluation is the last epoch's"
    );
    assert_eq!(bits(looked_at.trace(100).unwrap()), trace_before);
    // Going on finishes the same epoch as training it straight through.
    let expected = straight.train_epoch().unwrap();
    assert_eq!(bits(looked_at.train_epoch().unwrap()), bits(expected));
    assert_eq!(bits(looked_at.evaluate()), bits(straight.evaluate()));
}

#[test]
fn a_setting_change_or_a_reset_in_the_middle_of_an_epoch_undoes_it() {
    let series = Series::air_passengers();
    let mut trainer = Trainer::new(&series, small()).unwrap();
    trainer.set_piece_work(7 * row_work(&small().model));
    trainer.train_epoch().unwrap();
    let params = trainer
        .members()
        .iter()
        .map(|m| m.network().params.clone())
        .collect::<Vec<_>>();
    for _ in 0..20 {
        trainer.train_piece().unwrap();
    }
    assert_ne!(trainer.members()[0].network().params, params[0], "the pieces trained");
    trainer.set_learning_rate(0.01).unwrap();
    assert_eq!(trainer.epoch_progress(), None);
    let now = trainer
        .members()
        .iter()
        .map(|m| m.network().params.clone())
        .collect::<Vec<_>>();
    assert_eq!(now, params, "back at the start of epoch 2");
    trainer.train_piece().unwrap();
    trainer.reset(1);
    assert_eq!((trainer.epoch(), trainer.epoch_progress()), (0, None));
}

#[test]
fn at_the_largest_page_setting_an_epoch_is_cut_into_bounded_pieces() {
    let config = large();
    let mut trainer = Trainer::new(&Series::air_passengers(), config.clone()).unwrap();
    let rows_per_piece = PIECE_WORK / row_work(&config.model);
    assert!(rows_per_piece >= 1);
    let Piece::Partial(progress) = trainer.train_piece().unwrap() else {
        panic!("a large epoch in one piece");
    };
    // 84 training windows of 36 months before 1959-01, five members, one chunk per piece; then
    // the 24 test windows' forward passes, twice as many windows to a chunk.
    let chunks = 84_usize.div_ceil(rows_per_piece);
    let end_chunks = 24_usize.div_ceil(2 * rows_per_piece);
    assert!(end_chunks > 1, "the epoch's end is cut into pieces too");
    assert_eq!(
        progress,
        EpochProgress {
            done: 1,
            total: 5 * (chunks + end_chunks)
        }
    );
    assert_eq!(trainer.epoch(), 0);
    // Every piece holds at most one chunk, the epoch's end's too.
    let mut pieces = 1;
    loop {
        match trainer.train_piece().unwrap() {
            Piece::Partial(progress) => {
                pieces += 1;
                assert_eq!(progress.done, pieces);
            }
            Piece::Epoch(record) => {
                assert!(record.test_loss.is_finite());
                break;
            }
        }
    }
    // The last piece (its chunk and the record) ends the epoch.
    assert_eq!(pieces + 1, 5 * (chunks + end_chunks));
}

/// Evaluates in pieces of `work` multiply-adds and returns the evaluation and the progress seen
/// after each piece but the last.
fn evaluation_in_pieces(trainer: &Trainer, work: usize) -> (Evaluation, Vec<EpochProgress>) {
    let mut run = trainer.start_evaluation();
    let mut seen = Vec::new();
    loop {
        if let Some(evaluation) = trainer.evaluate_piece(&mut run, work) {
            return (evaluation, seen);
        }
        seen.push(run.progress());
    }
}

#[test]
fn an_evaluation_in_pieces_gives_the_numbers_of_the_whole_one_bit_for_bit() {
    let series = Series::air_passengers();
    let mut with_stopping = small();
    with_stopping.early_stopping = true;
    for config in [small(), with_stopping, TrainConfig::default()] {
        let mut trainer = Trainer::new(&series, config).unwrap();
        for _ in 0..2 {
            trainer.train_epoch().unwrap();
        }
        let whole = trainer.evaluate();
        assert!(whole.test.rmse.is_finite() && whole.recursive_test.rmse.is_finite());
        // One window's work per piece: every row chunk is one window, every recursive month
        // one piece.
        let one_window = row_work(&trainer.config().model);
        let (pieced, seen) = evaluation_in_pieces(&trainer, one_window);
        assert_eq!(bits(&pieced), bits(&whole));
        let members = trainer.members().len();
        let rows = trainer.dataset().targets.len();
        let months = series.values.len() - trainer.dataset().test_start;
        let total = members * (rows + months);
        // Each one-step piece is one window; each recursive piece, one month of every member.
        assert_eq!(seen.len(), members * rows + months - 1);
        assert!(seen.iter().all(|p| p.total == total && p.done < total));
        assert!(seen.windows(2).all(|w| w[0].done < w[1].done), "progress only grows");
        // The budget the page uses: the defaults evaluate in one piece.
        let (at_budget, seen) = evaluation_in_pieces(&trainer, EVALUATION_PIECE_WORK);
        assert_eq!(bits(&at_budget), bits(&whole));
        assert!(seen.len() <= members * rows * one_window / EVALUATION_PIECE_WORK + months);
        // What the worker asks before it evaluates new weights: one piece or more?
        assert_eq!(seen.is_empty(), trainer.evaluation_work() <= EVALUATION_PIECE_WORK);
    }
}

#[test]
fn the_page_s_large_setting_evaluates_in_pieces_of_at_most_the_budget() {
    let config = large();
    let trainer = Trainer::new(&Series::air_passengers(), config).unwrap();
    let per_window = row_work(&trainer.config().model);
    let members = trainer.members().len();
    // A recursive month of every member fits in a piece, so no piece is over the budget.
    assert!(members * per_window <= EVALUATION_PIECE_WORK);
    assert!(trainer.evaluation_work() > EVALUATION_PIECE_WORK);
    let mut run = trainer.start_evaluation();
    let mut pieces = 0;
    let mut before = run.progress().done;
    while trainer.evaluate_piece(&mut run, EVALUATION_PIECE_WORK).is_none() {
        let done = run.progress().done;
        assert!(
            (done - before) * per_window <= EVALUATION_PIECE_WORK,
            "a piece over the budget"
        );
        before = done;
        pieces += 1;
    }
    assert!(
        pieces > 10,
        "the large setting's evaluation is cut into pieces ({pieces})"
    );
}
