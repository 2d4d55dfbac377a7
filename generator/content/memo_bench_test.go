package content_test

// What loading costs `gazette serve` after one file of a 1,000-document gazette
// changed, with the Builder's Memo, next to a plain Load:
//
//	go test -run='^$' -bench=Load -benchtime=20x ./generator/content/

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"gazette/generator/content"
	"gazette/generator/synth"
)

func corpus1k(b *testing.B) string {
	b.Helper()
	if testing.Short() {
		b.Skip("1,000 documents: not under -short")
	}
	dir := filepath.Join(b.TempDir(), "content")
	if _, err := synth.WriteDir(dir, synth.Options{Docs: 1000, Seed: 1, Source: os.DirFS("../../content")}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkLoad1k is a plain Load, every file read and decoded.
func BenchmarkLoad1k(b *testing.B) {
	fsys := os.DirFS(corpus1k(b))
	for b.Loop() {
		if _, diags := content.Load(fsys); diags.Err() != nil {
			b.Fatal(diags.Err())
		}
	}
}

// BenchmarkLoadMemo1kOneEdit is the load of a rebuild: one document saved since the
// last load.
func BenchmarkLoadMemo1kOneEdit(b *testing.B) {
	dir := corpus1k(b)
	fsys := os.DirFS(dir)
	// Files written within two seconds of a load are read again by the next one (the
	// racy-git rule of Memo): the corpus, just written, must age first, as a gazette
	// being edited has but for the few files saved last.
	time.Sleep(2100 * time.Millisecond)
	var m content.Memo
	if _, diags := content.LoadMemo(fsys, &m); diags.Err() != nil {
		b.Fatal(diags.Err())
	}
	const file = "2023/08/wen-01.md"
	orig, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		edited := append(append([]byte(nil), orig...), make([]byte, n%5+1)...)
		for i := len(orig); i < len(edited); i++ {
			edited[i] = '\n'
		}
		if err := os.WriteFile(filepath.Join(dir, file), edited, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, diags := content.LoadMemo(fsys, &m); diags.Err() != nil {
			b.Fatal(diags.Err())
		}
		if got := m.Decoded(); len(got) != 1 || got[0] != file {
			b.Fatalf("decoded %v, want only %s", got, file)
		}
	}
}
