package templates

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"
)

// Limits that keep a hostile or mistaken archive from exhausting memory.
const (
	maxArchiveFile  = 4 << 20   // per kept file
	maxArchiveTotal = 256 << 20 // all kept files together
)

// OpenArchive reads a downloaded catalog archive (.zip, .tar.gz or .tgz, as
// GitHub serves them) into an in-memory file system for ImportAwesomeAkash.
// Only the Markdown and YAML files an import reads are kept. name is used to
// pick the format and in errors.
func OpenArchive(data []byte, name string) (fs.FS, error) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".zip"):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, fmt.Errorf("reading zip archive %s: %w", name, err)
		}
		return zr, nil
	case strings.HasSuffix(lower, ".tar.gz"), strings.HasSuffix(lower, ".tgz"):
		gz, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("reading gzip archive %s: %w", name, err)
		}
		files, err := readTar(tar.NewReader(gz))
		if err != nil {
			return nil, fmt.Errorf("reading tar archive %s: %w", name, err)
		}
		return files, nil
	}
	return nil, fmt.Errorf("archive %s: unsupported format (use .zip, .tar.gz or .tgz)", name)
}

// keptInArchive reports whether an import needs the file.
func keptInArchive(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".yaml" || ext == ".yml"
}

// readTar loads the regular files an import needs. fstest.MapFS is the
// standard library's map-backed fs.FS; it synthesises the directories.
func readTar(tr *tar.Reader) (fstest.MapFS, error) {
	files := fstest.MapFS{}
	total := 0
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files, nil
		}
		if err != nil {
			return nil, err
		}
		if hdr.Typeflag != tar.TypeReg || !keptInArchive(hdr.Name) {
			continue
		}
		name := path.Clean(strings.TrimPrefix(hdr.Name, "./"))
		if !fs.ValidPath(name) {
			return nil, fmt.Errorf("unsafe path %q", hdr.Name)
		}
		if hdr.Size > maxArchiveFile {
			continue // no SDL or README is this large
		}
		data, err := io.ReadAll(io.LimitReader(tr, maxArchiveFile+1))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		total += len(data)
		if total > maxArchiveTotal {
			return nil, fmt.Errorf("more than %d MiB of text files", maxArchiveTotal>>20)
		}
		files[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
}
