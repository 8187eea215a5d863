package live

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	bmev1 "github.com/akt-project/akt/chain/types/bme/v1"
)

// executedMint is an executed uakt→uact ledger entry.
func executedMint(height int64, burned, minted int64) bmev1.QueryLedgerRecordEntry {
	return bmev1.QueryLedgerRecordEntry{
		ID:     bmev1.LedgerRecordID{Denom: "uakt", ToDenom: "uact", Source: "akash1src", Height: height},
		Status: bmev1.LedgerRecordStatusExecuted,
		Record: &bmev1.QueryLedgerRecordEntry_ExecutedRecord{ExecutedRecord: &bmev1.LedgerRecord{
			Burned: &bmev1.CoinPrice{Coin: sdk.NewInt64Coin("uakt", burned), Price: dec("1.3")},
			Minted: &bmev1.CoinPrice{Coin: sdk.NewInt64Coin("uact", minted), Price: dec("1")},
			Spread: sdk.NewInt64Coin("uact", 1_300_000-minted),
		}},
	}
}

// TestAccountRate: the wallet's rate is the newest executed mint's; 0 ("Rate unknown") when
// the chain has none or refuses the query, and the account is shown either way.
func TestAccountRate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler func([]byte) (proto.Message, uint32, string) // nil: the node knows no such query
		want    float64
	}{
		{"executed mint", func([]byte) (proto.Message, uint32, string) {
			return &bmev1.QueryLedgerRecordsResponse{Records: []bmev1.QueryLedgerRecordEntry{executedMint(90, 1_000_000, 1_287_000), executedMint(40, 1_000_000, 1_000_000)}}, 0, ""
		}, 1.287},
		{"no mint yet", func([]byte) (proto.Message, uint32, string) { return &bmev1.QueryLedgerRecordsResponse{}, 0, "" }, 0},
		{"query refused", func([]byte) (proto.Message, uint32, string) { return nil, 6, "unknown query path" }, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.node.Handle("/akash.bme.v1.Query/LedgerRecords", tc.handler)
			acc, err := e.s.Deps().Wallet.Account(ctx(t))
			if err != nil {
				t.Fatal(err)
			}
			if acc.ACTPerAKT != tc.want {
				t.Fatalf("ACTPerAKT = %v, want %v", acc.ACTPerAKT, tc.want)
			}
			if acc.Balances.UAKT != 125_500_000 {
				t.Fatalf("balances %+v", acc.Balances)
			}
		})
	}
}
