// ECharts custom-series renderers for confidence intervals: a whisker from data[0] to data[1]
// at category data[2], with caps, drawn horizontally (category on the y axis) or vertically.
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemReturn } from "echarts";

function errorBars(api: CustomSeriesRenderItemAPI, horizontal: boolean): CustomSeriesRenderItemReturn {
  const lo = Number(api.value(0));
  const hi = Number(api.value(1));
  if (api.value(0) === null || api.value(1) === null || Number.isNaN(lo) || Number.isNaN(hi)) return null;
  const cat = api.value(2);
  const a = api.coord(horizontal ? [lo, cat] : [cat, lo]);
  const b = api.coord(horizontal ? [hi, cat] : [cat, hi]);
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const cap = horizontal ? 5 : 6;
  const style = { stroke: "#212b32", lineWidth: 1.5 };
  const capAt = (x: number, y: number) =>
    horizontal ? { x1: x, y1: y - cap, x2: x, y2: y + cap } : { x1: x - cap, y1: y, x2: x + cap, y2: y };
  return {
    type: "group",
    children: [
      { type: "line", shape: { x1: ax, y1: ay, x2: bx, y2: by }, style },
      { type: "line", shape: capAt(ax, ay), style },
      { type: "line", shape: capAt(bx, by), style },
    ],
  };
}

export const errorBarsHorizontal = (_params: unknown, api: CustomSeriesRenderItemAPI) => errorBars(api, true);
export const errorBarsVertical = (_params: unknown, api: CustomSeriesRenderItemAPI) => errorBars(api, false);
