// Package escrowtypesv1 holds akash.escrow.types.v1: escrow accounts and
// payments as stored on chain.
package escrowtypesv1
