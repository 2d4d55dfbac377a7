package search

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gazette/generator/internal/cputime"
	"gazette/generator/output"
)

// bilingual is a site of n synthetic documents in two languages: the second shows the
// first's texts, as untranslated pages do, except for the titles of every fifth
// document, and it has a chronicle event the first has not.
func bilingual(t testing.TB, n int) []Site {
	zh := syntheticSite(t, n)
	mn := Site{Lang: "mn-Mong", Root: "mn/", Entries: slices.Clone(zh.Entries)}
	for i := range mn.Entries {
		e := &mn.Entries[i]
		e.Issue, e.DateText = "ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠳᠡᠭᠳᠡᠷ", e.Date.Format("2006.01.02")
		if i%5 == 0 {
			e.Title, e.TitleLang = fmt.Sprintf("ᠮᠡᠳᠡᠭᠳᠡᠯ ᠤᠨ %d ᠳᠤᠭᠠᠷ", i), "mn-Mong"
		}
	}
	mn.Entries = append(mn.Entries, Entry{Kind: KindEvent, Path: "doc/7/index.html", Anchor: "2015-01-03",
		Title: "ᠬᠠᠪᠤᠷ", Context: "大事记", Date: zh.Entries[7].Date, BodyLang: "mn-Mong",
		Blocks: []Block{{Anchor: "2015-01-03", Text: "ᠬᠤᠷᠠᠯ ᠢ ᠬᠤᠷᠠᠯᠳᠤᠭᠤᠯᠪᠠ"}}})
	return []Site{zh, mn}
}

// edit changes entry path in every language with change, on a copy: an Indexer keeps
// the entries it was given, as a Builder's entries are kept by the pages.
func edit(sites []Site, path string, change func(lang int, e *Entry)) []Site {
	out := slices.Clone(sites)
	for l := range out {
		out[l].Entries = slices.Clone(out[l].Entries)
		for i := range out[l].Entries {
			if e := &out[l].Entries[i]; e.Path == path && e.Anchor == "" {
				e.Meta, e.Issuers, e.Blocks = slices.Clone(e.Meta), slices.Clone(e.Issuers), slices.Clone(e.Blocks)
				change(l, e)
			}
		}
	}
	return out
}

// indexStep is a version of a site, and what an Indexer may do to write it after the
// version before.
type indexStep struct {
	name  string
	sites []Site
	cost  int // full: every file may be made; small: a few files; moved: those of the entries that moved
}

const (
	full = iota
	small
	moved
)

