//! The stacked network: NUM_LAYERS recurrent layers of one cell (the article's `MultiRNNCell`;
//! LSTM, GRU or plain RNN, see [`super::cell`]) and a dense head that reads the top layer's last
//! hidden state, h_T, and predicts the next month:
//!
//! ```text
//! h^0_t = x_t,   h^l_t = cell_l(h^{l−1}_t, state^l_{t−1})  (l = 1 … L),   ŷ = w · h^L_T + b
//! ```
//!
//! Forward: layer 0 reads the input sequence; layer l reads layer l−1's hidden states h_1…h_T.
//! Backward (BPTT): the head's derivative enters the top layer at its last step; each layer is
//! run backwards over time, and its ∂L/∂x_t at every step becomes the extra ∂L/∂h_t of the layer
//! below.

use super::cell::{CellKind, Layer, LayerCache};
use super::lstm::LstmWork;
use super::{Float, GradientFlow, Linear, ParamSet, SequenceBatch, SequenceModel};
use crate::rng::Rng;
use ndarray::{s, Array1, Array2, Axis};

/// The shape of a network: what the weights file's `config` records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NetworkConfig {
    /// The recurrent cell of every layer.
    pub cell: CellKind,
    /// d, the features per time step (1 for the `Sequence` layout, W for `Flat`).
    pub d_input: usize,
    /// h, the hidden units per layer (the article's HIDDEN_SIZE, 40).
    pub d_hidden: usize,
    /// The number of stacked layers (the article's NUM_LAYERS), 1 to 4.
    pub n_layers: usize,
}

impl NetworkConfig {
    /// The article's formula, (h·(h + x) + h)·gates per layer (x = d for the first layer, h
    /// above; 4 gates for the LSTM), plus the head's h + 1.
    pub fn article_param_count(&self) -> usize {
        let gates = self.cell.gates();
        (0..self.n_layers)
            .map(|l| {
                let x = if l == 0 { self.d_input } else { self.d_hidden };
                (self.d_hidden * (self.d_hidden + x) + self.d_hidden) * gates
            })
            .sum::<usize>()
            + self.d_hidden
            + 1
    }
}

/// Every parameter of the network; its gradient has this type too.
///
/// The tensor order is PyTorch's `state_dict` order: for each layer l, `{cell}.weight_ih_l{l}`,
/// `{cell}.weight_hh_l{l}`, `{cell}.bias_ih_l{l}`, `{cell}.bias_hh_l{l}` (`{cell}` is `lstm`,
/// `gru` or `rnn`); then `linear.weight`, `linear.bias`.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkParams<F> {
    /// The stacked recurrent layers, bottom first, all of one cell.
    pub layers: Vec<Layer<F>>,
    /// The dense head, `[1, H]` and `[1]`.
    pub head: Linear<F>,
}

impl<F: Float> NetworkParams<F> {
    /// The shape these parameters have.
    pub fn config(&self) -> NetworkConfig {
        NetworkConfig {
            cell: self.cell(),
            d_input: self.layers[0].d_input(),
            d_hidden: self.layers[0].d_hidden(),
            n_layers: self.layers.len(),
        }
    }

    /// The cell of the layers.
    pub fn cell(&self) -> CellKind {
        self.layers[0].cell()
    }

    /// The number of distinct parameters, counted from the real tensors: every weight, one bias
    /// per gate and unit where PyTorch's two only act through their sum, and the head. PyTorch
    /// stores the gate bias twice (`bias_ih` and `bias_hh`), so its `numel()` total, our
    /// [`ParamSet::count`], is larger; TensorFlow's `BasicLSTMCell` in the article keeps one
    /// bias, and for the LSTM this count equals the article's formula.
    pub fn distinct_count(&self) -> usize {
        self.layers.iter().map(Layer::distinct_count).sum::<usize>() + self.head.weight.len() + self.head.bias.len()
    }

