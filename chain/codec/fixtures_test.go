package codec

import (
	"crypto/sha256"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"

	attributesv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	resourcesv1beta4 "github.com/akt-project/akt/chain/types/base/resources/v1beta4"
	deploymentv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	deploymentv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
	marketv1 "github.com/akt-project/akt/chain/types/market/v1"
)

// testAddr returns a deterministic akash address and its bytes for seed.
func testAddr(t *testing.T, seed string) (string, []byte) {
	t.Helper()
	sum := sha256.Sum256([]byte(seed))
	raw := sum[:20]
	s, err := bech32.ConvertAndEncode(AccountPrefix, raw)
	if err != nil {
		t.Fatalf("encoding address for %q: %v", seed, err)
	}
	return s, raw
}

// testKey returns a deterministic secp256k1 key and its akash address.
func testKey(t *testing.T, seed string) (*secp256k1.PrivKey, string) {
	t.Helper()
	key := secp256k1.GenPrivKeyFromSecret([]byte(seed))
	addr, err := bech32.ConvertAndEncode(AccountPrefix, key.PubKey().Address())
	if err != nil {
		t.Fatalf("encoding address of key %q: %v", seed, err)
	}
	return key, addr
}

func sampleGroupSpec() deploymentv1beta4.GroupSpec {
	return deploymentv1beta4.GroupSpec{
		Name: "dcloud",
		Requirements: attributesv1.PlacementRequirements{
			SignedBy:   attributesv1.SignedBy{AllOf: []string{"a1"}, AnyOf: []string{"b1", "b2"}},
			Attributes: attributesv1.Attributes{{Key: "region", Value: "us-west"}},
		},
		Resources: deploymentv1beta4.ResourceUnits{{
			Resource: resourcesv1beta4.Resources{
				ID:     1,
				CPU:    &resourcesv1beta4.CPU{Units: resourcesv1beta4.NewResourceValue(500)},
				Memory: &resourcesv1beta4.Memory{Quantity: resourcesv1beta4.NewResourceValue(512 << 20)},
				Storage: resourcesv1beta4.Volumes{
					{Name: "default", Quantity: resourcesv1beta4.NewResourceValue(1 << 30)},
				},
				GPU:       &resourcesv1beta4.GPU{Units: resourcesv1beta4.NewResourceValue(0)},
				Endpoints: resourcesv1beta4.Endpoints{{Kind: resourcesv1beta4.Endpoint_SHARED_HTTP, SequenceNumber: 0}},
			},
			Count: 1,
			Price: sdk.NewDecCoinFromDec("uact", math.LegacyNewDec(1000)),
		}},
	}
}

func sampleCreateDeployment(owner string) *deploymentv1beta4.MsgCreateDeployment {
	hash := sha256.Sum256([]byte("manifest"))
	return &deploymentv1beta4.MsgCreateDeployment{
		ID:      deploymentv1.DeploymentID{Owner: owner, DSeq: 1234},
		Groups:  deploymentv1beta4.GroupSpecs{sampleGroupSpec()},
		Hash:    hash[:],
		Deposit: depositv1.NewDeposit(sdk.NewInt64Coin("uact", 5_000_000), depositv1.SourceBalance),
		Reclamation: &deploymentv1.DeploymentReclamation{
			MinWindow: time.Hour,
		},
	}
}

func sampleBidID(owner, provider string) marketv1.BidID {
	return marketv1.BidID{Owner: owner, DSeq: 1234, GSeq: 1, OSeq: 1, Provider: provider, BSeq: 0}
}

func sampleDeposit(signer, owner string) *escrowv1.MsgAccountDeposit {
	return &escrowv1.MsgAccountDeposit{
		Signer:  signer,
		ID:      escrowidv1.DeploymentAccount(owner, 1234),
		Deposit: depositv1.NewDeposit(sdk.NewInt64Coin("uakt", 1_000_000), escrowv1.GrantThenBalance()...),
	}
}
