package devnet

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cometbft/cometbft/crypto/ed25519"

	"github.com/akt-project/akt/config"
)

func TestSeedIsDeterministic(t *testing.T) {
	t.Parallel()
	a, b, c := seeder{seed: 42}, seeder{seed: 42}, seeder{seed: 43}
	for _, name := range []string{TenantKeyName, "provider-0", "auditor", "validator"} {
		x, err := a.account(name)
		if err != nil {
			t.Fatal(err)
		}
		y, _ := b.account(name)
		z, _ := c.account(name)
		if x.mnemonic != y.mnemonic || !x.addr.Equals(y.addr) {
			t.Errorf("%s: same seed gave %s and %s", name, x.addr, y.addr)
		}
		if x.addr.Equals(z.addr) {
			t.Errorf("%s: seeds 42 and 43 gave the same address %s", name, x.addr)
		}
	}
	// The shared devnet was started with seed 42: its tenant is the one derived here.
	x, _ := a.account(TenantKeyName)
	if !x.addr.Equals(shared.TenantAddress()) || x.mnemonic != shared.TenantMnemonic() {
		t.Errorf("devnet tenant %s, seed-42 tenant %s", shared.TenantAddress(), x.addr)
	}
	// The same inputs give byte-identical genesis.
	gen := func() []byte {
		val, _ := a.account("validator")
		tenant, _ := a.account(TenantKeyName)
		doc, err := buildGenesis(shared.enc, genesisInput{
			chainID: "x", time: time.Unix(1_700_000_000, 0).UTC(), validator: val,
			consPub:  ed25519.GenPrivKeyFromSecret(a.bytes("consensus-key", 32)).PubKey(),
			accounts: []genesisAccount{{addr: tenant.addr, coins: mustCoins(tenantFunds)}},
		})
		if err != nil {
			t.Fatal(err)
		}
		return doc.AppState
	}
	if !bytes.Equal(gen(), gen()) {
		t.Error("genesis differs between two builds from the same seed")
	}
	if !reflect.DeepEqual(inventoryFor(7, a.rng("inventory/7")), inventoryFor(7, b.rng("inventory/7"))) {
		t.Error("inventories differ for the same seed")
	}
}

// TestDefaultHomeMatchesConfig: the devnet and akt's configuration agree on where the
// devnet lives when no --home is given.
func TestDefaultHomeMatchesConfig(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	if got, want := DefaultHome(), config.ResolveDirs(os.LookupEnv).DevnetHome(); got != want || !strings.HasPrefix(got, dir) {
		t.Errorf("DefaultHome %s, config %s (XDG_DATA_HOME %s)", got, want, dir)
	}
}
