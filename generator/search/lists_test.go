package search

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

type listEntry struct {
	ID    int    `json:"id"`
	Where uint32 `json:"where"`
}

// listCases are doc-lists of every form compactList chooses: name, entries, whether a
// facet's, and the tags the compact form starts with.
func listCases() []struct {
	name    string
	entries []listEntry
	facet   bool
	tags    string
} {
	r := rand.New(rand.NewPCG(7, 11))
	gen := func(n, gap int, flagged float64, maxBlock int, facet bool) []listEntry {
		var out []listEntry
		id := r.IntN(gap + 1)
		for range n {
			e := listEntry{ID: id}
			if !facet {
				e.Where = uint32(r.IntN(maxBlock+1)) << whereBits
				if r.Float64() < flagged {
					e.Where |= uint32(1 + r.IntN(1<<whereBits-1))
				}
			}
			out = append(out, e)
			id += 1 + r.IntN(gap)
		}
		return out
	}
	return []struct {
		name    string
		entries []listEntry
		facet   bool
		tags    string
	}{
		{"sparse, text only", gen(200, 60, 0.02, 40, false), false, ""},
		{"dense: a bitmap", gen(3000, 2, 0.02, 12, false), false, "!"},
		{"in most titles, near the start", gen(300, 60, 0.95, 2, false), false, "~"},
		{"dense and in most titles", gen(3000, 2, 0.95, 2, false), false, "~!"},
		{"one entry, in the title", gen(1, 5000, 1, 3, false), false, "~"},
		{"a sparse facet", gen(100, 90, 0, 0, true), true, ""},
		{"a dense facet", gen(5000, 1, 0, 0, true), true, "!"},
	}
}

// encodeList writes a doc-list as the index does before compactList.
func encodeList(entries []listEntry, facet bool) []byte {
	var b []byte
	prev := 0
	for _, e := range entries {
		b = appendVLQ(b, e.ID-prev)
		prev = e.ID
		if !facet {
			b = appendWhere(b, e.Where)
		}
	}
	return b
}

func TestCompactList(t *testing.T) {
	for _, tc := range listCases() {
		raw := encodeList(tc.entries, tc.facet)
		got := compactList(raw, tc.facet)
		if rest, ok := strings.CutPrefix(string(got), tc.tags); !ok || strings.IndexAny(rest[:1], "~!") == 0 {
			t.Errorf("%s: the compact list starts %.8q, want the tags %q", tc.name, got, tc.tags)
		}
		if len(got) > len(raw) {
			t.Errorf("%s: %d bytes, longer than the %d it started from", tc.name, len(got), len(raw))
		}
		want := map[int]int{}
		for _, e := range tc.entries {
			want[e.ID] = int(e.Where)
		}
		if dec := decodeDocs(t, string(got), tc.facet); fmt.Sprint(dec) != fmt.Sprint(want) {
			t.Errorf("%s: decodes to %d entries, not the %d written", tc.name, len(dec), len(want))
		}
	}
}

// TestCompactListJS decodes the lists of TestCompactList with the browser's engine.
func TestCompactListJS(t *testing.T) {
	node := requireNode(t)
	type list struct {
		List  string `json:"list"`
		Facet bool   `json:"facet"`
	}
	var lists []list
	cases := listCases()
	for _, tc := range cases {
		lists = append(lists, list{string(compactList(encodeList(tc.entries, tc.facet), tc.facet)), tc.facet})
	}
	f := filepath.Join(t.TempDir(), "lists.json")
	b, _ := json.Marshal(lists)
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "testdata/lists_node.js", "../../static/js/search-engine.js", f).Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderrOf(err))
	}
	var got [][]listEntry
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(cases) {
		t.Fatalf("node's output: %v (%d lists for %d)\n%.300s", err, len(got), len(cases), out)
	}
	for i, tc := range cases {
		if fmt.Sprint(got[i]) != fmt.Sprint(tc.entries) {
			t.Errorf("%s: the engine reads %d entries, %.80v…; want %d, %.80v…", tc.name, len(got[i]), got[i], len(tc.entries), tc.entries)
		}
	}
}
