package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots writes full-page PNGs of the key pages and of the Mongolian
// translated document at desktop and phone width into the folder GAZETTE_SHOTS names
// (home-1280.png, home-375.png, …), for people to look at; nothing compares them. Without GAZETTE_SHOTS it does nothing.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("GAZETTE_SHOTS")
	if dir == "" {
		t.Skip("set GAZETTE_SHOTS to a folder to get screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	requireBrowser(t)
	pages := append(keyPages(t), mnKeyPages(t)...)
	// The document translated whole into Mongolian, beside the others' fallback.
	pages = append(pages, keyPage{"mn-translated", "mn/" + findDoc(t, translatedDocNumber).Path() + "/index.html"})
	for _, vp := range []struct {
		width, height int64
		opts          []chromedp.EmulateViewportOption
	}{
		{1280, 800, nil},
		{phoneWidth, phoneHeight, []chromedp.EmulateViewportOption{chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch}},
	} {
		t.Run(fmt.Sprint(vp.width), func(t *testing.T) {
			tb := newTab(t)
			tb.do("setting the viewport", chromedp.EmulateViewport(vp.width, vp.height, vp.opts...))
			for _, kp := range pages {
				tb.open(h.http(kp.path))
				png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100)) // 100: PNG
				if err != nil {
					t.Fatalf("screenshot of %s: %v", kp.path, err)
				}
				name := filepath.Join(dir, fmt.Sprintf("%s-%d.png", kp.name, vp.width))
				if err := os.WriteFile(name, png, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s (%s)", name, kp.path)
				tb.expectClean(kp.path)
			}
		})
	}
}
