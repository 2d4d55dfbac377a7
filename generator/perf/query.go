package perf

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// firstQueryJS drives the site's own search engine in node; see the file's comment.
//
//go:embed firstquery.js
var firstQueryJS []byte

// Shown is how many results the search page shows at first, each with its metadata
// and one snippet: what a first query loads beyond the doc-lists of its terms and the
// positions it checks.
const Shown = 10

// QueryLoad is what answering one query took.
type QueryLoad struct {
	Bytes   int64    `json:"bytes"`
	Files   []string `json:"files"`   // relative to the language's search folder
	Results int      `json:"results"` // all the query finds, though the first screen loads what it shows only
}

// FirstQuery weighs query on the default language of the site built in dir, by
// running the site's own search engine in node (it must be on PATH) with a loader that
// counts the bytes of every file the engine asks for.
func FirstQuery(dir, query string) (QueryLoad, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return QueryLoad{}, fmt.Errorf("weighing a query needs node: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "search", "manifest.js")); err != nil {
		return QueryLoad{}, fmt.Errorf("the site in %s has no search index", dir)
	}
	driver, err := os.CreateTemp("", "gazette-firstquery-*.js")
	if err != nil {
		return QueryLoad{}, err
	}
	defer os.Remove(driver.Name())
	if _, err := driver.Write(firstQueryJS); err != nil {
		driver.Close()
		return QueryLoad{}, err
	}
	if err := driver.Close(); err != nil {
		return QueryLoad{}, err
	}
	cmd := exec.Command(node, driver.Name(), dir, query, strconv.Itoa(Shown))
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return QueryLoad{}, fmt.Errorf("node: %v\n%s", err, ee.Stderr)
		}
		return QueryLoad{}, fmt.Errorf("node: %w", err)
	}
	var q QueryLoad
	if err := json.Unmarshal(out, &q); err != nil {
		return QueryLoad{}, fmt.Errorf("reading node's answer %q: %w", out, err)
	}
	return q, nil
}
