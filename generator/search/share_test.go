package search

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gazette/generator/output"
)

// sharingSites are sites whose languages share their entries' texts with the first
// language in the ways the index takes shortcuts for, and in the ways it must not.
func sharingSites(t *testing.T, n int) map[string][]Site {
	t.Helper()
	zh := syntheticSite(t, n)
	lang := func(tag, root string, change func(i int, e *Entry)) Site {
		s := Site{Lang: tag, Root: root, Entries: slices.Clone(zh.Entries)}
		for i := range s.Entries {
			e := &s.Entries[i]
			e.Issue, e.DateText = "ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠳᠡᠭᠳᠡᠷ", e.Date.Format("2006.01.02")
			if change != nil {
				change(i, e)
			}
		}
		return s
	}
	translate := func(every int) func(i int, e *Entry) {
		return func(i int, e *Entry) {
			if i%every == every-1 {
				e.Blocks = slices.Clone(e.Blocks)
				e.Blocks[1] = Block{Text: fmt.Sprintf("ᠮᠡᠳᠡᠭᠳᠡᠯ %d ᠤᠨ ᠪᠢᠴᠢᠭ", i)}
				e.BodyLang = "mn-Mong"
			}
		}
	}
	bi := bilingual(t, n)
	return map[string][]Site{
		"all shared": {zh, lang("mn-Mong", "mn/", nil)},
		// Some titles, some bodies: position files of a few groups, title files, text
		// files, doc-lists of a few terms differ.
		"titles translated":  bi,
		"bodies translated":  {zh, lang("mn-Mong", "mn/", translate(7))},
		"most translated":    {zh, lang("mn-Mong", "mn/", translate(1))},
		"facets differ":      {zh, lang("mn-Mong", "mn/", func(i int, e *Entry) { e.Section = fmt.Sprint("s", i%3) })},
		"an entry dropped":   {zh, {Lang: "mn-Mong", Root: "mn/", Entries: lang("", "", nil).Entries[:n-1]}},
		"an entry added":     {zh, {Lang: "mn-Mong", Root: "mn/", Entries: append(lang("", "", nil).Entries, bi[1].Entries[n])}},
		"three languages":    {zh, lang("mn-Mong", "mn/", translate(5)), lang("en", "en/", nil)},
		"three, second same": {zh, lang("en", "en/", nil), lang("mn-Mong", "mn/", translate(5))},
		// Long texts in a few entries give the language more position groups: its
		// position files are its own, cut otherwise.
		"other groups": {zh, lang("mn-Mong", "mn/", func(i int, e *Entry) {
			if i%4 == 0 {
				e.Blocks = slices.Clone(e.Blocks)
				for k := range e.Blocks {
					e.Blocks[k].Text = strings.Repeat(e.Blocks[k].Text, 6)
				}
			}
		})},
	}
}

// TestSharedLanguages: the shortcuts a language takes where its entries are the first
// language's (reading them once, taking the first's position, title and text files
// and doc-lists) leave the index as it is without them, in Write and in an Indexer's
// first write; a language that shares every text makes only its metadata files.
func TestSharedLanguages(t *testing.T) {
	const n = 80
	layouts := map[string]options{
		"default": {},
		"small":   {layout: layout{groups: 4, chunk: 8, titleChunk: 2}, partChunks: 2},
		// Title files that straddle position chunks are never shared.
		"odd titles": {layout: layout{groups: 8, chunk: 6, titleChunk: 4}, partChunks: 2},
	}
	for name, sites := range sharingSites(t, n) {
		for lname, opt := range layouts {
			if testing.Short() && lname != "small" {
				continue
			}
			what := name + ", " + lname
			plain := opt
			plain.plain = true
			want, err := collect(sites, plain)
			if err != nil {
				t.Fatal(err)
			}
			opt.made = make([]int, len(sites))
			got, err := collect(sites, opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Errorf("%s: %d files, want %d", what, len(got), len(want))
			}
			for i := range min(len(got), len(want)) {
				if got[i].Path != want[i].Path {
					t.Errorf("%s: %s, without shortcuts %s", what, got[i].Path, want[i].Path)
					break
				}
				if g, w := got[i].Data, want[i].Data; !bytes.Equal(g, w) {
					at := 0
					for at < min(len(g), len(w)) && g[at] == w[at] {
						at++
					}
					from := max(0, at-40)
					t.Errorf("%s: %s differs at byte %d from the file without shortcuts:\n%.120q\n%.120q", what, got[i].Path, at, g[from:], w[from:])
					break
				}
			}
			if mfiles := (n + entriesPerM - 1) / entriesPerM; name == "all shared" && lname != "odd titles" && opt.made[1] != mfiles {
				t.Errorf("%s: the second language made %d files, want only its %d metadata files", what, opt.made[1], mfiles)
			}

			ix := &Indexer{opt: options{layout: opt.layout}}
			tree := output.NewTree()
			if err := ix.Write(sites, tree); err != nil {
				t.Fatal(err)
			}
			wantIx, err := collect(sites, options{layout: opt.layout})
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, what+", Indexer", tree, wantIx)
			if st := ix.stats[1]; name == "all shared" && (!st.derived || st.hashed != (n+entriesPerM-1)/entriesPerM) {
				t.Errorf("%s: the Indexer made the second language %+v, want it derived, with only its metadata files new", what, st)
			}
			if st := ix.stats[1]; name == "most translated" && st.derived {
				t.Errorf("%s: the Indexer derived the second language from the first", what)
			}
			// Then an edit, of the first language and of both, updates what it made.
			edited := sites
			for l, change := range []func(l int, e *Entry){
				func(l int, e *Entry) {
					if l == 0 {
						e.Blocks[2].Text += "另行通知。"
					}
				},
				func(l int, e *Entry) { e.Title = "关于医保服务下沉的通知" },
			} {
				edited = edit(edited, "doc/9/index.html", change)
				tree := output.NewTree()
				if err := ix.Write(edited, tree); err != nil {
					t.Fatal(err)
				}
				want, err := collect(edited, options{layout: opt.layout})
				if err != nil {
					t.Fatal(err)
				}
				sameFiles(t, fmt.Sprint(what, ", Indexer, edit ", l), tree, want)
			}
		}
	}
}

// TestIndexerKeepsTexts: after edits of one entry the Indexer keeps the texts it knows
// without making their map again, within bounds, and reads only the edited entry.
func TestIndexerKeepsTexts(t *testing.T) {
	sites := bilingual(t, 30)
	var ix Indexer
	if err := ix.Write(sites, output.NewTree()); err != nil {
		t.Fatal(err)
	}
	for i := range 3 * keptChanges {
		sites = edit(sites, "doc/3/index.html", func(l int, e *Entry) { e.Blocks[0].Text = fmt.Sprintf("第%d次修改。", i) })
		tree := output.NewTree()
		if err := ix.Write(sites, tree); err != nil {
			t.Fatal(err)
		}
		if read := ix.stats[0].read + ix.stats[1].read; read != 1 {
			t.Fatalf("edit %d: read %d entries, want 1", i, read)
		}
		if ix.added > keptChanges {
			t.Fatalf("edit %d: %d texts added to the map since it was made, at most %d", i, ix.added, keptChanges)
		}
		if i%40 == 0 {
			want, err := collect(sites, options{})
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, fmt.Sprint("edit ", i), tree, want)
		}
	}
}
