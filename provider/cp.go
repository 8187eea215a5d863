package provider

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// CopyResult counts what a copy transferred.
type CopyResult struct {
	Files int   `json:"files"`
	Dirs  int   `json:"dirs"`
	Bytes int64 `json:"bytes"`
	// Skipped lists entries that were not copied (symlinks, devices) with the reason.
	Skipped []string `json:"skipped,omitempty"`
}

// CopyTarget is a path inside a service replica.
type CopyTarget struct {
	Service string
	Replica int
	Path    string
}

// CopyTo copies a local file or directory into a service replica, like `cp -r`: the result
// is at target.Path (or target.Path/<base of local> when target.Path ends in "/"). It streams
// a tar archive to `tar xf - -C DIR` in the replica, so the image must have tar.
func (c *Client) CopyTo(ctx context.Context, lease LeaseID, local string, target CopyTarget) (*CopyResult, error) {
	info, err := os.Stat(local)
	if err != nil {
		return nil, fmt.Errorf("copying %s: %w", local, err)
	}
	remote := target.Path
	if strings.HasSuffix(remote, "/") {
		remote += filepath.Base(local)
	}
	remote = path.Clean(remote)
	if remote == "/" || remote == "." {
		return nil, fmt.Errorf("copying %s: remote path %q names no file", local, target.Path)
	}
	dir, base := path.Dir(remote), path.Base(remote)
	pr, pw := io.Pipe()
	res := &CopyResult{}
	go func() { pw.CloseWithError(writeTar(pw, local, info, base, res)) }()
	var stderr bytes.Buffer
	code, err := c.Exec(ctx, lease, ExecOptions{
		Service: target.Service, Replica: target.Replica,
		Command: []string{"tar", "xf", "-", "-C", dir},
		Stdin:   pr, Stderr: &stderr,
	})
	pr.CloseWithError(errors.New("copy finished"))
	if err != nil {
		return nil, fmt.Errorf("copying %s to %s:%s: %w", local, target.Service, remote, err)
	}
	if code != 0 {
		return nil, fmt.Errorf("copying %s to %s:%s: remote tar exited with %d: %s", local, target.Service, remote, code, strings.TrimSpace(stderr.String()))
	}
	return res, nil
}

// writeTar archives local (a file or directory) under the name base.
func writeTar(w io.Writer, local string, info fs.FileInfo, base string, res *CopyResult) error {
	tw := tar.NewWriter(w)
	if !info.IsDir() {
		if err := addFile(tw, local, info, base, res); err != nil {
			return err
		}
		return tw.Close()
	}
	err := filepath.WalkDir(local, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(local, p)
		if err != nil {
			return err
		}
		name := path.Join(base, filepath.ToSlash(rel))
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			res.Dirs++
			return tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: name + "/", Mode: int64(fi.Mode().Perm()), ModTime: fi.ModTime()})
		}
		return addFile(tw, p, fi, name, res)
	})
	if err != nil {
		return fmt.Errorf("archiving %s: %w", local, err)
	}
	return tw.Close()
}

func addFile(tw *tar.Writer, p string, fi fs.FileInfo, name string, res *CopyResult) error {
	if !fi.Mode().IsRegular() {
		res.Skipped = append(res.Skipped, name+": not a regular file")
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: int64(fi.Mode().Perm()), Size: fi.Size(), ModTime: fi.ModTime()}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	n, err := io.Copy(tw, f)
	if err != nil {
		return fmt.Errorf("archiving %s: %w", p, err)
	}
	res.Files++
	res.Bytes += n
	return nil
}

// CopyFrom copies a file or directory from a service replica to local (the result is at
// local, or local/<base of remote> when local is an existing directory). It runs
// `tar cf - -C DIR BASE` in the replica and unpacks the stream, refusing entries that would
// land outside the destination.
func (c *Client) CopyFrom(ctx context.Context, lease LeaseID, source CopyTarget, local string) (*CopyResult, error) {
	remote := path.Clean(source.Path)
	if remote == "/" || remote == "." {
		return nil, fmt.Errorf("copying %s:%s: remote path names no file", source.Service, source.Path)
	}
	dir, base := path.Dir(remote), path.Base(remote)
	if fi, err := os.Stat(local); err == nil && fi.IsDir() {
		local = filepath.Join(local, base)
	}
	pr, pw := io.Pipe()
	res := &CopyResult{}
	extracted := make(chan error, 1)
	go func() {
		err := readTar(pr, base, local, res)
		_, _ = io.Copy(io.Discard, pr) // drain so the shell never blocks on a finished reader
		extracted <- err
	}()
	var stderr bytes.Buffer
	code, err := c.Exec(ctx, lease, ExecOptions{
		Service: source.Service, Replica: source.Replica,
		Command: []string{"tar", "cf", "-", "-C", dir, base},
		Stdout:  pw, Stderr: &stderr,
	})
	pw.Close()
	xerr := <-extracted
	where := fmt.Sprintf("copying %s:%s to %s", source.Service, remote, local)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if code != 0 {
		return nil, fmt.Errorf("%s: remote tar exited with %d: %s", where, code, strings.TrimSpace(stderr.String()))
	}
	if xerr != nil {
		return nil, fmt.Errorf("%s: %w", where, xerr)
	}
	return res, nil
}

// readTar unpacks entries named base or base/... to local, local/... .
func readTar(r io.Reader, base, local string, res *CopyResult) error {
	tr := tar.NewReader(r)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading archive: %w", err)
		}
		name := strings.TrimSuffix(path.Clean(hdr.Name), "/")
		rel, ok := strings.CutPrefix(name, base)
		if !ok || (rel != "" && !strings.HasPrefix(rel, "/")) {
			return fmt.Errorf("archive entry %q is outside %s", hdr.Name, base)
		}
		rel = strings.TrimPrefix(rel, "/")
		if !filepath.IsLocal(filepath.FromSlash(rel)) && rel != "" {
			return fmt.Errorf("archive entry %q escapes the destination", hdr.Name)
		}
		dest := filepath.Join(local, filepath.FromSlash(rel))
		switch hdr.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(dest, 0o755); err != nil {
				return err
			}
			res.Dirs++
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(dest, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, fs.FileMode(hdr.Mode).Perm()|0o600)
			if err != nil {
				return err
			}
			n, err := io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("writing %s: %w", dest, err)
			}
			res.Files++
			res.Bytes += n
		default:
			res.Skipped = append(res.Skipped, hdr.Name+": not a regular file or directory")
		}
	}
}
