// Package providerv1beta4 holds akash.provider.v1beta4: providers, their
// messages, queries and the Msg and Query services.
package providerv1beta4

// Providers is a list of providers.
type Providers []Provider
