package sdl

import "unsafe"

// sdlBlock is the memory of one parsed SDL, allocated at once: the SDL
// itself and room for the parts an SDL with three or more services has at
// least (a few exposes, two compute profiles, a placement and its prices,
// a few attributes and numbers as text); sdlBlockSmall is the same for one
// service, the most common case, and sdlBlockPair for two. The SDL points
// into its block, so the block lives exactly as long as the SDL; a larger
// SDL takes what fits and allocates the rest. This makes the common parse
// one allocation instead of one per part.
//
// The sizes follow the corpus and the allocator: an object over 512 bytes
// that holds pointers carries an 8-byte header, so a block must be 8 bytes
// under its size class (3064 for 3072, 2040 for 2048, 1272 for 1280;
// TestBlockClasses) or it takes the next class up (a 1536-byte block took
// 1792 bytes). The one- and two-service blocks leave out what most such
// SDLs lack (params, spare expose targets and attributes): a part outside
// the block costs an allocation in the SDLs that have it, but a part
// inside costs its bytes in every SDL, and bytes allocated are what set
// how often the garbage collector runs.
type sdlBlock struct {
	sdl      SDL
	svcPtrs  [2]*Service
	svcs     [2]Service
	exposes  [4]Expose
	tos      [4]ExposeTo
	strs     [24]string
	attrs    [4]Attribute
	vols     [4]StorageVolume
	params   [1]Params
	sparams  [2]StorageParam
	profiles [2]ComputeProfile
	places   [1]Placement
	pricing  [2]ProfilePrice
	sdPtrs   [2]*ServiceDeployment
	sds      [2]ServiceDeployment
	pds      [2]PlacementDeployment
	text     [168]byte
}

// sdlBlockSmall is sdlBlock for an SDL with one service.
type sdlBlockSmall struct {
	sdl      SDL
	svcPtrs  [1]*Service
	svcs     [1]Service
	exposes  [1]Expose
	tos      [1]ExposeTo
	strs     [10]string
	attrs    [2]Attribute
	vols     [1]StorageVolume
	profiles [1]ComputeProfile
	places   [1]Placement
	pricing  [1]ProfilePrice
	sdPtrs   [1]*ServiceDeployment
	sds      [1]ServiceDeployment
	pds      [1]PlacementDeployment
	text     [32]byte
}

// sdlBlockPair is sdlBlock for an SDL with two services, the next most
// common case.
type sdlBlockPair struct {
	sdl      SDL
	svcPtrs  [2]*Service
	svcs     [2]Service
	exposes  [2]Expose
	tos      [2]ExposeTo
	strs     [14]string
	attrs    [2]Attribute
	vols     [2]StorageVolume
	profiles [2]ComputeProfile
	places   [1]Placement
	pricing  [2]ProfilePrice
	sdPtrs   [2]*ServiceDeployment
	sds      [2]ServiceDeployment
	pds      [2]PlacementDeployment
	text     [24]byte
}

// arena hands out the unused parts of an SDL's block, then heap memory.
type arena struct {
	svcPtrs  []*Service
	svcs     []Service
	exposes  []Expose
	tos      []ExposeTo
	strs     []string
	attrs    []Attribute
	vols     []StorageVolume
	params   []Params
	sparams  []StorageParam
	profiles []ComputeProfile
	places   []Placement
	pricing  []ProfilePrice
	sdPtrs   []*ServiceDeployment
	sds      []ServiceDeployment
	pds      []PlacementDeployment
	text     []byte // bytes not yet viewed by a string
}

