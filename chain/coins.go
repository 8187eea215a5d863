package chain

import (
	"fmt"
	"strings"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Denominations akt knows by name.
const (
	DenomAKT = "uakt"
	DenomACT = "uact"
)

// Coin is an integer amount of a denomination (micro units for uakt/uact).
type Coin struct {
	Denom  string `json:"denom"`
	Amount string `json:"amount"`
}

// String formats the coin as the CLI and the chain write it ("5000000uact").
func (c Coin) String() string { return c.Amount + c.Denom }

// DecCoin is a decimal amount of a denomination (prices, escrow balances).
type DecCoin struct {
	Denom  string `json:"denom"`
	Amount string `json:"amount"`
}

// String formats the coin as amount then denom, without the trailing zeros
// of the chain's 18-decimal form (300.000000000000000000uact → 300uact).
func (c DecCoin) String() string { return TrimDecimal(c.Amount) + c.Denom }

// TrimDecimal drops trailing fractional zeros (and a bare point) from a
// decimal string: "300.500000" → "300.5", "300.000" → "300".
func TrimDecimal(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// ParseCoins parses "5000000uact" or "1uakt,2uact" (also accepting spaces
// after commas). An empty string gives no coins.
func ParseCoins(s string) ([]Coin, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		return nil, nil
	}
	cs, err := sdk.ParseCoinsNormalized(s)
	if err != nil {
		return nil, fmt.Errorf("amount %q: %w (expected e.g. 5000000uact or 1uakt,2uact)", s, err)
	}
	return fromSDKCoins(cs), nil
}

// ParseCoin parses exactly one coin such as "5000000uact".
func ParseCoin(s string) (Coin, error) {
	cs, err := ParseCoins(s)
	if err != nil {
		return Coin{}, err
	}
	if len(cs) != 1 {
		return Coin{}, fmt.Errorf("amount %q: want exactly one coin such as 5000000uact", s)
	}
	return cs[0], nil
}

func fromSDKCoins(cs sdk.Coins) []Coin {
	out := make([]Coin, 0, len(cs))
	for _, c := range cs {
		out = append(out, Coin{Denom: c.Denom, Amount: c.Amount.String()})
	}
	return out
}

func fromSDKDecCoins(cs sdk.DecCoins) []DecCoin {
	out := make([]DecCoin, 0, len(cs))
	for _, c := range cs {
		out = append(out, fromSDKDecCoin(c))
	}
	return out
}

func fromSDKDecCoin(c sdk.DecCoin) DecCoin {
	return DecCoin{Denom: c.Denom, Amount: c.Amount.String()}
}

func toSDKCoins(cs []Coin) (sdk.Coins, error) {
	out := make(sdk.Coins, 0, len(cs))
	for _, c := range cs {
		sc, err := toSDKCoin(c)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out.Sort(), nil
}

func toSDKCoin(c Coin) (sdk.Coin, error) {
	amt, ok := sdkmath.NewIntFromString(c.Amount)
	if !ok || amt.IsNegative() {
		return sdk.Coin{}, fmt.Errorf("coin amount %q of %s is not a non-negative integer", c.Amount, c.Denom)
	}
	if err := sdk.ValidateDenom(c.Denom); err != nil {
		return sdk.Coin{}, fmt.Errorf("coin denom %q: %w", c.Denom, err)
	}
	return sdk.Coin{Denom: c.Denom, Amount: amt}, nil
}

// AmountOf returns the amount of denom in cs ("0" when absent).
func AmountOf(cs []Coin, denom string) string {
	for _, c := range cs {
		if c.Denom == denom {
			return c.Amount
		}
	}
	return "0"
}

// FormatMicro renders an integer amount of micro units (uakt, uact) as a
// decimal of whole units: "1500000" → "1.5", "42" → "0.000042".
func FormatMicro(amount string) string {
	amt, ok := sdkmath.NewIntFromString(amount)
	if !ok {
		return amount
	}
	d := sdkmath.LegacyNewDecFromInt(amt).QuoInt64(1_000_000)
	s := d.String()
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
