package citation

import "testing"

func TestGBT7714(t *testing.T) {
	base := Ref{Issuers: []string{"乌审旗人民政府办公室"}, Title: "乌审旗人民政府办公室关于印发《乌审旗“医保+X+1”模式推进医保服务下沉实施方案（试行）》的通知",
		Number: "乌政办发〔2023〕27号", Serial: "乌审旗人民政府公报", Year: 2023, Issue: 2, Page: 18}
	for _, tt := range []struct {
		name string
		edit func(r *Ref)
		want string
	}{
		{"the bundled notice", func(*Ref) {},
			"乌审旗人民政府办公室. 乌审旗人民政府办公室关于印发《乌审旗“医保+X+1”模式推进医保服务下沉实施方案（试行）》的通知: 乌政办发〔2023〕27号[Z]. 乌审旗人民政府公报, 2023(2): 18."},
		{"three issuers", func(r *Ref) { r.Issuers = []string{"甲", "乙", "丙"}; r.Title = "通知" },
			"甲, 乙, 丙. 通知: 乌政办发〔2023〕27号[Z]. 乌审旗人民政府公报, 2023(2): 18."},
		{"four issuers", func(r *Ref) { r.Issuers = []string{"甲", "乙", "丙", "丁"}; r.Title = "通知" },
			"甲, 乙, 丙, 等. 通知: 乌政办发〔2023〕27号[Z]. 乌审旗人民政府公报, 2023(2): 18."},
		{"no number, no page, no issuer", func(r *Ref) { r.Issuers = nil; r.Number = ""; r.Page = 0; r.Title = "大事记" },
			"大事记[Z]. 乌审旗人民政府公报, 2023(2)."},
		{"online", func(r *Ref) { r.Title = "通知"; r.URL = "https://example.gov.cn/g/id/%E4%B9%8C-2023-27/" },
			"乌审旗人民政府办公室. 通知: 乌政办发〔2023〕27号[Z/OL]. 乌审旗人民政府公报, 2023(2): 18. https://example.gov.cn/g/id/%E4%B9%8C-2023-27/."},
	} {
		r := base
		tt.edit(&r)
		if got := GBT7714(r); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
