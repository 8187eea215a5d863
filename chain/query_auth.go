package chain

import (
	"context"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// pageLimit is the page size of paginated queries.
const pageLimit = 200

// paginate calls fetch with successive page keys until the node returns no
// next key.
func paginate(ctx context.Context, fetch func(*query.PageRequest) (*query.PageResponse, error)) error {
	var key []byte
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := fetch(&query.PageRequest{Key: key, Limit: pageLimit})
		if err != nil {
			return err
		}
		if page == nil || len(page.NextKey) == 0 {
			return nil
		}
		key = page.NextKey
	}
}

// Balances returns every coin held by addr (uakt, uact and others).
func (c *Client) Balances(ctx context.Context, addr string) ([]Coin, error) {
	if err := ValidateAddress(addr); err != nil {
		return nil, err
	}
	var all sdk.Coins
	err := paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		var resp banktypes.QueryAllBalancesResponse
		if err := c.abciQuery(ctx, "/cosmos.bank.v1beta1.Query/AllBalances", &banktypes.QueryAllBalancesRequest{Address: addr, Pagination: p}, &resp); err != nil {
			return nil, err
		}
		all = append(all, resp.Balances...)
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading balances of %s: %w", addr, err)
	}
	return fromSDKCoins(all), nil
}

// Account is an account's on-chain number and sequence.
type Account struct {
	Address  string `json:"address"`
	Number   uint64 `json:"account_number"`
	Sequence uint64 `json:"sequence"`
	// PubKey is empty until the account has signed a transaction.
	PubKey []byte `json:"pubkey,omitempty"`
}

// Account returns the account number and sequence of addr. An address the
// chain has never seen gives an error matching ErrNotFound.
func (c *Client) Account(ctx context.Context, addr string) (Account, error) {
	if err := ValidateAddress(addr); err != nil {
		return Account{}, err
	}
	enc, err := c.Encoding()
	if err != nil {
		return Account{}, err
	}
	var resp authtypes.QueryAccountResponse
	if err := c.abciQuery(ctx, "/cosmos.auth.v1beta1.Query/Account", &authtypes.QueryAccountRequest{Address: addr}, &resp); err != nil {
		return Account{}, fmt.Errorf("loading account %s: %w", addr, err)
	}
	var acc sdk.AccountI
	if err := enc.Registry.UnpackAny(resp.Account, &acc); err != nil {
		return Account{}, fmt.Errorf("decoding account %s: %w", addr, err)
	}
	out := Account{Address: addr, Number: acc.GetAccountNumber(), Sequence: acc.GetSequence()}
	if pk := acc.GetPubKey(); pk != nil {
		out.PubKey = pk.Bytes()
	}
	return out, nil
}
