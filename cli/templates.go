package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/sdl"
	"github.com/akt-project/akt/templates"
)

// validateSDL is the templates.Validator akt uses: its own SDL engine.
func validateSDL(doc []byte) error {
	_, err := sdl.Parse(doc)
	return err
}

// userTemplatesDir is where imported templates are stored:
// $XDG_DATA_HOME/akt/templates.
func (a *App) userTemplatesDir() string {
	if cfg, err := a.Config(); err == nil {
		return filepath.Join(cfg.Dirs.Data, "templates")
	}
	return filepath.Join(config.ResolveDirs(os.LookupEnv).Data, "templates")
}

// loadCatalog returns the built-in templates plus the user directory's. Bad
// user templates are reported on Err and skipped; they never hide the rest.
func (a *App) loadCatalog() (*templates.Catalog, error) {
	builtin, err := templates.Load(templates.BuiltinFS(), "builtin")
	if err != nil {
		return nil, fmt.Errorf("loading the built-in templates: %w", err)
	}
	dir := a.userTemplatesDir()
	var user []*templates.Template
	if _, statErr := os.Stat(dir); statErr == nil {
		user, err = templates.Load(os.DirFS(dir), "user")
		if err != nil {
			fmt.Fprintf(a.Err, "warning: skipping templates in %s: %v\n", dir, err)
		}
	}
	taken := make(map[string]bool, len(builtin))
	for _, t := range builtin {
		taken[t.ID] = true
	}
	kept := user[:0]
	for _, t := range user {
		if taken[t.ID] {
			fmt.Fprintf(a.Err, "warning: skipping %s in %s: a built-in template has that id\n", t.ID, dir)
			continue
		}
		kept = append(kept, t)
	}
	return templates.NewCatalog(validateSDL, builtin, kept)
}

func (a *App) newTemplatesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "templates",
		Aliases: []string{"template"},
		Short:   "Browse, render and import deployable SDL templates",
		Long: `Templates are ready-made SDLs for AI/ML, web and node-operator workloads,
with parameters you fill in. The built-in catalog works offline; templates
imported from awesome-akash are kept in $XDG_DATA_HOME/akt/templates.`,
	}
	cmd.AddCommand(a.newTemplatesListCmd(), a.newTemplatesShowCmd(), a.newTemplatesRenderCmd(), a.newTemplatesImportCmd())
	return cmd
}

type templateSummaryJSON struct {
	ID      string            `json:"id"`
	Title   string            `json:"title"`
	Summary string            `json:"summary"`
	Segment templates.Segment `json:"segment"`
	Tags    []string          `json:"tags"`
	Source  string            `json:"source"`
	Params  int               `json:"params"`
}

func (a *App) newTemplatesListCmd() *cobra.Command {
	var segment string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List templates, optionally of one segment",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			seg := templates.Segment(segment)
			if seg != "" && !seg.Valid() {
				return fmt.Errorf("unknown segment %q (use one of %s)", segment, segmentNames())
			}
			cat, err := a.loadCatalog()
			if err != nil {
				return err
			}
			list := cat.List(seg)
			if a.JSON() {
				out := make([]templateSummaryJSON, 0, len(list))
				for _, t := range list {
					out = append(out, templateSummaryJSON{ID: t.ID, Title: t.Title, Summary: t.Summary,
						Segment: t.Segment, Tags: t.Tags, Source: t.Source, Params: len(t.Params)})
				}
				return a.PrintJSON(out)
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEGMENT\tTITLE\tSOURCE")
			for _, t := range list {
				src, _, _ := strings.Cut(t.Source, ":")
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.ID, t.Segment, t.Title, src)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&segment, "segment", "", "only this segment: "+segmentNames())
	return cmd
}

func segmentNames() string {
	names := make([]string, len(templates.Segments))
	for i, s := range templates.Segments {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func (a *App) newTemplatesShowCmd() *cobra.Command {
	var showSDL bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a template's description and parameters",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			cat, err := a.loadCatalog()
			if err != nil {
				return err
			}
			t, err := cat.Get(args[0])
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(struct {
					*templates.Template
					SDL string `json:"sdl"`
				}{t, string(t.SDL())})
			}
			if showSDL {
				_, err := a.Out.Write(t.SDL())
				return err
			}
			printTemplate(a, t)
			return nil
		},
	}
	cmd.Flags().BoolVar(&showSDL, "sdl", false, "print the SDL source with its {{placeholders}} instead")
	return cmd
}

