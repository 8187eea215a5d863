// Loads YAML documents with js-yaml (the parser the official TS SDK and the
// Console use) and returns them as JSON, to check that akt's rendered YAML
// reads back the same in JavaScript as in Go.
// Input on stdin: JSON array of strings. Output: JSON array of
// {"ok": true, "value": any} or {"ok": false, "error": string}.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "oracle", "package.json"));
const yaml = require("js-yaml");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map((doc) => {
  try {
    return { ok: true, value: yaml.load(doc) };
  } catch (e) {
    return { ok: false, error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify(out));
