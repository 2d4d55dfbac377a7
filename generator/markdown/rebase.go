package markdown

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Rebase rewrites the relative link and image destinations under n, written for the
// page in folder from (its index.html), so that they lead to the same place from the
// page in folder to; both folders are relative to the same root. It is for showing part
// of a document on another page, as the timeline shows chronicle events: links the
// cross-reference extension made, links the author wrote (../wu-zheng-fa-2023-9-hao/…)
// and links to a part of the page itself (#2023-04-02, which now names from's page).
// Absolute URLs, root-relative paths, other schemes (mailto:, doc: left unresolved) and
// autolinks are left alone.
func Rebase(n ast.Node, from, to string) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = []byte(rebaseURL(string(n.Destination), from, to))
		case *ast.Image:
			n.Destination = []byte(rebaseURL(string(n.Destination), from, to))
		}
		return ast.WalkContinue, nil
	})
}

// rebaseURL rebases one destination; see Rebase.
func rebaseURL(dest, from, to string) string {
	u, err := url.Parse(dest)
	if err != nil || dest == "" || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
		return dest
	}
	target := path.Join(from, "index.html") // a fragment or query alone names from's page
	if p := u.EscapedPath(); p != "" {
		target = path.Join(from, p)
		if strings.HasSuffix(p, "/") {
			target += "/"
		}
	}
	rel := relPath(to, target)
	if u.RawQuery != "" || u.ForceQuery {
		rel += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		rel += "#" + u.EscapedFragment()
	}
	return rel
}

// relPath is the relative URL from a page in folder dir to the file target, both
// relative to the same root; target may start with ../ when it lies above the root.
func relPath(dir, target string) string {
	d := splitPath(dir)
	t := splitPath(target)
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] && t[i] != ".." {
		i++
	}
	rel := strings.Repeat("../", len(d)-i) + strings.Join(t[i:], "/")
	if strings.HasSuffix(target, "/") && !strings.HasSuffix(rel, "/") {
		rel += "/"
	}
	if rel == "" {
		rel = "./"
	}
	return rel
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" || p == "." {
		return nil
	}
	return strings.Split(p, "/")
}
