package chain

import (
	"fmt"
	"time"

	"cosmossdk.io/x/feegrant"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
)

// NewSend builds a bank send of amount from one account to another.
func NewSend(from, to string, amount []Coin) (Msg, error) {
	if err := validateAddrs(map[string]string{"sender": from, "recipient": to}); err != nil {
		return nil, err
	}
	coins, err := toSDKCoins(amount)
	if err != nil {
		return nil, err
	}
	if coins.Empty() || !coins.IsAllPositive() {
		return nil, fmt.Errorf("send amount %v must be positive", amount)
	}
	return &banktypes.MsgSend{FromAddress: from, ToAddress: to, Amount: coins}, nil
}

// NewGenericGrant lets grantee send messages of type msgTypeURL on the
// granter's behalf (through authz exec) until expiration (nil: no expiry).
func NewGenericGrant(granter, grantee, msgTypeURL string, expiration *time.Time) (Msg, error) {
	if msgTypeURL == "" || msgTypeURL[0] != '/' {
		return nil, fmt.Errorf("message type %q must be a type URL such as /cosmos.bank.v1beta1.MsgSend", msgTypeURL)
	}
	return newGrant(granter, grantee, authz.NewGenericAuthorization(msgTypeURL), expiration)
}

func newGrant(granter, grantee string, a authz.Authorization, expiration *time.Time) (Msg, error) {
	if err := validateAddrs(map[string]string{"granter": granter, "grantee": grantee}); err != nil {
		return nil, err
	}
	if granter == grantee {
		return nil, fmt.Errorf("granter and grantee are both %s", granter)
	}
	if expiration != nil && !expiration.After(time.Now()) {
		return nil, fmt.Errorf("grant expiration %s is in the past", expiration.UTC().Format(time.RFC3339))
	}
	any, err := codectypes.NewAnyWithValue(a)
	if err != nil {
		return nil, fmt.Errorf("packing authorization: %w", err)
	}
	var exp *time.Time
	if expiration != nil {
		e := expiration.UTC()
		exp = &e
	}
	return &authz.MsgGrant{Granter: granter, Grantee: grantee, Grant: authz.Grant{Authorization: any, Expiration: exp}}, nil
}

// NewRevoke revokes the grant of msgTypeURL given to grantee.
func NewRevoke(granter, grantee, msgTypeURL string) (Msg, error) {
	if err := validateAddrs(map[string]string{"granter": granter, "grantee": grantee}); err != nil {
		return nil, err
	}
	if msgTypeURL == "" {
		return nil, fmt.Errorf("revoke needs the message type URL of the grant")
	}
	return &authz.MsgRevoke{Granter: granter, Grantee: grantee, MsgTypeUrl: msgTypeURL}, nil
}

// NewExec wraps msgs, signed by their granter, for grantee to execute
// under generic grants.
func NewExec(grantee string, msgs ...Msg) (Msg, error) {
	if err := ValidateAddress(grantee); err != nil {
		return nil, fmt.Errorf("grantee: %w", err)
	}
	m := authz.NewMsgExec(nil, msgs)
	m.Grantee = grantee
	return &m, nil
}

// FeeAllowance describes a fee grant. Zero values mean no limit.
type FeeAllowance struct {
	SpendLimit []Coin        `json:"spend_limit,omitempty"`
	Expiration *time.Time    `json:"expiration,omitempty"`
	Period     time.Duration `json:"period,omitempty"`
	// PeriodLimit makes the allowance periodic: at most this much per Period.
	PeriodLimit []Coin `json:"period_limit,omitempty"`
}

// NewFeeGrant lets grantee pay fees from granter's account (basic, or
// periodic when a period limit is set).
func NewFeeGrant(granter, grantee string, a FeeAllowance) (Msg, error) {
	if err := validateAddrs(map[string]string{"granter": granter, "grantee": grantee}); err != nil {
		return nil, err
	}
	limit, err := toSDKCoins(a.SpendLimit)
	if err != nil {
		return nil, fmt.Errorf("spend limit: %w", err)
	}
	var exp *time.Time
	if a.Expiration != nil {
		e := a.Expiration.UTC()
		exp = &e
	}
	basic := feegrant.BasicAllowance{SpendLimit: limit, Expiration: exp}
	var allowance proto.Message = &basic
	if len(a.PeriodLimit) > 0 {
		if a.Period <= 0 {
			return nil, fmt.Errorf("a periodic fee allowance needs a positive period")
		}
		pl, err := toSDKCoins(a.PeriodLimit)
		if err != nil {
			return nil, fmt.Errorf("period limit: %w", err)
		}
		allowance = &feegrant.PeriodicAllowance{Basic: basic, Period: a.Period, PeriodSpendLimit: pl, PeriodCanSpend: pl}
	}
	any, err := codectypes.NewAnyWithValue(allowance)
	if err != nil {
		return nil, fmt.Errorf("packing fee allowance: %w", err)
	}
	return &feegrant.MsgGrantAllowance{Granter: granter, Grantee: grantee, Allowance: any}, nil
}

// NewRevokeFeeGrant revokes the fee allowance given to grantee.
func NewRevokeFeeGrant(granter, grantee string) (Msg, error) {
	if err := validateAddrs(map[string]string{"granter": granter, "grantee": grantee}); err != nil {
		return nil, err
	}
	return &feegrant.MsgRevokeAllowance{Granter: granter, Grantee: grantee}, nil
}

func validateAddrs(addrs map[string]string) error {
	for role, a := range addrs {
		if err := ValidateAddress(a); err != nil {
			return fmt.Errorf("%s: %w", role, err)
		}
	}
	return nil
}
