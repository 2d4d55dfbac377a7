package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"gazette/generator/output"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureSites are two small languages of a site.
func fixtureSites() []Site {
	docs := []Entry{
		{Kind: KindDocument, Path: "2023/01/a/index.html", Title: "关于建立府院联动机制的通知", Number: "乌政发〔2023〕9号",
			Issue: "2023年第1期", IssueKey: "2023/01", Date: date("2023-02-01"), Section: "政府文件", Issuers: []string{"乌审旗人民政府"},
			BodyLang: "zh-Hans", Blocks: []Block{{Text: "现将府院联动方案印发给你们。"}, {Anchor: "一-目标", Text: "一、目标"}, {Anchor: "一-目标", Text: "医保服务下沉。𠀀𠀁"}}},
		{Kind: KindDocument, Path: "2023/01/b/index.html", Title: "关于做好卫生工作的通知", Number: "乌政办发〔2023〕27号",
			Issue: "2023年第1期", IssueKey: "2023/01", Date: date("2023-03-01"), Section: "政府办文件", Issuers: []string{"乌审旗人民政府办公室"},
			BodyLang: "zh-Hans", Blocks: []Block{{Text: "医疗机构要做好保障，府里和院里要联系。根据现将乌政发〔2023〕9号文件办理。"}}},
		{Kind: KindEvent, Path: "2023/01/c/index.html", Anchor: "2023-03-02", Title: "3月2日", Date: date("2023-03-02"),
			BodyLang: "zh-Hans", Blocks: []Block{{Anchor: "2023-03-02", Text: "旗长希尼主持召开招商引资工作会议。"}}},
	}
	mn := slices.Clone(docs)
	mn[0].Title, mn[0].TitleLang = "ᠮᠡᠳᠡᠭᠳᠡᠯ", "mn-Mong"
	return []Site{{Lang: "zh-Hans", Entries: docs}, {Lang: "mn-Mong", Root: "mn/", Entries: mn}}
}

// readIndex decodes the files of one language: name → payload. A file the manifest
// says is shared with the first language is read from the first language's folder, as
// search-engine.js reads it.
func readIndex(t *testing.T, files []File, root string) map[string]json.RawMessage {
	t.Helper()
	out := readFolder(t, files, root+"search/")
	var m manifest
	if err := json.Unmarshal(out["manifest"], &m); err != nil {
		t.Fatalf("%smanifest: %v", root, err)
	}
	if m.Shared == nil {
		return out
	}
	for name, payload := range readFolder(t, files, path.Join(root+"search", m.Shared.Dir)+"/") {
		if f, bit := sharedBit(name, m.Groups); name != "manifest" && isShared(m.Shared.Bits[string(f)], bit) {
			if _, ok := out[name]; ok {
				t.Errorf("%s is in the folder of %q and shared", name, root)
			}
			out[name] = payload
		}
	}
	return out
}

// isShared reads bit of a bitmap of shared files.
func isShared(bits string, bit int) bool {
	return bit/6 < len(bits) && strings.IndexByte(bitDigits, bits[bit/6])>>(bit%6)&1 != 0
}

// readFolder decodes the files under the folder prefix and its subfolders, not under
// another language's.
func readFolder(t *testing.T, files []File, prefix string) map[string]json.RawMessage {
	t.Helper()
	out := map[string]json.RawMessage{}
	for _, f := range files {
		rest, ok := strings.CutPrefix(f.Path, prefix)
		if !ok || strings.Contains(rest, "mn/") {
			continue
		}
		s := string(f.Data)
		if !strings.HasPrefix(s, "gazetteIndex(") || !strings.HasSuffix(s, ");\n") {
			t.Fatalf("%s is not a gazetteIndex(…) call: %.60q", f.Path, s)
		}
		s = strings.TrimSuffix(strings.TrimPrefix(s, "gazetteIndex("), ");\n")
		name, payload, _ := strings.Cut(s, ",")
		var n string
		if err := json.Unmarshal([]byte(name), &n); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		if want := strings.TrimSuffix(rest[strings.LastIndex(rest, "/")+1:], ".js"); n != want {
			t.Errorf("%s registers itself as %q, want %q", f.Path, n, want)
		}
		out[n] = json.RawMessage(payload)
	}
	return out
}

