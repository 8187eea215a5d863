// Package jwt makes and checks the JSON Web Tokens that authenticate a tenant to an Akash
// provider gateway (algorithm ES256K, and ES256KADR36 as browser wallets sign them).
//
// Tokens are serialized the way the official TypeScript SDK serializes them: header and
// claims as JSON with object keys sorted at every level, base64url without padding, so that
// the same key, claims and timestamps give byte-identical tokens.
package jwt

// Version is the only claims version the providers accept.
const Version = "v1"

// Algorithm names a JWT signing algorithm accepted by providers.
type Algorithm string

const (
	// ES256K signs sha256(header.payload) with the account's secp256k1 key (64-byte r||s).
	ES256K Algorithm = "ES256K"
	// ES256KADR36 signs the amino-JSON ADR-036 sign doc wrapping header.payload.
	ES256KADR36 Algorithm = "ES256KADR36"
)

// Access is the kind of lease access a token grants.
type Access string

const (
	// AccessFull grants every action on every lease of the issuer.
	AccessFull Access = "full"
	// AccessScoped grants the listed actions on every lease of the issuer.
	AccessScoped Access = "scoped"
	// AccessGranular grants per-provider (and optionally per-deployment) permissions.
	AccessGranular Access = "granular"
)

// Scope is one action a scoped or granular token may permit.
type Scope string

// The actions known to the claims schema.
const (
	ScopeSendManifest    Scope = "send-manifest"
	ScopeGetManifest     Scope = "get-manifest"
	ScopeLogs            Scope = "logs"
	ScopeShell           Scope = "shell"
	ScopeEvents          Scope = "events"
	ScopeStatus          Scope = "status"
	ScopeRestart         Scope = "restart"
	ScopeHostnameMigrate Scope = "hostname-migrate"
	ScopeIPMigrate       Scope = "ip-migrate"
)

// AllScopes lists every scope the schema accepts, in schema order.
var AllScopes = []Scope{
	ScopeSendManifest, ScopeGetManifest, ScopeLogs, ScopeShell, ScopeEvents,
	ScopeStatus, ScopeRestart, ScopeHostnameMigrate, ScopeIPMigrate,
}

// Claims is the payload of a provider JWT. Fields are declared in sorted JSON key order so
// encoding/json writes the same bytes as a stable (sorted-key) stringifier.
type Claims struct {
	Exp     int64  `json:"exp"`
	Iat     int64  `json:"iat"`
	Iss     string `json:"iss"`
	Jti     string `json:"jti,omitempty"`
	Leases  Leases `json:"leases"`
	Nbf     int64  `json:"nbf"`
	Version string `json:"version"`
}

// Leases describes what the token grants.
type Leases struct {
	Access      Access       `json:"access"`
	Permissions []Permission `json:"permissions,omitempty"`
	Scope       []Scope      `json:"scope,omitempty"`
}

// Permission is the grant for one provider in a granular token.
type Permission struct {
	Access      Access                 `json:"access"`
	Deployments []DeploymentPermission `json:"deployments,omitempty"`
	Provider    string                 `json:"provider"`
	Scope       []Scope                `json:"scope,omitempty"`
}

// DeploymentPermission limits a granular permission to one deployment (and optionally one
// group/order and a set of services).
type DeploymentPermission struct {
	Dseq     uint64   `json:"dseq"`
	Gseq     *uint32  `json:"gseq,omitempty"`
	Oseq     *uint32  `json:"oseq,omitempty"`
	Scope    []Scope  `json:"scope"`
	Services []string `json:"services"`
}

// FullAccess returns the lease grant of a full-access token.
func FullAccess() Leases { return Leases{Access: AccessFull} }

// ScopedAccess returns a lease grant limited to the given actions on all leases.
func ScopedAccess(scopes ...Scope) Leases { return Leases{Access: AccessScoped, Scope: scopes} }

// GranularAccess returns a lease grant limited per provider.
func GranularAccess(perms ...Permission) Leases {
	return Leases{Access: AccessGranular, Permissions: perms}
}

// LeaseAccess returns a granular grant limited to the given actions on one lease (dseq,
// gseq, oseq) of one provider, for the listed services (the schema requires at least one).
func LeaseAccess(provider string, dseq uint64, gseq, oseq uint32, services []string, scopes ...Scope) Leases {
	return GranularAccess(Permission{Provider: provider, Access: AccessGranular, Deployments: []DeploymentPermission{{
		Dseq: dseq, Gseq: &gseq, Oseq: &oseq, Scope: scopes, Services: services,
	}}})
}
