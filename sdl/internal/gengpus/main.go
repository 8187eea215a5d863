// Command gengpus derives the GPU model list embedded in package sdl from the
// provider-configs GPU catalogue (gpus.json: PCI vendor id → {name, devices:
// PCI device id → {name, interface, memory_size}}).
//
// Usage: go run ./internal/gengpus -in ../../shared/sdl-corpus/gpus.json -out gpus.tsv
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/akt-project/akt/sdl/internal/gpulist"
)

func main() {
	in := flag.String("in", "", "gpus.json to read")
	out := flag.String("out", "gpus.tsv", "file to write")
	flag.Parse()
	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatalf("reading GPU catalogue: %v", err)
	}
	tsv, err := gpulist.FromCatalogue(data)
	if err != nil {
		log.Fatalf("deriving GPU list from %s: %v", *in, err)
	}
	if err := os.WriteFile(*out, tsv, 0o644); err != nil {
		log.Fatalf("writing %s: %v", *out, err)
	}
	fmt.Printf("wrote %s\n", *out)
}
