package sdl

import "strconv"

// dpath is the dotted path of a node (`services.web.expose[0].port`), built
// lazily: each segment points at its parent, which lives in the caller's
// stack frame, so walking the document allocates nothing and the text is
// only made when a diagnostic needs it. A dpath must not outlive the call
// that made it: store path.String() instead.
type dpath struct {
	up   *dpath
	key  string
	idx  int
	kind pathKind
}

type pathKind uint8

const (
	pathRoot  pathKind = iota // the document; key holds a literal prefix, if any
	pathKey                   // .key
	pathIndex                 // [idx]
)

// rawPath is a path given as its full text.
func rawPath(s string) dpath { return dpath{key: s} }

// joinPath is the path of key in the mapping at path.
func joinPath(path dpath, key string) dpath {
	return dpath{up: &path, key: key, kind: pathKey}
}

// indexPath is the path of item i of the sequence at path.
func indexPath(path dpath, i int) dpath {
	return dpath{up: &path, idx: i, kind: pathIndex}
}

// String renders the path: keys joined with dots, indexes in brackets.
func (p dpath) String() string {
	// Render root first by walking up from p for each segment: quadratic in
	// the depth (a dozen at most) but free of recursion and of stored
	// pointers, either of which would make the compiler move paths to the heap.
	depth := 0
	for q := &p; q != nil; q = q.up {
		depth++
	}
	b := make([]byte, 0, 64)
	for up := depth - 1; up >= 0; up-- {
		q := &p
		for range up {
			q = q.up
		}
		switch q.kind {
		case pathRoot:
			b = append(b, q.key...)
		case pathKey:
			if len(b) > 0 {
				b = append(b, '.')
			}
			b = append(b, q.key...)
		case pathIndex:
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(q.idx), 10)
			b = append(b, ']')
		}
	}
	return string(b)
}
