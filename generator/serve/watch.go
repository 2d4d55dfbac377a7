package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watch starts watching the content, layouts and static folders on disk, with every
// folder under them. fsnotify watches one folder at a time: folders created later are
// added by the loop as their creation is seen.
func (s *Server) watch() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching for changes: %w", err)
	}
	for _, dir := range []string{s.opt.ContentDir, s.opt.LayoutsDir, s.opt.StaticDir} {
		if dir == "" {
			continue
		}
		if err := addTree(w, dir); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder under it, except hidden ones (.git).
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != dir && os.IsNotExist(err) {
				return nil // gone while walking
			}
			return fmt.Errorf("watching %s: %w", p, err)
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.Add(p); err != nil {
			return fmt.Errorf("watching %s: %w", p, err)
		}
		return nil
	})
}

// loop rebuilds after each burst of changes until ctx ends.
func (s *Server) loop(ctx context.Context, w *fsnotify.Watcher) error {
	b := batch{quiet: s.opt.Tick, maxWait: 2 * time.Second}
	// One timer, set for when the pending changes are due: nothing runs while
	// nothing changes.
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	arm := func() {
		if at, ok := b.due(); ok {
			timer.Reset(time.Until(at))
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() && !strings.HasPrefix(filepath.Base(ev.Name), ".") {
					// A new folder: files may already be in it (mkdir -p, cp -r), and
					// their events came before the watch. The rebuild reads them all.
					if err := addTree(w, ev.Name); err != nil {
						fmt.Fprintf(s.opt.Log, "gazette: %v\n", err)
					}
				}
			}
			b.add(ev, time.Now())
			arm()
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// An overflow loses events: rebuild, as something surely changed.
			fmt.Fprintf(s.opt.Log, "gazette: watching for changes: %v\n", err)
			b.add(fsnotify.Event{Name: s.opt.ContentDir, Op: fsnotify.Write}, time.Now())
			arm()
		case now := <-timer.C:
			if changes := b.tick(now); changes != nil {
				s.Rebuild(describe(changes))
			}
			arm() // changes not due yet, if any
		}
	}
}
