package jwt

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// Defaults for a Source: tokens live 15 minutes (as the official Go client makes them) and are
// replaced when less than 2 minutes remain, so a token never expires in flight.
const (
	DefaultLifetime      = 15 * time.Minute
	DefaultRefreshMargin = 2 * time.Minute
	// ClockSkew backdates iat and nbf so that a provider whose clock runs a little behind
	// does not reject a fresh token as "not valid yet".
	ClockSkew = 30 * time.Second
)

// Source makes tokens for one signer and caches them per lease grant until shortly before
// they expire. It is safe for concurrent use.
type Source struct {
	signer        Signer
	lifetime      time.Duration
	refreshMargin time.Duration
	now           func() time.Time

	mu    sync.Mutex
	cache map[string]cachedToken
}

type cachedToken struct {
	token string
	exp   time.Time
}

// SourceOption configures a Source.
type SourceOption func(*Source)

// WithLifetime sets how long each token is valid.
func WithLifetime(d time.Duration) SourceOption { return func(s *Source) { s.lifetime = d } }

// WithRefreshMargin sets how long before expiry a cached token is replaced.
func WithRefreshMargin(d time.Duration) SourceOption {
	return func(s *Source) { s.refreshMargin = d }
}

// WithClock sets the clock (tests).
func WithClock(now func() time.Time) SourceOption { return func(s *Source) { s.now = now } }

// NewSource returns a token source for signer.
func NewSource(signer Signer, opts ...SourceOption) *Source {
	s := &Source{
		signer:        signer,
		lifetime:      DefaultLifetime,
		refreshMargin: DefaultRefreshMargin,
		now:           time.Now,
		cache:         map[string]cachedToken{},
	}
	for _, o := range opts {
		o(s)
	}
	if s.refreshMargin >= s.lifetime {
		s.refreshMargin = s.lifetime / 2
	}
	return s
}

// Token returns a valid token granting leases, signing a new one when none is cached or the
// cached one is about to expire. The zero Leases means full access.
func (s *Source) Token(ctx context.Context, leases Leases) (string, error) {
	if leases.Access == "" {
		leases = FullAccess()
	}
	keyBytes, err := json.Marshal(leases)
	if err != nil {
		return "", fmt.Errorf("encoding lease grant: %w", err)
	}
	key := string(keyBytes)
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.cache[key]; ok && now.Add(s.refreshMargin).Before(c.exp) {
		return c.token, nil
	}
	iat := now.Add(-ClockSkew).Unix()
	claims := Claims{
		Iss:     s.signer.Address(),
		Iat:     iat,
		Nbf:     iat,
		Exp:     now.Add(s.lifetime).Unix(),
		Version: Version,
		Leases:  leases,
	}
	tok, err := Sign(ctx, s.signer, claims)
	if err != nil {
		return "", err
	}
	s.cache[key] = cachedToken{token: tok, exp: time.Unix(claims.Exp, 0)}
	return tok, nil
}

// Invalidate drops every cached token (e.g. after a provider rejected one).
func (s *Source) Invalidate() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.cache)
}
