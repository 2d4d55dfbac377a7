package content

import (
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// openCounter is a file system that records which files are opened, to tell the files
// a load read from those it took from its Memo on the word of their stat.
type openCounter struct {
	fstest.MapFS
	opened map[string]bool
}

func (c openCounter) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".md") {
		c.opened[name] = true
	}
	return c.MapFS.Open(name)
}

// TestLoadMemoStamps: where a stat gives modification and change times and an inode,
// LoadMemo reads again only the files whose stat changed, or that changed within
// racyWindow of the load that last read them; and it sees every edit, whatever part
// of the stat the edit kept. The stats here are made up, with the Memo's clock, so
// that each case is exact.
func TestLoadMemoStamps(t *testing.T) {
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	old := now.Add(-time.Hour)
	nextIno := uint64(100)
	// stat gives f the stat of a file written at mtime, changed at ctime, with inode
	// ino (a new one when 0).
	stat := func(f *fstest.MapFile, mtime, ctime time.Time, ino uint64) *fstest.MapFile {
		if ino == 0 {
			nextIno++
			ino = nextIno
		}
		f.ModTime = mtime
		f.Sys = &syscall.Stat_t{Ino: ino, Dev: 1, Ctim: syscall.NsecToTimespec(ctime.UnixNano())}
		return f
	}
	inoOf := func(f *fstest.MapFile) uint64 { return f.Sys.(*syscall.Stat_t).Ino }
	fsys := validSite()
	fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠲᠧᠰᠲ\n---\n\nᠲᠧᠰᠲ\n")
	fsys["2023/02/dashiji.md"] = doc("title: 大事记", "section: 大事记", "date: 2023-06-30", "type: chronicle")
	for p, f := range fsys {
		if strings.HasSuffix(p, ".md") {
			stat(f, old, old, 0)
		}
	}
	const target = "2023/02/tongzhi.md"
	// body gives the document tongzhi.md with a body of the same length for each i.
	body := func(i int) []byte {
		return append(doc("title: 关于印发方案的通知", "section: 政府文件", "date: 2023-04-18", "number: 乌政发〔2023〕9号", "page: 1").Data, []byte("第"+string(rune('一'+i))+"稿。\n")...)
	}
	fsys[target] = stat(&fstest.MapFile{Data: body(0)}, old, old, 0)
	// sameStat replaces the target's bytes and keeps its stat as it is.
	sameStat := func(i int) func() {
		return func() {
			f := fsys[target]
			fsys[target] = &fstest.MapFile{Data: body(i), ModTime: f.ModTime, Sys: f.Sys}
		}
	}

	counter := openCounter{MapFS: fsys}
	m := Memo{now: func() time.Time { return now }}
	steps := []struct {
		name string
		wait time.Duration // since the step before
		edit func()
		read []string // the Markdown files LoadMemo must open; nil means all of them
	}{
		{name: "first load", edit: func() {}},
		{name: "nothing changed", wait: time.Second, edit: func() {}, read: []string{}},
		{name: "an edit that keeps the size and puts the modification time back (touch -r)", wait: time.Second, edit: func() {
			f := fsys[target]
			fsys[target] = stat(&fstest.MapFile{Data: body(1)}, f.ModTime, now, inoOf(f))
		}, read: []string{target}},
		{name: "an edit within the same tick of the clock: the same stat, racy, read again", wait: time.Second, edit: sameStat(2),
			read: []string{target}},
		{name: "still within racyWindow of the last read's change: read again", wait: time.Second, edit: sameStat(3),
			read: []string{target}},
		{name: "read at last long enough after its change", wait: 3 * time.Second, edit: func() {},
			read: []string{target}},
		{name: "nothing changed, nothing read", wait: time.Second, edit: func() {}, read: []string{}},
		{name: "a new file renamed over it, stat times and size kept: a new inode", wait: time.Second, edit: func() {
			f := fsys[target]
			fsys[target] = stat(&fstest.MapFile{Data: body(4)}, f.ModTime, time.Unix(0, f.Sys.(*syscall.Stat_t).Ctim.Nano()), 0)
		}, read: []string{target}},
		{name: "longer: a new size", wait: time.Hour, edit: func() {
			f := fsys[target]
			fsys[target] = stat(&fstest.MapFile{Data: append(body(5), '\n')}, f.ModTime, time.Unix(0, f.Sys.(*syscall.Stat_t).Ctim.Nano()), inoOf(f))
		}, read: []string{target}},
		{name: "a modification time in the future is never trusted", wait: time.Hour, edit: func() {
			f := fsys[target]
			fsys[target] = stat(&fstest.MapFile{Data: body(6)}, now.Add(24*time.Hour), old, inoOf(f))
		}, read: []string{target}},
		{name: "…not even the next time", wait: time.Hour, edit: sameStat(7), read: []string{target}},
		{name: "a file system without modification times: always read", wait: time.Hour, edit: func() {
			fsys[target] = &fstest.MapFile{Data: body(8), Sys: fsys[target].Sys}
		}, read: []string{target}},
		{name: "…even unchanged", wait: time.Hour, edit: func() {}, read: []string{target}},
		{name: "a stat without change time and inode: always read", wait: time.Hour, edit: func() {
			fsys[target] = &fstest.MapFile{Data: body(9), ModTime: old}
		}, read: []string{target}},
		{name: "…even unchanged", wait: time.Hour, edit: sameStat(10), read: []string{target}},
		{name: "the translation renamed over", wait: time.Hour, edit: func() {
			fsys["2023/02/tongzhi.mn.md"] = stat(file("---\ntitle: ᠰᠢᠨ᠎ᠡ\n---\n\nᠰᠢᠨ᠎ᠡ\n"), old, old, 0)
		}, read: []string{target, "2023/02/tongzhi.mn.md"}},
		{name: "a file removed", wait: time.Hour, edit: func() { delete(fsys, "2023/02/dashiji.md") },
			read: []string{target}},
		{name: "one language less: every file read and decoded again", wait: time.Hour, edit: func() {
			fsys["site.yaml"] = file("title: 测试公报\nlanguages: [zh]\n")
		}},
	}
	for _, s := range steps {
		now = now.Add(s.wait)
		s.edit()
		want, wantDiags := Load(fsys)
		counter.opened = map[string]bool{}
		got, gotDiags := LoadMemo(counter, &m)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: LoadMemo's site differs from Load's", s.name)
		}
		if !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: LoadMemo's diagnostics\n\t%v\nwant\n\t%v", s.name, gotDiags, wantDiags)
		}
		read := s.read
		if read == nil {
			read = markdownFiles(fsys)
		}
		var opened []string
		for p := range counter.opened {
			opened = append(opened, p)
		}
		sort.Strings(opened)
		if strings.Join(opened, " ") != strings.Join(read, " ") {
			t.Errorf("%s: read %q, want %q", s.name, opened, read)
		}
	}
}
