package chain

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	bmev1 "github.com/akt-project/akt/chain/types/bme/v1"
)

// ErrNoRate is returned by BMERate when the chain has no executed AKT→ACT mint to read the
// rate from (e.g. a fresh network where nobody has minted ACT yet).
var ErrNoRate = errors.New("no AKT→ACT mint executed yet")

// bmeRatePage is how many of the newest ledger records BMERate reads.
const bmeRatePage = 20

// BMERate is the AKT→ACT rate the chain applied to its most recent executed mint
// (burning uakt, minting uact), read from the burn-mint exchange's ledger.
type BMERate struct {
	// ACTPerAKT is the effective rate: ACT minted per AKT burned, after the spread.
	ACTPerAKT string `json:"act_per_akt"`
	// OracleACTPerAKT is the rate from the oracle prices the record carries (AKT price over
	// ACT price, before the spread); empty when the record has no usable prices.
	OracleACTPerAKT string `json:"oracle_act_per_akt,omitempty"`
	// AKTPrice and ACTPrice are the oracle prices recorded with the burn and the mint.
	AKTPrice string `json:"akt_price,omitempty"`
	ACTPrice string `json:"act_price,omitempty"`
	// Burned, Minted and Spread are the record's amounts.
	Burned Coin `json:"burned"`
	Minted Coin `json:"minted"`
	Spread Coin `json:"spread"`
	// Height and Sequence identify the record (with Source, the account that minted).
	Height   int64  `json:"height"`
	Sequence int64  `json:"sequence"`
	Source   string `json:"source"`
}

// Float returns ACTPerAKT as a float64 (0 when it does not parse).
func (r BMERate) Float() float64 {
	f, err := strconv.ParseFloat(r.ACTPerAKT, 64)
	if err != nil {
		return 0
	}
	return f
}

// bmeExecutedStatus is how the ledger filter spells an executed record: the enum value's name.
var bmeExecutedStatus = bmev1.LedgerRecordStatus_name[int32(bmev1.LedgerRecordStatusExecuted)]

// BMERate returns the rate of the newest executed uakt→uact ledger record, or ErrNoRate when
// there is none. It asks the chain for executed records only; if the chain refuses that status
// filter it asks again without it and keeps the executed ones itself.
func (c *Client) BMERate(ctx context.Context) (BMERate, error) {
	recs, err := c.bmeLedger(ctx, bmeExecutedStatus)
	var qe *QueryError
	if errors.As(err, &qe) {
		recs, err = c.bmeLedger(ctx, "")
	}
	if err != nil {
		return BMERate{}, err
	}
	return latestMintRate(recs)
}

// bmeLedger reads the newest uakt→uact ledger records with the given status filter.
func (c *Client) bmeLedger(ctx context.Context, status string) ([]bmev1.QueryLedgerRecordEntry, error) {
	req := &bmev1.QueryLedgerRecordsRequest{
		Filters:    bmev1.LedgerRecordFilters{Denom: DenomAKT, ToDenom: DenomACT, Status: status},
		Pagination: &query.PageRequest{Limit: bmeRatePage, Reverse: true},
	}
	var res bmev1.QueryLedgerRecordsResponse
	if err := c.abciQuery(ctx, "/akash.bme.v1.Query/LedgerRecords", req, &res); err != nil {
		return nil, fmt.Errorf("loading BME ledger records (%s→%s, status %q): %w", DenomAKT, DenomACT, status, err)
	}
	return res.Records, nil
}

// latestMintRate picks the newest (by height, then sequence) executed uakt→uact record with
// positive amounts and computes its rates.
func latestMintRate(recs []bmev1.QueryLedgerRecordEntry) (BMERate, error) {
	var best *bmev1.QueryLedgerRecordEntry
	for i := range recs {
		e := &recs[i]
		rec := e.GetExecutedRecord()
		if e.Status != bmev1.LedgerRecordStatusExecuted || rec == nil || e.ID.Denom != DenomAKT || e.ID.ToDenom != DenomACT {
			continue
		}
		if rec.Burned == nil || rec.Minted == nil || !rec.Burned.Coin.Amount.IsPositive() || rec.Minted.Coin.Amount.IsNil() {
			continue
		}
		if best == nil || e.ID.Height > best.ID.Height || (e.ID.Height == best.ID.Height && e.ID.Sequence > best.ID.Sequence) {
			best = e
		}
	}
	if best == nil {
		return BMERate{}, ErrNoRate
	}
	return rateOf(best), nil
}

// rateOf computes the rates of an executed record that has burned and minted amounts.
func rateOf(e *bmev1.QueryLedgerRecordEntry) BMERate {
	rec := e.GetExecutedRecord()
	eff := math.LegacyNewDecFromInt(rec.Minted.Coin.Amount).QuoInt(rec.Burned.Coin.Amount)
	out := BMERate{
		ACTPerAKT: trimDecimal(eff),
		Burned:    coinOf(rec.Burned.Coin),
		Minted:    coinOf(rec.Minted.Coin),
		Height:    e.ID.Height, Sequence: e.ID.Sequence, Source: e.ID.Source,
	}
	if rec.Spread.Denom != "" {
		out.Spread = coinOf(rec.Spread)
	}
	bp, mp := rec.Burned.Price, rec.Minted.Price
	if !bp.IsNil() && bp.IsPositive() {
		out.AKTPrice = trimDecimal(bp)
	}
	if !mp.IsNil() && mp.IsPositive() {
		out.ACTPrice = trimDecimal(mp)
	}
	if out.AKTPrice != "" && out.ACTPrice != "" {
		out.OracleACTPerAKT = trimDecimal(bp.Quo(mp))
	}
	return out
}

// coinOf converts one SDK coin (a nil amount reads as 0).
func coinOf(c sdk.Coin) Coin {
	if c.Amount.IsNil() {
		return Coin{Denom: c.Denom, Amount: "0"}
	}
	return Coin{Denom: c.Denom, Amount: c.Amount.String()}
}

// trimDecimal prints d without trailing zeros ("2", "1.95").
func trimDecimal(d math.LegacyDec) string { return TrimDecimal(d.String()) }