    /// Converts every tensor to another float type (f32 ↔ f64).
    pub fn cast<G: Float>(&self) -> NetworkParams<G> {
        NetworkParams {
            layers: self.layers.iter().map(Layer::cast).collect(),
            head: Linear {
                weight: self.head.weight.mapv(|x| G::of(x.as_f64())),
                bias: self.head.bias.mapv(|x| G::of(x.as_f64())),
            },
        }
    }
}

impl<F: Float> ParamSet<F> for NetworkParams<F> {
    fn zeros_like(&self) -> Self {
        let c = self.config();
        NetworkParams {
            layers: (0..c.n_layers)
                .map(|l| Layer::zeros(c.cell, if l == 0 { c.d_input } else { c.d_hidden }, c.d_hidden))
                .collect(),
            head: Linear::zeros(c.d_hidden, 1),
        }
    }

    fn tensors(&self) -> Vec<&[F]> {
        let flat = "parameter tensors are built in standard layout";
        let mut out = Vec::with_capacity(4 * self.layers.len() + 2);
        for l in &self.layers {
            let t = l.tensors();
            out.push(t.weight_ih.as_slice().expect(flat));
            out.push(t.weight_hh.as_slice().expect(flat));
            out.push(t.bias_ih.as_slice().expect(flat));
            out.push(t.bias_hh.as_slice().expect(flat));
        }
        out.push(self.head.weight.as_slice().expect(flat));
        out.push(self.head.bias.as_slice().expect(flat));
        out
    }

    fn tensors_mut(&mut self) -> Vec<&mut [F]> {
        let flat = "parameter tensors are built in standard layout";
        let mut out = Vec::with_capacity(4 * self.layers.len() + 2);
        for l in &mut self.layers {
            let t = l.tensors_mut();
            out.push(t.weight_ih.as_slice_mut().expect(flat));
            out.push(t.weight_hh.as_slice_mut().expect(flat));
            out.push(t.bias_ih.as_slice_mut().expect(flat));
            out.push(t.bias_hh.as_slice_mut().expect(flat));
        }
        out.push(self.head.weight.as_slice_mut().expect(flat));
        out.push(self.head.bias.as_slice_mut().expect(flat));
        out
    }

    fn names(&self) -> Vec<String> {
        let prefix = self.cell().name();
        let mut out = Vec::new();
        for l in 0..self.layers.len() {
            for kind in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] {
                out.push(format!("{prefix}.{kind}_l{l}"));
            }
        }
        out.push("linear.weight".to_string());
        out.push("linear.bias".to_string());
        out
    }
}

/// What the forward pass keeps: every step of every layer.
#[derive(Clone, Debug)]
pub struct ForwardCache<F> {
    /// `layers[l]`: layer l's caches and states over the sequence.
    pub layers: Vec<LayerCache<F>>,
}

impl<F: Float> ForwardCache<F> {
    /// The top layer's last hidden state h_T, `[B, H]`: what the head reads.
    pub fn last_hidden(&self) -> &Array2<F> {
        let top = self.layers.last().expect("at least one layer");
        top.hidden(top.len().checked_sub(1).expect("at least one time step"))
    }

    /// T, the number of time steps.
    pub fn steps(&self) -> usize {
        self.layers.first().map_or(0, LayerCache::len)
    }
}

/// Everything a training step's forward and backward passes write, kept from one step to the
/// next: the forward caches, the gradient, the gradient norms and the scratch of every layer.
/// With it, a step after the first allocates nothing that grows with the window or the batch
/// (for the LSTM; the GRU and the RNN still build their caches anew). Nothing in it means
/// anything between steps, so a clone is empty.
#[derive(Debug, Default)]
pub struct Workspace<F> {
    /// The forward caches of the last forward pass.
    cache: ForwardCache<F>,
    /// One scratch per layer.
    work: Vec<LstmWork<F>>,
    /// ∂L/∂θ of the last backward pass.
    grads: Option<NetworkParams<F>>,
    /// The gradient norms of the last backward pass.
    flow: GradientFlow,
    /// ∂L/∂h_t from above for the layer being back-propagated, and its ∂L/∂x_t.
    d_above: Vec<Array2<F>>,
    d_below: Vec<Array2<F>>,
}

