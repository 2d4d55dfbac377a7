package content

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"unicode"

	"gazette/generator/diag"
)

// MaxFileSize bounds a content file. The largest printed issue is a few hundred
// kilobytes of Markdown; a file a hundred times that is a mistake (a PDF or a database
// dump saved as .md), and reading it whole would only make the build run out of
// memory later.
const MaxFileSize = 20 << 20

// readContent reads the content file p, refusing what the loader must not read: a
// symbolic link (os.DirFS would follow it, possibly out of the content folder; the
// walk already skips links, this keeps a link that appears between the walk and the
// read unread too), anything but a regular file (a FIFO would block the build), and
// a file over MaxFileSize, which is never read past the limit. Every refusal is an
// error at line 1 of p.
func readContent(fsys fs.FS, p string, diags *diag.List) ([]byte, bool) {
	st, ok := statContent(fsys, p, diags)
	if !ok {
		return nil, false
	}
	return readStated(fsys, p, st, diags)
}

// statContent is the first half of readContent: what a stat of p tells, before
// anything is opened.
func statContent(fsys fs.FS, p string, diags *diag.List) (fs.FileInfo, bool) {
	// fs.Lstat is fs.Stat for file systems that cannot tell links; the walk's
	// DirEntry types still catch links there.
	st, err := fs.Lstat(fsys, p)
	return checkStat(p, st, err, diags)
}

// checkStat is statContent for a stat already made: st and err are fs.Lstat's.
func checkStat(p string, st fs.FileInfo, err error, diags *diag.List) (fs.FileInfo, bool) {
	if err != nil {
		diags.Add(p, 1, "cannot read: %v", unwrapPath(err))
		return nil, false
	}
	switch {
	case st.Mode()&fs.ModeSymlink != 0:
		diags.Add(p, 1, "is a symbolic link: links in the content folder are not followed; copy the file here instead")
		return nil, false
	case !st.Mode().IsRegular():
		diags.Add(p, 1, "is not a regular file")
		return nil, false
	case st.Size() > MaxFileSize:
		diags.Add(p, 1, "file is %s, more than the %s a content file may have", size(st.Size()), size(MaxFileSize))
		return nil, false
	}
	return st, true
}

// readStated is the second half of readContent: it reads p, whose stat is st.
func readStated(fsys fs.FS, p string, st fs.FileInfo, diags *diag.List) ([]byte, bool) {
	f, err := fsys.Open(p)
	if err != nil {
		diags.Add(p, 1, "cannot read: %v", unwrapPath(err))
		return nil, false
	}
	defer f.Close()
	// Sized from the stat, the buffer takes the whole file without growing, unless
	// it grew since; MinRead more lets the read that meets the end fit too.
	var b bytes.Buffer
	b.Grow(int(st.Size()) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		diags.Add(p, 1, "cannot read: %v", unwrapPath(err))
		return nil, false
	}
	if b.Len() > MaxFileSize { // it grew after Lstat
		diags.Add(p, 1, "file is more than the %s a content file may have", size(MaxFileSize))
		return nil, false
	}
	return b.Bytes(), true
}

func size(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// unsafeName explains why a Markdown file's name cannot be published, or returns "".
// Its address is made from the slug, never the name itself, but a name with control
// characters or a backslash (a Windows path pasted into a name: ..\..\x.md) shows a
// file that came from somewhere unexpected, and some file systems and archives treat
// the backslash as a folder separator.
func unsafeName(name string) string {
	for _, r := range name {
		switch {
		case r == '\\':
			return `file name holds a backslash (\); name files with letters, digits and -`
		case r == 0 || unicode.IsControl(r):
			return fmt.Sprintf("file name holds the control character %U; name files with letters, digits and -", r)
		}
	}
	return ""
}
