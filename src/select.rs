//! Choosing the defaults without looking at the test months.
//!
//! A forecast is only honest if nothing about it was chosen by looking at the months it is
//! scored on. This module is the one way the demo's defaults are chosen:
//!
//! 1. **The cut comes first.** [`select`] receives the whole series and the last month it is
//!    allowed to see, and the first thing it does is [`cut`] the series there. Everything after
//!    works on the cut series alone; nothing else ever holds the full one. (For AirPassengers
//!    the cut is 1958-12, so 1959–60, the test years, are never read.) Every series handed to a
//!    trainer is recorded, and [`Selection::last_month_trained_or_scored`] reports the latest
//!    month any of them held, so a test can prove the cut held.
//! 2. **Rolling-origin validation inside the cut part.** Each [`Candidate`] is trained once per
//!    fold and seed. Fold `Y` trains on every month before `Y-01` and scores the one-step RMSE
//!    of the 12 months of year `Y` (the series is cut at `Y-12` for that fold, so the fold
//!    cannot see beyond its own year either). With folds 1956, 1957 and 1958 a candidate's
//!    score for one seed is the mean of its three fold RMSEs; the table reports the median over
//!    the seeds (and the worst seed). One validation year alone is too noisy to choose by: its
//!    winner can be among the worst on the next year.
//! 3. **A coordinate search.** The grid is searched one group of settings at a time (the
//!    [`Stage`]s of a [`Plan`]): the transform with the optimizer and learning rate first, then
//!    the number of epochs or early stopping, the hidden size, the window, gradient clipping,
//!    and last the ensemble size. The best candidate of each stage (lowest median; the worst
//!    seed breaks ties) carries into the next. A full factorial grid would take hours on two
//!    cores; this takes about a quarter of an hour.
//!
//! The result's last line, [`Candidate::flags`], is the chosen settings as `lstm-train` flags,
//! without `--seed`: seeds are what the medians run over.

use crate::baselines::{self, BaselineKind};
use crate::data::{Layout, Series, Transform, YearMonth};
use crate::model::OptimizerKind;
use crate::train::{TrainConfig, Trainer};
use std::fmt::Write as _;
use std::sync::Mutex;

/// Cuts `series` after the month `last` (kept): the part a selection may see.
///
/// An error says plainly when `last` is not a month of the series.
pub fn cut(series: &Series, last: YearMonth) -> Result<Series, String> {
    let i = series.index_of(last).ok_or_else(|| {
        format!(
            "the last month to use, {last}, is not in {} ({} to {})",
            series.name,
            series.months.first().map_or("?".to_string(), |m| m.to_string()),
            series.months.last().map_or("?".to_string(), |m| m.to_string()),
        )
    })?;
    Ok(Series {
        name: series.name.clone(),
        months: series.months[..=i].to_vec(),
        values: series.values[..=i].to_vec(),
    })
}

/// One point of the grid: every setting the selection varies, plus the epochs to train.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// How values become model inputs.
    pub transform: Transform,
    /// The update rule.
    pub optimizer: OptimizerKind,
    /// Its learning rate.
    pub learning_rate: f64,
    /// Epochs to train (with early stopping: at most this many; the kept epoch's weights count).
    pub epochs: usize,
    /// Keep the weights of the best epoch on the last 12 training months.
    pub early_stopping: bool,
    /// H, hidden units.
    pub hidden: usize,
    /// Stacked layers.
    pub layers: usize,
    /// W, months per window.
    pub window: usize,
    /// Gradient clipping norm, if any.
    pub clip_norm: Option<f64>,
    /// Ensemble members.
    pub ensemble: usize,
}

impl Candidate {
    /// The starting point of the search: the article's network (window 12, hidden 40, one
    /// layer, Adagrad 0.6) on log differences (the article's min-max scaling cannot forecast
    /// above the training maximum), fed as 12 time steps, 300 epochs, one network.
    pub fn start() -> Self {
        Candidate {
            transform: Transform::LogDiff,
            optimizer: OptimizerKind::Adagrad,
            learning_rate: 0.6,
            epochs: 300,
            early_stopping: false,
            hidden: 40,
            layers: 1,
            window: 12,
            clip_norm: None,
            ensemble: 1,
        }
    }

