// Package sdl turns an Akash SDL (YAML, versions "2.0" and "2.1") into what the
// chain and the providers need, and edits SDL files for the TUI.
//
// Parse validates a document and reports every problem at once, each with its
// dotted path, YAML line and column, and a suggestion for a likely typo
// (`services.db.expose[0].to[0].servcie: unknown key "servcie": did you mean
// "service"? (line 16, col 13)`). From a parsed SDL:
//
//   - Groups gives the deployment groups of MsgCreateDeployment (GroupSpec,
//     placement requirements, resource units with ids, counts and prices,
//     endpoint kinds and sequence numbers); GroupsJSON renders them as the
//     TS SDK's proto3 JSON.
//   - Manifest gives the provider manifest and ManifestJSON the exact bytes
//     sent to providers; Version is the SHA-256 of those bytes, so the hash on
//     chain always matches what the provider receives.
//   - Warnings lists what is accepted but likely to hurt: legacy forms, GPU
//     models no provider lists (KnownGPUs, embedded from the provider-configs
//     catalogue), non-uact prices on mainnet, zero prices.
//
// Edit opens a document for changes (GPU units and models, CPU, memory,
// storage, count, price) that are written back into the YAML node tree, so
// comments, key order and formatting elsewhere survive, and re-validated.
//
// Reading is done by a small YAML reader for the subset SDLs are written in
// (block and flow collections, plain, quoted and block scalars, comments),
// which hands anything else to gopkg.in/yaml.v3; a differential test and
// FuzzParse require both to read every input the same way.
//
// # Performance
//
// BenchmarkCorpus (parse, groups, manifest and version per corpus file) is
// what scripts/bench-sdl.sh compares with the TS SDK, and
// BenchmarkCorpusBothAccept the same over the files both accept, where both
// do the same work (the TS SDK returns at its first schema error, which is
// cheap, on 49 files akt accepts and builds); BenchmarkStageRead,
// BenchmarkStageParse and BenchmarkStageBuild time its parts. With a small
// heap the garbage collector runs every few milliseconds, so allocated bytes
// and pointer writes while it marks (write barriers) cost as much as
// instructions; each part is built around that.
//
// The YAML reader splits plain ASCII text into a pointer-free line table,
// flagging 64 bytes at a time (one bit per byte, packed by a multiply) and
// finding each line's indentation in the same pass; text that turns out not
// to be plain ASCII continues in the general splitter from where the fast
// one stopped. It reads the caller's text through a string view and copies
// only the keys and scalars the tree keeps into a small per-document
// buffer; the SDL schema's keys and frequent values are shared instead,
// found by a perfect hash over two packed numbers (a test holds it to every
// listed word). checkFastAgrees checks on every test and fuzz input that no
// string in the tree points into the caller's text, and
// TestParseKeepsNoInput that nothing parsed does. Quoted and block scalars
// become strings directly (yaml.v3 reads an untagged one as a string
// whatever it says). Values and slices come by
// index from slabs that stay in the pool, scalars, mappings and sequences
// each from their own, so that a value costs one pointer write; a mapping's
// first four entries are gathered on the stack and the rest go through one
// stack written field by field, so the bulk write barrier never runs. The
// scans for a key's colon, a plain value's end and a quote are written into
// their callers: a call spills every live value and cost as much as the scan.
// Quoted scalars over several lines are folded as libyaml does; only
// malformed documents, anchors, tags and duplicate keys go to yaml.v3. The
// reader keeps no path: the parser passes a stack-linked dpath and renders
// a path only for a diagnostic.
//
// Version and Groups come from one plan kept in pooled scratch that holds
// indexes rather than pointers or strings: services in locale order, a group
// per placement on first use, a resource unit per profile in a group, each
// service's endpoints worked out once for both the groups and the JSON. The
// groups' units, storage and endpoints are carved from one block each, with
// exact capacity, and written field by field (copying whole structs takes
// the bulk write barrier while the collector marks); for the usual SDL those
// blocks are arrays inside the 480-byte built record, so building the groups
// is one allocation. The canonical JSON is written straight from the SDL and
// the plan, with no Manifest built to hash it: keys, their quotes and
// punctuation go in as constant runs, the usual expose as a single one,
// ports are written two digits at a time, strings are checked eight bytes at
// a time for the exact first byte that needs escaping, and the JSON is
// hashed in a pooled buffer (SHA-256 of the ~1.4 KB JSON is about 44% of
// this part). Manifest and ManifestJSON re-plan when first asked. Locale
// ordering skips the collator for all-lowercase or all-uppercase keys and
// shares one collator otherwise.
//
// A document that is not valid YAML goes to the syntax error search
// (syntax.go), which re-parses it to place each error; it gallops from
// yaml.v3's line before bisecting and takes what the fast reader accepts as
// parsed, so a broken file costs a few yaml.v3 parses, not dozens.
//
// The parser allocates little more than the SDL it returns: one block per
// SDL (arena.go) holds the SDL with room for its services, exposes,
// profiles, placements and their prices, attributes and the numbers it
// writes as text, so a common parse is that one allocation. There are three
// blocks, for one service, two, and more, each sized to end just under a
// malloc size class: an object over 512 bytes that holds pointers carries
// an 8-byte header, so a 1,536-byte block took 1,792 bytes. Compute
// profiles, placements and prices are slices in document order carved from
// the block, looked up by name with a linear scan (Profile, Placement,
// Price): three small maps per SDL used to cost as many bytes as the block.
// A price keeps its own position for warnings. What does not fit takes
// 128-byte chunks, so a large SDL allocates once per few parts; one-service
// SDLs with params, two exposes or several storage volumes (model servers,
// mostly) have blocks of their own shapes (arena_one.go). The hottest
// mappings' keys are read by a reader per key set (keys_fields.go) that
// switches on the key inline and returns the values as an array (a stack
// store, where writing through the caller's slice took the write barrier);
// the rest file their values through a small hash. Nothing is formatted
// unless a diagnostic is emitted: warning sites keep names, not rendered
// paths; sizes are read without strconv (an exact decimal fast path, powers
// from a table), the commonest sizes and CPU amounts take constant text, and
// the simple patterns (endpoint names, GPU memory, GPU units as text) are
// checked by hand, with tests and a fuzzer holding each to its regexp. The
// cross-reference checks use linear lookups, as SDLs have few services, and
// the leased-IP checks short lists on the stack. A rejected SDL's errors are
// moved to the front of its diagnostics in place, and the typo suggestion
// gives up on a candidate as soon as it cannot come within the limit.
//
// Tried and measured slower or no better: copying only the text of
// non-blank lines without their indentation, a separate validation pass
// before splitting, IndexByte per line, sizing the line table from the text
// length (fewer instructions, more bytes), CRLF handling in the fast
// splitter, scanning for a key's colon across lines (byte by byte or eight
// at a time), counting a mapping's
// keys before reading them, three, six or eight stack entries per mapping
// instead of four, checking whether attributes are already sorted,
// checking and copying JSON text in one pass, copying plain runs a word at
// a time inside escaped strings, two words per turn when scanning long
// strings, merging more constant runs around the defaults, 256-byte top-up
// chunks (fewer allocations, more bytes), and reusing the block of a rejected SDL (fewer bytes, no fewer
// instructions, and it rests on no diagnostic ever viewing the block).
//
// # Conformance
//
// Output follows the official TypeScript SDK (@akashnetwork/chain-sdk,
// generateManifest / manifestToSortedJSON / generateManifestVersion): service,
// attribute and expose ordering, resource ids, the merging of services sharing
// a profile in a placement, endpoint numbering, and the canonical JSON. The
// conformance test runs that SDK live over the 475-file corpus in
// ../shared/sdl-corpus and requires identical manifests, groups and versions
// for every file both accept.
//
// Where the official TS and Go SDKs disagree, akt chooses to help the user:
// an unambiguous legacy form is accepted with a warning, a likely mistake is
// rejected with a suggestion. Each class has a test (disagree_test.go):
//
//   - Size units in another case or spelling ("1gi", "16GB", "512Mb"; TS
//     accepts, Go rejects): accepted, read as the TS SDK reads them (the
//     letter picks the power, a following "i" makes it binary, "B" is
//     ignored: "16GB" = 16G = 16·10^9 bytes), with a warning naming the
//     standard spelling. "GiB" is read as Gi.
//   - Unknown keys (TS rejects, Go ignores them): rejected, with the closest
//     known key ("servcie" → "service") or the SDL name of a Docker Compose
//     key ("environment" → "env", "cmd" → "command", "volumes" →
//     "params.storage"). Ignoring them would silently drop what the user
//     asked for. Keys of newer drafts (params.tee, reclamation) are rejected
//     as not supported by live providers.
//   - depends_on / depends-on (TS rejects, Go ignores): accepted with a
//     warning; Akash starts a deployment's services together, so ignoring
//     them changes nothing.
//   - Placement attributes as a list of {key, value} (Go reads it, the TS
//     schema wants a mapping): accepted with a warning, converted to the
//     mapping form. An empty (null) attributes key, the case in the corpus,
//     is accepted with a warning as no attributes.
//   - Numeric signedBy entries (Go reads them as text, TS rejects): accepted
//     as their text with a warning, since an auditor is an akash1... address
//     and no provider will match a number.
//   - accept: with no entries (null; Go accepts, TS rejects): accepted as no
//     hosts, with a warning.
//   - version: "2" or an unquoted 2.0/2.1: accepted as that version with a
//     warning.
//   - No globally exposed service (TS accepts, Go rejects): accepted with a
//     warning.
//   - A persistent volume without a name (TS rejects: it can never be
//     mounted; Go accepts): rejected. So are a service missing from the
//     deployment section and credentials shorter than the schema allows,
//     as the TS SDK does.
package sdl
