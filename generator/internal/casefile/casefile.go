// Package casefile reads and writes case files: many small test cases, typically
// Markdown in and HTML out, kept in one text file so that they are easy to read and
// to review.
//
// A case file looks like this:
//
//	Lines before the first case are the preamble: comments for the reader.
//
//	=== name of the first case
//	--- md
//	Markdown
//	--- html
//	expected HTML
//
//	=== name of the second case [flag1 flag2]
//	--- md
//	...
//
// A line starting with "=== " opens a case; a bracketed list at the end of that line,
// after a space, holds the case's flags. A line starting with "--- " opens a section
// of the current case, and every following line up to the next "=== " or "--- " line
// is that section's body, kept as written (trailing blank lines included). Only
// blank lines may come between a case's "=== " line and its first section, unless the
// file is read with ReadLead, whose cases begin with an unnamed section: there the
// text right after the "=== " line is the body of the section ReadLead names.
//
// Write gives the file back in its canonical form: the preamble followed by one blank
// line, one blank line between cases, and every section body ending in exactly one
// newline. A canonical file reads and writes back byte for byte, so that a test that
// rewrites its expectations (go test -update) changes only what changed.
package casefile

import (
	"bytes"
	"fmt"
	"os"
	"strings"
)

// A File is a parsed case file.
type File struct {
	// Preamble is the text before the first case, with its line endings.
	Preamble string
	// Lead is the name of the section that opens each case without a "--- " line
	// (see ReadLead); "" if cases have no such section.
	Lead  string
	Cases []*Case
}

// A Case is one "=== name [flags]" entry of a file.
type Case struct {
	Name     string
	Flags    []string
	Sections []Section
}

// A Section is one "--- name" part of a case. Body is the text up to the next
// section or case, each line with its newline.
type Section struct {
	Name, Body string
}

// Read reads the case file at path. Text other than blank lines before a case's
// first section is an error.
func Read(path string) (*File, error) {
	return ReadLead(path, "")
}

// ReadLead reads the case file at path, whose cases begin with an unnamed section:
// the text between a case's "=== " line and its first "--- " line becomes the body
// of the section named lead, always the case's first. With lead "" it is Read.
func ReadLead(path, lead string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := Parse(data, lead)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// Parse parses the contents of a case file; lead is as for ReadLead.
func Parse(data []byte, lead string) (*File, error) {
	f := &File{Lead: lead}
	var pre strings.Builder
	var c *Case
	for _, line := range strings.SplitAfter(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "=== "):
			c = parseCaseLine(line)
			if lead != "" {
				c.Sections = append(c.Sections, Section{Name: lead})
			}
			f.Cases = append(f.Cases, c)
		case c == nil:
			pre.WriteString(line)
		case strings.HasPrefix(line, "--- "):
			c.Sections = append(c.Sections, Section{Name: strings.TrimSpace(line[4:])})
		case len(c.Sections) == 0:
			if strings.TrimSpace(line) != "" {
				return nil, fmt.Errorf("case %q: text before its first section", c.Name)
			}
		default:
			c.Sections[len(c.Sections)-1].Body += line
		}
	}
	f.Preamble = pre.String()
	return f, nil
}

// parseCaseLine parses "=== name" or "=== name [flag ...]".
func parseCaseLine(line string) *Case {
	rest := strings.TrimSpace(line[4:])
	if strings.HasSuffix(rest, "]") {
		if i := strings.LastIndex(rest, " ["); i >= 0 {
			return &Case{
				Name:  strings.TrimSpace(rest[:i]),
				Flags: strings.Fields(rest[i+2 : len(rest)-1]),
			}
		}
	}
	return &Case{Name: rest}
}

// Get returns the body of the case's first section called name, and whether there
// is one.
func (c *Case) Get(name string) (string, bool) {
	for _, s := range c.Sections {
		if s.Name == name {
			return s.Body, true
		}
	}
	return "", false
}

// Set replaces the body of the case's first section called name, or adds such a
// section at the end.
func (c *Case) Set(name, body string) {
	for i, s := range c.Sections {
		if s.Name == name {
			c.Sections[i].Body = body
			return
		}
	}
	c.Sections = append(c.Sections, Section{name, body})
}

// Delete removes every section of the case called name.
func (c *Case) Delete(name string) {
	kept := c.Sections[:0]
	for _, s := range c.Sections {
		if s.Name != name {
			kept = append(kept, s)
		}
	}
	c.Sections = kept
}

// Bytes returns the file in its canonical form (see the package comment). In a file
// with a Lead, every case is written with its lead section first and without a
// "--- " line, empty if the case has none.
func (f *File) Bytes() []byte {
	var b bytes.Buffer
	if p := strings.TrimRight(f.Preamble, "\n"); p != "" {
		b.WriteString(p + "\n\n")
	}
	body := func(s string) string { return strings.TrimRight(s, "\n") + "\n" }
	for i, c := range f.Cases {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("=== " + c.Name)
		if len(c.Flags) > 0 {
			b.WriteString(" [" + strings.Join(c.Flags, " ") + "]")
		}
		b.WriteString("\n")
		if f.Lead != "" {
			lead, _ := c.Get(f.Lead)
			b.WriteString(body(lead))
		}
		for _, s := range c.Sections {
			if f.Lead != "" && s.Name == f.Lead {
				continue
			}
			b.WriteString("--- " + s.Name + "\n" + body(s.Body))
		}
	}
	return b.Bytes()
}

// Write writes the file in its canonical form to path.
func (f *File) Write(path string) error {
	return os.WriteFile(path, f.Bytes(), 0o644)
}