func printTemplate(a *App, t *templates.Template) {
	fmt.Fprintf(a.Out, "%s (%s)\n%s\n\nSegment: %s\nTags:    %s\nSource:  %s\n",
		t.Title, t.ID, t.Summary, t.Segment, strings.Join(t.Tags, ", "), t.Source)
	if len(t.Params) == 0 {
		fmt.Fprintln(a.Out, "\nNo parameters: the SDL is used as it is.")
		return
	}
	fmt.Fprintln(a.Out, "\nParameters (set with --set NAME=VALUE):")
	for _, p := range t.Params {
		fmt.Fprintf(a.Out, "\n  %s  %s  [%s]\n", p.Name, p.Label, paramKind(p))
		fmt.Fprintf(a.Out, "    default: %s\n", shownDefault(p))
		if c := p.Constraints(); c != "" {
			fmt.Fprintf(a.Out, "    allowed: %s\n", c)
		}
		fmt.Fprintf(a.Out, "    %s\n", p.Help)
		if sets := p.SetsParams(); len(sets) > 0 {
			fmt.Fprintf(a.Out, "    choosing also sets: %s\n", strings.Join(sets, ", "))
		}
		if len(p.Targets) > 0 {
			fmt.Fprintf(a.Out, "    lands in: %s\n", strings.Join(p.Targets, ", "))
		}
	}
}

func paramKind(p *templates.Param) string {
	kind := string(p.Type)
	if p.List {
		kind += " list, one per line"
	}
	if p.Type == templates.TypeGPUModels {
		kind += " list, comma separated"
	}
	if p.Optional {
		kind += ", optional"
	}
	if p.Advanced {
		kind += ", advanced"
	}
	return kind
}

func shownDefault(p *templates.Param) string {
	switch {
	case p.Default == "" && p.Generate > 0:
		return fmt.Sprintf("(generated, %d characters)", p.Generate)
	case p.Default == "":
		return "(empty)"
	case p.Type == templates.TypeSecret:
		return "(set)"
	}
	return p.Default
}

func (a *App) newTemplatesRenderCmd() *cobra.Command {
	var sets []string
	var file string
	cmd := &cobra.Command{
		Use:   "render ID",
		Short: "Fill a template's parameters and print (or save) the SDL",
		Long: `Render fills a template's parameters and checks the resulting SDL.
Parameters you do not set keep their defaults; empty secrets with a
generated default get a random value, written into the SDL. Repeat --set
for a list parameter to add items. -o stays the global --output shorthand;
use --file/-f to save the SDL.`,
		Example: `  akt templates render llm-vllm --set gpu_count=2 --set gpu_models=h100,a100 -f llm.yaml
  akt templates render container --set image=ghcr.io/me/app:1.0 --set env=MODE=prod --set env=DEBUG=0`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			cat, err := a.loadCatalog()
			if err != nil {
				return err
			}
			t, err := cat.Get(args[0])
			if err != nil {
				return err
			}
			values, err := parseSets(t, sets)
			if err != nil {
				return err
			}
			resolved, err := t.Resolve(values)
			if err != nil {
				return err
			}
			var generated []string
			for _, p := range t.Params {
				if _, given := values[p.Name]; !given && p.Generate > 0 && p.Default == "" {
					generated = append(generated, p.Name)
				}
			}
			out, err := t.Render(resolved)
			if err != nil {
				return err
			}
			if file != "" {
				// The SDL may hold secrets: readable by the owner only.
				if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
					return fmt.Errorf("writing the SDL of %s: %w", t.ID, err)
				}
			}
			if a.JSON() {
				return a.PrintJSON(struct {
					ID        string   `json:"id"`
					File      string   `json:"file,omitempty"`
					Generated []string `json:"generated"`
					SDL       string   `json:"sdl"`
				}{t.ID, file, append([]string{}, generated...), out})
			}
			if len(generated) > 0 {
				fmt.Fprintf(a.Err, "Generated %s; the values are in the SDL.\n", strings.Join(generated, ", "))
			}
			if file != "" {
				fmt.Fprintf(a.Out, "Wrote %s (template %s)\n", file, t.ID)
				return nil
			}
			_, err = fmt.Fprint(a.Out, out)
			return err
		},
	}
	cmd.Flags().StringArrayVar(&sets, "set", nil, "parameter value NAME=VALUE (repeatable)")
	cmd.Flags().StringVarP(&file, "file", "f", "", "write the SDL to this file instead of stdout")
	return cmd
}

