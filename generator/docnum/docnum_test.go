package docnum

import (
	"fmt"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"乌政办发〔2023〕27号", "乌政办发|2023|27"},
		{"乌政办发[2023]27号", "乌政办发|2023|27"},
		{"乌政办发［2023］27号", "乌政办发|2023|27"},
		{"乌政办发【2023】27号", "乌政办发|2023|27"},
		{"乌政办发（2023）27号", "乌政办发|2023|27"},
		{"乌政办发(2023)27号", "乌政办发|2023|27"},
		{"乌政办发﹝2023﹞27号", "乌政办发|2023|27"},
		{"乌政办发〔２０２３〕２７号", "乌政办发|2023|27"},
		{"乌政办发2023 27号", "乌政办发|2023|27"},
		{"乌政办发 2023　27号", "乌政办发|2023|27"},
		{"乌政办发〔2023〕第27号", "乌政办发|2023|27"},
		{"乌政办发〔2023〕027号", "乌政办发|2023|27"},
		{" 乌政办发 〔2023〕 27 号 ", "乌政办发|2023|27"},
		{"乌政办发〔2023〕27", "乌政办发|2023|27"},
		{"乌政办发〔2023］27号", "乌政办发|2023|27"}, // a mixed pair is a typo, not another number
		{"鄂府发〔2022〕149号", "鄂府发|2022|149"},
		{"内爱卫办发〔2023〕2号", "内爱卫办发|2023|2"},
		{"乌政发〔2023〕0号", "乌政发|2023|0"},
		// Not document numbers: folded, never with '|'.
		{"〔2023〕27号", "〔2023〕27号"},
		{"乌政办发〔1823〕27号", "乌政办发〔1823〕27号"},
		{"乌政办发〔2023〕号", "乌政办发〔2023〕号"},
		{"乌政办发〔2023〕27号文", "乌政办发〔2023〕27号文"},
		{"２０２３年 第２期", "2023年第2期"},
		{"", ""},
	} {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// show renders matches as text[start:end]=key, one per match, for compact tables.
func show(text string, ms []Match) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, fmt.Sprintf("%s=%s", text[m.Start:m.End], m.Key))
	}
	return strings.Join(parts, " ")
}

