package sdl

import "strings"

// baseSDL is a small valid SDL used by the unit tests; tests replace parts of it.
const baseSDL = `version: "2.0"
services:
  web:
    image: nginx:1.25
    expose:
      - port: 80
        as: 80
        to:
          - global: true
profiles:
  compute:
    web:
      resources:
        cpu:
          units: 0.5
        memory:
          size: 512Mi
        storage:
          size: 1Gi
  placement:
    dcloud:
      pricing:
        web:
          denom: uact
          amount: 1000
deployment:
  web:
    dcloud:
      profile: web
      count: 1
`

// withSDL returns baseSDL with old replaced by new (exactly once).
func withSDL(old, new string) string {
	if !strings.Contains(baseSDL, old) {
		panic("baseSDL does not contain " + old)
	}
	return strings.Replace(baseSDL, old, new, 1)
}
