package templates_test

import (
	"fmt"
	"strings"

	"github.com/akt-project/akt/templates"
)

// A form lists a segment's templates, validates each field as it is typed
// and renders the SDL when the user confirms.
func Example() {
	cat, err := templates.Builtin(nil) // pass the sdl package's validation in real use
	if err != nil {
		panic(err)
	}
	for _, t := range cat.List(templates.SegmentNodeOperator) {
		fmt.Println(t.ID)
	}
	t, err := cat.Get("static-site")
	if err != nil {
		panic(err)
	}
	fmt.Println(t.ValidateParam("replicas", "0"))
	out, err := t.Render(map[string]string{"replicas": "2", "domains": "example.com\nwww.example.com"})
	if err != nil {
		panic(err)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "example.com") || strings.Contains(line, "count:") {
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// cosmos-rpc-node
	// cosmos-sentry
	// cosmos-validator
	// template static-site: parameter "replicas": 0 is below the minimum 1
	// - example.com
	// - www.example.com
	// count: 2
}