// init allocates the block of an SDL with the given number of services
// and returns the SDL in it.
func (a *arena) init(services int) *SDL {
	if services <= 1 {
		b := &sdlBlockSmall{}
		*a = arena{
			svcPtrs: b.svcPtrs[:], svcs: b.svcs[:], exposes: b.exposes[:], tos: b.tos[:], strs: b.strs[:], attrs: b.attrs[:],
			vols:     b.vols[:], // params and storage params come from the heap when used
			profiles: b.profiles[:], places: b.places[:], pricing: b.pricing[:], sdPtrs: b.sdPtrs[:], sds: b.sds[:], pds: b.pds[:],
			text: b.text[:0],
		}
		return &b.sdl
	}
	if services == 2 {
		b := &sdlBlockPair{}
		*a = arena{
			svcPtrs: b.svcPtrs[:], svcs: b.svcs[:], exposes: b.exposes[:], tos: b.tos[:], strs: b.strs[:], attrs: b.attrs[:],
			vols:     b.vols[:], // params and storage params come from the heap when used
			profiles: b.profiles[:], places: b.places[:], pricing: b.pricing[:], sdPtrs: b.sdPtrs[:], sds: b.sds[:], pds: b.pds[:],
			text: b.text[:0],
		}
		return &b.sdl
	}
	b := &sdlBlock{}
	*a = arena{
		svcPtrs: b.svcPtrs[:], svcs: b.svcs[:], exposes: b.exposes[:], tos: b.tos[:], strs: b.strs[:], attrs: b.attrs[:],
		vols: b.vols[:], params: b.params[:], sparams: b.sparams[:],
		profiles: b.profiles[:], places: b.places[:], pricing: b.pricing[:], sdPtrs: b.sdPtrs[:], sds: b.sds[:], pds: b.pds[:],
		text: b.text[:0],
	}
	return &b.sdl
}

// take returns an empty slice with room for n elements, carved from pool
// (capped, so appending past n never reaches the next owner's elements).
// When the pool is short, it is refilled with a new chunk of about
// refillBytes (or n elements, if more), so an SDL that outgrows its block
// makes one allocation per few parts rather than one per part.
func take[T any](pool *[]T, n int) []T {
	if n > len(*pool) {
		var zero T
		*pool = make([]T, max(n, refillBytes/int(unsafe.Sizeof(zero))))
	}
	s := (*pool)[:0:n]
	*pool = (*pool)[n:]
	return s
}

// refillBytes is the size of the chunk take allocates when a pool runs out.
const refillBytes = 128

// one returns a pointer to a zero element carved from pool, or a new one.
func one[T any](pool *[]T) *T {
	if len(*pool) > 0 {
		e := &(*pool)[0]
		*pool = (*pool)[1:]
		return e
	}
	return new(T)
}

// room makes sure the text buffer can take n more bytes without growing:
// bytes a string already views are never written again, and a full buffer
// is replaced, never reallocated by append.
func (a *arena) room(n int) {
	if cap(a.text)-len(a.text) < n {
		a.text = make([]byte, 0, max(n, 256))
	}
}

// view returns the bytes appended to the text buffer since start as a
// string. The buffer belongs to this parse's SDL, and those bytes are never
// written again (room replaces a full buffer instead of reusing it), so the
// string can share them instead of copying.
func (a *arena) view(start int) string {
	if len(a.text) == start {
		return ""
	}
	return unsafe.String(&a.text[start], len(a.text)-start)
}

// number is jsNumber(f), formatting whole numbers into the arena's text.
func (a *arena) number(f float64) string {
	if !(f >= 100 && f < 1<<53) || f != float64(int64(f)) {
		// small whole numbers are static strings in strconv; the rest are rare
		return jsNumber(f)
	}
	// the digits, last first, then copied in order
	var buf [16]byte // 2^53 has 16 digits
	n, i := uint64(f), len(buf)
	for n >= 10 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	buf[i] = byte('0' + n)
	a.room(len(buf) - i)
	start := len(a.text)
	a.text = append(a.text, buf[i:]...)
	return a.view(start)
}

// concat joins parts into one string in the arena's text.
func (a *arena) concat(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	a.room(n)
	start := len(a.text)
	for _, p := range parts {
		a.text = append(a.text, p...)
	}
	return a.view(start)
}
