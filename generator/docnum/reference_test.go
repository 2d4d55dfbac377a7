package docnum

// Find as first written, reading the text character by character: the reference the
// tests hold it to.

import (
	"strings"
	"unicode/utf8"
)

// refFind is Find before it looked for brackets by their first bytes.
func refFind(text string) []Match {
	var ms []Match
	floor := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if refIsOpener(r) {
			if end, year, serial, ok := refScanTail(text, i); ok {
				if start := prefixStart(text, floor, i); start < i {
					prefix := text[start:i]
					ms = append(ms, Match{Start: start, End: end, Prefix: prefix, Year: year,
						Serial: serial, Key: key(prefix, year, serial)})
					floor, i = end, end
					continue
				}
			}
		}
		i += size
	}
	return ms
}

func refScanTail(text string, i int) (end int, year, serial string, ok bool) {
	_, size := utf8.DecodeRuneInString(text[i:])
	i += size
	year, i = refDigits(text, i, 4)
	if len(year) != 4 || !isYear(year) {
		return 0, "", "", false
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if !refIsCloser(r) {
		return 0, "", "", false
	}
	i += size
	if strings.HasPrefix(text[i:], "第") {
		i += len("第")
	}
	serial, i = refDigits(text, i, 6)
	if serial == "" || !strings.HasPrefix(text[i:], "号") {
		return 0, "", "", false
	}
	return i + len("号"), year, serial, true
}

func refDigits(text string, i, max int) (string, int) {
	var b strings.Builder
	for b.Len() <= max {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isASCIIDigit(r):
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		default:
			return b.String(), i
		}
		i += size
	}
	return "", i
}

func refIsOpener(r rune) bool { return strings.ContainsRune("〔[［【（(﹝", r) }
func refIsCloser(r rune) bool { return strings.ContainsRune("〕]］】）)﹞", r) }
