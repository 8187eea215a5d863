package table

// The golden package registers the -update flag; importing it here lets
// "go test ./... -update" run over every package without an unknown-flag error.
import _ "github.com/charmbracelet/x/exp/golden"
