package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
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

// readIndex decodes the files of one language: name → payload.
func readIndex(t *testing.T, files []File, root string) map[string]json.RawMessage {
	t.Helper()
	out := map[string]json.RawMessage{}
	for _, f := range files {
		rest, ok := strings.CutPrefix(f.Path, root+"search/")
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

// decodePostings reads a posting list as search-engine.js does: entry → positions.
func decodePostings(s string) map[int][]int {
	out := map[int][]int{}
	scale := 1
	if rest, ok := strings.CutPrefix(s, "^"); ok {
		s, scale = rest, span
	}
	id := 0
	for _, e := range strings.Split(s, " ") {
		var nums []int
		acc := 0
		for _, c := range e {
			if d := strings.IndexRune(vlqLast, c); d >= 0 {
				nums = append(nums, acc*32+d)
				acc = 0
			} else {
				acc = acc*32 + strings.IndexRune(vlqMore, c)
			}
		}
		id += nums[0]
		p := 0
		out[id] = []int{}
		for _, n := range nums[1:] {
			p += n
			out[id] = append(out[id], p*scale)
		}
	}
	return out
}

// allTerms reads every shard of an index and checks that the manifest's boundaries
// send every term to the shard that holds it.
func allTerms(t *testing.T, idx map[string]json.RawMessage) map[string]map[int][]int {
	t.Helper()
	var m manifest
	if err := json.Unmarshal(idx["manifest"], &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[int][]int{}
	for i := range m.Shards {
		var flat []string
		if err := json.Unmarshal(idx[fmt.Sprintf("s%d", i)], &flat); err != nil {
			t.Fatalf("s%d: %v", i, err)
		}
		for j := 0; j < len(flat); j += 2 {
			term := flat[j]
			// The shard the browser would pick: the last whose first term is <= term.
			k := sort.Search(len(m.Shards), func(k int) bool { return utf16Less(term, m.Shards[k]) }) - 1
			if k != i {
				t.Errorf("term %q is in s%d, but the manifest sends it to s%d", term, i, k)
			}
			if j > 0 && !utf16Less(flat[j-2], term) {
				t.Errorf("s%d: %q before %q: not in UTF-16 order", i, flat[j-2], term)
			}
			out[term] = decodePostings(flat[j+1])
		}
	}
	return out
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
		// A unigram names only the blocks it is in.
		{"医", map[int][]int{a: {5 * span}, b: {3 * span}}},
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
		got := terms[tc.term]
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("postings of %q = %v, want %v", tc.term, got, tc.want)
		}
	}
	mnTerms := allTerms(t, readIndex(t, files, "mn/"))
	if got := mnTerms["ᠮᠡᠳᠡᠭᠳᠡᠯ"]; fmt.Sprint(got) != fmt.Sprint(map[int][]int{a: {0}}) {
		t.Errorf("the Mongolian index has ᠮᠡᠳᠡᠭᠳᠡᠯ at %v, want the translated title", got)
	}
	if _, ok := terms["ᠮᠡᠳᠡᠭᠳᠡᠯ"]; ok {
		t.Error("the Chinese index has the Mongolian title")
	}
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
	if err := json.Unmarshal(idx["x0"], &texts); err != nil {
		t.Fatal(err)
	}
	if len(metas) != 3 || metas[0].Kind != KindEvent || metas[2].Number != "乌政发〔2023〕9号" {
		t.Fatalf("metadata, newest first: %+v", metas)
	}
	a := metas[2]
	if a.Block+a.Blocks > len(texts) || texts[a.Block+2] != [2]string{"一-目标", "医保服务下沉。𠀀𠀁"} {
		t.Errorf("notice a's third block is %q, want its text with its heading's anchor", texts[a.Block+2])
	}
}

func TestUTF16Order(t *testing.T) {
	// JavaScript compares UTF-16 code units: a supplementary character (surrogates
	// D800–DFFF) sorts before U+E000–U+FFFF, but after U+4E00.
	words := []string{"\uff21", "𠀀", "中", "a", "ab", "", "\ue000"}
	sort.Slice(words, func(i, j int) bool { return utf16Less(words[i], words[j]) })
	want := []string{"", "a", "ab", "中", "𠀀", "\ue000", "\uff21"}
	if !slices.Equal(words, want) {
		t.Errorf("sorted %q, want %q", words, want)
	}
}