    /// The candidate a trainer's settings describe, trained for `epochs` epochs.
    pub fn of(config: &TrainConfig, epochs: usize) -> Self {
        let m = &config.model;
        Candidate {
            transform: config.transform,
            optimizer: m.optimizer,
            learning_rate: m.learning_rate,
            epochs,
            early_stopping: config.early_stopping,
            hidden: m.hidden,
            layers: m.layers,
            window: m.window,
            clip_norm: m.clip_norm,
            ensemble: config.ensemble,
        }
    }

    /// The trainer's settings for this candidate, seeded `seed`, testing from `test_start`.
    pub fn config(&self, seed: u64, test_start: Option<YearMonth>) -> TrainConfig {
        let mut config = TrainConfig {
            test_start,
            transform: self.transform,
            early_stopping: self.early_stopping,
            ensemble: self.ensemble,
            ..TrainConfig::default()
        };
        let model = &mut config.model;
        model.layout = Layout::Sequence;
        model.optimizer = self.optimizer;
        model.learning_rate = self.learning_rate;
        model.hidden = self.hidden;
        model.layers = self.layers;
        model.window = self.window;
        model.clip_norm = self.clip_norm;
        model.seed = seed;
        config
    }

    /// The candidate as `lstm-train` flags (no `--seed`).
    pub fn flags(&self) -> String {
        format!(
            "--transform {} --optimizer {} --lr {} --epochs {} --early-stopping {} --hidden {} --layers {} \
             --window {} --layout sequence --clip {} --ensemble {}",
            self.transform.name(),
            self.optimizer.name(),
            self.learning_rate,
            self.epochs,
            if self.early_stopping { "on" } else { "off" },
            self.hidden,
            self.layers,
            self.window,
            self.clip_norm.map_or("none".to_string(), |c| c.to_string()),
            self.ensemble
        )
    }

