// Bundle src/ into the ES modules the Python package ships: the learners' exercise
// (src/index.js -> widgets/static/exercise.js) and the educators' author mode
// (src/author/index.js -> widgets/static/author.js), which reuses the exercise's modules.
//
//   node build.mjs                        writes both into ../toolkit/safeshare/widgets/static/
//   node build.mjs OUTFILE                writes the exercise to OUTFILE instead (only it)
//   node build.mjs --author OUTFILE       writes the author mode to OUTFILE instead (only it)
//
// (the tests compare what these write with the committed files). Not minified, so the
// shipped files stay readable and their diffs reviewable; no source map (nothing is
// fetched at run time, and the sources are in the repository).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const staticDir = path.join(here, "../toolkit/safeshare/widgets/static");

const BUNDLES = {
  exercise: {
    entry: "src/index.js",
    banner: "// safeshare exercise: draws a case and sends the learner's marks to the kernel.",
  },
  author: {
    entry: "src/author/index.js",
    banner: "// safeshare author mode: an educator turns an image of their own into a case.",
  },
};

/**
 * @param {keyof typeof BUNDLES} name
 * @param {string} outfile
 */
async function bundle(name, outfile) {
  const { entry, banner } = BUNDLES[name];
  await build({
    absWorkingDir: here,
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
    banner: {
      js: [banner, "// GENERATED from js/src/ by `make widget` (esbuild): edit the sources, not this file."].join("\n"),
    },
    footer: { js: "export default { render };" },
    outfile: path.resolve(outfile),
  });
}

const args = process.argv.slice(2);
if (args[0] === "--author") {
  await bundle("author", args[1] ?? path.join(staticDir, "author.js"));
} else if (args.length) {
  await bundle("exercise", args[0]);
} else {
  await bundle("exercise", path.join(staticDir, "exercise.js"));
  await bundle("author", path.join(staticDir, "author.js"));
}