// indexerSteps edits a bilingual site of n entries step after step.
func indexerSteps(t *testing.T, n int) []indexStep {
	sites := bilingual(t, n)
	var steps []indexStep
	add := func(name string, cost int, s []Site) {
		steps = append(steps, indexStep{name, s, cost})
		sites = s
	}
	doc := func(i int) string { return fmt.Sprintf("doc/%d/index.html", i) }
	add("first build", full, sites)
	add("nothing changed", small, sites)
	add("a body edit in one language", small, edit(sites, doc(10), func(l int, e *Entry) {
		if l == 0 {
			e.Blocks[3].Text = strings.Replace(e.Blocks[3].Text, "，", "，并且", 1) + "另行通知。"
		}
	}))
	add("a title edit", small, edit(sites, doc(11), func(l int, e *Entry) { e.Title = "关于医保服务下沉的通知" }))
	add("a term new to the index", small, edit(sites, doc(12), func(l int, e *Entry) {
		e.Blocks[0].Text += " zqxjvw 乌审旗 ᠵᠢᠭᠦᠷ"
		e.Title += " zqxjvw"
	}))
	add("the term removed again", small, edit(sites, doc(12), func(l int, e *Entry) {
		e.Blocks[0].Text = strings.TrimSuffix(e.Blocks[0].Text, " zqxjvw 乌审旗 ᠵᠢᠭᠦᠷ")
		e.Title = strings.TrimSuffix(e.Title, " zqxjvw")
	}))
	add("the issuers and metadata", small, edit(sites, doc(13), func(l int, e *Entry) {
		e.Issuers = []string{"乌审旗人民政府", "乌审旗人民法院"}
		e.Meta = append(e.Meta, "乌审旗人民法院")
		e.Section = "联合发文"
	}))
	add("a 发文字号", small, edit(sites, doc(14), func(l int, e *Entry) { e.Number = "乌政发〔2016〕99号" }))
	add("a block added", moved, edit(sites, doc(15), func(l int, e *Entry) {
		e.Blocks = slices.Insert(e.Blocks, 2, Block{Anchor: "一-目标", Text: "新增一段：府院联动。"})
	}))
	add("blocks removed", moved, edit(sites, doc(16), func(l int, e *Entry) { e.Blocks = e.Blocks[:3] }))
	add("a date that reorders the entries of a day", moved, edit(sites, doc(17), func(l int, e *Entry) { e.Date = e.Date.Add(time.Hour) }))
	d1, d2 := sites[0].Entries[20].Date, sites[0].Entries[n-6].Date
	add("dates that swap two entries", moved, edit(edit(sites, doc(20), func(l int, e *Entry) { e.Date = d2 }),
		doc(n-6), func(l int, e *Entry) { e.Date = d1 }))
	add("many new terms", moved, edit(sites, doc(22), func(l int, e *Entry) {
		var b strings.Builder
		for i := range 3000 {
			fmt.Fprintf(&b, "w%dx ", i)
		}
		e.Blocks[1].Text = b.String()
	}))
	add("a translated body", moved, edit(sites, doc(23), func(l int, e *Entry) {
		if l == 1 {
			e.Blocks = []Block{{Text: "ᠲᠤᠩᠬᠠᠭ ᠤᠨ ᠲᠡᠺᠰᠲ"}, {Anchor: "a", Text: "ᠬᠤᠷᠠᠯ"}}
			e.BodyLang = "mn-Mong"
		}
	}))
	add("a date that moves an entry to the front", full, edit(sites, doc(5), func(l int, e *Entry) {
		e.Date = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	}))
	added := slices.Clone(sites)
	for l := range added {
		added[l].Entries = append(slices.Clone(added[l].Entries), Entry{Kind: KindDocument, Path: "doc/new/index.html",
			Title: "新的通知", Number: "乌政发〔2016〕12号", Date: date("2015-03-01"), BodyLang: "zh-Hans",
			Blocks: []Block{{Text: "依据乌政办发〔2023〕29号。"}}})
	}
	add("an entry added", full, added)
	removed := slices.Clone(sites)
	for l := range removed {
		removed[l].Entries = slices.DeleteFunc(slices.Clone(removed[l].Entries), func(e Entry) bool { return e.Path == doc(30) })
	}
	add("an entry removed", full, removed)
	add("a block rewritten after them", moved, edit(sites, doc(31), func(l int, e *Entry) { e.Blocks[0].Text = "现将府院联动方案印发给你们。" }))
	return steps
}

// TestIndexerMatchesWrite: after every step the Indexer's files are Write's, byte for
// byte, with their checksums; a step that keeps the number of entries makes only a few
// files.
func TestIndexerMatchesWrite(t *testing.T) {
	t.Run("default layout", func(t *testing.T) { runSteps(t, &Indexer{}, indexerSteps(t, 240), true) })
	t.Run("small files", func(t *testing.T) {
		// Every step touches a good share of so few files.
		runSteps(t, &Indexer{opt: options{layout: layout{groups: 4, chunk: 8, titleChunk: 2}}}, indexerSteps(t, 60), false)
	})
}

// runSteps writes every step with ix, and requires the files of Write; when count is
// set, it requires the steps of small cost to make few files.
func runSteps(t *testing.T, ix *Indexer, steps []indexStep, count bool) map[string]*output.Tree {
	t.Helper()
	trees := map[string]*output.Tree{}
	for _, s := range steps {
		want, err := collect(s.sites, ix.opt)
		if err != nil {
			t.Fatal(err)
		}
		got := output.NewTree()
		if err := ix.Write(s.sites, got); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		sameFiles(t, s.name, got, want)
		trees[s.name] = got
		for l, st := range ix.stats {
			t.Logf("%s, %s: %+v", s.name, s.sites[l].Lang, st)
			switch {
			case st.full && s.cost != full:
				t.Errorf("%s, %s: made every file", s.name, s.sites[l].Lang)
			case count && s.cost == small && st.made > st.files/10:
				t.Errorf("%s, %s: made %d of %d files", s.name, s.sites[l].Lang, st.made, st.files)
			}
		}
	}
	return trees
}

