package chain

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/akt-project/akt/chain/chaintest"
	bmev1 "github.com/akt-project/akt/chain/types/bme/v1"
)

const bmeLedgerPath = "/akash.bme.v1.Query/LedgerRecords"

// mintEntry is a uakt→uact ledger entry in the given status; prices may be "" (unset).
func mintEntry(st bmev1.LedgerRecordStatus, height, seq, burned, minted, spread int64, aktPrice, actPrice string) bmev1.QueryLedgerRecordEntry {
	price := func(s string) sdkmath.LegacyDec {
		if s == "" {
			return sdkmath.LegacyDec{}
		}
		return dec(s)
	}
	rec := &bmev1.LedgerRecord{
		BurnedFrom: "akash1src", MintedTo: "akash1src", Burner: "bme", Minter: "bme",
		Burned: &bmev1.CoinPrice{Coin: sdk.NewInt64Coin(DenomAKT, burned), Price: price(aktPrice)},
		Minted: &bmev1.CoinPrice{Coin: sdk.NewInt64Coin(DenomACT, minted), Price: price(actPrice)},
		Spread: sdk.NewInt64Coin(DenomACT, spread),
	}
	e := bmev1.QueryLedgerRecordEntry{
		ID:     bmev1.LedgerRecordID{Denom: DenomAKT, ToDenom: DenomACT, Source: "akash1src", Height: height, Sequence: seq},
		Status: st,
	}
	switch st {
	case bmev1.LedgerRecordStatusExecuted:
		e.Record = &bmev1.QueryLedgerRecordEntry_ExecutedRecord{ExecutedRecord: rec}
	case bmev1.LedgerRecordStatusPending:
		e.Record = &bmev1.QueryLedgerRecordEntry_PendingRecord{PendingRecord: &bmev1.LedgerPendingRecord{
			Owner: "akash1src", To: "akash1src", CoinsToBurn: sdk.NewInt64Coin(DenomAKT, burned), DenomToMint: DenomACT}}
	}
	return e
}

// ledgerNode serves LedgerRecords: refuseStatus makes it reject a non-empty status filter
// (code 18) and otherwise it returns records filtered by status the way the schema spells it.
// It records every request it got.
func ledgerNode(t *testing.T, recs []bmev1.QueryLedgerRecordEntry, refuseStatus bool) (*Client, func() []bmev1.QueryLedgerRecordsRequest) {
	t.Helper()
	n := chaintest.NewNode(t, "test-1")
	var mu sync.Mutex
	var got []bmev1.QueryLedgerRecordsRequest
	n.Handle(bmeLedgerPath, func(req []byte) (proto.Message, uint32, string) {
		var r bmev1.QueryLedgerRecordsRequest
		if err := proto.Unmarshal(req, &r); err != nil {
			return nil, 2, err.Error()
		}
		mu.Lock()
		got = append(got, r)
		mu.Unlock()
		if r.Filters.Status != "" && refuseStatus {
			return nil, 18, "invalid status filter"
		}
		out := &bmev1.QueryLedgerRecordsResponse{}
		for _, e := range recs {
			if r.Filters.Status == "" || r.Filters.Status == bmev1.LedgerRecordStatus_name[int32(e.Status)] {
				out.Records = append(out.Records, e)
			}
		}
		return out, 0, ""
	})
	c, err := Dial(context.Background(), Endpoints{RPC: []string{n.URL()}}, WithChainID("test-1"), WithTimeout(5*time.Second))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	return c, func() []bmev1.QueryLedgerRecordsRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]bmev1.QueryLedgerRecordsRequest(nil), got...)
	}
}

