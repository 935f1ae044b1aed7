package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// snapshot copies the executed copy at path to dst when it is fresh (see Fresh), and
// otherwise says why it is not.
func snapshot(src *notebook.Notebook, path, dst string, since time.Time) string {
	st, err := os.Stat(path)
	if err != nil {
		return "no executed copy"
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "no executed copy"
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		return err.Error()
	}
	nb, err := notebook.Read(dst)
	if err != nil {
		return "the executed copy does not parse"
	}
	return Fresh(src, nb, st.ModTime(), since)
}

// Fresh returns "" when an executed copy of the notebook src, written at ran, can stand
// for a run of it now: it holds the same cells, every cell ran cleanly, and it ran after
// since (the last change to the helpers). Otherwise it says why not.
func Fresh(src, executed *notebook.Notebook, ran, since time.Time) string {
	if i := src.FirstDifference(executed); i >= 0 {
		if len(executed.Cells) != len(src.Cells) {
			return "the executed copy has other cells"
		}
		return fmt.Sprintf("the executed copy has another cell %d", i)
	}
	if executed.Status != "ok" || len(executed.Problems()) > 0 {
		return "the executed copy did not run cleanly"
	}
	if ran.Before(since) {
		return "the helpers changed after the executed copy ran"
	}
	return ""
}

// newestInput is the time of the last change to what a notebook's outputs depend on
// besides its cells: the helpers' Go and JavaScript files (tests left out).
func newestInput(root string) time.Time {
	var newest time.Time
	filepath.WalkDir(filepath.Join(root, "helpers"), func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && d.Name() == "testdata":
			return filepath.SkipDir
		case d.IsDir() || strings.HasSuffix(p, "_test.go") || !(strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".js")):
			return nil
		}
		if st, err := d.Info(); err == nil && st.ModTime().After(newest) {
			newest = st.ModTime()
		}
		return nil
	})
	return newest
}

// execute runs the notebooks headless, one after the other, with the harness of the
// notebook tests, into dir, and leaves a copy of each clean run in opts.Executed for the
// next build and the browser test. GoNB takes the launcher's working directory as the
// Jupyter root, where charts copy echarts: a scratch folder in reports/ (inside the
// repository, where the harness finds the course's go.mod and venv), so that nothing
// lands in notebooks/.
func (o *Options) execute(ctx context.Context, pages []*Page, dir string) error {
	if len(pages) == 0 {
		return nil
	}
	scratch := filepath.Join(o.Root, "reports", "site-run")
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	for _, p := range pages {
		start := time.Now()
		nb, err := notebook.Execute(ctx, filepath.Join(o.Notebooks, p.Name), notebook.Options{OutDir: dir, JupyterRoot: scratch})
		if err != nil {
			return err
		}
		o.Log("%s: executed in %v", p.Name, time.Since(start).Round(100*time.Millisecond))
		if problems := nb.Problems(); len(problems) > 0 {
			return fmt.Errorf("%s does not run cleanly, so it is not published:\n%s", p.Name, strings.Join(problems, "\n---\n"))
		}
		if err := keep(p.Executed, filepath.Join(o.Executed, p.Name)); err != nil {
			o.Log("%s: not kept for later builds: %v", p.Name, err)
		}
	}
	return nil
}

// keep copies the file at src to dst, atomically: readers never see half a notebook.
func keep(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".site-*.ipynb")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

// chartsLoadFromSite checks that every chart's HTML looks for echarts at EchartsFile,
// where the site puts it.
func chartsLoadFromSite(nb *notebook.Notebook) error {
	for _, c := range nb.CodeCells() {
		for _, o := range c.Outputs {
			if _, ok := o.Data[notebook.ChartMIME]; !ok {
				continue
			}
			if !bytes.Contains(o.Data["text/html"], []byte(EchartsFile)) {
				return fmt.Errorf("%s: cell %d: the chart does not load echarts from %s; "+
					"if helpers/chart moved the asset, update site.EchartsFile", nb.Path, c.Index, EchartsFile)
			}
		}
	}
	return nil
}