// TestIndexerShards changes the shards' files in the ways an edit can: a doc-list that
// shrinks below the size of a file of its own, new terms enough to double the number
// of shards, a title file that empties.
func TestIndexerShards(t *testing.T) {
	site := Site{Lang: "zh-Hans"}
	for i := range 520 {
		e := Entry{Kind: KindDocument, Path: fmt.Sprintf("d/%d/index.html", i), Title: fmt.Sprintf("标题 t%d", i),
			Number: fmt.Sprintf("乌政发〔2020〕%d号", i+1), Date: date("2020-01-01").AddDate(0, 0, -i), BodyLang: "zh-Hans"}
		for b := range 20 {
			e.Blocks = append(e.Blocks, Block{Text: fmt.Sprintf("段落 p%d", b)})
		}
		e.Blocks[19].Text += " 长列表"
		site.Entries = append(site.Entries, e)
	}
	sites := []Site{site}
	var steps []indexStep
	add := func(name string, cost int, change func(id int, e *Entry)) {
		s := slices.Clone(sites)
		s[0].Entries = slices.Clone(s[0].Entries)
		for id := range s[0].Entries {
			e := &s[0].Entries[id]
			e.Blocks = slices.Clone(e.Blocks)
			change(id, e)
		}
		steps = append(steps, indexStep{name, s, cost})
		sites = s
	}
	add("first build", full, func(int, *Entry) {})
	add("a long list shortened", moved, func(id int, e *Entry) {
		if id%4 == 0 {
			e.Blocks[19].Text = "段落"
		}
	})
	add("many new terms", moved, func(id int, e *Entry) {
		if id == 100 {
			var b strings.Builder
			for i := range 4000 {
				fmt.Fprintf(&b, "w%dx ", i)
			}
			e.Blocks[3].Text = b.String()
		}
	})
	add("the titles of a title file emptied", small, func(id int, e *Entry) {
		if id < titleEntries {
			e.Title, e.Number = "", ""
		}
	})
	// The groups are fixed: the new terms' text would change their number.
	ix := &Indexer{opt: options{layout: layout{groups: 8}}}
	trees := runSteps(t, ix, steps, true)
	has := func(step, name string) bool {
		for _, p := range trees[step].Paths() {
			if strings.HasSuffix(p, "/"+name+".js") {
				return true
			}
		}
		return false
	}
	manifest := func(step string) string {
		b, _ := trees[step].Get("search/manifest.js")
		return string(b)
	}
	d := func(step string) int {
		n := 0
		for _, p := range trees[step].Paths() {
			if strings.Contains(p, "/d") {
				n++
			}
		}
		return n
	}
	if d("first build") == 0 {
		t.Error("no list has a file of its own")
	}
	if d("a long list shortened") >= d("first build") {
		t.Errorf("the shortened list kept its file: %d files of lists, were %d", d("a long list shortened"), d("first build"))
	}
	if s := func(step string) string {
		_, rest, _ := strings.Cut(manifest(step), `"s":`)
		n, _, _ := strings.Cut(rest, ",")
		return n
	}; s("many new terms") == s("a long list shortened") {
		t.Errorf("the number of shards stayed %s", s("many new terms"))
	}
	if !has("many new terms", "t0") || has("the titles of a title file emptied", "t0") {
		t.Error("t0 was not there and then gone")
	}
}

// sameFiles requires tree to hold the files want, with their checksums.
func sameFiles(t *testing.T, what string, tree *output.Tree, want []File) {
	t.Helper()
	paths := tree.Paths()
	wantPaths := make([]string, len(want))
	for i, f := range want {
		wantPaths[i] = f.Path
	}
	if !slices.Equal(paths, wantPaths) {
		missing, extra := 0, 0
		for _, p := range wantPaths {
			if _, ok := slices.BinarySearch(paths, p); !ok {
				if missing++; missing <= 5 {
					t.Errorf("%s: %s missing", what, p)
				}
			}
		}
		for _, p := range paths {
			if _, ok := slices.BinarySearch(wantPaths, p); !ok {
				if extra++; extra <= 5 {
					t.Errorf("%s: %s is not Write's", what, p)
				}
			}
		}
		t.Fatalf("%s: %d files missing, %d too many", what, missing, extra)
	}
	bad := 0
	for _, f := range want {
		got, _ := tree.Get(f.Path)
		if !bytes.Equal(got, f.Data) {
			if bad++; bad <= 5 {
				t.Errorf("%s: %s differs:\n got %.300q\nwant %.300q", what, f.Path, got, f.Data)
			}
		}
		if sum, ok := tree.Sum(f.Path); !ok || sum != sha256.Sum256(f.Data) {
			t.Errorf("%s: %s has the checksum %x, %v", what, f.Path, sum, ok)
		}
	}
	if bad > 0 {
		t.Fatalf("%s: %d files differ", what, bad)
	}
}

