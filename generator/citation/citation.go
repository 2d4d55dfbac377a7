// Package citation writes a reference to a gazette document in the style of GB/T
// 7714-2015 《信息与文献 参考文献著录规则》, the style Chinese libraries and journals
// expect.
//
// It takes the parts of a reference (issuing bodies, title, 发文字号, gazette title,
// year, issue, printed page, and an optional URL) and gives one line such as
//
//	乌审旗人民政府办公室. 乌审旗人民政府办公室关于…的通知: 乌政办发〔2023〕27号[Z]. 乌审旗人民政府公报, 2023(2): 18.
//
// following the rules for a part of a serial (析出文献): the responsible bodies, at
// most three and then "等"; the title with its number as other title information; [Z]
// for a document of no other type, [Z/OL] when it is cited with a URL; the serial's
// title, year(issue): page. Parts that are missing are left out with their
// punctuation. The access date GB/T 7714 asks for online sources is the reader's to
// add: a static site cannot know it.
package citation

import (
	"fmt"
	"strings"
)

// Ref is what a reference is made from.
type Ref struct {
	Issuers []string // responsible bodies, in order
	Title   string
	Number  string // 发文字号
	Serial  string // the gazette's title
	Year    int
	Issue   int
	Page    int    // first printed page; 0 when unknown
	URL     string // where the document is read online; "" for none
	Etc     string // the word for "and others" after three bodies: 等, et al.
}

// GBT7714 returns the reference as one line.
func GBT7714(r Ref) string {
	var b strings.Builder
	if len(r.Issuers) > 0 {
		names := r.Issuers
		if len(names) > 3 {
			etc := r.Etc
			if etc == "" {
				etc = "等"
			}
			names = append(append([]string(nil), names[:3]...), etc)
		}
		b.WriteString(strings.Join(names, ", "))
		b.WriteString(". ")
	}
	b.WriteString(r.Title)
	if r.Number != "" {
		b.WriteString(": " + r.Number)
	}
	if r.URL != "" {
		b.WriteString("[Z/OL]. ")
	} else {
		b.WriteString("[Z]. ")
	}
	b.WriteString(r.Serial)
	if r.Year > 0 {
		fmt.Fprintf(&b, ", %d", r.Year)
		if r.Issue > 0 {
			fmt.Fprintf(&b, "(%d)", r.Issue)
		}
		if r.Page > 0 {
			fmt.Fprintf(&b, ": %d", r.Page)
		}
	}
	b.WriteString(".")
	if r.URL != "" {
		b.WriteString(" " + r.URL + ".")
	}
	return b.String()
}
