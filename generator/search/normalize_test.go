package search

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// vectorsFile is shared with the browser's normaliser, static/js/normalize.js.
const vectorsFile = "testdata/vectors.json"

type vectorResult struct {
	Tokens []string `json:"tokens"`
	Query  struct {
		Docnum string     `json:"docnum"`
		Groups [][]string `json:"groups"`
	} `json:"query"`
}

type vector struct {
	Name string `json:"name"`
	Text string `json:"text"`
	vectorResult
}

func readVectors(t *testing.T) []vector {
	t.Helper()
	b, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ Cases []vector }
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", vectorsFile, err)
	}
	if len(v.Cases) == 0 {
		t.Fatalf("%s has no cases", vectorsFile)
	}
	return v.Cases
}

func showTokens(ts []Token) []string {
	out := []string{}
	for _, t := range ts {
		out = append(out, fmt.Sprintf("%c:%s@%d", t.Kind, t.Term, t.Pos))
	}
	return out
}

func goResult(text string) vectorResult {
	var r vectorResult
	r.Tokens = showTokens(Tokens(text))
	q := ParseQuery(text)
	r.Query.Docnum = q.Docnum
	r.Query.Groups = [][]string{}
	for _, g := range q.Groups {
		r.Query.Groups = append(r.Query.Groups, showTokens(g))
	}
	return r
}

func compareVector(t *testing.T, side string, want vector, got vectorResult) {
	t.Helper()
	if !slices.Equal(got.Tokens, want.Tokens) {
		t.Errorf("%s: %s: tokens(%q)\n got %q\nwant %q", side, want.Name, want.Text, got.Tokens, want.Tokens)
	}
	if got.Query.Docnum != want.Query.Docnum {
		t.Errorf("%s: %s: query(%q).docnum = %q, want %q", side, want.Name, want.Text, got.Query.Docnum, want.Query.Docnum)
	}
	g, _ := json.Marshal(got.Query.Groups)
	w, _ := json.Marshal(want.Query.Groups)
	if string(g) != string(w) {
		t.Errorf("%s: %s: query(%q).groups\n got %s\nwant %s", side, want.Name, want.Text, g, w)
	}
}

// TestVectorsGo checks the index side of the normaliser against the shared vectors.
func TestVectorsGo(t *testing.T) {
	for _, v := range readVectors(t) {
		compareVector(t, "Go", v, goResult(v.Text))
	}
}

// TestVectorsJS runs the query side, static/js/normalize.js, in node over the same
// vectors. Without node it is skipped loudly, except in CI, where it fails.
func TestVectorsJS(t *testing.T) {
	node := requireNode(t)
	cases := readVectors(t)
	out, err := exec.Command(node, "testdata/vectors_node.js", "../../static/js/normalize.js", vectorsFile).Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderrOf(err))
	}
	var got []vectorResult
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node's output: %v\n%s", err, out)
	}
	if len(got) != len(cases) {
		t.Fatalf("node gave %d results for %d cases", len(got), len(cases))
	}
	for i, v := range cases {
		compareVector(t, "JS", v, got[i])
	}
}

// requireNode returns the path of node, or skips the test with a banner (fails in CI
// or when GAZETTE_REQUIRE_BROWSER is set).
func requireNode(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err == nil {
		return p
	}
	msg := "node not found: the JavaScript half of the search normaliser is not checked (apt-get install nodejs)"
	if envSet("CI") || envSet("GAZETTE_REQUIRE_BROWSER") {
		t.Fatal(msg)
	}
	rule := strings.Repeat("=", 78)
	t.Skipf("\n%s\n  SKIPPED: %s\n  (set CI or GAZETTE_REQUIRE_BROWSER=1 to make this a failure)\n%s", rule, msg, rule)
	return ""
}