func TestFind(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"乌政办发〔2023〕27号", "乌政办发〔2023〕27号=乌政办发|2023|27"},
		{"（鄂府发〔2022〕149号）为依据", "鄂府发〔2022〕149号=鄂府发|2022|149"},
		{"《内蒙古自治区爱卫办关于做好2023年国家卫生城镇创建和复审工作的通知》（内爱卫办发〔2023〕2号）文件要求",
			"内爱卫办发〔2023〕2号=内爱卫办发|2023|2"},
		{"现将乌政发〔2023〕9号文件", "现将乌政发〔2023〕9号=现将乌政发|2023|9"},
		{"见乌政办发[2023]27号", "见乌政办发[2023]27号=见乌政办发|2023|27"},
		{"乌政办发［2023］27号、乌政办发【2023】27号；乌政办发（2023）27号,乌政办发(2023)27号 乌政办发﹝2023﹞27号",
			"乌政办发［2023］27号=乌政办发|2023|27 乌政办发【2023】27号=乌政办发|2023|27 乌政办发（2023）27号=乌政办发|2023|27 " +
				"乌政办发(2023)27号=乌政办发|2023|27 乌政办发﹝2023﹞27号=乌政办发|2023|27"},
		{"乌政办发〔２０２３〕２７号", "乌政办发〔２０２３〕２７号=乌政办发|2023|27"},
		{"乌政办发〔2023〕第027号", "乌政办发〔2023〕第027号=乌政办发|2023|27"},
		// Two numbers back to back: the second prefix does not take the first's 号.
		{"乌政发〔2023〕9号乌政办发〔2023〕27号", "乌政发〔2023〕9号=乌政发|2023|9 乌政办发〔2023〕27号=乌政办发|2023|27"},
		// At most 12 Han characters of prefix.
		{"一二三四五六七八九十甲乙丙丁发〔2023〕1号", "四五六七八九十甲乙丙丁发〔2023〕1号=四五六七八九十甲乙丙丁发|2023|1"},
		// Not numbers in running text.
		{"2023年27号楼", ""},
		{"乌政办发2023 27号", ""},
		{"乌政办发 〔2023〕27号", ""},
		{"（〔2023〕27号）", ""},
		{"乌政办发〔2023〕27", ""},
		{"乌政办发〔20231〕27号", ""},
		{"乌政办发〔1823〕27号", ""},
		{"乌政办发〔2023〕1234567号", ""},
		{"abc〔2023〕1号", ""},
		{"", ""},
	} {
		if got := show(tt.text, Find(tt.text)); got != tt.want {
			t.Errorf("Find(%q):\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

// Every match's key is what Normalize gives for the text it covers.
func TestFindAgreesWithNormalize(t *testing.T) {
	text := "现将乌政发〔２０２３〕第09号、鄂府发[2022]149号和内爱卫办发（2023）2号"
	for _, m := range Find(text) {
		for _, s := range append(m.Suffixes(), m.Guess()) {
			if got := Normalize(text[s.Start:s.End]); got != s.Key {
				t.Errorf("Normalize(%q) = %q, match key %q", text[s.Start:s.End], got, s.Key)
			}
		}
	}
}

func TestSuffixes(t *testing.T) {
	text := "，现将乌政发〔2023〕9号文件"
	ms := Find(text)
	if len(ms) != 1 {
		t.Fatalf("Find = %v", ms)
	}
	var got []string
	for _, s := range ms[0].Suffixes() {
		got = append(got, text[s.Start:s.End]+"="+s.Prefix+"="+s.Key)
	}
	want := []string{
		"现将乌政发〔2023〕9号=现将乌政发=现将乌政发|2023|9",
		"将乌政发〔2023〕9号=将乌政发=将乌政发|2023|9",
		"乌政发〔2023〕9号=乌政发=乌政发|2023|9",
		"政发〔2023〕9号=政发=政发|2023|9",
		"发〔2023〕9号=发=发|2023|9",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Suffixes:\n got %q\nwant %q", got, want)
	}
}

func TestGuess(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"（鄂府发〔2022〕149号）", "鄂府发〔2022〕149号"},
		{"的通知》（内爱卫办发〔2023〕2号）文件要求", "内爱卫办发〔2023〕2号"},
		{"的通知（内爱卫办发〔2023〕2号）", "内爱卫办发〔2023〕2号"},
		{"现将乌政发〔2023〕9号文件", "乌政发〔2023〕9号"},
		{"根据乌政办发[2023]27号", "乌政办发[2023]27号"},
		{"按照乌政办发〔2023〕27号", "乌政办发〔2023〕27号"},
		{"关于印发乌政发〔2023〕9号", "乌政发〔2023〕9号"},
		{"认真贯彻落实国办发〔2023〕1号", "国办发〔2023〕1号"},
		{"乌政发〔2023〕9号和乌政办发〔2023〕27号", "乌政发〔2023〕9号 乌政办发〔2023〕27号"},
		{"经研究同意乌政发〔2023〕9号", "乌政发〔2023〕9号"},
		// No cue: the last 8 characters.
		{"甲乙丙丁戊己庚辛壬癸发〔2023〕1号", "丁戊己庚辛壬癸发〔2023〕1号"},
		// A cue at the very end of the prefix is not a cut (nothing would be left).
		{"关于〔2023〕1号", "关于〔2023〕1号"},
	} {
		var got []string
		for _, m := range Find(tt.text) {
			g := m.Guess()
			got = append(got, tt.text[g.Start:g.End])
			if g.Key != Normalize(tt.text[g.Start:g.End]) {
				t.Errorf("Guess in %q: key %q", tt.text, g.Key)
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Guess in %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}
