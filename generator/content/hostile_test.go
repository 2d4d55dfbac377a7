package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/diag"
)

func TestFileSizeLimit(t *testing.T) {
	big := func(n int) *fstest.MapFile {
		head := "---\ntitle: 大文件\nsection: 政府文件\ndate: 2023-04-18\n---\n"
		return &fstest.MapFile{Data: append([]byte(head), bytes.Repeat([]byte("x"), n-len(head))...)}
	}
	fsys := validSite()
	fsys["2023/02/over.md"] = big(MaxFileSize + 1)
	fsys["2023/02/at.md"] = big(MaxFileSize)
	site, diags := load(t, fsys)
	wantDiags(t, diags, `2023/02/over.md:1: file is 20.0 MB, more than the 20.0 MB a content file may have`)
	if n := len(site.Issues[0].Documents); n != 2 {
		t.Errorf("%d documents, want tongzhi.md and at.md", n)
	}

	fsys = validSite()
	fsys["site.yaml"] = big(MaxFileSize + 100)
	if _, got := load(t, fsys); len(got) != 1 || !strings.HasPrefix(got[0], "site.yaml:1: file is 20.0 MB") {
		t.Errorf("an oversized site.yaml: %v", got)
	}
}

func TestOnlyRegularFilesAreRead(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/pipe.md"] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
	fsys["2023/02/link.md"] = &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("../../../etc/passwd")}
	fsys["2023/03"] = &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("/etc")}
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/link.md: note: symbolic link not followed`,
		`2023/02/pipe.md:1: is not a regular file`,
		`2023/03: note: symbolic link not followed`,
	)

	// A link that appears between the walk and the read is not read either.
	var d diag.List
	if _, ok := readContent(fsys, "2023/02/link.md", &d); ok || len(d) != 1 || !strings.Contains(d[0].Msg, "symbolic link") {
		t.Errorf("readContent of a link: ok=%v %v", ok, d)
	}
}

// TestSymlinksOnDisk: links to files and folders outside the content folder are never
// followed, through os.DirFS (which would follow them) and through an os.Root.
func TestSymlinksOnDisk(t *testing.T) {
	tmp := t.TempDir()
	outside := filepath.Join(tmp, "outside")
	content := filepath.Join(tmp, "content")
	secret := "---\ntitle: 机密文件\nsection: 政府文件\ndate: 2023-04-18\n---\n"
	for name, data := range map[string]string{
		"outside/secret.md":          secret,
		"outside/04/secret.md":       secret,
		"content/site.yaml":          siteYAML,
		"content/2023/02/_index.md":  issueIndex,
		"content/2023/02/tongzhi.md": "---\ntitle: 通知\nsection: 政府文件\ndate: 2023-04-18\n---\n",
	} {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"2023/02/secret.md":    filepath.Join(outside, "secret.md"),
		"2023/02/relative.md":  "../../../outside/secret.md",
		"2023/02/inside.md":    "tongzhi.md",
		"2023/04":              filepath.Join(outside, "04"),
		"2023/02/secret.mn.md": filepath.Join(outside, "secret.md"),
	} {
		if err := os.Symlink(target, filepath.Join(content, filepath.FromSlash(link))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	root, err := os.OpenRoot(content)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for name, fsys := range map[string]fs.FS{"os.DirFS": os.DirFS(content), "os.Root": root.FS()} {
		t.Run(name, func(t *testing.T) {
			site, diags := Load(fsys)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			wantDiags(t, got,
				`2023/02/inside.md: note: symbolic link not followed`,
				`2023/02/relative.md: note: symbolic link not followed`,
				`2023/02/secret.md: note: symbolic link not followed`,
				`2023/02/secret.mn.md: note: symbolic link not followed`,
				`2023/04: note: symbolic link not followed`,
			)
			for _, is := range site.Issues {
				for _, d := range is.Documents {
					if d.Title != "通知" {
						t.Errorf("read %s (%s) through a link", d.File, d.Title)
					}
				}
			}
		})
	}

	// site.yaml itself may not be a link.
	if err := os.Rename(filepath.Join(content, "site.yaml"), filepath.Join(outside, "site.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "site.yaml"), filepath.Join(content, "site.yaml")); err != nil {
		t.Fatal(err)
	}
	site, diags := Load(os.DirFS(content))
	if site != nil || len(diags) != 1 || diags[0].String() != "site.yaml:1: is a symbolic link: links in the content folder are not followed; copy the file here instead" {
		t.Errorf("a linked site.yaml: %v", diags)
	}
}

func TestUnsafeNames(t *testing.T) {
	fsys := validSite()
	fsys[`2023/02/a\..\evil.md`] = doc("title: 甲", "section: 政府文件", "date: 2023-04-18")
	fsys["2023/02/nul\x00.md"] = doc("title: 乙", "section: 政府文件", "date: 2023-04-18")
	fsys["2023/02/bell\a.md"] = doc("title: 丙", "section: 政府文件", "date: 2023-04-18")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/a\..\evil.md:1: file name holds a backslash (\); name files with letters, digits and -`,
		`2023/02/bell`+"\a"+`.md:1: file name holds the control character U+0007; name files with letters, digits and -`,
		"2023/02/nul\x00.md:1: file name holds the control character U+0000; name files with letters, digits and -",
	)
}

