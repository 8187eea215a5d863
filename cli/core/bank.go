package core

import (
	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain"
)

func newSendCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "send TO AMOUNT",
		Short: "Send tokens (e.g. akt send akash1... 1000000uakt)",
		Args:  cobra.ExactArgs(2),
	}
	f := addTxFlags(cmd)
	cmd.RunE = txRunE(a, f, func(_ *cobra.Command, args []string, from string) ([]chain.Msg, error) {
		amt, err := chain.ParseCoins(args[1])
		if err != nil {
			return nil, err
		}
		return one(chain.NewSend(from, args[0], amt))
	})
	return cmd
}
