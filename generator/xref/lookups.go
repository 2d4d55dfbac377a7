package xref

import "github.com/yuin/goldmark/parser"

// Lookup is one question a conversion asked the Index: which document has the number
// Key (a docnum key), or, when ByName, which one document is titled or encloses Key.
//
// A conversion reads the Index only through such questions, so its output stays valid
// as long as every question it asked gets the same answer: incremental builds keep a
// converted body across a change to another document unless that change alters one of
// those answers (a cited document's new title, a number that now resolves).
type Lookup struct {
	ByName bool
	Key    string
}

// Answer is what idx answers to q now: the target, or nil.
func (x *Index) Answer(q Lookup) *Target {
	if q.ByName {
		return x.name(q.Key)
	}
	return x.number(q.Key)
}

var lookupsKey = parser.NewContextKey() // *[]Lookup

// RecordLookups makes the conversion parsed with pc append every question it asks the
// Index to rec, in the order asked (repeats included).
func RecordLookups(pc parser.Context, rec *[]Lookup) { pc.Set(lookupsKey, rec) }

// byNumber and byName ask the Index, recording the question when RecordLookups asked
// for it.
func (l *linker) byNumber(k string) *Target {
	if l.lookups != nil {
		*l.lookups = append(*l.lookups, Lookup{Key: k})
	}
	return l.idx.number(k)
}

func (l *linker) byName(name string) *Target {
	if l.lookups != nil {
		*l.lookups = append(*l.lookups, Lookup{ByName: true, Key: name})
	}
	return l.idx.name(name)
}
