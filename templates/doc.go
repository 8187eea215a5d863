// Package templates is akt's catalog of deployable SDL templates.
//
// A template is a directory holding two files: template.json, a descriptor
// (id, title, summary, segment, tags and a list of parameters rendered as a
// form), and deploy.yaml, an SDL document in which parameters appear as
// {{name}} placeholders. The built-in catalog is embedded in the binary so it
// works offline; user templates (for example those imported from the public
// awesome-akash catalog) live in a directory chosen by the caller and are
// loaded through an fs.FS.
//
// The package is pure: it never reads the environment or the network. Callers
// hand it an fs.FS, bytes or paths, and a Validator that checks a rendered SDL
// document (the CLI wires the sdl package in).
//
// Typical use:
//
//	cat, err := templates.Builtin(validate)
//	t, err := cat.Get("llm-vllm")
//	for _, p := range t.Params { ... }          // build a form
//	err = t.ValidateParam("gpu_count", "2")     // validate as the user types
//	sdl, err := t.Render(map[string]string{"gpu_count": "2"})
package templates