impl<F: Default> Clone for Workspace<F> {
    /// An empty workspace: scratch is never worth copying.
    fn clone(&self) -> Self {
        Workspace {
            cache: ForwardCache { layers: Vec::new() },
            work: Vec::new(),
            grads: None,
            flow: GradientFlow::default(),
            d_above: Vec::new(),
            d_below: Vec::new(),
        }
    }
}

impl<F> Default for ForwardCache<F> {
    fn default() -> Self {
        ForwardCache { layers: Vec::new() }
    }
}

/// The scratch of [`Network::predict_into`]: each layer's h_t, stacked `[T·B, H]`, and one
/// layer's state. A clone is empty.
#[derive(Debug, Default)]
pub struct Inference<F> {
    hidden: Vec<Array2<F>>,
    work: LstmWork<F>,
}

impl<F: Default> Clone for Inference<F> {
    /// An empty scratch.
    fn clone(&self) -> Self {
        Inference {
            hidden: Vec::new(),
            work: LstmWork::default(),
        }
    }
}

/// Stacked recurrent layers and a dense head.
#[derive(Clone, Debug, PartialEq)]
pub struct Network<F> {
    /// All parameters.
    pub params: NetworkParams<F>,
}

impl<F: Float> Network<F> {
    /// A freshly initialised network (PyTorch's U(±1/√H) everywhere), fully fixed by `seed`.
    /// `forget_bias_one` starts an LSTM's forget gate bias at 1; the other cells ignore it.
    pub fn new(config: NetworkConfig, forget_bias_one: bool, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let layers = (0..config.n_layers)
            .map(|l| {
                let d_in = if l == 0 { config.d_input } else { config.d_hidden };
                Layer::init(config.cell, d_in, config.d_hidden, forget_bias_one, &mut rng)
            })
            .collect();
        let head = Linear::init(config.d_hidden, 1, &mut rng);
        Network {
            params: NetworkParams { layers, head },
        }
    }

    /// The network's shape.
    pub fn config(&self) -> NetworkConfig {
        self.params.config()
    }

    /// [`SequenceModel::forward`] into the caches of `workspace`, which the next
    /// [`Network::backward_into`] reads: the same pass, reusing the matrices of the last one.
    pub fn forward_into(&self, batch: &SequenceBatch<F>, workspace: &mut Workspace<F>) -> Array1<F> {
        let n_layers = self.params.layers.len();
        let layers = &mut workspace.cache.layers;
        let same_cells = layers.len() == n_layers && layers.iter().all(|c| c.cell() == self.params.cell());
        if !same_cells {
            layers.clear();
            layers.extend((0..n_layers).map(|_| LayerCache::Lstm {
                steps: Vec::new(),
                states: Vec::new(),
            }));
        }
        workspace.work.resize_with(n_layers, LstmWork::default);
        let steps = batch.len();
        for (l, layer) in self.params.layers.iter().enumerate() {
            // Layer 0 reads x_t; layer l reads layer l−1's h_t.
            let (below, this) = layers.split_at_mut(l);
            let work = &mut workspace.work[l];
            match below.last() {
                None => layer.forward_sequence_into(steps, |t| &batch.steps[t], &mut this[0], work),
                Some(below) => layer.forward_sequence_into(steps, |t| below.hidden(t), &mut this[0], work),
            }
        }
        self.params
            .head
            .forward(workspace.cache.last_hidden())
            .column(0)
            .to_owned()
    }