// occurrence is what the index holds of a term in an entry: the where value of its
// doc-list and, for the terms of phrases, its positions.
type occurrence struct {
	where int
	pos   []int
}

func numbersOf(s string) []int {
	var nums []int
	acc := 0
	for _, c := range s {
		if d := strings.IndexRune(vlqLast, c); d >= 0 {
			nums = append(nums, acc*32+d)
			acc = 0
		} else {
			acc = acc*32 + strings.IndexRune(vlqMore, c)
		}
	}
	return nums
}

// kindOf tells the kind of an index term that decides its key: facets, 发文字号 and
// Mongolian words are told apart by their characters.
func kindOf(term string) byte {
	switch {
	case strings.HasPrefix(term, facetPrefix):
		return kindFacet
	case strings.HasPrefix(term, docnumPrefix):
		return KindDocnum
	case strings.IndexFunc(term, isMongolianLetter) >= 0:
		return KindMongol
	}
	return KindWord
}

// termFiles reads a shard or position file: [term, list] pairs, checking that the
// terms are in byte order. A shard may name, instead of a list, the file d<k>-<n> that
// holds it: such lists come back read from that file.
func termFiles(t *testing.T, idx map[string]json.RawMessage, name string) [][2]string {
	t.Helper()
	var flat []json.RawMessage
	if err := json.Unmarshal(idx[name], &flat); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out [][2]string
	for j := 0; j+1 < len(flat); j += 2 {
		var term, list string
		if err := json.Unmarshal(flat[j], &term); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := json.Unmarshal(flat[j+1], &list); err != nil {
			var n int
			if json.Unmarshal(flat[j+1], &n) != nil || !strings.HasPrefix(name, "s") {
				t.Fatalf("%s: the list of %q is %s", name, term, flat[j+1])
			}
			own := "d" + name[1:] + "-" + strconv.Itoa(n)
			if err := json.Unmarshal(idx[own], &list); err != nil {
				t.Fatalf("%s: the list of %q in %s: %v", name, term, own, err)
			}
			if len(list) <= ownList {
				t.Errorf("%s: the list of %q has a file of its own, but only %d bytes", name, term, len(list))
			}
		} else if len(list) > ownList && strings.HasPrefix(name, "s") {
			t.Errorf("%s: the list of %q is %d bytes, but in the shard", name, term, len(list))
		}
		if len(out) > 0 && out[len(out)-1][0] >= term {
			t.Errorf("%s: %q before %q: not in order", name, out[len(out)-1][0], term)
		}
		out = append(out, [2]string{term, list})
	}
	return out
}

// decodeDocs reads a doc-list as search-engine.js does: entry → where value.
func decodeDocs(t *testing.T, list string, facet bool) map[int]int {
	t.Helper()
	rest := []byte(list)
	byFlags := rest[0] == whereTag
	if byFlags {
		rest = rest[1:]
	}
	var ids []int
	if rest[0] == bitmapTag {
		var first, digits int
		first, rest = readVLQ(rest[1:])
		digits, rest = readVLQ(rest)
		for k, c := range rest[:digits] {
			for b := range 6 {
				if strings.IndexByte(bitDigits, c)&(1<<b) != 0 {
					ids = append(ids, first+6*k+b)
				}
			}
		}
		rest = rest[digits:]
	}
	out := map[int]int{}
	id := 0
	for n := 0; ids != nil && n < len(ids) || ids == nil && len(rest) > 0; n++ {
		if ids != nil {
			id = ids[n]
		} else {
			var d int
			d, rest = readVLQ(rest)
			id += d
		}
		var w uint32
		switch {
		case byFlags:
			var v int
			v, rest = readVLQ(rest)
			w = uint32(v)
		case !facet:
			w, rest = readWhere(rest)
		}
		out[id] = int(w)
	}
	if len(rest) > 0 {
		t.Errorf("doc-list %q: %q left over", list, rest)
	}
	return out
}

// positionLists reads a position list of a chunk whose first id is base.
func positionLists(list string, base int) map[int][]int {
	out := map[int][]int{}
	id := base
	for _, e := range strings.Split(list, " ") {
		nums := numbersOf(e)
		id += nums[0]
		p := 0
		out[id] = []int{}
		for _, n := range nums[1:] {
			p += n
			out[id] = append(out[id], p)
		}
	}
	return out
}

