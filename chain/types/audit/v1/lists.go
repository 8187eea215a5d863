// Package auditv1 holds akash.audit.v1: auditor-signed provider attributes,
// their messages, queries and the Msg and Query services.
package auditv1

// AuditedProviders is a list of audited providers.
type AuditedProviders []AuditedProvider
