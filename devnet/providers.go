package devnet

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"time"

	atypes "github.com/akt-project/akt/chain/types/audit/v1"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	ptypes "github.com/akt-project/akt/chain/types/provider/v1beta4"
	"github.com/akt-project/akt/devnet/app"
)

// providerFundsCoins are each provider's genesis funds.
var providerFundsCoins = mustCoins(providerFunds)

// providerSetup is a provider prepared before genesis.
type providerSetup struct {
	sp      *simProvider
	tlsCert tls.Certificate
	certPEM []byte
	pubPEM  []byte
	port    int
}

// setupProviders derives the providers' keys, inventories and TLS certificates and returns
// their genesis accounts and registrations.
func (d *Devnet) setupProviders(seeds seeder, ports []int) ([]providerSetup, []genesisAccount, app.AkashConfig, error) {
	var (
		setups []providerSetup
		accs   []genesisAccount
		cfg    app.AkashConfig
	)
	for i, port := range ports {
		name := fmt.Sprintf("provider-%d", i)
		acc, err := seeds.account(name)
		if err != nil {
			return nil, nil, cfg, err
		}
		if err := importKey(d.kr, acc); err != nil {
			return nil, nil, cfg, err
		}
		inv := inventoryFor(i, seeds.rng(fmt.Sprintf("inventory/%d", i)))
		host := fmt.Sprintf("https://127.0.0.1:%d", port)
		tc, certPEM, pubPEM, err := selfSignedCert(acc.addr.String())
		if err != nil {
			return nil, nil, cfg, fmt.Errorf("provider %s certificate: %w", name, err)
		}
		sp := &simProvider{
			index: i, name: name, acc: acc, inv: inv, hostURI: host, dn: d,
			rng:  seeds.rng(fmt.Sprintf("bids/%d", i)),
			seen: map[string]bool{}, pending: map[string]pendingBid{}, declined: map[string]string{},
		}
		setups = append(setups, providerSetup{sp: sp, tlsCert: tc, certPEM: certPEM, pubPEM: pubPEM, port: port})
		accs = append(accs, genesisAccount{addr: acc.addr, coins: providerFundsCoins})
		cfg.Providers = append(cfg.Providers, ptypes.Provider{
			Owner: acc.addr.String(), HostURI: host, Attributes: inv.attributes(),
			Info: ptypes.Info{EMail: name + "@devnet.invalid", Website: host},
		})
		if inv.Audited {
			cfg.Audits = append(cfg.Audits, atypes.AuditedProvider{Owner: acc.addr.String(), Auditor: d.auditor.addr.String(), Attributes: inv.attributes()})
		}
		cfg.Certs = append(cfg.Certs, app.CertSeed{Owner: acc.addr.String(), Cert: certPEM, Pubkey: pubPEM})
	}
	return setups, accs, cfg, nil
}

// selfSignedCert makes a provider's gateway certificate: ECDSA P-256, CN = its address,
// valid for 127.0.0.1 and localhost, as Akash providers publish on chain.
func selfSignedCert(cn string) (tls.Certificate, []byte, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(now.UnixNano()),
		Subject:               pkix.Name{CommonName: cn},
		Issuer:                pkix.Name{CommonName: cn},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageKeyEncipherment | x509.KeyUsageDataEncipherment | x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, nil, err
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return tls.Certificate{}, nil, nil, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PUBLIC KEY", Bytes: pub})
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, nil, nil, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, certPEM, pubPEM, nil
}

// ProviderDecision tells whether provider i declined order id and why; bid is true when it
// did not decline it (it bid or will bid).
func (d *Devnet) ProviderDecision(i int, id mv1.OrderID) (reason string, declined bool) {
	if i < 0 || i >= len(d.provs) {
		return "", false
	}
	return d.provs[i].declineReason(id)
}
