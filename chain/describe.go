package chain

import (
	"fmt"
	"strings"

	"cosmossdk.io/x/feegrant"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// Describe says in words what a message does, for the confirm dialog.
func Describe(m Msg) MsgSummary {
	s := MsgSummary{TypeURL: sdk.MsgTypeURL(m)}
	switch v := m.(type) {
	case *banktypes.MsgSend:
		s.Text = fmt.Sprintf("Send %s from %s to %s", v.Amount, v.FromAddress, v.ToAddress)
	case *authz.MsgGrant:
		what := "an authorization"
		if v.Grant.Authorization != nil {
			what = v.Grant.Authorization.TypeUrl
			if a, ok := v.Grant.Authorization.GetCachedValue().(authz.Authorization); ok {
				what = describeAuthorization(a)
			}
		}
		exp := "no expiry"
		if v.Grant.Expiration != nil {
			exp = "expires " + v.Grant.Expiration.UTC().Format("2006-01-02 15:04 MST")
		}
		s.Text = fmt.Sprintf("Grant %s %s (%s)", v.Grantee, what, exp)
	case *authz.MsgRevoke:
		s.Text = fmt.Sprintf("Revoke the %s grant given to %s", v.MsgTypeUrl, v.Grantee)
	case *authz.MsgExec:
		urls := make([]string, 0, len(v.Msgs))
		for _, a := range v.Msgs {
			urls = append(urls, a.TypeUrl)
		}
		s.Text = fmt.Sprintf("Execute as grantee %s: %s", v.Grantee, strings.Join(urls, ", "))
	case *feegrant.MsgGrantAllowance:
		s.Text = fmt.Sprintf("Let %s pay fees from %s's account (%s)", v.Grantee, v.Granter, allowanceKind(v.Allowance.GetTypeUrl()))
	case *feegrant.MsgRevokeAllowance:
		s.Text = fmt.Sprintf("Revoke the fee allowance given to %s", v.Grantee)
	default:
		if d, ok := describeAkash(m); ok {
			s.Text = d
		} else {
			s.Text = s.TypeURL
		}
	}
	return s
}

func describeAuthorization(a authz.Authorization) string {
	switch v := a.(type) {
	case *authz.GenericAuthorization:
		return "permission to send " + v.Msg
	default:
		if d, ok := describeAkashAuthorization(a); ok {
			return d
		}
		return "authorization for " + a.MsgTypeURL()
	}
}

func allowanceKind(url string) string {
	switch url {
	case "/cosmos.feegrant.v1beta1.BasicAllowance":
		return "basic allowance"
	case "/cosmos.feegrant.v1beta1.PeriodicAllowance":
		return "periodic allowance"
	case "/cosmos.feegrant.v1beta1.AllowedMsgAllowance":
		return "allowance limited to some messages"
	}
	return url
}
