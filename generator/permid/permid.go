// Package permid derives the permanent identifier of a document from its 发文字号.
//
// It takes a number as written in front matter and gives an identifier that names the
// document for as long as the gazette is hosted, in the spirit of legislation.gov.uk's
// /id/ URIs and ELI: the site publishes a page at id/<identifier>/ that leads to the
// document. The identifier depends on the number alone, not on the document's title,
// slug, issue or URL, so it survives a re-organised site.
//
// It guarantees that every spelling of one number gives the same identifier (the key
// of docnum.Normalize: 乌政发〔2023〕9号, 乌政发[2023]9号 and 乌政发（２０２３）第09号 all
// give 乌政发-2023-9), that the identifier stays readable (Chinese and Mongolian letters
// are kept; a browser percent-encodes them in URLs on its own), and that it is a safe
// folder name on every common file system: only letters, digits and combining marks
// joined by single hyphens, NFKC-normalised, lower case, no dots, at most MaxLen runes.
// Numbers that differ only in those respects share an identifier; callers must treat
// two documents with one identifier as a content problem.
package permid

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"gazette/generator/docnum"
)

// Folder is the site folder under which identifier pages live: id/<identifier>/.
const Folder = "id"

// MaxLen bounds an identifier, far below the 255 bytes file systems allow per name.
const MaxLen = 64

// Of returns the identifier of the document numbered number, or "" when number is
// empty or has no letter or digit.
func Of(number string) string {
	key := docnum.Normalize(number)
	if prefix, rest, ok := strings.Cut(key, "|"); ok {
		year, serial, _ := strings.Cut(rest, "|")
		// year and serial are ASCII digits; only the agency prefix needs cleaning.
		if p := clean(prefix); p != "" {
			return truncate(p, MaxLen-len(year)-len(serial)-2) + "-" + year + "-" + serial
		}
		return year + "-" + serial
	}
	return truncate(clean(key), MaxLen)
}

// Dir is the site folder of an identifier's page, e.g. id/乌政发-2023-9.
func Dir(id string) string { return Folder + "/" + id }

// clean folds s to NFKC lower case and replaces every run of anything but letters,
// digits and marks with one hyphen, trimmed at both ends.
func clean(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKC.String(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		hyphen = true
	}
	return b.String()
}

// truncate keeps at most n runes of s, without leaving a hyphen at the end.
func truncate(s string, n int) string {
	if n < 1 {
		n = 1
	}
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return strings.TrimRight(string(rs[:n]), "-")
}
