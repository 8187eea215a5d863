package providertest

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"encoding/pem"
	"fmt"
)

func sha256Sum(b []byte) [32]byte { return sha256.Sum256(b) }

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

// ManifestVersion returns the version hash of a manifest as a provider recomputes it:
// sha256 of the JSON with object keys sorted at every level, no whitespace and <, >, &
// escaped (Go's encoding/json of a generic value).
func ManifestVersion(manifest []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(manifest))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("decoding manifest: %w", err)
	}
	sorted, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding sorted manifest: %w", err)
	}
	sum := sha256Sum(sorted)
	return sum[:], nil
}
