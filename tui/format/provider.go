package format

import (
	"net/netip"
	"strings"
)

// Provider names a provider for people: its host name, unless the host does not tell
// providers apart (none, localhost, or a loopback, private, link-local or unspecified IP, as on
// a devnet where every provider is 127.0.0.1); then its shortened address (akash1ab…wxyz).
func Provider(host, addr string) string {
	if addr == "" || HostTellsApart(host) {
		if host == "" {
			return addr
		}
		return host
	}
	return ShortAddress(addr)
}

// HostTellsApart reports whether a provider's host name identifies it among others.
func HostTellsApart(host string) bool {
	h := strings.Trim(strings.ToLower(host), "[]")
	if h == "" || h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return false
	}
	ip, err := netip.ParseAddr(h)
	if err != nil {
		return true // a DNS name
	}
	return !(ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified())
}
