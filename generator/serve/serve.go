// Package serve is `gazette serve`: a preview of the site for the editorial office that
// rebuilds as they save, and shows their mistakes where they look.
//
// It takes the site's inputs (the content, layouts and static folders, as build.Inputs,
// and the folders on disk to watch) and gives an http.Handler that serves the last
// good build from memory, plus a watch loop. The loop batches file events per tick
// (batch.go) and rebuilds with a build.Builder, so that saving one document renders
// only the pages that show it. After each good build every open page reloads, through
// server-sent events on /_gazette/events; while a build fails, the terminal lists each
// problem as file:line: message, and pages show the same list in a dismissable alert
// dialog, over the last good site, which is still what is served.
//
// It guarantees that the reload script, the dialog and their stylesheet are added to
// HTML responses only, by the server, and never to the built site; that nothing is
// written to disk; that only GET and HEAD are answered, with paths that stay inside
// the site (no .. however encoded: the site is a map of files, not a folder); and,
// when asked to (Options.LocalOnly), that only requests naming a local host are
// answered, so that a web page cannot reach the preview through DNS rebinding.
package serve

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"gazette/generator/build"
	"gazette/generator/output"
)

// Options configure a Server.
type Options struct {
	Inputs build.Inputs
	// The folders on disk the inputs come from, as the user named them, for watching
	// and for naming files in messages; "" for built-in layouts or static files, which
	// are not watched.
	ContentDir, LayoutsDir, StaticDir string
	Log                               io.Writer // the terminal
	// Tick is how long file events must have stopped before the site is rebuilt: the
	// end of an editor's save, whose events come less than a millisecond apart; it
	// is what a save waits before its build starts. Default 20 ms, a margin for a
	// machine too busy to let the editor run at once.
	Tick      time.Duration
	LocalOnly bool // answer only requests for localhost or a loopback address
}

// Server is a preview server. Its zero value is not usable; call New.
type Server struct {
	opt     Options
	builder build.Builder
	nonce   string // tells this process's builds from an earlier one's

	mu       sync.Mutex
	site     *output.Tree // the last good build; nil until one
	build    string       // its id: nonce-n
	builds   int
	failed   int       // failed builds so far: each one is shown again
	problems []Problem // of the last build; nil when it succeeded
	overlay  []byte    // the dialog listing problems
	subs     map[chan struct{}]bool
	done     chan struct{}
	closed   bool
}

// New returns a server that has not built anything yet.
func New(opt Options) *Server {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Tick <= 0 {
		opt.Tick = 20 * time.Millisecond
	}
	return &Server{opt: opt, nonce: strconv.FormatInt(time.Now().UnixNano(), 36),
		subs: map[chan struct{}]bool{}, done: make(chan struct{})}
}

// Rebuild builds the site and publishes it, or its problems. why names what changed,
// for the terminal; "" for the first build. It reports whether the build succeeded.
func (s *Server) Rebuild(why string) bool {
	start := time.Now()
	res, err := s.builder.Build(s.opt.Inputs)
	ms := time.Since(start).Milliseconds()
	if err != nil {
		ps := problems(err, s.opt.ContentDir, s.opt.LayoutsDir)
		for _, p := range ps {
			fmt.Fprintln(s.opt.Log, p)
		}
		s.mu.Lock()
		kept := "still serving the last good site"
		if s.site == nil {
			kept = "nothing to serve until it builds"
		}
		s.mu.Unlock()
		fmt.Fprintf(s.opt.Log, "gazette: %sbuild failed in %d ms (%d problem(s)); %s\n", prefix(why), ms, len(ps), kept)
		s.publish(nil, ps)
		return false
	}
	r := s.builder.Report()
	if why == "" {
		fmt.Fprintf(s.opt.Log, "gazette: built %d pages (%d documents, %d files) in %d ms\n", res.Pages, res.Documents, res.Tree.Len(), ms)
	} else {
		fmt.Fprintf(s.opt.Log, "gazette: %srebuilt in %d ms: %d of %d pages rendered\n", prefix(why), ms, len(r.Rendered), len(r.Rendered)+r.Reused)
	}
	s.publish(res.Tree, nil)
	return true
}

func prefix(why string) string {
	if why == "" {
		return ""
	}
	return why + ": "
}

// publish makes a good build the site served, or shows a failed build's problems, and
// tells every open page.
func (s *Server) publish(site *output.Tree, ps []Problem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if site != nil {
		s.builds++
		s.site, s.build = site, s.nonce+"-"+strconv.Itoa(s.builds)
		s.problems, s.overlay = nil, nil
	} else {
		s.failed++
		s.problems, s.overlay = ps, renderOverlay(ps, s.failed)
	}
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default: // it has a wake-up pending already
		}
	}
}

// state is what the event stream tells pages.
type state struct {
	build   string
	failed  int
	overlay []byte
}

func (s *Server) state() state {
	s.mu.Lock()
	defer s.mu.Unlock()
	return state{build: s.build, failed: s.failed, overlay: s.overlay}
}

// Problems are the problems of the last build, nil when it succeeded.
func (s *Server) Problems() []Problem {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Problem(nil), s.problems...)
}

// Close ends the event streams, so that an http.Server's Shutdown need not wait for
// them.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

// Run builds the site, then watches its folders and rebuilds on every change until ctx
// ends. A failed first build is no error: the problems are shown and fixing them
// builds the site.
func (s *Server) Run(ctx context.Context) error {
	w, err := s.watch()
	if err != nil {
		return err
	}
	defer w.Close()
	s.Rebuild("")
	return s.loop(ctx, w)
}

// overlayTemplate is the dialog listing a failed build's problems. It is a non-modal
// <dialog open> with the role of an alert dialog: it is announced, takes the focus
// (autofocus), and closes with its button even without script (method=dialog).
var overlayTemplate = template.Must(template.New("overlay").Parse(`<dialog id="gazette-problems" class="gazette-problems" open role="alertdialog" aria-labelledby="gazette-problems-title" aria-describedby="gazette-problems-intro" lang="zh-Hans" dir="ltr" data-failure="{{.Failure}}">
<h2 id="gazette-problems-title">构建失败：{{len .Problems}} 个问题</h2>
<p id="gazette-problems-intro">网页仍是上次成功构建的内容。改正下列问题并保存后，页面会自动刷新。</p>
<ol class="gazette-problems-list">
{{- range .Problems}}
<li>{{if .File}}<code class="gazette-problems-where">{{.Where}}</code> {{end}}<span class="gazette-problems-msg">{{.Msg}}</span></li>
{{- end}}
</ol>
<form method="dialog"><button type="submit" autofocus>关闭</button></form>
</dialog>`))

func renderOverlay(ps []Problem, failure int) []byte {
	var b bytes.Buffer
	if err := overlayTemplate.Execute(&b, struct {
		Problems []Problem
		Failure  int
	}{ps, failure}); err != nil {
		// The template is fixed and its data plain: this cannot happen.
		return []byte(template.HTMLEscapeString(err.Error()))
	}
	return b.Bytes()
}

// describe names what changed, for the terminal.
func describe(changes []Change) string {
	switch len(changes) {
	case 0:
		return ""
	case 1:
		return changes[0].Path + " changed"
	}
	names := make([]string, 0, 3)
	for i, c := range changes {
		if i == 2 {
			names = append(names, fmt.Sprintf("%d more", len(changes)-2))
			break
		}
		names = append(names, c.Path)
	}
	return strings.Join(names, ", ") + " changed"
}
