// Builds Oversight's static assets into src/oversight/web/shell/static/oversight/ (git-ignored):
// compiles assets/oversight.scss and copies GOV.UK Frontend's ES module and the favicon.
// The module's sourceMappingURL comment is stripped because the map is not shipped, and
// Django's manifest storage refuses a reference to a missing file.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src", "oversight", "web", "shell", "static", "oversight");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
mkdirSync(out, { recursive: true });

const css = sass.compile(join(root, "assets", "oversight.scss"), {
  style: "compressed",
  sourceMap: false,
  quietDeps: true,
});
writeFileSync(join(out, "oversight.css"), css.css);

const script = readFileSync(join(govuk, "govuk-frontend.min.js"), "utf8");
writeFileSync(
  join(out, "govuk-frontend.min.js"),
  script.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n"),
);
copyFileSync(join(root, "assets", "favicon.svg"), join(out, "favicon.svg"));

console.log(`Built ${out}`);
