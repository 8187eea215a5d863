// Builds and signs transactions with @cosmjs/proto-signing and
// @cosmjs/stargate (the official TS SDK's dependencies) for akt's
// conformance tests. Reads one JSON request on stdin, writes JSON on stdout.
//
// Request: {mnemonic, chainId, accountNumber, sequence, memo, gas, fee: [{denom, amount}],
//           feeGranter?, msgs: [{type: "send", to, amount: [...]} |
//                               {type: "createDeployment", sdl (YAML text), dseq, deposit: {denom, amount}, sources: [int]}]}
// Response: {address, txHex, signBytesHex, msgs: [{typeUrl, valueHex}], version?: hex}
import { createRequire } from "node:module";

const require = createRequire(new URL("../oracle/package.json", import.meta.url));
const { DirectSecp256k1HdWallet, Registry, makeSignBytes } = require("@cosmjs/proto-signing");
const { SigningStargateClient, defaultRegistryTypes } = require("@cosmjs/stargate");
const { TxRaw } = require("cosmjs-types/cosmos/tx/v1beta1/tx");
const { generateManifest, generateManifestVersion } = require("@akashnetwork/chain-sdk");
const v4 = require("@akashnetwork/chain-sdk/private-types/akash.v1beta4");
const yaml = require("js-yaml");

const hex = (b) => Buffer.from(b).toString("hex");

async function main() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  const reqs = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const out = [];
  for (const req of reqs) out.push(await signOne(req));
  process.stdout.write(JSON.stringify(out));
}

async function signOne(req) {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(req.mnemonic, { prefix: "akash" });
  const [account] = await wallet.getAccounts();
  const registry = new Registry(defaultRegistryTypes);
  registry.register("/akash.deployment.v1beta4.MsgCreateDeployment", v4.MsgCreateDeployment);

  let version;
  const msgs = [];
  for (const m of req.msgs) {
    if (m.type === "send") {
      msgs.push({
        typeUrl: "/cosmos.bank.v1beta1.MsgSend",
        value: { fromAddress: account.address, toAddress: m.to, amount: m.amount },
      });
    } else if (m.type === "createDeployment") {
      const res = generateManifest(yaml.load(m.sdl), "mainnet");
      if (!res.ok) throw new Error("SDL rejected: " + JSON.stringify(res.value));
      const hash = await generateManifestVersion(res.value.groups);
      version = hex(hash);
      msgs.push({
        typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
        value: v4.MsgCreateDeployment.fromPartial({
          id: { owner: account.address, dseq: BigInt(m.dseq) },
          groups: res.value.groupSpecs,
          hash,
          deposit: { amount: m.deposit, sources: m.sources },
        }),
      });
    } else {
      throw new Error("unknown message type " + m.type);
    }
  }

  const client = await SigningStargateClient.offline(wallet, { registry });
  const fee = { amount: req.fee, gas: String(req.gas) };
  if (req.feeGranter) fee.granter = req.feeGranter;
  const signed = await client.sign(account.address, msgs, fee, req.memo ?? "", {
    accountNumber: req.accountNumber,
    sequence: req.sequence,
    chainId: req.chainId,
  });
  const txBytes = TxRaw.encode(signed).finish();
  const signBytes = makeSignBytes({
    bodyBytes: signed.bodyBytes,
    authInfoBytes: signed.authInfoBytes,
    chainId: req.chainId,
    accountNumber: BigInt(req.accountNumber),
  });
  const out = {
    address: account.address,
    txHex: hex(txBytes),
    signBytesHex: hex(signBytes),
    msgs: msgs.map((m) => ({ typeUrl: m.typeUrl, valueHex: hex(registry.encode(m)) })),
  };
  if (version) out.version = version;
  return out;
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
