package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	stdhtml "html"
	"io"
	"path"
	"strings"

	"gazette/generator/markdown"
)

// The checks of hostile_test.go: what makes a file of each kind run something that
// came from content.

// tag is one start tag of an HTML file, with its attributes unescaped.
type tag struct {
	name  string
	attrs map[string]string
	end   int // offset after the '>'
}

// scanHTML walks an HTML document the way a browser tokenizes it, enough for output
// that html/template and goldmark wrote: tags with quoted attributes, comments, and
// script elements whose text runs to </script>. It calls onTag for every start tag and
// onText for every run of text (unescaped), and returns an error for a '<' that starts
// neither, which only content could have put there.
func scanHTML(doc string, onTag func(tag, string) error, onText func(string)) error {
	i := 0
	for i < len(doc) {
		lt := strings.IndexByte(doc[i:], '<')
		if lt < 0 {
			onText(stdhtml.UnescapeString(doc[i:]))
			return nil
		}
		onText(stdhtml.UnescapeString(doc[i : i+lt]))
		i += lt
		rest := doc[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest, "-->")
			if end < 0 {
				return fmt.Errorf("unclosed comment at %d", i)
			}
			i += end + 3
			continue
		case strings.HasPrefix(rest, "<!") || strings.HasPrefix(rest, "</"):
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return fmt.Errorf("unclosed tag at %d", i)
			}
			i += end + 1
			continue
		case len(rest) < 2 || !isLetter(rest[1]):
			return fmt.Errorf("a '<' that starts no tag: %q", clip(rest, 60))
		}
		t, err := parseTag(doc, i)
		if err != nil {
			return err
		}
		i = t.end
		// Raw text elements: their content is not markup.
		content := ""
		if t.name == "script" || t.name == "style" || t.name == "textarea" || t.name == "title" {
			end := strings.Index(strings.ToLower(doc[i:]), "</"+t.name)
			if end < 0 {
				return fmt.Errorf("<%s> is never closed", t.name)
			}
			content = doc[i : i+end]
			if t.name == "title" || t.name == "textarea" {
				onText(stdhtml.UnescapeString(content))
			}
			i += end
		}
		if err := onTag(t, content); err != nil {
			return err
		}
	}
	return nil
}

func parseTag(doc string, i int) (tag, error) {
	t := tag{attrs: map[string]string{}}
	j := i + 1
	for j < len(doc) && (isLetter(doc[j]) || doc[j] >= '0' && doc[j] <= '9' || doc[j] == '-') {
		j++
	}
	t.name = strings.ToLower(doc[i+1 : j])
	for {
		for j < len(doc) && strings.IndexByte(" \t\n\r\f/", doc[j]) >= 0 {
			j++
		}
		if j >= len(doc) {
			return t, fmt.Errorf("<%s> is never closed", t.name)
		}
		if doc[j] == '>' {
			t.end = j + 1
			return t, nil
		}
		k := j
		for k < len(doc) && strings.IndexByte(" \t\n\r\f/>=", doc[k]) < 0 {
			k++
		}
		name := strings.ToLower(doc[j:k])
		value := ""
		if k < len(doc) && doc[k] == '=' {
			k++
			if k < len(doc) && (doc[k] == '"' || doc[k] == '\'') {
				q := doc[k]
				end := strings.IndexByte(doc[k+1:], q)
				if end < 0 {
					return t, fmt.Errorf("unclosed attribute in <%s>", t.name)
				}
				value = doc[k+1 : k+1+end]
				k += end + 2
			} else {
				// Templates and goldmark always quote; an unquoted value came from
				// content.
				return t, fmt.Errorf("unquoted attribute %s in <%s>: %q", name, t.name, clip(doc[i:], 80))
			}
		}
		t.attrs[name] = stdhtml.UnescapeString(value)
		j = k
	}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// urlAttrs are the attributes whose value a browser follows or loads.
var urlAttrs = []string{"href", "src", "action", "formaction", "poster", "data", "cite", "background", "xlink:href", "ping"}

// active are elements that content never needs and that run or embed something.
var active = map[string]bool{"iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "applet": true, "base": true, "portal": true}

// checkTag rejects a start tag that could run something: an element from active, an
// event handler, a javascript: (or similar) address, and a script element other than
// the site's own: one loading a file of the site's js/ folder, with no inline code,
// or a JSON data block with no '<' in it (html/template escapes it as \u003c).
func checkTag(file string, files map[string]bool) func(tag, string) error {
	return func(t tag, content string) error {
		if active[t.name] {
			return fmt.Errorf("<%s> element", t.name)
		}
		for name, v := range t.attrs {
			if strings.HasPrefix(name, "on") {
				return fmt.Errorf("event handler %s=%q on <%s>", name, v, t.name)
			}
		}
		for _, name := range urlAttrs {
			if v, ok := t.attrs[name]; ok && markdown.Dangerous([]byte(v), t.name == "img") {
				return fmt.Errorf("<%s %s=%q>", t.name, name, v)
			}
		}
		if t.name == "meta" && strings.EqualFold(t.attrs["http-equiv"], "refresh") {
			if _, u, ok := strings.Cut(strings.ToLower(t.attrs["content"]), "url="); ok && markdown.Dangerous([]byte(u), false) {
				return fmt.Errorf("refresh to %q", u)
			}
		}
		if t.name != "script" {
			return nil
		}
		if src, ok := t.attrs["src"]; ok {
			target := path.Join(path.Dir(file), src)
			if !strings.HasPrefix(target, "js/") || !files[target] || strings.TrimSpace(content) != "" {
				return fmt.Errorf("<script src=%q> is not a script of the site's js/ folder without inline code", src)
			}
			return nil
		}
		switch t.attrs["type"] {
		case "application/ld+json", "application/json":
			if !json.Valid([]byte(content)) || strings.Contains(content, "<") {
				return fmt.Errorf("<script type=%q> holding %q", t.attrs["type"], clip(content, 80))
			}
			return nil
		}
		return fmt.Errorf("inline <script> %q", clip(content, 80))
	}
}

// checkXML rejects a script element in any namespace, and applies checkHTML to the
// text of Atom constructs of type html, which feed readers render as HTML (an xhtml
// construct is elements, checked as such).
func checkXML(data []byte, files map[string]bool) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	depth, htmlAt := 0, -1
	var htmlText strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if name := strings.ToLower(tok.Name.Local); name == "script" || active[name] {
				return fmt.Errorf("<%s> element", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				name := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(name, "on") || (name == "href" && markdown.Dangerous([]byte(a.Value), false)) {
					return fmt.Errorf("attribute %s=%q", a.Name.Local, a.Value)
				}
				if name == "type" && a.Value == "html" && htmlAt < 0 {
					htmlAt = depth
					htmlText.Reset()
				}
			}
		case xml.CharData:
			if htmlAt >= 0 {
				htmlText.Write(tok)
			}
		case xml.EndElement:
			if depth == htmlAt {
				if err := checkHTML("feed.xml", htmlText.String(), files, func(string) {}); err != nil {
					return fmt.Errorf("HTML in <%s>: %v", tok.Name.Local, err)
				}
				htmlAt = -1
			}
			depth--
		}
	}
}

func checkHTML(file, doc string, files map[string]bool, onText func(string)) error {
	return scanHTML(doc, checkTag(file, files), onText)
}

// xmlText is the character data of an XML document, each run ended by a NUL.
func xmlText(data []byte) string {
	var b strings.Builder
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return b.String()
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
			b.WriteByte(0)
		}
	}
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
