package sdl

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// gpuSDL is an SDL with two services on one GPU profile and a third on its
// own; cmd and args are spliced into the first service.
func gpuSDL(cmd, args string) string {
	return `version: "2.0"
services:
  llm:
    image: vllm/vllm-openai:v0.6.2
` + cmd + args + `    expose:
      - port: 8000
        to:
          - global: true
  twin:
    image: vllm/vllm-openai:v0.6.2
    args: ["--model", "m", "--tp=1"]
    expose:
      - port: 8000
        to:
          - global: true
  cpu:
    image: nginx
    args: ["--tensor-parallel-size", "1"]
    expose:
      - port: 80
        to:
          - global: true
profiles:
  compute:
    gpu:
      resources:
        cpu: {units: 4}
        memory: {size: 16Gi}
        storage: {size: 50Gi}
        gpu:
          units: 1
          attributes:
            vendor:
              nvidia:
                - model: a100
    small:
      resources:
        cpu: {units: 1}
        memory: {size: 1Gi}
        storage: {size: 1Gi}
  placement:
    dc:
      pricing:
        gpu: {denom: uact, amount: 1000}
        small: {denom: uact, amount: 100}
deployment:
  llm:
    dc: {profile: gpu, count: 1}
  twin:
    dc: {profile: gpu, count: 1}
  cpu:
    dc: {profile: small, count: 1}
`
}