// TestIndexerSharesTexts: the languages' entries with the same texts are read once, and
// an edit reads only the edited entry.
func TestIndexerSharesTexts(t *testing.T) {
	sites := bilingual(t, 40)
	var ix Indexer
	if err := ix.Write(sites, output.NewTree()); err != nil {
		t.Fatal(err)
	}
	if read := ix.stats[0].read + ix.stats[1].read; read != 40+8+1 {
		t.Errorf("read %d entries, want 49: 40, 8 with their own title, 1 event", read)
	}
	sites = edit(sites, "doc/3/index.html", func(l int, e *Entry) { e.Blocks[0].Text = "新的正文。" })
	if err := ix.Write(sites, output.NewTree()); err != nil {
		t.Fatal(err)
	}
	if read := ix.stats[0].read + ix.stats[1].read; read != 1 {
		t.Errorf("read %d entries after an edit of one, want 1", read)
	}
	if ix.stats[0].full || ix.stats[1].full {
		t.Error("an edit of one entry made every file")
	}
}

// TestIndexerTiny: a term that leaves its position file empty, a language that
// changes, a language without entries, no languages at all.
func TestIndexerTiny(t *testing.T) {
	entry := func(path, title string) Entry {
		return Entry{Kind: KindDocument, Path: path, Title: title, Date: date("2023-01-01"), BodyLang: "zh-Hans",
			Blocks: []Block{{Text: title + " 正文"}}}
	}
	one := []Site{{Lang: "zh-Hans", Entries: []Entry{entry("a/index.html", "alpha"), entry("b/index.html", "beta")}},
		{Lang: "mn-Mong", Root: "mn/"}}
	two := slices.Clone(one)
	two[0].Entries = []Entry{entry("a/index.html", "gamma"), entry("b/index.html", "beta")}
	other := slices.Clone(two)
	other[1] = Site{Lang: "en", Root: "en/", Entries: two[0].Entries}
	// With 64 groups alpha and gamma are in different position files.
	opt := options{layout: layout{groups: 64}}
	if g := func(term string) int { return bucket(term, KindWord, 64) }; g("alpha") == g("gamma") {
		t.Fatal("alpha and gamma share a group: choose other words")
	}
	ix := &Indexer{opt: opt}
	runSteps(t, ix, []indexStep{
		{"first build", one, full},
		{"a word replaced", two, small},
		{"a language replaced", other, full},
		{"no languages", nil, full},
		{"languages again", two, full},
	}, false)

	// A sink that refuses a file fails the write, and the next starts afresh.
	taken := output.NewTree()
	if err := taken.Add("search/manifest.js", nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.Write(one, taken); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("a refused file gave %v", err)
	}
	runSteps(t, ix, []indexStep{{"after a failure", two, full}}, false)
	if !ix.stats[0].full {
		t.Error("the write after a failure was not made afresh")
	}
}

// TestSameEntryFields: a change of any field of an Entry is a change of the entry, so
// that a field added to Entry cannot be missed by the Indexer.
func TestSameEntryFields(t *testing.T) {
	base := Entry{Kind: KindDocument, Path: "a/index.html", Anchor: "x", Title: "t", TitleLang: "zh", BodyLang: "zh",
		Context: "c", Number: "n", Meta: []string{"m"}, Issue: "i", IssueKey: "2023/01", Date: date("2023-01-01"),
		DateText: "d", Section: "s", Issuers: []string{"o"}, Blocks: []Block{{Anchor: "b", Text: "t"}}}
	v := reflect.ValueOf(&base).Elem()
	for i := range v.NumField() {
		e := base
		e.Meta, e.Issuers, e.Blocks = slices.Clone(base.Meta), slices.Clone(base.Issuers), slices.Clone(base.Blocks)
		f := reflect.ValueOf(&e).Elem().Field(i)
		switch x := f.Addr().Interface().(type) {
		case *string:
			*x += "!"
		case *[]string:
			(*x)[0] += "!"
		case *time.Time:
			*x = x.Add(time.Hour)
		case *[]Block:
			(*x)[0].Anchor += "!"
		default:
			t.Fatalf("field %s of type %s: teach the test and sameEntry about it", v.Type().Field(i).Name, f.Type())
		}
		if sameEntry(&base, &e) {
			t.Errorf("a change of %s is not seen", v.Type().Field(i).Name)
		}
	}
	e := base
	e.Blocks = slices.Clone(base.Blocks)
	if !sameEntry(&base, &e) {
		t.Error("equal entries differ")
	}
}

