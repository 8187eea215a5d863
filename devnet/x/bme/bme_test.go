package bme

import (
	"testing"

	btypes "github.com/akt-project/akt/chain/types/bme/v1"
)

func TestLedgerMatches(t *testing.T) {
	t.Parallel()
	e := &btypes.QueryLedgerRecordEntry{
		ID:     btypes.LedgerRecordID{Denom: DenomAKT, ToDenom: DenomACT, Source: "akash1owner", Height: 7},
		Status: btypes.LedgerRecordStatusExecuted,
	}
	tests := []struct {
		name string
		f    btypes.LedgerRecordFilters
		want bool
	}{
		{"no filter", btypes.LedgerRecordFilters{}, true},
		{"enum name", btypes.LedgerRecordFilters{Status: "ledger_record_status_executed"}, true},
		{"short name", btypes.LedgerRecordFilters{Status: "executed"}, true},
		{"upper case", btypes.LedgerRecordFilters{Status: "LEDGER_RECORD_STATUS_EXECUTED"}, true},
		{"other status", btypes.LedgerRecordFilters{Status: "ledger_record_status_pending"}, false},
		{"other short status", btypes.LedgerRecordFilters{Status: "canceled"}, false},
		{"garbage status", btypes.LedgerRecordFilters{Status: "ledger_record_status_"}, false},
		{"denoms match", btypes.LedgerRecordFilters{Denom: DenomAKT, ToDenom: DenomACT, Status: "executed"}, true},
		{"wrong direction", btypes.LedgerRecordFilters{Denom: DenomACT, ToDenom: DenomAKT}, false},
		{"wrong source", btypes.LedgerRecordFilters{Source: "akash1other"}, false},
		{"right source", btypes.LedgerRecordFilters{Source: "akash1owner"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := ledgerMatches(tc.f, e); got != tc.want {
				t.Errorf("ledgerMatches(%+v) = %v, want %v", tc.f, got, tc.want)
			}
		})
	}
}
