package devnet

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	ctypes "github.com/akt-project/akt/chain/types/cert/v1"
	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	mtypes "github.com/akt-project/akt/chain/types/market/v1beta5"
	ptypes "github.com/akt-project/akt/chain/types/provider/v1beta4"
	"github.com/akt-project/akt/devnet/gateway"
	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/provider/shell"
)

// keySigner signs JWTs with a devnet account key, as akt's keyring signer does.
type keySigner struct{ acc account }

func (k keySigner) Address() string { return k.acc.addr.String() }
func (k keySigner) PubKey() []byte  { return k.acc.priv.PubKey().Bytes() }
func (k keySigner) Sign(_ context.Context, msg []byte) ([]byte, error) {
	return k.acc.priv.Sign(msg)
}

// chainCerts finds providers' host URIs and certificates on the devnet chain.
type chainCerts struct{ d *Devnet }

func (c chainCerts) ProviderInfo(ctx context.Context, p string) (string, []*x509.Certificate, error) {
	pr, err := ptypes.NewQueryClient(c.d.ClientContext()).Provider(ctx, &ptypes.QueryProviderRequest{Owner: p})
	if err != nil {
		return "", nil, err
	}
	res, err := ctypes.NewQueryClient(c.d.ClientContext()).Certificates(ctx, &ctypes.QueryCertificatesRequest{Filter: ctypes.CertificateFilter{Owner: p, State: "valid"}})
	if err != nil {
		return "", nil, err
	}
	var certs []*x509.Certificate
	for _, cr := range res.Certificates {
		blk, _ := pem.Decode(cr.Certificate.Cert)
		cert, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return "", nil, err
		}
		certs = append(certs, cert)
	}
	return pr.Provider.HostURI, certs, nil
}

const testManifest = `[{"name":"web","services":[{"name":"web","image":"nginx:1.25","command":null,"args":null,"env":["GREETING=hi"],"resources":{"id":1,"cpu":{"units":{"val":"500"}},"memory":{"size":{"val":"536870912"}},"storage":[{"name":"default","size":{"val":"1073741824"}}],"gpu":{"units":{"val":"0"}},"endpoints":[{"sequence_number":0}]},"count":1,"expose":[{"port":80,"externalPort":80,"proto":"TCP","service":"","global":true,"hosts":null,"httpOptions":{"maxBodySize":1048576,"readTimeout":60000,"sendTimeout":60000,"nextTries":3,"nextTimeout":0,"nextCases":["error","timeout"]},"ip":"","endpointSequenceNumber":0},{"port":22,"externalPort":0,"proto":"TCP","service":"","global":true,"hosts":null,"httpOptions":{"maxBodySize":1048576,"readTimeout":60000,"sendTimeout":60000,"nextTries":3,"nextTimeout":0,"nextCases":["error","timeout"]},"ip":"","endpointSequenceNumber":0}],"credentials":null}]}]`