    /// A short description for the table: only what differs from `base`, or "(start)".
    fn describe_change(&self, base: &Candidate) -> String {
        let mut parts = Vec::new();
        if self.transform != base.transform {
            parts.push(format!("transform {}", self.transform.name()));
        }
        if self.optimizer != base.optimizer || self.learning_rate != base.learning_rate {
            parts.push(format!("{} {}", self.optimizer.name(), self.learning_rate));
        }
        if self.epochs != base.epochs || self.early_stopping != base.early_stopping {
            parts.push(format!(
                "{} epochs{}",
                self.epochs,
                if self.early_stopping { " + early stopping" } else { "" }
            ));
        }
        if self.hidden != base.hidden {
            parts.push(format!("hidden {}", self.hidden));
        }
        if self.layers != base.layers {
            parts.push(format!("layers {}", self.layers));
        }
        if self.window != base.window {
            parts.push(format!("window {}", self.window));
        }
        if self.clip_norm != base.clip_norm {
            parts.push(format!(
                "clip {}",
                self.clip_norm.map_or("none".into(), |c| c.to_string())
            ));
        }
        if self.ensemble != base.ensemble {
            parts.push(format!("ensemble {}", self.ensemble));
        }
        if parts.is_empty() {
            "(as before)".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// A way to make one candidate from the stage's incumbent.
pub type Variant = Box<dyn Fn(&Candidate) -> Candidate + Send + Sync>;

/// One group of settings searched together: each entry changes the incumbent candidate.
pub struct Stage {
    /// What the stage varies, for the table.
    pub name: &'static str,
    /// The candidates of the stage, made from the incumbent.
    pub variants: Vec<Variant>,
}

/// What to search and how to score it.
pub struct Plan {
    /// Validation years, one fold each: train before `Y-01`, score the 12 months of `Y`.
    pub folds: Vec<i32>,
    /// The seeds each candidate is trained with in each fold.
    pub seeds: Vec<u64>,
    /// Where the search starts.
    pub start: Candidate,
    /// The stages, searched in order.
    pub stages: Vec<Stage>,
    /// Worker threads (at least 1).
    pub threads: usize,
}

fn variant(f: impl Fn(&mut Candidate) + Send + Sync + 'static) -> Variant {
    Box::new(move |c: &Candidate| {
        let mut c = c.clone();
        f(&mut c);
        c
    })
}

impl Plan {
    /// The plan that chose the shipped defaults: folds 1956, 1957 and 1958, seeds 1–5, and
    /// the stages in the module doc.
    pub fn full(threads: usize) -> Plan {
        let mut optimizers: Vec<(OptimizerKind, f64)> = Vec::new();
        for lr in [0.05, 0.2, 0.6] {
            optimizers.push((OptimizerKind::Adagrad, lr));
        }
        for lr in [0.003, 0.01, 0.03] {
            optimizers.push((OptimizerKind::Adam, lr));
        }
        for lr in [0.01, 0.05] {
            optimizers.push((OptimizerKind::Sgd, lr));
        }
        let mut first = Vec::new();
        for transform in Transform::ALL {
            for &(optimizer, lr) in &optimizers {
                first.push(variant(move |c| {
                    c.transform = transform;
                    c.optimizer = optimizer;
                    c.learning_rate = lr;
                }));
            }
        }
        let mut epochs = Vec::new();
        for (n, early) in [
            (100, false),
            (200, false),
            (300, false),
            (600, false),
            (300, true),
            (600, true),
        ] {
            epochs.push(variant(move |c| {
                c.epochs = n;
                c.early_stopping = early;
            }));
        }
        let sizes = [10, 20, 40, 80].map(|h| variant(move |c| c.hidden = h)).into();
        let windows = [6, 12, 18, 24].map(|w| variant(move |c| c.window = w)).into();
        let shape = vec![
            variant(|_| {}),
            variant(|c| c.clip_norm = Some(1.0)),
            variant(|c| c.layers = 2),
        ];
        let ensembles = [1, 3, 5].map(|n| variant(move |c| c.ensemble = n)).into();
        Plan {
            folds: vec![1956, 1957, 1958],
            seeds: vec![1, 2, 3, 4, 5],
            start: Candidate::start(),
            stages: vec![
                Stage {
                    name: "transform × optimizer × learning rate",
                    variants: first,
                },
                Stage {
                    name: "epochs, early stopping",
                    variants: epochs,
                },
                Stage {
                    name: "hidden size",
                    variants: sizes,
                },
                Stage {
                    name: "window",
                    variants: windows,
                },
                Stage {
                    name: "gradient clipping, a second layer",
                    variants: shape,
                },
                Stage {
                    name: "ensemble size",
                    variants: ensembles,
                },
            ],
            threads: threads.max(1),
        }
    }
}

/// How one candidate scored.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    /// Per seed: the mean over the folds of the one-step RMSE (∞ if a run diverged).
    pub per_seed: Vec<f64>,
    /// Per fold: the median over the seeds of that fold's one-step RMSE.
    pub per_fold: Vec<f64>,
    /// The median of `per_seed`: the number candidates are compared by.
    pub median: f64,
    /// The largest of `per_seed`: breaks ties, and shows how much a seed can cost.
    pub worst: f64,
}

/// One line of the selection's table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The stage it belongs to.
    pub stage: &'static str,
    /// The candidate.
    pub candidate: Candidate,
    /// What it changes against the stage's incumbent.
    pub change: String,
    /// Its score.
    pub score: Score,
}

/// Everything a selection found.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    /// Every candidate scored, in order.
    pub rows: Vec<Row>,
    /// The winner of the last stage.
    pub chosen: Candidate,
    /// Its score.
    pub chosen_score: Score,
    /// The latest month of any series a trainer was given: never after the cut.
    pub last_month_trained_or_scored: YearMonth,
}

