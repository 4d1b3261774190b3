// ECharts, tree-shaken to the charts and components Bevan draws, with both renderers
// (canvas on screen and for PNG, SVG for the SVG export).
import { BarChart, CustomChart, LineChart, ScatterChart } from "echarts/charts";
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  CustomChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  MarkLineComponent,
  MarkAreaComponent,
  DataZoomComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type { EChartsCoreOption } from "echarts/core";
export { echarts };

/** The NHS identity palette, ordered so neighbouring series stay distinguishable for colour-blind readers. */
export const PALETTE = [
  "#005eb8",
  "#ed8b00",
  "#007f3b",
  "#330072",
  "#ae2573",
  "#425563",
  "#00a9ce",
  "#8a1538",
];
export const NHS = {
  blue: "#005eb8",
  darkBlue: "#003087",
  orange: "#ed8b00",
  green: "#007f3b",
  red: "#d5281b",
  grey: "#425563",
  paleGrey: "#e8edee",
  purple: "#330072",
};
