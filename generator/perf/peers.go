package perf

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The peers issue 12 compares gazette with: Hugo (Debian's package, 0.111) building
// the same corpus with a minimal theme, and Pagefind (npm package pagefind, 1.6)
// indexing a built site. They are measured in the same run as gazette, on the same
// machine, so that the comparison does not depend on figures taken elsewhere.

// hugoLayouts is the minimal theme: a page with its title, date and body, and lists of
// links for the home, section and issue pages. No search, no assets.
var hugoLayouts = map[string]string{
	"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="zh-Hans">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{ .Title }} - {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ with .Params.number }}{{ . }} {{ end }}{{ .Date.Format "2006-01-02" }}</p>
{{ .Content }}</article>{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
	"layouts/index.html": `{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
}

const hugoConfig = `baseURL = "/"
title = "乌审旗人民政府公报"
languageCode = "zh-CN"
defaultContentLanguage = "zh"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term"]
`

// HugoSite makes a Hugo site in dir from a gazette content folder: the Markdown files
// as they are (gazette's front matter is YAML Hugo reads; its own keys become page
// parameters), the minimal theme and a configuration. site.yaml and translations
// (x.<lang>.md) stay out: the comparison is a one-language build.
func HugoSite(contentDir, dir string) error {
	for name, text := range hugoLayouts {
		if err := writeFile(filepath.Join(dir, name), []byte(text)); err != nil {
			return err
		}
	}
	if err := writeFile(filepath.Join(dir, "hugo.toml"), []byte(hugoConfig)); err != nil {
		return err
	}
	return filepath.WalkDir(contentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(contentDir, p)
		if err != nil {
			return err
		}
		if !strings.HasSuffix(rel, ".md") || strings.Count(filepath.Base(rel), ".") > 1 {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(dir, "content", rel), b)
	})
}

func writeFile(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// Peers are the programs of the comparison, found on this machine.
type Peers struct {
	Hugo     string // the hugo binary
	Pagefind string // the pagefind_extended binary (its CJK segmentation needs the extended build)
}

// FindPeers looks for hugo on PATH and for Pagefind in node_modules folders: the
// working directory's, nodeModules (if not empty) and $HOME/.cache/gazette's, where
// .ci/run installs the project's npm tools.
func FindPeers(nodeModules string) (Peers, error) {
	var p Peers
	h, err := exec.LookPath("hugo")
	if err != nil {
		return p, fmt.Errorf("hugo not found (Debian: apt-get install -y hugo): %w", err)
	}
	p.Hugo = h
	dirs := []string{"node_modules"}
	if nodeModules != "" {
		dirs = append([]string{nodeModules}, dirs...)
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".cache", "gazette", "node_modules"))
	}
	for _, d := range dirs {
		matches, _ := filepath.Glob(filepath.Join(d, "@pagefind", "*", "bin", "pagefind_extended"))
		if len(matches) > 0 {
			p.Pagefind = matches[0]
			return p, nil
		}
	}
	return p, fmt.Errorf("pagefind not found in %s (install it: cd ~/.cache/gazette && npm install pagefind@1.6)", strings.Join(dirs, ", "))
}

// BuildHugo builds the Hugo site in src into out.
func (p Peers) BuildHugo(src, out string) (Run, error) {
	return Measure(p.Hugo, "--quiet", "--source", src, "--destination", out)
}

// IndexPagefind runs Pagefind over a built site; it adds site/pagefind/.
func (p Peers) IndexPagefind(site string) (Run, error) {
	return Measure(p.Pagefind, "--site", site)
}