impl Selection {
    /// The table as text, one line per candidate, the chosen flags last.
    pub fn report(&self, folds: &[i32]) -> String {
        let mut out = String::new();
        let fold_head: String = folds.iter().map(|y| format!(" {:>7}", y)).collect();
        let mut stage = "";
        for row in &self.rows {
            if row.stage != stage {
                stage = row.stage;
                let _ = writeln!(out, "\n## {stage}");
                let _ = writeln!(out, "{:<52} {:>7} {:>7}{fold_head}", "candidate", "median", "worst");
            }
            let folds: String = row.score.per_fold.iter().map(|v| format!(" {v:>7.2}")).collect();
            let _ = writeln!(
                out,
                "{:<52} {:>7.2} {:>7.2}{folds}",
                row.change, row.score.median, row.score.worst
            );
        }
        let _ = writeln!(
            out,
            "\nchosen: median {:.2}, worst {:.2} (mean one-step RMSE over the folds); latest month read: {}",
            self.chosen_score.median, self.chosen_score.worst, self.last_month_trained_or_scored
        );
        out.push_str(&self.chosen.flags());
        out.push('\n');
        out
    }
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Trains `candidate` with `seed` on the fold of validation year `year` of `seen` and returns
/// the one-step RMSE of that year (∞ if training diverged or the fold cannot be set up), and
/// the last month of the series the trainer was given.
fn run_fold(seen: &Series, candidate: &Candidate, seed: u64, year: i32) -> (f64, Option<YearMonth>) {
    let (Ok(first), Ok(last)) = (YearMonth::new(year, 1), YearMonth::new(year, 12)) else {
        return (f64::INFINITY, None);
    };
    // The fold sees its own year and nothing after it.
    let Ok(fold) = cut(seen, last) else {
        return (f64::INFINITY, None);
    };
    let last_given = fold.months.last().copied();
    let Ok(mut trainer) = Trainer::new(&fold, candidate.config(seed, Some(first))) else {
        return (f64::INFINITY, last_given);
    };
    for _ in 0..candidate.epochs {
        if trainer.train_epoch().is_err() {
            return (f64::INFINITY, last_given);
        }
    }
    let rmse = trainer.evaluate().test.rmse;
    (if rmse.is_finite() { rmse } else { f64::INFINITY }, last_given)
}

/// Scores one candidate on every fold and seed of `plan`, on `threads` threads.
/// Returns the score and the latest month any trainer was given.
pub fn score(seen: &Series, candidate: &Candidate, plan: &Plan) -> (Score, Option<YearMonth>) {
    let jobs: Vec<(usize, usize)> = (0..plan.seeds.len())
        .flat_map(|s| (0..plan.folds.len()).map(move |f| (s, f)))
        .collect();
    let results = Mutex::new(vec![vec![f64::NAN; plan.folds.len()]; plan.seeds.len()]);
    let latest = Mutex::new(None::<YearMonth>);
    let next = Mutex::new(0usize);
    std::thread::scope(|scope| {
        for _ in 0..plan.threads.min(jobs.len()).max(1) {
            scope.spawn(|| loop {
                let job = {
                    let mut n = next.lock().expect("no thread panics holding it");
                    let job = jobs.get(*n).copied();
                    *n += 1;
                    job
                };
                let Some((s, f)) = job else { break };
                let (rmse, last) = run_fold(seen, candidate, plan.seeds[s], plan.folds[f]);
                results.lock().expect("no thread panics holding it")[s][f] = rmse;
                let mut latest = latest.lock().expect("no thread panics holding it");
                *latest = (*latest).max(last);
            });
        }
    });
    let results = results.into_inner().expect("threads joined");
    let per_seed: Vec<f64> = results.iter().map(|r| r.iter().sum::<f64>() / r.len() as f64).collect();
    let per_fold: Vec<f64> = (0..plan.folds.len())
        .map(|f| median(&results.iter().map(|r| r[f]).collect::<Vec<_>>()))
        .collect();
    let score = Score {
        median: median(&per_seed),
        worst: per_seed.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        per_seed,
        per_fold,
    };
    (score, latest.into_inner().expect("threads joined"))
}

/// The classical baselines on the same folds as the candidates: for each baseline, its label
/// and per fold the one-step RMSE of that year (fitted on the months before it), the mean over
/// the folds last. `NaN` where a baseline cannot be fitted. Like [`select`], it cuts first.
pub fn baseline_folds(
    series: &Series,
    last: YearMonth,
    folds: &[i32],
) -> Result<Vec<(&'static str, Vec<f64>)>, String> {
    let series = cut(series, last)?;
    let mut rows: Vec<(&'static str, Vec<f64>)> = BaselineKind::ALL.iter().map(|k| (k.label(), Vec::new())).collect();
    for &year in folds {
        let first = YearMonth::new(year, 1).map_err(|e| e.to_string())?;
        let fold = cut(&series, YearMonth::new(year, 12).map_err(|e| e.to_string())?)?;
        let test_start = fold
            .index_of(first)
            .ok_or_else(|| format!("{first} is not in the series"))?;
        for (row, kind) in rows.iter_mut().zip(BaselineKind::ALL) {
            let rmse = baselines::fit(kind, &fold.values, test_start).map_or(f64::NAN, |b| b.test.rmse);
            row.1.push(rmse);
        }
    }
    for row in &mut rows {
        let mean = row.1.iter().sum::<f64>() / row.1.len().max(1) as f64;
        row.1.push(mean);
    }
    Ok(rows)
}

/// Runs `plan` on `series` cut after `last`: the cut happens first, and nothing after it sees
/// a month past `last`. `progress` is told each row as it is scored.
pub fn select(
    series: &Series,
    last: YearMonth,
    plan: &Plan,
    progress: &mut dyn FnMut(&Row),
) -> Result<Selection, String> {
    // Shadowed: from here on the full series cannot be named.
    let series = cut(series, last)?;
    if plan.folds.is_empty() || plan.seeds.is_empty() {
        return Err("a selection needs at least one fold and one seed".to_string());
    }
    if let Some(&y) = plan
        .folds
        .iter()
        .find(|&&y| YearMonth::new(y, 12).map_or(true, |m| m > last))
    {
        return Err(format!(
            "validation year {y} lies beyond the last month the selection may see ({last})"
        ));
    }
    let mut incumbent = plan.start.clone();
    let mut incumbent_score: Option<Score> = None;
    let mut rows = Vec::new();
    let mut latest = series.months[0];
    for stage in &plan.stages {
        let base = incumbent.clone();
        let mut best: Option<(Candidate, Score)> = None;
        for make in &stage.variants {
            let candidate = make(&base);
            // A candidate scored already (the incumbent again) is not trained twice.
            let known = rows
                .iter()
                .find(|r: &&Row| r.candidate == candidate)
                .map(|r| r.score.clone());
            let score = match known {
                Some(score) => score,
                None => {
                    let (score, seen_last) = score(&series, &candidate, plan);
                    if let Some(m) = seen_last {
                        latest = latest.max(m);
                    }
                    score
                }
            };
            let row = Row {
                stage: stage.name,
                change: candidate.describe_change(&base),
                candidate: candidate.clone(),
                score: score.clone(),
            };
            progress(&row);
            rows.push(row);
            let better = match &best {
                None => true,
                Some((_, b)) => (score.median, score.worst) < (b.median, b.worst),
            };
            if better {
                best = Some((candidate, score));
            }
        }
        if let Some((c, s)) = best {
            incumbent = c;
            incumbent_score = Some(s);
        }
    }
    let chosen_score = match incumbent_score {
        Some(s) => s,
        None => score(&series, &incumbent, plan).0,
    };
    Ok(Selection {
        rows,
        chosen: incumbent,
        chosen_score,
        last_month_trained_or_scored: latest,
    })
}
