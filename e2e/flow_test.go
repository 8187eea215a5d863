package e2e

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// leaseStatus is one entry of `akt lease status --output json`.
type leaseStatus struct {
	Lease struct {
		DSeq     uint64 `json:"dseq"`
		Provider string `json:"provider"`
	} `json:"lease"`
	Status struct {
		Services map[string]struct {
			Name          string   `json:"name"`
			Total         int32    `json:"total"`
			ReadyReplicas int32    `json:"ready_replicas"`
			URIs          []string `json:"uris"`
		} `json:"services"`
	} `json:"status"`
}

// TestTenantFlow walks the whole tenant flow through akt's commands: the funded key, its
// balance, a deployment funded in uact, bids, a lease on the cheapest one, the manifest, the
// service answering HTTP, logs, shell (exit codes and stdin), a 3 MiB copy both ways, a
// top-up, the runway in deploy list, and closing with the escrow refunded.
func TestTenantFlow(t *testing.T) {
	eps := dn.Endpoints()

	// The funded key, as keys list and keys show report it.
	var keys []struct {
		Name    string `json:"name"`
		Address string `json:"address"`
	}
	aktJSON(t, &keys, "keys", "list")
	found := false
	for _, k := range keys {
		found = found || (k.Name == eps.KeyName && k.Address == eps.KeyAddress)
	}
	if !found {
		t.Fatalf("keys list %+v lacks %s (%s)", keys, eps.KeyName, eps.KeyAddress)
	}
	var key struct {
		Name    string `json:"name"`
		Address string `json:"address"`
		PubKey  string `json:"pubkey"`
	}
	aktJSON(t, &key, "keys", "show", eps.KeyName)
	if key.Address != eps.KeyAddress || key.PubKey == "" {
		t.Fatalf("keys show %s: %+v, want address %s and a public key", eps.KeyName, key, eps.KeyAddress)
	}
	uact0, uakt0 := balance(t, "", "uact"), balance(t, "", "uakt")
	if uact0.Sign() <= 0 || uakt0.Sign() <= 0 {
		t.Fatalf("the funded key holds %s uact and %s uakt", uact0, uakt0)
	}

	// deploy create without --dseq takes the latest height; find it in deploy list.
	sdlPath := siteSDL(t)
	before := dn.Height()
	tx(t, "deploy", "create", sdlPath, "--deposit", "5000000uact")
	dseq := newestDeployment(t, before)
	closeDeployment(t, dseq)
	if got := balance(t, "", "uact"); sub(uact0, got).Cmp(num(5_000_000)) != 0 {
		t.Errorf("the deposit took %s uact from the balance, want 5000000", sub(uact0, got))
	}

	bids := waitBids(t, dseq, 5)
	if len(bids) != 5 {
		t.Logf("%d of 5 providers bid", len(bids))
	}
	best := cheapest(t, bids)
	for _, b := range bids {
		if b.Price.Denom != "uact" || b.ID.DSeq != dseq {
			t.Errorf("bid %+v: want uact on deployment %d", b, dseq)
		}
	}
	tx(t, "lease", "create", fmt.Sprint(dseq), "--provider", best.ID.Provider)
	var sent []struct {
		Provider string `json:"provider"`
		Status   string `json:"status"`
	}
	aktJSON(t, &sent, "manifest", "send", fmt.Sprint(dseq), sdlPath)
	if len(sent) != 1 || sent[0].Provider != best.ID.Provider || sent[0].Status != "sent" {
		t.Fatalf("manifest send: %+v, want sent to %s", sent, best.ID.Provider)
	}

	// The service is ready and its URI serves a page naming it.
	var st []leaseStatus
	aktJSON(t, &st, "lease", "status", fmt.Sprint(dseq))
	if len(st) != 1 || st[0].Lease.Provider != best.ID.Provider {
		t.Fatalf("lease status: %+v", st)
	}
	web, ok := st[0].Status.Services["web"]
	if !ok || web.ReadyReplicas != web.Total || web.Total != 1 || len(web.URIs) == 0 {
		t.Fatalf("lease status of web: %+v", st[0].Status.Services)
	}
	if text := akt(t, "lease", "status", fmt.Sprint(dseq)).stdout; !strings.Contains(text, "web") || !strings.Contains(text, "1/1") || !strings.Contains(text, web.URIs[0]) {
		t.Errorf("lease status (text) lacks the service, its replicas or its URI:\n%s", text)
	}
	page := httpGet(t, "http://"+web.URIs[0]+"/")
	if !strings.Contains(page, "<b>web</b>") || !strings.Contains(page, fmt.Sprint(dseq)) {
		t.Errorf("the page at %s does not name service web of deployment %d:\n%s", web.URIs[0], dseq, page)
	}

	// Each request is a log line: with more than five, --tail 5 keeps the last five.
	for i := 0; i < 7; i++ {
		httpGet(t, fmt.Sprintf("http://%s/page-%d", web.URIs[0], i))
	}
	all := strings.Split(strings.TrimSpace(akt(t, "lease", "logs", fmt.Sprint(dseq), "-o", "json").stdout), "\n")
	if len(all) < 8 {
		t.Fatalf("lease logs gave %d lines after 8 requests", len(all))
	}
	logs := akt(t, "lease", "logs", fmt.Sprint(dseq), "--tail", "5", "-o", "json")
	lines := strings.Split(strings.TrimSpace(logs.stdout), "\n")
	if len(lines) != 5 {
		t.Fatalf("lease logs --tail 5 gave %d lines (of %d):\n%s", len(lines), len(all), logs.stdout)
	}
	var last struct {
		Name    string `json:"name"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || !strings.Contains(last.Message, "GET /page-6 ") {
		t.Errorf("the last log line %q (%v) is not the last GET made", lines[len(lines)-1], err)
	}

	// Shell: exit codes pass through; stdin arrives whole.
	if r := runAkt(t, nil, "lease", "shell", fmt.Sprint(dseq), "--", "sh", "-c", "echo hi"); r.code != 0 || r.stdout != "hi\n" {
		t.Errorf("shell echo: %s", r)
	}
	if r := runAkt(t, nil, "lease", "shell", fmt.Sprint(dseq), "--", "sh", "-c", "exit 3"); r.code != 3 {
		t.Errorf("shell exit 3: %s", r)
	}
	input := "hello from the e2e test\n"
	r := runAkt(t, strings.NewReader(input), "lease", "shell", fmt.Sprint(dseq), "--stdin", "--", "sh", "-c", "cat > f; wc -c < f")
	if n, err := strconv.Atoi(strings.TrimSpace(r.stdout)); r.code != 0 || err != nil || n != len(input) {
		t.Errorf("shell --stdin counted %q bytes, want %d: %s", r.stdout, len(input), r)
	}

	// cp: 3 MiB there and back, byte for byte.
	dir := t.TempDir()
	src, back := filepath.Join(dir, "big.bin"), filepath.Join(dir, "back.bin")
	data := make([]byte, 3<<20+17)
	if _, err := rand.Read(data); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var cp struct {
		Files int   `json:"files"`
		Bytes int64 `json:"bytes"`
	}
	aktJSON(t, &cp, "lease", "cp", src, fmt.Sprintf("%d:web:big.bin", dseq))
	if cp.Files != 1 || cp.Bytes != int64(len(data)) {
		t.Errorf("cp to the replica: %+v, want 1 file of %d bytes", cp, len(data))
	}
	aktJSON(t, &cp, "lease", "cp", fmt.Sprintf("%d:web:big.bin", dseq), back)
	got, err := os.ReadFile(back)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the file copied back differs (%d bytes, want %d): %v", len(got), len(data), err)
	}

	// A top-up grows the escrow by about its amount (minus what a few blocks spend).
	esc0 := escrowBalance(t, showDeployment(t, dseq))
	tx(t, "deploy", "deposit", fmt.Sprint(dseq), "1000000uact")
	esc1 := escrowBalance(t, showDeployment(t, dseq))
	if grew := sub(esc1, esc0); grew.Cmp(num(990_000)) < 0 || grew.Cmp(num(1_000_000)) > 0 {
		t.Errorf("escrow went from %s to %s after a 1000000uact top-up", esc0, esc1)
	}

	// deploy list shows the deployment, active, with a runway.
	var list []struct {
		DSeq   uint64 `json:"dseq"`
		State  string `json:"state"`
		Escrow struct {
			RunwayBlocks int64   `json:"runway_blocks"`
			RunwayHours  float64 `json:"runway_hours"`
		} `json:"escrow"`
	}
	aktJSON(t, &list, "deploy", "list")
	listed := false
	for _, d := range list {
		if d.DSeq == dseq {
			listed = true
			if d.State != "active" || d.Escrow.RunwayBlocks <= 0 || d.Escrow.RunwayHours <= 0 {
				t.Errorf("deploy list: deployment %d %+v, want active with a runway", dseq, d)
			}
		}
	}
	if !listed {
		t.Errorf("deploy list lacks deployment %d", dseq)
	}
	text := akt(t, "deploy", "list")
	if !strings.Contains(text.stdout, "RUNWAY") || !strings.Contains(text.stdout, fmt.Sprint(dseq)) {
		t.Errorf("deploy list (text) lacks the runway column or %d:\n%s", dseq, text.stdout)
	}

	// Closing ends the deployment and refunds what is left of the escrow.
	left := escrowBalance(t, showDeployment(t, dseq))
	uact1 := balance(t, "", "uact")
	tx(t, "deploy", "close", fmt.Sprint(dseq))
	d := showDeployment(t, dseq)
	if d.Deployment.State != "closed" || d.Deployment.Escrow.State != "closed" {
		t.Errorf("after close: deployment %s, escrow %s", d.Deployment.State, d.Deployment.Escrow.State)
	}
	refund := sub(balance(t, "", "uact"), uact1)
	// The refund is what was left minus the blocks spent since it was read.
	if refund.Cmp(sub(left, num(10_000))) < 0 || refund.Cmp(left) > 0 {
		t.Errorf("closing refunded %s uact, want about the %s left in escrow", refund, left)
	}
	if r := runAkt(t, nil, "lease", "status", fmt.Sprint(dseq)); r.code == 0 || !strings.Contains(r.stderr, "no active lease") {
		t.Errorf("lease status after close: %s", r)
	}
}

// newestDeployment returns the dseq of the tenant's deployment created at or after height.
func newestDeployment(t *testing.T, height int64) uint64 {
	t.Helper()
	var list []struct {
		DSeq      uint64 `json:"dseq"`
		CreatedAt int64  `json:"created_at"`
	}
	aktJSON(t, &list, "deploy", "list", "--state", "active")
	var dseq uint64
	for _, d := range list {
		if int64(d.DSeq) >= height && d.DSeq < 5_000_000 && d.DSeq > dseq {
			dseq = d.DSeq
		}
	}
	if dseq == 0 {
		t.Fatalf("no deployment created at height %d or later in %+v", height, list)
	}
	return dseq
}

// escrowBalance returns the uact in a deployment's escrow.
func escrowBalance(t *testing.T, d deployment) *big.Float {
	t.Helper()
	return amountOf(t, d.Deployment.Escrow.Balance, "uact")
}

// httpGet fetches url (a service on 127.0.0.1) and returns the body.
func httpGet(t *testing.T, url string) string {
	t.Helper()
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %v", url, resp.Status, err)
	}
	return string(b)
}