// TestChangeList: changes applied to a doc-list give the list written from scratch.
func TestChangeList(t *testing.T) {
	write := func(facet bool, ids ...int) []byte {
		var b []byte
		prev := 0
		for _, id := range ids {
			b = appendVLQ(b, id-prev)
			prev = id
			if !facet {
				b = appendWhere(b, uint32(id%7))
			}
		}
		return b
	}
	for _, facet := range []bool{false, true} {
		list := write(facet, 3, 40, 41, 2000)
		got := changeList(list, facet, []docChange{{id: 41}, {id: 0, where: 0, has: true}, {id: 3000, where: 3000 % 7, has: true},
			{id: 40, where: 40 % 7, has: true}, {id: 500, where: 500 % 7, has: true}})
		if want := write(facet, 0, 3, 40, 500, 2000, 3000); !bytes.Equal(got, want) {
			t.Errorf("facet %v: %q, want %q", facet, got, want)
		}
		if got := changeList(write(facet, 7), facet, []docChange{{id: 7}}); got != nil {
			t.Errorf("facet %v: the last entry removed leaves %q", facet, got)
		}
	}
}

// TestExpandList: a doc-list compacted in any form expands back to the list written.
func TestExpandList(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		facet := r.IntN(3) == 0
		density := 1 + r.IntN(12) // one entry in density
		titles := r.IntN(2) == 0  // most entries have the term in their titles: "~"
		var raw []byte
		prev := 0
		for id := r.IntN(50); id < 600; id += 1 + r.IntN(density) {
			raw = appendVLQ(raw, id-prev)
			prev = id
			if !facet {
				where := uint32(r.IntN(40)) << whereBits
				if titles || r.IntN(8) == 0 {
					where |= uint32(1 + r.IntN(7))
				}
				raw = appendWhere(raw, where)
			}
		}
		list := compactList(raw, facet)
		if got := expandList(list, facet); !bytes.Equal(got, raw) {
			t.Fatalf("%q (facet %v) expands to\n%q, want\n%q", list, facet, got, raw)
		}
	}
	if expandList(nil, false) != nil {
		t.Error("no list expands to one")
	}
}

// BenchmarkIndexer1k times an Indexer's write of 1,000 synthetic documents in two
// languages after an edit of one entry's text (two versions in turn), against Write:
//
//	go test -run='^$' -bench='Indexer1k|Write1k' ./generator/search/
func BenchmarkIndexer1k(b *testing.B) {
	sites := bilingual(b, 1000)
	versions := [][]Site{sites, edit(sites, "doc/500/index.html", func(l int, e *Entry) { e.Blocks[2].Text += "另行通知。" })}
	var ix Indexer
	if err := ix.Write(sites, output.NewTree()); err != nil {
		b.Fatal(err)
	}
	n := 0
	cpu := cputime.Self()
	for b.Loop() {
		n++
		if err := ix.Write(versions[n%2], output.NewTree()); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(ix.stats[0].made+ix.stats[1].made), "files-made/op")
}

func BenchmarkWrite1k(b *testing.B) {
	sites := bilingual(b, 1000)
	cpu := cputime.Self()
	for b.Loop() {
		if err := Write(sites, output.NewTree()); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkIndexerFirst1k times an Indexer's first write, which makes every file.
func BenchmarkIndexerFirst1k(b *testing.B) {
	sites := bilingual(b, 1000)
	cpu := cputime.Self()
	for b.Loop() {
		var ix Indexer
		if err := ix.Write(sites, output.NewTree()); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}
