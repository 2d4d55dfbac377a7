package table

import (
	"strings"
	"testing"

	"gazette/generator/mdreport"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// parse returns the tables of src and the problems reported for it.
func parse(t *testing.T, src string) ([]*Table, []mdreport.Problem) {
	t.Helper()
	pc := parser.NewContext()
	doc := newMarkdown(nil).Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
	return Tables(doc), mdreport.Problems(pc)
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // records, each already CSV-encoded, without line ends
	}{
		{
			name: "merged cells repeat their text",
			src: `| 序号 | 服务事项名称 | 服务层级及办理深度 | << | 服务对象 |
| ^^   | ^^          | 旗政务服务中心      | 苏木镇 | ^^     |
|------|-------------|-------------------|-------|--------|
| 1    | 单位参保登记  | 办结               | 办结   | 事业法人 |
| ^^   | 2-D 块 | << | 办结   | ^^ |
| 3    | ^^ | ^^ | 办结   | 个人 |
`,
			want: []string{
				"序号,服务事项名称,服务层级及办理深度,服务层级及办理深度,服务对象",
				"序号,服务事项名称,旗政务服务中心,苏木镇,服务对象",
				"1,单位参保登记,办结,办结,事业法人",
				"1,2-D 块,2-D 块,办结,事业法人",
				"3,2-D 块,2-D 块,办结,个人",
			},
		},
		{
			name: "formulas are neutralised",
			src: `| a | b | c | d | e | f |
|---|---|---|---|---|---|
| =1+1 | +1 | - | -5 | @SUM(A1) | 1-2 |
`,
			want: []string{
				"a,b,c,d,e,f",
				"'=1+1,'+1,'-,'-5,'@SUM(A1),1-2",
			},
		},
		{
			name: "plain text of inline markup",
			src: "| a | b | c |\n|---|---|---|\n" +
				"| **粗**<br>第二行 | a, \"b\" | [链接](https://example.org) `x\\|y` |\n" +
				"| &amp; \\* <https://example.org> | <script>x</script> | ![图](i.png) |\n",
			want: []string{
				"a,b,c",
				"\"粗\r\n第二行\",\"a, \"\"b\"\"\",链接 x|y",
				"& * https://example.org,x,图",
			},
		},
		{
			name: "invalid markers are text and short rows are padded",
			src: `| a | b | c |
|---|---|---|
| ^^ | << | 1 |
| 2 |
`,
			want: []string{
				"a,b,c",
				"^^,<<,1",
				"2,,",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tables, _ := parse(t, tt.src)
			if len(tables) != 1 {
				t.Fatalf("got %d tables, want 1", len(tables))
			}
			got := string(tables[0].CSV([]byte(tt.src)))
			want := "\ufeff" + strings.Join(tt.want, "\r\n") + "\r\n"
			if got != want {
				t.Errorf("CSV:\n%q\nwant:\n%q", got, want)
			}
		})
	}
}

func TestTablesCaptionAndN(t *testing.T) {
	src := `Table: 表一 *说明* ` + "`x`" + `

| a |
|---|
| 1 |

| b |
|---|
| 2 |
Table: 表二 &amp; [链接](x)
`
	tables, problems := parse(t, src)
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	if len(tables) != 2 {
		t.Fatalf("got %d tables, want 2", len(tables))
	}
	for i, want := range []string{"表一 说明 x", "表二 & 链接"} {
		if tables[i].N != i+1 {
			t.Errorf("table %d: N = %d", i, tables[i].N)
		}
		if got := tables[i].Caption([]byte(src)); got != want {
			t.Errorf("table %d: Caption = %q, want %q", i, got, want)
		}
	}

	tables, _ = parse(t, "| a |\n|---|\n")
	if got := tables[0].Caption(nil); got != "" {
		t.Errorf("no caption: Caption = %q", got)
	}
}

func TestSizeLimit(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols int
		table      bool
	}{
		{"at the limit", 1000, 100, true},
		{"over the limit", 1001, 100, false},
		{"one long row over the limit", 2, 50_001, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			row := "|" + strings.Repeat(" x |", tt.cols) + "\n"
			b.WriteString("intro\n\n")
			b.WriteString(row)
			b.WriteString("|" + strings.Repeat("---|", tt.cols) + "\n")
			for range tt.rows - 1 {
				b.WriteString(row)
			}
			src := b.String()
			tables, problems := parse(t, src)
			if got := len(tables) == 1; got != tt.table {
				t.Fatalf("table made: %v, want %v", got, tt.table)
			}
			if tt.table {
				if len(problems) != 0 {
					t.Errorf("problems: %v", problems)
				}
				return
			}
			if len(problems) != 1 || !strings.Contains(problems[0].Msg, "more than 100000 cells") {
				t.Fatalf("problems: %v", problems)
			}
			if line, _ := mdreport.Position([]byte(src), problems[0].Offset); line != 3 {
				t.Errorf("reported on line %d, want 3", line)
			}
		})
	}
}
