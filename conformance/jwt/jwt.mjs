// Conformance oracle for akt's provider JWTs, using the official Akash TypeScript SDK.
// Reads one JSON request on stdin:
//   {"mnemonic": "...", "claims": [claims...], "validate": ["token", ...]}
// and writes one JSON answer on stdout:
//   {"address", "pubkey" (hex), "tokens": [{"es256k", "adr36"}], "validations": [{"isValid", "errors"}]}
// For each claims object it makes an ES256K token (JwtTokenManager with an ES256K data signer
// holding the mnemonic's key) and an ES256KADR36 token (JwtTokenManager with an amino wallet).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "oracle", "package.json"));
const { JwtTokenManager, JwtValidator } = require("@akashnetwork/chain-sdk");
const { Secp256k1HdWallet, makeCosmoshubPath } = require("@cosmjs/amino");
const { Bip39, EnglishMnemonic, Slip10, Slip10Curve, Secp256k1, sha256 } = require("@cosmjs/crypto");
const { toHex, toBase64 } = require("@cosmjs/encoding");

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

const req = await readStdin();
const seed = await Bip39.mnemonicToSeed(new EnglishMnemonic(req.mnemonic));
const { privkey } = Slip10.derivePath(Slip10Curve.Secp256k1, seed, makeCosmoshubPath(0));
const { pubkey } = await Secp256k1.makeKeypair(privkey);
const compressed = Secp256k1.compressPubkey(pubkey);
const wallet = await Secp256k1HdWallet.fromMnemonic(req.mnemonic, { prefix: "akash" });
const [account] = await wallet.getAccounts();

const es256kSigner = {
  algorithm: "ES256K",
  async signArbitrary(_signer, data) {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    const sig = await Secp256k1.createSignature(sha256(bytes), privkey);
    const fixed = new Uint8Array([...sig.r(32), ...sig.s(32)]);
    return { pub_key: { type: "tendermint/PubKeySecp256k1", value: toBase64(compressed) }, signature: toBase64(fixed) };
  },
};

const es256k = new JwtTokenManager(es256kSigner);
const adr36 = new JwtTokenManager(wallet);
const tokens = [];
for (const claims of req.claims ?? []) {
  tokens.push({
    es256k: await es256k.generateToken(claims),
    adr36: await adr36.generateToken(claims),
  });
}
const validator = new JwtValidator();
const validations = (req.validate ?? []).map((t) => {
  const r = validator.validateToken(t);
  return { isValid: r.isValid, errors: r.errors };
});
process.stdout.write(JSON.stringify({ address: account.address, pubkey: toHex(compressed), tokens, validations }));