func TestGatewayManifestStatusAndShell(t *testing.T) {
	ctx := testCtx(t)
	s := tenantSigner(t, shared)
	owner := shared.TenantAddress().String()
	dseq := uint64(shared.Height()) + 2_000_000
	version, err := gateway.ManifestVersion([]byte(testManifest))
	if err != nil {
		t.Fatal(err)
	}
	msg := createMsg(owner, dseq, sdk.NewInt64Coin(DenomACT, 5_000_000), depositv1.Sources{depositv1.SourceBalance}, groupSpec("web", 1000))
	msg.Hash = version
	mustDeliver(t, ctx, s, msg)
	bids := waitBids(t, ctx, owner, dseq, len(shared.provs))
	var chosen mtypes.Bid
	for _, b := range bids {
		if b.Bid.ID.Provider == shared.provs[0].acc.addr.String() {
			chosen = b.Bid
		}
	}
	mustDeliver(t, ctx, s, &mtypes.MsgCreateLease{BidID: chosen.ID})

	client := provider.New(keySigner{shared.tenant}, chainCerts{shared}, provider.WithRetry(provider.RetryPolicy{Attempts: 1}))
	defer client.Close()
	lease := provider.LeaseID{Owner: owner, DSeq: dseq, GSeq: 1, OSeq: 1, Provider: chosen.ID.Provider}

	// A manifest whose version is not the one on chain is refused, as real providers do.
	wrong := strings.Replace(testManifest, "nginx:1.25", "nginx:1.26", 1)
	if err := client.SendManifest(ctx, lease, []byte(wrong)); err == nil || !strings.Contains(err.Error(), "version") {
		t.Fatalf("mismatched manifest: got %v, want a version error", err)
	}
	if err := client.SendManifest(ctx, lease, []byte(testManifest)); err != nil {
		t.Fatal(err)
	}
	st, err := client.LeaseStatus(ctx, lease)
	if err != nil {
		t.Fatal(err)
	}
	web := st.Services["web"]
	if web.Available != 1 || len(web.URIs) != 1 || len(st.ForwardedPorts["web"]) != 1 {
		t.Fatalf("lease status %+v", st)
	}
	resp, err := http.Get("http://" + web.URIs[0] + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "web") || !strings.Contains(string(page), "devnet") {
		t.Errorf("endpoint page %q does not name the service", page)
	}

	// Shell without a terminal: stdin with end of input, separate stderr, true exit code.
	var out, errOut bytes.Buffer
	code, err := client.Exec(ctx, lease, provider.ExecOptions{Service: "web", Command: []string{"sh", "-c", "cat; echo oops >&2; echo $GREETING; exit 3"},
		Stdin: strings.NewReader("hello\n"), Stdout: &out, Stderr: &errOut})
	if err != nil {
		t.Fatal(err)
	}
	if code != 3 || out.String() != "hello\nhi\n" || errOut.String() != "oops\n" {
		t.Errorf("exec: code %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	// With a terminal the command sees a TTY.
	out.Reset()
	code, err = client.Exec(ctx, lease, provider.ExecOptions{Service: "web", TTY: true, Command: []string{"sh", "-c", "test -t 0 && echo tty; read x; echo got:$x; exit 4"},
		Stdin: strings.NewReader("abc\n"), Stdout: &out})
	if err != nil {
		t.Fatal(err)
	}
	if code != 4 || !strings.Contains(out.String(), "tty") || !strings.Contains(out.String(), "got:abc") {
		t.Errorf("tty exec: code %d, output %q", code, out.String())
	}

	// Resizes reach the terminal.
	out.Reset()
	resize := make(chan shell.TermSize, 1)
	resize <- shell.TermSize{Width: 100, Height: 30}
	code, err = client.Exec(ctx, lease, provider.ExecOptions{Service: "web", TTY: true, Resize: resize,
		Command: []string{"sh", "-c", "sleep 0.5; stty size"}, Stdout: &out})
	if err != nil || code != 0 || !strings.Contains(out.String(), "30 100") {
		t.Errorf("stty size after resize: code %d, err %v, output %q", code, err, out.String())
	}

	// Logs name the service's pod.
	var lines []provider.LogLine
	if err := client.Logs(ctx, lease, provider.LogOptions{}, func(l provider.LogLine) error { lines = append(lines, l); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0].Name, "web-") {
		t.Errorf("logs %+v", lines)
	}

	// mTLS: a client certificate published on chain is accepted, an unpublished one is not.
	published, _, err := provider.GenerateClientCert(owner, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	mustDeliver(t, ctx, s, &ctypes.MsgCreateCertificate{Owner: owner, Cert: published.CertPEM, Pubkey: published.PubKeyPEM})
	for _, c := range []struct {
		cert *provider.ClientCert
		ok   bool
	}{{published, true}, {mustClientCert(t, owner), false}} {
		mc := provider.New(keySigner{shared.tenant}, chainCerts{shared}, provider.WithAuthMode(provider.AuthMTLS), provider.WithClientCertificate(c.cert.TLS))
		_, err := mc.LeaseStatus(ctx, lease)
		mc.Close()
		if (err == nil) != c.ok {
			t.Errorf("mTLS with a certificate published=%v: err %v", c.ok, err)
		}
	}

	// Faults: a provider that fails manifests, and one that is down.
	shared.SetFaults(Faults{ManifestFail: []int{0}})
	if err := client.SendManifest(ctx, lease, []byte(testManifest)); err == nil {
		t.Error("manifest accepted by a provider set to fail manifests")
	}
	shared.SetFaults(Faults{ProvidersDown: []int{0}})
	waitGateway(t, 0, false)
	if _, err := client.Status(ctx, lease.Provider); err == nil {
		t.Error("status answered by a provider that is down")
	}
	shared.SetFaults(Faults{})
	waitGateway(t, 0, true)
	if _, err := client.Status(ctx, lease.Provider); err != nil {
		t.Errorf("status after the provider came back: %v", err)
	}

	// Closing the deployment stops its service endpoint.
	mustDeliver(t, ctx, s, &dtypes.MsgCloseDeployment{ID: dv1.DeploymentID{Owner: owner, DSeq: dseq}})
	for start := shared.Height(); ; {
		resp, err := http.Get("http://" + web.URIs[0] + "/")
		if err != nil {
			break
		}
		resp.Body.Close()
		if shared.Height()-start > 20 {
			t.Fatal("service endpoint still answers 20 blocks after the deployment closed")
		}
		if err := shared.WaitForHeight(ctx, shared.Height()+1); err != nil {
			t.Fatal(err)
		}
	}
}

func mustClientCert(t *testing.T, owner string) *provider.ClientCert {
	t.Helper()
	cc, _, err := provider.GenerateClientCert(owner, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return cc
}

func waitGateway(t *testing.T, i int, up bool) {
	t.Helper()
	ctx := testCtx(t)
	for shared.gws[i].IsUp() != up {
		if err := shared.WaitForHeight(ctx, shared.Height()+1); err != nil {
			t.Fatalf("gateway %d never became up=%v", i, up)
		}
	}
}
