// The benchmark page (bench/page.js) with our wasm module, the same module built without
// simd128, and TensorFlow.js: built into target/bench-page/ by bench/run.mjs, never into dist/,
// so TensorFlow.js is never shipped with the demo.
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const ROOT = path.resolve(__dirname, "..");

module.exports = {
  mode: "production",
  context: ROOT,
  entry: "./bench/page.js",
  output: {
    path: path.join(ROOT, "target", "bench-page"),
    publicPath: "auto",
    filename: "[name].js",
    chunkFilename: "[name].[contenthash:8].js",
    webassemblyModuleFilename: "[hash:8].module.wasm",
    clean: { keep: /^tfjs-wasm\// },
  },
  resolve: {
    // TensorFlow.js lives in bench/node_modules (bench/package.json); webpack and the rest in
    // the project's own.
    modules: [path.join(__dirname, "node_modules"), "node_modules"],
    alias: {
      // bench/run.mjs builds the crate a second time without simd128 into this folder.
      "lstm-conveyor-nosimd":
        process.env.BENCH_NOSIMD_PKG ||
        path.join(ROOT, "target", "bench", "pkg-nosimd", "lstm_conveyor.js"),
    },
    // The emscripten glue of tfjs-backend-wasm names Node modules it never loads in a browser.
    fallback: {
      fs: false,
      path: false,
      crypto: false,
      os: false,
      perf_hooks: false,
      worker_threads: false,
    },
  },
  experiments: { asyncWebAssembly: true },
  performance: { hints: false },
  plugins: [new HtmlWebpackPlugin({ template: "./bench/page.html", scriptLoading: "defer" })],
};
