package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeTags are the rule sets run: WCAG 2.0 and 2.1, levels A and AA.
const axeTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]`

// axeViolation is one failed axe rule, with the elements it failed on.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  []any  `json:"target"` // selectors; nested lists inside frames or shadow roots
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axePath is where axe-core's axe.min.js should be: AXE_CORE names it, or it is in
// the cache folder of .ci/run, outside the repository.
func axePath() string {
	if p := os.Getenv("AXE_CORE"); p != "" {
		return p
	}
	cache := os.Getenv("GAZETTE_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = os.TempDir()
		}
		cache = filepath.Join(home, ".cache", "gazette")
	}
	return filepath.Join(cache, "node_modules", "axe-core", "axe.min.js")
}

// axeMissing explains how to install axe-core.
func axeMissing(p string) []string {
	return []string{
		"axe-core not found: " + p,
		`install it with:  npm install --prefix "${GAZETTE_CACHE:-$HOME/.cache/gazette}" axe-core@4`,
		"(or run .ci/run, or point AXE_CORE at axe.min.js)",
	}
}

// axeScript returns the source of axe.min.js, or stops the test when it is missing.
func axeScript(t *testing.T) string {
	t.Helper()
	p := axePath()
	b, err := os.ReadFile(p)
	if err != nil {
		skipOrFail(t, axeMissing(p)...)
	}
	return string(b)
}

// TestAccessibility runs axe-core's WCAG 2.1 A and AA rules on the home page, the
// newest issue, the 医保 notice and the chronicle, and fails on every violation of
// serious or critical impact; lesser ones are logged.
func TestAccessibility(t *testing.T) {
	requireBrowser(t)
	axe := axeScript(t)
	for _, kp := range keyPages(t) {
		t.Run(kp.name, func(t *testing.T) {
			tb := newTab(t)
			tb.open(h.http(kp.path))
			tb.do("injecting axe-core", chromedp.Evaluate[chromedp.Void](axe))
			res := eval[struct {
				Violations []axeViolation `json:"violations"`
				Incomplete []axeViolation `json:"incomplete"`
			}](tb, `axe.run(document, {
				runOnly: {type: "tag", values: `+axeTags+`},
				resultTypes: ["violations", "incomplete"],
			}).then(r => ({violations: r.violations, incomplete: r.incomplete}))`)
			for _, v := range res.Violations {
				msg := fmt.Sprintf("%s: axe %s (%s): %s\n\t%s%s", kp.path, v.ID, v.Impact, v.Help, v.URL, nodeList(v))
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
			// What axe could not decide (often contrast over unusual backgrounds) is
			// for a person to look at; -v shows it.
			for _, v := range res.Incomplete {
				t.Logf("%s: axe could not decide %s on %d element(s): %s", kp.path, v.ID, len(v.Nodes), v.Help)
			}
			tb.expectClean(kp.path)
		})
	}
}

// nodeList formats the first few elements a rule failed on.
func nodeList(v axeViolation) string {
	const most = 5
	var b strings.Builder
	for i, n := range v.Nodes {
		if i == most {
			fmt.Fprintf(&b, "\n\t… and %d more", len(v.Nodes)-most)
			break
		}
		fmt.Fprintf(&b, "\n\t- %v  %s", n.Target, clip(n.HTML, 120))
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n\t  %s", strings.ReplaceAll(n.Summary, "\n", "\n\t  "))
		}
	}
	return b.String()
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
