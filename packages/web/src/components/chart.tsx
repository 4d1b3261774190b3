// One chart: a titled figure with the ECharts drawing, a table alternative, and downloads of
// the picture (PNG, SVG) and of its data (CSV). The option passed in has no title: the
// figure's heading is the title, and exports add it back so a saved file stands alone.
import { useEffect, useRef } from "react";
import { type Cell, toCsv } from "../lib/csv.ts";
import { download, downloadDataUrl, slug } from "../lib/download.ts";
import { type EChartsCoreOption, echarts, PALETTE } from "./echarts.ts";

export interface ChartTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface ChartProps {
  readonly title: string;
  /** What the chart shows, in a sentence (units, period, suppression): shown under the title and read by screen readers. */
  readonly description: string;
  readonly option: EChartsCoreOption;
  readonly table: ChartTable;
  readonly height?: number;
}

const BASE = {
  color: PALETTE,
  textStyle: { fontFamily: "Arial, sans-serif", color: "#212b32" },
  animation: false,
  aria: { enabled: false },
};

export function Chart({ title, description, option, table, height = 360 }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, null, { renderer: "canvas" });
    chartRef.current = chart;
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
      chartRef.current = null;
    };
  }, []);
  useEffect(() => {
    chartRef.current?.setOption({ ...BASE, ...option }, { notMerge: true });
  }, [option]);

  const withTitle = () => ({
    ...BASE,
    ...option,
    backgroundColor: "#ffffff",
    title: { text: title, subtext: description, left: 8, top: 4, textStyle: { fontSize: 14 } },
    grid: { ...((option as { grid?: object }).grid ?? {}), top: 70 },
  });
  const name = slug(title);
  const png = () => {
    const div = document.createElement("div");
    const width = ref.current?.clientWidth ?? 800;
    div.style.cssText = `width:${width}px;height:${height + 50}px;position:absolute;left:-10000px`;
    document.body.append(div);
    const c = echarts.init(div, null, { renderer: "canvas" });
    c.setOption(withTitle());
    downloadDataUrl(`${name}.png`, c.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" }));
    c.dispose();
    div.remove();
  };
  const svg = () => {
    const width = ref.current?.clientWidth ?? 800;
    const c = echarts.init(null, null, { renderer: "svg", ssr: true, width, height: height + 50 });
    c.setOption(withTitle());
    download(`${name}.svg`, c.renderToSVGString(), "image/svg+xml");
    c.dispose();
  };
  // With a byte-order mark, so Excel reads the file as UTF-8 ("£", "–").
  const csv = () =>
    download(`${name}.csv`, `\uFEFF${toCsv(table.header, table.rows)}`, "text/csv;charset=utf-8");

  return (
    <figure className="bevan-chart">
      <h3 className="nhsuk-heading-s bevan-chart__title">{title}</h3>
      <p className="nhsuk-body-s bevan-chart__description">{description}</p>
      <div
        ref={ref}
        className="bevan-chart__canvas"
        style={{ height }}
        role="img"
        aria-label={`${title}. ${description}`}
      />
      <div className="bevan-chart__actions">
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          onClick={png}
        >
          Download PNG<span className="nhsuk-u-visually-hidden"> of {title}</span>
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          onClick={svg}
        >
          Download SVG<span className="nhsuk-u-visually-hidden"> of {title}</span>
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          onClick={csv}
        >
          Download data (CSV)<span className="nhsuk-u-visually-hidden"> for {title}</span>
        </button>
      </div>
      <details className="nhsuk-details bevan-chart__table">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Show as a table</span>
        </summary>
        <div className="nhsuk-details__text">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{title}</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                {table.header.map((h) => (
                  <th key={h} scope="col" className="nhsuk-table__header">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {table.rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their order
                <tr key={i} className="nhsuk-table__row">
                  {r.map((v, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    <td key={j} className="nhsuk-table__cell">
                      {v === null || v === undefined
                        ? "–"
                        : typeof v === "number"
                          ? v.toLocaleString("en-GB")
                          : String(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
