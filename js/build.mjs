// Bundle src/ into the one ES module the Python package ships (widgets/static/exercise.js).
//
//   node build.mjs            writes ../toolkit/safeshare/widgets/static/exercise.js
//   node build.mjs OUTFILE    writes OUTFILE instead (the test compares it with the committed file)
//
// Not minified, so the shipped file stays readable and its diffs reviewable; no source map
// (nothing is fetched at run time, and the sources are in the repository).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.resolve(process.argv[2] ?? path.join(here, "../toolkit/safeshare/widgets/static/exercise.js"));

await build({
  absWorkingDir: here,
  entryPoints: ["src/index.js"],
  bundle: true,
  format: "esm",
  target: "es2022",
  platform: "browser",
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
  banner: {
    js: [
      "// safeshare exercise: draws a case and sends the learner's marks to the kernel.",
      "// GENERATED from js/src/ by `make widget` (esbuild): edit the sources, not this file.",
    ].join("\n"),
  },
  footer: { js: "export default { render };" },
  outfile,
});
