package core

import (
	"encoding/json"
	"strings"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/akt-project/akt/chain/chaintest"
	bmev1 "github.com/akt-project/akt/chain/types/bme/v1"
)

// bmeNode is a fake node with the bme status and params; ledger answers LedgerRecords.
func bmeNode(t *testing.T, ledger func([]byte) (proto.Message, uint32, string)) *chaintest.Node {
	t.Helper()
	n := chaintest.NewNode(t, "akashnet-2")
	n.Handle("/akash.bme.v1.Query/Status", func([]byte) (proto.Message, uint32, string) {
		return &bmev1.QueryStatusResponse{Status: bmev1.MintStatusHealthy, CollateralRatio: sdkmath.LegacyOneDec(),
			WarnThreshold: sdkmath.LegacyZeroDec(), HaltThreshold: sdkmath.LegacyZeroDec(), MintsAllowed: true, RefundsAllowed: true}, 0, ""
	})
	n.Handle("/akash.bme.v1.Query/Params", func([]byte) (proto.Message, uint32, string) {
		return &bmev1.QueryParamsResponse{Params: bmev1.Params{MintSpreadBps: 100}}, 0, ""
	})
	n.Handle("/akash.bme.v1.Query/LedgerRecords", ledger)
	return n
}

func TestActStatusRate(t *testing.T) {
	env(t)
	mint := bmev1.QueryLedgerRecordEntry{
		ID:     bmev1.LedgerRecordID{Denom: "uakt", ToDenom: "uact", Source: cliTestAddress, Height: 77, Sequence: 1},
		Status: bmev1.LedgerRecordStatusExecuted,
		Record: &bmev1.QueryLedgerRecordEntry_ExecutedRecord{ExecutedRecord: &bmev1.LedgerRecord{
			Burned: &bmev1.CoinPrice{Coin: sdk.NewInt64Coin("uakt", 1_000_000), Price: sdkmath.LegacyMustNewDecFromStr("1.25")},
			Minted: &bmev1.CoinPrice{Coin: sdk.NewInt64Coin("uact", 1_237_500), Price: sdkmath.LegacyOneDec()},
			Spread: sdk.NewInt64Coin("uact", 12_500),
		}},
	}
	withMint := bmeNode(t, func([]byte) (proto.Message, uint32, string) {
		return &bmev1.QueryLedgerRecordsResponse{Records: []bmev1.QueryLedgerRecordEntry{mint}}, 0, ""
	})
	noMint := bmeNode(t, func([]byte) (proto.Message, uint32, string) { return &bmev1.QueryLedgerRecordsResponse{}, 0, "" })
	broken := bmeNode(t, func([]byte) (proto.Message, uint32, string) { return nil, 1, "ledger corrupted" })

	tests := []struct {
		name     string
		node     *chaintest.Node
		text     []string // lines the text output must contain
		json     *string  // act_per_akt in the JSON output
		stderr   string
		lastMint bool
	}{
		{name: "executed mint", node: withMint, json: ptr("1.2375"), lastMint: true, text: []string{
			"rate:             1 AKT → 1.2375 ACT (newest executed mint, after spread)",
			"last mint:        1000000uakt → 1237500uact, spread 12500uact, height 77, by " + cliTestAddress,
			"oracle prices:    AKT 1.25, ACT 1 (1 AKT → 1.25 ACT before spread)",
		}},
		{name: "no mint yet", node: noMint, text: []string{"rate:             unknown: no AKT→ACT mint executed yet"}},
		{name: "ledger query fails", node: broken, text: []string{"rate:             unavailable"}, stderr: "ledger corrupted"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runChain(t, "", "act", "status", "--node", tc.node.URL())
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, line := range append(tc.text, "mint spread:      100 bps", "mints allowed:    true") {
				if !strings.Contains(r.stdout, line+"\n") {
					t.Errorf("text output lacks %q:\n%s", line, r.stdout)
				}
			}
			if !strings.Contains(r.stderr, tc.stderr) || (tc.stderr == "") != (r.stderr == "") {
				t.Errorf("stderr = %q, want it to mention %q", r.stderr, tc.stderr)
			}

			r = runChain(t, "", "act", "status", "--node", tc.node.URL(), "-o", "json")
			if r.code != 0 {
				t.Fatalf("json: exit %d: %s", r.code, r.stderr)
			}
			var out map[string]json.RawMessage
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
				t.Fatalf("json output %q: %v", r.stdout, err)
			}
			raw, ok := out["act_per_akt"]
			if !ok {
				t.Fatalf("no act_per_akt field: %s", r.stdout)
			}
			var got *string
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatal(err)
			}
			if (got == nil) != (tc.json == nil) || (got != nil && *got != *tc.json) {
				t.Errorf("act_per_akt = %s, want %v", raw, tc.json)
			}
			if _, ok := out["last_mint"]; ok != tc.lastMint {
				t.Errorf("last_mint present = %v, want %v: %s", ok, tc.lastMint, r.stdout)
			}
			if _, ok := out["mints_allowed"]; !ok {
				t.Errorf("status fields missing: %s", r.stdout)
			}
		})
	}
}

func ptr(s string) *string { return &s }