// allTerms reads every shard and position file of an index as search-engine.js does,
// checking that each term lies where the hash of its key sends it, and that title
// files hold what position files hold of the terms of titles and 发文字号: term →
// entry → occurrence.
func allTerms(t *testing.T, idx map[string]json.RawMessage) map[string]map[int]occurrence {
	t.Helper()
	var m manifest
	if err := json.Unmarshal(idx["manifest"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Version != formatVersion || m.Shards < 1 || m.Groups < 1 || m.Chunk < 1 || m.TitleChunk < 1 || m.Chunk%m.TitleChunk != 0 {
		t.Fatalf("manifest %+v", m)
	}
	out := map[string]map[int]occurrence{}
	for name := range idx {
		if !strings.HasPrefix(name, "s") {
			continue
		}
		k, _ := strconv.Atoi(name[1:])
		for _, tl := range termFiles(t, idx, name) {
			term := tl[0]
			if want := bucket(term, kindOf(term), m.Shards); want != k {
				t.Errorf("term %q is in %s, but its key sends it to s%d", term, name, want)
			}
			occ := map[int]occurrence{}
			for id, w := range decodeDocs(t, tl[1], kindOf(term) == kindFacet) {
				occ[id] = occurrence{where: w}
			}
			out[term] = occ
		}
	}
	titled := map[string]map[int][]int{}
	for name := range idx {
		var g, c string
		if n, ok := strings.CutPrefix(name, "t"); ok {
			c = n
		} else if n, ok := strings.CutPrefix(name, "p"); ok {
			g, c, _ = strings.Cut(n, "-")
		} else {
			continue
		}
		gi, _ := strconv.Atoi(g)
		ci, _ := strconv.Atoi(c)
		size := m.Chunk
		if g == "" {
			size = m.TitleChunk
		}
		for _, tl := range termFiles(t, idx, name) {
			term := tl[0]
			if want := bucket(term, kindOf(term), m.Groups); g != "" && want != gi {
				t.Errorf("positions of %q are in %s, but its key sends them to group %d", term, name, want)
			}
			for id, pos := range positionLists(tl[1], ci*size) {
				if id/size != ci {
					t.Errorf("%s holds entry %d of %q, which is in chunk %d", name, id, term, id/size)
				}
				o, ok := out[term][id]
				if !ok {
					t.Errorf("%s holds positions of %q in entry %d, which its doc-list lacks", name, term, id)
				}
				if g == "" {
					if o.where&(inTitle|inNumber) == 0 {
						t.Errorf("%s holds %q for entry %d, which has it in neither title nor 发文字号", name, term, id)
					}
					if titled[term] == nil {
						titled[term] = map[int][]int{}
					}
					titled[term][id] = pos
					continue
				}
				o.pos = pos
				out[term][id] = o
			}
		}
	}
	for term, occ := range out {
		for id, o := range occ {
			if o.pos != nil && o.where&(inTitle|inNumber) != 0 && fmt.Sprint(titled[term][id]) != fmt.Sprint(o.pos) {
				t.Errorf("the title file of entry %d has %q at %v, its position file at %v", id, term, titled[term][id], o.pos)
			}
		}
	}
	return out
}

// whereOf is the where value that positions (or, for terms without positions, the
// first position of each block) give.
func whereOf(pos []int) int {
	w := 0
	for _, p := range pos {
		switch b := p / span; {
		case b < firstBody:
			w |= 1 << b
		case w>>whereBits == 0:
			w |= (b - firstBody + 1) << whereBits
		}
	}
	return w
}

func TestBuildIsDeterministic(t *testing.T) {
	a, err := Build(fixtureSites())
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Build(fixtureSites())
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != len(b) {
			t.Fatalf("%d files, then %d", len(a), len(b))
		}
		for i := range a {
			if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
				t.Fatalf("rebuild differs at %s / %s", a[i].Path, b[i].Path)
			}
		}
	}
	if !sort.SliceIsSorted(a, func(i, j int) bool { return a[i].Path < a[j].Path }) {
		t.Error("files are not sorted by path")
	}
}

