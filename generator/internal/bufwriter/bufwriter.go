// Package bufwriter is the buffered writer goldmark renderers write to (util.BufWriter),
// appending to a byte slice. goldmark wraps any other writer in a bufio.Writer, so that
// rendering into a bytes.Buffer allocates 4 KB for each call and copies every byte
// twice; a page's body, a table cell's text and a chronicle event are each one call.
package bufwriter

import "unicode/utf8"

// Writer appends what is written to itself; writes never fail. Make one with the
// capacity the output is expected to need, and read the output as []byte(w).
type Writer []byte

func (w *Writer) Write(p []byte) (int, error) {
	*w = append(*w, p...)
	return len(p), nil
}

func (w *Writer) WriteString(s string) (int, error) {
	*w = append(*w, s...)
	return len(s), nil
}

func (w *Writer) WriteByte(c byte) error {
	*w = append(*w, c)
	return nil
}

func (w *Writer) WriteRune(r rune) (int, error) {
	n := len(*w)
	*w = utf8.AppendRune(*w, r)
	return len(*w) - n, nil
}

// Available is the room left before the slice grows.
func (w *Writer) Available() int { return cap(*w) - len(*w) }

// Buffered is all that was written: nothing is ever flushed elsewhere.
func (w *Writer) Buffered() int { return len(*w) }

// Flush does nothing: the bytes are already where they are read from.
func (w *Writer) Flush() error { return nil }
