package sdl

// Switches finding a key's index in the key sets parsed most often: a
// switch on constant strings compiles to a few word comparisons, cheaper
// than the hashed lookup's call to compare two strings. TestKeySets holds
// each to its set's names.

func rootKeyIndex(k string) int {
	switch k {
	case "version":
		return 0
	case "services":
		return 1
	case "profiles":
		return 2
	case "deployment":
		return 3
	case "endpoints":
		return 4
	case "include":
		return 5
	}
	return -1
}

func serviceKeyIndex(k string) int {
	switch k {
	case "image":
		return 0
	case "command":
		return 1
	case "args":
		return 2
	case "env":
		return 3
	case "expose":
		return 4
	case "params":
		return 5
	case "credentials":
		return 6
	case "dependencies":
		return 7
	}
	return -1
}

func exposeKeyIndex(k string) int {
	switch k {
	case "port":
		return 0
	case "as":
		return 1
	case "proto":
		return 2
	case "accept":
		return 3
	case "to":
		return 4
	case "http_options":
		return 5
	}
	return -1
}

func exposeToKeyIndex(k string) int {
	switch k {
	case "service":
		return 0
	case "global":
		return 1
	case "ip":
		return 2
	}
	return -1
}

func resourcesKeyIndex(k string) int {
	switch k {
	case "cpu":
		return 0
	case "memory":
		return 1
	case "storage":
		return 2
	case "gpu":
		return 3
	}
	return -1
}

func unitsKeyIndex(k string) int {
	switch k {
	case "units":
		return 0
	case "attributes":
		return 1
	}
	return -1
}

func volumeKeyIndex(k string) int {
	switch k {
	case "name":
		return 0
	case "size":
		return 1
	case "attributes":
		return 2
	}
	return -1
}

func placementKeyIndex(k string) int {
	switch k {
	case "attributes":
		return 0
	case "signedBy":
		return 1
	case "pricing":
		return 2
	}
	return -1
}

func priceKeyIndex(k string) int {
	switch k {
	case "denom":
		return 0
	case "amount":
		return 1
	}
	return -1
}

func deploymentKeyIndex(k string) int {
	switch k {
	case "profile":
		return 0
	case "count":
		return 1
	}
	return -1
}

func profilesKeyIndex(k string) int {
	switch k {
	case "compute":
		return 0
	case "placement":
		return 1
	}
	return -1
}

func computeKeyIndex(k string) int {
	switch k {
	case "resources":
		return 0
	}
	return -1
}

func memoryKeyIndex(k string) int {
	switch k {
	case "size":
		return 0
	}
	return -1
}
