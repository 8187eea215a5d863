package jwt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// ErrInvalidClaims reports claims that break the Akash JWT claims schema.
var ErrInvalidClaims = errors.New("token has invalid claims")

var addressPattern = regexp.MustCompile(`^akash1[a-z0-9]{38}$`)

// claimsError collects schema violations under one ErrInvalidClaims.
type claimsError struct{ problems []string }

func (e *claimsError) add(format string, args ...any) {
	e.problems = append(e.problems, fmt.Sprintf(format, args...))
}

func (e *claimsError) Error() string {
	return ErrInvalidClaims.Error() + ": " + strings.Join(e.problems, "; ")
}

func (e *claimsError) Unwrap() error { return ErrInvalidClaims }

func (e *claimsError) err() error {
	if len(e.problems) == 0 {
		return nil
	}
	return e
}

// Validate checks the claims against the Akash JWT claims schema (not against the clock).
func (c Claims) Validate() error {
	raw, err := marshalSorted(c)
	if err != nil {
		return fmt.Errorf("encoding claims: %w", err)
	}
	return ValidatePayload(raw)
}

// ValidatePayload checks raw claims JSON against the Akash JWT claims schema: required and
// unknown fields, types, patterns, enums, duplicates and the access-kind rules. It does not
// look at the clock.
func ValidatePayload(raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("%w: claims are not JSON: %v", ErrInvalidClaims, err)
	}
	ce := &claimsError{}
	obj, ok := v.(map[string]any)
	if !ok {
		ce.add("claims are not a JSON object")
		return ce
	}
	checkKeys(ce, "claims", obj, []string{"iss", "iat", "nbf", "exp", "version", "leases"}, []string{"jti"})
	if s, ok := stringField(ce, "iss", obj); ok && !addressPattern.MatchString(s) {
		ce.add("iss %q is not an akash account address", s)
	}
	for _, k := range []string{"iat", "nbf", "exp"} {
		intField(ce, k, obj, 0)
	}
	if _, has := obj["jti"]; has {
		if s, ok := stringField(ce, "jti", obj); ok && s == "" {
			ce.add("jti is empty")
		}
	}
	if s, ok := stringField(ce, "version", obj); ok && s != Version {
		ce.add("version %q, want %q", s, Version)
	}
	if l, ok := obj["leases"]; ok {
		checkLeases(ce, l)
	}
	return ce.err()
}

func checkLeases(ce *claimsError, v any) {
	obj, ok := v.(map[string]any)
	if !ok {
		ce.add("leases is not an object")
		return
	}
	checkKeys(ce, "leases", obj, []string{"access"}, []string{"scope", "permissions"})
	access, _ := stringField(ce, "leases.access", obj)
	checkAccess(ce, "leases", access, obj, "permissions")
	if s, has := obj["scope"]; has {
		checkScopes(ce, "leases.scope", s)
	}
	perms, has := obj["permissions"]
	if !has {
		return
	}
	list, ok := perms.([]any)
	if !ok || len(list) == 0 {
		ce.add("leases.permissions must be a non-empty array")
		return
	}
	seen := map[string]bool{}
	for i, p := range list {
		where := fmt.Sprintf("leases.permissions[%d]", i)
		po, ok := p.(map[string]any)
		if !ok {
			ce.add("%s is not an object", where)
			continue
		}
		checkKeys(ce, where, po, []string{"provider", "access"}, []string{"scope", "deployments"})
		if prov, ok := stringField(ce, where+".provider", po); ok {
			if !addressPattern.MatchString(prov) {
				ce.add("%s.provider %q is not an akash address", where, prov)
			}
			if seen[prov] {
				ce.add("%s.provider %s is listed twice", where, prov)
			}
			seen[prov] = true
		}
		pa, _ := stringField(ce, where+".access", po)
		checkAccess(ce, where, pa, po, "deployments")
		if s, has := po["scope"]; has {
			checkScopes(ce, where+".scope", s)
		}
		if d, has := po["deployments"]; has {
			checkDeployments(ce, where+".deployments", d)
		}
	}
}

// checkAccess applies the schema's if/then rules: full allows neither scope nor the nested
// list; scoped requires scope only; granular requires the nested list only.
func checkAccess(ce *claimsError, where, access string, obj map[string]any, nested string) {
	_, hasScope := obj["scope"]
	_, hasNested := obj[nested]
	switch Access(access) {
	case AccessFull:
		if hasScope || hasNested {
			ce.add("%s: full access allows neither scope nor %s", where, nested)
		}
	case AccessScoped:
		if !hasScope {
			ce.add("%s: scoped access requires scope", where)
		}
		if hasNested {
			ce.add("%s: scoped access does not allow %s", where, nested)
		}
	case AccessGranular:
		if !hasNested {
			ce.add("%s: granular access requires %s", where, nested)
		}
		if hasScope {
			ce.add("%s: granular access does not allow scope", where)
		}
	default:
		ce.add("%s.access %q is not one of full, scoped, granular", where, access)
	}
}

