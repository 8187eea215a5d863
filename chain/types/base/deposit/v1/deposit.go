// Package depositv1 holds akash.base.deposit.v1: escrow deposits and their sources.
package depositv1

import sdk "github.com/cosmos/cosmos-sdk/types"

// Sources is an ordered list of deposit sources; the chain tries them in order.
type Sources []Source

// NewDeposit returns a deposit of amount taken from sources in the given order.
func NewDeposit(amount sdk.Coin, sources ...Source) Deposit {
	return Deposit{Amount: amount, Sources: Sources(sources)}
}
