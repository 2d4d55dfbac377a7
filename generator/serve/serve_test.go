package serve

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gazette/generator/build"
)

// A small gazette written to disk for the watcher: one issue, one document.
const (
	siteYAML  = "title: 测试公报\nlanguages: [zh]\n"
	issueFile = "---\nyear: 2023\nnumber: 2\ndate: 2023-06-30\nsections: [政府文件]\n---\n"
	docPath   = "/2023/02/wu-zheng-fa-2023-9-hao/"
)

func docFile(date, body string) string {
	return "---\ntitle: 关于印发方案的通知\nsection: 政府文件\ndate: " + date + "\nnumber: 乌政发〔2023〕9号\n---\n\n" + body + "\n"
}

func write(t testing.TB, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveAtomically saves as many editors do: a temporary file, renamed over the target.
func saveAtomically(t testing.TB, dir, name, data string) {
	t.Helper()
	write(t, dir, name+".tmp", data)
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.Rename(p+".tmp", p); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is the terminal, written by the server's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// event is one server-sent event.
type event struct{ name, data string }

// listen reads the event stream into a channel.
func listen(t testing.TB, url string) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/_gazette/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("event stream Content-Type %q", ct)
	}
	ch := make(chan event, 16)
	t.Cleanup(func() { cancel(); res.Body.Close() })
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		var ev event
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ev.data = strings.Join(data, "\n")
					ch <- ev
				}
				ev, data = event{}, nil
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = append(data, strings.TrimPrefix(line, "data: "))
			}
		}
	}()
	return ch
}

// await waits for the next event named name, skipping others.
func await(t testing.TB, ch <-chan event, name string) event {
	t.Helper()
	return awaitWithin(t, ch, name, 30*time.Second)
}

func awaitWithin(t testing.TB, ch <-chan event, name string, d time.Duration) event {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("the event stream ended while waiting for %q", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event within %v", name, d)
		}
	}
}

func fetch(t testing.TB, url string) (int, string) {
	t.Helper()
	res, body := get(t, http.MethodGet, url, "")
	return res.StatusCode, body
}

// TestServe runs the watcher and the server on a gazette on disk, and edits it as an
// editor would: every good save reloads open pages with the change, a broken one shows
// the problems over the last good site, fixing it brings the site back, and a folder
// created after the start is watched too.
func TestServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	write(t, dir, "site.yaml", siteYAML)
	write(t, dir, "2023/02/_index.md", issueFile)
	write(t, dir, "2023/02/tongzhi.md", docFile("2023-04-18", "第一版正文。"))

	var log syncBuffer
	s := New(Options{
		Inputs:     build.Inputs{Content: os.DirFS(dir), Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")},
		ContentDir: dir, Log: &log, Tick: 10 * time.Millisecond,
	})
	srv := httptest.NewServer(s)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
		s.Close()
		srv.Close()
	})

	events := listen(t, srv.URL)
	first := await(t, events, "build").data
	status, page := fetch(t, srv.URL+docPath)
	if status != 200 || !strings.Contains(page, "第一版正文。") || !strings.Contains(page, `data-build="`+first+`"`) {
		t.Fatalf("first page: status %d\n%s", status, page)
	}

	// A good save: the stream announces a new build, which serves the change.
	saveAtomically(t, dir, "2023/02/tongzhi.md", docFile("2023-04-18", "第二版正文。"))
	second := await(t, events, "build").data
	if second == first {
		t.Fatal("the new build has the old id")
	}
	if _, page := fetch(t, srv.URL+docPath); !strings.Contains(page, "第二版正文。") || !strings.Contains(page, `data-build="`+second+`"`) {
		t.Fatalf("after the edit the page is\n%s", page)
	}

	// A date that does not exist: the problems go to the terminal and to open pages,
	// and the last good site is still served, with the dialog.
	saveAtomically(t, dir, "2023/02/tongzhi.md", docFile("2023-02-30", "第三版正文。"))
	problems := await(t, events, "problems").data
	where := filepath.ToSlash(dir) + "/2023/02/tongzhi.md:4"
	for _, want := range []string{`role="alertdialog"`, where, "February 2023 has no day 30"} {
		if !strings.Contains(problems, want) {
			t.Errorf("the problems event lacks %q:\n%s", want, problems)
		}
	}
	status, page = fetch(t, srv.URL+docPath)
	if status != 200 || !strings.Contains(page, "第二版正文。") || !strings.Contains(page, `id="gazette-problems"`) || !strings.Contains(page, where) {
		t.Errorf("while broken: status %d, page\n%s", status, page)
	}
	if !strings.Contains(log.String(), where+`: date: invalid date "2023-02-30": February 2023 has no day 30`) {
		t.Errorf("the terminal does not name the place:\n%s", log.String())
	}

	// Fixed: a new build, and pages lose the dialog.
	saveAtomically(t, dir, "2023/02/tongzhi.md", docFile("2023-04-19", "第四版正文。"))
	if third := await(t, events, "build").data; third == second {
		t.Fatal("the fixed build has the old id")
	}
	if _, page := fetch(t, srv.URL+docPath); !strings.Contains(page, "第四版正文。") || strings.Contains(page, "gazette-problems\"") {
		t.Errorf("after the fix the page is\n%s", page)
	}

	// An issue folder created after the start is watched like the others.
	write(t, dir, "2023/03/_index.md", strings.Replace(strings.Replace(issueFile, "number: 2", "number: 3", 1), "06-30", "07-31", 1))
	write(t, dir, "2023/03/gonggao.md", "---\ntitle: 公告\nsection: 政府文件\ndate: 2023-07-01\nnumber: 乌政发〔2023〕10号\n---\n\n第一版公告。\n")
	for {
		await(t, events, "build")
		if status, _ := fetch(t, srv.URL+"/2023/03/wu-zheng-fa-2023-10-hao/"); status == 200 {
			break
		}
	}
	write(t, dir, "2023/03/gonggao.md", "---\ntitle: 公告\nsection: 政府文件\ndate: 2023-07-01\nnumber: 乌政发〔2023〕10号\n---\n\n第二版公告。\n")
	await(t, events, "build")
	if _, page := fetch(t, srv.URL+"/2023/03/wu-zheng-fa-2023-10-hao/"); !strings.Contains(page, "第二版公告。") {
		t.Errorf("an edit in the new folder was not seen:\n%s", page)
	}
	if strings.Contains(log.String(), "4913") || strings.Contains(log.String(), ".tmp") {
		t.Errorf("the terminal mentions an editor's temporary file:\n%s", log.String())
	}
}