func TestShardContents(t *testing.T) {
	files, err := Build(fixtureSites())
	if err != nil {
		t.Fatal(err)
	}
	terms := allTerms(t, readIndex(t, files, ""))
	// Entries are numbered newest first: 0 the event, 1 notice b, 2 notice a.
	// want gives the positions of the term in each entry; for a term that is no part
	// of a phrase (a unigram, a 发文字号, a facet) the index keeps only where it is, and
	// want gives the first position of each block it is in.
	const event, b, a = 0, 1, 2
	for _, tc := range []struct {
		term string
		want map[int][]int
	}{
		// Title positions are in block 0, the number in block 1, text in blocks 3….
		{"府院", map[int][]int{a: {4, 3*span + 2}}},
		{"院联", map[int][]int{a: {5, 3*span + 3}}},
		{"联动", map[int][]int{a: {6, 3*span + 4}}},
		{"医保", map[int][]int{a: {5 * span}}},
		// A unigram says only which blocks it is in.
		{"医", map[int][]int{a: {5 * span}, b: {3 * span}}},
		{"通", map[int][]int{a: {11}, b: {9}}},
		// The number as a field, and as cited in the text with every prefix.
		{"#乌政发|2023|9", map[int][]int{a: {span}, b: {3 * span}}},
		{"#将乌政发|2023|9", map[int][]int{b: {3 * span}}},
		{"#乌政办发|2023|27", map[int][]int{b: {span}}},
		{"#政办发|2023|27", map[int][]int{b: {span}}},
		{"招商", map[int][]int{event: {3*span + 8}}},
		{"=y2023", map[int][]int{event: {}, b: {}, a: {}}},
		{"=s政府文件", map[int][]int{a: {}}},
		{"=kevent", map[int][]int{event: {}}},
		{"𠀀𠀁", map[int][]int{a: {5*span + 6}}},
		// Characters apart are no bigram.
		{"府里", map[int][]int{b: {3*span + 9}}},
		{"府院联动", nil},
	} {
		if got, want := terms[tc.term], expect(tc.term, tc.want); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("index of %q = %v, want %v", tc.term, got, want)
		}
	}
	mnTerms := allTerms(t, readIndex(t, files, "mn/"))
	if got, want := mnTerms["ᠮᠡᠳᠡᠭᠳᠡᠯ"], expect("ᠮᠡᠳᠡᠭᠳᠡᠯ", map[int][]int{a: {0}}); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the Mongolian index has ᠮᠡᠳᠡᠭᠳᠡᠯ at %v, want the translated title %v", got, want)
	}
	if _, ok := terms["ᠮᠡᠳᠡᠭᠳᠡᠯ"]; ok {
		t.Error("the Chinese index has the Mongolian title")
	}
}

// expect is what the index holds of a term found at positions in each entry.
func expect(term string, positions map[int][]int) map[int]occurrence {
	if positions == nil {
		return nil
	}
	kind := kindOf(term)
	if kind == KindWord {
		if r, _ := utf8.DecodeRuneInString(term); isCJK(r) {
			kind = KindBigram
			if utf8.RuneCountInString(term) == 1 {
				kind = KindUnigram
			}
		}
	}
	out := map[int]occurrence{}
	for id, pos := range positions {
		o := occurrence{}
		if kind != kindFacet {
			o.where = whereOf(pos)
		}
		if positional(kind) {
			o.pos = pos
		}
		out[id] = o
	}
	return out
}

func TestMetaAndText(t *testing.T) {
	files, err := Build(fixtureSites())
	if err != nil {
		t.Fatal(err)
	}
	idx := readIndex(t, files, "")
	var metas []entryMeta
	if err := json.Unmarshal(idx["m0"], &metas); err != nil {
		t.Fatal(err)
	}
	var texts [][2]string
	for i := 0; idx["x"+strconv.Itoa(i)] != nil; i++ {
		var some [][2]string
		if err := json.Unmarshal(idx["x"+strconv.Itoa(i)], &some); err != nil {
			t.Fatal(err)
		}
		if len(some) > blocksPerX || len(some) < blocksPerX && idx["x"+strconv.Itoa(i+1)] != nil {
			t.Errorf("x%d holds %d blocks, want %d", i, len(some), blocksPerX)
		}
		texts = append(texts, some...)
	}
	if len(metas) != 3 || metas[0].Kind != KindEvent || metas[2].Number != "乌政发〔2023〕9号" {
		t.Fatalf("metadata, newest first: %+v", metas)
	}
	a := metas[2]
	if a.Block+a.Blocks > len(texts) || texts[a.Block+2] != [2]string{"一-目标", "医保服务下沉。𠀀𠀁"} {
		t.Errorf("notice a's third block is %q, want its text with its heading's anchor", texts[a.Block+2])
	}
}