func TestBMERate(t *testing.T) {
	t.Parallel()
	executed, pending, canceled := bmev1.LedgerRecordStatusExecuted, bmev1.LedgerRecordStatusPending, bmev1.LedgerRecordStatusCanceled
	tests := []struct {
		name         string
		recs         []bmev1.QueryLedgerRecordEntry
		refuseStatus bool
		want         BMERate
		wantErr      error
		wantCalls    int
	}{
		{
			name: "newest executed record wins, whatever the page order",
			recs: []bmev1.QueryLedgerRecordEntry{
				mintEntry(executed, 10, 0, 1_000_000, 2_000_000, 0, "2", "1"),
				mintEntry(pending, 20, 0, 5_000_000, 0, 0, "", ""),
				mintEntry(executed, 12, 1, 1_000_000, 1_485_000, 15_000, "1.5", "1"),
				mintEntry(executed, 12, 0, 3_000_000, 3_000_000, 0, "1", "1"),
				mintEntry(canceled, 30, 0, 7, 0, 0, "", ""),
			},
			want: BMERate{ACTPerAKT: "1.485", OracleACTPerAKT: "1.5", AKTPrice: "1.5", ACTPrice: "1",
				Burned: Coin{Denom: DenomAKT, Amount: "1000000"}, Minted: Coin{Denom: DenomACT, Amount: "1485000"},
				Spread: Coin{Denom: DenomACT, Amount: "15000"}, Height: 12, Sequence: 1, Source: "akash1src"},
			wantCalls: 1,
		},
		{
			name: "no prices: effective rate only",
			recs: []bmev1.QueryLedgerRecordEntry{mintEntry(executed, 5, 0, 3, 7, 0, "", "")},
			want: BMERate{ACTPerAKT: "2.333333333333333333", Burned: Coin{Denom: DenomAKT, Amount: "3"},
				Minted: Coin{Denom: DenomACT, Amount: "7"}, Spread: Coin{Denom: DenomACT, Amount: "0"}, Height: 5, Source: "akash1src"},
			wantCalls: 1,
		},
		{
			name:         "status filter refused: asks again and filters itself",
			recs:         []bmev1.QueryLedgerRecordEntry{mintEntry(pending, 9, 0, 1, 0, 0, "", ""), mintEntry(executed, 8, 2, 4, 8, 0, "0.5", "0.25")},
			refuseStatus: true,
			want: BMERate{ACTPerAKT: "2", OracleACTPerAKT: "2", AKTPrice: "0.5", ACTPrice: "0.25",
				Burned: Coin{Denom: DenomAKT, Amount: "4"}, Minted: Coin{Denom: DenomACT, Amount: "8"},
				Spread: Coin{Denom: DenomACT, Amount: "0"}, Height: 8, Sequence: 2, Source: "akash1src"},
			wantCalls: 2,
		},
		{name: "no records", wantErr: ErrNoRate, wantCalls: 1},
		{name: "only pending", recs: []bmev1.QueryLedgerRecordEntry{mintEntry(pending, 9, 0, 1, 0, 0, "", "")}, wantErr: ErrNoRate, wantCalls: 1},
		{name: "zero burned is skipped", recs: []bmev1.QueryLedgerRecordEntry{mintEntry(executed, 9, 0, 0, 0, 0, "", "")}, wantErr: ErrNoRate, wantCalls: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, requests := ledgerNode(t, tc.recs, tc.refuseStatus)
			got, err := c.BMERate(context.Background())
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("error = %v, want %v", err, tc.wantErr)
			}
			if got != tc.want {
				t.Errorf("rate = %+v\nwant   %+v", got, tc.want)
			}
			reqs := requests()
			if len(reqs) != tc.wantCalls {
				t.Fatalf("%d LedgerRecords queries, want %d", len(reqs), tc.wantCalls)
			}
			r := reqs[0]
			if r.Filters.Denom != "uakt" || r.Filters.ToDenom != "uact" || r.Filters.Status != "ledger_record_status_executed" || r.Filters.Source != "" {
				t.Errorf("filters = %+v", r.Filters)
			}
			if r.Pagination == nil || !r.Pagination.Reverse || r.Pagination.Limit == 0 || r.Pagination.Limit > 100 {
				t.Errorf("pagination = %+v, want reverse with a small limit", r.Pagination)
			}
			if tc.wantCalls == 2 && reqs[1].Filters.Status != "" {
				t.Errorf("retry kept status %q", reqs[1].Filters.Status)
			}
		})
	}
}

func TestBMERateQueryFails(t *testing.T) {
	t.Parallel()
	n := chaintest.NewNode(t, "test-1")
	n.Handle(bmeLedgerPath, func([]byte) (proto.Message, uint32, string) { return nil, 6, "unknown query path" })
	c, err := Dial(context.Background(), Endpoints{RPC: []string{n.URL()}}, WithChainID("test-1"), WithTimeout(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.BMERate(context.Background())
	var qe *QueryError
	if err == nil || errors.Is(err, ErrNoRate) || !errors.As(err, &qe) {
		t.Fatalf("error = %v, want the chain's query error", err)
	}
}

func TestBMERateFloat(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]float64{"2": 2, "1.485": 1.485, "": 0, "x": 0} {
		if got := (BMERate{ACTPerAKT: in}).Float(); got != want {
			t.Errorf("Float(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestTrimDecimal(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"2": "2", "1.950": "1.95", "0.000001": "0.000001", "0": "0", "10": "10", "100.5": "100.5"} {
		if got := trimDecimal(dec(in)); got != want {
			t.Errorf("trimDecimal(%s) = %q, want %q", in, got, want)
		}
	}
}
