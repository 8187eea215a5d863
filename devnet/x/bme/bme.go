// Package bme is the devnet's akash.bme.v1 module (Burn-Mint Equilibrium): ACT is minted by
// burning AKT and AKT is re-minted by burning ACT, at a fixed devnet rate.
//
// Simplifications against Akash: the rate is fixed by the devnet (no oracle), there is no
// vault collateral or circuit breaker, and a mint or burn settles in the same transaction
// (Akash queues it and settles at a later epoch); its ledger record is therefore already
// executed when the transaction is included.
package bme

import (
	"context"
	"fmt"
	"strings"

	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	btypes "github.com/akt-project/akt/chain/types/bme/v1"
	"github.com/akt-project/akt/devnet/x/internal/kv"
)

// ModuleName is the module's name and the name of its minting and burning account.
const ModuleName = "bme"

// Denominations converted by the module.
const (
	DenomAKT = "uakt"
	DenomACT = "uact"
)

// BankKeeper is what the bme module needs from x/bank.
type BankKeeper interface {
	SendCoinsFromAccountToModule(ctx context.Context, from sdk.AccAddress, to string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, from string, to sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromModuleToModule(ctx context.Context, from, to string, amt sdk.Coins) error
	MintCoins(ctx context.Context, module string, amt sdk.Coins) error
	BurnCoins(ctx context.Context, module string, amt sdk.Coins) error
}

// Keeper converts coins and keeps the ledger.
type Keeper struct {
	bank   BankKeeper
	rate   math.LegacyDec // uact minted per uakt burned
	ledger kv.Table[btypes.QueryLedgerRecordEntry, *btypes.QueryLedgerRecordEntry]
	state  kv.Table[btypes.State, *btypes.State]
}

// NewKeeper returns the bme keeper; actPerAKT is how much ACT one AKT mints.
func NewKeeper(cdc codec.BinaryCodec, svc corestore.KVStoreService, bank BankKeeper, actPerAKT math.LegacyDec) *Keeper {
	return &Keeper{
		bank:   bank,
		rate:   actPerAKT,
		ledger: kv.NewTable[btypes.QueryLedgerRecordEntry](svc, cdc, "ledger"),
		state:  kv.NewTable[btypes.State](svc, cdc, "state"),
	}
}

// Rate returns how much ACT one AKT mints.
func (k *Keeper) Rate() math.LegacyDec { return k.rate }

// convert returns what burning coin mints in toDenom.
func (k *Keeper) convert(coin sdk.Coin, toDenom string) (sdk.Coin, error) {
	switch {
	case coin.Denom == DenomAKT && toDenom == DenomACT:
		return sdk.NewCoin(toDenom, k.rate.MulInt(coin.Amount).TruncateInt()), nil
	case coin.Denom == DenomACT && toDenom == DenomAKT:
		return sdk.NewCoin(toDenom, math.LegacyNewDecFromInt(coin.Amount).Quo(k.rate).TruncateInt()), nil
	}
	return sdk.Coin{}, fmt.Errorf("bme converts %s↔%s only, not %s to %s", DenomAKT, DenomACT, coin.Denom, toDenom)
}

// burnMint burns coin already held by the module and mints its counterpart into the module.
func (k *Keeper) burnMint(ctx context.Context, coin sdk.Coin, toDenom string) (sdk.Coin, error) {
	out, err := k.convert(coin, toDenom)
	if err != nil {
		return out, err
	}
	if !out.IsPositive() {
		return out, fmt.Errorf("burning %s mints nothing", coin)
	}
	if err := k.bank.BurnCoins(ctx, ModuleName, sdk.NewCoins(coin)); err != nil {
		return out, fmt.Errorf("burning %s: %w", coin, err)
	}
	if err := k.bank.MintCoins(ctx, ModuleName, sdk.NewCoins(out)); err != nil {
		return out, fmt.Errorf("minting %s: %w", out, err)
	}
	st, _, err := k.state.Get(ctx, "vault")
	if err != nil {
		return out, err
	}
	if st == nil {
		st = &btypes.State{}
	}
	st.TotalBurned = st.TotalBurned.Add(coin)
	st.TotalMinted = st.TotalMinted.Add(out)
	return out, k.state.Set(ctx, "vault", st)
}

// ConvertEscrowed converts coin held by module account from (the escrow) into toDenom and
// returns the converted coin to that module account. Used for AKT deposits into ACT escrow.
func (k *Keeper) ConvertEscrowed(ctx context.Context, from string, coin sdk.Coin, toDenom string) (sdk.Coin, error) {
	if err := k.bank.SendCoinsFromModuleToModule(ctx, from, ModuleName, sdk.NewCoins(coin)); err != nil {
		return sdk.Coin{}, fmt.Errorf("moving %s to bme: %w", coin, err)
	}
	out, err := k.burnMint(ctx, coin, toDenom)
	if err != nil {
		return out, err
	}
	return out, k.bank.SendCoinsFromModuleToModule(ctx, ModuleName, from, sdk.NewCoins(out))
}

// Exchange burns coin from owner and mints its counterpart in toDenom to `to`, recording
// an executed ledger entry.
func (k *Keeper) Exchange(ctx context.Context, owner, to string, coin sdk.Coin, toDenom string) (btypes.LedgerRecordID, sdk.Coin, error) {
	ownerAddr, err := sdk.AccAddressFromBech32(owner)
	if err != nil {
		return btypes.LedgerRecordID{}, sdk.Coin{}, fmt.Errorf("bme owner %q: %w", owner, err)
	}
	toAddr, err := sdk.AccAddressFromBech32(to)
	if err != nil {
		return btypes.LedgerRecordID{}, sdk.Coin{}, fmt.Errorf("bme recipient %q: %w", to, err)
	}
	if !coin.IsValid() || !coin.IsPositive() {
		return btypes.LedgerRecordID{}, sdk.Coin{}, fmt.Errorf("bme: amount %s must be positive", coin)
	}
	if err := k.bank.SendCoinsFromAccountToModule(ctx, ownerAddr, ModuleName, sdk.NewCoins(coin)); err != nil {
		return btypes.LedgerRecordID{}, sdk.Coin{}, fmt.Errorf("taking %s from %s: %w", coin, owner, err)
	}
	out, err := k.burnMint(ctx, coin, toDenom)
	if err != nil {
		return btypes.LedgerRecordID{}, out, err
	}
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, ModuleName, toAddr, sdk.NewCoins(out)); err != nil {
		return btypes.LedgerRecordID{}, out, fmt.Errorf("paying %s to %s: %w", out, to, err)
	}
	sctx := sdk.UnwrapSDKContext(ctx)
	n := 0
	_ = k.ledger.Walk(ctx, kv.U64(uint64(sctx.BlockHeight()))+"/", func(string, *btypes.QueryLedgerRecordEntry) (bool, error) { n++; return false, nil })
	id := btypes.LedgerRecordID{Denom: coin.Denom, ToDenom: toDenom, Source: owner, Height: sctx.BlockHeight(), Sequence: int64(n)}
	burnPrice, mintPrice := math.LegacyOneDec(), math.LegacyOneDec()
	if coin.Denom == DenomAKT {
		burnPrice = k.rate
	} else {
		mintPrice = k.rate
	}
	rec := &btypes.LedgerRecord{
		BurnedFrom: owner, MintedTo: to, Burner: ModuleName, Minter: ModuleName,
		Burned: &btypes.CoinPrice{Coin: coin, Price: burnPrice},
		Minted: &btypes.CoinPrice{Coin: out, Price: mintPrice},
		Spread: sdk.NewCoin(toDenom, math.ZeroInt()),
	}
	entry := &btypes.QueryLedgerRecordEntry{ID: id, Status: btypes.LedgerRecordStatusExecuted,
		Record: &btypes.QueryLedgerRecordEntry_ExecutedRecord{ExecutedRecord: rec}}
	key := kv.U64(uint64(id.Height)) + "/" + kv.U64(uint64(id.Sequence))
	if err := k.ledger.Set(ctx, key, entry); err != nil {
		return id, out, err
	}
	return id, out, sctx.EventManager().EmitTypedEvent(&btypes.EventLedgerRecordExecuted{
		ID: id, BurnedFrom: owner, MintedTo: to, Burner: ModuleName, Minter: ModuleName,
		Burned: rec.Burned, Minted: rec.Minted, Spread: rec.Spread,
	})
}

// ledgerMatches applies the LedgerRecords filters. The status filter is the enum value's
// name as the schema spells it ("ledger_record_status_executed"); the short form
// ("executed") is accepted too, in any case.
func ledgerMatches(f btypes.LedgerRecordFilters, e *btypes.QueryLedgerRecordEntry) bool {
	return (f.Source == "" || f.Source == e.ID.Source) && (f.Denom == "" || f.Denom == e.ID.Denom) &&
		(f.ToDenom == "" || f.ToDenom == e.ID.ToDenom) && (f.Status == "" || statusMatches(f.Status, e.Status))
}

// statusMatches reports whether the filter text names status.
func statusMatches(filter string, status btypes.LedgerRecordStatus) bool {
	const prefix = "ledger_record_status_"
	want := strings.ToLower(strings.TrimSpace(filter))
	return strings.TrimPrefix(want, prefix) == strings.TrimPrefix(status.String(), prefix)
}
