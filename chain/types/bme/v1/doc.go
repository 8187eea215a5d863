// Package bmev1 holds akash.bme.v1: Burn-Mint Equilibrium (minting ACT from
// AKT) messages, queries, types and the Msg and Query services.
package bmev1
