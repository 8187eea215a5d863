package devnet

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// shared is the one devnet every test in this package uses (starting a chain takes seconds).
var shared *Devnet

func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "akt-devnet-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	shared, err = Start(ctx, Options{
		Home:      home,
		BlockTime: 150 * time.Millisecond,
		Seed:      42,
		Ports:     Ports{Auto: true},
	})
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting devnet:", err)
		_ = os.RemoveAll(home)
		os.Exit(1)
	}
	code := m.Run()
	_ = shared.Close()
	_ = os.RemoveAll(home)
	os.Exit(code)
}

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// tenantSigner signs with the tenant key from the devnet home's test keyring, as akt would.
func tenantSigner(t *testing.T, d *Devnet) *signer {
	t.Helper()
	kr, err := openKeyring(d.Endpoints().Home, d.enc.Codec)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := kr.Key(TenantKeyName)
	if err != nil {
		t.Fatalf("tenant key not in the home keyring: %v", err)
	}
	addr, err := rec.GetAddress()
	if err != nil {
		t.Fatal(err)
	}
	if !addr.Equals(d.TenantAddress()) {
		t.Fatalf("keyring tenant %s, devnet tenant %s", addr, d.TenantAddress())
	}
	return newSigner(d.ClientContext(), kr, TenantKeyName, addr)
}

func balance(t *testing.T, d *Devnet, addr sdk.AccAddress, denom string) sdk.Coin {
	t.Helper()
	q := banktypes.NewQueryClient(d.ClientContext())
	res, err := q.Balance(context.Background(), &banktypes.QueryBalanceRequest{Address: addr.String(), Denom: denom})
	if err != nil {
		t.Fatalf("querying %s balance of %s: %v", denom, addr, err)
	}
	return *res.Balance
}

func TestBlocksAreProduced(t *testing.T) {
	ctx := testCtx(t)
	h := shared.Height()
	if err := shared.WaitForHeight(ctx, h+3); err != nil {
		t.Fatal(err)
	}
	st, err := shared.ClientContext().Client.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.NodeInfo.Network != shared.Endpoints().ChainID {
		t.Errorf("status chain id %q, want %q", st.NodeInfo.Network, shared.Endpoints().ChainID)
	}
	eps, err := ReadEndpoints(shared.Endpoints().Home)
	if err != nil {
		t.Fatal(err)
	}
	if eps.RPC != shared.Endpoints().RPC || eps.KeyAddress != shared.TenantAddress().String() {
		t.Errorf("devnet.json %+v does not match the running devnet", eps)
	}
	// The SDK's REST gateway answers too.
	resp, err := http.Get(shared.Endpoints().REST + "/cosmos/bank/v1beta1/balances/" + shared.TenantAddress().String())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), DenomACT) {
		t.Errorf("REST balances: %s %s", resp.Status, body)
	}
	// So do the Akash query paths.
	for _, path := range []string{
		"/akash/provider/v1beta4/providers",
		"/akash/provider/v1beta4/providers/" + shared.provs[0].acc.addr.String(),
		"/akash/market/v1beta5/bids/list?filters.owner=" + shared.TenantAddress().String() + "&pagination.limit=2",
		"/akash/deployment/v1beta4/deployments/list?filters.state=active",
		"/akash/escrow/v1/types/accounts?state=open",
	} {
		resp, err := http.Get(shared.Endpoints().REST + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "{") {
			t.Errorf("REST %s: %s %s", path, resp.Status, body)
		}
		if strings.Contains(path, "providers/") && !strings.Contains(string(body), shared.provs[0].hostURI) {
			t.Errorf("REST %s: %s lacks the host URI", path, body)
		}
	}
	if _, ok := Running(ctx, shared.Endpoints().Home); !ok {
		t.Error("Running says the shared devnet is not running")
	}
	if _, ok := Running(ctx, t.TempDir()); ok {
		t.Error("Running says a devnet runs in an empty directory")
	}
}

func TestBankSendIncluded(t *testing.T) {
	ctx := testCtx(t)
	s := tenantSigner(t, shared)
	to := sdk.AccAddress([]byte("bank-send-recipient-"))
	before := balance(t, shared, to, DenomAKT)
	send := banktypes.NewMsgSend(shared.TenantAddress(), to, sdk.NewCoins(sdk.NewInt64Coin(DenomAKT, 12345)))
	res, err := s.broadcast(ctx, send)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := waitTx(ctx, shared.ClientContext(), res.TxHash); err != nil {
		t.Fatal(err)
	}
	if got := balance(t, shared, to, DenomAKT).Amount.Sub(before.Amount); got.Int64() != 12345 {
		t.Errorf("recipient received %suakt, want 12345uakt", got)
	}
	// ACT cannot move between accounts, as on mainnet.
	act := banktypes.NewMsgSend(shared.TenantAddress(), to, sdk.NewCoins(sdk.NewInt64Coin(DenomACT, 1)))
	if res, err := s.broadcast(ctx, act); err == nil {
		if _, err := waitTx(ctx, shared.ClientContext(), res.TxHash); err == nil {
			t.Error("sending uact succeeded, want it rejected")
		}
	}
}

// TestSecondDevnetOnTakenPorts: starting a devnet on ports in use fails, names the port,
// and leaves the running devnet's home alone.
func TestSecondDevnetOnTakenPorts(t *testing.T) {
	ctx := testCtx(t)
	before, err := os.ReadFile(shared.Endpoints().Home + "/" + EndpointsFile)
	if err != nil {
		t.Fatal(err)
	}
	var p Ports
	if _, err := fmt.Sscanf(shared.Endpoints().RPC, "http://127.0.0.1:%d", &p.RPC); err != nil {
		t.Fatal(err)
	}
	p.Auto = true
	_, err = Start(ctx, Options{Home: shared.Endpoints().Home, Seed: 99, Ports: p})
	if err == nil || !strings.Contains(err.Error(), "RPC port") {
		t.Fatalf("second devnet on the same RPC port: %v", err)
	}
	after, _ := os.ReadFile(shared.Endpoints().Home + "/" + EndpointsFile)
	if string(before) != string(after) {
		t.Error("the failed start changed the running devnet's devnet.json")
	}
	tenantSigner(t, shared) // the home keyring still holds the running devnet's tenant
}
