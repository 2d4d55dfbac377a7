// Package manifest writes and checks manifest-sha256.txt, the list of every file of a
// built site with its SHA-256.
//
// It takes a built output Tree (Add) or a folder holding a site (Verify). Add gives the
// manifest in the format of GNU sha256sum, so that `sha256sum -c manifest-sha256.txt`
// run in the site's root checks a copy with nothing but coreutils: one line per file,
// "<64 lower-case hex digits>  <path>", paths relative to the site root with slashes,
// sorted by their bytes, the manifest itself left out. A path holding a backslash, a
// newline or a carriage return is written the way sha256sum writes it: the line starts
// with a backslash and those characters are escaped as \\, \n and \r.
//
// Lines writes the same manifest again and again as a site is rebuilt, copying the
// lines of the files that did not change from the last one.
//
// Verify guarantees that every difference between a folder and its manifest is named:
// each missing, extra and changed file, not just the first.
package manifest

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"gazette/generator/output"
)

// Name is the manifest's file name in the site root.
const Name = "manifest-sha256.txt"

// Add writes the manifest of every file already in t into t. It must run after every
// other file was added: a file added later is missing from the manifest. The sums are
// the tree's own: a tree streamed to disk hashed each file as it wrote it, and one held
// in memory hashes a file once and passes the sum on with the file to the next build's
// tree (output.Tree.AddFrom), so that a rebuild hashes only the files it made anew.
func Add(t *output.Tree) error {
	return t.Add(Name, list(t.Sums()))
}

// Lines keeps the last manifest it wrote, so that the next one copies the lines of the
// files that kept their path and SHA-256 instead of writing each line again: a Builder
// makes a manifest after every rebuild, and most of a large site's files (the search
// index's many small files among them) are the previous build's. Its output is Add's,
// byte for byte. The zero Lines is ready to use; it is not safe for concurrent use.
type Lines struct {
	paths []string
	sums  [][32]byte
	ends  []int  // where each path's line ends in data
	data  []byte // the last manifest, never changed once written: a tree holds it
}

// Add writes the manifest of every file already in t into t, as the package's Add does.
func (l *Lines) Add(t *output.Tree) error {
	paths, sums := t.Sums()
	data, ends := l.patch(paths, sums)
	if err := t.Add(Name, data); err != nil {
		return err
	}
	l.paths, l.sums, l.ends, l.data = paths, sums, ends, data
	return nil
}

// patch gives the manifest of paths with their sums, and where each line ends in it.
// Both lists are sorted, so one walk of the two pairs each path with its previous
// line; runs of unchanged lines are copied whole.
func (l *Lines) patch(paths []string, sums [][32]byte) ([]byte, []int) {
	size := 0
	for _, p := range paths {
		size += 2*sha256.Size + len("  \n") + len(p) // room for the escape's backslash too
	}
	buf := make([]byte, 0, size)
	ends := make([]int, len(paths))
	j := 0
	runFrom, runTo := 0, 0 // the run of the previous manifest's bytes not copied yet
	flush := func() {
		buf = append(buf, l.data[runFrom:runTo]...)
		runFrom = runTo
	}
	for i, p := range paths {
		for j < len(l.paths) && l.paths[j] < p {
			j++
		}
		if j < len(l.paths) && l.paths[j] == p && l.sums[j] == sums[i] {
			start := 0
			if j > 0 {
				start = l.ends[j-1]
			}
			if start != runTo {
				flush()
				runFrom = start
			}
			runTo = l.ends[j]
			ends[i] = len(buf) + runTo - runFrom
			j++
			continue
		}
		flush()
		buf = appendLine(buf, sums[i][:], p)
		ends[i] = len(buf)
	}
	flush()
	return buf, ends
}

// list writes the manifest of the files paths names, sorted by their bytes, with their
// SHA-256 sums.
func list(paths []string, sums [][32]byte) []byte {
	size := 0
	for _, p := range paths {
		size += 2*sha256.Size + len("  \n") + len(p)
	}
	buf := make([]byte, 0, size)
	for i, p := range paths {
		buf = appendLine(buf, sums[i][:], p)
	}
	return buf
}

// appendLine appends the line of the file p, whose SHA-256 is sum, to buf.
func appendLine(buf, sum []byte, p string) []byte {
	if strings.ContainsAny(p, "\\\n\r") {
		buf = append(buf, '\\')
		p = strings.NewReplacer("\\", `\\`, "\n", `\n`, "\r", `\r`).Replace(p)
	}
	buf = hex.AppendEncode(buf, sum)
	buf = append(buf, "  "...)
	buf = append(buf, p...)
	return append(buf, '\n')
}

// Report is what Verify found.
type Report struct {
	Checked int      // files listed in the manifest
	Missing []string // listed, but not in the folder
	Extra   []string // in the folder, but not listed
	Changed []string // listed with another SHA-256
}

// OK reports whether the folder matches its manifest exactly.
func (r *Report) OK() bool { return len(r.Missing)+len(r.Extra)+len(r.Changed) == 0 }

// Verify checks the site in fsys against the manifest in its root. The error is for a
// manifest that is missing or unreadable, or a folder that cannot be read; differences
// come back in the Report.
func Verify(fsys fs.FS) (*Report, error) {
	f, err := fsys.Open(Name)
	if err != nil {
		return nil, fmt.Errorf("reading the manifest: %w", err)
	}
	want, err := parse(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Name, err)
	}
	rep := &Report{Checked: len(want)}
	seen := map[string]bool{}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || p == Name {
			return nil
		}
		sum, ok := want[p]
		if !ok {
			rep.Extra = append(rep.Extra, p)
			return nil
		}
		seen[p] = true
		got, err := hashFile(fsys, p)
		if err != nil {
			return err
		}
		if got != sum {
			rep.Changed = append(rep.Changed, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the site: %w", err)
	}
	for p := range want {
		if !seen[p] {
			rep.Missing = append(rep.Missing, p)
		}
	}
	sort.Strings(rep.Missing)
	sort.Strings(rep.Extra)
	sort.Strings(rep.Changed)
	return rep, nil
}

func hashFile(fsys fs.FS, p string) (string, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("reading %s: %w", p, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// parse reads sha256sum lines: path → lower-case hex sum.
func parse(r io.Reader) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		escaped := strings.HasPrefix(l, `\`)
		if escaped {
			l = l[1:]
		}
		sum, p, ok := strings.Cut(l, "  ")
		if !ok {
			sum, p, ok = strings.Cut(l, " *") // binary mode, as sha256sum -b writes
		}
		if !ok || len(sum) != 64 || !isHex(sum) || p == "" {
			return nil, fmt.Errorf("line %d: not a sha256sum line: %q", n, sc.Text())
		}
		if escaped {
			var err error
			if p, err = unescape(p); err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
		}
		if _, dup := out[p]; dup {
			return nil, fmt.Errorf("line %d: %s listed twice", n, p)
		}
		out[p] = strings.ToLower(sum)
	}
	return out, sc.Err()
}

func unescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 == len(s) {
			return "", errors.New("path ends in a lone backslash")
		}
		i++
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			return "", fmt.Errorf("unknown escape \\%c in path", s[i])
		}
	}
	return b.String(), nil
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}
