package serve

import (
	"bytes"
	"fmt"
	"net/http"
	"time"
)

// heartbeat keeps idle event streams open through proxies and lets the server notice
// closed ones.
const heartbeat = 20 * time.Second

// events is the server-sent event stream pages listen to. It sends, on connecting and
// then whenever they change:
//
//	event: build     data: the id of the site served; a page built from another
//	                 reloads (after a good rebuild, or a restart of serve)
//	event: problems  data: the dialog listing a failed build's problems, once per
//	                 failed build
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	wake := s.subscribe()
	defer s.unsubscribe(wake)
	fmt.Fprint(w, "retry: 1000\n\n")
	var sentBuild string
	sentFailed := -1
	if st := s.state(); st.overlay == nil {
		sentFailed = st.failed // problems already fixed are not news
	}
	for {
		st := s.state()
		if st.build != sentBuild && st.build != "" {
			fmt.Fprintf(w, "event: build\ndata: %s\n\n", st.build)
			sentBuild = st.build
		}
		if st.failed != sentFailed && st.overlay != nil {
			writeEvent(w, "problems", st.overlay)
		}
		sentFailed = st.failed
		flusher.Flush()
		select {
		case <-wake:
		case <-time.After(heartbeat):
			fmt.Fprint(w, ": heartbeat\n\n")
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// writeEvent sends data, which may hold line breaks, as one event.
func writeEvent(w http.ResponseWriter, name string, data []byte) {
	fmt.Fprintf(w, "event: %s\n", name)
	for _, line := range bytes.Split(data, []byte("\n")) {
		fmt.Fprintf(w, "data: %s\n", bytes.TrimSuffix(line, []byte("\r")))
	}
	fmt.Fprint(w, "\n")
}

func (s *Server) subscribe() chan struct{} {
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[ch] = true
	s.mu.Unlock()
	return ch
}

func (s *Server) unsubscribe(ch chan struct{}) {
	s.mu.Lock()
	delete(s.subs, ch)
	s.mu.Unlock()
}
