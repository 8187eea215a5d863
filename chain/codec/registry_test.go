package codec

import (
	"bytes"
	"strings"
	"testing"
	"time"

	aminov1 "cosmossdk.io/api/amino"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"

	deploymentv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
)

// TestAnyRoundTrip packs every akt message into an Any, encodes it, and
// unpacks it through the registry as an sdk.Msg.
func TestAnyRoundTrip(t *testing.T) {
	t.Parallel()
	c := newTestCodec(t)
	owner, _ := testAddr(t, "owner")
	for _, n := range AminoNames() {
		msg := n.Msg
		switch m := msg.(type) {
		case *escrowv1.MsgAccountDeposit:
			*m = *sampleDeposit(owner, owner)
		case *deploymentv1beta4.MsgCreateDeployment:
			*m = *sampleCreateDeployment(owner)
		}
		t.Run(sdk.MsgTypeURL(msg), func(t *testing.T) {
			t.Parallel()
			packed, err := codectypes.NewAnyWithValue(msg)
			if err != nil {
				t.Fatalf("packing: %v", err)
			}
			if want := "/" + gogoproto.MessageName(msg); packed.TypeUrl != want {
				t.Fatalf("type URL %q, want %q", packed.TypeUrl, want)
			}
			raw, err := c.Proto.Marshal(packed)
			if err != nil {
				t.Fatalf("encoding the Any: %v", err)
			}
			var back codectypes.Any
			if err := c.Proto.Unmarshal(raw, &back); err != nil {
				t.Fatalf("decoding the Any: %v", err)
			}
			var got sdk.Msg
			if err := c.InterfaceRegistry.UnpackAny(&back, &got); err != nil {
				t.Fatalf("unpacking: %v", err)
			}
			// Compare encodings: gogoproto.Equal cannot compare custom types.
			want, err := c.Proto.Marshal(msg)
			if err != nil {
				t.Fatalf("encoding the message: %v", err)
			}
			gotRaw, err := c.Proto.Marshal(got)
			if err != nil {
				t.Fatalf("encoding the unpacked message: %v", err)
			}
			if !bytes.Equal(gotRaw, want) || !bytes.Equal(back.Value, want) {
				t.Fatalf("round trip changed the message: %v != %v", got, msg)
			}
		})
	}
}

// TestDepositAuthorizationGrant packs DepositAuthorization into an authz
// MsgGrant and reads it back as an authz.Authorization.
func TestDepositAuthorizationGrant(t *testing.T) {
	t.Parallel()
	c := newTestCodec(t)
	granter, _ := testAddr(t, "granter")
	grantee, _ := testAddr(t, "grantee")
	auth := escrowv1.NewDepositAuthorization(sdk.NewCoins(sdk.NewInt64Coin("uact", 5_000_000)), escrowv1.DepositScopeDeployment)
	if err := auth.ValidateBasic(); err != nil {
		t.Fatalf("validate: %v", err)
	}
	exp := time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)
	grant, err := authz.NewGrant(time.Time{}, auth, &exp)
	if err != nil {
		t.Fatalf("new grant: %v", err)
	}
	msg := &authz.MsgGrant{Granter: granter, Grantee: grantee, Grant: grant}
	raw, err := c.Proto.Marshal(msg)
	if err != nil {
		t.Fatalf("encoding: %v", err)
	}
	var back authz.MsgGrant
	if err := c.Proto.Unmarshal(raw, &back); err != nil {
		t.Fatalf("decoding: %v", err)
	}
	if err := back.UnpackInterfaces(c.InterfaceRegistry); err != nil {
		t.Fatalf("unpacking: %v", err)
	}
	got, err := back.GetAuthorization()
	if err != nil {
		t.Fatalf("authorization: %v", err)
	}
	da, ok := got.(*escrowv1.DepositAuthorization)
	if !ok {
		t.Fatalf("authorization is %T", got)
	}
	if da.MsgTypeURL() != "/akash.escrow.v1.MsgAccountDeposit" || !da.SpendLimits.Equal(auth.SpendLimits) {
		t.Fatalf("authorization changed: %v", da)
	}
	if back.Grant.Authorization.TypeUrl != "/akash.escrow.v1.DepositAuthorization" {
		t.Fatalf("type URL %q", back.Grant.Authorization.TypeUrl)
	}
	// The grant's JSON through amino names the authorization by its amino name.
	js, err := c.Amino.MarshalJSON(da)
	if err != nil {
		t.Fatalf("amino json: %v", err)
	}
	if !strings.Contains(string(js), `"type":"akash/DepositAuthorization"`) {
		t.Fatalf("amino json %s lacks the amino name", js)
	}
}

// TestAminoNamesMatchProto checks the amino names registered with the legacy
// codec are the amino.name options of akt's proto files.
func TestAminoNamesMatchProto(t *testing.T) {
	t.Parallel()
	c := newTestCodec(t)
	for _, n := range AminoNames() {
		full := protoreflect.FullName(gogoproto.MessageName(n.Msg))
		d, err := c.InterfaceRegistry.FindDescriptorByName(full)
		if err != nil {
			t.Fatalf("descriptor of %s: %v", full, err)
		}
		opts, ok := d.Options().(*descriptorpb.MessageOptions)
		if !ok || opts == nil {
			t.Fatalf("%s has no message options", full)
		}
		if got := proto.GetExtension(opts, aminov1.E_Name).(string); got != n.Name {
			t.Errorf("%s: proto amino.name %q, registered %q", full, got, n.Name)
		}
		js, err := c.Amino.MarshalJSON(n.Msg)
		if err != nil {
			t.Fatalf("amino json of %s: %v", full, err)
		}
		if !strings.Contains(string(js), `"type":"`+n.Name+`"`) {
			t.Errorf("amino json of %s = %s, want type %q", full, js, n.Name)
		}
	}
}