func TestSyncTensorParallel(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, cmd, args string
		units           uint32
		wantCmd         string // the first service's command and args after the sync
		wantArgs        string
		changed         []string
	}{
		{
			name:     "flag=value item",
			args:     "    args:\n      - --model=m\n      - --tensor-parallel-size=1 # one GPU\n",
			units:    4,
			wantArgs: "    args:\n      - --model=m\n      - --tensor-parallel-size=4 # one GPU\n",
			changed:  []string{"llm", "twin"},
		},
		{
			name:     "flag and value as two items, quoted",
			args:     "    args: [\"--model\", \"m\", \"--tensor-parallel-size\", \"1\"]\n",
			units:    2,
			wantArgs: "    args: [\"--model\", \"m\", \"--tensor-parallel-size\", \"2\"]\n",
			changed:  []string{"llm", "twin"},
		},
		{
			name:     "shell line in a folded scalar, value on the next line",
			cmd:      "    command:\n      - bash\n      - \"-c\"\n",
			args:     "    args:\n      - >-\n        vllm serve m --tensor-parallel-size\n        8 --port 8000\n",
			units:    2,
			wantCmd:  "    command:\n      - bash\n      - \"-c\"\n",
			wantArgs: "    args:\n      - >-\n        vllm serve m --tensor-parallel-size\n        2 --port 8000\n",
			changed:  []string{"llm", "twin"},
		},
		{
			name:    "SGLang --tp in a command string, --tp-size untouched by --tp",
			cmd:     "    command: [\"sh\", \"-c\", \"python3 -m sglang.launch_server --tp 2 --tp-size 2 --host 0.0.0.0\"]\n",
			units:   8,
			wantCmd: "    command: [\"sh\", \"-c\", \"python3 -m sglang.launch_server --tp 8 --tp-size 8 --host 0.0.0.0\"]\n",
			changed: []string{"llm", "twin"},
		},
		{
			name:     "no flag: only the other service on the profile changes",
			args:     "    args: [\"--model\", \"m\", \"--max-model-len=4096\", \"--stp 3\"]\n",
			units:    2,
			wantArgs: "    args: [\"--model\", \"m\", \"--max-model-len=4096\", \"--stp 3\"]\n",
			changed:  []string{"twin"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := gpuSDL(tc.cmd, tc.args)
			d, err := Edit([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if err := d.SetGPU("gpu", tc.units); err != nil {
				t.Fatal(err)
			}
			changed, err := d.SyncTensorParallel("gpu", tc.units)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(changed, tc.changed) {
				t.Errorf("changed %v, want %v", changed, tc.changed)
			}
			got := string(d.Bytes())
			if !strings.Contains(got, tc.wantCmd+tc.wantArgs) {
				t.Errorf("the service's command line is not as expected; got:\n%s\nwant it to hold:\n%s", got, tc.wantCmd+tc.wantArgs)
			}
			// the other service on the profile follows, the one on another profile does not
			if want := "args: [\"--model\", \"m\", \"--tp=" + strconv.FormatUint(uint64(tc.units), 10) + "\"]"; !strings.Contains(got, want) {
				t.Errorf("service twin: want %s in\n%s", want, got)
			}
			if !strings.Contains(got, `args: ["--tensor-parallel-size", "1"]`) {
				t.Errorf("service cpu (profile small) was changed:\n%s", got)
			}
			s, err := Parse(d.Bytes())
			if err != nil {
				t.Fatalf("the synced SDL does not parse: %v", err)
			}
			if n := len(s.Services); n != 3 {
				t.Errorf("%d services after the sync", n)
			}
			// a second sync to the same count changes nothing
			again, err := d.SyncTensorParallel("gpu", tc.units)
			if err != nil || len(again) != 0 || string(d.Bytes()) != got {
				t.Errorf("second sync: changed %v, err %v, text changed %v", again, err, string(d.Bytes()) != got)
			}
		})
	}
}

// TestSyncTensorParallelZeroUnits: removing the GPU leaves the flag alone.
func TestSyncTensorParallelZeroUnits(t *testing.T) {
	t.Parallel()
	d, err := Edit([]byte(gpuSDL("", "    args: [\"--tp=4\"]\n")))
	if err != nil {
		t.Fatal(err)
	}
	before := string(d.Bytes())
	changed, err := d.SyncTensorParallel("gpu", 0)
	if err != nil || changed != nil || string(d.Bytes()) != before {
		t.Errorf("units 0: changed %v, err %v, text changed %v", changed, err, string(d.Bytes()) != before)
	}
}

// TestSyncTensorParallelCorpus: on every corpus file that names the flag, a
// sync to 4 GPUs of each GPU profile rewrites only digits and leaves an SDL
// that parses whenever the original did.
func TestSyncTensorParallelCorpus(t *testing.T) {
	t.Parallel()
	files := 0
	for _, r := range loadCorpus(t) {
		if !tensorParallelRe.Match(r.Data) {
			continue
		}
		_, perr := Parse(r.Data)
		d, err := Edit(r.Data)
		if err != nil {
			continue
		}
		files++
		for _, p := range d.ProfileNames() {
			if _, err := d.SyncTensorParallel(p, 4); err != nil {
				t.Errorf("%s: profile %s: %v", r.File, p, err)
			}
		}
		got := d.Bytes()
		if len(got) != len(r.Data) {
			// every corpus value is one digit: a digit for a digit
			t.Errorf("%s: the sync changed the length of the file (%d to %d bytes)", r.File, len(r.Data), len(got))
		}
		if _, err := Parse(got); perr == nil && err != nil {
			t.Errorf("%s: parses before the sync, not after: %v", r.File, err)
		}
	}
	if files == 0 {
		t.Fatal("no corpus file names a tensor-parallel flag")
	}
}

// TestBlockScalarEnd: a block scalar's text runs to its last non-blank line
// indented under it, however many lines folding joins into one.
func TestBlockScalarEnd(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, doc, want string // want: the scalar's text as written
	}{
		{"folded over three lines", "a:\n  - >-\n    one two\n    three\n\n    four\n  - next\n", ">-\n    one two\n    three\n\n    four"},
		{"literal with keep chomping", "a: |+\n  x\n  y\n\nb: 1\n", "|+\n  x\n  y"},
		{"folded at the end of the text", "a: >\n  x\n  y", ">\n  x\n  y"},
		{"empty block scalar", "a: |\nb: 1\n", "|"},
		{"more indented lines inside", "a: |\n  x\n    y\n  z\nb: 1\n", "|\n  x\n    y\n  z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc, err := decodeYAML([]byte(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			root := doc.Content[0]
			n := root.Content[1]
			if n.Kind == yaml.SequenceNode {
				n = n.Content[0]
			}
			ix := newTextIndex([]byte(tc.doc), root)
			if got := tc.doc[ix.start(n):ix.end(n)]; got != tc.want {
				t.Errorf("scalar text %q, want %q", got, tc.want)
			}
		})
	}
}
