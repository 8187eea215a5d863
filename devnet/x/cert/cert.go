// Package cert is the devnet's akash.cert.v1 module: X.509 certificates published by
// accounts (tenants for mTLS, providers for their gateways' TLS), revocable by their owner.
// Simplification: the certificate's subject is not checked against the owner.
package cert

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"

	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	ctypes "github.com/akt-project/akt/chain/types/cert/v1"
	"github.com/akt-project/akt/devnet/x/internal/kv"
	"github.com/akt-project/akt/devnet/x/internal/modbase"
)

// ModuleName is the module's name.
const ModuleName = "cert"

// Keeper stores certificates by owner and serial.
type Keeper struct {
	certs kv.Table[ctypes.Certificate, *ctypes.Certificate]
}

// NewKeeper returns the cert keeper over the module store svc.
func NewKeeper(cdc codec.BinaryCodec, svc corestore.KVStoreService) *Keeper {
	return &Keeper{certs: kv.NewTable[ctypes.Certificate](svc, cdc, "cert")}
}

func key(owner, serial string) string { return owner + "/" + serial }

// Create publishes a PEM certificate and public key for owner and returns its serial.
func (k *Keeper) Create(ctx context.Context, owner string, certPEM, pubPEM []byte) (string, error) {
	if _, err := sdk.AccAddressFromBech32(owner); err != nil {
		return "", fmt.Errorf("certificate owner %q: %w", owner, err)
	}
	blk, _ := pem.Decode(certPEM)
	if blk == nil || blk.Type != "CERTIFICATE" {
		return "", fmt.Errorf("certificate of %s: not a PEM CERTIFICATE block", owner)
	}
	c, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		return "", fmt.Errorf("certificate of %s: %w", owner, err)
	}
	if pb, _ := pem.Decode(pubPEM); pb == nil {
		return "", fmt.Errorf("certificate of %s: public key is not PEM", owner)
	}
	serial := c.SerialNumber.String()
	if k.certs.Has(ctx, key(owner, serial)) {
		return "", fmt.Errorf("certificate %s/%s already exists", owner, serial)
	}
	return serial, k.certs.Set(ctx, key(owner, serial), &ctypes.Certificate{State: ctypes.CertificateValid, Cert: certPEM, Pubkey: pubPEM})
}

// Valid returns the valid certificates of owner.
func (k *Keeper) Valid(ctx context.Context, owner string) ([]*ctypes.Certificate, error) {
	return k.certs.All(ctx, owner+"/", func(c *ctypes.Certificate) bool { return c.State == ctypes.CertificateValid })
}

// AppModule is the cert module.
type AppModule struct {
	modbase.Basic
	k *Keeper
}

// NewAppModule returns the module of k.
func NewAppModule(k *Keeper) AppModule { return AppModule{Basic: ModuleName, k: k} }

// RegisterServices registers akash.cert.v1.Msg and Query.
func (m AppModule) RegisterServices(cfg module.Configurator) {
	ctypes.RegisterMsgServer(cfg.MsgServer(), server{m.k})
	ctypes.RegisterQueryServer(cfg.QueryServer(), server{m.k})
}

type server struct{ k *Keeper }

func (s server) CreateCertificate(ctx context.Context, msg *ctypes.MsgCreateCertificate) (*ctypes.MsgCreateCertificateResponse, error) {
	if _, err := s.k.Create(ctx, msg.Owner, msg.Cert, msg.Pubkey); err != nil {
		return nil, fmt.Errorf("creating certificate: %w", err)
	}
	return &ctypes.MsgCreateCertificateResponse{}, nil
}

func (s server) RevokeCertificate(ctx context.Context, msg *ctypes.MsgRevokeCertificate) (*ctypes.MsgRevokeCertificateResponse, error) {
	c, ok, err := s.k.certs.Get(ctx, key(msg.ID.Owner, msg.ID.Serial))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("revoking certificate %s/%s: not found", msg.ID.Owner, msg.ID.Serial)
	}
	if c.State != ctypes.CertificateValid {
		return nil, fmt.Errorf("revoking certificate %s/%s: already revoked", msg.ID.Owner, msg.ID.Serial)
	}
	c.State = ctypes.CertificateRevoked
	return &ctypes.MsgRevokeCertificateResponse{}, s.k.certs.Set(ctx, key(msg.ID.Owner, msg.ID.Serial), c)
}

// Certificates lists certificates by owner, serial and state ("valid", "revoked").
func (s server) Certificates(ctx context.Context, req *ctypes.QueryCertificatesRequest) (*ctypes.QueryCertificatesResponse, error) {
	f := req.Filter
	prefix := ""
	if f.Owner != "" {
		prefix = f.Owner + "/"
	}
	type entry struct {
		serial string
		c      *ctypes.Certificate
	}
	var all []entry
	err := s.k.certs.Walk(ctx, prefix, func(k string, c *ctypes.Certificate) (bool, error) {
		serial := k[strings.LastIndex(k, "/")+1:]
		state := map[ctypes.State]string{ctypes.CertificateValid: "valid", ctypes.CertificateRevoked: "revoked"}[c.State]
		if (f.Serial == "" || f.Serial == serial) && (f.State == "" || strings.EqualFold(f.State, state)) {
			all = append(all, entry{serial, c})
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	page, pr, err := kv.Page(all, req.Pagination)
	if err != nil {
		return nil, err
	}
	res := &ctypes.QueryCertificatesResponse{Pagination: pr}
	for _, e := range page {
		res.Certificates = append(res.Certificates, ctypes.CertificateResponse{Certificate: *e.c, Serial: e.serial})
	}
	return res, nil
}
