package provider

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// CertPublisher publishes a client certificate on chain (akash.cert.v1 MsgCreateCertificate
// with the PEM certificate and the PEM "EC PUBLIC KEY"); the chain package implements it.
type CertPublisher interface {
	PublishCertificate(ctx context.Context, certPEM, pubKeyPEM []byte) error
}

// ClientCert is a tenant's mTLS client certificate.
type ClientCert struct {
	CertPEM   []byte
	PubKeyPEM []byte
	TLS       tls.Certificate
	Cert      *x509.Certificate
}

// ClientCertValidity is how long generated client certificates are valid.
const ClientCertValidity = 365 * 24 * time.Hour

// oidAkashVersion is the extra subject attribute Akash puts in account certificates.
var oidAkashVersion = asn1.ObjectIdentifier{2, 23, 133, 2, 6}

// GenerateClientCert makes a self-signed ECDSA P-256 client certificate for address as Akash
// tooling does: serial = creation time in Unix nanoseconds, subject and issuer CN = address
// (subject also carries 2.23.133.2.6 = "v0.0.1"), key and data encipherment, client auth.
func GenerateClientCert(address string, now time.Time) (*ClientCert, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generating client certificate key for %s: %w", address, err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: new(big.Int).SetInt64(now.UnixNano()),
		Subject: pkix.Name{CommonName: address, ExtraNames: []pkix.AttributeTypeAndValue{
			{Type: oidAkashVersion, Value: "v0.0.1"},
		}},
		Issuer:                pkix.Name{CommonName: address},
		NotBefore:             now,
		NotAfter:              now.Add(ClientCertValidity),
		KeyUsage:              x509.KeyUsageKeyEncipherment | x509.KeyUsageDataEncipherment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("creating client certificate for %s: %w", address, err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, nil, fmt.Errorf("encoding client certificate public key: %w", err)
	}
	priv, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("encoding client certificate key: %w", err)
	}
	cc, err := assembleClientCert(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), priv)
	if err != nil {
		return nil, nil, err
	}
	cc.PubKeyPEM = pem.EncodeToMemory(&pem.Block{Type: "EC PUBLIC KEY", Bytes: pub})
	return cc, priv, nil
}

func assembleClientCert(certPEM, pkcs8 []byte) (*ClientCert, error) {
	block, _ := pem.Decode(certPEM)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, errors.New("client certificate file holds no CERTIFICATE block")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("parsing client certificate: %w", err)
	}
	key, err := x509.ParsePKCS8PrivateKey(pkcs8)
	if err != nil {
		return nil, fmt.Errorf("parsing client certificate key: %w", err)
	}
	pub, err := x509.MarshalPKIXPublicKey(cert.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("encoding client certificate public key: %w", err)
	}
	return &ClientCert{
		CertPEM:   certPEM,
		PubKeyPEM: pem.EncodeToMemory(&pem.Block{Type: "EC PUBLIC KEY", Bytes: pub}),
		TLS:       tls.Certificate{Certificate: [][]byte{cert.Raw}, PrivateKey: key, Leaf: cert},
		Cert:      cert,
	}, nil
}

// ClientCertPath is where the client certificate of address is stored in dir (the keyring
// directory): <dir>/<address>.pem.
func ClientCertPath(dir, address string) string { return filepath.Join(dir, address+".pem") }

const encryptedKeyType = "AKT ENCRYPTED PRIVATE KEY"

// storageKey derives the key that encrypts the stored certificate key from the account key:
// sha256 of the account's (deterministic, RFC 6979) signature of a fixed label, so only the
// keyring holder can read the file.
func storageKey(ctx context.Context, signer Signer) ([]byte, error) {
	sig, err := signer.Sign(ctx, []byte("akt client certificate key v1 "+signer.Address()))
	if err != nil {
		return nil, fmt.Errorf("deriving the certificate key encryption key: %w", err)
	}
	sum := sha256.Sum256(sig)
	return sum[:], nil
}

// SaveClientCert writes the certificate and its key (encrypted with a key derived from the
// account key) to ClientCertPath, readable by the owner only.
func SaveClientCert(ctx context.Context, signer Signer, dir string, cc *ClientCert, pkcs8 []byte) error {
	k, err := storageKey(ctx, signer)
	if err != nil {
		return err
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return err
	}
	sealed := gcm.Seal(nonce, nonce, pkcs8, []byte(signer.Address()))
	out := append(append([]byte{}, cc.CertPEM...), pem.EncodeToMemory(&pem.Block{Type: encryptedKeyType, Bytes: sealed})...)
	path := ClientCertPath(dir, signer.Address())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("saving client certificate: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, out, 0o600); err != nil {
		return fmt.Errorf("saving client certificate to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("saving client certificate to %s: %w", path, err)
	}
	return nil
}

// ErrNoClientCert reports that no client certificate is stored for the account.
var ErrNoClientCert = errors.New("no client certificate stored")

// LoadClientCert reads and decrypts the stored client certificate of the signer's account.
func LoadClientCert(ctx context.Context, signer Signer, dir string) (*ClientCert, error) {
	path := ClientCertPath(dir, signer.Address())
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w for %s (looked for %s)", ErrNoClientCert, signer.Address(), path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading client certificate %s: %w", path, err)
	}
	var certPEM, sealed []byte
	for rest := data; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		switch b.Type {
		case "CERTIFICATE":
			certPEM = pem.EncodeToMemory(b)
		case encryptedKeyType:
			sealed = b.Bytes
		}
	}
	if certPEM == nil || sealed == nil {
		return nil, fmt.Errorf("client certificate file %s lacks the certificate or its key", path)
	}
	k, err := storageKey(ctx, signer)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	if len(sealed) < gcm.NonceSize() {
		return nil, fmt.Errorf("client certificate key in %s is truncated", path)
	}
	pkcs8, err := gcm.Open(nil, sealed[:gcm.NonceSize()], sealed[gcm.NonceSize():], []byte(signer.Address()))
	if err != nil {
		return nil, fmt.Errorf("decrypting client certificate key in %s (wrong account key?): %w", path, err)
	}
	cc, err := assembleClientCert(certPEM, pkcs8)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", path, err)
	}
	return cc, nil
}

// EnsureClientCert returns the account's stored client certificate if it is still valid
// for at least a day; otherwise it generates one, publishes it on chain with publisher, and
// stores it beside the keyring in dir.
func EnsureClientCert(ctx context.Context, signer Signer, dir string, publisher CertPublisher, now time.Time) (*ClientCert, error) {
	cc, err := LoadClientCert(ctx, signer, dir)
	if err == nil && now.Add(24*time.Hour).Before(cc.Cert.NotAfter) {
		return cc, nil
	}
	if err != nil && !errors.Is(err, ErrNoClientCert) {
		return nil, err
	}
	cc, pkcs8, err := GenerateClientCert(signer.Address(), now)
	if err != nil {
		return nil, err
	}
	if err := publisher.PublishCertificate(ctx, cc.CertPEM, cc.PubKeyPEM); err != nil {
		return nil, fmt.Errorf("publishing client certificate of %s on chain: %w", signer.Address(), err)
	}
	if err := SaveClientCert(ctx, signer, dir, cc, pkcs8); err != nil {
		return nil, err
	}
	return cc, nil
}
