// Package docnum recognizes 发文字号, the numbers Chinese government documents carry
// (乌政办发〔2023〕27号: an agency prefix, the year in brackets, a serial and 号).
//
// It takes a number as written in front matter (Normalize) or running text (Find) and
// gives a key that is equal for every spelling of the same number, so that the loader,
// the cross-reference extension and the search index agree on which document a number
// names. The key is Prefix|Year|Serial, e.g. 乌政办发|2023|27; a string that is not a
// document number normalizes to itself with digits folded, white space removed and '|'
// folded to '｜', so such a key never contains '|'.
//
// Spellings that fold together: full-width digits (２０２３), the brackets editors use
// around the year (〔〕 [] ［］ 【】 （） () ﹝﹞, mixed pairs too, or none at all:
// 乌政办发2023 27号), white space anywhere, 第 before the serial (〔2023〕第27号) and
// leading zeros of the serial (〔2023〕027号).
//
// Running text is stricter, to keep false positives such as 2023年27号楼 out: Find
// wants the year (19xx or 20xx, four digits) in brackets directly after the prefix,
// then the serial, optionally after 第, then 号, with no white space in between.
//
// Because Chinese has no spaces, the agency prefix is glued to the words before it
// (现将乌政发〔2023〕9号文件). Find returns the longest prefix it can see: up to 12 Han
// characters, never reaching back into the previous number. A caller that knows the
// real numbers tries Suffixes, longest first, and takes the first that exists. For a
// number nobody knows, Guess picks a prefix by a heuristic (see Guess).
package docnum

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxPrefix is the most Han characters Find takes as a prefix; real ones have 2–6.
const maxPrefix = 12

// Match is one document number found in running text.
type Match struct {
	Start, End int    // byte offsets of the number, prefix included, in the text
	Prefix     string // the agency prefix as written, e.g. 乌政办发
	Year       string // ASCII digits, e.g. 2023
	Serial     string // ASCII digits without leading zeros, e.g. 27
	Key        string // Prefix|Year|Serial, as Normalize gives for this number
}

// Normalize maps every spelling of a document number to one key (see the package
// comment). Normalize(m's text) == m.Key for every Match m that Find returns, and
// Normalize(Normalize(n)) == Normalize(n): a key is a spelling of its own number.
func Normalize(n string) string {
	var b strings.Builder
	for _, r := range n {
		switch {
		case unicode.IsSpace(r):
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		default:
			b.WriteRune(r)
		}
	}
	s := b.String()
	if isKey(s) {
		return s
	}
	// Any other '|' is folded to its full-width form, so that it can neither forge a
	// key nor give one a fourth part.
	s = strings.ReplaceAll(s, "|", "｜")
	if prefix, year, serial, ok := parseFolded(s); ok {
		return key(prefix, year, serial)
	}
	return s
}

// isKey reports whether s is already the key Normalize gives for prefix〔year〕serial号.
func isKey(s string) bool {
	parts := strings.Split(s, "|")
	if len(parts) != 3 {
		return false
	}
	prefix, year, serial, ok := parseFolded(parts[0] + "〔" + parts[1] + "〕" + parts[2] + "号")
	return ok && key(prefix, year, serial) == s
}

// parseFolded reads prefix, optional opening bracket, year, optional closing bracket,
// optional 第, serial and optional 号 from s, whose digits are ASCII and which has no
// white space. Without brackets the year is the first four digits.
func parseFolded(s string) (prefix, year, serial string, ok bool) {
	i := strings.IndexFunc(s, func(r rune) bool { return isOpener(r) || isASCIIDigit(r) })
	if i <= 0 {
		return "", "", "", false
	}
	prefix, s = s[:i], s[i:]
	if r, size := utf8.DecodeRuneInString(s); isOpener(r) {
		s = s[size:]
	}
	if len(s) < 4 || !isYear(s[:4]) {
		return "", "", "", false
	}
	year, s = s[:4], s[4:]
	if r, size := utf8.DecodeRuneInString(s); isCloser(r) {
		s = s[size:]
	}
	s = strings.TrimPrefix(s, "第")
	j := strings.IndexFunc(s, func(r rune) bool { return !isASCIIDigit(r) })
	if j < 0 {
		j = len(s)
	}
	if j == 0 || (s[j:] != "" && s[j:] != "号") {
		return "", "", "", false
	}
	return prefix, year, s[:j], true
}

// Find returns the document numbers in text, in order, each with the longest prefix
// of Han characters before its bracket (at most 12, and never overlapping the number
// before). A bracketed year with no Han character before it is not a number.
//
// Every number ends with 号, so text without one is not read further. Otherwise it
// looks at the bytes that can start a bracket (openerStart) and decodes only there: no
// bracket's first byte is the continuation byte of another character, so each is where
// a character starts, as in a reading of the text character by character.
func Find(text string) []Match {
	last := strings.LastIndex(text, "号")
	if last < 0 {
		return nil
	}
	var ms []Match
	floor := 0
	for i := 0; i < last; i++ {
		if !openerStart[text[i]] {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[i:]); !isOpener(r) {
			continue
		}
		if end, year, serial, ok := scanTail(text, i); ok {
			if start := prefixStart(text, floor, i); start < i {
				prefix := text[start:i]
				ms = append(ms, Match{Start: start, End: end, Prefix: prefix, Year: year,
					Serial: serial, Key: key(prefix, year, serial)})
				floor, i = end, end-1
			}
		}
	}
	return ms
}

