package sdl

// Two thirds of the SDLs have one service, and of those about one in four
// mounts storage (service params with a persistent volume; most model
// servers two) and one in five exposes more than one port. With
// sdlBlockSmall alone each of them took several refills besides the block
// (params, storage params, more volumes, their attributes; a second expose
// and its target): 2 to 5 allocations of 128 bytes or so. The variants
// below hold those parts in the block, which still fits the next size
// class up, so such an SDL is one allocation again and fewer bytes in all.
// Which one to take is read from the loaded tree before the block is made
// (oneServiceShape).

// sdlBlockOneStorage is sdlBlockSmall for a service with params: room for
// its params, a storage param, a second volume and the volumes' attributes.
type sdlBlockOneStorage struct {
	sdl      SDL
	svcPtrs  [1]*Service
	svcs     [1]Service
	exposes  [1]Expose
	tos      [1]ExposeTo
	strs     [10]string
	attrs    [4]Attribute
	vols     [2]StorageVolume
	params   [1]Params
	sparams  [1]StorageParam
	profiles [1]ComputeProfile
	places   [1]Placement
	pricing  [1]ProfilePrice
	sdPtrs   [1]*ServiceDeployment
	sds      [1]ServiceDeployment
	pds      [1]PlacementDeployment
	text     [32]byte
}

// sdlBlockOneStorage2 is sdlBlockOneStorage for a service with two
// storage params or more (the usual model server: its data and a shared
// memory volume): room for two storage params, three volumes and the
// attributes of two persistent volumes and a GPU.
type sdlBlockOneStorage2 struct {
	sdl      SDL
	svcPtrs  [1]*Service
	svcs     [1]Service
	exposes  [1]Expose
	tos      [1]ExposeTo
	strs     [10]string
	attrs    [6]Attribute
	vols     [3]StorageVolume
	params   [1]Params
	sparams  [2]StorageParam
	profiles [1]ComputeProfile
	places   [1]Placement
	pricing  [1]ProfilePrice
	sdPtrs   [1]*ServiceDeployment
	sds      [1]ServiceDeployment
	pds      [1]PlacementDeployment
	text     [32]byte
}

// sdlBlockOneExposes is sdlBlockSmall for a service exposing two ports or
// more: room for a second expose, its target and its strings.
type sdlBlockOneExposes struct {
	sdl      SDL
	svcPtrs  [1]*Service
	svcs     [1]Service
	exposes  [2]Expose
	tos      [2]ExposeTo
	strs     [14]string
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

// sdlBlockOneBoth is sdlBlockSmall for a service with both params and two
// exposes or more.
type sdlBlockOneBoth struct {
	sdl      SDL
	svcPtrs  [1]*Service
	svcs     [1]Service
	exposes  [2]Expose
	tos      [2]ExposeTo
	strs     [14]string
	attrs    [4]Attribute
	vols     [2]StorageVolume
	params   [1]Params
	sparams  [1]StorageParam
	profiles [1]ComputeProfile
	places   [1]Placement
	pricing  [1]ProfilePrice
	sdPtrs   [1]*ServiceDeployment
	sds      [1]ServiceDeployment
	pds      [1]PlacementDeployment
	text     [32]byte
}

// What a one-service SDL needs beyond sdlBlockSmall (oneServiceShape).
const (
	oneParams   = 1 << iota // the service has params
	oneExposes              // the service exposes two ports or more
	oneStorage2             // its params name two storage volumes or more
)

// oneServiceShape tells which parts beyond sdlBlockSmall the single service
// svc (its value in services) will take. A wrong guess costs only bytes or
// a refill: the parser still checks everything itself.
func oneServiceShape(svc *value) int {
	if svc == nil || svc.kind != kMap {
		return 0
	}
	shape := 0
	for i, k := range svc.keys {
		switch k {
		case "params":
			if pv := svc.vals[i]; pv.kind == kMap {
				shape |= oneParams
				if st := pv.get("storage"); st != nil && st.kind == kMap && len(st.keys) >= 2 {
					shape |= oneStorage2
				}
			}
		case "expose":
			if e := svc.vals[i]; e.kind == kSeq && len(e.seq) >= 2 {
				shape |= oneExposes
			}
		}
	}
	return shape
}

// initOne is init for an SDL with one service (or none), whose service
// has the given shape.
func (a *arena) initOne(shape int) *SDL {
	if shape&oneStorage2 != 0 {
		// the exposes, if more than one, take a refill
		b := &sdlBlockOneStorage2{}
		*a = arena{
			svcPtrs: b.svcPtrs[:], svcs: b.svcs[:], exposes: b.exposes[:], tos: b.tos[:], strs: b.strs[:], attrs: b.attrs[:],
			vols: b.vols[:], params: b.params[:], sparams: b.sparams[:],
			profiles: b.profiles[:], places: b.places[:], pricing: b.pricing[:], sdPtrs: b.sdPtrs[:], sds: b.sds[:], pds: b.pds[:],
			text: b.text[:0],
		}
		return &b.sdl
	}
	switch shape {
	case oneParams:
		b := &sdlBlockOneStorage{}
		*a = arena{
			svcPtrs: b.svcPtrs[:], svcs: b.svcs[:], exposes: b.exposes[:], tos: b.tos[:], strs: b.strs[:], attrs: b.attrs[:],
			vols: b.vols[:], params: b.params[:], sparams: b.sparams[:],
			profiles: b.profiles[:], places: b.places[:], pricing: b.pricing[:], sdPtrs: b.sdPtrs[:], sds: b.sds[:], pds: b.pds[:],
			text: b.text[:0],
		}
		return &b.sdl
	case oneExposes:
		b := &sdlBlockOneExposes{}
		*a = arena{
			svcPtrs: b.svcPtrs[:], svcs: b.svcs[:], exposes: b.exposes[:], tos: b.tos[:], strs: b.strs[:], attrs: b.attrs[:],
			vols:     b.vols[:], // params and storage params come from the heap when used
			profiles: b.profiles[:], places: b.places[:], pricing: b.pricing[:], sdPtrs: b.sdPtrs[:], sds: b.sds[:], pds: b.pds[:],
			text: b.text[:0],
		}
		return &b.sdl
	case oneParams | oneExposes:
		b := &sdlBlockOneBoth{}
		*a = arena{
			svcPtrs: b.svcPtrs[:], svcs: b.svcs[:], exposes: b.exposes[:], tos: b.tos[:], strs: b.strs[:], attrs: b.attrs[:],
			vols: b.vols[:], params: b.params[:], sparams: b.sparams[:],
			profiles: b.profiles[:], places: b.places[:], pricing: b.pricing[:], sdPtrs: b.sdPtrs[:], sds: b.sds[:], pds: b.pds[:],
			text: b.text[:0],
		}
		return &b.sdl
	}
	return a.init(1)
}
