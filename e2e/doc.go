// Package e2e holds akt's end-to-end tests: they drive the command line in-process (a
// cli.App with akt-core's commands registered) against one real devnet started for the whole
// package. The package has no code outside its tests.
package e2e