func checkDeployments(ce *claimsError, where string, v any) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		ce.add("%s must be a non-empty array", where)
		return
	}
	for i, d := range list {
		w := fmt.Sprintf("%s[%d]", where, i)
		obj, ok := d.(map[string]any)
		if !ok {
			ce.add("%s is not an object", w)
			continue
		}
		checkKeys(ce, w, obj, []string{"dseq", "scope", "services"}, []string{"gseq", "oseq"})
		intField(ce, w+".dseq", obj, 1)
		if s, has := obj["scope"]; has {
			checkScopes(ce, w+".scope", s)
		}
		if _, has := obj["gseq"]; has {
			intField(ce, w+".gseq", obj, 0)
		}
		if _, has := obj["oseq"]; has {
			intField(ce, w+".oseq", obj, 0)
			if _, hasG := obj["gseq"]; !hasG {
				ce.add("%s: oseq requires gseq", w)
			}
		}
		if s, has := obj["services"]; has {
			checkUniqueStrings(ce, w+".services", s, nil)
		}
	}
}

func checkScopes(ce *claimsError, where string, v any) {
	checkUniqueStrings(ce, where, v, func(s string) bool { return slices.Contains(AllScopes, Scope(s)) })
}

// checkUniqueStrings checks a non-empty array of distinct non-empty strings, each accepted by
// allowed when allowed is not nil.
func checkUniqueStrings(ce *claimsError, where string, v any, allowed func(string) bool) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		ce.add("%s must be a non-empty array", where)
		return
	}
	seen := map[string]bool{}
	for i, item := range list {
		s, ok := item.(string)
		switch {
		case !ok || s == "":
			ce.add("%s[%d] is not a non-empty string", where, i)
		case allowed != nil && !allowed(s):
			ce.add("%s[%d] %q is not a known action", where, i, s)
		case seen[s]:
			ce.add("%s lists %q twice", where, s)
		}
		seen[s] = true
	}
}

// checkKeys reports missing required keys and keys the schema does not allow.
func checkKeys(ce *claimsError, where string, obj map[string]any, required, optional []string) {
	for _, k := range required {
		if _, ok := obj[k]; !ok {
			ce.add("%s: missing %s", where, k)
		}
	}
	for k := range obj {
		if !slices.Contains(required, k) && !slices.Contains(optional, k) {
			ce.add("%s: unknown field %q", where, k)
		}
	}
}

func stringField(ce *claimsError, name string, obj map[string]any) (string, bool) {
	key := name[strings.LastIndex(name, ".")+1:]
	v, has := obj[key]
	if !has {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		ce.add("%s is not a string", name)
	}
	return s, ok
}

func intField(ce *claimsError, name string, obj map[string]any, minimum int64) {
	key := name[strings.LastIndex(name, ".")+1:]
	v, has := obj[key]
	if !has {
		return
	}
	n, ok := v.(json.Number)
	if !ok {
		ce.add("%s is not a number", name)
		return
	}
	i, err := n.Int64()
	if err != nil {
		ce.add("%s %s is not an integer", name, n)
		return
	}
	if i < minimum {
		ce.add("%s %d is below %d", name, i, minimum)
	}
}

// ErrExpired and ErrNotYetValid report a token used outside its validity window.
var (
	ErrExpired     = errors.New("token has expired")
	ErrNotYetValid = errors.New("token is not valid yet")
)

// ErrIssuerMismatch reports a token whose issuer is not the account of the verifying key.
var ErrIssuerMismatch = errors.New("token issuer is not the account of the public key")

// Verify checks a token completely: signature with the account's public key, claims
// against the schema, the issuer against the key's account address, and the validity window
// at now (exp must be after now, nbf not after).
func Verify(token string, pubKey []byte, now time.Time) (*Claims, error) {
	t, err := VerifySignature(token, pubKey)
	if err != nil {
		return nil, err
	}
	if err := ValidatePayload(t.PayloadRaw); err != nil {
		return nil, fmt.Errorf("verifying JWT: %w", err)
	}
	var c Claims
	if err := json.Unmarshal(t.PayloadRaw, &c); err != nil {
		return nil, fmt.Errorf("verifying JWT: decoding claims: %w", err)
	}
	if addr, err := AccountAddress(pubKey); err != nil || addr != c.Iss {
		return nil, fmt.Errorf("verifying JWT: issuer %s, key belongs to %s: %w", c.Iss, addr, ErrIssuerMismatch)
	}
	sec := now.Unix()
	if c.Exp <= sec {
		return nil, fmt.Errorf("verifying JWT of %s: expired at %s: %w", c.Iss, time.Unix(c.Exp, 0).UTC().Format(time.RFC3339), ErrExpired)
	}
	if c.Nbf > sec {
		return nil, fmt.Errorf("verifying JWT of %s: not valid before %s: %w", c.Iss, time.Unix(c.Nbf, 0).UTC().Format(time.RFC3339), ErrNotYetValid)
	}
	return &c, nil
}
