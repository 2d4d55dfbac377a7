package bufwriter

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/util"
)

var _ util.BufWriter = (*Writer)(nil)

// TestRenderSame renders Markdown into a Writer and through goldmark's own bufio path
// into a bytes.Buffer: the bytes must be the same.
func TestRenderSame(t *testing.T) {
	src := []byte("# 标题 ᠮᠣᠩᠭᠣᠯ\n\n正文 *强调* `code` & <b> \x00 \\\n下一行\n\n- a\n- b\n")
	md := goldmark.New()
	var want bytes.Buffer
	if err := md.Convert(src, &want); err != nil {
		t.Fatal(err)
	}
	w := make(Writer, 0, 8) // grows while rendering
	if err := md.Convert(src, &w); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w, want.Bytes()) {
		t.Errorf("got\n%s\nwant\n%s", w, want.Bytes())
	}
}

func TestWrites(t *testing.T) {
	var w Writer
	_, _ = w.Write([]byte("ab"))
	_, _ = w.WriteString("c")
	_ = w.WriteByte('d')
	if n, _ := w.WriteRune('号'); n != 3 {
		t.Errorf("WriteRune wrote %d bytes, want 3", n)
	}
	if string(w) != "abcd号" || w.Buffered() != len(w) || w.Available() != cap(w)-len(w) || w.Flush() != nil {
		t.Errorf("got %q (buffered %d, available %d)", w, w.Buffered(), w.Available())
	}
}