// TestServeFirstBuildFails: with nothing good to serve yet, pages say so with the
// problems, and the first good save serves the site.
func TestServeFirstBuildFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	write(t, dir, "site.yaml", siteYAML)
	write(t, dir, "2023/02/_index.md", issueFile)
	write(t, dir, "2023/02/tongzhi.md", docFile("2023-13-01", "正文。"))
	s := New(Options{
		Inputs:     build.Inputs{Content: os.DirFS(dir), Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")},
		ContentDir: dir, Tick: 10 * time.Millisecond,
	})
	srv := httptest.NewServer(s)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done; s.Close(); srv.Close() })

	events := listen(t, srv.URL)
	await(t, events, "problems")
	status, page := fetch(t, srv.URL+"/")
	if status != http.StatusServiceUnavailable || !strings.Contains(page, "/content/2023/02/tongzhi.md:4") || !strings.Contains(page, "/_gazette/live.js") {
		t.Errorf("before any good build: status %d\n%s", status, page)
	}
	write(t, dir, "2023/02/tongzhi.md", docFile("2023-01-13", "正文。"))
	await(t, events, "build")
	if status, _ := fetch(t, srv.URL+docPath); status != 200 {
		t.Errorf("after the fix: status %d", status)
	}
}

func TestProblemsOfLayouts(t *testing.T) {
	for _, c := range []struct {
		err, want string
	}{
		{`rendering 2023/02/x/index.html: template: document.html:12:5: executing "main" at <.Doc.Nope>: can't evaluate field Nope`, "layouts/document.html:12:5: rendering"},
		{`layouts: template: base.html:3: function "nope" not defined`, "layouts/base.html:3: layouts: template"},
		{`layouts/strings/zh.yaml: yaml: line 7: did not find expected key`, "layouts/strings/zh.yaml:7: layouts/strings"},
		{`static: open css: permission denied`, "static: open css: permission denied"},
	} {
		ps := problems(errorString(c.err), "content", "layouts")
		if len(ps) != 1 || !strings.HasPrefix(ps[0].String(), c.want) {
			t.Errorf("problems(%q) = %v, want one starting %q", c.err, ps, c.want)
		}
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }
