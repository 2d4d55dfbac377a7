// Package icstest reads iCalendar files strictly, for tests of the exports.
//
// It takes the text of an iCalendar object and gives its components and properties,
// or the first rule of RFC 5545 the text breaks among those the gazette's exports must
// keep: CRLF line ends, physical lines of at most 75 octets of valid UTF-8 (so a fold
// never splits a character), well-formed content lines, balanced BEGIN/END, VERSION
// and PRODID on the calendar, and on every VEVENT one UID, DTSTAMP (UTC), SUMMARY and
// DESCRIPTION with correctly escaped TEXT, and all-day DTSTART and DTEND dates with
// the end after the start. It is written from the standard, not from the writer, so
// that tests read a file as a strict calendar program would.
package icstest

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Prop is one content line, unfolded and split.
type Prop struct {
	Name   string
	Params map[string]string
	Value  string // raw; Text() unescapes
}

// Text unescapes a TEXT value (§3.3.11), failing on an escape the standard does not
// define and on a comma or semicolon left unescaped.
func (p Prop) Text() (string, error) {
	var b strings.Builder
	for i := 0; i < len(p.Value); i++ {
		c := p.Value[i]
		switch c {
		case '\\':
			if i+1 == len(p.Value) {
				return "", fmt.Errorf("%s: backslash at the end", p.Name)
			}
			i++
			switch p.Value[i] {
			case '\\', ';', ',':
				b.WriteByte(p.Value[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return "", fmt.Errorf("%s: undefined escape \\%c", p.Name, p.Value[i])
			}
		case ';', ',':
			return "", fmt.Errorf("%s: unescaped %q in a TEXT value", p.Name, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// Component is a VCALENDAR or VEVENT with its properties in order.
type Component struct {
	Name  string
	Props []Prop
	Subs  []*Component
}

// One returns the single property name, failing when it is missing or repeated.
func (c *Component) One(name string) (Prop, error) {
	var found []Prop
	for _, p := range c.Props {
		if p.Name == name {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		return Prop{}, fmt.Errorf("%s has %d %s properties, want exactly 1", c.Name, len(found), name)
	}
	return found[0], nil
}

var (
	nameRE  = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
	dateRE  = regexp.MustCompile(`^\d{8}$`)
	stampRE = regexp.MustCompile(`^\d{8}T\d{6}Z$`)
)

// Parse reads a whole iCalendar object and checks the rules the package comment lists.
func Parse(data string) (*Component, error) {
	if !strings.HasSuffix(data, "\r\n") {
		return nil, fmt.Errorf("the file does not end with CRLF")
	}
	phys := strings.Split(strings.TrimSuffix(data, "\r\n"), "\r\n")
	var logical []string
	for i, l := range phys {
		switch {
		case strings.ContainsAny(l, "\r\n"):
			return nil, fmt.Errorf("line %d: a bare CR or LF", i+1)
		case len(l) > 75:
			return nil, fmt.Errorf("line %d: %d octets, more than 75", i+1, len(l))
		case !utf8.ValidString(l):
			return nil, fmt.Errorf("line %d: not valid UTF-8 (a fold split a character?)", i+1)
		case strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t"):
			if len(logical) == 0 {
				return nil, fmt.Errorf("line %d: continuation of nothing", i+1)
			}
			logical[len(logical)-1] += l[1:]
		default:
			logical = append(logical, l)
		}
	}
	var stack []*Component
	var root *Component
	for i, l := range logical {
		p, err := parseLine(l)
		if err != nil {
			return nil, fmt.Errorf("content line %d: %w", i+1, err)
		}
		switch p.Name {
		case "BEGIN":
			c := &Component{Name: p.Value}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Subs = append(top.Subs, c)
			} else if root != nil {
				return nil, fmt.Errorf("content line %d: a second top-level component", i+1)
			} else {
				root = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].Name != p.Value {
				return nil, fmt.Errorf("content line %d: END:%s closes nothing open", i+1, p.Value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("content line %d: %s outside any component", i+1, p.Name)
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, p)
		}
	}
	if len(stack) > 0 || root == nil || root.Name != "VCALENDAR" {
		return nil, fmt.Errorf("not one complete VCALENDAR")
	}
	for _, name := range []string{"VERSION", "PRODID"} {
		if _, err := root.One(name); err != nil {
			return nil, err
		}
	}
	for _, ev := range root.Subs {
		if err := checkEvent(ev); err != nil {
			return nil, err
		}
	}
	return root, nil
}

func checkEvent(ev *Component) error {
	if ev.Name != "VEVENT" {
		return fmt.Errorf("unexpected component %s", ev.Name)
	}
	for _, name := range []string{"UID", "SUMMARY", "DESCRIPTION"} {
		p, err := ev.One(name)
		if err != nil {
			return err
		}
		if _, err := p.Text(); err != nil {
			return err
		}
	}
	stamp, err := ev.One("DTSTAMP")
	if err != nil {
		return err
	}
	if !stampRE.MatchString(stamp.Value) {
		return fmt.Errorf("DTSTAMP %q is not a UTC date-time", stamp.Value)
	}
	start, err := eventDate(ev, "DTSTART")
	if err != nil {
		return err
	}
	end, err := eventDate(ev, "DTEND")
	if err != nil {
		return err
	}
	if !end.After(start) {
		return fmt.Errorf("DTEND %s is not after DTSTART %s", end.Format("20060102"), start.Format("20060102"))
	}
	return nil
}

// eventDate reads a DATE-valued property, which must say VALUE=DATE.
func eventDate(ev *Component, name string) (time.Time, error) {
	p, err := ev.One(name)
	if err != nil {
		return time.Time{}, err
	}
	if p.Params["VALUE"] != "DATE" || !dateRE.MatchString(p.Value) {
		return time.Time{}, fmt.Errorf("%s;%v:%s is not an all-day date", name, p.Params, p.Value)
	}
	t, err := time.Parse("20060102", p.Value)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}

// parseLine splits name *(";" param) ":" value, honouring quoted parameter values.
func parseLine(l string) (Prop, error) {
	p := Prop{Params: map[string]string{}}
	i := strings.IndexAny(l, ";:")
	if i < 0 {
		return p, fmt.Errorf("no colon in %q", l)
	}
	p.Name = strings.ToUpper(l[:i])
	if !nameRE.MatchString(p.Name) {
		return p, fmt.Errorf("bad property name %q", l[:i])
	}
	rest := l[i:]
	for strings.HasPrefix(rest, ";") {
		rest = rest[1:]
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 || !nameRE.MatchString(rest[:eq]) {
			return p, fmt.Errorf("bad parameter in %q", l)
		}
		key := strings.ToUpper(rest[:eq])
		rest = rest[eq+1:]
		var val string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return p, fmt.Errorf("unterminated quoted parameter in %q", l)
			}
			val, rest = rest[1:end+1], rest[end+2:]
		} else {
			end := strings.IndexAny(rest, ";:")
			if end < 0 {
				return p, fmt.Errorf("no colon in %q", l)
			}
			val, rest = rest[:end], rest[end:]
		}
		p.Params[key] = val
	}
	if !strings.HasPrefix(rest, ":") {
		return p, fmt.Errorf("no colon after the parameters in %q", l)
	}
	p.Value = rest[1:]
	return p, nil
}
