// Package chain is akt's only door to an Akash chain and to the keyring.
//
// Keys: OpenKeyring opens the keyring shared with the akash CLI (service
// "akash", ~/.akash/keyring-<backend>); it implements Keys and hands out
// Signers (direct sign mode; a Ledger signer would ask for amino JSON).
//
// Reading: Dial connects to a network's CometBFT RPC endpoints in order,
// checking the chain id and failing over on connection errors (optionally
// querying over gRPC); *Client implements Querier and returns akt's own
// types (Deployment, Bid, Lease, Provider, Grant, ...), paging internally.
//
// Writing: a TxClient (Broadcaster) turns messages built by the New*
// constructors into a Plan (simulated gas, fee from the gas price, the
// messages in words), signs and broadcasts it, and waits for inclusion.
// Failures are *TxError values matching ErrInsufficientFunds, ErrOutOfGas,
// ErrUnauthorized, ErrSequenceMismatch; a lost broadcast answer is looked
// up by hash before the same bytes are sent again, never re-signed.
// Without a client (offline), Prepare and Sign still work given the chain
// id, account number and sequence.
//
// Events: Client.Subscribe delivers new blocks and akt's events over the
// node's websocket, falling back to polling when it drops.
package chain
