package serve

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

func TestIgnored(t *testing.T) {
	for _, c := range []struct {
		path string
		want bool
	}{
		{"content/2023/02/tongzhi.md", false},
		{"content/2023/02/_index.md", false},
		{"content/2023", false}, // an issue's year folder
		{"content/2023/03", false},
		{"content/site.yaml", false},
		{"layouts/strings/zh.yaml", false},
		{"static/fonts/noto-sans-mongolian.woff2", false},
		{"content/2023/02/tupian.png", false},
		{"content/2023/02/.tongzhi.md.swp", true}, // Vim's swap file
		{"content/2023/02/.tongzhi.md.swx", true},
		{"content/2023/02/tongzhi.md.swp", true}, // with 'directory' set elsewhere… or here
		{"content/2023/02/tongzhi.md~", true},    // a backup
		{"content/2023/02/4913", true},           // Vim's writability test
		{"content/2023/02/5036", true},
		{"content/2023/02/5037", false},
		{"content/2023/02/04913", false},
		{"content/2023/02/.#tongzhi.md", true}, // Emacs lock
		{"content/2023/02/#tongzhi.md#", true}, // Emacs auto-save
		{"content/2023/02/tongzhi.md___jb_tmp___", true},
		{"content/2023/02/tongzhi.md___jb_old___", true},
		{"content/2023/02/tongzhi.md.tmp", true},
		{"content/2023/02/tongzhi.md.crswap", true},
		{"content/.DS_Store", true},
		{"content/2023/02/.goutputstream-XK3Q1Z", true},
	} {
		if got := Ignored(c.path); got != c.want {
			t.Errorf("Ignored(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}

// ev is an event for tests: "create x", "write x", "rename x", "remove x", "chmod x".
func ev(s string) fsnotify.Event {
	op, name, _ := strings.Cut(s, " ")
	ops := map[string]fsnotify.Op{"create": fsnotify.Create, "write": fsnotify.Write,
		"rename": fsnotify.Rename, "remove": fsnotify.Remove, "chmod": fsnotify.Chmod}
	return fsnotify.Event{Name: name, Op: ops[op]}
}

// TestBatch plays bursts of events against ticks. Each step is events arriving 1 ms
// apart, then a tick half the quiet time after the last of them; want is what that
// tick hands on ("" for nothing), as "path:OPS" joined by spaces. A burst is handed on
// at the second tick after its last event, the first at which it was quiet long enough.
func TestBatch(t *testing.T) {
	const quiet = 20 * time.Millisecond
	const tick = quiet / 2
	vimSave := []string{ // :w with 'backupcopy' off: writability test, backup by rename, new file
		"create d/4913", "chmod d/4913", "remove d/4913",
		"rename d/x.md", "create d/x.md~", "create d/x.md", "write d/x.md", "chmod d/x.md", "remove d/x.md~",
	}
	cases := []struct {
		name  string
		steps [][]string
		want  []string
	}{
		{"nothing", [][]string{{}}, []string{""}},
		{"a burst handed on at the first quiet tick, as one change",
			[][]string{vimSave, {}},
			[]string{"", "d/x.md:CREATE|WRITE|RENAME"}},
		{"a burst over several ticks waits for its end",
			[][]string{{"write d/a.md"}, {"write d/a.md"}, {"write d/b.md"}, {}, {}},
			[]string{"", "", "", "d/a.md:WRITE d/b.md:WRITE", ""}},
		{"editor files alone change nothing",
			[][]string{{"create d/.x.md.swp", "write d/.x.md.swp", "write d/x.md~", "create d/4913"}, {}},
			[]string{"", ""}},
		{"permissions alone change nothing",
			[][]string{{"chmod d/x.md"}, {}},
			[]string{"", ""}},
		{"an atomic save by rename: the temporary file is ignored, the target seen",
			[][]string{{"create d/x.md.tmp", "write d/x.md.tmp", "rename d/x.md.tmp", "create d/x.md"}, {}},
			[]string{"", "d/x.md:CREATE"}},
		{"a tool's temporary file, renamed over the target, is dropped (sed -i)",
			[][]string{{"create d/sedAb12Z", "write d/sedAb12Z", "rename d/sedAb12Z", "create d/x.md"}, {}},
			[]string{"", "d/x.md:CREATE"}},
		{"a file made and removed in one burst changes nothing",
			[][]string{{"create d/notes.md", "write d/notes.md", "remove d/notes.md"}, {}},
			[]string{"", ""}},
		{"a file that was there, renamed away and made again, is kept (Vim's backup by rename)",
			[][]string{{"rename d/x.md", "create d/x.md", "write d/x.md"}, {}},
			[]string{"", "d/x.md:CREATE|WRITE|RENAME"}},
		{"a file removed is a change",
			[][]string{{"remove d/x.md"}, {}},
			[]string{"", "d/x.md:REMOVE"}},
		{"a folder created and filled",
			[][]string{{"create c/2023/03", "create c/2023/03/_index.md", "write c/2023/03/_index.md"}, {}},
			[]string{"", "c/2023/03:CREATE c/2023/03/_index.md:CREATE|WRITE"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := batch{quiet: quiet, maxWait: time.Second}
			now := time.Unix(0, 0)
			for i, step := range c.steps {
				for _, e := range step {
					now = now.Add(time.Millisecond)
					b.add(ev(e), now)
				}
				now = now.Add(tick)
				if got := show(b.tick(now)); got != c.want[i] {
					t.Errorf("tick %d: handed on %q, want %q", i+1, got, c.want[i])
				}
			}
		})
	}
}

// TestBatchDue: the changes are due quiet after the last event, never later than
// maxWait after the first, and not a moment before.
func TestBatchDue(t *testing.T) {
	b := batch{quiet: 20 * time.Millisecond, maxWait: 100 * time.Millisecond}
	start := time.Unix(0, 0)
	if _, ok := b.due(); ok {
		t.Fatal("an empty batch is due")
	}
	b.add(ev("chmod d/x.md"), start)
	b.add(ev("write d/.x.md.swp"), start)
	if _, ok := b.due(); ok {
		t.Fatal("events that change nothing made the batch due")
	}
	at := start
	for _, step := range []struct {
		after time.Duration // since the event before
		due   time.Duration // since start
	}{{0, 20 * time.Millisecond}, {15 * time.Millisecond, 35 * time.Millisecond}, {50 * time.Millisecond, 85 * time.Millisecond}, {30 * time.Millisecond, 100 * time.Millisecond}} {
		at = at.Add(step.after)
		b.add(ev("write d/x.md"), at)
		due, ok := b.due()
		if !ok || due.Sub(start) != step.due {
			t.Fatalf("after an event at %v: due at %v, want %v", at.Sub(start), due.Sub(start), step.due)
		}
	}
	due, _ := b.due()
	if got := b.tick(due.Add(-time.Nanosecond)); got != nil {
		t.Fatalf("handed on %q before it was due", show(got))
	}
	if got := show(b.tick(due)); got != "d/x.md:WRITE" {
		t.Fatalf("when due, handed on %q", got)
	}
	if _, ok := b.due(); ok {
		t.Fatal("due again after handing everything on")
	}
}

// TestBatchMaxWait: events that never stop are handed on every maxWait.
func TestBatchMaxWait(t *testing.T) {
	b := batch{quiet: 30 * time.Millisecond, maxWait: 100 * time.Millisecond}
	now := time.Unix(0, 0)
	var handed []string
	for i := 0; i < 25; i++ { // 500 ms of writes, never 30 ms apart, one per 20 ms tick
		b.add(ev(fmt.Sprintf("write d/big-%02d.csv", i)), now)
		now = now.Add(20 * time.Millisecond)
		if got := show(b.tick(now)); got != "" {
			handed = append(handed, got)
		}
	}
	if len(handed) < 4 || len(handed) > 5 {
		t.Fatalf("handed on %d batches in 500 ms with maxWait 100 ms, want 4 or 5: %q", len(handed), handed)
	}
	if !strings.HasPrefix(handed[0], "d/big-00.csv:WRITE d/big-01.csv:WRITE") {
		t.Errorf("first batch %q", handed[0])
	}
}

func show(cs []Change) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Path + ":" + opString(c.Op)
	}
	return strings.Join(parts, " ")
}

// opString writes ops in a fixed order, as fsnotify's own String does not promise one.
func opString(op fsnotify.Op) string {
	var parts []string
	for _, o := range []struct {
		op   fsnotify.Op
		name string
	}{{fsnotify.Create, "CREATE"}, {fsnotify.Write, "WRITE"}, {fsnotify.Remove, "REMOVE"}, {fsnotify.Rename, "RENAME"}, {fsnotify.Chmod, "CHMOD"}} {
		if op.Has(o.op) {
			parts = append(parts, o.name)
		}
	}
	return strings.Join(parts, "|")
}
