package devnet

import (
	"bytes"
	"context"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	ctypes "github.com/akt-project/akt/chain/types/cert/v1"
	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	mtypes "github.com/akt-project/akt/chain/types/market/v1beta5"
	"github.com/akt-project/akt/devnet/gateway"
)

// gatewayChain answers a provider gateway's questions from the devnet chain.
type gatewayChain struct {
	cctx     client.Context
	provider string
}

func (c gatewayChain) DeploymentHash(ctx context.Context, owner string, dseq uint64) ([]byte, error) {
	res, err := dtypes.NewQueryClient(c.cctx).Deployment(ctx, &dtypes.QueryDeploymentRequest{ID: dv1.DeploymentID{Owner: owner, DSeq: dseq}})
	if err != nil {
		return nil, err
	}
	if res.Deployment.State != dv1.DeploymentActive {
		return nil, fmt.Errorf("deployment %s/%d is closed", owner, dseq)
	}
	return res.Deployment.Hash, nil
}

func (c gatewayChain) ActiveLeases(ctx context.Context, owner string, dseq uint64) ([]gateway.Lease, error) {
	res, err := mtypes.NewQueryClient(c.cctx).Leases(ctx, &mtypes.QueryLeasesRequest{Filters: mv1.LeaseFilters{Owner: owner, DSeq: dseq, Provider: c.provider, State: "active"}})
	if err != nil {
		return nil, err
	}
	if len(res.Leases) == 0 {
		return nil, nil
	}
	dep, err := dtypes.NewQueryClient(c.cctx).Deployment(ctx, &dtypes.QueryDeploymentRequest{ID: dv1.DeploymentID{Owner: owner, DSeq: dseq}})
	if err != nil {
		return nil, err
	}
	names := map[uint32]string{}
	for _, g := range dep.Groups {
		names[g.ID.GSeq] = g.GroupSpec.Name
	}
	out := make([]gateway.Lease, 0, len(res.Leases))
	for _, l := range res.Leases {
		id := l.Lease.ID
		out = append(out, gateway.Lease{Owner: owner, DSeq: dseq, GSeq: id.GSeq, OSeq: id.OSeq, GroupName: names[id.GSeq]})
	}
	return out, nil
}

func (c gatewayChain) PubKey(ctx context.Context, addr string) ([]byte, error) {
	res, err := authtypes.NewQueryClient(c.cctx).Account(ctx, &authtypes.QueryAccountRequest{Address: addr})
	if err != nil {
		return nil, err
	}
	var acc sdk.AccountI
	if err := c.cctx.InterfaceRegistry.UnpackAny(res.Account, &acc); err != nil {
		return nil, err
	}
	if acc.GetPubKey() == nil {
		return nil, fmt.Errorf("account %s has no public key yet", addr)
	}
	return acc.GetPubKey().Bytes(), nil
}

func (c gatewayChain) CertValid(ctx context.Context, owner string, der []byte) (bool, error) {
	res, err := ctypes.NewQueryClient(c.cctx).Certificates(ctx, &ctypes.QueryCertificatesRequest{Filter: ctypes.CertificateFilter{Owner: owner, State: "valid"}})
	if err != nil {
		return false, err
	}
	for _, cr := range res.Certificates {
		if blk, _ := pem.Decode(cr.Certificate.Cert); blk != nil && bytes.Equal(blk.Bytes, der) {
			return true, nil
		}
	}
	return false, nil
}

// startGateways starts every provider's gateway and a watcher applying the provider-down
// fault.
//
// held[i], when set, is the listener reserved for provider i's gateway: it is handed over
// (and its entry cleared) unless the provider starts down, so a down provider refuses
// connections.
func (d *Devnet) startGateways(ctx context.Context, setups []providerSetup, held []net.Listener) error {
	ports := gateway.NewPortPool(d.opts.Ports.Service)
	// Shell sandboxes belong to leases of a previous run's chain: start empty.
	if err := os.RemoveAll(filepath.Join(d.opts.Home, "sandbox")); err != nil {
		return fmt.Errorf("clearing old lease sandboxes: %w", err)
	}
	for i, s := range setups {
		p := s.sp
		var ln net.Listener
		if i < len(held) && !d.faults.providerDown(p.index) {
			ln, held[i] = held[i], nil
		}
		gw := gateway.New(gateway.Config{
			Name: p.name, Address: p.acc.addr.String(),
			Listen:       fmt.Sprintf("127.0.0.1:%d", s.port),
			Listener:     ln,
			Certificate:  s.tlsCert,
			Chain:        gatewayChain{cctx: d.chain.client, provider: p.acc.addr.String()},
			Validate:     func(spec dtypes.GroupSpec) (bool, string) { dec := p.decide(spec, usage{}); return dec.Bid, dec.Reason },
			Status:       p.inventoryStatus,
			SandboxDir:   filepath.Join(d.opts.Home, "sandbox", p.name),
			ManifestFail: func() bool { return d.faults.manifestFail(p.index) },
			Ports:        ports,
		})
		d.gws = append(d.gws, gw)
		if !d.faults.providerDown(p.index) {
			if err := gw.Up(); err != nil {
				return err
			}
		}
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for tick := 1; ; tick++ {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			if tick%20 == 0 { // about once a second
				for _, gw := range d.gws {
					gw.Reap(ctx)
				}
			}
			for i, gw := range d.gws {
				down := d.faults.providerDown(i)
				if down && gw.IsUp() {
					gw.Down()
				} else if !down && !gw.IsUp() {
					_ = gw.Up()
				}
			}
		}
	}()
	return nil
}

// inventoryStatus is the provider's /status inventory.
func (p *simProvider) inventoryStatus() any {
	var gpus int64
	for _, g := range p.inv.GPUs {
		gpus += g.Count
	}
	storage := []map[string]any{}
	for _, c := range keys(p.inv.Storage) {
		storage = append(storage, map[string]any{"class": c, "size": p.inv.Storage[c]})
	}
	node := map[string]any{"cpu": p.inv.CPU, "memory": p.inv.Memory, "gpu": gpus, "storage_ephemeral": p.inv.Storage["default"]}
	return map[string]any{"available": map[string]any{
		"nodes":   []map[string]any{{"name": p.name + "-node", "allocatable": node, "available": node}},
		"storage": storage,
	}}
}
