package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuPath is where the W3C Nu HTML checker (npm package vnu-jar) should be: VNU_JAR
// names it, or it is in the cache folder of .ci/run, outside the repository.
func vnuPath() string {
	if p := os.Getenv("VNU_JAR"); p != "" {
		return p
	}
	return filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(axePath()))), "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
}

type vnuMessage struct {
	Type    string `json:"type"`
	SubType string `json:"subType"`
	URL     string `json:"url"`
	Line    int    `json:"lastLine"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

// vnu runs the checker on paths (files or folders) and returns its errors.
func vnu(t *testing.T, paths ...string) []vnuMessage {
	t.Helper()
	jar := vnuPath()
	java, err := exec.LookPath("java")
	if err != nil {
		skipOrFail(t, "java not found: the W3C Nu HTML checker runs on Java")
	}
	if _, err := os.Stat(jar); err != nil {
		skipOrFail(t, "the W3C Nu HTML checker not found: "+jar,
			`install it with:  npm install --prefix "${GAZETTE_CACHE:-$HOME/.cache/gazette}" vnu-jar`,
			"(or run .ci/run, or point VNU_JAR at vnu.jar)")
	}
	args := append([]string{"-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", "--exit-zero-always"}, paths...)
	out, err := exec.Command(java, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("running the Nu checker: %v\n%s", err, out)
	}
	var res struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("reading the Nu checker's report: %v\n%s", err, out)
	}
	return res.Messages
}

// TestValidHTML checks every page of the built site with the W3C Nu HTML checker and
// fails on every error it reports.
func TestValidHTML(t *testing.T) {
	for _, m := range vnu(t, h.dir) {
		file := strings.TrimPrefix(m.URL, "file:"+filepath.ToSlash(h.dir)+"/")
		t.Errorf("%s:%d: %s: %s\n\t%s", file, m.Line, m.Type, m.Message, strings.TrimSpace(m.Extract))
	}
}

// TestValidatorCatchesErrors keeps TestValidHTML honest: the checker, as the test runs
// it, must report a page that is not valid.
func TestValidatorCatchesErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.html")
	html := `<!DOCTYPE html><html lang="zh-Hans"><head><title>x</title></head><body><p><div>block in p</div><a href="#" href="#">dup</a></body></html>`
	if err := os.WriteFile(bad, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	msgs := vnu(t, bad)
	if len(msgs) == 0 {
		t.Fatal("the Nu checker reported nothing for an invalid page")
	}
	if !strings.Contains(fmt.Sprint(msgs), "Duplicate attribute") {
		t.Errorf("expected a duplicate-attribute error, got %v", msgs)
	}
}