func TestSlugsCannotEscape(t *testing.T) {
	for _, slug := range []string{`"../../x"`, `/etc`, `"a\\b"`, `"a\0b"`, `..`, `.`, `"a/b"`, `"x\ty"`, `"C:"`} {
		fsys := validSite()
		fsys["2023/02/a.md"] = doc("title: 甲", "section: 政府文件", "date: 2023-04-18", "slug: "+slug)
		site, diags := load(t, fsys)
		if len(diags) != 1 || !strings.HasPrefix(diags[0], "2023/02/a.md:5: slug ") || !strings.Contains(diags[0], "is not a URL segment") {
			t.Errorf("slug: %s: %v", slug, diags)
		}
		for _, is := range site.Issues {
			for _, d := range is.Documents {
				if strings.ContainsAny(d.Path(), `\.:`+"\x00") || strings.Count(d.Path(), "/") != 2 {
					t.Errorf("slug: %s: a document has the path %q", slug, d.Path())
				}
			}
		}
	}
}

func TestSameURLNamesBothFiles(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/a.md"] = doc("title: 甲", "section: 政府文件", "date: 2023-04-18", "slug: same")
	fsys["2023/02/b.md"] = doc("title: 乙", "section: 政府文件", "date: 2023-04-18", "page: 3", "slug: same")
	// Same slug in another issue: another URL.
	addIssue(fsys, "2023/03", 2023, 3)
	fsys["2023/03/c.md"] = doc("title: 丙", "section: 政府文件", "date: 2023-05-18", "slug: same")
	// No slug and no number: the file name makes the URL, and clashes with a slug.
	fsys["2023/03/tongzhi.md"] = doc("title: 丁", "section: 政府文件", "date: 2023-05-18")
	fsys["2023/03/d.md"] = doc("title: 戊", "section: 政府文件", "date: 2023-05-18", "page: 9", "slug: tongzhi")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/b.md:6: URL 2023/02/same/ is also the URL of 2023/02/a.md:5: give one of them another slug`,
		`2023/03/d.md:6: URL 2023/03/tongzhi/ is also the URL of 2023/03/tongzhi.md:1: give one of them another slug`,
	)
}

func TestRawHTMLSetting(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
		diag string
	}{
		{"", false, ""},
		{"raw_html: true", true, ""},
		{"raw_html: false", false, ""},
		{"raw_html: yes", false, `site.yaml:4: raw_html: want true or false, got "yes"`},
	} {
		fsys := validSite()
		fsys["site.yaml"] = file(siteYAML + tt.line + "\n")
		site, diags := load(t, fsys)
		if tt.diag != "" {
			wantDiags(t, diags, tt.diag)
			continue
		}
		wantDiags(t, diags)
		if site.Config.RawHTML != tt.want {
			t.Errorf("%q: RawHTML = %v", tt.line, site.Config.RawHTML)
		}
	}
}

// TestTranslatedIssuersMatch: pages pair each translated issuer with the original's
// issuer page, so a translation must name as many (found by the hostile corpus: the
// build failed with a template index error).
func TestTranslatedIssuersMatch(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.md"] = doc("title: 通知", "section: 政府文件", "date: 2023-04-18", "issuers: [甲, 乙]")
	fsys["2023/02/tongzhi.mn.md"] = doc("title: ᠮᠣᠩᠭᠣᠯ", "issuers: [ᠠ]")
	_, diags := load(t, fsys)
	wantDiags(t, diags, `2023/02/tongzhi.mn.md:3: issuers: the translation names 1 issuers, 2023/02/tongzhi.md names 2; translate each of them, in the same order`)
}
