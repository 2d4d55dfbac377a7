// Package browsertest checks the built site in a real browser: what only a browser can
// show, such as links followed by clicks, pages that scroll sideways on a phone, and
// accessibility rules that depend on layout and computed styles.
//
// The package has no code of its own; its tests share one harness (harness_test.go and
// tab_test.go). TestMain builds the site once from ../../content, ../../layouts and
// ../../static into a temporary folder, serves that folder with httptest under the
// sub-path /archive/gazette/ (so a root-relative link breaks visibly) and also offers it
// as a file:// URL, and starts one headless Chromium for the whole test binary. Each
// test opens its own tab with newTab, which records console errors, uncaught
// exceptions, failed requests and requests that leave the site; tab.expectClean turns
// them into test failures.
//
// Environment:
//
//	CI, GAZETTE_REQUIRE_BROWSER  when either is set, a missing Chromium or axe-core fails
//	                             the tests; otherwise they are skipped with a banner
//	AXE_CORE                     path to axe.min.js (default: the cache folder below)
//	GAZETTE_CACHE                cache folder of .ci/run (default ~/.cache/gazette);
//	                             axe-core is looked for in node_modules/axe-core there
//	GAZETTE_SHOTS                folder for full-page screenshots (not compared)
//	GAZETTE_CHROMIUM             another Chromium or Chrome binary (default: chromium)
//
// To add a browser check for a new feature, write a test in this package that calls
// newTab(t), opens a page with tab.open(h.http(path)) and ends with tab.expectClean.
package browsertest
