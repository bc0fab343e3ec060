// The page's settings as one declarative table: name, type, default, range and URL key.
// The table drives the validation of the URL (?hidden=20&speed=5) and, as the page grows,
// the controls. Engine settings have no default here: a missing one takes the engine's own
// default (TrainConfig::default in Rust), and demo.settings() reports the values in use.

export const ENGINE = "engine";
export const PAGE = "page";

export const SETTINGS = [
  { name: "hidden", owner: ENGINE, type: "int", min: 1, max: 512, urlKey: "hidden" },
  { name: "layers", owner: ENGINE, type: "int", min: 1, max: 4, urlKey: "layers" },
  { name: "window", owner: ENGINE, type: "int", min: 1, max: 120, urlKey: "window" },
  {
    name: "layout",
    owner: ENGINE,
    type: "choice",
    options: ["sequence", "flat"],
    urlKey: "layout",
  },
  {
    name: "transform",
    owner: ENGINE,
    type: "choice",
    options: ["min_max", "log_diff", "seasonal_log_diff", "window_log_norm"],
    urlKey: "transform",
  },
  {
    name: "optimizer",
    owner: ENGINE,
    type: "choice",
    options: ["adagrad", "adam", "sgd"],
    urlKey: "opt",
  },
  { name: "learningRate", owner: ENGINE, type: "number", min: 1e-6, max: 10, urlKey: "lr" },
  { name: "batchSize", owner: ENGINE, type: "int", min: 0, max: 10000, urlKey: "batch" },
  { name: "clip", owner: ENGINE, type: "number", min: 0, max: 1e6, urlKey: "clip" },
  { name: "seed", owner: ENGINE, type: "int", min: 0, max: 2 ** 53, urlKey: "seed" },
  { name: "forgetBiasOne", owner: ENGINE, type: "bool", urlKey: "fb1" },
  {
    name: "epochsPerFrame",
    owner: PAGE,
    type: "choice",
    options: [1, 2, 5, 10, 20],
    default: 1,
    urlKey: "speed",
  },
  // Training pauses by itself at every multiple of this epoch; Play continues to the next.
  { name: "stopEvery", owner: PAGE, type: "int", min: 1, max: 1e6, default: 300, urlKey: "stop" },
];

// Returns the setting called `name` from the table.
export function findSetting(name) {
  const setting = SETTINGS.find((s) => s.name === name);
  if (!setting) throw new Error(`no setting called ${name}`);
  return setting;
}

// Parses one URL value by the setting's type; returns { value } or { problem }.
export function parseValue(setting, text) {
  switch (setting.type) {
    case "int":
    case "number": {
      const value = Number(text);
      if (text.trim() === "" || !Number.isFinite(value)) return { problem: "is not a number" };
      if (setting.type === "int" && !Number.isInteger(value))
        return { problem: "is not a whole number" };
      if (value < setting.min || value > setting.max) {
        return { problem: `is outside ${setting.min} … ${setting.max}` };
      }
      return { value };
    }
    case "bool":
      if (["1", "true", "yes"].includes(text)) return { value: true };
      if (["0", "false", "no"].includes(text)) return { value: false };
      return { problem: "is not true or false" };
    case "choice": {
      const value = setting.options.find((option) => String(option) === text);
      if (value === undefined) return { problem: `is not one of ${setting.options.join(", ")}` };
      return { value };
    }
    default:
      throw new Error(`unknown setting type ${setting.type}`);
  }
}

// Reads the settings from a URL's query: { engine, page, problems }. `engine` holds only the
// engine settings the URL names; `page` every page setting, with its default when not named;
// `problems` a sentence per value that was ignored.
export function readSettings(search) {
  const params = new URLSearchParams(search);
  const engine = {};
  const page = {};
  const problems = [];
  for (const setting of SETTINGS) {
    const target = setting.owner === ENGINE ? engine : page;
    if (setting.owner === PAGE) target[setting.name] = setting.default;
    const text = params.get(setting.urlKey);
    if (text === null) continue;
    const { value, problem } = parseValue(setting, text);
    if (problem) problems.push(`?${setting.urlKey}=${text} ${problem}; using the default.`);
    else target[setting.name] = value;
  }
  return { engine, page, problems };
}
