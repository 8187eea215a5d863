// oracle.mjs runs the official Akash TypeScript SDK over SDL files and prints,
// for each, what it produces: one JSON object per line on stdout.
//
// Usage: node oracle.mjs FILE...        (or a JSON array of paths on stdin with --stdin)
//        node oracle.mjs --bench N FILE...  times N passes over the files
//
// Per file: {"file", "ok": true, "version": hex, "manifest": <sorted manifest JSON>,
// "sorted": the manifest JSON as hashed, "groups": [GroupSpec.toJSON...]} or {"file", "ok": false, "errors": [...]}.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const oracleDir = join(here, "..", "oracle");
const require = createRequire(join(oracleDir, "package.json"));
const sdkDir = join(oracleDir, "node_modules/@akashnetwork/chain-sdk/dist/esm");
const sdk = await import(join(sdkDir, "index.js"));
const v1beta4 = await import(join(sdkDir, "generated/protos/index.akash.v1beta4.js"));
const yaml = (await import(require.resolve("js-yaml"))).default;
const { createHash } = await import("node:crypto");

const GroupSpec = v1beta4.GroupSpec;

function run(text) {
  const input = yaml.load(text);
  const res = sdk.generateManifest(input, "mainnet");
  if (!res.ok) {
    return { ok: false, errors: res.value.map((e) => e.message || String(e)) };
  }
  const groups = res.value.groups;
  const sorted = sdk.manifestToSortedJSON(groups);
  const version = createHash("sha256").update(sorted, "utf8").digest("hex");
  return {
    ok: true,
    version,
    sorted,
    manifest: JSON.parse(sorted),
    groups: res.value.groupSpecs.map((g) => GroupSpec.toJSON(g)),
  };
}

function safeRun(text) {
  try {
    return run(text);
  } catch (e) {
    return { ok: false, errors: ["exception: " + (e && e.message ? e.message : String(e))] };
  }
}

let args = process.argv.slice(2);
let bench = 0;
if (args[0] === "--bench") {
  bench = parseInt(args[1], 10);
  args = args.slice(2);
}
if (args[0] === "--stdin") {
  args = JSON.parse(readFileSync(0, "utf8"));
}
const texts = args.map((f) => readFileSync(f, "utf8"));

// benchRun does what akt's BenchmarkCorpus does per file: parse, build the
// groups and the manifest, serialize it and hash it.
function benchRun(text) {
  try {
    const res = sdk.generateManifest(yaml.load(text), "mainnet");
    if (!res.ok) return;
    const sorted = sdk.manifestToSortedJSON(res.value.groups);
    createHash("sha256").update(sorted, "utf8").digest();
    res.value.groupSpecs;
  } catch {
    // invalid input: counted like akt's rejected files
  }
}

if (bench > 0) {
  // Warm up once, then time parse + groups + manifest + version per file.
  for (const t of texts) benchRun(t);
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < bench; i++) {
    for (const t of texts) benchRun(t);
  }
  const ns = Number(process.hrtime.bigint() - start);
  const cpu = process.cpuUsage(cpu0);
  const n = bench * texts.length;
  process.stdout.write(JSON.stringify({
    files: texts.length, passes: bench, ns_per_file: ns / n,
    cpu_ns_per_file: ((cpu.user + cpu.system) * 1000) / n,
  }) + "\n");
} else {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    out.push(JSON.stringify({ file: args[i], ...safeRun(texts[i]) }));
  }
  process.stdout.write(out.join("\n") + "\n");
}
