package core

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/akt-project/akt/chain"
)

// keyJSON is a key as printed with --output json.
type keyJSON struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Address  string `json:"address"`
	PubKey   string `json:"pubkey"`
	Mnemonic string `json:"mnemonic,omitempty"`
}

func toKeyJSON(k chain.KeyInfo) keyJSON {
	return keyJSON{Name: k.Name, Type: k.Type, Address: k.Address, PubKey: hex.EncodeToString(k.PubKey)}
}

// readLine reads one line from the app's standard input a byte at a time,
// so nothing is buffered away from the next prompt.
func readLine(a *App) (string, error) {
	var sb strings.Builder
	b := make([]byte, 1)
	for {
		n, err := a.In.Read(b)
		if n == 1 {
			if b[0] == '\n' {
				return strings.TrimRight(sb.String(), "\r"), nil
			}
			sb.WriteByte(b[0])
		}
		if err == io.EOF {
			if sb.Len() == 0 {
				return "", errors.New("no input (standard input is closed)")
			}
			return strings.TrimRight(sb.String(), "\r"), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// readSecret reads a secret from the terminal without echo, or a line from
// standard input when it is not a terminal.
func readSecret(a *App, prompt string) (string, error) {
	fmt.Fprint(a.Err, prompt+" ")
	if f, ok := a.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.Err)
		return string(b), err
	}
	s, err := readLine(a)
	if err == nil {
		fmt.Fprintln(a.Err)
	}
	return s, err
}

// passphrasePrompt returns the CLI's keyring passphrase prompt.
func passphrasePrompt(a *App) chain.PassphrasePrompt {
	return chain.PassphraseFunc(func(prompt string, confirm bool) (string, error) {
		p, err := readSecret(a, prompt)
		if err != nil || !confirm {
			return p, err
		}
		return confirmSecret(a, p)
	})
}

// confirmSecret asks for a new passphrase p once more and returns it when
// both answers match.
func confirmSecret(a *App, p string) (string, error) {
	again, err := readSecret(a, "Re-enter the passphrase:")
	if err != nil {
		return "", err
	}
	if again != p {
		return "", errPassphraseMismatch
	}
	return p, nil
}

// errPassphraseMismatch is confirmSecret's error for two different answers.
var errPassphraseMismatch = errors.New("the passphrases do not match")

// confirm asks a yes/no question on stderr; anything but y/yes is no.
func confirm(a *App, question string) (bool, error) {
	fmt.Fprintf(a.Err, "%s [y/N]: ", question)
	ans, err := readLine(a)
	if err != nil {
		return false, fmt.Errorf("reading confirmation: %w", err)
	}
	ans = strings.ToLower(strings.TrimSpace(ans))
	return ans == "y" || ans == "yes", nil
}

// openKeyring opens the configured keyring (backend and home from the
// config, shared with the akash CLI).
func openKeyring(a *App) (*chain.Keyring, error) {
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	return chain.OpenKeyring(cfg.KeyringBackend, cfg.Home, passphrasePrompt(a))
}

func newKeysCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Manage keys in the keyring shared with the akash CLI",
	}
	cmd.AddCommand(newKeysAddCmd(a), newKeysRecoverCmd(a), newKeysListCmd(a), newKeysShowCmd(a),
		newKeysDeleteCmd(a), newKeysRenameCmd(a))
	return cmd
}

func newKeysAddCmd(a *App) *cobra.Command {
	return &cobra.Command{
		Use:   "add NAME",
		Short: "Create a key; its mnemonic is shown once",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			kr, err := openKeyring(a)
			if err != nil {
				return err
			}
			info, mnemonic, err := kr.Create(args[0])
			if err != nil {
				return err
			}
			if a.JSON() {
				k := toKeyJSON(info)
				k.Mnemonic = mnemonic
				return a.PrintJSON(k)
			}
			fmt.Fprintf(a.Out, "Created key %q: %s\n", info.Name, info.Address)
			fmt.Fprintf(a.Err, "\nWrite this mnemonic down and keep it safe. It is the only way to recover the key,\nand akt will not show it again:\n\n%s\n\n", mnemonic)
			return nil
		},
	}
}

func newKeysRecoverCmd(a *App) *cobra.Command {
	return &cobra.Command{
		Use:   "recover NAME",
		Short: "Recover a key from its mnemonic (read from the terminal or standard input)",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			kr, err := openKeyring(a)
			if err != nil {
				return err
			}
			m, err := readSecret(a, "Enter the mnemonic (12 or 24 words):")
			if err != nil {
				return fmt.Errorf("reading mnemonic: %w", err)
			}
			info, err := kr.Recover(args[0], m)
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(toKeyJSON(info))
			}
			fmt.Fprintf(a.Out, "Recovered key %q: %s\n", info.Name, info.Address)
			return nil
		},
	}
}

func newKeysListCmd(a *App) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List keys",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			kr, err := openKeyring(a)
			if err != nil {
				return err
			}
			keys, err := kr.List()
			if err != nil {
				return err
			}
			if a.JSON() {
				out := make([]keyJSON, 0, len(keys))
				for _, k := range keys {
					out = append(out, toKeyJSON(k))
				}
				return a.PrintJSON(out)
			}
			if len(keys) == 0 {
				fmt.Fprintf(a.Out, "No keys in the %s keyring. Create one with: akt keys add NAME\n", kr.Backend())
				return nil
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tTYPE\tADDRESS")
			for _, k := range keys {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", k.Name, k.Type, k.Address)
			}
			return tw.Flush()
		},
	}
}

func newKeysShowCmd(a *App) *cobra.Command {
	var addressOnly bool
	cmd := &cobra.Command{
		Use:   "show NAME|ADDRESS",
		Short: "Show a key's address and public key",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			kr, err := openKeyring(a)
			if err != nil {
				return err
			}
			k, err := kr.Show(args[0])
			if err != nil {
				return err
			}
			switch {
			case a.JSON():
				return a.PrintJSON(toKeyJSON(k))
			case addressOnly:
				fmt.Fprintln(a.Out, k.Address)
			default:
				fmt.Fprintf(a.Out, "name:    %s\ntype:    %s\naddress: %s\npubkey:  %s\n", k.Name, k.Type, k.Address, hex.EncodeToString(k.PubKey))
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&addressOnly, "address", "a", false, "print only the address")
	return cmd
}

func newKeysDeleteCmd(a *App) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a key (asks for confirmation)",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			kr, err := openKeyring(a)
			if err != nil {
				return err
			}
			k, err := kr.Show(args[0])
			if err != nil {
				return err
			}
			if !yes {
				ok, err := confirm(a, fmt.Sprintf("Delete key %q (%s)? Without its mnemonic it cannot be recovered.", k.Name, k.Address))
				if err != nil {
					return err
				}
				if !ok {
					return errors.New("not deleted")
				}
			}
			if err := kr.Delete(k.Name); err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(map[string]any{"deleted": k.Name, "address": k.Address})
			}
			fmt.Fprintf(a.Out, "Deleted key %q\n", k.Name)
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "skip the confirmation")
	return cmd
}

func newKeysRenameCmd(a *App) *cobra.Command {
	return &cobra.Command{
		Use:   "rename OLD NEW",
		Short: "Rename a key",
		Args:  cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			kr, err := openKeyring(a)
			if err != nil {
				return err
			}
			if err := kr.Rename(args[0], args[1]); err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(map[string]string{"renamed": args[0], "to": args[1]})
			}
			fmt.Fprintf(a.Out, "Renamed key %q to %q\n", args[0], args[1])
			return nil
		},
	}
}
