// Package attributesv1 holds akash.base.attributes.v1: placement attributes
// shared by deployments, providers and auditors.
package attributesv1

// Attributes is a list of attributes (the castrepeated type of attribute fields).
type Attributes []Attribute
