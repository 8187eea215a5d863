// encode.mjs: the byte-conformance oracle for akt's protobuf types.
//
// stdin:  JSON array of {"type": "<full proto name>", "value": <partial>}.
//         64-bit integers are decimal strings, enums numbers, bytes objects
//         {"$bytes": "<hex>"}, DecCoin and LegacyDec amounts decimal text.
// stdout: JSON {"results": [{"type", "hex"} | {"type", "error"}],
//               "fields": {"<full proto name>": ["<camelCase field>", ...]}}
//         where fields lists, for every message type the TS SDK knows, the
//         fields its generated code has (so the caller can tell fields the
//         pinned SDK lacks from encoding differences).
//
// It resolves @akashnetwork/chain-sdk from conformance/oracle/node_modules.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const oracle = join(here, "..", "oracle", "node_modules");
const require = createRequire(join(oracle, "noop.js"));

const modules = ["akash.v1beta4", "akash.v1beta5", "akash.v1", "cosmos.v1beta1"];
const types = new Map();
for (const name of modules) {
  const path = require.resolve(`@akashnetwork/chain-sdk/private-types/${name}`);
  const mod = require(path);
  for (const value of Object.values(mod)) {
    if (value && typeof value === "object" && typeof value.$type === "string" && typeof value.encode === "function") {
      if (!types.has(value.$type)) types.set(value.$type, value);
    }
  }
}

// revive turns {"$bytes": hex} markers into Uint8Array, recursively.
function revive(v) {
  if (Array.isArray(v)) return v.map(revive);
  if (v && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "$bytes") return Uint8Array.from(Buffer.from(v.$bytes, "hex"));
    const out = {};
    for (const k of keys) out[k] = revive(v[k]);
    return out;
  }
  return v;
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const results = input.map(({ type, value }) => {
  const t = types.get(type);
  if (!t) return { type, error: "not in the TS SDK" };
  try {
    const bytes = t.encode(t.fromPartial(revive(value))).finish();
    return { type, hex: Buffer.from(bytes).toString("hex") };
  } catch (e) {
    return { type, error: String(e && e.message ? e.message : e) };
  }
});

const fields = {};
for (const [name, t] of types) {
  if (typeof t.fromPartial !== "function") continue;
  fields[name] = Object.keys(t.fromPartial({}));
}
process.stdout.write(JSON.stringify({ results, fields }));
