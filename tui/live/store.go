package live

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// sdlStore keeps the SDL each deployment was created from, in memory for the session and on
// disk under dir/<network>/<dseq>.yaml so a later session can resend the manifest. SDLs may
// hold secrets a template rendered (passwords in env), so files are private to the user.
type sdlStore struct {
	dir string

	mu  sync.Mutex
	mem map[string][]byte
}

func newSDLStore(dir string) *sdlStore {
	return &sdlStore{dir: dir, mem: map[string][]byte{}}
}

func (st *sdlStore) path(network string, dseq uint64) string {
	return filepath.Join(st.dir, network, strconv.FormatUint(dseq, 10)+".yaml")
}

// Put remembers doc for the deployment and writes it to disk (atomically, mode 0600).
func (st *sdlStore) Put(network string, dseq uint64, doc []byte) error {
	st.mu.Lock()
	st.mem[network+"/"+strconv.FormatUint(dseq, 10)] = append([]byte(nil), doc...)
	st.mu.Unlock()
	if st.dir == "" {
		return nil
	}
	p := st.path(network, dseq)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("storing the SDL of deployment %d: %w", dseq, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".sdl-*")
	if err != nil {
		return fmt.Errorf("storing the SDL of deployment %d: %w", dseq, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(doc); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", p, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	return nil
}

// errNoSDL says that no SDL is known for a deployment.
var errNoSDL = errors.New("no SDL stored for this deployment")

// Get returns the stored SDL of a deployment (memory first, then disk).
func (st *sdlStore) Get(network string, dseq uint64) ([]byte, error) {
	st.mu.Lock()
	doc, ok := st.mem[network+"/"+strconv.FormatUint(dseq, 10)]
	st.mu.Unlock()
	if ok {
		return append([]byte(nil), doc...), nil
	}
	if st.dir == "" {
		return nil, fmt.Errorf("deployment %d on %s: %w", dseq, network, errNoSDL)
	}
	p := st.path(network, dseq)
	doc, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("deployment %d on %s: %w (looked in %s)", dseq, network, errNoSDL, p)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the SDL of deployment %d: %w", dseq, err)
	}
	st.mu.Lock()
	st.mem[network+"/"+strconv.FormatUint(dseq, 10)] = doc
	st.mu.Unlock()
	return append([]byte(nil), doc...), nil
}
