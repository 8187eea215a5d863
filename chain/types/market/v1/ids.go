// Package marketv1 holds akash.market.v1: order, bid and lease identifiers,
// the stored lease, lease filters and market events.
package marketv1

import "strconv"

// String returns the ID as "owner/dseq/gseq/oseq".
func (id OrderID) String() string {
	return id.Owner + "/" + strconv.FormatUint(id.DSeq, 10) + "/" +
		strconv.FormatUint(uint64(id.GSeq), 10) + "/" + strconv.FormatUint(uint64(id.OSeq), 10)
}

// String returns the ID as "owner/dseq/gseq/oseq/provider" (bseq is not printed).
func (id BidID) String() string {
	return id.OrderID().String() + "/" + id.Provider
}

// OrderID returns the ID of the order the bid is on.
func (id BidID) OrderID() OrderID {
	return OrderID{Owner: id.Owner, DSeq: id.DSeq, GSeq: id.GSeq, OSeq: id.OSeq}
}

// LeaseID returns the ID of the lease created from this bid.
func (id BidID) LeaseID() LeaseID {
	return LeaseID(id)
}

// String returns the ID as "owner/dseq/gseq/oseq/provider", with "/bseq"
// appended when bseq is not zero.
func (id LeaseID) String() string {
	s := id.BidID().OrderID().String() + "/" + id.Provider
	if id.BSeq != 0 {
		s += "/" + strconv.FormatUint(uint64(id.BSeq), 10)
	}
	return s
}

// BidID returns the ID of the bid the lease came from.
func (id LeaseID) BidID() BidID {
	return BidID(id)
}
