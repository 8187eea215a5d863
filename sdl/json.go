package sdl

import (
	"encoding/base64"
	"strconv"
	"unicode/utf8"
)

// jsonBuf writes JSON the way the TS SDK's manifestToSortedJSON does: keys in
// the order the caller writes them (callers write them sorted), no spaces,
// JSON.stringify string escapes, then < > & as \u003c \u003e \u0026.
type jsonBuf struct {
	b     []byte
	comma bool // a value was written at this level: the next one needs a comma
}

func (j *jsonBuf) open(c byte) {
	j.b = append(j.b, c)
	j.comma = false
}

func (j *jsonBuf) close(c byte) {
	j.b = append(j.b, c)
	j.comma = true
}

// key writes an object key. Keys are the schema's literal names, which
// need no escaping.
func (j *jsonBuf) key(k string) {
	if j.comma {
		j.b = append(j.b, ',')
	}
	j.b = append(j.b, '"')
	j.b = append(j.b, k...)
	j.b = append(j.b, '"', ':')
	j.comma = false
}

// val starts a value: a comma when it follows another value in a list.
func (j *jsonBuf) val() {
	if j.comma {
		j.b = append(j.b, ',')
	}
	j.comma = true
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the bytes a JSON string holds as they are: printable ASCII
// other than " \ < > &.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

func (j *jsonBuf) str(s string) { j.b = appendStr(j.b, s) }

// appendStr appends s as a JSON string: quoted, escaped as JSON.stringify
// escapes it, and < > & as \u003c \u003e \u0026.
func appendStr(b []byte, s string) []byte {
	b = append(b, '"')
	i := 0
	// eight bytes at a time while they are all plain (see plainWord); the
	// last word may overlap the one before it
	if n := len(s); n >= 8 {
		for ; ; i += 8 {
			if i > n-8 {
				if plainWord(word(s[n-8:])) {
					i = n
				}
				break
			}
			if !plainWord(word(s[i:])) {
				break
			}
		}
	}
	for ; i < len(s); i++ {
		if !jsonPlain[s[i]] {
			return appendEscaped(append(b, s[:i]...), s[i:])
		}
	}
	b = append(b, s...)
	return append(b, '"')
}

// word is the first eight bytes of s (at least eight long) as a
// little-endian word; the compiler makes it one load.
func word(s string) uint64 {
	w := s[:8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// Masks for testing the eight bytes of a word at once.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainWord reports whether all eight bytes of x are plain (jsonPlain):
// none below 0x20, none at or above 0x80, none of " & < > \. Setting one
// bit pairs up the special characters: " and & are 0x22 and 0x26, which
// are the bytes that become 0x26 with bit 0x04 set; < and > (0x3c, 0x3e)
// the bytes that become 0x3e with bit 0x02 set.
func plainWord(x uint64) bool {
	// (v - ones) & ^v flags, in its high bits, the zero bytes of v (the
	// lowest surely, others above it maybe: enough to tell whether there
	// is one); x - 0x20 in every byte flags likewise the bytes below 0x20.
	m := (x - ones*0x20) & ^x
	v := (x | ones*0x04) ^ (ones * 0x26)
	m |= (v - ones) & ^v
	v = (x | ones*0x02) ^ (ones * 0x3e)
	m |= (v - ones) & ^v
	v = x ^ (ones * '\\')
	m |= (v - ones) & ^v
	return (m|x)&highs == 0
}

// appendEscaped is appendStr after the opening quote, from the first byte
// that is not plain.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		// copy a run of characters that need no escaping in one go
		k := i
		for k < len(s) && jsonPlain[s[k]] {
			k++
		}
		if k > i {
			b = append(b, s[i:k]...)
			i = k
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"':
				b = append(b, '\\', '"')
			case c == '\\':
				b = append(b, '\\', '\\')
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\f':
				b = append(b, '\\', 'f')
			case c < 0x20, c == '<', c == '>', c == '&':
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

func (j *jsonBuf) sval(s string) { j.val(); j.str(s) }
func (j *jsonBuf) uval(n uint32) { j.val(); j.b = strconv.AppendUint(j.b, uint64(n), 10) }
func (j *jsonBuf) obj()          { j.val(); j.open('{') }
func (j *jsonBuf) arr()          { j.val(); j.open('[') }

func (j *jsonBuf) endObj()        { j.close('}') }
func (j *jsonBuf) endArr()        { j.close(']') }
func (j *jsonBuf) ks(k, v string) { j.key(k); j.sval(v) }

func (j *jsonBuf) list(l []string) {
	j.arr()
	for _, s := range l {
		j.sval(s)
	}
	j.endArr()
}

// GroupsJSON renders groups as proto3 JSON, exactly as the TS SDK's
// GroupSpec.toJSON does: default values omitted, resource quantities as
// base64 of their decimal text, endpoint kinds by name.
func GroupsJSON(groups []GroupSpec) []byte {
	j := &jsonBuf{b: make([]byte, 0, 1024)}
	j.arr()
	for i := range groups {
		j.groupSpec(&groups[i])
	}
	j.endArr()
	return j.b
}

func (j *jsonBuf) groupSpec(g *GroupSpec) {
	j.obj()
	if g.Name != "" {
		j.ks("name", g.Name)
	}
	j.key("requirements")
	j.obj()
	j.key("signed_by")
	j.obj()
	if len(g.Requirements.SignedBy.AllOf) > 0 {
		j.key("all_of")
		j.list(g.Requirements.SignedBy.AllOf)
	}
	if len(g.Requirements.SignedBy.AnyOf) > 0 {
		j.key("any_of")
		j.list(g.Requirements.SignedBy.AnyOf)
	}
	j.endObj()
	j.protoAttributes(g.Requirements.Attributes)
	j.endObj()
	if len(g.Resources) > 0 {
		j.key("resources")
		j.arr()
		for i := range g.Resources {
			j.resourceUnit(&g.Resources[i])
		}
		j.endArr()
	}
	j.endObj()
}

func (j *jsonBuf) protoAttributes(a []Attribute) {
	if len(a) == 0 {
		return
	}
	j.key("attributes")
	j.arr()
	for _, at := range a {
		j.obj()
		if at.Key != "" {
			j.ks("key", at.Key)
		}
		if at.Value != "" {
			j.ks("value", at.Value)
		}
		j.endObj()
	}
	j.endArr()
}

func (j *jsonBuf) protoValue(key, valKey, v string, attrs []Attribute) {
	j.key(key)
	j.obj()
	j.key(valKey)
	j.obj()
	if v != "" {
		j.ks("val", base64.StdEncoding.EncodeToString([]byte(v)))
	}
	j.endObj()
	j.protoAttributes(attrs)
	j.endObj()
}

func (j *jsonBuf) resourceUnit(ru *ResourceUnit) {
	r := &ru.Resources
	j.obj()
	j.key("resource")
	j.obj()
	if r.ID != 0 {
		j.key("id")
		j.uval(r.ID)
	}
	j.protoValue("cpu", "units", r.CPU.Value, r.CPU.Attributes)
	j.protoValue("memory", "quantity", r.Memory.Value, r.Memory.Attributes)
	if len(r.Storage) > 0 {
		j.key("storage")
		j.arr()
		for _, st := range r.Storage {
			j.obj()
			if st.Name != "" {
				j.ks("name", st.Name)
			}
			j.key("quantity")
			j.obj()
			if st.Size != "" {
				j.ks("val", base64.StdEncoding.EncodeToString([]byte(st.Size)))
			}
			j.endObj()
			j.protoAttributes(st.Attributes)
			j.endObj()
		}
		j.endArr()
	}
	j.protoValue("gpu", "units", r.GPU.Value, r.GPU.Attributes)
	if len(r.Endpoints) > 0 {
		j.key("endpoints")
		j.arr()
		for _, e := range r.Endpoints {
			j.obj()
			if e.Kind != 0 {
				j.ks("kind", e.Kind.String())
			}
			if e.SequenceNumber != 0 {
				j.key("sequence_number")
				j.uval(e.SequenceNumber)
			}
			j.endObj()
		}
		j.endArr()
	}
	j.endObj()
	if ru.Count != 0 {
		j.key("count")
		j.uval(ru.Count)
	}
	j.key("price")
	j.obj()
	if ru.Price.Denom != "" {
		j.ks("denom", ru.Price.Denom)
	}
	if ru.Price.Amount != "" {
		j.ks("amount", ru.Price.Amount)
	}
	j.endObj()
	j.endObj()
}