// openerStart marks the first bytes of the brackets isOpener accepts: [ ( and the
// first bytes of 〔【 (0xe3) and ［（﹝ (0xef). It is only read.
var openerStart = [256]bool{'[': true, '(': true, 0xe3: true, 0xef: true}

// scanTail reads 〔2023〕27号 (any brackets, 第 optional) at text[i:], which starts
// with an opening bracket, and returns the offset after 号.
func scanTail(text string, i int) (end int, year, serial string, ok bool) {
	_, size := utf8.DecodeRuneInString(text[i:])
	i += size
	year, i = digits(text, i, 4)
	if len(year) != 4 || !isYear(year) {
		return 0, "", "", false
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if !isCloser(r) {
		return 0, "", "", false
	}
	i += size
	if strings.HasPrefix(text[i:], "第") {
		i += len("第")
	}
	serial, i = digits(text, i, 6)
	if serial == "" || !strings.HasPrefix(text[i:], "号") {
		return 0, "", "", false
	}
	return i + len("号"), year, serial, true
}

// digits reads up to max half- or full-width digits at text[i:] and returns them as
// ASCII with the offset after them. More than max digits read as none.
func digits(text string, i, max int) (string, int) {
	start, ascii := i, true
	for n := 0; n <= max; n++ {
		switch {
		case i < len(text) && isASCIIDigit(rune(text[i])):
			i++
		case i+3 <= len(text) && text[i] == 0xef && text[i+1] == 0xbc && 0x90 <= text[i+2] && text[i+2] <= 0x99:
			ascii = false // ０ to ９ are ef bc 90 to ef bc 99
			i += 3
		default:
			if ascii {
				return text[start:i], i // no copy for the usual ASCII digits
			}
			return fold(text[start:i]), i
		}
	}
	return "", i
}

// fold writes the full-width digits of s, which holds only digits, as ASCII.
func fold(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r >= '０' && r <= '９' {
			r = '0' + r - '０'
		}
		b = append(b, byte(r))
	}
	return string(b)
}

// prefixStart walks back from i over at most maxPrefix Han characters, not before floor.
func prefixStart(text string, floor, i int) int {
	for n := 0; n < maxPrefix && i > floor; n++ {
		r, size := utf8.DecodeLastRuneInString(text[floor:i])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		i -= size
	}
	return i
}

// Suffixes returns m and every match with a shorter prefix made by dropping leading
// characters, longest prefix first: for 现将乌政发〔2023〕9号 that is 现将乌政发…,
// 将乌政发…, 乌政发…, 政发…, 发…. A caller that knows which numbers exist takes the
// first whose Key it knows.
func (m Match) Suffixes() []Match {
	var out []Match
	for i := range m.Prefix {
		s := m
		s.Start += i
		s.Prefix = m.Prefix[i:]
		s.Key = key(s.Prefix, s.Year, s.Serial)
		out = append(out, s)
	}
	return out
}

// cues are words that end the text before a number and never end inside an agency
// prefix: function words (的 于 将 按 据 照 和 及 与 …) and verbs that introduce a
// cited document (印发 转发 落实 贯彻 执行 …).
var cues = []string{
	"的", "之", "于", "将", "按", "据", "照", "和", "及", "与", "以", "在", "对", "把", "为",
	"是", "见", "即", "并", "或", "从", "由", "向",
	"印发", "转发", "下发", "落实", "贯彻", "执行", "废止", "修订", "学习", "实施", "同意",
}

// maxGuess is the most characters Guess keeps when no cue cuts the prefix shorter.
const maxGuess = 8

// Guess returns m with the prefix a reader would most likely see, for numbers that no
// known document confirms: the prefix is cut after the last cue word (的 于 将 按 据
// 照 和 及 与 印发 转发 落实 …, see cues) that leaves at least one character, and then
// to its last 8 characters. Brackets and punctuation (（《、，) already end the prefix in
// Find, so （鄂府发〔2022〕149号） and 现将乌政发〔2023〕9号 give 鄂府发 and 乌政发. The guess
// can be wrong (an agency whose abbreviation contains a cue character); it only names
// numbers in notes, it never decides a link.
func (m Match) Guess() Match {
	cut := 0
	for _, c := range cues {
		if j := strings.LastIndex(m.Prefix, c); j >= 0 && j+len(c) < len(m.Prefix) && j+len(c) > cut {
			cut = j + len(c)
		}
	}
	for utf8.RuneCountInString(m.Prefix[cut:]) > maxGuess {
		_, size := utf8.DecodeRuneInString(m.Prefix[cut:])
		cut += size
	}
	out := m
	out.Start += cut
	out.Prefix = m.Prefix[cut:]
	out.Key = key(out.Prefix, out.Year, out.Serial)
	return out
}

func key(prefix, year, serial string) string {
	serial = strings.TrimLeft(serial, "0")
	if serial == "" {
		serial = "0"
	}
	return prefix + "|" + year + "|" + serial
}

func isYear(s string) bool {
	return len(s) == 4 && (s[:2] == "19" || s[:2] == "20") &&
		strings.IndexFunc(s, func(r rune) bool { return !isASCIIDigit(r) }) < 0
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// Editors put the year in any of these; a mixed pair (〔2023］) is accepted too.
func isOpener(r rune) bool {
	switch r {
	case '〔', '[', '［', '【', '（', '(', '﹝':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '〕', ']', '］', '】', '）', ')', '﹞':
		return true
	}
	return false
}
