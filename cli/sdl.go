package cli

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/sdl"
)

func (a *App) newSDLCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sdl",
		Short: "Validate, inspect and edit Akash SDL files",
	}
	cmd.AddCommand(a.newSDLValidateCmd(), a.newSDLInspectCmd(), a.newSDLGPUCmd())
	return cmd
}

// sdlNetwork is the network whose rules the warnings apply (mainnet when the
// configuration cannot be read).
func (a *App) sdlNetwork() string {
	if cfg, err := a.Config(); err == nil && cfg.NetworkName != "" {
		return cfg.NetworkName
	}
	return "mainnet"
}

type sdlFileResult struct {
	File     string           `json:"file"`
	Valid    bool             `json:"valid"`
	Errors   []sdl.Diagnostic `json:"errors"`
	Warnings []sdl.Diagnostic `json:"warnings"`
}

// checkSDL reads and parses one file; read errors become a diagnostic.
func (a *App) checkSDL(file string) (*sdl.SDL, sdlFileResult) {
	res := sdlFileResult{File: file, Errors: []sdl.Diagnostic{}, Warnings: []sdl.Diagnostic{}}
	data, err := os.ReadFile(file)
	if err != nil {
		res.Errors = append(res.Errors, sdl.Diagnostic{Message: fmt.Sprintf("reading SDL: %v", err)})
		return nil, res
	}
	s, err := sdl.Parse(data)
	if err != nil {
		var perr *sdl.Error
		if errors.As(err, &perr) {
			res.Errors = perr.Diagnostics
		} else {
			res.Errors = append(res.Errors, sdl.Diagnostic{Message: err.Error()})
		}
		return nil, res
	}
	res.Valid = true
	res.Warnings = append(res.Warnings, s.Warnings(a.sdlNetwork())...)
	return s, res
}

func (a *App) printDiagnostics(res sdlFileResult) {
	for _, d := range res.Errors {
		fmt.Fprintf(a.Err, "%s: error: %s\n", res.File, d)
	}
	for _, d := range res.Warnings {
		fmt.Fprintf(a.Err, "%s: warning: %s\n", res.File, d)
	}
}

func (a *App) newSDLValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check SDL files; errors and warnings go to stderr, exit 1 if any file is invalid",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, files []string) error {
			results := make([]sdlFileResult, 0, len(files))
			invalid := 0
			for _, f := range files {
				_, res := a.checkSDL(f)
				if !res.Valid {
					invalid++
				}
				a.printDiagnostics(res)
				results = append(results, res)
			}
			if a.JSON() {
				if err := a.PrintJSON(results); err != nil {
					return err
				}
			} else {
				for _, r := range results {
					if r.Valid {
						fmt.Fprintf(a.Out, "%s: valid (%d warnings)\n", r.File, len(r.Warnings))
					}
				}
			}
			if invalid > 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("%d of %d SDL files are invalid", invalid, len(files))}
			}
			return nil
		},
	}
}

type sdlInspectJSON struct {
	Version  string           `json:"version"`
	Manifest json.RawMessage  `json:"manifest"`
	Groups   json.RawMessage  `json:"groups"`
	Warnings []sdl.Diagnostic `json:"warnings"`
}

func (a *App) newSDLInspectCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "inspect FILE",
		Short: "Show the deployment groups, manifest and version hash an SDL produces",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			s, res := a.checkSDL(args[0])
			if !res.Valid {
				for _, d := range res.Errors {
					fmt.Fprintf(a.Err, "%s: error: %s\n", res.File, d)
				}
				return &ExitError{Code: 1, Err: fmt.Errorf("%s is not a valid SDL", args[0])}
			}
			v := s.Version()
			if a.JSON() {
				return a.PrintJSON(sdlInspectJSON{
					Version:  hex.EncodeToString(v[:]),
					Manifest: s.ManifestJSON(),
					Groups:   sdl.GroupsJSON(s.Groups()),
					Warnings: res.Warnings,
				})
			}
			a.printDiagnostics(sdlFileResult{File: res.File, Warnings: res.Warnings})
			a.printInspect(s, v)
			return nil
		},
	}
}

func (a *App) printInspect(s *sdl.SDL, v [32]byte) {
	fmt.Fprintf(a.Out, "version   %x\n", v)
	for _, g := range s.Groups() {
		fmt.Fprintf(a.Out, "group     %s\n", g.Name)
		for _, ru := range g.Resources {
			r := ru.Resources
			storage := make([]string, 0, len(r.Storage))
			for _, st := range r.Storage {
				storage = append(storage, st.Name+"="+humanBytes(st.Size))
			}
			fmt.Fprintf(a.Out, "  unit %d  count %d  cpu %sm  memory %s  storage %s  gpu %s  price %s%s\n",
				r.ID, ru.Count, r.CPU.Value, humanBytes(r.Memory.Value), strings.Join(storage, ","), r.GPU.Value, ru.Price.Amount, ru.Price.Denom)
			for _, at := range r.GPU.Attributes {
				fmt.Fprintf(a.Out, "    gpu %s\n", at.Key)
			}
		}
	}
	for _, g := range s.Manifest() {
		for _, svc := range g.Services {
			fmt.Fprintf(a.Out, "service   %s/%s  image %s  count %d\n", g.Name, svc.Name, svc.Image, svc.Count)
		}
	}
}

