// Package certv1 holds akash.cert.v1: certificates, their messages, queries
// and the Msg and Query services.
package certv1

// CertificatesResponse is a list of certificate query results.
type CertificatesResponse []CertificateResponse