// TestOrder: entries sort newest first as a stable sort by time.Time.Compare puts them,
// whatever their zones, with dates that tie, and the zero date.
func TestOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	zones := []*time.Location{time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("W", -5*3600)}
	for range 200 {
		var entries []Entry
		for i := range r.IntN(60) {
			var d time.Time
			switch r.IntN(6) {
			case 0: // the zero date
			case 1:
				d = time.Now().Add(time.Duration(r.IntN(5)) * time.Second)
			default:
				d = time.Date(2015+r.IntN(3), time.Month(1+r.IntN(2)), 1+r.IntN(3), r.IntN(2), 0, 0, r.IntN(2)*500, zones[r.IntN(len(zones))])
			}
			entries = append(entries, Entry{Path: strconv.Itoa(i), Date: d})
		}
		want := slices.Clone(entries)
		slices.SortStableFunc(want, func(a, b Entry) int { return b.Date.Compare(a.Date) })
		got := order(entries)
		for i := range want {
			if got[i].Path != want[i].Path {
				t.Fatalf("order puts %s at %d, want %s", got[i].Path, i, want[i].Path)
			}
		}
	}
}

func TestPartChunks(t *testing.T) {
	lay := layout{chunk: 64, titleChunk: 4}
	for _, c := range []struct{ chunks, workers, want int }{
		{0, 2, 1}, {1, 2, 1}, {16, 2, 8}, {23, 2, 6}, {226, 2, 8}, {23, 1, 8}, {5, 4, 2},
	} {
		if got := partChunks(c.chunks, c.workers, lay); got != c.want {
			t.Errorf("partChunks(%d, %d) = %d, want %d", c.chunks, c.workers, got, c.want)
		}
	}
	// A part is a whole number of title chunks: 6 entries a chunk, 4 a title chunk.
	if got := partChunks(23, 2, layout{chunk: 6, titleChunk: 4}); got%2 != 0 {
		t.Errorf("partChunks with chunks of 6 and title chunks of 4 = %d, want an even number", got)
	}
}

// slowSink is a tree held in memory that takes a while to add a file, as a disk does
// where creating files is slow.
type slowSink struct{ *output.Tree }

func (s slowSink) Add(p string, data []byte) error {
	time.Sleep(100 * time.Microsecond)
	return s.Tree.Add(p, data)
}

// TestPartsAhead builds an index of many parts into a sink slower than the workers: no
// more parts than allowed are ever made and not yet joined, and the index is the
// one made without the bound.
func TestPartsAhead(t *testing.T) {
	sites := []Site{syntheticSite(t, 450)}
	want, err := collect(sites, options{partChunks: 1})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	held, most, parts := 0, 0, 0
	opt := options{partChunks: 1, ahead: 2, unjoined: func(delta int) {
		mu.Lock()
		defer mu.Unlock()
		held += delta
		most = max(most, held)
		if delta > 0 {
			parts++
		}
	}}
	sink := slowSink{output.NewTree()}
	if err := build(sites, opt, sink); err != nil {
		t.Fatal(err)
	}
	if parts < 6 {
		t.Fatalf("%d parts: the test needs more than the workers can hold", parts)
	}
	if most > 2 || held != 0 {
		t.Errorf("up to %d parts made and not joined (%d at the end), want at most 2 (0)", most, held)
	}
	paths := sink.Paths()
	if len(paths) != len(want) {
		t.Fatalf("%d files, want %d", len(paths), len(want))
	}
	for i, p := range paths {
		if b, _ := sink.Get(p); p != want[i].Path || !bytes.Equal(b, want[i].Data) {
			t.Fatalf("file %s differs from the index made without the bound (%s)", p, want[i].Path)
		}
	}
}
