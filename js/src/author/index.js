// @ts-check
// The author widget's entry point for esbuild. The bundle ends with
// `export default { render }` (added by build.mjs), the form anywidget loads.

export { render } from "./view.js";
