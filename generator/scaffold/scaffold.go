// Package scaffold starts new issues and documents in a content folder, for
// `gazette new`.
//
// It takes the content folder on disk and what the clerk knows (the issue's year and
// number; a document's 发文字号, section and title) and writes the Markdown file with
// its front matter filled in: an issue's sections copied from the latest earlier
// issue, a document's file name made from its number as the loader makes its URL
// (content.NumberSlug). It guarantees that it never replaces or changes an existing
// file (the file is created exclusively), that what it refuses is refused before
// anything is written, and that a file it leaves behind loads without problems: it
// checks the new file with the content loader and removes it again if not.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"

	"gazette/generator/content"
	"gazette/generator/diag"
)

// Issue is a new issue.
type Issue struct {
	Year, Number int
	Date         time.Time
	Sections     []string // nil: those of the latest earlier issue
}

// Created says what was written.
type Created struct {
	File string // the new file, in the content folder: 2023/03/_index.md
	From string // for an issue: the issue its sections were copied from, 2023年第2期; "" if given
}

// NewIssue writes <year>/<nn>/_index.md in the content folder dir.
func NewIssue(dir string, is Issue) (Created, error) {
	if is.Year < 1000 || is.Year > 9999 {
		return Created{}, fmt.Errorf("year %d: want four digits, e.g. 2023", is.Year)
	}
	if is.Number < 1 || is.Number > 99 {
		return Created{}, fmt.Errorf("issue number %d: want 1 to 99", is.Number)
	}
	site, err := load(dir)
	if err != nil {
		return Created{}, err
	}
	folder := fmt.Sprintf("%04d/%02d", is.Year, is.Number)
	c := Created{File: folder + "/_index.md"}
	if is.Sections == nil {
		prev := previous(site, folder)
		if prev == nil {
			return c, fmt.Errorf("no earlier issue to copy the sections from: give them, e.g. -sections 政府文件,政府办文件,大事记")
		}
		is.Sections, c.From = prev.Sections, prev.String()
	}
	if len(is.Sections) == 0 {
		return c, errors.New("an issue needs at least one section")
	}
	fm := frontMatter{}
	fm.add("year", plain(strconv.Itoa(is.Year)))
	fm.add("number", plain(strconv.Itoa(is.Number)))
	fm.add("date", plain(is.Date.Format("2006-01-02")))
	fm.add("sections", flow(is.Sections))
	src, err := fm.bytes()
	if err != nil {
		return c, err
	}
	return c, create(dir, c.File, src)
}

// previous is the latest issue before folder, or nil.
func previous(site *content.Site, folder string) *content.Issue {
	var prev *content.Issue
	for _, is := range site.Issues {
		if is.Dir < folder {
			prev = is
		}
	}
	return prev
}

// load reads the content folder as the build does; problems in other files do not
// matter here, only a missing or unusable site.yaml.
func load(dir string) (*content.Site, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("content folder %s not found", dir)
	}
	site, diags := content.Load(os.DirFS(dir))
	if site == nil {
		return nil, fmt.Errorf("the content folder %s has no usable site.yaml: %w", dir, diags.Err())
	}
	return site, nil
}

// create writes a new file, refusing to touch an existing one, then checks that the
// gazette loads it without problems, and removes it again if not.
func create(dir, file string, src []byte) error {
	full := filepath.Join(dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; not overwriting it", path.Join(filepath.ToSlash(dir), file))
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(src); err != nil {
		f.Close()
		os.Remove(full)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(full)
		return err
	}
	_, diags := content.Load(os.DirFS(dir))
	var mine diag.List
	for _, d := range diags.Errors() {
		if d.File == file {
			mine = append(mine, d)
		}
	}
	if len(mine) > 0 {
		os.Remove(full)
		return fmt.Errorf("the new file would not load, so it was not kept:\n%w", mine.Err())
	}
	return nil
}

// frontMatter is a front matter block, keys in the order the content format lists
// them. Values are YAML nodes, so that the encoder quotes what needs quoting.
type frontMatter struct{ m yaml.Node }

func (fm *frontMatter) add(key string, v *yaml.Node) {
	fm.m.Kind = yaml.MappingNode
	fm.m.Content = append(fm.m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
}

func (fm *frontMatter) bytes() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&fm.m); err != nil {
		return nil, fmt.Errorf("writing front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("writing front matter: %w", err)
	}
	b.WriteString("---\n")
	return b.Bytes(), nil
}

// plain is a number or date, written as is.
func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

// text is a string, quoted only when YAML would read it as something else.
func text(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// flow is a list on one line: [政府文件, 政府办文件].
func flow(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		n.Content = append(n.Content, text(s))
	}
	return n
}