// parseSets turns --set NAME=VALUE flags into values; repeated names of list
// parameters add items, repeated names of others are an error.
func parseSets(t *templates.Template, sets []string) (map[string]string, error) {
	values := map[string]string{}
	for _, s := range sets {
		name, val, ok := strings.Cut(s, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("--set %q: use NAME=VALUE", s)
		}
		p := t.Param(name)
		if p == nil {
			return nil, fmt.Errorf("--set %s: template %s has no such parameter (see `akt templates show %s`)", name, t.ID, t.ID)
		}
		prev, seen := values[name]
		switch {
		case !seen:
			values[name] = val
		case p.List:
			values[name] = prev + "\n" + val
		case p.Type == templates.TypeGPUModels:
			values[name] = prev + "," + val
		default:
			return nil, fmt.Errorf("--set %s given twice", name)
		}
	}
	return values, nil
}

type importJSON struct {
	Dir      string                    `json:"dir"`
	Imported []string                  `json:"imported"`
	Rejected []templates.ImportProblem `json:"rejected"`
	Notes    []string                  `json:"notes"`
}

func (a *App) newTemplatesImportCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "import PATH",
		Short: "Import the awesome-akash catalog from a checkout or a .zip/.tar.gz archive",
		Long: `Import reads an awesome-akash checkout (a directory with README.md and one
directory per template) or the archive GitHub serves for it, keeps every
deploy*.yaml that validates, and stores it as a template with id
aa-<directory> in the user templates directory. Files that do not validate
are listed with the reason.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			src, err := openCatalogSource(args[0])
			if err != nil {
				return err
			}
			report, err := templates.ImportAwesomeAkash(src, validateSDL)
			if err != nil {
				return fmt.Errorf("importing %s: %w", args[0], err)
			}
			if dir == "" {
				dir = a.userTemplatesDir()
			}
			ids := make([]string, 0, len(report.Imported))
			for _, t := range report.Imported {
				if err := templates.WriteTemplate(dir, t); err != nil {
					return err
				}
				ids = append(ids, t.ID)
			}
			sort.Strings(ids)
			if a.JSON() {
				return a.PrintJSON(importJSON{Dir: dir, Imported: ids,
					Rejected: append([]templates.ImportProblem{}, report.Rejected...), Notes: append([]string{}, report.Notes...)})
			}
			fmt.Fprintf(a.Out, "Imported %d templates into %s; %d files rejected.\n", len(ids), dir, len(report.Rejected))
			for _, r := range report.Rejected {
				fmt.Fprintf(a.Out, "  rejected %s: %s\n", r.Path, strings.ReplaceAll(r.Reason, "\n", "; "))
			}
			for _, n := range report.Notes {
				fmt.Fprintf(a.Out, "  note: %s\n", n)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "user templates directory (default $XDG_DATA_HOME/akt/templates)")
	return cmd
}

// openCatalogSource opens a catalog checkout directory or archive file.
func openCatalogSource(path string) (fs.FS, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("opening the catalog: %w", err)
	}
	if info.IsDir() {
		return os.DirFS(path), nil
	}
	const maxArchive = 512 << 20
	if info.Size() > maxArchive {
		return nil, fmt.Errorf("archive %s is larger than %d MiB", path, maxArchive>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the archive: %w", err)
	}
	return templates.OpenArchive(data, filepath.Base(path))
}
