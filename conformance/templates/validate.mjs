// Validates SDL documents with the official TypeScript SDK (the conformance oracle).
// Input on stdin: JSON array of {"name": string, "sdl": string}.
// Output on stdout: JSON array of {"name": string, "ok": bool, "error"?: string}.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "oracle", "package.json"));
const yaml = require("js-yaml");
const { generateManifest } = require("@akashnetwork/chain-sdk");

// describe turns the SDK's failure value (a list of schema errors or an Error) into one line.
function describe(value) {
  if (Array.isArray(value)) {
    return value.map((e) => `${e.instancePath || "/"}: ${e.message}`).join("; ");
  }
  if (value instanceof Error) return value.message;
  return JSON.stringify(value);
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const docs = JSON.parse(input);
const results = docs.map(({ name, sdl }) => {
  try {
    const res = generateManifest(yaml.load(sdl), "mainnet");
    if (res.ok) return { name, ok: true };
    return { name, ok: false, error: describe(res.value) };
  } catch (e) {
    return { name, ok: false, error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify(results));
