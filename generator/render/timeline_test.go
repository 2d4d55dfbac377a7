package render

import (
	"fmt"
	"reflect"
	"testing"

	"gazette/generator/chronicle"
	"gazette/generator/content"
)

func TestTimelineGroupsByStartInTimelineOrder(t *testing.T) {
	is2 := &content.Issue{Dir: "2023/02", Year: 2023, Number: 2}
	is6 := &content.Issue{Dir: "2023/06", Year: 2023, Number: 6}
	c2 := &content.Document{Issue: is2, Slug: "dashiji"}
	c6 := &content.Document{Issue: is6, Slug: "dashiji"}
	day := func(y, m, d int) chronicle.Date { return chronicle.Date{Year: y, Month: m, Day: d} }
	ev := func(doc *content.Document, anchor string, start, end chronicle.Date) Event {
		return Event{Doc: doc, Anchor: anchor, Span: chronicle.Span{Start: start, End: end}}
	}
	// As the build lists them: issue by issue, each in print order.
	sv := &siteView{lang: language{Code: "zh", Tag: "zh-Hans"}, source: language{Tag: "zh-Hans"}, in: Input{Events: []Event{
		ev(c2, "2023-06-26", day(2023, 6, 26), day(2023, 6, 26)),
		ev(c2, "2023-06-25", day(2023, 6, 25), day(2023, 6, 26)),
		ev(c6, "2023-12-30", day(2023, 12, 30), day(2024, 1, 2)),
		ev(c6, "2023-06-26", day(2023, 6, 26), day(2023, 6, 26)),
		ev(c6, "2024-01-05", day(2024, 1, 5), day(2024, 1, 5)),
	}}}
	tv := sv.timeline()
	var got []string
	for _, y := range tv.Years {
		got = append(got, y.ID+" "+y.Name)
		for _, m := range y.Months {
			got = append(got, m.ID+" "+m.Name)
			for _, e := range m.Events {
				got = append(got, fmt.Sprintf("%s#%s %s", e.ChroniclePath, e.Anchor, e.IssueTitle))
			}
		}
	}
	want := []string{
		"tl-2023 2023年",
		"tl-2023-06 6月",
		"2023/02/dashiji#2023-06-25 2023年第2期",
		"2023/02/dashiji#2023-06-26 2023年第2期", // same day: the older issue first
		"2023/06/dashiji#2023-06-26 2023年第6期",
		"tl-2023-12 12月",
		"2023/06/dashiji#2023-12-30 2023年第6期", // a range into the next year stays where it starts
		"tl-2024 2024年",
		"tl-2024-01 1月",
		"2023/06/dashiji#2024-01-05 2023年第6期",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("timeline:\n%q\nwant\n%q", got, want)
	}
	if tv.Count != 5 {
		t.Errorf("Count = %d, want 5", tv.Count)
	}
	if sv.in.Events[0].Anchor != "2023-06-26" {
		t.Errorf("grouping reordered the site's events in place")
	}
}

func TestTimelineNames(t *testing.T) {
	for _, tc := range []struct {
		lang      string
		y, m      int
		year, mon string
	}{
		{"zh", 2023, 4, "2023年", "4月"},
		{"mn", 2023, 4, "2023 ᠣᠨ", "4 ᠳ᠋ᠦᠭᠡᠷ ᠰᠠᠷ᠎ᠠ"},
		{"mn", 2024, 6, "2024 ᠣᠨ", "6 ᠳ᠋ᠤᠭᠠᠷ ᠰᠠᠷ᠎ᠠ"},
	} {
		if got := yearName(tc.lang, tc.y); got != tc.year {
			t.Errorf("yearName(%s, %d) = %q, want %q", tc.lang, tc.y, got, tc.year)
		}
		if got := monthName(tc.lang, tc.m); got != tc.mon {
			t.Errorf("monthName(%s, %d) = %q, want %q", tc.lang, tc.m, got, tc.mon)
		}
	}
}

func TestUIDDomain(t *testing.T) {
	for _, tc := range []struct{ base, title, want string }{
		{"https://Gazette.Example.org/archive/", "公报", "gazette.example.org"},
		{"", "乌审旗人民政府公报", "wu-shen-qi-ren-min-zheng-fu-gong-bao"},
		{"not a url", "乌审旗人民政府公报", "wu-shen-qi-ren-min-zheng-fu-gong-bao"},
		{"", "", "gazette"},
	} {
		if got := uidDomain(tc.base, tc.title); got != tc.want {
			t.Errorf("uidDomain(%q, %q) = %q, want %q", tc.base, tc.title, got, tc.want)
		}
	}
}
