// Package marketv1beta5 holds akash.market.v1beta5: orders, bids, offers, the
// bid and lease messages, queries and the Msg and Query services.
package marketv1beta5

// Orders is a list of orders.
type Orders []Order

// ResourcesOffer is the list of resource offers of a bid.
type ResourcesOffer []ResourceOffer