    /// [`SequenceModel::backward`] of the last [`Network::forward_into`] with this workspace:
    /// ∂L/∂θ and the gradient norms, in the workspace's own buffers.
    pub fn backward_into<'w>(
        &self,
        d_output: &Array1<F>,
        workspace: &'w mut Workspace<F>,
    ) -> (&'w mut NetworkParams<F>, &'w GradientFlow) {
        let fits = workspace.grads.as_ref().is_some_and(|g| g.config() == self.config());
        if !fits {
            workspace.grads = Some(self.params.zeros_like());
        }
        let grads = workspace.grads.as_mut().expect("just made");
        let Workspace {
            cache,
            work,
            flow,
            d_above,
            d_below,
            ..
        } = workspace;
        self.backward_with(cache, d_output, grads, flow, work, d_above, d_below);
        (grads, flow)
    }

    /// Predicts one number per sequence without keeping anything for a backward pass: the
    /// test loss, the one-step predictions and the recursive forecast. The same numbers as
    /// [`SequenceModel::forward`]; an LSTM layer runs [`super::LstmLayer::forward_only`], the
    /// other cells their cached forward pass.
    pub fn predict_into(&self, batch: &SequenceBatch<F>, inference: &mut Inference<F>) -> Array1<F> {
        let (steps, b) = (batch.len(), batch.batch_size());
        let n_layers = self.params.layers.len();
        inference.hidden.resize_with(n_layers, || Array2::zeros((0, 0)));
        for (l, layer) in self.params.layers.iter().enumerate() {
            let (below, this) = inference.hidden.split_at_mut(l);
            let out = &mut this[0];
            let below = below.last();
            let rows = |t: usize| s![t * b..(t + 1) * b, ..];
            match layer {
                Layer::Lstm(lstm) => match below {
                    None => lstm.forward_only(steps, |t| batch.steps[t].view(), out, &mut inference.work),
                    Some(below) => lstm.forward_only(steps, |t| below.slice(rows(t)), out, &mut inference.work),
                },
                _ => {
                    let owned: Vec<Array2<F>> = match below {
                        None => batch.steps.clone(),
                        Some(below) => (0..steps).map(|t| below.slice(rows(t)).to_owned()).collect(),
                    };
                    let cache = layer.forward_sequence(&owned.iter().collect::<Vec<_>>());
                    *out = Array2::zeros((steps * b, layer.d_hidden()));
                    for t in 0..steps {
                        out.slice_mut(rows(t)).assign(cache.hidden(t));
                    }
                }
            }
        }
        let top = inference.hidden.last().expect("at least one layer");
        let last = top.slice(s![(steps - 1) * b.., ..]);
        self.params.head.forward_view(last).column(0).to_owned()
    }

    /// The backward pass through the head and every layer, into `grads` (zeroed first) and
    /// `flow`, with the layers' scratch and the two lists of ∂L/∂h_t passed between layers.
    #[allow(clippy::too_many_arguments)]
    fn backward_with(
        &self,
        cache: &ForwardCache<F>,
        d_output: &Array1<F>,
        grads: &mut NetworkParams<F>,
        flow: &mut GradientFlow,
        work: &mut Vec<LstmWork<F>>,
        d_above: &mut Vec<Array2<F>>,
        d_below: &mut Vec<Array2<F>>,
    ) {
        for t in grads.tensors_mut() {
            t.fill(F::zero());
        }
        let n_layers = self.params.layers.len();
        let n_steps = cache.steps();
        work.resize_with(n_layers, LstmWork::default);
        let d_out = d_output.view().insert_axis(Axis(1)).to_owned();

        // The head: ∂L/∂h_T of the top layer.
        let d_top = self.params.head.backward(cache.last_hidden(), &d_out, &mut grads.head);

        // d_above[t] = ∂L/∂h_t arriving from outside the layer's own recurrence.
        let shape = d_top.dim();
        if d_above.len() != n_steps || d_above.first().is_some_and(|d| d.dim() != shape) {
            d_above.clear();
            d_above.extend((0..n_steps).map(|_| Array2::zeros(shape)));
        }
        for d in d_above.iter_mut() {
            d.fill(F::zero());
        }
        d_above[n_steps - 1].assign(&d_top);

        flow.hidden.resize_with(n_layers, Vec::new);
        flow.cell.resize_with(n_layers, Vec::new);
        for l in (0..n_layers).rev() {
            // Back through the layer's time steps; its ∂L/∂x_t is the layer below's extra ∂L/∂h_t.
            let layer = &self.params.layers[l];
            let d_input = if l > 0 { Some(&mut *d_below) } else { None };
            let norms = (&mut flow.hidden[l], &mut flow.cell[l]);
            layer.backward_sequence_into(
                &cache.layers[l],
                d_above,
                &mut grads.layers[l],
                d_input,
                norms,
                &mut work[l],
            );
            std::mem::swap(d_above, d_below);
        }
    }
}

