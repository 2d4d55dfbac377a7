package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// generator holds what a corpus is made from while it is made. It belongs to one
// Generate call.
type generator struct {
	pool   *pool
	rng    *rand.Rand
	issues []*issue
	used   map[string]bool // titles and enclosed titles given so far
}

type issue struct {
	dir          string // 2019/03
	year, number int
	date         time.Time // the last day of the month the issue covers
	docs         []*doc    // in 目录 order, the chronicle last
}

// doc is one document as planned: everything but its body text.
type doc struct {
	issue      *issue
	file       string
	title      string
	encloses   string // set for notices that issue a plan
	number     string
	section    string
	issuers    []string
	addressees string
	date       time.Time
	page       int
	weight     int
	subj       *subject // what the title and body are drawn from
	size       int      // the body's target size in bytes
	table      bool     // ends with an annex table
	cite       *doc     // the document it cites, or nil
	chronicle  bool
}

const (
	minBody = 2 * 1024
	maxBody = 30 * 1024
)

var sections = []string{"政府文件", "政府办文件", "大事记"}

// agency is who issues documents of a section, and the prefix of their numbers.
type agency struct {
	section string
	issuers []string
	prefix  string
}

var (
	government = agency{"政府文件", []string{"乌审旗人民政府"}, "乌政发"}
	office     = agency{"政府办文件", []string{"乌审旗人民政府办公室"}, "乌政办发"}
	// joint documents (府院联动) are signed by the government and the courts together.
	joint = agency{"政府文件", []string{"乌审旗人民政府", "乌审旗人民法院", "乌审旗人民检察院"}, "乌政发"}
)

// plan lays out every issue and document, numbers and titles included, before any
// text is written: the text of a document names the number and title of the earlier
// document it cites.
func (g *generator) plan(opt Options) {
	n := (opt.Docs + opt.PerIssue - 1) / opt.PerIssue
	firstYear := opt.LastYear - (n-1)/issuesPerYear
	serial := map[string]int{} // prefix|year → last serial given
	var all []*doc             // every document but the chronicles, in corpus order
	for i := 0; i < n; i++ {
		year, month := firstYear+i/issuesPerYear, i%issuesPerYear+1
		is := &issue{
			dir: fmt.Sprintf("%04d/%02d", year, month), year: year, number: month,
			date: time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC),
		}
		g.issues = append(g.issues, is)
		count := opt.Docs*(i+1)/n - opt.Docs*i/n // spreads the remainder over the issues
		var bySection [2][]*doc
		for k := 0; k < count-1; k++ {
			ag := office
			switch r := g.rng.IntN(100); {
			case r < 5:
				ag = joint
			case r < 30:
				ag = government
			}
			key := fmt.Sprintf("%s|%d", ag.prefix, year)
			serial[key]++
			d := &doc{
				issue: is, section: ag.section, issuers: ag.issuers,
				number:     fmt.Sprintf("%s〔%d〕%d号", ag.prefix, year, serial[key]),
				addressees: g.pick(g.pool.addressees),
				date:       time.Date(year, time.Month(month), 1+g.rng.IntN(28), 0, 0, 0, 0, time.UTC),
				size:       g.size(),
				subj:       g.subject(),
			}
			g.name(d, ag)
			s := 0
			if ag.section == office.section {
				s = 1
			}
			bySection[s] = append(bySection[s], d)
		}
		page := 1
		for _, docs := range bySection {
			for w, d := range docs {
				d.weight = w + 1
				d.page = page
				page += 1 + d.size/2500
				d.file = fmt.Sprintf("%s/wen-%02d.md", is.dir, len(is.docs)+1)
				d.table = len(all)%5 == 4
				if len(all)%3 == 2 {
					d.cite = all[g.rng.IntN(len(all))] // an earlier document
				}
				is.docs = append(is.docs, d)
				all = append(all, d)
			}
		}
		is.docs = append(is.docs, &doc{
			issue: is, file: is.dir + "/dashiji.md", title: "乌审旗人民政府大事记",
			section: "大事记", issuers: office.issuers, date: is.date, page: page, weight: 1,
			size: g.size(), chronicle: true,
		})
	}
}

// size draws a body size between minBody and maxBody, small ones more often, as in a
// real gazette where short notices outnumber long plans.
func (g *generator) size() int {
	u := min(g.rng.Float64(), g.rng.Float64())
	return minBody + 200 + int(u*float64(maxBody-minBody-1200))
}

// planKinds are the kinds of text a notice issues.
var planKinds = []string{"实施方案", "工作方案", "行动方案", "管理办法", "实施细则", "考核办法", "专项整治方案", "应急预案", "工作要点", "三年行动计划"}

// name gives d a title (and, for a notice issuing a plan, the plan's title) that no
// other document of the corpus has, so that a citation by title finds one document.
func (g *generator) name(d *doc, ag agency) {
	by := ag.issuers[0]
	if len(ag.issuers) > 1 {
		by = ag.issuers[0] + " " + ag.issuers[1] + " " + ag.issuers[2]
	}
	year := d.issue.year
	for try := 0; ; try++ {
		topic := g.pick(d.subj.topics)
		var title, encl string
		switch k := g.rng.IntN(10); {
		case k < 5:
			encl = fmt.Sprintf("乌审旗%s%s", topic, g.pick(planKinds))
			if g.rng.IntN(2) == 0 {
				encl = fmt.Sprintf("乌审旗%d年%s%s", year, topic, g.pick(planKinds))
			}
			title = fmt.Sprintf("%s关于印发《%s》的通知", by, encl)
		case k < 7:
			title = fmt.Sprintf("%s关于做好%d年%s工作的通知", by, year, topic)
		case k < 8:
			title = fmt.Sprintf("%s关于进一步加强%s工作的意见", by, topic)
		case k < 9:
			title = fmt.Sprintf("%s关于%s有关事项的公告", by, topic)
		default:
			title = fmt.Sprintf("%s关于开展%d年%s专项检查的通知", by, year, topic)
		}
		if try > 20 { // the vocabulary is exhausted for this year: number the round
			title = fmt.Sprintf("%s（第%d批）", title, try-19)
			if encl != "" {
				encl = fmt.Sprintf("%s（第%d批）", encl, try-19)
				title = fmt.Sprintf("%s关于印发《%s》的通知", by, encl)
			}
		}
		if g.used[title] || (encl != "" && g.used[encl]) {
			continue
		}
		g.used[title] = true
		if encl != "" {
			g.used[encl] = true
		}
		d.title, d.encloses = title, encl
		return
	}
}

// subject draws the subject of a document, in proportion to how much text each has.
func (g *generator) subject() *subject {
	total := 0
	for _, s := range g.pool.subjects {
		total += len(s.sentences)
	}
	n := g.rng.IntN(total)
	for _, s := range g.pool.subjects {
		if n -= len(s.sentences); n < 0 {
			return s
		}
	}
	return g.pool.subjects[len(g.pool.subjects)-1] // not reached: n < total
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// chineseNumber writes 1–99 as printed numbering does: 一, 十, 十二, 二十三.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	default:
		return digits[n/10%10] + "十" + digits[n%10]
	}
}