// humanBytes writes a byte count with the largest binary unit dividing it
// exactly (1073741824 → 1Gi), or as bytes.
func humanBytes(s string) string {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n == 0 {
		return s
	}
	for _, u := range []struct {
		name string
		size uint64
	}{{"Ti", 1 << 40}, {"Gi", 1 << 30}, {"Mi", 1 << 20}, {"Ki", 1 << 10}} {
		if n%u.size == 0 {
			return strconv.FormatUint(n/u.size, 10) + u.name
		}
	}
	for _, u := range []struct {
		name string
		size uint64
	}{{"T", 1e12}, {"G", 1e9}, {"M", 1e6}, {"k", 1e3}} {
		if n%u.size == 0 {
			return strconv.FormatUint(n/u.size, 10) + u.name
		}
	}
	return s
}

func (a *App) newSDLGPUCmd() *cobra.Command {
	var (
		units   int
		models  []string
		profile string
		write   bool
	)
	cmd := &cobra.Command{
		Use:   "gpu FILE --units N --model a100[:80Gi[:sxm]] ... [--write]",
		Short: "Set the GPU units and models of a compute profile",
		Long: `Set the GPU units and the NVIDIA models of a compute profile, keeping the
rest of the file as written (comments included). Without --write the edited
SDL is printed; with --write the file is updated in place.
--model replaces the model list (repeat it for several models); --units 0
removes the GPU section. A tensor-parallel flag in the command line of a
service using the profile (vLLM's --tensor-parallel-size or -tp, SGLang's
--tp-size or --tp) is set to the new units as well, and reported.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := args[0]
			data, err := os.ReadFile(file)
			if err != nil {
				return fmt.Errorf("reading SDL: %w", err)
			}
			doc, err := sdl.Edit(data)
			if err != nil {
				return fmt.Errorf("opening %s: %w", file, err)
			}
			synced := []string{} // services whose tensor-parallel size followed the units
			if profile == "" {
				names := doc.ProfileNames()
				if len(names) != 1 {
					sort.Strings(names)
					return fmt.Errorf("%s has %d compute profiles: choose one with --profile (%s)", file, len(names), strings.Join(names, ", "))
				}
				profile = names[0]
			}
			if !cmd.Flags().Changed("units") && !cmd.Flags().Changed("model") {
				return errors.New("nothing to do: give --units and/or --model")
			}
			if cmd.Flags().Changed("units") {
				if units < 0 {
					return fmt.Errorf("--units must be 0 or more, got %d", units)
				}
				if err := doc.SetGPU(profile, uint32(units)); err != nil {
					return err
				}
				changed, err := doc.SyncTensorParallel(profile, uint32(units))
				if err != nil {
					return err
				}
				synced = append(synced, changed...)
				for _, s := range synced {
					fmt.Fprintf(a.Err, "%s: service %s: tensor-parallel size set to %d to match the GPU units\n", file, s, units)
				}
			}
			if cmd.Flags().Changed("model") {
				specs := make([]sdl.GPUModelSpec, 0, len(models))
				for _, m := range models {
					spec, err := sdl.ParseGPUModel(m)
					if err != nil {
						return err
					}
					specs = append(specs, spec)
				}
				if err := doc.SetGPUModels(profile, "nvidia", specs); err != nil {
					return err
				}
			}
			out := doc.Bytes()
			if s, err := doc.SDL(); err == nil {
				for _, w := range s.Warnings(a.sdlNetwork()) {
					fmt.Fprintf(a.Err, "%s: warning: %s\n", file, w)
				}
			}
			if write {
				info, err := os.Stat(file)
				if err != nil {
					return fmt.Errorf("writing %s: %w", file, err)
				}
				if err := os.WriteFile(file, out, info.Mode().Perm()); err != nil {
					return fmt.Errorf("writing %s: %w", file, err)
				}
			}
			if a.JSON() {
				return a.PrintJSON(map[string]any{"file": file, "profile": profile, "written": write, "tensor_parallel_synced": synced, "sdl": string(out)})
			}
			if write {
				fmt.Fprintf(a.Out, "updated %s (profile %s)\n", file, profile)
				return nil
			}
			_, err = a.Out.Write(out)
			return err
		},
	}
	cmd.Flags().IntVar(&units, "units", 0, "GPU units (0 removes the GPU)")
	cmd.Flags().StringArrayVar(&models, "model", nil, "NVIDIA model as model[:ram[:interface]], e.g. a100:80Gi:sxm (repeatable)")
	cmd.Flags().StringVar(&profile, "profile", "", "compute profile to edit (needed when the SDL has several)")
	cmd.Flags().BoolVar(&write, "write", false, "write the result back to FILE")
	return cmd
}
