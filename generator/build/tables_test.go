package build

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const yibao = "2023/02/wu-zheng-ban-fa-2023-27-hao/"

// TestAttachment2HeaderGolden pins the rendered two-row header of 附件2 of the 医保
// notice (32 services × 16 columns; 服务层级及办理深度 spans the 10 service places):
// the merges, scopes and header ids screen readers rely on.
func TestAttachment2HeaderGolden(t *testing.T) {
	html := page(t, buildBundled(t).Tree, yibao+"index.html")
	m := regexp.MustCompile(`(?s)<table id="tbl-2">.*?</thead>`).FindString(html)
	if m == "" {
		t.Fatal("no table tbl-2 with a thead on the 医保 page")
	}
	const golden = "testdata/golden/yibao-attachment2-head.html"
	if *update {
		if err := os.WriteFile(golden, []byte(m+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := m + "\n"; got != string(want) {
		t.Errorf("附件2 header differs from %s (run go test -update after checking):\n%s", golden, got)
	}
	if !strings.Contains(m, `<th scope="colgroup" colspan="10" id="tbl-2-r1c3">服务层级及办理深度</th>`) {
		t.Errorf("服务层级及办理深度 does not span the 10 service places")
	}
	if n := strings.Count(m, `rowspan="2"`); n != 6 {
		t.Errorf("%d header cells span both header rows, want 6 (序号, 服务事项名称 and the four columns after the places)", n)
	}
}

// TestAttachment2CSV reads 附件2 as a spreadsheet would: UTF-8 with a BOM, 16 columns,
// the two header rows, then the 32 services; merged header values repeated.
func TestAttachment2CSV(t *testing.T) {
	b, ok := buildBundled(t).Tree.Get(yibao + "tbl-2.csv")
	if !ok {
		t.Fatal("no tbl-2.csv beside the 医保 page")
	}
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Error("CSV has no UTF-8 byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 34 {
		t.Fatalf("%d rows, want 2 header rows and 32 services", len(rows))
	}
	for i, r := range rows {
		if len(r) != 16 {
			t.Errorf("row %d has %d columns, want 16", i+1, len(r))
		}
	}
	if rows[0][2] != "服务层级及办理深度" || rows[0][11] != "服务层级及办理深度" || rows[1][2] != "旗政务服务中心综合窗口" {
		t.Errorf("header rows: %q / %q", rows[0], rows[1])
	}
	if rows[1][0] != "序号" || rows[2][0] != "1" || rows[33][0] != "32" {
		t.Errorf("first column: %q, %q, %q", rows[1][0], rows[2][0], rows[33][0])
	}
}