impl<F: Float> SequenceModel<F> for Network<F> {
    type Params = NetworkParams<F>;
    type Cache = ForwardCache<F>;

    fn forward(&self, batch: &SequenceBatch<F>) -> (Array1<F>, ForwardCache<F>) {
        let mut workspace = Workspace::default();
        let prediction = self.forward_into(batch, &mut workspace);
        (prediction, workspace.cache)
    }

    fn backward(&self, cache: &ForwardCache<F>, d_output: &Array1<F>) -> (NetworkParams<F>, GradientFlow) {
        let mut grads = self.params.zeros_like();
        let mut flow = GradientFlow::default();
        let (mut d_above, mut d_below) = (Vec::new(), Vec::new());
        self.backward_with(
            cache,
            d_output,
            &mut grads,
            &mut flow,
            &mut Vec::new(),
            &mut d_above,
            &mut d_below,
        );
        (grads, flow)
    }

    fn params(&self) -> &NetworkParams<F> {
        &self.params
    }

    fn params_mut(&mut self) -> &mut NetworkParams<F> {
        &mut self.params
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::loss::mse;

    fn batch(steps: usize, d_input: usize, batch: usize, seed: u64) -> (SequenceBatch<f64>, Array1<f64>) {
        let mut rng = Rng::new(seed);
        let steps = (0..steps)
            .map(|_| Array2::from_shape_simple_fn((batch, d_input), || rng.uniform(-1.0, 1.0)))
            .collect();
        let target = Array1::from_shape_simple_fn(batch, || rng.uniform(-1.0, 1.0));
        (SequenceBatch { steps }, target)
    }

    fn loss(net: &Network<f64>, x: &SequenceBatch<f64>, y: &Array1<f64>) -> f64 {
        mse(&net.forward(x).0, y).0
    }

    /// Central differences, (L(θ+ε) − L(θ−ε)) / 2ε, for every scalar of every tensor of a
    /// two-layer network, against the hand-written BPTT. In f64 with ε = 1e-6 the two agree to
    /// about 1e-9; a wrong sign or a missing term is off by far more than the 1e-6 allowed.
    fn gradient_check(cell: CellKind, steps: usize, d_input: usize) {
        let config = NetworkConfig {
            cell,
            d_input,
            d_hidden: 3,
            n_layers: 2,
        };
        let mut net = Network::<f64>::new(config, true, 11);
        let (x, y) = batch(steps, d_input, 4, 5);
        let (prediction, cache) = net.forward(&x);
        let (_, d_prediction) = mse(&prediction, &y);
        let (grads, _) = net.backward(&cache, &d_prediction);

        let names = net.params.names();
        let analytic: Vec<Vec<f64>> = grads.tensors().iter().map(|t| t.to_vec()).collect();
        let eps = 1e-6;
        let mut checked = 0;
        for (k, name) in names.iter().enumerate() {
            for (i, &a) in analytic[k].iter().enumerate() {
                let original = net.params.tensors()[k][i];
                net.params.tensors_mut()[k][i] = original + eps;
                let plus = loss(&net, &x, &y);
                net.params.tensors_mut()[k][i] = original - eps;
                let minus = loss(&net, &x, &y);
                net.params.tensors_mut()[k][i] = original;
                let numeric = (plus - minus) / (2.0 * eps);
                let error = (a - numeric).abs() / (1e-8 + a.abs().max(numeric.abs()));
                assert!(
                    error < 1e-6 || (a - numeric).abs() < 1e-9,
                    "{name}[{i}]: analytic {a:e} vs numeric {numeric:e}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, net.params.count());
        // Every tensor gets a gradient: none is silently left at zero. (With one time step,
        // h_{t−1} is the zero start state, so layer 0's W_hh truly has none.)
        for (k, name) in names.iter().enumerate() {
            if steps == 1 && name.contains(".weight_hh") {
                assert!(analytic[k].iter().all(|&g| g == 0.0));
                continue;
            }
            assert!(analytic[k].iter().any(|g| g.abs() > 1e-8), "{name} has no gradient");
        }
    }

    #[test]
    fn gradient_check_sequence_layout() {
        for cell in CellKind::ALL {
            gradient_check(cell, 5, 1);
        }
    }

    #[test]
    fn gradient_check_flat_layout() {
        for cell in CellKind::ALL {
            gradient_check(cell, 1, 5);
        }
    }

    #[test]
    fn gradient_check_wide_input_over_several_steps() {
        for cell in CellKind::ALL {
            gradient_check(cell, 3, 2);
        }
    }

    /// The forward-only pass gives the cached forward's predictions bit for bit, for every
    /// cell, one and two layers, a thin and a wide input, and again with its scratch reused
    /// for a batch of another size (the recursive forecast's batch of one).
    #[test]
    fn predict_into_equals_the_cached_forward() {
        for cell in CellKind::ALL {
            for (steps, d_input) in [(5, 1), (3, 9), (1, 12)] {
                for n_layers in [1, 2] {
                    let config = NetworkConfig {
                        cell,
                        d_input,
                        d_hidden: 6,
                        n_layers,
                    };
                    let net = Network::<f32>::new(config, true, 7);
                    let mut inference = Inference::default();
                    for (b, seed) in [(4, 1), (1, 2), (4, 3)] {
                        let (x, _) = batch(steps, d_input, b, seed);
                        let x = SequenceBatch {
                            steps: x.steps.iter().map(|m| m.mapv(|v| v as f32)).collect(),
                        };
                        let cached = net.forward(&x).0;
                        assert_eq!(net.predict_into(&x, &mut inference), cached, "{cell} {config:?} b={b}");
                    }
                }
            }
        }
    }

    /// One workspace reused over batches of two shapes gives exactly what fresh passes give:
    /// nothing of an earlier step leaks into the next.
    #[test]
    fn a_reused_workspace_gives_what_fresh_passes_give() {
        for cell in CellKind::ALL {
            for d_input in [1, 9] {
                let config = NetworkConfig {
                    cell,
                    d_input,
                    d_hidden: 4,
                    n_layers: 2,
                };
                let net = Network::<f64>::new(config, true, 5);
                let mut workspace = Workspace::default();
                for (steps, b, seed) in [(5, 3, 1), (5, 3, 2), (4, 2, 3), (5, 3, 4)] {
                    let (x, y) = batch(steps, d_input, b, seed);
                    let p = net.forward_into(&x, &mut workspace);
                    let d = mse(&p, &y).1;
                    let (grads, flow) = net.backward_into(&d, &mut workspace);
                    let (fresh_p, cache) = net.forward(&x);
                    let (fresh_grads, fresh_flow) = net.backward(&cache, &mse(&fresh_p, &y).1);
                    assert_eq!(p, fresh_p, "{cell} d={d_input} seed {seed}");
                    assert_eq!(*grads, fresh_grads, "{cell} d={d_input} seed {seed}");
                    assert_eq!(*flow, fresh_flow, "{cell} d={d_input} seed {seed}");
                }
            }
        }
    }

    #[test]
    fn gradient_flow_has_a_cell_norm_only_for_the_lstm() {
        for cell in CellKind::ALL {
            let config = NetworkConfig {
                cell,
                d_input: 1,
                d_hidden: 3,
                n_layers: 2,
            };
            let net = Network::<f64>::new(config, false, 3);
            let (x, y) = batch(4, 1, 2, 2);
            let (p, cache) = net.forward(&x);
            let (_, flow) = net.backward(&cache, &mse(&p, &y).1);
            assert!(flow.hidden.iter().all(|l| l.len() == 4));
            let expected = if cell.has_cell_state() { 4 } else { 0 };
            assert!(flow.cell.iter().all(|l| l.len() == expected), "{cell}");
            assert_eq!(net.params.names()[0], format!("{cell}.weight_ih_l0"));
        }
    }

    #[test]
    fn gradient_flow_has_one_norm_per_layer_and_step() {
        let net = Network::<f64>::new(
            NetworkConfig {
                cell: CellKind::Lstm,
                d_input: 1,
                d_hidden: 4,
                n_layers: 2,
            },
            false,
            1,
        );
        let (x, y) = batch(6, 1, 2, 2);
        let (p, cache) = net.forward(&x);
        let (_, flow) = net.backward(&cache, &mse(&p, &y).1);
        assert_eq!(flow.hidden.len(), 2);
        assert_eq!(flow.cell[1].len(), 6);
        assert!(flow.hidden.iter().flatten().all(|g| g.is_finite() && *g > 0.0));
    }

    /// The README's counts for H = 40, x = 1 (its table of the three cells): one block is
    /// h·(h+x)+h = 1,680; the RNN has one, the LSTM four, the GRU three and its own b_hn (h);
    /// each adds the head's h + 1 = 41. PyTorch's numel() doubles every bias.
    #[test]
    fn each_cells_parameter_count_is_its_formula() {
        let count = |cell| {
            let network = Network::<f32>::new(
                NetworkConfig {
                    cell,
                    d_input: 1,
                    d_hidden: 40,
                    n_layers: 1,
                },
                false,
                0,
            );
            (network.params.distinct_count(), network.params.count())
        };
        assert_eq!(count(CellKind::Rnn), (1_680 + 41, 1_680 + 41 + 40));
        assert_eq!(count(CellKind::Lstm), (4 * 1_680 + 41, 4 * 1_680 + 41 + 160));
        assert_eq!(count(CellKind::Gru), (3 * 1_680 + 40 + 41, 3 * 1_680 + 41 + 120));
        assert_eq!((1_721, 6_761, 5_121), (1_680 + 41, 4 * 1_680 + 41, 3 * 1_680 + 40 + 41));
    }

    #[test]
    fn parameter_count_matches_the_article() {
        let seq = Network::<f32>::new(
            NetworkConfig {
                cell: CellKind::Lstm,
                d_input: 1,
                d_hidden: 40,
                n_layers: 1,
            },
            false,
            0,
        );
        assert_eq!(seq.params.distinct_count(), 6_720 + 41);
        assert_eq!(seq.config().article_param_count(), 6_761);
        // PyTorch's numel() total counts the doubled bias: 4H = 160 more.
        assert_eq!(seq.params.count(), 6_761 + 160);
        let flat = Network::<f32>::new(
            NetworkConfig {
                cell: CellKind::Lstm,
                d_input: 12,
                d_hidden: 40,
                n_layers: 1,
            },
            false,
            0,
        );
        assert_eq!(flat.params.distinct_count(), 8_480 + 41);
        assert_eq!(flat.config().article_param_count(), 8_521);
        let deep = Network::<f32>::new(
            NetworkConfig {
                cell: CellKind::Lstm,
                d_input: 1,
                d_hidden: 40,
                n_layers: 3,
            },
            false,
            0,
        );
        assert_eq!(deep.params.distinct_count(), deep.config().article_param_count());
    }

    #[test]
    fn state_dict_names_in_pytorch_order() {
        let net = Network::<f32>::new(
            NetworkConfig {
                cell: CellKind::Lstm,
                d_input: 1,
                d_hidden: 2,
                n_layers: 2,
            },
            false,
            0,
        );
        let names = net.params.names();
        assert_eq!(names[0], "lstm.weight_ih_l0");
        assert_eq!(names[7], "lstm.bias_hh_l1");
        assert_eq!(names[8..], ["linear.weight", "linear.bias"]);
        assert_eq!(names.len(), net.params.tensors().len());
    }
}
