package build

import (
	"fmt"
	"os"
	"testing"
)

func TestTmpHostile(t *testing.T) {
	res, err := Site(Inputs{Content: os.DirFS("testdata/hostile"), Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")})
	for _, d := range res.Diags {
		fmt.Println(d)
	}
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll("/tmp/hostile-out")
	for _, p := range res.Tree.Paths() {
		b, _ := res.Tree.Get(p)
		os.MkdirAll("/tmp/hostile-out/"+p[:max(0, len(p)-len(lastElem(p)))], 0o755)
		os.WriteFile("/tmp/hostile-out/"+p, b, 0o644)
	}
}

func lastElem(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return p[i+1:]
		}
	}
	return p
}
