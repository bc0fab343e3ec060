// The series picker and everything that names the loaded series: the <select> of example
// series (plus "your data" once a series the person gave has trained), its description, the
// forecast chart's title, the lede and the unit shown beside the numbers.

import { OWN_DATA, EXAMPLE_SERIES, findSetting } from "./settings.js";
import { byTestId } from "./dom.js";
import { t } from "./i18n.js";

// The unit of an example series ("thousand passengers"); none for the person's own data.
export function unitOf(series) {
  return EXAMPLE_SERIES.includes(series) ? t(`example.${series}.unit`) : "";
}

// The series' name as the page shows it: the example's name, or the file name of own data.
export function seriesName(series, ownData) {
  return series === OWN_DATA ? (ownData?.name ?? t("data.ownSeries")) : t(`example.${series}`);
}

// The lede: it tells the AirPassengers story; any other series is named in it instead.
export function ledeText(series, ownData) {
  return series === "air_passengers"
    ? t("app.lede")
    : t("app.lede.series", { series: seriesName(series, ownData) });
}

// Wires the picker; onChange(series) when an example (or own data that trained) is picked.
// `monthCount()` is how many months the loaded series has; `setUnit(unit)` tells the charts.
// Returns { show(series), translate(), setOwnData(data), ownData() }.
export function createSeriesPicker(root, { monthCount, setUnit, onChange }) {
  const select = byTestId(root, "setting-data");
  let ownData = null; // { text, name } of the series the person gave, once it trained
  for (const id of findSetting("series").options) {
    const option = document.createElement("option");
    option.value = id;
    select.append(option);
  }
  select.addEventListener("change", () => {
    if (select.value === OWN_DATA && ownData === null) return;
    onChange(select.value);
  });

  function show(series) {
    select.value = series;
    select.querySelector(`option[value="${OWN_DATA}"]`).disabled = ownData === null;
    byTestId(root, "series-description").textContent =
      series === OWN_DATA
        ? t("data.loaded", { name: ownData?.name ?? "", count: monthCount() })
        : t(`example.${series}.description`);
    byTestId(root, "forecast-title").textContent = t("chart.forecast.title", {
      series: seriesName(series, ownData),
    });
    byTestId(root, "lede").textContent = ledeText(series, ownData);
    const unit = unitOf(series);
    for (const element of root.querySelectorAll(".series-unit")) element.textContent = unit;
    setUnit(unit);
  }

  return {
    show,
    translate() {
      for (const option of select.options) option.textContent = t(`example.${option.value}`);
    },
    setOwnData(data) {
      ownData = data;
    },
    ownData: () => ownData,
  };
}
