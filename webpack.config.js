// The one bundler config: www/index.js + the wasm-bindgen output in pkg/ -> dist/.
//
//   npm start       webpack serve (development) on http://localhost:8080/
//   npm run build   webpack --mode production into dist/
//
// dist/ works from any sub-path: `publicPath: "auto"` makes every chunk and the
// .wasm file load relative to the script that asks for them, and the page refers
// to its script by a relative URL.
//
// The stylesheets (www/styles/, imported once by www/index.js) are extracted into one .css
// file that html-webpack-plugin links in <head>, in development too: the page is styled before
// its first paint, and no inline <style> or injected style element is needed (a CSP can then
// forbid inline styles).
//
// Offline (scripts/offline-plugin.cjs): the manifest and icons of www/static/ are copied to the
// root of the build, and the production build gets a service worker, sw.js, that caches every
// emitted file (www/offline.js registers it). The dev server has none: it would serve stale
// development bundles.
//
// The production page carries its Content-Security-Policy (scripts/csp.cjs, each directive with
// its reason) in a <meta http-equiv>. The development page has none: its bundles are eval source
// maps, which a policy without 'unsafe-eval' blocks.
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");
const { OfflinePlugin } = require("./scripts/offline-plugin.cjs");
const { CONTENT_SECURITY_POLICY } = require("./scripts/csp.cjs");
const { existsSync } = require("node:fs");
const webpack = require("webpack");

// The relaxed-SIMD build (pkg-relaxed/, scripts/build-wasm.sh). npm start builds only pkg/ on
// its first run (the relaxed build compiles every dependency again); the development server
// then stands in pkg/ for pkg-relaxed/, and the page says which one runs (wasmBuild() of the
// module itself). A production build without it is an error: dist/ must carry both. The check
// runs when webpack starts to build, not when this file is read, so that reading the
// configuration (tests/js/csp.test.mjs, before any wasm is built) needs no build.
const RELAXED_ENTRY = path.resolve(__dirname, "pkg-relaxed/lstm_conveyor.js");
const RELAXED_MISSING =
  "pkg-relaxed/ is missing: run `bash scripts/build-wasm.sh --release` (both builds) first";

class RequireRelaxedBuild {
  constructor(entry = RELAXED_ENTRY) {
    this.entry = entry;
  }
  apply(compiler) {
    const check = () => {
      if (!existsSync(this.entry)) throw new Error(RELAXED_MISSING);
    };
    compiler.hooks.beforeRun.tap("RequireRelaxedBuild", check);
    compiler.hooks.watchRun.tap("RequireRelaxedBuild", check);
  }
}

function relaxedStandIn(production) {
  if (production) return [new RequireRelaxedBuild()];
  if (existsSync(RELAXED_ENTRY)) return [];
  console.log("webpack: pkg-relaxed/ not built; the development server uses pkg/ in its place");
  return [
    new webpack.NormalModuleReplacementPlugin(/pkg-relaxed[\\/]lstm_conveyor\.js$/, (resource) => {
      resource.request = resource.request.replace("pkg-relaxed", "pkg");
    }),
  ];
}

const DEV_SERVER_PORT = 8080;
const MAX_ASSET_BYTES = 4 * 1024 * 1024;

module.exports = (_env, argv) => {
  const production = argv.mode === "production";
  return {
    mode: production ? "production" : "development",
    entry: "./www/index.js",
    output: {
      path: path.resolve(__dirname, "dist"),
      publicPath: "auto",
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      webassemblyModuleFilename: production ? "[hash:8].module.wasm" : "[hash].module.wasm",
      assetModuleFilename: "assets/[name].[contenthash:8][ext]",
      clean: true,
      // Every build writes every file, also one whose bytes did not change, so that dist/'s
      // times say when it was built (scripts/soak.mjs refuses a dist/ older than its sources).
      compareBeforeEmit: false,
    },
    experiments: {
      asyncWebAssembly: true,
    },
    module: {
      rules: [{ test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] }],
    },
    plugins: [
      ...relaxedStandIn(production),
      new MiniCssExtractPlugin({
        filename: production ? "[name].[contenthash:8].css" : "[name].css",
      }),
      new HtmlWebpackPlugin({
        template: "./index.html",
        scriptLoading: "defer",
        meta: production
          ? {
              "Content-Security-Policy": {
                "http-equiv": "Content-Security-Policy",
                content: CONTENT_SECURITY_POLICY,
              },
            }
          : {},
      }),
      new OfflinePlugin({
        staticDir: path.resolve(__dirname, "www/static"),
        serviceWorker: path.resolve(__dirname, "www/service-worker.js"),
        emitServiceWorker: production,
      }),
    ],
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    performance: {
      hints: production ? "warning" : false,
      maxAssetSize: MAX_ASSET_BYTES,
      maxEntrypointSize: MAX_ASSET_BYTES,
      assetFilter: (file) => !file.endsWith(".map"),
    },
    devServer: {
      port: DEV_SERVER_PORT,
      host: "localhost",
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { errors: true, warnings: false } },
      onListening: () => {
        console.log(`\n  LSTM Conveyor: http://localhost:${DEV_SERVER_PORT}/\n`);
      },
    },
  };
};
module.exports.RequireRelaxedBuild = RequireRelaxedBuild;