func envSet(name string) bool {
	v := strings.ToLower(os.Getenv(name))
	return v != "" && v != "0" && v != "false"
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// TestTokenOffsets checks that terms point back at the original text, which the
// snippet highlighter relies on.
func TestTokenOffsets(t *testing.T) {
	text := "关于“医保+X+1”模式 ᠬᠣᠰᠢᠭᠤᠨ\u202fᠤ"
	for _, tk := range Tokens(text) {
		src := text[tk.Start:tk.End]
		if tk.Kind == KindBigram || tk.Kind == KindUnigram || tk.Kind == KindWord {
			if got := strings.ToLower(src); got != tk.Term {
				t.Errorf("%q at %d:%d is %q in the text", tk.Term, tk.Start, tk.End, src)
			}
		}
		if tk.Kind == KindMongol && src != "ᠬᠣᠰᠢᠭᠤᠨ" {
			t.Errorf("Mongolian word at %d:%d is %q, want the word as written", tk.Start, tk.End, src)
		}
	}
}

// normalizeSlow is steps 1–2 of the spec as the package comment states them, cluster
// by cluster, with no fast path.
func normalizeSlow(s string) []char {
	var out []char
	for i := 0; i < len(s); {
		j := i + clusterLen(s[i:])
		for _, r := range norm.NFKC.String(s[i:j]) {
			if r != utf8.RuneError && !dropped(r) {
				out = append(out, char{r: fold(r), start: int32(i), end: int32(j)})
			}
		}
		i = j
	}
	return out
}

// nfkcSlow is nfkc as the spec states it: NFKC cluster by cluster.
func nfkcSlow(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i + clusterLen(s[i:])
		b.WriteString(norm.NFKC.String(s[i:j]))
		i = j
	}
	return b.String()
}

// TestNormalizeFastPath checks the normaliser's table of the BMP against the spec: every
// code point alone, followed by a combining mark and between others, and text outside
// the BMP, normalise as NFKC per cluster does; chars said verbatim are their bytes; a
// text said to be its NFKC form is; nfkc takes the same fast path.
func TestNormalizeFastPath(t *testing.T) {
	check := func(s string) {
		t.Helper()
		got, stable := normalize(nil, s)
		want := normalizeSlow(s)
		if stable && nfkc(s) != s {
			t.Fatalf("normalize(%+q) says it is its NFKC form, %+q", s, nfkc(s))
		}
		if n, slow := nfkc(s), nfkcSlow(s); n != slow {
			t.Fatalf("nfkc(%+q) = %+q, the spec gives %+q", s, n, slow)
		}
		if len(got) != len(want) {
			t.Fatalf("normalize(%+q) gives %d chars, the spec %d", s, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.r != w.r || g.start != w.start || g.end != w.end {
				t.Fatalf("normalize(%+q)[%d] = %+v, the spec gives %+v", s, i, g, w)
			}
			if g.verbatim && s[g.start:g.end] != string(g.r) {
				t.Fatalf("normalize(%+q)[%d] = %+v is not its bytes", s, i, g)
			}
		}
	}
	for r := rune(0); r < 0x10000; r++ {
		if utf16.IsSurrogate(r) {
			continue
		}
		c := string(r)
		check(c)
		check("a" + c + "\u0301b")
		check("中" + c + "文")
	}
	// Invalid UTF-8 too: truncated, overlong, a surrogate, a continuation byte short.
	for _, s := range []string{"𠀀𠀁", "𝐀𝐁", "\U0001F600\u0301", "\xff中\xfe", "ᠰ\u180Bᠠ", "ᠠ\u18A9", "e\u0301", "Ａ\u030A",
		"中\xe4\xb8", "\xe4\xb8", "\xe4\x41\x42中", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbf", "\xe1\x80\xc0", "\xee\x80\x80\u0301"} {
		check(s)
	}
}

// TestDocnumNeedsHao checks what the index relies on to look for document numbers only
// in text with 号 (docnumKeys): no code point but 号 becomes one under NFKC.
func TestDocnumNeedsHao(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r != '号' && strings.Contains(norm.NFKC.String(string(r)), "号") {
			t.Errorf("U+%04X becomes %q", r, norm.NFKC.String(string(r)))
		}
	}
}
