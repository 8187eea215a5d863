package gateway

import (
	"crypto/x509"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/akt-project/akt/provider/jwt"
)

// authorize returns the tenant address of the request, checked for scope on deployment
// dseq: a bearer JWT verified with the tenant's on-chain public key, or a client
// certificate published on chain (mTLS). Both at once is ambiguous and refused.
func (s *Server) authorize(r *http.Request, scope jwt.Scope, dseq uint64) (string, error) {
	bearer, hasJWT := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	var certs []*x509.Certificate
	if r.TLS != nil {
		certs = r.TLS.PeerCertificates
	}
	switch {
	case hasJWT && len(certs) > 0:
		return "", &httpError{http.StatusUnauthorized, "auth ambiguous: send either a JWT or a client certificate, not both"}
	case hasJWT:
		return s.authJWT(r, strings.TrimSpace(bearer), scope, dseq)
	case len(certs) > 0:
		owner := certs[0].Subject.CommonName
		ok, err := s.cfg.Chain.CertValid(r.Context(), owner, certs[0].Raw)
		if err != nil {
			return "", &httpError{http.StatusInternalServerError, fmt.Sprintf("checking the client certificate of %s: %v", owner, err)}
		}
		if !ok {
			return "", &httpError{http.StatusUnauthorized, fmt.Sprintf("client certificate of %s is not a valid certificate on chain", owner)}
		}
		return owner, nil
	}
	return "", &httpError{http.StatusUnauthorized, "authentication required: a bearer JWT or a client certificate"}
}

func (s *Server) authJWT(r *http.Request, token string, scope jwt.Scope, dseq uint64) (string, error) {
	parsed, err := jwt.Parse(token)
	if err != nil {
		return "", &httpError{http.StatusUnauthorized, "invalid JWT: " + err.Error()}
	}
	var iss struct {
		Iss string `json:"iss"`
	}
	if err := jsonUnmarshal(parsed.PayloadRaw, &iss); err != nil || iss.Iss == "" {
		return "", &httpError{http.StatusUnauthorized, "invalid JWT: no issuer"}
	}
	pub, err := s.cfg.Chain.PubKey(r.Context(), iss.Iss)
	if err != nil {
		return "", &httpError{http.StatusUnauthorized, fmt.Sprintf("no public key on chain for %s (an account must send a transaction before it can sign JWTs): %v", iss.Iss, err)}
	}
	claims, err := jwt.Verify(token, pub, time.Now())
	if err != nil {
		return "", &httpError{http.StatusUnauthorized, err.Error()}
	}
	if !s.allowed(claims.Leases, scope, dseq) {
		return "", &httpError{http.StatusForbidden, fmt.Sprintf("JWT of %s does not grant %s on deployment %d at provider %s", claims.Iss, scope, dseq, s.cfg.Address)}
	}
	return claims.Iss, nil
}

// allowed applies the token's lease access to one action.
func (s *Server) allowed(l jwt.Leases, scope jwt.Scope, dseq uint64) bool {
	switch l.Access {
	case jwt.AccessFull:
		return true
	case jwt.AccessScoped:
		return slices.Contains(l.Scope, scope)
	case jwt.AccessGranular:
		for _, p := range l.Permissions {
			if p.Provider != s.cfg.Address {
				continue
			}
			if p.Access == jwt.AccessFull || slices.Contains(p.Scope, scope) {
				return true
			}
			for _, d := range p.Deployments {
				if d.Dseq == dseq && slices.Contains(d.Scope, scope) {
					return true
				}
			}
		}
	}
	return false
}
