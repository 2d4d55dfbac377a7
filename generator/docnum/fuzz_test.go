package docnum

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func addDocnumSeeds(f *testing.F) {
	for _, s := range []string{
		"乌政办发〔2023〕27号", "现将乌政发〔2023〕9号文件印发", "乌政办发[2023]27号和乌政办发[2023]28号",
		"（鄂府发〔2022〕149号）", "2023年27号楼", "乌政办发（２０２３）第027号", "乌政办发2023 27号",
		"〔2023〕27号", "乌政|2023|9", "乌政发〔2023〕9", "a(20231号", "发〔2023〕1234567号",
		"", "〔", "号", "发〔20", "\xff〔2023〕1号",
	} {
		f.Add(s)
	}
	files, _ := filepath.Glob("../../content/*/*/*.md")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
}

// FuzzFind: Find gives what it gave when it read the text character by character;
// every match lies within the text, in order and without overlap, reads as its parts,
// and normalizes to its own key; every suffix and guess stays inside it.
func FuzzFind(f *testing.F) {
	addDocnumSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Find(s), refFind(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("Find(%q) = %+v, its first implementation gave %+v", s, got, want)
		}
		end := 0
		for _, m := range Find(s) {
			if m.Start < end || m.Start >= m.End || m.End > len(s) {
				t.Fatalf("match [%d,%d) out of bounds or order (previous ended at %d, text is %d bytes)", m.Start, m.End, end, len(s))
			}
			end = m.End
			num := s[m.Start:m.End]
			if !strings.HasPrefix(num, m.Prefix) || !utf8.ValidString(m.Prefix) || m.Prefix == "" {
				t.Fatalf("match %q does not start with its prefix %q", num, m.Prefix)
			}
			if got := Normalize(num); got != m.Key {
				t.Fatalf("Normalize(%q) = %q, Find gave the key %q", num, got, m.Key)
			}
			for _, sub := range append(m.Suffixes(), m.Guess()) {
				if sub.Start < m.Start || sub.End != m.End || sub.Prefix == "" || s[sub.Start:sub.End] != sub.Prefix+num[len(m.Prefix):] {
					t.Fatalf("suffix or guess %+v is not a tail of %+v", sub, m)
				}
				if got := Normalize(s[sub.Start:sub.End]); got != sub.Key {
					t.Fatalf("Normalize(%q) = %q, the key is %q", s[sub.Start:sub.End], got, sub.Key)
				}
			}
		}
	})
}

// FuzzNormalize: Normalize is idempotent, removes white space, and a key holds '|'
// exactly twice (a document number: prefix|year|serial) or not at all.
func FuzzNormalize(f *testing.F) {
	addDocnumSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		k := Normalize(s)
		if again := Normalize(k); again != k {
			t.Fatalf("Normalize(%q) = %q, but Normalize(%q) = %q", s, k, k, again)
		}
		if strings.ContainsFunc(k, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\u3000' }) {
			t.Fatalf("Normalize(%q) = %q keeps white space", s, k)
		}
		if n := strings.Count(k, "|"); n != 0 && n != 2 {
			t.Fatalf("Normalize(%q) = %q holds %d '|'", s, k, n)
		}
	})
}

// TestNormalizeBars: the key separator typed in a number is folded away, except in a
// key itself, which Normalize keeps (idempotence). Found by FuzzNormalize.
func TestNormalizeBars(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"乌政发|2023|9", "乌政发|2023|9"},
		{"乌政发|2023|09", "乌政发｜2023｜09"},
		{"乌政|发〔2023〕9号", "乌政｜发|2023|9"},
		{"a|b", "a｜b"},
		{"|||", "｜｜｜"},
		{"\xff〔2023〕1号", "\ufffd|2023|1"},
	} {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// contentTexts are the bundled Markdown files, the text synthetic gazettes are made of.
func contentTexts(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob("../../content/*/*/*.md")
	if len(files) == 0 {
		tb.Fatal("no content files")
	}
	var texts []string
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

// TestFindSameAsBefore: on the bundled content, with numbers in every spelling added,
// Find gives what it gave when it read the text character by character.
func TestFindSameAsBefore(t *testing.T) {
	extra := "现将乌政发〔2023〕9号、乌政办发[2023]27号、乌政办发［２０２３］第027号、鄂府发【2022】149号、" +
		"乌政发(2023)1号、乌政发（2023）1号、乌政发﹝2023﹞1号、乌政发〔2023］1号、乌政发〔2023〕1234567号、" +
		"〔2023〕1号、(2023)、（注）、\xef\xbc〔2023〕1号、发〔２０２３〕１号"
	texts := append(contentTexts(t), extra, extra[:len(extra)-1], extra[1:])
	found := 0
	for _, s := range texts {
		got, want := Find(s), refFind(s)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Find(%.60q…) = %+v,\nits first implementation gave %+v", s, got, want)
		}
		found += len(got)
	}
	if found < 10 {
		t.Fatalf("Find found %d numbers in the bundled content, want at least 10", found)
	}
}

// BenchmarkFind reads the bundled content files.
func BenchmarkFind(b *testing.B) {
	texts := contentTexts(b)
	size := 0
	for _, s := range texts {
		size += len(s)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, s := range texts {
			Find(s)
		}
	}
}
