package search

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokens: the tokenizer takes any text. Every token is a non-empty term of a known
// kind taken from within the text, positions never go back, a query of the same text
// parses, and a document number term is a docnum key (exactly two '|'); the index
// reads the text into the tokenizer's terms and positions. Seeds:
// testdata/fuzz/FuzzTokens, the normaliser vectors shared with the browser and the
// bundled content.
func FuzzTokens(f *testing.F) {
	data, err := os.ReadFile(vectorsFile)
	if err != nil {
		f.Fatal(err)
	}
	var vs struct {
		Cases []struct {
			Text string `json:"text"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &vs); err != nil || len(vs.Cases) == 0 {
		f.Fatalf("reading the seed vectors from %s: %v (%d cases)", vectorsFile, err, len(vs.Cases))
	}
	for _, v := range vs.Cases {
		f.Add(v.Text)
	}
	for _, p := range []string{"../../content/2023/02/dashiji.md", "../../content/2023/02/fuyuan-liandong.md"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("乌政办发〔2023〕27号 ᠤᠨ ᠶᠢᠨ <script>alert(1)</script> ＡＢＣ \u180e\u200d é")
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, tok := range Tokens(text) {
			if tok.Term == "" || !strings.ContainsRune("ubwmn", rune(tok.Kind)) {
				t.Fatalf("token %+v: empty or of unknown kind", tok)
			}
			if tok.Start < 0 || tok.Start >= tok.End || tok.End > len(text) {
				t.Fatalf("token %+v outside the %d-byte text", tok, len(text))
			}
			if tok.Pos < last {
				t.Fatalf("token %+v goes back from position %d", tok, last)
			}
			last = tok.Pos
			if tok.Kind == KindUnigram && utf8.RuneCountInString(tok.Term) != 1 {
				t.Fatalf("unigram %q is not one character", tok.Term)
			}
			for _, r := range tok.Term {
				if isSeparator(r) {
					t.Fatalf("term %q holds the separator %q", tok.Term, r)
				}
			}
		}
		q := ParseQuery(text)
		if q.Docnum != "" && (!strings.HasPrefix(q.Docnum, docnumPrefix) || strings.Count(q.Docnum, "|") != 2) {
			t.Fatalf("document number term %q is not a key", q.Docnum)
		}
		var cited []string
		if strings.Contains(text, "号") {
			cited = docnumKeys(nfkc(text))
		}
		for _, term := range cited {
			if strings.Count(term, "|") != 2 {
				t.Fatalf("cited number term %q is not a key", term)
			}
		}

		// The index reads the text, as a block, into the same terms at the same
		// positions, those of its first span positions.
		want := map[string][]int{}
		for _, tok := range Tokens(text) {
			if tok.Pos >= span {
				break
			}
			if positional(tok.Kind) {
				want[tok.Term] = append(want[tok.Term], firstBody*span+tok.Pos)
			} else if want[tok.Term] == nil {
				want[tok.Term] = []int{}
			}
		}
		for _, term := range cited {
			if want[term] == nil {
				want[term] = []int{}
			}
		}
		var rd termReader
		rd.entry("", "", nil, []Block{{Text: text}})
		got := map[string][]int{}
		for _, r := range rd.recs {
			pos := []int{}
			q := 0
			for list := rd.buf[r.start:r.end]; len(list) > 0; {
				var d int
				d, list = readVLQ(list)
				q += d
				pos = append(pos, q)
			}
			got[rd.dict.terms[r.tid]] = pos
			if r.where != 1<<whereBits {
				t.Fatalf("term %q has the where value %d, want the first text block's", rd.dict.terms[r.tid], r.where)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("the index reads %d terms, the tokenizer gives %d", len(got), len(want))
		}
		for term, w := range want {
			if g, ok := got[term]; !ok || !slices.Equal(slices.Compact(w), g) {
				t.Fatalf("term %q: the index reads positions %v, the tokenizer gives %v", term, g, w)
			}
		}
	})
}
