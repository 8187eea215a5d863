package chain

import (
	"errors"
	"fmt"
	"strings"

	bip39 "github.com/cosmos/go-bip39"
)

// ErrInvalidMnemonic is wrapped by every mnemonic validation error.
var ErrInvalidMnemonic = errors.New("invalid mnemonic")

// NormalizeMnemonic lower-cases the mnemonic and collapses whitespace.
func NormalizeMnemonic(m string) string {
	return strings.Join(strings.Fields(strings.ToLower(m)), " ")
}

// ValidateMnemonic checks a BIP-39 English mnemonic and says what is wrong:
// the word count, which word is not in the word list (by position only, so
// the secret is never echoed), or a checksum mismatch.
func ValidateMnemonic(m string) error {
	words := strings.Fields(strings.ToLower(m))
	switch len(words) {
	case 12, 15, 18, 21, 24:
	default:
		return fmt.Errorf("%w: %d words; a mnemonic has 12, 15, 18, 21 or 24 words", ErrInvalidMnemonic, len(words))
	}
	var bad []string
	for i, w := range words {
		if _, ok := bip39.ReverseWordMap[w]; !ok {
			bad = append(bad, fmt.Sprint(i+1))
		}
	}
	if len(bad) == 1 {
		return fmt.Errorf("%w: word %s is not in the BIP-39 English word list", ErrInvalidMnemonic, bad[0])
	}
	if len(bad) > 1 {
		return fmt.Errorf("%w: words %s are not in the BIP-39 English word list", ErrInvalidMnemonic, strings.Join(bad, ", "))
	}
	if _, err := bip39.MnemonicToByteArray(strings.Join(words, " ")); err != nil {
		return fmt.Errorf("%w: checksum does not match (a word is wrong or the words are out of order)", ErrInvalidMnemonic)
	}
	return nil
}
